"""Every figure of a run in one place: the registry, the tables behind it, and :func:`reproduce`.

:func:`reproduce` writes every figure (PNG and SVG) and the small tables behind them
(CSV) from a folder written by ``python -m analysis run`` or from tables in memory;
output is deterministic (fixed sort orders, no dates in the files), so files are
byte-identical from run to run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.groups import grouped_figures
from analysis.figures.portrayal import quoted_vs_portrayed
from analysis.figures.quotes import quotes_per_speaker
from analysis.figures.sentiment import sentiment_along_article, sentiment_by_speaker
from analysis.figures.stance import marker_profile, stance_by_speaker
from analysis.figures.style import (
    save,
)
from analysis.figures.words import top_words
from analysis.run import groups as grouping

__all__ = ["FIGURES", "figure_tables", "load_tables", "reproduce"]


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
    """Read the tables written by ``run`` (CSV or Parquet) from ``folder``, with the values
    the run computed (:func:`analysis.run.output.read_table`: no guessing of missing
    values, so a text or a name ``NA`` stays ``NA``; and the quote put before CSV cells a
    spreadsheet would run taken off, ``restore_formulas=True``, so that figures and the
    report show an outlet ``=HYPERLINK(...)`` as Parquet does; what they write as CSV is
    neutralised again)."""
    from analysis.run.output import read_table

    folder = Path(folder)
    out = {}
    for name in ("documents", "sentences", "quotes", "speakers", "markers", "portrayal"):
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        if parquet.exists():
            out[name] = read_table(parquet, name)
        elif csv.exists():
            out[name] = read_table(csv, name, restore_formulas=True)
    return out


def reproduce(tables: str | Path | Mapping[str, pd.DataFrame], out: str | Path,
              group_by: str | None = None, *, date_column: str | None = None,
              period: str = "M", target: str | None = None,
              tables_out: str | Path | None = None) -> list[Path]:
    """Write every figure (PNG and SVG) and the tables behind them (CSV) into ``out``.

    ``tables`` is a folder written by ``python -m analysis run`` or the tables
    themselves.  With ``group_by`` (a column of the documents table, such as
    ``outlet``) the figures by group are drawn too and the grouped tables written
    as ``by_group_*.csv``; with ``date_column`` the figure over time and
    ``over_time.csv`` / ``undated.csv``.  The grouped tables go into ``tables_out``
    (``run`` and the ``figures`` command: the top of the output folder, beside the
    tables of the run, with the figures in its ``figures/``; default: ``out``).
    A column that does not exist raises :class:`analysis.run.groups.GroupingError`
    listing the columns there are, before any file is written.  ``target`` names
    the stance target in the stance figure.  Returns the paths written, in a fixed
    order: figures, the tables behind them, the grouped tables.
    """
    data = load_tables(tables) if isinstance(tables, str | Path) else dict(tables.items())
    grouped = (grouping.group_tables(data, group_by, date_column=date_column, period=period)
               if group_by or date_column else {})
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, (fn, needs) in FIGURES.items():
        if any(n not in data for n in needs):
            continue  # a table the run did not write (an older run: no portrayal)
        if fn is stance_by_speaker and "stance" not in data["quotes"].columns:
            continue  # no stance target was given: no stance to draw
        kwargs: dict[str, Any] = {"target": target} if fn is stance_by_speaker else {}
        if fn is sentiment_along_article:  # readable names; every group represented
            kwargs = {"documents": data.get("documents"), "by": group_by}
        written += save(fn(*(data[n] for n in needs), **kwargs), out / name)
    if grouped:
        for name, fig in grouped_figures(data, group_by, date_column=date_column,
                                         period=period).items():
            written += save(fig, out / name)
    from analysis.run.output import CSV_LINE_END, csv_safe

    for name, frame in figure_tables(data).items():
        path = out / f"{name}.csv"
        csv_safe(frame).to_csv(path, index=False, lineterminator=CSV_LINE_END)
        written.append(path)
    if grouped:
        beside = Path(tables_out) if tables_out is not None else out
        beside.mkdir(parents=True, exist_ok=True)
        for name, frame in grouped.items():
            path = beside / f"{name}.csv"
            csv_safe(frame).to_csv(path, index=False, lineterminator=CSV_LINE_END)
            written.append(path)
    return written
