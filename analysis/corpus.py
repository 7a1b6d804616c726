"""Corpus loading: documents from text files, folders and tables, with clear errors.

A corpus is a stream of :class:`Document` records and, for input that could not be
read, :class:`Failure` records.  Both carry the document's id so that every input is
accounted for in the output tables.  Nothing here raises for a bad *document*; only
a bad *corpus path* (missing, unreadable) raises :class:`CorpusError`.

Decoding is UTF-8 by default; a byte-order mark is dropped, and line endings are kept
exactly as they are in the file (``\\r\\n`` included), so character offsets always
index ``Document.text`` as read.

Examples
--------
>>> from analysis.paths import SEEDS
>>> docs = [d for d in iter_corpus(SEEDS) if isinstance(d, Document)]
>>> docs[0].id
'000_eef1b9dedbf151ac'
>>> docs[0].text.startswith('Tehran:')
True
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "CorpusError",
    "Document",
    "Failure",
    "binary_kind",
    "decode",
    "iter_corpus",
    "load_corpus",
    "read_table",
    "read_text_file",
]

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
_BINARY_PROBE = 8192


class CorpusError(Exception):
    """A corpus as a whole cannot be read (missing path, unsupported file type)."""


@dataclass(frozen=True)
class Document:
    """One document of a corpus.

    Parameters
    ----------
    id : str
        Stable identifier (relative path without suffix, or the id column of a table).
    text : str
        The text exactly as decoded; never modified by any later stage.
    meta : Mapping
        Title, source, date, path, and any extra table columns.

    Examples
    --------
    >>> Document("a", "Hello.").text
    'Hello.'
    """

    id: str
    text: str
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Failure:
    """An input document that could not be read, with the reason.

    ``status`` is one of ``empty``, ``undecodable``, ``binary``, ``missing_column``,
    ``malformed``, ``unreadable``.

    Examples
    --------
    >>> Failure("x", "x.txt", "empty", "x.txt: the file is empty").status
    'empty'
    """

    id: str
    source: str
    status: str
    message: str


def decode(data: bytes, *, source: str, encoding: str = "utf-8") -> str:
    """Decode bytes to text, dropping a UTF-8 byte-order mark.

    Raises
    ------
    ValueError
        With the source name, the byte offset and a hint about ``--encoding``.

    Examples
    --------
    >>> decode(b"\\xef\\xbb\\xbfHi", source="a.txt")
    'Hi'
    >>> decode(b"caf\\xe9", source="b.txt")
    Traceback (most recent call last):
    ...
    ValueError: b.txt: byte 0xe9 at offset 3 is not valid utf-8; if the file uses another encoding, pass it with --encoding (e.g. --encoding cp1252)
    """
    codec = "utf-8-sig" if encoding.lower().replace("_", "-") in {"utf-8", "utf8"} else encoding
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise ValueError(
            f"{source}: byte 0x{bad} at offset {err.start} is not valid {encoding}; if the file "
            f"uses another encoding, pass it with --encoding (e.g. --encoding cp1252)"
        ) from None
    except LookupError:
        raise ValueError(
            f"{source}: unknown encoding {encoding!r}; use a Python codec name such as "
            f"'utf-8', 'cp1252' or 'latin-1'"
        ) from None


def _check_text(text: str, *, doc_id: str, source: str) -> Document | Failure:
    if not text.strip():
        return Failure(doc_id, source, "empty", f"{source}: the document is empty (no text)")
    return Document(doc_id, text, {"source": source})


#: Leading bytes of formats people often leave in a folder of articles.
_MAGIC = ((b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
          (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls)"),
          (b"{\\rtf", "an RTF document"), (b"\x89PNG", "a PNG image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"))
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}


def binary_kind(data: bytes) -> str | None:
    """What a non-text byte string looks like, or ``None`` for text.

    Known formats by their leading bytes; otherwise binary when the first 8 KiB
    hold a NUL byte or more than 5% control characters (text has almost none).

    Examples
    --------
    >>> binary_kind(b"%PDF-1.7 ...")
    'a PDF file'
    >>> binary_kind("Plain text, café.".encode()) is None
    True
    >>> binary_kind(bytes(range(1, 40)) * 3)
    'a binary file (more than 5% control characters)'
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    probe = data[:_BINARY_PROBE]
    if b"\x00" in probe:
        return "a binary file (it contains NUL bytes)"
    if probe and sum(b in _CONTROL for b in probe) > 0.05 * len(probe):
        return "a binary file (more than 5% control characters)"
    return None


def read_text_file(path: str | Path, *, doc_id: str | None = None,
                   encoding: str = "utf-8") -> Document | Failure:
    """Read one plain-text file into a :class:`Document`, or a :class:`Failure`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_bytes(b"One.\\r\\nTwo.")
    >>> read_text_file(p).text
    'One.\\r\\nTwo.'
    >>> _ = p.write_bytes(b"")
    >>> read_text_file(p).status
    'empty'
    """
    path = Path(path)
    doc_id = doc_id if doc_id is not None else path.stem
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        return Failure(doc_id, source, "unreadable", f"{source}: cannot be read ({err.strerror})")
    binary = binary_kind(data)
    if binary is not None:
        return Failure(doc_id, source, "binary",
                       f"{source}: looks like {binary}, not text; "
                       f"convert it to plain text first")
    try:
        text = decode(data, source=source, encoding=encoding)
    except ValueError as err:
        return Failure(doc_id, source, "undecodable", str(err))
    result = _check_text(text, doc_id=doc_id, source=source)
    if isinstance(result, Document):
        result = Document(doc_id, text, {"source": source, "path": source, "title": _title(text)})
    return result


def _title(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first[:120]


def _row_document(row: Mapping[str, Any], *, index: int, source: str, text_column: str,
                  id_column: str | None, stem: str) -> Document | Failure:
    raw_id = row.get(id_column) if id_column else None
    doc_id = str(raw_id) if raw_id not in (None, "") and raw_id == raw_id else f"{stem}:{index}"
    where = f"{source} row {index}"
    value = row.get(text_column)
    if value is None or (isinstance(value, float) and value != value):
        return Failure(doc_id, where, "empty", f"{where}: the {text_column!r} cell is empty")
    if not isinstance(value, str):
        return Failure(doc_id, where, "malformed",
                       f"{where}: the {text_column!r} cell holds {type(value).__name__} "
                       f"{value!r}, not text")
    result = _check_text(value, doc_id=doc_id, source=where)
    if isinstance(result, Document):
        meta = {k: v for k, v in row.items() if k not in (text_column, id_column)}
        meta.update(source=source, row=index)
        result = Document(doc_id, value, meta)
    return result


def _missing_column(source: str, stem: str, column: str, found: list[str]) -> Failure:
    return Failure(stem, source, "missing_column",
                   f"{source}: no column {column!r}; the columns are {found}; name the text "
                   f"column with --text-column")


def read_table(path: str | Path, *, text_column: str = "text", id_column: str | None = "id",
               encoding: str = "utf-8") -> Iterator[Document | Failure]:
    """Stream documents from a CSV, JSON-lines or Parquet file, one per row.

    Other columns are kept in ``meta``.  A missing text column gives a single
    ``missing_column`` failure for the file; a bad row gives a failure for that row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("id,text,outlet\\n1,Hello there.,AP\\n2,,AP\\n")
    >>> [(d.id, type(d).__name__) for d in read_table(p)]
    [('1', 'Document'), ('2', 'Failure')]
    """
    path = Path(path)
    source, stem, suffix = str(path), path.stem, path.suffix.lower()
    rows: Iterator[tuple[int, Mapping[str, Any] | Failure]]
    try:
        if suffix == ".csv":
            rows = _csv_rows(path, encoding, text_column, stem)
        elif suffix == ".jsonl":
            rows = _jsonl_rows(path, encoding, stem)
        elif suffix == ".parquet":
            rows = _parquet_rows(path, text_column, stem)
        else:
            raise CorpusError(f"{source}: unsupported table type {suffix!r}; use one of "
                              f"{', '.join(TABLE_SUFFIXES)}")
        for index, row in rows:
            if isinstance(row, Failure):
                yield row
                continue
            if text_column not in row:  # only JSON lines can lack it row by row
                yield _missing_column(f"{source} line {index + 1}", f"{stem}:{index}",
                                      text_column, sorted(row))
                continue
            yield _row_document(row, index=index, source=source, text_column=text_column,
                                id_column=id_column, stem=stem)
    except OSError as err:
        yield Failure(stem, source, "unreadable", f"{source}: cannot be read ({err})")


def _csv_rows(path: Path, encoding: str, text_column: str,
              stem: str) -> Iterator[tuple[int, Mapping[str, Any] | Failure]]:
    data = path.read_bytes()
    try:
        text = decode(data, source=str(path), encoding=encoding)
    except ValueError as err:
        yield 0, Failure(stem, str(path), "undecodable", str(err))
        return
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = list(reader.fieldnames or [])
    if text_column not in fields:
        yield 0, _missing_column(str(path), stem, text_column, fields)
        return
    for index, row in enumerate(reader):
        if None in row:  # more cells than header fields
            yield index, Failure(f"{stem}:{index}", f"{path} row {index}", "malformed",
                                 f"{path} row {index}: has more cells than the header "
                                 f"({len(fields)} columns); check quoting")
            continue
        yield index, row


def _jsonl_rows(path: Path, encoding: str,
                stem: str) -> Iterator[tuple[int, Mapping[str, Any] | Failure]]:
    with path.open("rb") as handle:
        for index, line in enumerate(handle):
            if not line.strip():
                continue
            where = f"{path} line {index + 1}"
            try:
                row = json.loads(decode(line, source=where, encoding=encoding))
            except ValueError as err:
                yield index, Failure(f"{stem}:{index}", where, "malformed",
                                     f"{where}: not a JSON object ({err})")
                continue
            if not isinstance(row, dict):
                yield index, Failure(f"{stem}:{index}", where, "malformed",
                                     f"{where}: expected a JSON object, got "
                                     f"{type(row).__name__}")
                continue
            yield index, row


def _parquet_rows(path: Path, text_column: str,
                  stem: str) -> Iterator[tuple[int, Mapping[str, Any] | Failure]]:
    import pyarrow.parquet as pq

    try:
        handle = pq.ParquetFile(path)
    except Exception as err:
        yield 0, Failure(stem, str(path), "malformed", f"{path}: not a readable Parquet file ({err})")
        return
    names = handle.schema_arrow.names
    if text_column not in names:
        yield 0, _missing_column(str(path), stem, text_column, list(names))
        return
    index = 0
    for batch in handle.iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            yield index, row
            index += 1


def iter_corpus(path: str | Path, *, text_column: str = "text", id_column: str | None = "id",
                encoding: str = "utf-8") -> Iterator[Document | Failure]:
    """Stream a corpus: a ``.txt`` file, a table file, or a folder of them.

    Folders are walked recursively in sorted order; a text file's id is its path
    relative to the folder, without suffix.  Files of other types in a folder are
    ignored (gold annotations and READMEs can live beside the articles).

    Raises
    ------
    CorpusError
        If the path does not exist or is a file of an unsupported type.

    Examples
    --------
    >>> list(iter_corpus("no/such/folder"))
    Traceback (most recent call last):
    ...
    analysis.corpus.CorpusError: no/such/folder: no such file or folder; give a .txt file, a .csv/.jsonl/.parquet table, or a folder of them
    """
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder; give a .txt file, a "
                          f".csv/.jsonl/.parquet table, or a folder of them")
    options = {"text_column": text_column, "id_column": id_column, "encoding": encoding}
    if path.is_file():
        yield from _iter_file(path, None, options)
        return
    for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
        if file.suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES:
            rel = file.relative_to(path).with_suffix("").as_posix()
            yield from _iter_file(file, rel, options)


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


def _iter_file(file: Path, doc_id: str | None, options: dict[str, Any]) -> Iterator[Document | Failure]:
    suffix = file.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield read_text_file(file, doc_id=doc_id, encoding=options["encoding"])
    elif suffix in TABLE_SUFFIXES:
        yield from read_table(file, **options)
    else:
        raise CorpusError(f"{file}: unsupported file type {suffix!r}; use .txt, or a table "
                          f"({', '.join(TABLE_SUFFIXES)})")


def load_corpus(path: str | Path, **options: Any) -> tuple[list[Document], list[Failure]]:
    """Read a whole corpus into memory: ``(documents, failures)``.

    Examples
    --------
    >>> from analysis.paths import SEEDS
    >>> docs, failures = load_corpus(SEEDS)
    >>> len(docs), failures
    (1, [])
    """
    docs: list[Document] = []
    failures: list[Failure] = []
    for item in iter_corpus(path, **options):
        (docs if isinstance(item, Document) else failures).append(item)
    return docs, failures
