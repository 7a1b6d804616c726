"""Figures: one function per figure, tables in, matplotlib Figure out.

Figures are built with matplotlib's object API (:class:`matplotlib.figure.Figure`),
so importing this module changes no global state: no backend switch, no
``rcParams``.  In Jupyter a figure shows when it is the value of a cell (or
passed to ``display``); :func:`reproduce` writes every figure as PNG and SVG with
no backend at all.  Output is deterministic: fixed sort orders, a fixed SVG hash
salt and no dates in the files, so SVGs are byte-identical from run to run.

Every figure says what it shows in its title and, in a caption below, how it was
measured (method, target), how many units it rests on (n) and whether it shows
a subset ("top 15 of 63 speakers").  Rates and means carry their n; no spread is
drawn for a single value.  Colours are the Okabe–Ito colour-blind-safe palette.

Examples
--------
>>> from analysis.run.pipeline import analyse
>>> from analysis.paths import SEEDS
>>> fig = quotes_per_speaker(analyse(SEEDS, progress=False).quotes)
>>> fig.axes[0].get_xlabel(), fig.get_suptitle()
('quotes', 'Who is quoted: quotes per speaker, by kind')
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from analysis.run import groups as _groups

__all__ = ["FIGURES", "PALETTE", "figure_tables", "grouped_figures", "kinds_by_group",
           "learning_curve", "learning_curve_table", "load_tables", "marker_profile",
           "quotes_over_time", "quotes_per_speaker", "reproduce", "sentiment_along_article",
           "sentiment_by_group", "sentiment_by_speaker", "stance_by_speaker", "top_words",
           "who_is_quoted_by_group"]

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000"]
_KIND_COLOURS = {"direct": PALETTE[0], "partial": PALETTE[1], "indirect": PALETTE[2]}
_STANCE_COLOURS = {"favor": PALETTE[2], "against": PALETTE[3], "none": "#999999"}
_GREY = "#777777"
_DOTS = PALETTE[5]
#: Saved files: resolution, and the SVG hash salt that makes element ids stable.
_SAVE_DPI = 120
_SAVE_RC = {"svg.hashsalt": "analysis"}
#: Unit label of the document rows of the markers table.
_DOCUMENT_UNIT = "(document)"


# --------------------------------------------------------------------------- helpers
class _ShownFigure(Figure):
    """A Figure that Jupyter shows as a PNG when it is a cell's value.

    IPython displays a plain ``Figure`` as an image only once pyplot's inline
    backend has registered itself; this one needs neither pyplot nor a backend.
    Where the inline backend is active, its formatter takes precedence (same image).
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    return _ShownFigure(figsize=(width, height), layout="constrained")


def _axes(fig: Figure, *args: Any, **kwargs: Any) -> Axes:
    ax = fig.add_subplot(*args, **kwargs)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _label(fig: Figure, title: str, note: str) -> Figure:
    """The title (what is shown) on top; the note (method, n, subset) as a caption below."""
    width = fig.get_figwidth()
    fig.suptitle(textwrap.fill(title, width=int(width * 10)), x=0.01, ha="left",
                 fontsize=11, fontweight="bold")
    fig.supxlabel(textwrap.fill(note, width=int(width * 15)), x=0.01, ha="left", fontsize=8,
                  color="#333333")
    return fig


def _empty(fig: Figure, ax: Axes, title: str, message: str) -> Figure:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_axis_off()
    return _label(fig, title, message)


def _plural(n: int, unit: str) -> str:
    return f"{n:,} {unit}" + ("" if n == 1 else "s")


def _subset(shown: int, total: int, unit: str, order: str) -> str:
    if shown >= total:
        return f"All {_plural(total, unit)} shown"
    return f"Showing the top {shown} of {total:,} {unit}s ({order})"


def _scorer() -> str:
    from analysis.sentiment import DEFAULT_METHOD

    return f"the package's default scorer '{DEFAULT_METHOD}'"


_BLANK_NAME = "(empty name)"


def _named(quotes: pd.DataFrame) -> pd.DataFrame:
    """``quotes`` with blank speaker names made visible (an extractor slip, not a speaker)."""
    if "speaker" not in quotes:
        return quotes.assign(speaker=None)
    blank = quotes["speaker"].notna() & (quotes["speaker"].astype(str).str.strip() == "")
    return quotes.assign(speaker=quotes["speaker"].mask(blank, _BLANK_NAME)) if blank.any() \
        else quotes


def _speaker_order(quotes: pd.DataFrame, top: int) -> tuple[list[str], int]:
    """The ``top`` most quoted speakers (ties by name) and the number of speakers."""
    counts = quotes.dropna(subset=["speaker"]).groupby("speaker").size()
    order = sorted(counts.index, key=lambda s: (-counts[s], s))
    return order[:top], len(order)


def _speaker_figure(quotes: pd.DataFrame, top: int) -> tuple[Figure, Axes, list[str], int]:
    """A figure tall enough for one row per speaker, title, caption and legend."""
    order, total = _speaker_order(quotes, top)
    fig = _figure(_width_for(order), 2.6 + 0.36 * max(1, len(order)))
    return fig, _axes(fig), order, total


def _width_for(labels: list[str], base: float = 7.5) -> float:
    """A figure width that leaves the plot its room beside long tick labels."""
    longest = max((len(str(label)) for label in labels), default=0)
    return min(14.0, max(base, 4.8 + 0.08 * longest))


def _stacked_bars(ax: Axes, table: pd.DataFrame, colours: dict[str, str]) -> list[str]:
    """Horizontal bars stacked by column (rows bottom to top); returns the values drawn."""
    left = pd.Series(0.0, index=table.index)
    drawn = []
    for value, colour in colours.items():
        if value in table and table[value].sum() > 0:
            ax.barh(table.index, table[value], left=left, color=colour, label=value)
            left += table[value]
            drawn.append(value)
    return drawn


def _legend_above(ax: Axes, title: str | None = None) -> None:
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, title=title, frameon=False, ncols=len(handles),
                  loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2,
                  fontsize=9, title_fontsize=9, alignment="left")


def _n_right(ax: Axes, ys: list[float], texts: list[str]) -> None:
    """``n = …`` texts just right of the axes, one per row."""
    transform = ax.get_yaxis_transform()
    for y, text in zip(ys, texts, strict=True):
        ax.text(1.01, y, text, transform=transform, va="center", ha="left", fontsize=8)


def _mean_sd(ax: Axes, values: pd.Series, y: float, *, colour: str = PALETTE[0]) -> None:
    """Each value as a light dot, the mean as a dark dot, ±1 SD only when n ≥ 2."""
    values = values.dropna()
    jitter = ((np.arange(len(values)) % 5) - 2) * 0.06  # fixed, so figures are stable
    ax.scatter(values, y + jitter, color=_DOTS, s=16, alpha=0.8, zorder=2, linewidths=0)
    if len(values) >= 2:
        ax.errorbar(values.mean(), y, xerr=values.std(ddof=1), fmt="none", ecolor=colour,
                    capsize=4, zorder=3)
    if len(values):
        ax.scatter([values.mean()], [y], color=colour, s=36, zorder=4)


_SPREAD_NOTE = ("light dots: one per quote; dark dot: mean; bar: ±1 standard deviation, "
                "drawn only where there are two or more quotes")


# --------------------------------------------------------------------------- per speaker
def quotes_per_speaker(quotes: pd.DataFrame, *, top: int = 15) -> Figure:
    """Horizontal bars: number of quotes per speaker, stacked by kind, total at the bar end.

    Examples
    --------
    >>> q = pd.DataFrame({"doc_id": ["a"] * 3, "speaker": ["Ana", "Ana", None],
    ...                   "kind": ["direct", "direct", "indirect"]})
    >>> fig = quotes_per_speaker(q)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]  # only kinds drawn
    ['direct']
    """
    title = "Who is quoted: quotes per speaker, by kind"
    quotes = _named(quotes)
    fig, ax, order, total = _speaker_figure(quotes, top)
    if not order:
        return _empty(fig, ax, title, f"no quote with a speaker among {len(quotes)} quotes")
    table = (quotes[quotes.speaker.isin(order)].groupby(["speaker", "kind"]).size()
             .unstack(fill_value=0).reindex(index=order[::-1], fill_value=0))
    _stacked_bars(ax, table, _KIND_COLOURS)
    totals = table.sum(axis=1)
    for y, n in enumerate(totals):
        ax.text(n, y, f" {n}", va="center", ha="left", fontsize=8)
    ax.set_xlabel("quotes")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, totals.max() * 1.08)
    _legend_above(ax)
    attributed = int(quotes.speaker.notna().sum())
    note = (f"{_plural(len(quotes), 'quote')} in {_plural(quotes.doc_id.nunique(), 'document')}"
            f"; {attributed} attributed to {_plural(total, 'speaker')}, "
            f"{len(quotes) - attributed} without a speaker (not shown). "
            f"{_subset(len(order), total, 'speaker', 'most quoted')}. Quotes and speakers are "
            f"found automatically (analysis.quotes) and can be wrong: notebook 02 measures how "
            f"often.")
    return _label(fig, title, note)


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
    title = "How quoted speakers sound: sentiment of their quotes"
    quotes = _named(quotes)
    fig, ax, order, total = _speaker_figure(quotes, top)
    if not order:
        return _empty(fig, ax, title, f"no quote with a speaker among {len(quotes)} quotes")
    rows = order[::-1]
    ns = []
    for y, speaker in enumerate(rows):
        values = quotes.loc[quotes.speaker == speaker, "sentiment"]
        _mean_sd(ax, values, y)
        ns.append(f"n = {values.notna().sum()}")
    _n_right(ax, list(range(len(rows))), ns)
    ax.set_yticks(range(len(rows)), rows)
    ax.axvline(0, color=_GREY, lw=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("sentiment of the quote (−1 to 1)")
    note = (f"Each quote scored by {_scorer()} (−1 negative, 0 neutral, 1 positive); "
            f"{_SPREAD_NOTE}; n = quotes. "
            f"{_subset(len(order), total, 'speaker', 'most quoted')}: "
            f"{int(quotes.speaker.notna().sum())} attributed quotes in "
            f"{_plural(quotes.doc_id.nunique(), 'document')}. A mean of a few quotes describes "
            f"those quotes, not the speaker.")
    return _label(fig, title, note)


def _stance_target(quotes: pd.DataFrame, target: str | None) -> str | None:
    if target:
        return target
    for column in ("target", "stance_target"):
        if column in quotes:
            values = sorted(str(v) for v in quotes[column].dropna().unique())
            if values:
                return "; ".join(values)
    return None


def stance_by_speaker(quotes: pd.DataFrame, *, top: int = 15,
                      target: str | None = None) -> Figure:
    """Share of each speaker's quotes labelled favor / against / none toward the target.

    ``target`` names the stance target; by default it is read from a ``target``
    (or ``stance_target``) column of ``quotes`` when there is one.  Without a
    ``stance`` column the figure says that no stance was computed.

    Examples
    --------
    >>> q = pd.DataFrame({"doc_id": ["a"] * 2, "speaker": ["Ana", "Ana"],
    ...                   "stance": ["against", "none"]})
    >>> fig = stance_by_speaker(q, target="the tram")
    >>> fig.get_suptitle()
    'Stance toward “the tram”, by speaker'
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['against', 'none']
    """
    target = _stance_target(quotes, target)
    title = (f"Stance toward “{target}”, by speaker" if target else
             "Stance toward the target, by speaker (target not recorded in the table)")
    quotes = _named(quotes)
    fig, ax, order, total = _speaker_figure(quotes, top)
    if "stance" not in quotes or quotes["stance"].isna().all():
        return _empty(fig, ax, "Stance by speaker: no stance in these tables",
                      "The quotes table has no stance labels: stance toward a target is "
                      "computed only when a target is given.")
    if not order:
        return _empty(fig, ax, title, f"no quote with a speaker among {len(quotes)} quotes")
    table = (quotes[quotes.speaker.isin(order)].groupby(["speaker", "stance"]).size()
             .unstack(fill_value=0).reindex(index=order[::-1], fill_value=0))
    ns = table.sum(axis=1)
    _stacked_bars(ax, table.div(ns, axis=0), _STANCE_COLOURS)
    _n_right(ax, list(range(len(ns))), [f"n = {n}" for n in ns])
    ax.set_xlabel("share of the speaker's quotes")
    ax.set_xlim(0, 1)
    _legend_above(ax, title="label")
    note = (f"Each quote labelled by the stance classifier (analysis.stance) toward "
            f"{'“' + target + '”' if target else 'its target'}; n = quotes. "
            f"{_subset(len(order), total, 'speaker', 'most quoted')}, "
            f"{_plural(quotes.doc_id.nunique(), 'document')}. The classifier's accuracy is "
            f"measured in notebook 03; on quotes about another topic the labels mean nothing.")
    return _label(fig, title, note)


# --------------------------------------------------------------------------- per document
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
    title = "Sentiment along the article, sentence by sentence"
    fig = _figure(8.5, 4.2)
    ax = _axes(fig)
    if sentences.empty:
        return _empty(fig, ax, title, "no sentences")
    ids = sorted(sentences["doc_id"].unique(), key=str)
    shown = ids[:max_documents]
    any_quoted = False
    for n, doc_id in enumerate(shown):
        sents = sentences[sentences.doc_id == doc_id].sort_values("sentence", kind="stable")
        colour = PALETTE[n % len(PALETTE)]
        ax.plot(sents["sentence"], sents["sentiment"], marker="o", ms=3, color=colour,
                label=f"{str(doc_id)[:30]} ({_plural(len(sents), 'sentence')})")
        quoted: set[int] = set()
        for q in quotes[quotes.doc_id == doc_id].itertuples():
            if pd.notna(q.first_sentence):
                quoted.update(range(int(q.first_sentence), int(q.last_sentence) + 1))
        mask = sents["sentence"].isin(quoted)
        any_quoted |= bool(mask.any())
        ax.scatter(sents.loc[mask, "sentence"], sents.loc[mask, "sentiment"], s=60,
                   facecolors="none", edgecolors=colour)
    handles, labels = ax.get_legend_handles_labels()
    if any_quoted:
        handles.append(Line2D([], [], ls="none", marker="o", ms=8, mfc="none", mec=_GREY))
        labels.append("sentence with a quote")
    ax.legend(handles, labels, frameon=False, fontsize=8, loc="upper left",
              bbox_to_anchor=(1.01, 1.0))
    ax.axhline(0, color=_GREY, lw=0.8)
    ax.set_xlabel("sentence (reading order)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("sentiment (−1 to 1)")
    ax.set_ylim(-1, 1)
    n_sents = int(sentences.doc_id.isin(shown).sum())
    which = (f"the first {len(shown)} of {len(ids):,} documents (by id)" if len(shown) < len(ids)
             else f"all {_plural(len(ids), 'document')}")
    note = (f"Each sentence scored by {_scorer()}; {which}, {_plural(n_sents, 'sentence')}. "
            f"Open circles: sentences that contain a quote or part of one.")
    return _label(fig, title, note)


def _pooled_markers(markers: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Counts per (unit, category) and words per unit, pooled over documents."""
    counts = markers.groupby(["unit", "category"], sort=False)["count"].sum().unstack(
        fill_value=0)
    words = markers.drop_duplicates(["doc_id", "unit"]).groupby("unit")["n_tokens"].sum()
    return counts, words


def marker_profile(markers: pd.DataFrame, *, min_tokens: int = 100, top: int = 6) -> Figure:
    """Stance markers per 1,000 words in whole texts and in each speaker's quotes, with counts.

    Rates from few words are unstable (one self-mention in a 22-word quote is 45
    per 1,000 words), so only speakers whose quotes total at least ``min_tokens``
    words are drawn (the ``top`` with most words); the caption says how many are
    left out.  The raw count stands above every bar.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a"] * 4, "unit": ["(document)"] * 2 + ["Ana"] * 2,
    ...                   "category": ["hedge", "booster"] * 2, "count": [4, 2, 1, 0],
    ...                   "n_tokens": [400, 400, 22, 22]})
    >>> fig = marker_profile(m)
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['whole texts (400 words)']
    >>> sorted(t.get_text() for t in fig.axes[0].texts)
    ['2', '4']
    """
    title = "Stance markers per 1,000 words: whole texts and each speaker's quotes"
    fig = _figure(8.5, 4.6)
    ax = _axes(fig)
    if markers.empty:
        return _empty(fig, ax, title, "no stance-marker counts")
    counts, words = _pooled_markers(markers)
    categories = list(dict.fromkeys(markers.category))
    speakers = [u for u in words.index if u != _DOCUMENT_UNIT]
    eligible = sorted((u for u in speakers if words[u] >= min_tokens),
                      key=lambda u: (-words[u], u))
    units = ([_DOCUMENT_UNIT] if _DOCUMENT_UNIT in words.index else []) + eligible[:top]
    width = 0.8 / max(1, len(units))
    for n, unit in enumerate(units):
        xs = np.arange(len(categories)) + n * width
        raw = [int(counts.loc[unit].get(c, 0)) for c in categories]
        rates = [1000 * r / words[unit] if words[unit] else 0.0 for r in raw]
        name = "whole texts" if unit == _DOCUMENT_UNIT else unit
        colour = _GREY if unit == _DOCUMENT_UNIT else PALETTE[(n - 1) % len(PALETTE)]
        bars = ax.bar(xs, rates, width=width, color=colour,
                      label=f"{name} ({int(words[unit]):,} words)")
        ax.bar_label(bars, labels=[str(r) for r in raw], fontsize=7, padding=1)
    ax.set_xticks(np.arange(len(categories)) + 0.4 - width / 2,
                  [c.replace("_", " ") for c in categories])
    ax.set_ylabel("markers per 1,000 words")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    left_out = [u for u in speakers if u not in eligible[:top]]
    left_words = int(sum(words[u] for u in left_out))
    note = (f"Markers counted with the project's lexicons (analysis/data/stance); the number "
            f"above each bar is the raw count. Speakers drawn: those whose quotes total at "
            f"least {min_tokens} words ({len(eligible[:top])} of {len(speakers)}"
            f"{'; the ' + str(top) + ' with most words' if len(eligible) > top else ''}); "
            f"{len(left_out)} not drawn ({left_words:,} words in all), because in a short quote "
            f"one marker makes a large rate. "
            f"Whole texts: {_plural(markers.doc_id.nunique(), 'document')}.")
    return _label(fig, title, note)


def top_words(sentences: pd.DataFrame, *, top: int = 20) -> Figure:
    """The most frequent content words and the bigram collocations (log-likelihood).

    Examples
    --------
    >>> s = pd.DataFrame({"text": ["Tram plan wins.", "Tram plan fails."]})  # text is enough
    >>> top_words(s).axes[1].get_title(loc="left")
    'Collocations: bigrams seen ≥ 2 times (1 of 1)'
    """
    from analysis.text import Sentence, tokens
    from analysis.text.stats import collocation_table, folded_words, frequency_table

    fig = _figure(9.5, 5.4)
    left, right = _axes(fig, 1, 2, 1), _axes(fig, 1, 2, 2)
    # each row is one sentence already: tokenised as one, not split again
    docs = [folded_words(tokens(text, [Sentence(0, len(text), text, 0)]), stop_words=False)
            for text in sentences["text"]]
    every = frequency_table(w for words in docs for w in words)
    freq = every.head(top)
    left.barh(freq["word"][::-1], freq["count"][::-1], color=PALETTE[0])
    left.set_xlabel("count")
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    left.set_title(f"Most frequent content words ({len(freq)} of {len(every):,})", loc="left",
                   fontsize=10)
    coll = collocation_table(docs, "likelihood", 2, top=max(1, sum(map(len, docs))))
    shown = coll.head(12)
    if shown.empty:
        right.text(0.5, 0.5, "no bigram occurs twice", ha="center", va="center",
                   transform=right.transAxes)
        right.set_axis_off()
    else:
        bars = right.barh(shown["bigram"][::-1], shown["score"][::-1], color=PALETTE[1])
        right.bar_label(bars, labels=[f"×{c}" for c in shown["count"][::-1]], fontsize=7,
                        padding=2)
        right.set_xlabel("log-likelihood ratio")
        right.set_title(f"Collocations: bigrams seen ≥ 2 times ({len(shown)} of {len(coll)})",
                        loc="left", fontsize=10)
    n_words = int(every["count"].sum())
    where = (f" in {_plural(sentences.doc_id.nunique(), 'document')}" if "doc_id" in sentences
             else "")
    note = (f"{_plural(len(sentences), 'sentence')}{where}; {n_words:,} content words "
            f"(lower-cased; English stop words and numbers removed). Collocations: NLTK's "
            f"log-likelihood ratio over the same words; ×n: times the bigram occurs.")
    return _label(fig, "The vocabulary: frequent words and collocations", note)


# --------------------------------------------------------------------------- by group
def _group_tables(documents: pd.DataFrame, quotes: pd.DataFrame) -> dict[str, pd.DataFrame]:
    return {"documents": documents, "quotes": quotes}


def _top_groups(counts: pd.DataFrame, by: str, max_groups: int) -> list[str]:
    """Groups to draw: the ``max_groups`` with most documents, in label order."""
    ranked = sorted(counts[by], key=lambda g: (-int(counts.set_index(by).loc[g, "n_documents"]),
                                               g))
    keep = set(ranked[:max_groups])
    return [g for g in counts[by] if g in keep]


def _groups_note(counts: pd.DataFrame, by: str, shown: list[str]) -> str:
    total = len(counts)
    if len(shown) < total:
        return (f"showing {len(shown)} of {total} values of '{by}' (those with most "
                f"documents; every value is in the by_group tables)")
    return f"{total} values of '{by}'"


def who_is_quoted_by_group(documents: pd.DataFrame, quotes: pd.DataFrame, *, by: str,
                           top: int = 15, max_groups: int = 12) -> Figure:
    """Speaker × group counts: who is quoted by which outlet (or author, or year).

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> t = example_tables()
    >>> fig = who_is_quoted_by_group(t["documents"], t["quotes"], by="outlet")
    >>> [x.get_text() for x in fig.axes[0].get_xticklabels()]
    ['Courier\\n1 doc, 1 quote', 'Post\\n2 docs, 3 quotes']
    """
    quotes = _named(quotes)
    tables = _group_tables(documents, quotes)
    counts = _groups.document_counts(tables, by)
    speakers = _groups.speaker_counts(tables, by)
    title = f"Who is quoted, by {by}"
    shown_groups = _top_groups(counts, by, max_groups)
    totals = speakers.groupby("speaker")["n_quotes"].sum()
    order = sorted(totals.index, key=lambda s: (-totals[s], s))
    rows = order[:top]
    fig = _figure(max(_width_for(rows, 6.5), 2.8 + 0.08 * max(map(len, rows), default=0)
                      + 1.1 * len(shown_groups)), 2.9 + 0.34 * max(1, len(rows)))
    ax = fig.add_subplot()
    if not rows:
        return _empty(fig, ax, title, f"no quote with a speaker among {len(quotes)} quotes")
    grid = (speakers.pivot_table(index="speaker", columns=by, values="n_quotes",
                                 aggfunc="sum", fill_value=0)
            .reindex(index=rows, columns=shown_groups, fill_value=0))
    ax.imshow(grid.to_numpy(), cmap="Blues", aspect="auto", vmin=0)
    high = grid.to_numpy().max() or 1
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        ax.text(j, i, str(value) if value else "·", ha="center", va="center", fontsize=8,
                color="white" if value > 0.6 * high else "#222222")
    info = counts.set_index(by)
    ax.set_xticks(range(len(shown_groups)),
                  [f"{g}\n{_plural(int(info.loc[g, 'n_documents']), 'doc')}, "
                   f"{_plural(int(info.loc[g, 'n_quotes']), 'quote')}" for g in shown_groups],
                  fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    n_att = int(quotes.speaker.notna().sum())
    note = (f"Quotes attributed to each speaker in the documents of each value of '{by}' "
            f"(counts; the groups differ in size: documents and quotes under each name). "
            f"{_subset(len(rows), len(order), 'speaker', 'most quoted overall')}; "
            f"{_groups_note(counts, by, shown_groups)}; {len(quotes) - n_att} quotes without "
            f"a speaker not shown. A name is the same speaker across documents only as far "
            f"as the extractor resolved names.")
    return _label(fig, title, note)


def sentiment_by_group(documents: pd.DataFrame, quotes: pd.DataFrame, *, by: str,
                       max_groups: int = 12) -> Figure:
    """Sentiment of the quotes in each group: every quote, the mean, ±1 SD for n ≥ 2, and n.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> t = example_tables()
    >>> fig = sentiment_by_group(t["documents"], t["quotes"], by="outlet")
    >>> [x.get_text() for x in fig.axes[0].texts]  # bottom to top
    ['n = 3 quotes, 2 docs', 'n = 1 quote, 1 doc']
    """
    tables = _group_tables(documents, quotes)
    counts = _groups.document_counts(tables, by)
    shown = _top_groups(counts, by, max_groups)
    title = f"Sentiment of quotes, by {by}"
    fig = _figure(_width_for(shown), 2.6 + 0.42 * max(1, len(shown)))
    ax = _axes(fig)
    data = quotes.assign(_g=quotes["doc_id"].astype(str).map(_groups.group_of(tables, by)))
    rows = shown[::-1]
    texts = []
    for y, group in enumerate(rows):
        part = data[data["_g"] == group]
        _mean_sd(ax, part["sentiment"], y)
        texts.append(f"n = {_plural(int(part['sentiment'].notna().sum()), 'quote')}, "
                     f"{_plural(part['doc_id'].nunique(), 'doc')}")
    _n_right(ax, list(range(len(rows))), texts)
    ax.set_yticks(range(len(rows)), rows)
    ax.axvline(0, color=_GREY, lw=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("sentiment of the quote (−1 to 1)")
    note = (f"Each quote scored by {_scorer()} (−1 negative, 0 neutral, 1 positive); "
            f"{_SPREAD_NOTE}. "
            f"{_groups_note(counts, by, shown)}. Groups differ in topics, speakers and dates "
            f"as well as in '{by}': a difference here describes these quotes and is not by "
            f"itself evidence of a difference between the groups.")
    return _label(fig, title, note)


def kinds_by_group(documents: pd.DataFrame, quotes: pd.DataFrame, *, by: str,
                   max_groups: int = 12) -> Figure:
    """Share of direct, partial and indirect quotes in each group, with n.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> t = example_tables()
    >>> fig = kinds_by_group(t["documents"], t["quotes"], by="outlet")
    >>> [x.get_text() for x in fig.axes[0].get_legend().get_texts()]
    ['direct', 'partial', 'indirect']
    """
    tables = _group_tables(documents, quotes)
    counts = _groups.document_counts(tables, by)
    shown = _top_groups(counts, by, max_groups)
    kinds = _groups.kind_counts(tables, by)
    title = f"How speakers are quoted: direct, partial and indirect quotes, by {by}"
    fig = _figure(_width_for(shown), 2.6 + 0.42 * max(1, len(shown)))
    ax = _axes(fig)
    table = (kinds.pivot_table(index=by, columns="kind", values="n", aggfunc="sum",
                               fill_value=0).reindex(index=shown[::-1], fill_value=0))
    ns = table.sum(axis=1)
    _stacked_bars(ax, table.div(ns.where(ns > 0), axis=0).fillna(0), _KIND_COLOURS)
    _n_right(ax, list(range(len(ns))), [f"n = {n}" for n in ns])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the group's quotes")
    _legend_above(ax)
    note = (f"Kinds as the extractor (analysis.quotes) labels them; n = quotes. "
            f"{_groups_note(counts, by, shown)}. A share from a handful of quotes is fragile.")
    return _label(fig, title, note)


def quotes_over_time(documents: pd.DataFrame, quotes: pd.DataFrame, *, date_column: str,
                     by: str | None = None, period: str = "M", max_groups: int = 6) -> Figure:
    """Quotes per period and the mean sentiment of the period's quotes, per group if ``by``.

    Periods run from the first to the last dated document (a period without
    documents has no bar and no mean).  Undated documents are counted in the
    caption, never silently dropped.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> t = example_tables()
    >>> fig = quotes_over_time(t["documents"], t["quotes"], date_column="date")
    >>> [x.get_text() for x in fig.axes[1].get_xticklabels()]
    ['2024-01', '2024-02']
    """
    tables = _group_tables(documents, quotes)
    table = _groups.over_time(tables, date_column, by=by, period=period)
    unit = _groups.PERIODS[period]
    title = (f"Quotes and their sentiment per {unit}" + (f", by {by}" if by else ""))
    fig = _figure(8.5, 5.6)
    top, bottom = _axes(fig, 2, 1, 1), _axes(fig, 2, 1, 2)
    special = (_groups.NO_DATE, _groups.UNPARSEABLE)
    dated = table[~table["period"].isin(special)]
    bad = _groups.undated(tables, date_column)
    if dated.empty:
        top.set_axis_off()
        return _empty(fig, bottom, title, f"no readable date in column '{date_column}' "
                                          f"({len(bad)} documents without one)")
    stamps = pd.PeriodIndex(dated["period"], freq=period)
    span = pd.period_range(stamps.min(), stamps.max(), freq=period)
    labels = [str(p) for p in span]
    xs = np.arange(len(labels))
    if by:
        counts = _groups.document_counts(tables, by)
        counts = counts[counts[by].isin(dated[by])]
        groups = _top_groups(counts, by, max_groups)
    else:
        groups = [None]
    width = 0.8 / len(groups)
    for n, group in enumerate(groups):
        part = dated if group is None else dated[dated[by] == group]
        part = part.set_index("period").reindex(labels)
        colour = PALETTE[n % len(PALETTE)]
        at = xs + (n - (len(groups) - 1) / 2) * width
        top.bar(at, part["n_quotes"].fillna(0), width=width, color=colour,
                label=None if group is None else str(group))
        for x, mean, sd, k in zip(at, part["sentiment_mean"], part["sentiment_sd"],
                                  part["sentiment_n"], strict=True):
            if pd.isna(mean):
                continue
            if k >= 2 and pd.notna(sd):
                bottom.errorbar(x, mean, yerr=sd, fmt="none", ecolor=colour, capsize=3, lw=1)
            bottom.scatter([x], [mean], color=colour, s=24, zorder=3)
            bottom.text(x, -0.93, f"{int(k)}", ha="center", va="bottom", fontsize=7,
                        color=colour)
    for ax in (top, bottom):
        ax.set_xticks(xs, labels if ax is bottom else [""] * len(labels))
        ax.set_xlim(-0.5, len(labels) - 0.5)
    top.set_ylabel("quotes")
    top.yaxis.set_major_locator(MaxNLocator(integer=True))
    top.set_ylim(bottom=0)
    bottom.axhline(0, color=_GREY, lw=0.8)
    bottom.set_ylim(-1, 1)
    bottom.set_ylabel("mean sentiment")
    bottom.set_xlabel(unit)
    if by:
        _legend_above(top, title=by)
    n_docs = len(documents)
    shown = "" if not by or len(groups) == len(counts) else (
        f" Showing {len(groups)} of {len(counts)} values of '{by}' (most documents).")
    undated_note = ("" if bad.empty else
                    f" {_plural(len(bad), 'document')} not placed in time: "
                    + ", ".join(f"'{v}'" for v in bad[date_column].astype(str).head(3))
                    + (" …" if len(bad) > 3 else "") + " (see the undated table).")
    note = (f"{n_docs - len(bad)} of {_plural(n_docs, 'document')} dated by column "
            f"'{date_column}', per {unit}.{undated_note}{shown} Bottom: mean sentiment of the "
            f"period's quotes ({_scorer()}); bars ±1 SD only where there are two or more "
            f"quotes; numbers along the bottom: the quotes behind each mean. Few documents per period: read as "
            f"description.")
    return _label(fig, title, note)


def grouped_figures(tables: Mapping[str, pd.DataFrame], group_by: str | None = None, *,
                    date_column: str | None = None, period: str = "M") -> dict[str, Figure]:
    """The figures by group (``group_by``) and over time (``date_column``), by file stem.

    Raises :class:`analysis.run.groups.GroupingError` naming the available columns when
    a column does not exist.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> sorted(grouped_figures(example_tables(), "outlet", date_column="date"))
    ['kinds_by_group', 'quotes_over_time', 'sentiment_by_group', 'who_is_quoted_by_group']
    """
    if group_by:
        _groups.group_of(tables, group_by)
    if date_column:
        _groups.period_of(tables, date_column, period=period)
    documents, quotes = tables["documents"], tables["quotes"]
    out: dict[str, Figure] = {}
    if group_by:
        out["who_is_quoted_by_group"] = who_is_quoted_by_group(documents, quotes, by=group_by)
        out["sentiment_by_group"] = sentiment_by_group(documents, quotes, by=group_by)
        out["kinds_by_group"] = kinds_by_group(documents, quotes, by=group_by)
    if date_column:
        out["quotes_over_time"] = quotes_over_time(documents, quotes, date_column=date_column,
                                                   by=group_by, period=period)
    return out


# --------------------------------------------------------------------------- learning curves
def learning_curve_table(train_sizes: Any, test_scores: Any) -> pd.DataFrame:
    """A tidy table (``n_train``, ``fold``, ``score``) from scikit-learn's ``learning_curve``.

    Examples
    --------
    >>> learning_curve_table([10, 20], [[0.5, 0.6], [0.7, 0.7]]).to_dict("list")
    {'n_train': [10, 10, 20, 20], 'fold': [0, 1, 0, 1], 'score': [0.5, 0.6, 0.7, 0.7]}
    """
    scores = np.asarray(test_scores, dtype=float)
    rows = [{"n_train": int(size), "fold": fold, "score": float(scores[i, fold])}
            for i, size in enumerate(train_sizes) for fold in range(scores.shape[1])]
    return pd.DataFrame(rows, columns=["n_train", "fold", "score"])


def learning_curve(curve: pd.DataFrame, *, metric: str, data: str) -> Figure:
    """Held-out score against training-set size: each fold, the mean and ±1 SD.

    ``curve`` has columns ``n_train``, ``fold``, ``score`` (see
    :func:`learning_curve_table`); ``metric`` and ``data`` name what was measured
    on what.  The caption gives the change over the last step, so that a text
    about the curve can be checked against it.

    Examples
    --------
    >>> c = learning_curve_table([10, 20, 30], [[0.5, 0.6], [0.7, 0.7], [0.71, 0.73]])
    >>> fig = learning_curve(c, metric="F1", data="a toy set")
    >>> "last step (20 → 30 examples): +0.020" in fig.get_supxlabel().replace("\\n", " ")
    True
    """
    title = f"Learning curve: {metric} on held-out folds, {data}"
    fig = _figure(6.5, 4.0)
    ax = _axes(fig)
    if curve.empty:
        return _empty(fig, ax, title, "no scores")
    stats = curve.groupby("n_train")["score"].agg(["mean", "std", "size"]).sort_index()
    ax.scatter(curve["n_train"], curve["score"], color=_DOTS, s=14, zorder=2, linewidths=0,
               label="one fold")
    ax.errorbar(stats.index, stats["mean"], yerr=stats["std"].where(stats["size"] > 1),
                color=PALETTE[0], marker="o", capsize=3, zorder=3, label="mean ± 1 SD")
    ax.set_xlabel("training examples")
    ax.set_ylabel(metric)
    ax.set_ylim(0, 1)
    _legend_above(ax)
    folds = int(stats["size"].max())
    if len(stats) >= 2:
        (a, ma), (b, mb) = list(stats["mean"].items())[-2:]
        step = f" Change over the last step ({a} → {b} examples): {mb - ma:+.3f}."
    else:
        step = ""
    note = (f"{metric} on the held-out fold of each of {folds} cross-validation folds, for "
            f"training sets of {', '.join(str(n) for n in stats.index)} examples.{step}")
    return _label(fig, title, note)


# --------------------------------------------------------------------------- tables and files
_TOWARD_COLOURS = {"negative": PALETTE[3], "neutral": "#999999", "positive": PALETTE[2]}


def quoted_vs_portrayed(quotes: pd.DataFrame, portrayal: pd.DataFrame, *,
                        top: int = 15) -> Figure:
    """How each person sounds when quoted vs how the reporter's text presents them.

    Left: mean sentiment of the person's quotes (hybrid scorer), ±1 SD when there are
    at least two quotes.  Right: shares of the person's mentions in the reporter's own
    text that are negative / neutral / positive toward them
    (:func:`analysis.targeted.portrayal.portrayal`, the NewsMTSC-trained model).  ``portrayal``
    is the per-mention table or its summary (:func:`analysis.targeted.portrayal.portrayal_summary`,
    any number of documents); people are ordered by quotes + reporter mentions.

    Examples
    --------
    >>> q = pd.DataFrame({"speaker": ["A", "A", "B"], "sentiment": [0.2, -0.4, 0.1]})
    >>> p = pd.DataFrame({"entity": ["A", "C"], "n_reporter": [2, 1], "n_negative": [1, 0],
    ...                   "n_neutral": [1, 0], "n_positive": [0, 1]})
    >>> fig = quoted_vs_portrayed(q, p)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['C (0 quotes, 1 mention)', 'B (1 quote, 0 mentions)', 'A (2 quotes, 2 mentions)']
    """
    if "voice" in portrayal.columns:
        from analysis.targeted.portrayal import portrayal_summary

        portrayal = portrayal_summary(portrayal)
    if "person" in portrayal.columns and "entity" not in portrayal.columns:
        portrayal = portrayal.rename(columns={"person": "entity"})  # the pipeline's table
    counts = (portrayal.groupby("entity")[["n_reporter", "n_negative", "n_neutral",
                                             "n_positive"]].sum()
              if len(portrayal) else pd.DataFrame(columns=["n_reporter", "n_negative",
                                                           "n_neutral", "n_positive"]))
    said = quotes.dropna(subset=["speaker"]).groupby("speaker")["sentiment"]
    n_quotes = said.size()
    people = sorted(set(n_quotes.index) | set(counts.index[counts["n_reporter"] > 0]),
                    key=lambda p: (-(n_quotes.get(p, 0) + counts["n_reporter"].get(p, 0)), p))
    people = people[:top]
    title = "Quoted vs portrayed: how people sound and how the reporter presents them"
    order = people[::-1]

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    labels = [f"{p} ({plural(int(n_quotes.get(p, 0)), 'quote')}, "
              f"{plural(int(counts['n_reporter'].get(p, 0)), 'mention')})" for p in order]
    fig = _figure(_width_for(labels, base=10.0), 2.6 + 0.4 * max(1, len(people)))
    left = _axes(fig, 1, 2, 1)
    right = _axes(fig, 1, 2, 2, sharey=left)
    if not people:
        right.set_axis_off()
        return _empty(fig, left, title, "no quoted or mentioned people")
    for y, person in enumerate(order):
        if person in n_quotes.index:
            values = said.get_group(person)
            left.scatter(values, [y] * len(values), color=PALETTE[5], s=18, zorder=2)
            spread = values.std() if len(values) > 1 else None
            left.errorbar(values.mean(), y, xerr=spread, fmt="o", color=PALETTE[0],
                          capsize=4 if spread is not None else 0, zorder=3)
    left.set_yticks(range(len(order)), labels)
    left.axvline(0, color="#777777", lw=0.8)
    left.set_xlim(-1, 1)
    left.set_xlabel("sentiment of the person's quotes (hybrid, −1 to 1)")
    left.set_title(f"Quoted: how they sound (n = {int(n_quotes.reindex(people).sum())} quotes;"
                   f"\nmean ± SD, SD only for n ≥ 2)", fontsize=9)
    shown = counts.reindex(order).fillna(0)
    total = shown["n_reporter"].where(shown["n_reporter"] > 0)
    start = pd.Series(0.0, index=range(len(order)))
    for label, colour in _TOWARD_COLOURS.items():
        share = (shown[f"n_{label}"] / total).fillna(0).to_numpy()
        right.barh(range(len(order)), share, left=start, color=colour, label=label)
        start += share
    right.set_xlim(0, 1)
    right.set_xlabel("share of mentions")
    right.set_title(f"Portrayed: sentiment\ntoward them (n = "
                    f"{int(shown['n_reporter'].sum())}\nmentions by the reporter)", fontsize=9,
                    loc="left")
    right.set_xticks([0, 0.5, 1], ["0", "½", "1"])
    handles, names = right.get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower right", ncols=3, frameon=False, fontsize=9)
    right.tick_params(labelleft=False)
    everyone = len(set(n_quotes.index) | set(counts.index[counts["n_reporter"] > 0]))
    return _label(fig, title, _subset(len(people), everyone, "person", "most quotes and "
                                      "mentions") + ". Sentiment of quotes: hybrid scorer; "
                  "portrayal: the NewsMTSC-trained target sentiment model "
                  "(analysis.targeted), on mentions outside quotation marks.")


def figure_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The small tables behind the figures (committed for the seeds as expected values)."""
    q = tables["quotes"]
    agg: dict[str, Any] = {"n_quotes": ("quote", "size"),
                           "sentiment_mean": ("sentiment", "mean"),
                           "sentiment_sd": ("sentiment", lambda s: s.std(ddof=1)
                                            if s.notna().sum() > 1 else np.nan)}
    if "stance" in q:
        for label in ("against", "favor", "none"):
            agg[f"n_{label}"] = ("stance", lambda s, v=label: int((s == v).sum()))
    per_speaker = (q.dropna(subset=["speaker"]).groupby("speaker").agg(**agg)
                   .reset_index().sort_values("speaker", kind="stable"))
    per_speaker[["sentiment_mean", "sentiment_sd"]] = (
        per_speaker[["sentiment_mean", "sentiment_sd"]].astype(float).round(6))
    sentences = tables["sentences"][["doc_id", "sentence", "sentiment"]].copy()
    sentences["sentiment"] = sentences["sentiment"].round(6)
    markers = tables["markers"][["doc_id", "unit", "category", "count", "n_tokens"]]
    return {"figure_speakers": per_speaker.reset_index(drop=True),
            "figure_sentences": sentences.reset_index(drop=True),
            "figure_markers": markers.reset_index(drop=True)}


#: Figure name -> (function, tables it needs).
FIGURES: dict[str, tuple[Callable[..., Figure], tuple[str, ...]]] = {
    "quotes_per_speaker": (quotes_per_speaker, ("quotes",)),
    "sentiment_by_speaker": (sentiment_by_speaker, ("quotes",)),
    "stance_by_speaker": (stance_by_speaker, ("quotes",)),
    "sentiment_along_article": (sentiment_along_article, ("sentences", "quotes")),
    "marker_profile": (marker_profile, ("markers",)),
    "top_words": (top_words, ("sentences",)),
    "quoted_vs_portrayed": (quoted_vs_portrayed, ("quotes", "portrayal")),
}


def load_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read the tables written by ``run`` (CSV or Parquet) from ``folder``, exactly as
    they were written (:func:`analysis.run.output.read_table`: no guessing of missing
    values, so a text or a name ``NA`` stays ``NA``)."""
    from analysis.run.output import read_table

    folder = Path(folder)
    out = {}
    for name in ("documents", "sentences", "quotes", "speakers", "markers", "portrayal"):
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        if parquet.exists():
            out[name] = read_table(parquet, name)
        elif csv.exists():
            out[name] = read_table(csv, name)
    return out


def _save(fig: Figure, stem: Path) -> list[Path]:
    """PNG and SVG of ``fig``, byte-stable (no dates, fixed SVG ids)."""
    paths = [stem.with_suffix(".png"), stem.with_suffix(".svg")]
    with matplotlib.rc_context(_SAVE_RC):
        fig.savefig(paths[0], dpi=_SAVE_DPI, metadata={"Software": None})
        fig.savefig(paths[1], metadata={"Date": None})
    return paths


def reproduce(tables: str | Path | Mapping[str, pd.DataFrame], out: str | Path,
              group_by: str | None = None, *, date_column: str | None = None,
              period: str = "M", target: str | None = None) -> list[Path]:
    """Write every figure (PNG and SVG) and the tables behind them (CSV) into ``out``.

    ``tables`` is a folder written by ``python -m analysis run`` or the tables
    themselves.  With ``group_by`` (a column of the documents table, such as
    ``outlet``) the figures by group are drawn too and the grouped tables written
    as ``by_group_*.csv``; with ``date_column`` the figure over time and
    ``over_time.csv`` / ``undated.csv``.  A column that does not exist raises
    :class:`analysis.run.groups.GroupingError` listing the columns there are, before
    any file is written.  ``target`` names the stance target in the stance figure.
    Returns the paths written, in a fixed order.
    """
    data = load_tables(tables) if isinstance(tables, str | Path) else dict(tables.items())
    grouped = (_groups.group_tables(data, group_by, date_column=date_column, period=period)
               if group_by or date_column else {})
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, (fn, needs) in FIGURES.items():
        if any(n not in data for n in needs):
            continue  # a table the run did not write (an older run: no portrayal)
        if fn is stance_by_speaker and "stance" not in data["quotes"].columns:
            continue  # no stance target was given: no stance to draw
        kwargs = {"target": target} if fn is stance_by_speaker else {}
        written += _save(fn(*(data[n] for n in needs), **kwargs), out / name)
    if grouped:
        for name, fig in grouped_figures(data, group_by, date_column=date_column,
                                         period=period).items():
            written += _save(fig, out / name)
    for name, frame in {**figure_tables(data), **grouped}.items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    return written
