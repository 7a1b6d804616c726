"""Every figure of a run in one place: the registry, the tables behind it, and :func:`reproduce`.

:func:`reproduce` writes every figure (PNG by default; SVG and PDF when asked) and the
small tables behind them (CSV) from a folder written by ``python -m analysis run`` or
from tables in memory.  The tables are read once, in chunks, into the figures' numbers
(:class:`analysis.figures.summary.FigureData`), and each figure is drawn once from them,
so memory does not grow with the corpus; output is deterministic (fixed sort orders, no
dates in the files), so files are byte-identical from run to run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.groups import grouped_figures
from analysis.figures.portrayal import draw_quoted_vs_portrayed, quoted_vs_portrayed
from analysis.figures.quotes import draw_quotes_per_speaker, quotes_per_speaker
from analysis.figures.sentiment import (
    along_selection,
    draw_sentiment_along_article,
    draw_sentiment_by_speaker,
    sentence_ids,
    sentiment_along_article,
    sentiment_by_speaker,
)
from analysis.figures.stance import (
    draw_marker_profile,
    draw_stance_by_speaker,
    marker_profile,
    stance_by_speaker,
)
from analysis.figures.style import DEFAULT_FORMATS, FORMATS, save
from analysis.figures.summary import FigureData, WordCounts
from analysis.figures.words import draw_top_words, top_words
from analysis.run import groups as grouping

__all__ = ["FIGURES", "WORDS_FILE", "figure_tables", "load_tables", "reproduce"]

#: The word and bigram counts of the vocabulary figure, beside the figures.
WORDS_FILE = "figure_words.csv"


def _figure_sentences(chunk: pd.DataFrame) -> pd.DataFrame:
    out = chunk[["doc_id", "sentence", "sentiment"]].copy()
    out["sentiment"] = out["sentiment"].round(6)
    return out


def _figure_markers(chunk: pd.DataFrame) -> pd.DataFrame:
    return chunk[["doc_id", "unit", "category", "count", "n_tokens"]]


def figure_tables(tables: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The small tables behind the figures (committed for the seeds as expected values):
    per speaker (``figure_speakers``), the sentences' and the markers' numbers."""
    data = FigureData.from_tables({"quotes": tables["quotes"]}, words=WordCounts())
    return {"figure_speakers": data.speaker_table(),
            "figure_sentences": _figure_sentences(tables["sentences"]).reset_index(drop=True),
            "figure_markers": _figure_markers(tables["markers"]).reset_index(drop=True)}


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
_PUBLIC = {name: fn for name, (fn, _) in FIGURES.items()}


#: The tables a run writes that :func:`load_tables` reads.
TABLE_NAMES = ("documents", "sentences", "quotes", "speakers", "markers", "portrayal")


def load_tables(folder: str | Path, names: Sequence[str] = TABLE_NAMES
                ) -> dict[str, pd.DataFrame]:
    """Read the tables written by ``run`` (CSV or Parquet) from ``folder``, with the values
    the run computed (:func:`analysis.run.output.read_table`: no guessing of missing
    values, so a text or a name ``NA`` stays ``NA``; and the quote put before CSV cells a
    spreadsheet would run taken off, ``restore_formulas=True``, so that figures and the
    report show an outlet ``=HYPERLINK(...)`` as Parquet does; what they write as CSV is
    neutralised again); ``names``: only those tables."""
    from analysis.run.output import read_table

    folder = Path(folder)
    out = {}
    for name in (n for n in TABLE_NAMES if n in names):
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        if parquet.exists():
            out[name] = read_table(parquet, name)
        elif csv.exists():
            out[name] = read_table(csv, name, restore_formulas=True)
    return out


#: The figures drawn from the run's figure data, by name (each the ``draw_`` twin of the
#: function in :data:`FIGURES`).  A figure added to :data:`FIGURES` alone is drawn from
#: its tables, read whole.
_DRAWN = {
    "quotes_per_speaker": draw_quotes_per_speaker,
    "sentiment_by_speaker": draw_sentiment_by_speaker,
    "stance_by_speaker": draw_stance_by_speaker,
    "sentiment_along_article": draw_sentiment_along_article,
    "marker_profile": draw_marker_profile,
    "top_words": draw_top_words,
    "quoted_vs_portrayed": draw_quoted_vs_portrayed,
}


class _CsvOut:
    """A CSV file written chunk by chunk (header once), as ``to_csv`` writes a whole frame."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.started = False

    def write(self, frame: pd.DataFrame) -> None:
        _write_csv(frame, self.path, append=self.started)
        self.started = True


def _write_csv(frame: pd.DataFrame, path: Path, *, append: bool = False) -> None:
    """A table behind the figures as CSV, as the run writes its tables (cells a spreadsheet
    would run neutralised, CRLF line ends: :mod:`analysis.run.output`)."""
    from analysis.run.output import CSV_LINE_END, csv_safe

    csv_safe(frame).to_csv(path, mode="a" if append else "w", header=not append, index=False,
                           lineterminator=CSV_LINE_END)


def reproduce(tables: str | Path | Mapping[str, pd.DataFrame], out: str | Path,
              group_by: str | None = None, *, date_column: str | None = None,
              period: str = "M", target: str | None = None,
              tables_out: str | Path | None = None,
              formats: Sequence[str] = DEFAULT_FORMATS,
              words: WordCounts | None = None) -> list[Path]:
    """Write every figure and the tables behind them (CSV) into ``out``.

    ``tables`` is a folder written by ``python -m analysis run`` or the tables
    themselves; they are read once, in chunks (:class:`~analysis.figures.summary.
    FigureData`), and every figure is drawn once, in each of ``formats`` (``png``,
    ``svg``, ``pdf``; default PNG).  ``words``: the vocabulary figure's counts when the
    run made them (else they are read from ``figure_words.csv`` beside a folder's
    figures, or the sentences' text is tokenised).  With ``group_by`` (a column of the
    documents table, such as ``outlet``) the figures by group are drawn too and the
    grouped tables written as ``by_group_*.csv`` (these read the documents and quotes
    tables whole); with ``date_column`` the figure over time and ``over_time.csv`` /
    ``undated.csv``.  The grouped tables go into ``tables_out`` (``run`` and the
    ``figures`` command: the top of the output folder, beside the tables of the run, with
    the figures in its ``figures/``; default: ``out``).  A column that does not exist raises
    :class:`analysis.run.groups.GroupingError` listing the columns there are, before
    any file is written.  ``target`` names the stance target in the stance figure.
    Returns the paths written, in a fixed order: figures, the tables behind them, the
    grouped tables.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown figure format(s) {unknown}; use {list(FORMATS)}")
    grouped_data = None
    if group_by or date_column:
        grouped_data = load_tables(tables) if isinstance(tables, str | Path) \
            else dict(tables.items())
    grouped = (grouping.group_tables(grouped_data, group_by, date_column=date_column,
                                     period=period)
               if grouped_data is not None else {})
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if words is None and isinstance(tables, str | Path) and \
            (Path(tables) / "figures" / WORDS_FILE).exists():
        words = WordCounts.read(Path(tables) / "figures" / WORDS_FILE)
    csvs = {"sentences": _CsvOut(out / "figure_sentences.csv"),
            "markers": _CsvOut(out / "figure_markers.csv")}
    shape = {"sentences": _figure_sentences, "markers": _figure_markers}

    def on_chunk(name: str, chunk: pd.DataFrame) -> None:
        if name in csvs:
            csvs[name].write(shape[name](chunk))

    documents = (grouped_data or {}).get("documents")
    if documents is None:  # one row per document: read whole, to name and choose them
        documents = (load_tables(tables, ["documents"]).get("documents")
                     if isinstance(tables, str | Path) else tables.get("documents"))
    along = None
    if documents is not None and "doc_id" in documents.columns:
        along = along_selection(sentence_ids(documents), documents, group_by, 8)
    if isinstance(tables, str | Path):
        data = FigureData.from_folder(tables, words=words, on_chunk=on_chunk, along=along)
    else:
        data = FigureData.from_tables(tables, words=words, on_chunk=on_chunk, along=along)
    written: list[Path] = []
    for name, (fn, needs) in FIGURES.items():
        if any(n not in data.tables for n in needs):
            continue  # a table the run did not write (an older run: no portrayal)
        if fn is stance_by_speaker and "stance" not in data.quote_columns:
            continue  # no stance target was given: no stance to draw
        kwargs: dict[str, Any] = {"target": target} if fn is stance_by_speaker else {}
        if name in _DRAWN and FIGURES[name][0] is _PUBLIC[name]:
            if fn is sentiment_along_article:  # readable names; every group represented
                kwargs = {"documents": documents}
            fig = _DRAWN[name](data, **kwargs)
        else:  # a figure added by the user: from its tables, read whole
            whole = load_tables(tables) if isinstance(tables, str | Path) else tables
            fig = fn(*(whole[n] for n in needs), **kwargs)
        written += save(fig, out / name, formats)
    if grouped_data is not None and grouped:
        for name, fig in grouped_figures(grouped_data, group_by, date_column=date_column,
                                         period=period).items():
            written += save(fig, out / name, formats)
    path = out / "figure_speakers.csv"
    _write_csv(data.speaker_table(), path)
    written.append(path)
    written += [csvs[t].path for t in ("sentences", "markers") if csvs[t].started]
    if "sentences" in data.tables and data.words is not None:
        data.words.frame().to_csv(out / WORDS_FILE, index=False)  # read back as written
        written.append(out / WORDS_FILE)
    if grouped:
        beside = Path(tables_out) if tables_out is not None else out
        beside.mkdir(parents=True, exist_ok=True)
        for name, frame in grouped.items():
            path = beside / f"{name}.csv"
            _write_csv(frame, path)
            written.append(path)
    return written
