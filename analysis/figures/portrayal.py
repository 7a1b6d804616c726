"""The portrayal figure: how each person is quoted beside how the reporter presents them."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.style import (
    PALETTE,
    dots,
    empty,
    new_axes,
    new_figure,
    sampled_note,
    subset_note,
    titled,
    width_for,
)
from analysis.figures.summary import FigureData

__all__ = ["draw_quoted_vs_portrayed", "quoted_vs_portrayed"]


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
    return draw_quoted_vs_portrayed(
        FigureData.from_tables({"quotes": quotes, "portrayal": portrayal}, top=top), top=top)


def draw_quoted_vs_portrayed(data: FigureData, *, top: int = 15) -> Figure:
    """:func:`quoted_vs_portrayed` from the run's figure data
    (:mod:`analysis.figures.summary`)."""
    counts = data.portrayal_counts()
    n_quotes = pd.Series(data.raw_counts, dtype="int64")
    people, everyone = data.people(top)
    title = "Quoted vs portrayed: how people sound and how the reporter presents them"
    order = people[::-1]

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    labels = [f"{p} ({plural(int(n_quotes.get(p, 0)), 'quote')}, "
              f"{plural(int(counts['n_reporter'].get(p, 0)), 'mention')})" for p in order]
    fig = new_figure(width_for(labels, base=10.0), 2.6 + 0.4 * max(1, len(people)))
    left = new_axes(fig, 1, 2, 1)
    right = new_axes(fig, 1, 2, 2, sharey=left)
    if not people:
        right.set_axis_off()
        return empty(fig, left, title, "no quoted or mentioned people")
    step = 1
    for y, person in enumerate(order):
        if person in n_quotes.index:
            values = pd.Series(data.raw_values.get(person, np.zeros(0)), dtype=float)
            shown, k = dots(values.to_numpy())
            step = max(step, k)
            left.scatter(values if k == 1 else shown, [y] * len(shown), color=PALETTE[5], s=18,
                         zorder=2)
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
    # the legend in its own row under the panel's axis label, clear of the caption
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), ncols=3, frameon=False,
                 fontsize=9, borderaxespad=0, handlelength=1.2, columnspacing=1.0,
                 title="toward the person", title_fontsize=8)
    right.xaxis.labelpad = 2
    right.tick_params(labelleft=False)
    return titled(fig, title, subset_note(len(people), everyone, "person", "most quotes and "
                                          "mentions") + ". Sentiment of quotes: hybrid scorer; "
                  "portrayal: the NewsMTSC-trained target sentiment model "
                  "(analysis.targeted), on mentions outside quotation marks."
                  + sampled_note(step))
