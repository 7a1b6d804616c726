"""One pipeline from corpus to tidy tables, on one core, a process pool or Dask.

:func:`analyse` reads a corpus (:func:`analysis.corpus.iter_corpus`), has an engine
(:mod:`analysis.run.engines`) run the stages (:mod:`analysis.run.stages`) on every
document, and gathers the rows into pandas tables.  Every document is analysed once
-- split into sentences and tokens once, then quotes, sentiment, stance markers and
stance reuse those spans; engines only decide *where*, and results are put back in
input order, so every engine gives identical tables.  (``python -m analysis run``
streams the same rows to files instead: :mod:`analysis.run.output`.)

Tables (column names are stable; every column is documented in
:mod:`analysis.run.tables`, printed by ``python -m analysis columns``):

``documents``
    one row per *input* document, good or bad: ``status`` is ``ok`` or the problem
    (``empty``, ``undecodable``, ``binary``, ``missing_column``, ``malformed``,
    ``unreadable``, ``too_large``, ``error``) and ``message`` says what was wrong;
    then the corpus's metadata columns (table columns, ``file``, ``folder``, ...).
``sentences``
    one row per sentence with offsets and sentiment.
``quotes``
    one row per quote with kind, speaker, cue, medium, sentiment, stance and markers.
``speakers``
    one row per speaker per document: canonical name, aliases, quote counts,
    sentiment mean / spread, stance counts.
``markers``
    long table of stance-marker counts and rates per 1,000 words, per document and
    per speaker.

Examples
--------
>>> from analysis.paths import SEEDS
>>> tables = analyse(SEEDS, progress=False)
>>> tables.documents[["doc_id", "status", "n_quotes"]].to_dict("records")
[{'doc_id': '000_eef1b9dedbf151ac', 'status': 'ok', 'n_quotes': 11}]
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.corpus import Document, Failure, iter_corpus
from analysis.run.engines import iter_results
from analysis.run.stages import StanceTarget, stance_target
from analysis.run.tables import TABLES

__all__ = ["COLUMNS", "Tables", "analyse"]


#: Column names of every table, in order (the documented contract: analysis.run.tables); a
#: run without a stance target leaves out the stance columns (``Table.names(stance=...)``).
COLUMNS: dict[str, list[str]] = {name: TABLES[name].names()
                                 for name in ("documents", "sentences", "quotes", "speakers",
                                              "markers", "portrayal", "tokens")}


@dataclass(frozen=True)
class Tables:
    """The tidy tables of a run (see module docs)."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    quotes: pd.DataFrame
    speakers: pd.DataFrame
    markers: pd.DataFrame
    portrayal: pd.DataFrame | None = None
    tokens: pd.DataFrame | None = None

    def items(self) -> Iterator[tuple[str, pd.DataFrame]]:
        """``(name, table)`` pairs, skipping tables that were not computed."""
        for f in fields(self):
            table = getattr(self, f.name)
            if table is not None:
                yield f.name, table


def _frame(name: str, rows: list[dict[str, Any]], *, stance: bool = True) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=TABLES[name].names(stance=stance))


def analyse(corpus: str | Path | Iterable[Document | Failure], *, engine: str = "serial",
            workers: int | None = None, scheduler: str | None = None,
            target: str | StanceTarget | None = None, stance_model_file: str | None = None,
            with_tokens: bool = False, progress: bool = True,
            doc_timeout: float | None = None, attributions: str = "speech",
            **corpus_options: Any) -> Tables:
    """Run every stage over a corpus and return the tables in memory.

    Parameters
    ----------
    corpus : path or iterable
        A file or folder (read with :func:`analysis.corpus.iter_corpus`) or documents.
    engine : {"serial", "processes", "dask"}
        Where documents are analysed; all engines give identical tables.
    workers : int, optional
        Worker processes (default: all cores; 2 for a local Dask cluster).
    scheduler : str, optional
        Address of an existing Dask scheduler (``tcp://host:8786``).
    target : str, optional
        Stance target of every quote.  Stance is computed only when a target is given
        (the stance columns are absent otherwise); it must be a target of the shipped
        models (:func:`shipped_targets`) unless ``stance_model_file`` is given.
    stance_model_file : str, optional
        A stance model saved with :meth:`analysis.stance.StanceClassifier.save`.
    with_tokens : bool
        Also build the (large) tokens table.
    progress : bool
        Show a progress bar.
    doc_timeout : float, optional
        Seconds a document may take before it is stopped (status ``timeout``).
    attributions : {"speech", "all"}
        What the quotes table holds: quotations and indirect speech (the default), or
        every attribution, beliefs and intentions included (PolNeAR's scheme;
        :data:`analysis.quotes.cues.SCHEMES`).
    **corpus_options
        For a path: :func:`analysis.corpus.iter_corpus` options (``text_column``,
        ``encoding``, ``max_doc_mb``, ...).
    """
    spec = stance_target(target, stance_model_file)
    items = iter_corpus(corpus, **corpus_options) if isinstance(corpus, str | Path) else corpus
    names = [n for n in COLUMNS if n != "tokens" or with_tokens]
    rows: dict[str, list[dict[str, Any]]] = {n: [] for n in names}
    results = iter_results(items, engine=engine, workers=workers, scheduler=scheduler,
                           target=spec, with_tokens=with_tokens, doc_timeout=doc_timeout,
                           attributions=attributions)
    meta: dict[str, None] = {}  # metadata columns in order of first appearance
    for result in _progress(results, progress):
        for name in names:
            rows[name].extend(result.get(name, []))
        for row in result.get("documents", []):
            meta.update(dict.fromkeys(k for k in row if k not in meta))
    frames = {n: _frame(n, rows[n], stance=spec is not None) for n in names}
    extra = [k for k in meta if k not in COLUMNS["documents"]]
    if extra:
        frames["documents"] = pd.DataFrame(rows["documents"],
                                           columns=COLUMNS["documents"] + extra)
    return Tables(**frames)


def _progress(results: Iterator[Any], enabled: bool) -> Iterator[Any]:
    if not enabled:
        return results
    from tqdm.auto import tqdm

    return tqdm(results, desc="documents", unit="doc", mininterval=0.5, file=sys.stderr)
