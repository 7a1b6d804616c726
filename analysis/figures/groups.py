"""Figures by group (a metadata column such as the outlet) and over time.

The grouped tables come from :mod:`analysis.run.groups`; these functions draw them.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.figures.style import (
    GREY,
    KIND_COLOURS,
    PALETTE,
    empty,
    legend_above,
    mean_sd,
    n_right,
    named,
    new_axes,
    new_figure,
    plural,
    quote_sentiment_note,
    scorer_note,
    sentiment_rows,
    stacked_bars,
    subset_note,
    titled,
    width_for,
)
from analysis.run import groups as grouping

__all__ = ["grouped_figures", "kinds_by_group", "quotes_over_time", "sentiment_by_group",
           "who_is_quoted_by_group"]


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
    quotes = named(quotes)
    tables = _group_tables(documents, quotes)
    counts = grouping.document_counts(tables, by)
    speakers = grouping.speaker_counts(tables, by)
    title = f"Who is quoted, by {by}"
    shown_groups = _top_groups(counts, by, max_groups)
    totals = speakers.groupby("speaker")["n_quotes"].sum()
    order = sorted(totals.index, key=lambda s: (-totals[s], s))
    rows = order[:top]
    fig = new_figure(max(width_for(rows, 6.5), 2.8 + 0.08 * max(map(len, rows), default=0)
                      + 1.1 * len(shown_groups)), 2.9 + 0.34 * max(1, len(rows)))
    ax = fig.add_subplot()
    if not rows:
        return empty(fig, ax, title, f"no quote with a speaker among {len(quotes)} quotes")
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
                  [f"{g}\n{plural(int(info.loc[g, 'n_documents']), 'doc')}, "
                   f"{plural(int(info.loc[g, 'n_quotes']), 'quote')}" for g in shown_groups],
                  fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    n_att = int(quotes.speaker.notna().sum())
    note = (f"Quotes attributed to each speaker in the documents of each value of '{by}' "
            f"(counts; the groups differ in size: documents and quotes under each name). "
            f"{subset_note(len(rows), len(order), 'speaker', 'most quoted overall')}; "
            f"{_groups_note(counts, by, shown_groups)}; {len(quotes) - n_att} quotes without "
            f"a speaker not shown. A name is the same speaker across documents only as far "
            f"as the extractor resolved names.")
    return titled(fig, title, note)


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
    counts = grouping.document_counts(tables, by)
    shown = _top_groups(counts, by, max_groups)
    title = f"Sentiment of quotes, by {by}"
    fig = new_figure(width_for(shown), 2.6 + 0.42 * max(1, len(shown)))
    ax = new_axes(fig)
    data = quotes.assign(_g=quotes["doc_id"].astype(str).map(grouping.group_of(tables, by)))
    rows = shown[::-1]
    texts = []
    for y, group in enumerate(rows):
        part = data[data["_g"] == group]
        mean_sd(ax, part["sentiment"], y)
        texts.append(f"n = {plural(int(part['sentiment'].notna().sum()), 'quote')}, "
                     f"{plural(part['doc_id'].nunique(), 'doc')}")
    sentiment_rows(ax, rows, texts)
    note = (f"{quote_sentiment_note()}. "
            f"{_groups_note(counts, by, shown)}. Groups differ in topics, speakers and dates "
            f"as well as in '{by}': a difference here describes these quotes and is not by "
            f"itself evidence of a difference between the groups.")
    return titled(fig, title, note)


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
    counts = grouping.document_counts(tables, by)
    shown = _top_groups(counts, by, max_groups)
    kinds = grouping.kind_counts(tables, by)
    title = f"How speakers are quoted: direct, partial and indirect quotes, by {by}"
    fig = new_figure(width_for(shown), 2.6 + 0.42 * max(1, len(shown)))
    ax = new_axes(fig)
    table = (kinds.pivot_table(index=by, columns="kind", values="n", aggfunc="sum",
                               fill_value=0).reindex(index=shown[::-1], fill_value=0))
    ns = table.sum(axis=1)
    stacked_bars(ax, table.div(ns.where(ns > 0), axis=0).fillna(0), KIND_COLOURS)
    n_right(ax, list(range(len(ns))), [f"n = {n}" for n in ns])
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the group's quotes")
    legend_above(ax)
    note = (f"Kinds as the extractor (analysis.quotes) labels them; n = quotes. "
            f"{_groups_note(counts, by, shown)}. A share from a handful of quotes is fragile.")
    return titled(fig, title, note)


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
    table = grouping.over_time(tables, date_column, by=by, period=period)
    unit = grouping.PERIODS[period]
    title = (f"Quotes and their sentiment per {unit}" + (f", by {by}" if by else ""))
    fig = new_figure(8.5, 5.6)
    top, bottom = new_axes(fig, 2, 1, 1), new_axes(fig, 2, 1, 2)
    special = (grouping.NO_DATE, grouping.UNPARSEABLE)
    dated = table[~table["period"].isin(special)]
    bad = grouping.undated(tables, date_column)
    if dated.empty:
        top.set_axis_off()
        return empty(fig, bottom, title, f"no readable date in column '{date_column}' "
                                          f"({len(bad)} documents without one)")
    stamps = pd.PeriodIndex(dated["period"], freq=period)
    span = pd.period_range(stamps.min(), stamps.max(), freq=period)
    labels = [str(p) for p in span]
    xs = np.arange(len(labels))
    if by:
        counts = grouping.document_counts(tables, by)
        counts = counts[counts[by].isin(dated[by])]
        groups = _top_groups(counts, by, max_groups)
    else:
        groups = [None]
    width = 0.8 / len(groups)
    parts = {group: (dated if group is None else dated[dated[by] == group])
             .set_index("period").reindex(labels) for group in groups}
    # In each period the groups with quotes sit side by side, centred on its tick: a
    # group without quotes that period leaves no gap.
    present = np.array([parts[g]["n_quotes"].fillna(0).to_numpy() > 0 for g in groups])
    slot = np.cumsum(present, axis=0) - 1
    for n, group in enumerate(groups):
        part = parts[group]
        colour = PALETTE[n % len(PALETTE)]
        at = xs + (slot[n] - (present.sum(axis=0) - 1) / 2) * width
        has = present[n]
        top.bar(at[has], part["n_quotes"].to_numpy()[has], width=width, color=colour,
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
    bottom.axhline(0, color=GREY, lw=0.8)
    bottom.set_ylim(-1, 1)
    bottom.set_ylabel("mean sentiment")
    bottom.set_xlabel(unit)
    if by:
        legend_above(top, title=by)
    n_docs = len(documents)
    shown = "" if not by or len(groups) == len(counts) else (
        f" Showing {len(groups)} of {len(counts)} values of '{by}' (most documents).")
    undated_note = ("" if bad.empty else
                    f" {plural(len(bad), 'document')} not placed in time: "
                    + ", ".join(f"'{v}'" for v in bad[date_column].astype(str).head(3))
                    + (" …" if len(bad) > 3 else "") + " (see the undated table).")
    note = (f"{n_docs - len(bad)} of {plural(n_docs, 'document')} dated by column "
            f"'{date_column}', per {unit}.{undated_note}{shown} Bottom: mean sentiment of the "
            f"period's quotes ({scorer_note()}); bars ±1 SD only where there are two or more "
            f"quotes; numbers along the bottom: the quotes behind each mean. Few documents per period: read as "
            f"description.")
    return titled(fig, title, note)


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
        grouping.group_of(tables, group_by)
    if date_column:
        grouping.period_of(tables, date_column, period=period)
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
