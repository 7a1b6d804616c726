"""Figures of stance: toward a target by speaker, and the stance-marker profile."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.style import (
    GREY,
    PALETTE,
    STANCE_COLOURS,
    count_table,
    empty,
    legend_above,
    n_right,
    new_axes,
    new_figure,
    plural,
    stacked_bars,
    subset_note,
    titled,
    width_for,
)
from analysis.figures.summary import DOCUMENT_UNIT as _DOCUMENT_UNIT
from analysis.figures.summary import FigureData

__all__ = ["draw_marker_profile", "draw_stance_by_speaker", "marker_profile",
           "stance_by_speaker"]


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
    return draw_stance_by_speaker(FigureData.from_tables({"quotes": quotes}, top=top),
                                  top=top, target=target)


def draw_stance_by_speaker(data: FigureData, *, top: int = 15,
                           target: str | None = None) -> Figure:
    """:func:`stance_by_speaker` from the run's figure data (:mod:`analysis.figures.summary`)."""
    target = target or data.stance_target()
    title = (f"Stance toward “{target}”, by speaker" if target else
             "Stance toward the target, by speaker (target not recorded in the table)")
    order, total = data.speaker_order(top)
    fig = new_figure(width_for(order), 2.6 + 0.36 * max(1, len(order)))
    ax = new_axes(fig)
    if "stance" not in data.quote_columns or not data.any_stance:
        return empty(fig, ax, "Stance by speaker: no stance in these tables",
                     "The quotes table has no stance labels: stance toward a target is "
                     "computed only when a target is given.")
    if not order:
        return empty(fig, ax, title, f"no quote with a speaker among {data.n_quotes} quotes")
    table = count_table(data.named_stances(), order[::-1])
    ns = table.sum(axis=1)
    stacked_bars(ax, table.div(ns, axis=0), STANCE_COLOURS)
    n_right(ax, list(range(len(ns))), [f"n = {n}" for n in ns])
    ax.set_xlabel("share of the speaker's quotes")
    ax.set_xlim(0, 1)
    legend_above(ax, title="label")
    note = (f"Each quote labelled by the stance classifier (analysis.stance) toward "
            f"{'“' + target + '”' if target else 'its target'}; n = quotes. "
            f"{subset_note(len(order), total, 'speaker', 'most quoted')}, "
            f"{plural(data.quote_documents, 'document')}. The classifier's accuracy is "
            f"measured in notebook 03; on quotes about another topic the labels mean nothing.")
    return titled(fig, title, note)


def marker_profile(markers: pd.DataFrame, *, min_tokens: int = 100, top: int = 6) -> Figure:
    """Stance markers per 1,000 words in whole texts and in each speaker's quotes, with counts.

    Rates from few words are unstable (one self-mention in a 22-word quote is 45
    per 1,000 words), so only speakers whose quotes total at least ``min_tokens``
    words are drawn (the ``top`` with most words); the caption says how many are
    left out.  The raw count stands above every bar.  A unit's words are counted once
    per document (its rows are consecutive in the table).

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
    return draw_marker_profile(FigureData.from_tables({"markers": markers}),
                               min_tokens=min_tokens, top=top)


def draw_marker_profile(data: FigureData, *, min_tokens: int = 100, top: int = 6) -> Figure:
    """:func:`marker_profile` from the run's figure data (:mod:`analysis.figures.summary`)."""
    title = "Stance markers per 1,000 words: whole texts and each speaker's quotes"
    fig = new_figure(8.5, 4.6)
    ax = new_axes(fig)
    if not data.n_marker_rows:
        return empty(fig, ax, title, "no stance-marker counts")
    counts = data.marker_counts
    words = pd.Series(data.marker_words, dtype="int64").sort_index()
    categories = list(data.categories)
    speakers = [u for u in words.index if u != _DOCUMENT_UNIT]
    eligible = sorted((u for u in speakers if words[u] >= min_tokens),
                      key=lambda u: (-words[u], u))
    units = ([_DOCUMENT_UNIT] if _DOCUMENT_UNIT in words.index else []) + eligible[:top]
    width = 0.8 / max(1, len(units))
    for n, unit in enumerate(units):
        xs = np.arange(len(categories)) + n * width
        raw = [int(counts.get(unit, {}).get(c, 0)) for c in categories]
        rates = [1000 * r / words[unit] if words[unit] else 0.0 for r in raw]
        name = "whole texts" if unit == _DOCUMENT_UNIT else unit
        colour = GREY if unit == _DOCUMENT_UNIT else PALETTE[(n - 1) % len(PALETTE)]
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
            f"Whole texts: {plural(data.marker_documents, 'document')}.")
    return titled(fig, title, note)
