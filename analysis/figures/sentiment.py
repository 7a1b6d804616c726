"""Figures of sentiment: of each speaker's quotes, and along an article."""

from __future__ import annotations

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

__all__ = ["draw_sentiment_along_article", "draw_sentiment_by_speaker",
           "sentiment_along_article", "sentiment_by_speaker"]


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


def sentiment_along_article(sentences: pd.DataFrame, quotes: pd.DataFrame, *,
                            max_documents: int = 8) -> Figure:
    """Sentence sentiment in reading order, one line per document; quoted sentences circled.

    Shows the first ``max_documents`` documents by id and says so.

    Examples
    --------
    >>> s = pd.DataFrame({"doc_id": ["b", "a", "a"], "sentence": [0, 0, 1],
    ...                   "sentiment": [0.1, 0.2, -0.1]})
    >>> q = pd.DataFrame({"doc_id": ["a"], "first_sentence": [1], "last_sentence": [1]})
    >>> fig = sentiment_along_article(s, q, max_documents=1)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['a (2 sentences)', 'sentence with a quote']
    """
    data = FigureData.from_tables({"sentences": sentences, "quotes": quotes},
                                  words=WordCounts(), max_documents=max_documents)
    return draw_sentiment_along_article(data)


def draw_sentiment_along_article(data: FigureData) -> Figure:
    """:func:`sentiment_along_article` from the run's figure data
    (:mod:`analysis.figures.summary`)."""
    title = "Sentiment along the article, sentence by sentence"
    fig = new_figure(8.5, 4.2)
    ax = new_axes(fig)
    if not data.n_sentences:
        return empty(fig, ax, title, "no sentences")
    shown = data.first_documents()
    n_documents = data.sentence_documents
    any_quoted = False
    for n, (doc_id, sents) in enumerate(shown.items()):
        sents = sents.sort_values("sentence", kind="stable")
        colour = PALETTE[n % len(PALETTE)]
        ax.plot(sents["sentence"], sents["sentiment"], marker="o", ms=3, color=colour,
                label=f"{str(doc_id)[:30]} ({plural(len(sents), 'sentence')})")
        mask = sents["sentence"].isin(data.quoted.get(doc_id, set()))
        any_quoted |= bool(mask.any())
        ax.scatter(sents.loc[mask, "sentence"], sents.loc[mask, "sentiment"], s=60,
                   facecolors="none", edgecolors=colour)
    handles, labels = ax.get_legend_handles_labels()
    if any_quoted:
        handles.append(Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec=GREY))
        labels.append("sentence with a quote")
    ax.legend(handles, labels, frameon=False, fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    ax.axhline(0, color=GREY, lw=0.8)
    ax.set_xlabel("sentence (reading order)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("sentiment (−1 to 1)")
    ax.set_ylim(-1, 1)
    n_sents = sum(len(s) for s in shown.values())
    which = (f"the first {len(shown)} of {n_documents:,} documents (by id)"
             if len(shown) < n_documents else f"all {plural(n_documents, 'document')}")
    note = (f"Each sentence scored by {scorer_note()}; {which}, {plural(n_sents, 'sentence')}. "
            f"Open circles: sentences that contain a quote or part of one.")
    return titled(fig, title, note)
