"""Table corpora: CSV, TSV, JSON lines and Parquet files, one document per row, streamed.

CSV/TSV and JSON lines are read line by line (one bad byte or one bad line rejects
only its row), Parquet batch by batch.  Every column other than the text and id
columns is kept in ``Document.meta``, renamed where it would take the name of a
loader column (:func:`rename_columns`).  A missing text column gives one
``missing_column`` failure for the file; a bad row gives a failure for that row and
the rows after it are read.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
>>> _ = p.write_text("id,text,file\\n1,Hello there.,a.doc\\n")
>>> [(d.id, d.meta["file"], d.meta["meta_file"]) for d in read_table(p)]
[('1', 't.csv', 'a.doc')]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.corpus.decoding import bad_byte, open_text
from analysis.corpus.records import (
    DEFAULT_MAX_DOC_MB,
    LOADER_COLUMNS,
    CorpusError,
    Document,
    Failure,
    check_text,
    display_path,
    max_chars,
    meta_value,
    metadata_name,
    printable,
)

__all__ = ["TABLE_SUFFIXES", "TableOptions", "csv_records", "folder_of", "read_table",
           "rename_columns", "table_columns"]

TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".parquet")


_MAX_RESTARTS = 20


def rename_columns(columns: Iterable[str], taken: Iterable[str] = ()) -> dict[str, str]:
    """Metadata column -> its name in ``Document.meta``.

    A column may not take ``source`` or a loader column (:data:`LOADER_COLUMNS`), nor a
    name in ``taken``; such a column is renamed by :func:`metadata_name`.  (Where the
    ``documents`` row is built, a name that is a computed column of that table is
    renamed by the same rule: :func:`analysis.run.engines.metadata`.)

    Examples
    --------
    >>> rename_columns(["outlet", "file", "meta_file"])
    {'outlet': 'outlet', 'file': 'meta_file', 'meta_file': 'meta_meta_file'}
    """
    used = set(LOADER_COLUMNS) | {"source"} | set(taken)
    out = {}
    for col in columns:
        name = metadata_name(printable(str(col)), used)
        used.add(name)
        out[col] = name
    return out


def table_columns(path: str | Path, *, encoding: str = "utf-8",
                  wanted: Iterable[str] = ()) -> list[str] | None:
    """The column names of a table file, read from its header only (fast on any size).

    CSV/TSV: the first record; Parquet: the schema; JSON lines: the keys of the first
    object, and those of ``wanted`` that a later line has (JSON lines have no header:
    the file is scanned for them, line by line, only when the first object lacks
    one).  ``None`` when there is no readable header (an empty or unreadable file:
    reading it reports why, as a document failure).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("id,body,outlet\\n1,Hello.,AP\\n")
    >>> table_columns(p)
    ['id', 'body', 'outlet']
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(path).schema_arrow.names)
        if suffix == ".jsonl":
            return _jsonl_keys(path, encoding, set(wanted))
        options = TableOptions(encoding=encoding)
        records = csv_records(path, options, "\t" if suffix == ".tsv" else ",")
        try:
            for _first, _last, cells in records:
                if isinstance(cells, str) or bad_byte(cells):
                    return None
                if cells:
                    return [printable(c) for c in cells]
        finally:
            records.close()
    except Exception:  # unreadable: the reader reports it, with its status
        return None
    return None


def _jsonl_keys(path: Path, encoding: str, wanted: set[str]) -> list[str] | None:
    keys: list[str] | None = None
    with open_text(path, encoding) as handle:
        for line in handle:
            if keys is not None and not any(f'"{w}"' in line for w in wanted):
                continue
            try:
                row = json.loads(line)
            except ValueError:
                continue
            if not isinstance(row, dict):
                continue
            found = [printable(str(k)) for k in row]
            if keys is None:
                keys = found
            else:
                keys += [k for k in found if k in wanted and k not in keys]
            wanted -= set(keys)
            if not wanted:
                break
    return keys


def _missing_column(source: str, doc_id: str, column: str, found: list[str],
                    meta: Mapping[str, Any]) -> Failure:
    return Failure(doc_id, source, "missing_column",
                   f"{source}: no column {column!r}; the columns are {found}; name the text "
                   f"column with --text-column", meta)


@dataclass(frozen=True)
class TableOptions:
    """How a table corpus is read (the options of :func:`read_table`)."""

    text_column: str = "text"
    id_column: str | None = "id"
    encoding: str = "utf-8"
    max_doc_mb: float = DEFAULT_MAX_DOC_MB


def read_table(path: str | Path, *, text_column: str = "text", id_column: str | None = "id",
               encoding: str = "utf-8", max_doc_mb: float = DEFAULT_MAX_DOC_MB,
               rel: str | None = None) -> Iterator[Document | Failure]:
    """Stream documents from a CSV, TSV, JSON-lines or Parquet file, one per row.

    Other columns are kept in ``meta``.  A missing text column gives a single
    ``missing_column`` failure for the file; a bad row gives a failure for that row
    and the rows after it are read.  ``rel`` is the file's path relative to the
    corpus root (ids without an id column are ``<rel>:<row>``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("id,text,outlet\\n1,Hello there.,AP\\n2,,AP\\n")
    >>> [(d.id, type(d).__name__, d.meta["outlet"]) for d in read_table(p)]
    [('1', 'Document', 'AP'), ('2', 'Failure', 'AP')]
    """
    path = Path(path)
    options = TableOptions(text_column, id_column, encoding, max_doc_mb)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise CorpusError(f"{display_path(path)}: unsupported table type {suffix!r}; use one "
                          f"of {', '.join(TABLE_SUFFIXES)}")
    rel_name = rel if rel is not None else display_path(path.name)
    base = {"file": rel_name, "folder": folder_of(rel_name)}
    stem = rel_name.rsplit(".", 1)[0]
    reader = {".csv": _delimited_rows, ".tsv": _delimited_rows, ".jsonl": _jsonl_rows,
              ".parquet": _parquet_rows}[suffix]
    yield from reader(path, options, base, stem)


def folder_of(rel: str) -> str:
    """The folder part of a path relative to the corpus root (``''`` at the root).

    Examples
    --------
    >>> folder_of("ap/2024/one.txt"), folder_of("one.txt")
    ('ap/2024', '')
    """
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def _row_document(row: Mapping[str, Any], *, number: int, where: str, options: TableOptions,
                  names: Mapping[str, str], base: Mapping[str, Any],
                  stem: str) -> Document | Failure:
    """One parsed row -> Document or Failure (``names``: column -> metadata name)."""
    raw_id = row.get(options.id_column) if options.id_column else None
    doc_id = (printable(str(meta_value(raw_id)))
              if raw_id not in (None, "") and raw_id == raw_id else f"{stem}:{number}")
    meta = {**base, "row": number}
    for col, value in row.items():
        if col in (options.text_column, options.id_column):
            continue
        name = names.get(col)
        if name is None:  # a JSON key not seen before
            name = rename_columns([col], taken=names.values())[col]
            names[col] = name  # type: ignore[index]
        meta[name] = None if value == "" else meta_value(value)
    value = row.get(options.text_column)
    if value is None or (isinstance(value, float) and value != value):
        return Failure(doc_id, where, "empty",
                       f"{where}: the {options.text_column!r} cell is empty", meta)
    if not isinstance(value, str):
        return Failure(doc_id, where, "malformed",
                       f"{where}: the {options.text_column!r} cell holds "
                       f"{type(value).__name__} {printable(repr(value))[:80]}, not text", meta)
    return check_text(value, doc_id=doc_id, source=where, meta=meta,
                      max_chars=max_chars(options.max_doc_mb))


def _lines(handle: io.TextIOWrapper, limit: int, skip: int,
           too_long: set[int]) -> Iterator[str]:
    """Physical lines after the first ``skip``; a line longer than ``limit`` is read in
    pieces and dropped (its number goes into ``too_long``), so memory stays bounded."""
    number = 0
    while True:
        line = handle.readline(limit)
        if not line:
            return
        number += 1
        long_line = len(line) >= limit and not line.endswith(("\n", "\r"))
        if long_line:
            while True:
                rest = handle.readline(limit)
                if not rest or rest.endswith(("\n", "\r")):
                    break
        if number <= skip:
            continue
        if long_line:
            too_long.add(number)
            line = "\n"
        yield line


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def csv_records(path: Path, options: TableOptions,
                delimiter: str) -> Iterator[tuple[int, int, list[str] | str]]:
    """``(first_line, last_line, cells or error)`` for every record of a CSV/TSV file.

    Parsing is strict.  A record that cannot be parsed on one line is an error for
    that line; one that ran over several lines (an unclosed quote swallowing the rest
    of the file) is an error for its first line, and parsing starts again on the line
    after it, so the rows that follow are read.
    """
    limit = max_chars(options.max_doc_mb) + 65536
    too_long: set[int] = set()
    skip = 0
    for _attempt in range(_MAX_RESTARTS + 1):
        restart = None
        with open_text(path, options.encoding) as handle, _field_limit(2 * limit):
            reader = csv.reader(_lines(handle, limit, skip, too_long), delimiter=delimiter,
                                strict=True)
            seen = 0
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as err:
                    first, last = skip + seen + 1, skip + reader.line_num
                    seen = reader.line_num
                    if last > first:
                        restart = first
                        yield first, last, (f"a quoted cell opened on line {first} is never "
                                            f"closed ({err}); lines {first + 1}-{last} were "
                                            f"read again as rows; close the quote")
                        break
                    yield first, last, f"cannot be parsed ({err}); check its quoting"
                    continue
                first, last = skip + seen + 1, skip + reader.line_num
                seen = reader.line_num
                if any(first <= n <= last for n in too_long):
                    yield first, last, "too_large"
                    continue
                yield first, last, cells
        if restart is None:
            return
        skip = restart
    yield skip + 1, skip + 1, (f"more than {_MAX_RESTARTS} unclosed quotes; the lines from "
                               f"{skip + 1} on are not read; fix the file's quoting")


def _delimited_rows(path: Path, options: TableOptions, base: Mapping[str, Any],
                    stem: str) -> Iterator[Document | Failure]:
    source = display_path(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        records = csv_records(path, options, delimiter)
        header: list[str] | None = None
        names: dict[str, str] = {}
        number = 0
        for first, last, cells in records:
            if header is None:
                if isinstance(cells, str) or bad_byte(cells):
                    problem = ("its header line cannot be read: " + cells
                               if isinstance(cells, str) else
                               f"its header line holds byte {bad_byte(cells)}, not valid "
                               f"{options.encoding}; pass the file's encoding with --encoding")
                    yield Failure(stem, source, "undecodable" if not isinstance(cells, str)
                                  else "malformed", f"{source}: {problem}", base)
                    return
                if not cells:
                    continue
                header = cells
                if options.text_column not in header:
                    yield _missing_column(source, stem, options.text_column, header, base)
                    return
                names = rename_columns([c for c in header
                                 if c not in (options.text_column, options.id_column)])
                continue
            if cells == []:
                continue
            number += 1
            lines = f"line {first}" if first == last else f"lines {first}-{last}"
            where = f"{source} row {number} ({lines})"
            meta = {**base, "row": number}
            doc_id = f"{stem}:{number}"
            if cells == "too_large":
                yield Failure(doc_id, where, "too_large",
                              f"{where}: the row is over the limit of "
                              f"{options.max_doc_mb:g} MB per document; split it, or raise "
                              f"--max-doc-mb", meta)
                continue
            if isinstance(cells, str):
                yield Failure(doc_id, where, "malformed", f"{where}: {cells}", meta)
                continue
            byte = bad_byte(cells)
            if byte is not None:
                yield Failure(doc_id, where, "undecodable",
                              f"{where}: byte {byte} is not valid {options.encoding}; if the "
                              f"file uses another encoding, pass it with --encoding", meta)
                continue
            if len(cells) != len(header):
                yield Failure(doc_id, where, "malformed",
                              f"{where}: has {len(cells)} cells but the header has "
                              f"{len(header)} columns; check quoting and delimiters", meta)
                continue
            yield _row_document(dict(zip(header, cells, strict=True)), number=number,
                                where=where, options=options, names=names, base=base,
                                stem=stem)
        if header is None:
            yield Failure(stem, source, "empty", f"{source}: the table is empty (no header)",
                          base)
        elif not number:
            yield _no_rows(source, stem, base, f"a header ({_columns(header)}) but no rows")
    except OSError as err:
        yield Failure(stem, source, "unreadable",
                      f"{source}: cannot be read ({err.strerror or err})", base)


def _jsonl_rows(path: Path, options: TableOptions, base: Mapping[str, Any],
                stem: str) -> Iterator[Document | Failure]:
    source = display_path(path)
    limit = max_chars(options.max_doc_mb) + 65536
    names: dict[str, str] = {}
    try:
        with open_text(path, options.encoding) as handle:
            number = 0
            any_row = False
            while True:
                line = handle.readline(limit)
                if not line:
                    break
                number += 1
                where = f"{source} line {number}"
                meta = {**base, "row": number}
                doc_id = f"{stem}:{number}"
                if len(line) >= limit and not line.endswith(("\n", "\r")):
                    any_row = True
                    while (rest := handle.readline(limit)) and not rest.endswith("\n"):
                        pass
                    yield Failure(doc_id, where, "too_large",
                                  f"{where}: the line is over the limit of "
                                  f"{options.max_doc_mb:g} MB per document; split it, or "
                                  f"raise --max-doc-mb", meta)
                    continue
                if not line.strip():
                    continue
                any_row = True
                byte = bad_byte([line])
                if byte is not None:
                    yield Failure(doc_id, where, "undecodable",
                                  f"{where}: byte {byte} is not valid {options.encoding}; if "
                                  f"the file uses another encoding, pass it with --encoding",
                                  meta)
                    continue
                try:
                    row = json.loads(line)
                except RecursionError:
                    yield Failure(doc_id, where, "malformed",
                                  f"{where}: JSON nested too deeply to read; flatten it",
                                  meta)
                    continue
                except ValueError as err:
                    yield Failure(doc_id, where, "malformed",
                                  f"{where}: not a JSON object ({err})", meta)
                    continue
                if not isinstance(row, dict):
                    yield Failure(doc_id, where, "malformed",
                                  f"{where}: expected a JSON object, got "
                                  f"{type(row).__name__}", meta)
                    continue
                if options.text_column not in row:
                    keys = [printable(str(k)) for k in row]
                    yield _missing_column(where, doc_id, options.text_column, sorted(keys),
                                          meta)
                    continue
                yield _row_document(row, number=number, where=where, options=options,
                                    names=names, base=base, stem=stem)
            if not any_row:
                yield _no_rows(source, stem, base, "no rows (no line holds anything)")
    except OSError as err:
        yield Failure(stem, source, "unreadable",
                      f"{source}: cannot be read ({err.strerror or err})", base)


def _parquet_rows(path: Path, options: TableOptions, base: Mapping[str, Any],
                  stem: str) -> Iterator[Document | Failure]:
    import pyarrow.parquet as pq

    source = display_path(path)
    try:
        handle = pq.ParquetFile(path)
    except Exception as err:
        yield Failure(stem, source, "malformed",
                      f"{source}: not a readable Parquet file ({err})", base)
        return
    columns = handle.schema_arrow.names
    if options.text_column not in columns:
        yield _missing_column(source, stem, options.text_column, list(columns), base)
        return
    names = rename_columns([c for c in columns if c not in (options.text_column, options.id_column)])
    number = 0
    try:
        for batch in handle.iter_batches(batch_size=64):
            for row in batch.to_pylist():
                number += 1
                yield _row_document(row, number=number, where=f"{source} row {number}",
                                    options=options, names=names, base=base, stem=stem)
    except Exception as err:  # a corrupt row group: the rows after it cannot be read
        yield Failure(f"{stem}:{number + 1}", f"{source} row {number + 1}", "malformed",
                      f"{source}: rows from {number + 1} on cannot be read ({err})", base)
        return
    if not number:
        yield _no_rows(source, stem, base, f"columns ({_columns(columns)}) but no rows")


def _columns(names: Iterable[Any]) -> str:
    shown = [printable(str(n)) for n in list(names)[:8]]
    return ", ".join(shown) + (", ..." if len(list(names)) > 8 else "")


def _no_rows(source: str, stem: str, base: Mapping[str, Any], what: str) -> Failure:
    """The row of a table that holds no document: its file is still an input."""
    return Failure(stem, source, "empty", f"{source}: the table has {what}; add rows, or "
                   f"remove the file", base)
