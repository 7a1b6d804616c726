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
    empty,
    legend_above,
    named,
    plural,
    speaker_figure,
    stacked_bars,
    subset_note,
    titled,
)

__all__ = ["quotes_per_speaker"]


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
    quotes = named(quotes)
    fig, ax, order, total = speaker_figure(quotes, top)
    if not order:
        return empty(fig, ax, title, f"no quote with a speaker among {len(quotes)} quotes")
    table = (quotes[quotes.speaker.isin(order)].groupby(["speaker", "kind"]).size()
             .unstack(fill_value=0).reindex(index=order[::-1], fill_value=0))
    stacked_bars(ax, table, KIND_COLOURS)
    totals = table.sum(axis=1)
    for y, n in enumerate(totals):
        ax.text(n, y, f" {n}", va="center", ha="left", fontsize=8)
    ax.set_xlabel("quotes")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, totals.max() * 1.08)
    legend_above(ax)
    attributed = int(quotes.speaker.notna().sum())
    note = (f"{plural(len(quotes), 'quote')} in {plural(quotes.doc_id.nunique(), 'document')}"
            f"; {attributed} attributed to {plural(total, 'speaker')}, "
            f"{len(quotes) - attributed} without a speaker (not shown). "
            f"{subset_note(len(order), total, 'speaker', 'most quoted')}. Quotes and speakers are "
            f"found automatically (analysis.quotes) and can be wrong: notebook 02 measures how "
            f"often.")
    return titled(fig, title, note)
