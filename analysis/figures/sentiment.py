"""Figures of sentiment: of each speaker's quotes, and along an article."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from analysis.figures.style import (
    GREY,
    PALETTE,
    empty,
    mean_sd,
    new_axes,
    new_figure,
    plural,
    quote_sentiment_note,
    sampled_note,
    scorer_note,
    sentiment_rows,
    subset_note,
    titled,
    width_for,
)
from analysis.figures.summary import FigureData, WordCounts

__all__ = [
    "along_selection",
    "document_name",
    "draw_sentiment_along_article",
    "draw_sentiment_by_speaker",
    "sentence_ids",
    "sentiment_along_article",
    "sentiment_by_speaker",
]


def sentiment_by_speaker(quotes: pd.DataFrame, *, top: int = 15) -> Figure:
    """Sentiment of each speaker's quotes: every quote, the mean, ±1 SD for n ≥ 2, and n.

    Examples
    --------
    >>> q = pd.DataFrame({"doc_id": ["a"] * 3, "speaker": ["Ana", "Ana", "Bo"],
    ...                   "sentiment": [0.5, 0.1, -0.3]})
    >>> fig = sentiment_by_speaker(q)
    >>> [t.get_text() for t in fig.axes[0].texts]
    ['n = 1', 'n = 2']
    """
    return draw_sentiment_by_speaker(FigureData.from_tables({"quotes": quotes}, top=top),
                                     top=top)


def draw_sentiment_by_speaker(data: FigureData, *, top: int = 15) -> Figure:
    """:func:`sentiment_by_speaker` from the run's figure data
    (:mod:`analysis.figures.summary`)."""
    title = "How quoted speakers sound: sentiment of their quotes"
    order, total = data.speaker_order(top)
    fig = new_figure(width_for(order), 2.6 + 0.36 * max(1, len(order)))
    ax = new_axes(fig)
    if not order:
        return empty(fig, ax, title, f"no quote with a speaker among {data.n_quotes} quotes")
    rows = order[::-1]
    ns = []
    step = 1
    for y, speaker in enumerate(rows):
        values = pd.Series(data.values.get(speaker, np.zeros(0)), dtype=float)
        step = max(step, mean_sd(ax, values, y))
        ns.append(f"n = {values.notna().sum()}")
    sentiment_rows(ax, rows, ns)
    note = (f"{quote_sentiment_note()}; n = quotes. "
            f"{subset_note(len(order), total, 'speaker', 'most quoted')}: "
            f"{data.n_attributed} attributed quotes in "
            f"{plural(data.quote_documents, 'document')}. A mean of a few quotes describes "
            f"those quotes, not the speaker.{sampled_note(step)}")
    return titled(fig, title, note)


_HASH = re.compile(r"[0-9a-f]{12,}")


def document_name(doc_id: object, meta: pd.Series | None = None, *, width: int = 36) -> str:
    """A readable name for a document in a legend: its ``title`` metadata if it has one,
    else its file (with the row, for a row of a table), else its id; a long hexadecimal
    hash in it cut to six digits, and the whole shortened to ``width`` characters.

    Examples
    --------
    >>> document_name("000_eef1b9dedbf151ac", pd.Series({"file": "000_eef1b9dedbf151ac.txt"}))
    '000_eef1b9…'
    >>> document_name("mine:1", pd.Series({"file": "mine.csv", "row": 1}))
    'mine.csv, row 1'
    >>> document_name("x", pd.Series({"title": "Council backs tram extension to the east side"}))
    'Council backs tram extension to the…'
    """
    def present(key: str) -> bool:
        return meta is not None and key in meta and pd.notna(meta[key]) and \
            str(meta[key]).strip() != ""

    if present("title"):
        name = str(meta["title"]).strip()
    elif present("file") and present("row"):
        name = f"{meta['file']}, row {int(float(meta['row']))}"
    elif present("file"):
        name = str(meta["file"]).rsplit("/", 1)[-1].rsplit(".", 1)[0]
    else:
        name = str(doc_id)
    name = _HASH.sub(lambda m: m.group()[:6] + "…", " ".join(name.split()))
    return name if len(name) <= width else name[:width - 1].rstrip() + "…"


def sentence_ids(documents: pd.DataFrame) -> list:
    """The ids of the documents of a run's documents table that have sentences (the
    documents of the sentences table), sorted as text."""
    have = documents
    if "n_sentences" in documents.columns:
        have = documents[pd.to_numeric(documents["n_sentences"], errors="coerce") > 0]
    return sorted(have["doc_id"].dropna().unique(), key=str)


def along_selection(ids: Sequence, documents: pd.DataFrame | None, by: str | None,
                    max_documents: int) -> tuple[list, dict, str]:
    """The documents the figure along the article draws, out of ``ids`` (the documents
    with sentences): the first ``max_documents`` by id or, grouped ``by`` a column of
    ``documents``, taken in turn from each group; their groups; and the caption's words
    for the choice.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"]})
    >>> along_selection(["a", "b", "c"], docs, "outlet", 2)[0]
    ['a', 'c']
    >>> along_selection(["a", "b", "c"], None, None, 2)[2]
    'the first 2 of 3 documents (by id)'
    """
    ids = list(ids)
    if documents is None or not by or by not in documents.columns:
        shown = ids[:max_documents]
        which = (f"the first {len(shown)} of {len(ids):,} documents (by id)"
                 if len(shown) < len(ids) else f"all {plural(len(ids), 'document')}")
        return shown, {}, which
    from analysis.run.groups import group_of

    labels = group_of({"documents": documents}, by)
    group = {d: labels.get(str(d), "(no value)") for d in ids}
    members: dict[str, list] = {}
    for d in ids:
        members.setdefault(group[d], []).append(d)
    order = sorted(members, key=lambda g: (g.startswith("("), g))
    shown: list = []
    turn = 0
    while len(shown) < min(max_documents, len(ids)):
        for g in order:
            if turn < len(members[g]) and len(shown) < max_documents:
                shown.append(members[g][turn])
        turn += 1
    drawn = {group[d] for d in shown}
    if len(shown) == len(ids):
        which = f"all {plural(len(ids), 'document')}"
    elif len(drawn) == len(order):
        which = (f"{len(shown)} of {len(ids):,} documents, taken in turn from each of the "
                 f"{len(order)} values of '{by}' (first by id), so that every one is shown")
    else:
        which = (f"the first document (by id) of {len(drawn)} of the {len(order)} values of "
                 f"'{by}': {len(shown)} of {len(ids):,} documents")
    return sorted(shown, key=lambda d: (order.index(group[d]), str(d))), group, which


def sentiment_along_article(sentences: pd.DataFrame, quotes: pd.DataFrame, *,
                            documents: pd.DataFrame | None = None, by: str | None = None,
                            max_documents: int = 8) -> Figure:
    """Sentence sentiment in reading order, one line per document; quoted sentences circled.

    Sentences are numbered from 1.  Each line is named by the document's ``title`` (or
    its file, or its id: :func:`document_name`) when ``documents`` (the documents
    table) is given.  Shows at most ``max_documents`` documents and says which: the
    first by id or, grouped ``by`` a column of ``documents`` (such as the outlet), taken
    in turn from each group so that every group is represented (:func:`along_selection`).

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["b", "a", "a"], "sentence": [0, 0, 1],
    ...                   "sentiment": [0.1, 0.2, -0.1]})
    >>> q = pd.DataFrame({"doc_id": ["a"], "first_sentence": [1], "last_sentence": [1]})
    >>> fig = sentiment_along_article(s, q, max_documents=1)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['a (2 sentences)', 'sentence with a quote']
    >>> fig.axes[0].get_lines()[0].get_xdata().tolist()  # sentences from 1
    [1, 2]
    """
    ids = sorted(sentences["doc_id"].dropna().unique(), key=str)
    along = along_selection(ids, documents, by, max_documents)
    data = FigureData.from_tables({"sentences": sentences, "quotes": quotes},
                                  words=WordCounts(), along=along)
    return draw_sentiment_along_article(data, documents=documents)


def draw_sentiment_along_article(data: FigureData, *,
                                 documents: pd.DataFrame | None = None) -> Figure:
    """:func:`sentiment_along_article` from the run's figure data
    (:mod:`analysis.figures.summary`; its ``along`` choice of documents, else the first
    by id); ``documents`` names the lines."""
    title = "Sentiment along the article, sentence by sentence"
    fig = new_figure(8.5, 4.2)
    ax = new_axes(fig)
    if not data.n_sentences:
        return empty(fig, ax, title, "no sentences")
    shown = data.first_documents()
    if data.along is not None:
        _, group, which = data.along
    else:
        n_documents = data.sentence_documents
        group = {}
        which = (f"the first {len(shown)} of {n_documents:,} documents (by id)"
                 if len(shown) < n_documents else f"all {plural(n_documents, 'document')}")
    meta = (documents.assign(_key=documents["doc_id"].astype(str)).drop_duplicates("_key")
            .set_index("_key") if documents is not None and "doc_id" in documents else None)
    any_quoted = False
    for n, (doc_id, sents) in enumerate(shown.items()):
        sents = sents.sort_values("sentence", kind="stable")
        colour = PALETTE[n % len(PALETTE)]
        row = meta.loc[str(doc_id)] if meta is not None and str(doc_id) in meta.index else None
        name = document_name(doc_id, row) if meta is not None else str(doc_id)[:30]
        where = f"{group[doc_id]}, " if group else ""
        ax.plot(sents["sentence"] + 1, sents["sentiment"], marker="o", ms=3, color=colour,
                label=f"{name} ({where}{plural(len(sents), 'sentence')})")
        mask = sents["sentence"].isin(data.quoted.get(doc_id, set()))
        any_quoted |= bool(mask.any())
        ax.scatter(sents.loc[mask, "sentence"] + 1, sents.loc[mask, "sentiment"], s=60,
                   facecolors="none", edgecolors=colour)
    handles, labels = ax.get_legend_handles_labels()
    if any_quoted:
        handles.append(Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec=GREY))
        labels.append("sentence with a quote")
    ax.legend(handles, labels, frameon=False, fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlabel("sentence (reading order, from 1)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(left=0.5)
    ax.set_ylabel("sentiment (−1 to 1)")
    ax.set_ylim(-1, 1)
    n_sents = sum(len(s) for s in shown.values())
    note = (f"Each sentence scored by {scorer_note()}; {which}, {plural(n_sents, 'sentence')}. "
            f"Open circles: sentences that contain a quote or part of one.")
    return titled(fig, title, note)


