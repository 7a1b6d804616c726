"""Figures of stance: toward a target by speaker, and the stance-marker profile."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.style import (
    GREY,
    PALETTE,
    STANCE_COLOURS,
    empty,
    legend_above,
    n_right,
    named,
    new_axes,
    new_figure,
    plural,
    speaker_figure,
    stacked_bars,
    subset_note,
    titled,
)

__all__ = ["marker_profile", "stance_by_speaker"]


#: Unit label of the document rows of the markers table.
_DOCUMENT_UNIT = "(document)"


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
    quotes = named(quotes)
    fig, ax, order, total = speaker_figure(quotes, top)
    if "stance" not in quotes or quotes["stance"].isna().all():
        return empty(fig, ax, "Stance by speaker: no stance in these tables",
                     "The quotes table has no stance labels: stance toward a target is "
                     "computed only when a target is given.")
    if not order:
        return empty(fig, ax, title, f"no quote with a speaker among {len(quotes)} quotes")
    table = (quotes[quotes.speaker.isin(order)].groupby(["speaker", "stance"]).size()
             .unstack(fill_value=0).reindex(index=order[::-1], fill_value=0))
    ns = table.sum(axis=1)
    stacked_bars(ax, table.div(ns, axis=0), STANCE_COLOURS)
    n_right(ax, list(range(len(ns))), [f"n = {n}" for n in ns])
    ax.set_xlabel("share of the speaker's quotes")
    ax.set_xlim(0, 1)
    legend_above(ax, title="label")
    note = (f"Each quote labelled by the stance classifier (analysis.stance) toward "
            f"{'“' + target + '”' if target else 'its target'}; n = quotes. "
            f"{subset_note(len(order), total, 'speaker', 'most quoted')}, "
            f"{plural(quotes.doc_id.nunique(), 'document')}. The classifier's accuracy is "
            f"measured in notebook 03; on quotes about another topic the labels mean nothing.")
    return titled(fig, title, note)


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
    fig = new_figure(8.5, 4.6)
    ax = new_axes(fig)
    if markers.empty:
        return empty(fig, ax, title, "no stance-marker counts")
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
            f"Whole texts: {plural(markers.doc_id.nunique(), 'document')}.")
    return titled(fig, title, note)
