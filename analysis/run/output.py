"""Writing the tables of a run: streamed in chunks to CSV or Parquet, and read back exactly.

:class:`TableWriter` streams per-document rows into CSV or Parquet files chunk by
chunk (flat memory).  The ``documents`` table is spooled and written last, because
its metadata columns are only all known at the end.  :func:`write_tables` writes a
whole run into a folder that is replaced only when complete
(:func:`analysis.run.folders.replace_folder`); :func:`read_table` reads a table back as
it was written (types from :mod:`analysis.run.tables`, no guessing of missing values).

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "results"
>>> rows = [{"documents": [{"doc_id": "a", "status": "ok", "outlet": "AP"}]}]
>>> paths = write_tables(rows, out)
>>> sorted(p.name for p in out.glob("*.csv"))
['documents.csv', 'markers.csv', 'portrayal.csv', 'quotes.csv', 'sentences.csv', 'speakers.csv']
>>> open(paths["documents"]).readline().strip().split(",")[-1]
'outlet'
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from contextlib import suppress
from pathlib import Path
from typing import Any

from analysis.run.folders import FORMATS, replace_folder
from analysis.run.tables import OUTPUT_TABLES, TABLES, neutralise, restore

__all__ = ["CSV_LINE_END", "TableWriter", "csv_safe", "read_table", "table_paths", "write_tables"]


#: Line end of every CSV written (RFC 4180).  With ``\n`` alone, Python's CSV writers
#: leave a cell holding a lone carriage return unquoted, and readers split the row there.
CSV_LINE_END = "\r\n"


def csv_safe(frame):
    """A copy of ``frame`` whose text cells and column names no spreadsheet runs as a
    formula (:func:`analysis.run.tables.neutralise`; numbers are left as they are).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = csv_safe(pd.DataFrame({"outlet": ["=HYPERLINK(A1)", "AP"], "x": [-0.5, 1.0]}))
    >>> frame["outlet"].tolist(), frame["x"].tolist()
    (["'=HYPERLINK(A1)", 'AP'], [-0.5, 1.0])
    """
    from pandas.api.types import is_object_dtype, is_string_dtype

    frame = frame.copy()
    for col in frame.columns:
        if is_object_dtype(frame[col].dtype) or is_string_dtype(frame[col].dtype):
            frame[col] = frame[col].map(neutralise)
    frame.columns = [neutralise(str(c)) for c in frame.columns]
    return frame


def table_paths(out: str | Path, *, fmt: str = "csv",
                with_tokens: bool = False) -> dict[str, Path]:
    """Where each table of a run goes.

    Examples
    --------
    >>> list(table_paths("r", fmt="parquet"))
    ['documents', 'sentences', 'quotes', 'speakers', 'markers', 'portrayal']
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use 'csv' or 'parquet'")
    return {n: Path(out) / f"{n}.{fmt}" for n in OUTPUT_TABLES if n != "tokens" or with_tokens}


#: pandas dtype used to build Arrow columns: nullable integers, so that a missing value
#: never breaks a chunk (Arrow's int64 holds nulls either way).
_ARROW = {"string": "string", "int64": "Int64", "Int64": "Int64", "float64": "float64",
          "boolean": "boolean"}


def _kind(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "none"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if -2**63 <= value < 2**63 else "str"  # beyond int64: kept as text
    if isinstance(value, float):
        return "float"
    return "str"


def _meta_dtype(kinds: set[str]) -> str:
    kinds = kinds - {"none"}
    if kinds == {"bool"}:
        return "boolean"
    if kinds == {"int"}:
        return "Int64"
    if kinds and kinds <= {"int", "float"}:
        return "float64"
    return "string"


class TableWriter:
    """Stream per-document row dicts into table files, ``chunk_docs`` documents at a time.

    Parameters
    ----------
    folder : path
        An existing folder to write into (a run passes its temporary folder).
    fmt : {"csv", "parquet"}
    with_tokens : bool
        Also write the tokens table.
    chunk_docs : int
        Documents per chunk (memory holds one chunk of rows).
    stance : bool
        Write the stance columns (a run with a stance target); without one they are
        left out (:meth:`analysis.run.tables.Table.names`).

    Examples
    --------
    >>> import tempfile
    >>> writer = TableWriter(tempfile.mkdtemp(), fmt="parquet")
    >>> writer.add({"documents": [{"doc_id": "a", "status": "ok", "year": 2020}]})
    >>> import pandas as pd
    >>> pd.read_parquet(writer.close()["documents"])["year"].dtype
    Int64Dtype()
    """

    def __init__(self, folder: str | Path, *, fmt: str = "csv", with_tokens: bool = False,
                 chunk_docs: int = 500, stance: bool = True) -> None:
        self.paths = table_paths(folder, fmt=fmt, with_tokens=with_tokens)
        self.fmt = fmt
        self.chunk_docs = chunk_docs
        self.stance = stance
        self.folder = Path(folder)
        self._names = [n for n in self.paths if n != "documents"]
        self._buffer: dict[str, list[dict[str, Any]]] = {n: [] for n in self._names}
        self._started: set[str] = set()
        self._writers: dict[str, Any] = {}
        self._spool_path = self.folder / ".documents.jsonl"
        self._spool = self._spool_path.open("w", encoding="utf-8")
        self._meta: dict[str, set[str]] = {}
        self._fixed = TABLES["documents"].names()
        self._count = 0
        self.status_counts: dict[str, int] = {}

    def add(self, result: Mapping[str, list[dict[str, Any]]]) -> None:
        """Add one document's rows (as :func:`analysis.run.stages.analyse_document` gives)."""
        for row in result.get("documents", []):
            status = str(row.get("status", ""))
            self.status_counts[status] = self.status_counts.get(status, 0) + 1
            for key, value in row.items():
                if key not in self._fixed:
                    self._meta.setdefault(key, set()).add(_kind(value))
            self._spool.write(json.dumps(row, default=str) + "\n")
        for name in self._names:
            self._buffer[name].extend(result.get(name, []))
        self._count += 1
        if self._count % self.chunk_docs == 0:
            self._flush()

    def _flush(self) -> None:
        for name in self._names:
            self._write(name, self._buffer[name], TABLES[name].names(stance=self.stance), {})
            self._buffer[name].clear()

    def _write(self, name: str, rows: list[dict[str, Any]], columns: list[str],
               extra_types: Mapping[str, str]) -> None:
        import pandas as pd

        first = name not in self._started
        if not rows and not first:
            return
        frame = pd.DataFrame(rows, columns=columns)
        path = self.paths[name]
        if self.fmt == "csv":
            csv_safe(frame).to_csv(path, mode="w" if first else "a", header=first, index=False,
                                   errors="backslashreplace", lineterminator=CSV_LINE_END)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(_typed(frame, name, extra_types), preserve_index=False,
                                         schema=self._writers[name].schema
                                         if name in self._writers else None)
            if name not in self._writers:
                self._writers[name] = pq.ParquetWriter(path, table.schema)
            if len(frame):
                self._writers[name].write_table(table)
        self._started.add(name)

    def close(self) -> dict[str, Path]:
        """Flush, write the documents table with every metadata column; the paths."""
        self._flush()
        self._spool.close()
        meta_types = {k: _meta_dtype(v) for k, v in self._meta.items()}
        columns = self._fixed + list(self._meta)
        chunk: list[dict[str, Any]] = []
        with self._spool_path.open(encoding="utf-8") as spool:
            for line in spool:
                chunk.append(json.loads(line))
                if len(chunk) >= 10 * self.chunk_docs:
                    self._write("documents", chunk, columns, meta_types)
                    chunk = []
        self._write("documents", chunk, columns, meta_types)
        self._spool_path.unlink()
        for writer in self._writers.values():
            writer.close()
        return dict(self.paths)

    def abort(self) -> None:
        """Close open files after a failure (the folder is removed by its owner)."""
        with suppress(Exception):
            self._spool.close()
        for writer in self._writers.values():
            with suppress(Exception):
                writer.close()


def _typed(frame, name: str, extra_types: Mapping[str, str]):
    """Fixed dtypes (from the data dictionary) so every Parquet chunk has one schema."""
    frame = frame.copy()
    declared = {c.name: c.dtype for c in TABLES[name].columns}
    for col in frame.columns:
        dtype = declared.get(col) or extra_types.get(col, "string")
        if dtype == "string":
            frame[col] = frame[col].map(_text_or_missing).astype("string")
        else:
            frame[col] = frame[col].astype(_ARROW[dtype])
    return frame


def _text_or_missing(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        if value != value:  # pd.NA, NaT
            return None
    except TypeError:
        return None
    return str(value)


def read_table(path: str | Path, name: str, *, restore_formulas: bool = False):
    """Read a table written by :class:`TableWriter` back exactly as it was written.

    Parquet keeps its types and values.  A CSV is read with the types of the data
    dictionary (:data:`analysis.run.tables.TABLES`; metadata columns of ``documents``
    as text) and no guessing of missing values: only the empty cell is missing, so a
    text, an id, a speaker or an outlet spelled ``NA``, ``N/A``, ``null``, ``None`` or
    ``NaN`` stays that text.  Cells a spreadsheet would run as formulas were written
    with a quote in front (``'=SUM(A1)``; see the data dictionary); they are returned
    as written unless ``restore_formulas`` is true, which takes that quote off again
    (exactly: :func:`analysis.run.tables.restore`), text cells and column names alike.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "speakers.csv"
    >>> _ = path.write_text("doc_id,speaker,category,n_quotes,aliases\\nNA,None,person,2,\\n")
    >>> frame = read_table(path, "speakers")
    >>> frame.loc[0, "doc_id"], frame.loc[0, "speaker"], frame["n_quotes"].dtype.name
    ('NA', 'None', 'int64')
    >>> frame["aliases"].isna().tolist()
    [True]
    >>> _ = path.write_text("doc_id,speaker,category,n_quotes,aliases\\n'=1+1,'@x,person,2,\\n")
    >>> read_table(path, "speakers").loc[0, "doc_id"]
    "'=1+1"
    >>> read_table(path, "speakers", restore_formulas=True).loc[0, ["doc_id", "speaker"]].tolist()
    ['=1+1', '@x']
    """
    import pandas as pd

    path = Path(path)
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    declared = {c.name: c.dtype for c in TABLES[name].columns} if name in TABLES else {}
    columns = list(pd.read_csv(path, nrows=0, encoding="utf-8").columns)
    dtypes = {c: _READ.get(declared.get(c, "string"), "string") for c in columns}
    frame = pd.read_csv(path, dtype={c: (str if t == "string" else t) for c, t in dtypes.items()},
                        keep_default_na=False, na_values=[""], encoding="utf-8")
    for c, t in dtypes.items():
        if t == "Int64" and declared.get(c) == "int64" and not frame[c].isna().any():
            frame[c] = frame[c].astype("int64")
    if restore_formulas:
        for c, t in dtypes.items():
            if t == "string":
                frame[c] = frame[c].map(restore, na_action="ignore").astype(frame[c].dtype)
        frame.columns = [restore(c) for c in frame.columns]
    return frame


#: dtype a CSV column is read with, by its declared dtype (integers nullable while
#: reading, then plain ``int64`` where no cell is missing).
_READ = {"string": "string", "int64": "Int64", "Int64": "Int64", "float64": "float64",
         "boolean": "boolean"}


def write_tables(results: Iterable[Mapping[str, list[dict[str, Any]]]], out: str | Path, *,
                 fmt: str = "csv", with_tokens: bool = False,
                 chunk_docs: int = 500, stance: bool = False) -> dict[str, Path]:
    """Stream per-document rows into table files in ``out``, replacing it when complete.

    CSV files are appended chunk by chunk; Parquet files are written row group by row
    group.  ``out`` is replaced only when every table is written (see
    :func:`replace_folder`).  ``stance``: the results carry stance columns (a run with
    a stance target).  Returns the path of each table.
    """
    table_paths(out, fmt=fmt)  # check the format before touching anything
    with replace_folder(out) as target:
        writer = TableWriter(target.tmp, fmt=fmt, with_tokens=with_tokens,
                             chunk_docs=chunk_docs, stance=stance)
        try:
            for result in results:
                writer.add(result)
            writer.close()
        except BaseException:
            writer.abort()
            raise
    return table_paths(target.out, fmt=fmt, with_tokens=with_tokens)
