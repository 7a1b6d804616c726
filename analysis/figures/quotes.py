"""Figures of who is quoted.

Examples
--------
>>> import pandas as pd
>>> q = pd.DataFrame({"doc_id": ["a"] * 2, "speaker": ["Ana", "Ana"],
...                   "kind": ["direct", "indirect"]})
>>> quotes_per_speaker(q).axes[0].get_xlabel()
'quotes'
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.figures.style import (
    KIND_COLOURS,
    count_table,
    empty,
    legend_above,
    new_axes,
    new_figure,
    plural,
    stacked_bars,
    subset_note,
    titled,
    width_for,
)
from analysis.figures.summary import FigureData

__all__ = ["draw_quotes_per_speaker", "quotes_per_speaker"]


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
    return draw_quotes_per_speaker(FigureData.from_tables({"quotes": quotes}, top=top), top=top)


def draw_quotes_per_speaker(data: FigureData, *, top: int = 15) -> Figure:
    """:func:`quotes_per_speaker` from the run's figure data (:mod:`analysis.figures.summary`)."""
    title = "Who is quoted: quotes per speaker, by kind"
    order, total = data.speaker_order(top)
    fig = new_figure(width_for(order), 2.6 + 0.36 * max(1, len(order)))
    ax = new_axes(fig)
    if not order:
        return empty(fig, ax, title, f"no quote with a speaker among {data.n_quotes} quotes")
    table = count_table(data.named_kinds(), order[::-1])
    stacked_bars(ax, table, KIND_COLOURS)
    totals = table.sum(axis=1)
    for y, n in enumerate(totals):
        ax.text(n, y, f" {n}", va="center", ha="left", fontsize=8)
    ax.set_xlabel("quotes")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, totals.max() * 1.08)
    legend_above(ax)
    attributed = data.n_attributed
    note = (f"{plural(data.n_quotes, 'quote')} in {plural(data.quote_documents, 'document')}"
            f"; {attributed} attributed to {plural(total, 'speaker')}, "
            f"{data.n_quotes - attributed} without a speaker (not shown). "
            f"{subset_note(len(order), total, 'speaker', 'most quoted')}. Quotes and speakers are "
            f"found automatically (analysis.quotes) and can be wrong: notebook 02 measures how "
            f"often.")
    return titled(fig, title, note)
