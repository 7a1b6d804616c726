"""The figures' shared style: palette, figure and axes, title and caption, saving.

Figures are built with matplotlib's object API (:class:`matplotlib.figure.Figure`),
so importing the package changes no global state: no backend switch, no
``rcParams``.  :class:`ShownFigure` shows as a PNG when it is the value of a Jupyter
cell; :func:`save` writes PNG and SVG with no backend at all, byte-stable (fixed SVG
hash salt, no dates).  Every figure says what it shows in its title and, in a caption
below, how it was measured, how many units it rests on and whether it shows a subset
(:func:`titled`, :func:`subset_note`).  Colours are the Okabe–Ito colour-blind-safe
palette.

Examples
--------
>>> fig = titled(new_figure(4, 3), "What is shown", "how it was measured; n = 3")
>>> fig.get_suptitle()
'What is shown'
>>> subset_note(15, 63, "speaker", "most quoted")
'Showing the top 15 of 63 speakers (most quoted)'
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["BLANK_NAME", "DEFAULT_FORMATS", "DOTS", "FORMATS", "GREY", "KIND_COLOURS",
           "MAX_DOTS", "PALETTE", "SAVE_DPI", "SAVE_RC", "SPREAD_NOTE", "STANCE_COLOURS",
           "ShownFigure", "count_table", "described", "dots", "empty", "legend_above", "mean_sd", "n_right",
           "named", "new_axes", "new_figure", "plural", "quote_sentiment_note", "sampled_note",
           "save", "scorer_note", "sentiment_rows", "speaker_figure", "speaker_order",
           "stacked_bars", "subset_note", "titled", "width_for"]


#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000"]
#: Colours of the quote kinds and of the stance labels, in every figure.
KIND_COLOURS = {"direct": PALETTE[0], "partial": PALETTE[1], "indirect": PALETTE[2]}
STANCE_COLOURS = {"favor": PALETTE[2], "against": PALETTE[3], "none": "#999999"}
#: Secondary lines and text; the light dots of single values.
GREY = "#777777"
DOTS = PALETTE[5]
#: Saved files: resolution, and the SVG hash salt that makes element ids stable.
SAVE_DPI = 120
SAVE_RC = {"svg.hashsalt": "analysis"}
#: The formats :func:`save` writes unless told otherwise, and those it can write.
DEFAULT_FORMATS = ("png",)
FORMATS = ("png", "svg", "pdf")
#: At most this many quotes of one row are drawn as dots (every k-th beyond that, said in
#: the caption); means and spreads use every quote.
MAX_DOTS = 5_000


class ShownFigure(Figure):
    """A Figure that Jupyter shows as a PNG when it is a cell's value.

    IPython displays a plain ``Figure`` as an image only once pyplot's inline
    backend has registered itself; this one needs neither pyplot nor a backend.
    Where the inline backend is active, its formatter takes precedence (same image).
    """

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        self.savefig(buffer, format="png")
        return buffer.getvalue()


def new_figure(width: float, height: float) -> Figure:
    """A :class:`ShownFigure` of that size, with constrained layout."""
    return ShownFigure(figsize=(width, height), layout="constrained")


def new_axes(fig: Figure, *args: Any, **kwargs: Any) -> Axes:
    """``fig.add_subplot(*args, **kwargs)`` without the top and right spines."""
    ax = fig.add_subplot(*args, **kwargs)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def titled(fig: Figure, title: str, note: str) -> Figure:
    """The title (what is shown) on top; the note (method, n, subset) as a caption below."""
    width = fig.get_figwidth()
    fig.suptitle(textwrap.fill(title, width=int(width * 10)), x=0.01, ha="left",
                 fontsize=11, fontweight="bold")
    fig.supxlabel(textwrap.fill(note, width=int(width * 15)), x=0.01, ha="left", fontsize=8,
                  color="#333333")
    return fig


def empty(fig: Figure, ax: Axes, title: str, message: str) -> Figure:
    """A figure that says why there is nothing to draw (``message``, also its caption)."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, wrap=True)
    ax.set_axis_off()
    return titled(fig, title, message)


def plural(n: int, unit: str) -> str:
    """``"1 quote"``, ``"1,204 quotes"``."""
    return f"{n:,} {unit}" + ("" if n == 1 else "s")


def subset_note(shown: int, total: int, unit: str, order: str) -> str:
    """What part of the units a figure shows, for its caption."""
    if shown >= total:
        return f"All {plural(total, unit)} shown"
    return f"Showing the top {shown} of {total:,} {unit}s ({order})"


def scorer_note() -> str:
    """How the sentiment in a figure was scored, for its caption."""
    from analysis.sentiment import DEFAULT_METHOD

    return f"the package's default scorer '{DEFAULT_METHOD}'"


BLANK_NAME = "(empty name)"


def named(quotes: pd.DataFrame) -> pd.DataFrame:
    """``quotes`` with blank speaker names made visible (an extractor slip, not a speaker)."""
    if "speaker" not in quotes:
        return quotes.assign(speaker=None)
    blank = quotes["speaker"].notna() & (quotes["speaker"].astype(str).str.strip() == "")
    return quotes.assign(speaker=quotes["speaker"].mask(blank, BLANK_NAME)) if blank.any() \
        else quotes


def speaker_order(quotes: pd.DataFrame, top: int) -> tuple[list[str], int]:
    """The ``top`` most quoted speakers (ties by name) and the number of speakers."""
    counts = quotes.dropna(subset=["speaker"]).groupby("speaker").size()
    order = sorted(counts.index, key=lambda s: (-counts[s], s))
    return order[:top], len(order)


def speaker_figure(quotes: pd.DataFrame, top: int) -> tuple[Figure, Axes, list[str], int]:
    """A figure tall enough for one row per speaker, title, caption and legend."""
    order, total = speaker_order(quotes, top)
    fig = new_figure(width_for(order), 2.6 + 0.36 * max(1, len(order)))
    return fig, new_axes(fig), order, total


def width_for(labels: list[str], base: float = 7.5) -> float:
    """A figure width that leaves the plot its room beside long tick labels."""
    longest = max((len(str(label)) for label in labels), default=0)
    return min(14.0, max(base, 4.8 + 0.08 * longest))


def count_table(counts: Mapping[Any, Mapping[str, int]], rows: list[Any]) -> pd.DataFrame:
    """Counts by row (``rows``, in order) and label (columns sorted; the labels the rows
    have), zero where a row lacks a label: what ``groupby([row, label]).size().unstack()``
    gives, from counts already made.

    Examples
    --------
    >>> count_table({"Ana": {"direct": 2}, "Bo": {"indirect": 1}}, ["Bo", "Ana"]).values.tolist()
    [[0, 1], [2, 0]]
    """
    columns = sorted({label for r in rows for label, n in counts.get(r, {}).items() if n})
    return pd.DataFrame([[int(counts.get(r, {}).get(c, 0)) for c in columns] for r in rows],
                        index=pd.Index(rows), columns=pd.Index(columns), dtype="int64")


def dots(values: np.ndarray) -> tuple[np.ndarray, int]:
    """The values drawn as dots: all of them, or, beyond :data:`MAX_DOTS`, every k-th
    (an evenly spaced sample, so that a speaker quoted a million times draws as fast as
    one quoted a thousand times); and the k."""
    step = max(1, -(-len(values) // MAX_DOTS))
    return (values[::step] if step > 1 else values), step


def stacked_bars(ax: Axes, table: pd.DataFrame, colours: dict[str, str]) -> list[str]:
    """Horizontal bars stacked by column (rows bottom to top); returns the values drawn."""
    left = pd.Series(0.0, index=table.index)
    drawn = []
    for value, colour in colours.items():
        if value in table and table[value].sum() > 0:
            ax.barh(table.index, table[value], left=left, color=colour, label=value)
            left += table[value]
            drawn.append(value)
    return drawn


def legend_above(ax: Axes, title: str | None = None) -> None:
    """The legend in one row above the axes (nothing when nothing is labelled)."""
    handles, labels = ax.get_legend_handles_labels()
    if handles:
        ax.legend(handles, labels, title=title, frameon=False, ncols=len(handles),
                  loc="lower left", bbox_to_anchor=(0, 1.0), borderaxespad=0.2,
                  fontsize=9, title_fontsize=9, alignment="left")


def n_right(ax: Axes, ys: list[float], texts: list[str]) -> None:
    """``n = …`` texts just right of the axes, one per row."""
    transform = ax.get_yaxis_transform()
    for y, text in zip(ys, texts, strict=True):
        ax.text(1.01, y, text, transform=transform, va="center", ha="left", fontsize=8)


def mean_sd(ax: Axes, values: pd.Series, y: float, *, colour: str = PALETTE[0]) -> int:
    """Each value as a light dot (every k-th beyond :data:`~analysis.figures.summary.
    MAX_DOTS` values; the k is returned), the mean as a dark dot, ±1 SD only when n ≥ 2."""
    values = values.dropna()
    shown, step = dots(values.to_numpy())
    jitter = ((np.arange(len(shown)) % 5) - 2) * 0.06  # fixed, so figures are stable
    ax.scatter(values if step == 1 else shown, y + jitter, color=DOTS, s=16, alpha=0.8,
               zorder=2, linewidths=0)
    if len(values) >= 2:
        ax.errorbar(values.mean(), y, xerr=values.std(ddof=1), fmt="none", ecolor=colour,
                    capsize=4, zorder=3)
    if len(values):
        ax.scatter([values.mean()], [y], color=colour, s=36, zorder=4)
    return step


def sampled_note(step: int) -> str:
    """The caption's note when dots were sampled (:func:`dots`), else ``""``."""
    return (f" Where a row has more than {MAX_DOTS:,} quotes, one quote in {step:,} (evenly "
            f"spaced) is drawn as a dot; means and spreads use every quote.") if step > 1 else ""


SPREAD_NOTE = ("light dots: one per quote; dark dot: mean; bar: ±1 standard deviation, "
                "drawn only where there are two or more quotes")


def sentiment_rows(ax: Axes, rows: list[str], texts: list[str]) -> None:
    """The frame of rows of quote sentiment (one :func:`mean_sd` a row): ``n = …`` at the
    right, the rows' labels, the zero line and the scale from −1 to 1."""
    n_right(ax, list(range(len(rows))), texts)
    ax.set_yticks(range(len(rows)), rows)
    ax.axvline(0, color=GREY, lw=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("sentiment of the quote (−1 to 1)")


def quote_sentiment_note() -> str:
    """How each quote's sentiment was scored and how the rows are drawn, for a caption."""
    return (f"Each quote scored by {scorer_note()} (−1 negative, 0 neutral, 1 positive); "
            f"{SPREAD_NOTE}")


def described(fig: Figure) -> dict[str, str]:
    """The figure's title and caption as file metadata (``Title``, ``Description``), one
    line each, so that a figure file says what it shows (the HTML report reads them).

    Examples
    --------
    >>> described(titled(new_figure(4, 3), "What is shown", "how; n = 3"))
    {'Title': 'What is shown', 'Description': 'how; n = 3'}
    """
    texts = {"Title": fig.get_suptitle(), "Description": fig.get_supxlabel()}
    return {k: " ".join(v.split()) for k, v in texts.items() if v and v.strip()}


def _metadata(fmt: str, about: Mapping[str, str]) -> dict[str, Any]:
    """What :func:`save` passes to ``savefig`` as metadata: no software name, no dates; the
    title and caption (PDF: as its Title and Subject)."""
    if fmt == "png":
        return {"Software": None, **about}
    if fmt == "svg":
        return {"Date": None, **about}
    return {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None,
            **({"Title": about["Title"]} if "Title" in about else {}),
            **({"Subject": about["Description"]} if "Description" in about else {})}


def save(fig: Figure, stem: Path, formats: Sequence[str] = DEFAULT_FORMATS) -> list[Path]:
    """``fig`` in each of ``formats`` (:data:`FORMATS`; default PNG), byte-stable (no
    dates, fixed SVG ids), with its title and caption in the files' metadata
    (:func:`described`).  Files are written in the order of :data:`FORMATS` whatever the
    order asked (matplotlib lays a figure out again at each save, so a file's bytes depend
    on the saves before it), and returned in that order.

    Examples
    --------
    >>> import tempfile
    >>> fig = titled(new_figure(3, 2), "A title", "a note")
    >>> [p.suffix for p in save(fig, Path(tempfile.mkdtemp()) / "f", ("svg", "png"))]
    ['.png', '.svg']
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown figure format(s) {unknown}; use {list(FORMATS)}")
    formats = [f for f in FORMATS if f in formats]
    paths = [stem.with_suffix(f".{f}") for f in formats]
    about = described(fig)
    with matplotlib.rc_context(SAVE_RC):
        for fmt, path in zip(formats, paths, strict=True):
            fig.savefig(path, format=fmt, metadata=_metadata(fmt, about),
                        **({"dpi": SAVE_DPI} if fmt == "png" else {}))
    return paths
