"""Corpus loading: documents from text files, folders and tables, every input accounted for.

A corpus is a stream of :class:`Document` records and, for input that could not be
read, :class:`Failure` records.  Both carry the document's id so that every input is
a row of the ``documents`` table.  Nothing here raises for a bad *document* (an
undecodable byte, a broken link, an unlistable folder, a malformed row, a document
over the size limit); only a bad *corpus* raises :class:`CorpusError`, and it does
so when :func:`iter_corpus` is called, before anything is read or written.

Decoding is UTF-8 by default (``encoding=`` for others); a byte-order mark decides
the encoding (UTF-8, UTF-16 or UTF-32) whatever ``encoding`` says, and is dropped.
Line endings are kept exactly as in the file (``\\r\\n`` included), so character
offsets always index ``Document.text`` as read.  Tables are streamed: CSV/TSV and
JSON lines line by line (one bad byte or one bad line rejects only its row),
Parquet batch by batch.

Metadata (``Document.meta``): ``source`` (where the document was read), the loader
columns of :data:`analysis.tables.LOADER_COLUMNS` (``file``, ``folder``, ``row``),
every other column of a table corpus, and for text files in a folder the columns of
a sidecar ``metadata.csv`` / ``metadata.tsv`` in the folder's root.  A column whose
name is taken is renamed by :func:`analysis.tables.metadata_name`.

Examples
--------
>>> from analysis.paths import SEEDS
>>> docs = [d for d in iter_corpus(SEEDS) if isinstance(d, Document)]
>>> docs[0].id, docs[0].meta["file"]
('000_eef1b9dedbf151ac', '000_eef1b9dedbf151ac.txt')
>>> docs[0].text.startswith('Tehran:')
True
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import json
import os
import re
import stat
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.tables import LOADER_COLUMNS, TABLES, metadata_name

__all__ = [
    "DEFAULT_MAX_DOC_MB",
    "SIDECAR_NAMES",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "CorpusError",
    "CorpusWarning",
    "Document",
    "Failure",
    "binary_kind",
    "decode",
    "display_path",
    "empty_reason",
    "iter_corpus",
    "load_corpus",
    "read_table",
    "read_text_file",
]

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".parquet")
#: Sidecar metadata files looked for in the root of a folder corpus (never read as text).
SIDECAR_NAMES = ("metadata.csv", "metadata.tsv")
#: Sidecar columns that name the document, in order of preference.
SIDECAR_KEYS = ("id", "doc_id", "file", "filename", "path")
#: Default of ``max_doc_mb``: larger documents get status ``too_large``.  The analysis
#: needs about 250 MB of memory per MB of text (measured on news articles joined into
#: one document: 1 / 2 / 4 MB peak at 0.5 / 0.75 / 1.2 GB, in linear time), so 5 MB
#: keeps one document under about 1.5 GB; raise it where memory allows.
DEFAULT_MAX_DOC_MB = 5.0
_BINARY_PROBE = 8192
_MAX_RESTARTS = 20
#: Names a metadata column may not take (fixed ``documents`` columns, loader columns).
_RESERVED = frozenset(TABLES["documents"].names()) | frozenset(LOADER_COLUMNS)


class CorpusError(Exception):
    """A corpus as a whole cannot be read (missing path, unsupported type, bad sidecar)."""


class CorpusWarning(UserWarning):
    """Something about a corpus a user should know that loses no document."""


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
        ``source`` and the metadata columns (see the module docs).

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

    ``status`` is one of :data:`analysis.tables.STATUSES` other than ``ok``;
    ``meta`` holds what is known of the document's metadata.

    Examples
    --------
    >>> Failure("x", "x.txt", "empty", "x.txt: the file is empty").status
    'empty'
    """

    id: str
    source: str
    status: str
    message: str
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


# --------------------------------------------------------------------------- text
def display_path(path: str | os.PathLike[str]) -> str:
    """A path as printable text: bytes that are not UTF-8 are shown as ``\\xff``.

    File names are bytes on POSIX; Python keeps undecodable ones as lone surrogates,
    which no UTF-8 writer accepts.

    Examples
    --------
    >>> display_path(os.fsdecode(b"caf\\xff.txt"))
    'caf\\\\xff.txt'
    """
    return os.fsencode(os.fspath(path)).decode("utf-8", "backslashreplace")


def _printable(value: str) -> str:
    """``value`` with lone surrogates written as ``\\udXXX`` escapes (for ids and metadata)."""
    if value.isascii() or not _SURROGATE.search(value):
        return value
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


_SURROGATE = re.compile("[\ud800-\udfff]")
#: Characters the streaming decoder puts for bytes that are not valid (see _escape).
_ESCAPED = re.compile("[\udc00-\udcff]")
_ESCAPE = "analysis.escape"


def _escape(err: UnicodeError) -> tuple[str, int]:
    """Decode error handler: each bad byte becomes U+DC00 + byte (like surrogateescape,
    for every byte), so a row can name the byte and a valid row is never touched."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start:err.end]
    return "".join(chr(0xDC00 + b) for b in bad), err.end


codecs.register_error(_ESCAPE, _escape)

#: Byte-order marks, longest first; a BOM decides the encoding.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def _codec(head: bytes, encoding: str) -> str:
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return "utf-8-sig" if _norm(encoding) in {"utf-8", "utf8"} else encoding


def _norm(encoding: str) -> str:
    return encoding.lower().replace("_", "-")


def _wide(codec: str) -> bool:
    """UTF-16/32: newline and ASCII are not single bytes, so decode before any byte check."""
    return _norm(codec).replace("-", "").startswith(("utf16", "utf32"))


def check_encoding(encoding: str) -> None:
    """Raise :class:`CorpusError` for an encoding Python does not know.

    Examples
    --------
    >>> check_encoding("latin-1")
    >>> check_encoding("klingon")
    Traceback (most recent call last):
    ...
    analysis.corpus.CorpusError: unknown encoding 'klingon'; use a Python codec name such as 'utf-8', 'cp1252' or 'latin-1'
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise CorpusError(f"unknown encoding {encoding!r}; use a Python codec name such as "
                          f"'utf-8', 'cp1252' or 'latin-1'") from None
    if not getattr(info, "_is_text_encoding", True):
        raise CorpusError(f"{encoding!r} is not a text encoding; use a codec such as 'utf-8'")


def decode(data: bytes, *, source: str, encoding: str = "utf-8") -> str:
    """Decode bytes to text; a byte-order mark decides the encoding and is dropped.

    Raises
    ------
    ValueError
        With the source name, the byte offset and a hint about ``--encoding``.

    Examples
    --------
    >>> decode(b"\\xef\\xbb\\xbfHi", source="a.txt")
    'Hi'
    >>> decode("Hi".encode("utf-16"), source="a.txt")
    'Hi'
    >>> decode(b"caf\\xe9", source="b.txt")
    Traceback (most recent call last):
    ...
    ValueError: b.txt: byte 0xe9 at offset 3 is not valid utf-8; if the file uses another encoding, pass it with --encoding (e.g. --encoding cp1252)
    """
    codec = _codec(data[:4], encoding)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        bad = data[err.start : err.start + 1].hex()
        raise ValueError(
            f"{source}: byte 0x{bad} at offset {err.start} is not valid {codec.replace('-sig', '')}; "
            f"if the file uses another encoding, pass it with --encoding (e.g. --encoding cp1252)"
        ) from None
    except LookupError:
        raise ValueError(
            f"{source}: unknown encoding {encoding!r}; use a Python codec name such as "
            f"'utf-8', 'cp1252' or 'latin-1'"
        ) from None


def _check_text(text: str, *, doc_id: str, source: str, meta: Mapping[str, Any],
                max_chars: int) -> Document | Failure:
    if not text.strip():
        return Failure(doc_id, source, "empty", f"{source}: the document is empty (no text)",
                       meta)
    if len(text) > max_chars:
        return Failure(doc_id, source, "too_large",
                       f"{source}: {len(text):,} characters is over the limit of "
                       f"{max_chars:,} per document; split it, or raise --max-doc-mb", meta)
    bad = _SURROGATE.search(text)
    if bad is not None:
        return Failure(doc_id, source, "undecodable",
                       f"{source}: character {bad.start()} is a lone surrogate "
                       f"U+{ord(bad.group()):04X} (not valid Unicode; often a broken JSON "
                       f"escape); fix the source", meta)
    return Document(doc_id, text, {"source": source, **meta})


#: Leading bytes of formats people often leave in a folder of articles.
_MAGIC = ((b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
          (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls)"),
          (b"{\\rtf", "an RTF document"), (b"\x89PNG", "a PNG image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"))
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}
_CONTROL_CHARS = frozenset(map(chr, _CONTROL))


def binary_kind(data: bytes) -> str | None:
    """What a non-text byte string looks like, or ``None`` for text.

    Known formats by their leading bytes; otherwise binary when the first 8 KiB
    hold a NUL byte or more than 5% control characters (text has almost none).
    UTF-16/32 text must be decoded first (see :func:`read_text_file`).

    Examples
    --------
    >>> binary_kind(b"%PDF-1.7 ...")
    'a PDF file'
    >>> binary_kind("Plain text, café.".encode()) is None
    True
    >>> binary_kind(bytes(range(1, 40)) * 3)
    'a binary file (more than 5% control characters)'
    >>> binary_kind("Hi there".encode("utf-16-le"))
    'UTF-16 text without a byte-order mark (pass --encoding utf-16-le)'
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    probe = data[:_BINARY_PROBE]
    if b"\x00" in probe:
        even, odd = probe[0::2], probe[1::2]
        if len(probe) >= 4 and odd.count(0) > 0.9 * len(odd) and not even.count(0):
            return "UTF-16 text without a byte-order mark (pass --encoding utf-16-le)"
        if len(probe) >= 4 and even.count(0) > 0.9 * len(even) and not odd.count(0):
            return "UTF-16 text without a byte-order mark (pass --encoding utf-16-be)"
        return "a binary file (it contains NUL bytes)"
    if probe and sum(b in _CONTROL for b in probe) > 0.05 * len(probe):
        return "a binary file (more than 5% control characters)"
    return None


def _binary_text(text: str) -> str | None:
    probe = text[:_BINARY_PROBE]
    if "\x00" in probe:
        return "a binary file (it contains NUL characters)"
    if probe and sum(ch in _CONTROL_CHARS for ch in probe) > 0.05 * len(probe):
        return "a binary file (more than 5% control characters)"
    return None


def _max_chars(max_doc_mb: float) -> int:
    return int(max_doc_mb * 1_000_000)


def read_text_file(path: str | Path, *, doc_id: str | None = None, encoding: str = "utf-8",
                   max_doc_mb: float = DEFAULT_MAX_DOC_MB,
                   meta: Mapping[str, Any] | None = None) -> Document | Failure:
    """Read one plain-text file into a :class:`Document`, or a :class:`Failure`.

    A file over ``max_doc_mb`` megabytes (10^6 bytes) is not read (``too_large``).

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
    source = display_path(path)
    doc_id = doc_id if doc_id is not None else display_path(path.stem)
    meta = dict(meta) if meta is not None else {"file": display_path(path.name), "folder": ""}
    limit = _max_chars(max_doc_mb)
    try:
        size = path.stat().st_size
        if size > limit:
            return Failure(doc_id, source, "too_large",
                           f"{source}: {size / 1e6:,.1f} MB is over the limit of "
                           f"{max_doc_mb:g} MB per document; split it, or raise --max-doc-mb",
                           meta)
        data = path.read_bytes()
    except OSError as err:
        return Failure(doc_id, source, "unreadable",
                       f"{source}: cannot be read ({err.strerror or err})", meta)
    codec = _codec(data[:4], encoding)
    if _wide(codec):  # decode first: UTF-16/32 text is full of NUL bytes
        try:
            text = decode(data, source=source, encoding=codec)
        except ValueError as err:
            return Failure(doc_id, source, "undecodable", str(err), meta)
        binary = _binary_text(text)
    else:
        binary = binary_kind(data)
        text = ""
    if binary is not None:
        return Failure(doc_id, source, "binary",
                       f"{source}: looks like {binary}, not text; convert it to plain text "
                       f"first" if not binary.startswith("UTF-16") else
                       f"{source}: looks like {binary}", meta)
    if not _wide(codec):
        try:
            text = decode(data, source=source, encoding=encoding)
        except ValueError as err:
            return Failure(doc_id, source, "undecodable", str(err), meta)
    return _check_text(text, doc_id=doc_id, source=source, meta=meta, max_chars=limit)


# --------------------------------------------------------------------------- tables
def _meta_value(value: Any) -> Any:
    """A metadata value as a scalar a table can hold (dates as ISO text, others as text)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return _printable(value)
    if isinstance(value, _dt.date | _dt.datetime | _dt.time):
        return value.isoformat()
    if isinstance(value, list | dict | tuple):
        return _printable(json.dumps(value, ensure_ascii=False, default=str))
    if hasattr(value, "item") and not isinstance(value, bytes):  # numpy scalars
        return _meta_value(value.item())
    return _printable(str(value))


def _rename(columns: Iterable[str], taken: Iterable[str] = ()) -> dict[str, str]:
    """Metadata column -> its name in ``documents`` (see analysis.tables.metadata_name)."""
    used = set(_RESERVED) | {"source"} | set(taken)
    out = {}
    for col in columns:
        name = metadata_name(_printable(str(col)), used)
        used.add(name)
        out[col] = name
    return out


def _missing_column(source: str, doc_id: str, column: str, found: list[str],
                    meta: Mapping[str, Any]) -> Failure:
    return Failure(doc_id, source, "missing_column",
                   f"{source}: no column {column!r}; the columns are {found}; name the text "
                   f"column with --text-column", meta)


@dataclass(frozen=True)
class _TableOptions:
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
    options = _TableOptions(text_column, id_column, encoding, max_doc_mb)
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise CorpusError(f"{display_path(path)}: unsupported table type {suffix!r}; use one "
                          f"of {', '.join(TABLE_SUFFIXES)}")
    rel_name = rel if rel is not None else display_path(path.name)
    base = {"file": rel_name, "folder": _folder(rel_name)}
    stem = rel_name.rsplit(".", 1)[0]
    reader = {".csv": _delimited_rows, ".tsv": _delimited_rows, ".jsonl": _jsonl_rows,
              ".parquet": _parquet_rows}[suffix]
    yield from reader(path, options, base, stem)


def _folder(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def _row_document(row: Mapping[str, Any], *, number: int, where: str, options: _TableOptions,
                  names: Mapping[str, str], base: Mapping[str, Any],
                  stem: str) -> Document | Failure:
    """One parsed row -> Document or Failure (``names``: column -> metadata name)."""
    raw_id = row.get(options.id_column) if options.id_column else None
    doc_id = (_printable(str(_meta_value(raw_id)))
              if raw_id not in (None, "") and raw_id == raw_id else f"{stem}:{number}")
    meta = {**base, "row": number}
    for col, value in row.items():
        if col in (options.text_column, options.id_column):
            continue
        name = names.get(col)
        if name is None:  # a JSON key not seen before
            name = _rename([col], taken=names.values())[col]
            names[col] = name  # type: ignore[index]
        meta[name] = None if value == "" else _meta_value(value)
    value = row.get(options.text_column)
    if value is None or (isinstance(value, float) and value != value):
        return Failure(doc_id, where, "empty",
                       f"{where}: the {options.text_column!r} cell is empty", meta)
    if not isinstance(value, str):
        return Failure(doc_id, where, "malformed",
                       f"{where}: the {options.text_column!r} cell holds "
                       f"{type(value).__name__} {_printable(repr(value))[:80]}, not text", meta)
    return _check_text(value, doc_id=doc_id, source=where, meta=meta,
                       max_chars=_max_chars(options.max_doc_mb))


@contextmanager
def _open_text(path: Path, encoding: str) -> Iterator[io.TextIOWrapper]:
    """A streaming text reader: bad bytes become U+DC00+byte instead of an error."""
    raw = path.open("rb")
    try:
        head = raw.read(4)
        raw.seek(0)
        with io.TextIOWrapper(raw, encoding=_codec(head, encoding), errors=_ESCAPE,
                              newline="") as handle:
            yield handle
    finally:
        raw.close()


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


def _bad_byte(cells: Iterable[str]) -> str | None:
    for cell in cells:
        found = _ESCAPED.search(cell)
        if found is not None:
            return f"0x{ord(found.group()) - 0xDC00:02x}"
    return None


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit()
    csv.field_size_limit(max(old, limit))
    try:
        yield
    finally:
        csv.field_size_limit(old)


def _records(path: Path, options: _TableOptions,
             delimiter: str) -> Iterator[tuple[int, int, list[str] | str]]:
    """``(first_line, last_line, cells or error)`` for every record of a CSV/TSV file.

    Parsing is strict.  A record that cannot be parsed on one line is an error for
    that line; one that ran over several lines (an unclosed quote swallowing the rest
    of the file) is an error for its first line, and parsing starts again on the line
    after it, so the rows that follow are read.
    """
    limit = _max_chars(options.max_doc_mb) + 65536
    too_long: set[int] = set()
    skip = 0
    for _attempt in range(_MAX_RESTARTS + 1):
        restart = None
        with _open_text(path, options.encoding) as handle, _field_limit(2 * limit):
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


def _delimited_rows(path: Path, options: _TableOptions, base: Mapping[str, Any],
                    stem: str) -> Iterator[Document | Failure]:
    source = display_path(path)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        records = _records(path, options, delimiter)
        header: list[str] | None = None
        names: dict[str, str] = {}
        number = 0
        for first, last, cells in records:
            if header is None:
                if isinstance(cells, str) or _bad_byte(cells):
                    problem = ("its header line cannot be read: " + cells
                               if isinstance(cells, str) else
                               f"its header line holds byte {_bad_byte(cells)}, not valid "
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
                names = _rename([c for c in header
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
            byte = _bad_byte(cells)
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
    except OSError as err:
        yield Failure(stem, source, "unreadable",
                      f"{source}: cannot be read ({err.strerror or err})", base)


def _jsonl_rows(path: Path, options: _TableOptions, base: Mapping[str, Any],
                stem: str) -> Iterator[Document | Failure]:
    source = display_path(path)
    limit = _max_chars(options.max_doc_mb) + 65536
    names: dict[str, str] = {}
    try:
        with _open_text(path, options.encoding) as handle:
            number = 0
            while True:
                line = handle.readline(limit)
                if not line:
                    break
                number += 1
                where = f"{source} line {number}"
                meta = {**base, "row": number}
                doc_id = f"{stem}:{number}"
                if len(line) >= limit and not line.endswith(("\n", "\r")):
                    while (rest := handle.readline(limit)) and not rest.endswith("\n"):
                        pass
                    yield Failure(doc_id, where, "too_large",
                                  f"{where}: the line is over the limit of "
                                  f"{options.max_doc_mb:g} MB per document; split it, or "
                                  f"raise --max-doc-mb", meta)
                    continue
                if not line.strip():
                    continue
                byte = _bad_byte([line])
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
                    keys = [_printable(str(k)) for k in row]
                    yield _missing_column(where, doc_id, options.text_column, sorted(keys),
                                          meta)
                    continue
                yield _row_document(row, number=number, where=where, options=options,
                                    names=names, base=base, stem=stem)
    except OSError as err:
        yield Failure(stem, source, "unreadable",
                      f"{source}: cannot be read ({err.strerror or err})", base)


def _parquet_rows(path: Path, options: _TableOptions, base: Mapping[str, Any],
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
    names = _rename([c for c in columns if c not in (options.text_column, options.id_column)])
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


# --------------------------------------------------------------------------- sidecar
def _sidecar(root: Path, encoding: str) -> tuple[Path | None, dict[str, dict[str, Any]]]:
    """The sidecar metadata of a folder: key (doc id or relative path) -> columns."""
    found = [root / n for n in SIDECAR_NAMES if (root / n).is_file()]
    if not found:
        return None, {}
    if len(found) > 1:
        raise CorpusError(f"{display_path(root)}: both {found[0].name} and {found[1].name} are "
                          f"there; keep one sidecar metadata file")
    path = found[0]
    source = display_path(path)
    options = _TableOptions(encoding=encoding, max_doc_mb=DEFAULT_MAX_DOC_MB)
    delimiter = "\t" if path.suffix == ".tsv" else ","
    rows: dict[str, dict[str, Any]] = {}
    header: list[str] | None = None
    try:
        for first, _last, cells in _records(path, options, delimiter):
            if isinstance(cells, str):
                raise CorpusError(f"{source}: line {first}: "
                                  f"{'too large' if cells == 'too_large' else cells}")
            if not cells:
                continue
            byte = _bad_byte(cells)
            if byte is not None:
                raise CorpusError(f"{source}: line {first}: byte {byte} is not valid "
                                  f"{encoding}; save it as UTF-8 or pass --encoding")
            if header is None:
                header = cells
                keys = [k for k in SIDECAR_KEYS if k in header]
                if not keys:
                    raise CorpusError(f"{source}: no column naming the documents; its columns "
                                      f"are {header}; add a column called one of "
                                      f"{list(SIDECAR_KEYS)} holding the document id (the path "
                                      f"without suffix) or the file's path")
                key = header.index(keys[0])
                names = _rename([c for i, c in enumerate(header) if i != key])
                continue
            if len(cells) != len(header):
                raise CorpusError(f"{source}: line {first} has {len(cells)} cells but the "
                                  f"header has {len(header)}; check quoting and delimiters")
            name = _key(cells[key])
            if name in rows:
                raise CorpusError(f"{source}: line {first}: {cells[key]!r} is listed twice; "
                                  f"give each document one row")
            rows[name] = {names[c]: (v if v != "" else None)
                          for i, (c, v) in enumerate(zip(header, cells, strict=True))
                          if i != key}
    except OSError as err:
        raise CorpusError(f"{source}: cannot be read ({err.strerror or err})") from None
    if header is None:
        raise CorpusError(f"{source}: the metadata file is empty; add a header line")
    return path, rows


def _key(value: str) -> str:
    key = value.strip().replace("\\", "/")
    return key[2:] if key.startswith("./") else key


# --------------------------------------------------------------------------- folders
@dataclass
class _Walk:
    """What a folder walk found, for the message when it finds nothing."""

    ignored: list[str] = field(default_factory=list)
    n_ignored: int = 0


def _walk(root: Path, folder: Path, exclude: frozenset[str], visited: set[tuple[int, int]],
          found: _Walk) -> Iterator[tuple[Path, Failure | None]]:
    """``(file, None)`` for every corpus file under ``folder`` in sorted order, or
    ``(path, failure)`` for what cannot be listed or followed."""
    rel = _rel(folder, root)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        where = display_path(folder)
        yield folder, Failure(f"{rel}/" if rel else "./", where, "unreadable",
                              f"{where}: the folder cannot be listed "
                              f"({err.strerror or err}); its files are not in this run",
                              {"file": rel, "folder": _folder(rel)})
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if folder == root and entry.name in SIDECAR_NAMES:
            continue
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
            info = os.stat(path) if is_dir else None
        except OSError as err:  # a link loop, or no permission to look
            if _wanted(entry.name):
                yield path, _link_failure(path, root, err)
            continue
        if is_dir:
            assert info is not None
            if _real(path) in exclude:
                continue
            key = (info.st_dev, info.st_ino)
            if key in visited:
                rel_dir = _rel(path, root)
                found.ignored.append(f"{rel_dir}/ (a link back to a folder already read)")
                found.n_ignored += 1
                continue
            visited.add(key)
            yield from _walk(root, path, exclude, visited, found)
        elif is_file and _wanted(entry.name):
            yield path, None
        elif not is_file and entry.is_symlink() and _wanted(entry.name):
            yield path, _link_failure(path, root, None)
        else:
            found.n_ignored += 1
            if len(found.ignored) < 5:
                found.ignored.append(_rel(path, root))


def _wanted(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES + TABLE_SUFFIXES)


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _rel(path: Path, root: Path) -> str:
    return display_path(path.relative_to(root).as_posix()) if path != root else ""


def _link_failure(path: Path, root: Path, err: OSError | None) -> Failure:
    rel = _rel(path, root)
    where = display_path(path)
    try:
        target = display_path(os.readlink(path))
    except OSError:
        target = "?"
    if err is not None and err.errno == 40:  # ELOOP
        why = f"a symbolic link loop (it points to {target!r}, which leads back to itself)"
    elif err is not None and not path.is_symlink():
        why = f"it cannot be looked at ({err.strerror or err})"
    else:
        why = f"a symbolic link to {target!r}, which does not exist"
    return Failure(rel.rsplit(".", 1)[0], where, "unreadable",
                   f"{where}: {why}; fix or remove the link",
                   {"file": rel, "folder": _folder(rel)})


def empty_reason(path: str | Path, *, exclude: Iterable[str | Path] = ()) -> str:
    """Why a corpus yielded no document at all, in one sentence.

    Examples
    --------
    >>> import tempfile
    >>> empty_reason(tempfile.mkdtemp()).endswith("the folder is empty")
    True
    """
    path = Path(path)
    where = display_path(path)
    if path.is_file():
        return f"{where}: the table has no rows"
    found = _Walk()
    excluded = frozenset(_real(Path(p)) for p in exclude)
    files = list(_walk(path, path, excluded, set(), found))
    if files:
        return f"{where}: no document could be read"
    kinds = ", ".join(TEXT_SUFFIXES + TABLE_SUFFIXES)
    if not found.n_ignored:
        hidden = any(p.name.startswith(".") for p in path.iterdir())
        return (f"{where}: no {kinds} files: the folder is empty"
                + (" (hidden files and folders are not read)" if hidden else ""))
    listed = ", ".join(found.ignored[:5]) + (", ..." if found.n_ignored > 5 else "")
    return (f"{where}: no {kinds} files; {found.n_ignored} other file(s) are not read "
            f"({listed}); convert articles to .txt or a table")


def iter_corpus(path: str | Path, *, text_column: str = "text", id_column: str | None = "id",
                encoding: str = "utf-8", max_doc_mb: float = DEFAULT_MAX_DOC_MB,
                exclude: Iterable[str | Path] = ()) -> Iterator[Document | Failure]:
    """Stream a corpus: a ``.txt`` file, a table file, or a folder of them.

    Folders are walked recursively in sorted order (hidden files and folders
    skipped, links to folders followed once); a text file's id is its path relative
    to the folder, without suffix.  Files of other types in a folder are ignored
    (gold annotations and READMEs can live beside the articles); broken links and
    folders that cannot be listed are failures.  ``exclude`` names folders not to
    read (the output folder of a run inside the corpus).

    The corpus is checked when this is called, not when the stream is read.

    Raises
    ------
    CorpusError
        If the path does not exist, is neither a file nor a folder, is a file of an
        unsupported type, or its sidecar metadata file is malformed; for an unknown
        encoding; for a size limit that is not positive.

    Examples
    --------
    >>> iter_corpus("no/such/folder")
    Traceback (most recent call last):
    ...
    analysis.corpus.CorpusError: no/such/folder: no such file or folder; give a .txt file, a .csv/.tsv/.jsonl/.parquet table, or a folder of them
    """
    path = Path(path)
    where = display_path(path)
    check_encoding(encoding)
    if not max_doc_mb > 0:
        raise CorpusError(f"the size limit must be positive, got {max_doc_mb!r} MB")
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CorpusError(f"{where}: no such file or folder; give a .txt file, a "
                          f".csv/.tsv/.jsonl/.parquet table, or a folder of them") from None
    except OSError as err:
        raise CorpusError(f"{where}: cannot be read ({err.strerror or err})") from None
    options = _TableOptions(text_column, id_column, encoding, max_doc_mb)
    if stat.S_ISREG(info.st_mode):
        suffix = path.suffix.lower()
        if suffix not in TEXT_SUFFIXES + TABLE_SUFFIXES:
            raise CorpusError(f"{where}: unsupported file type {suffix!r}; use .txt, or a "
                              f"table ({', '.join(TABLE_SUFFIXES)})")
        return _iter_file(path, display_path(path.name), options, {})
    if not stat.S_ISDIR(info.st_mode):
        kind = ("a character device" if stat.S_ISCHR(info.st_mode) else
                "a named pipe" if stat.S_ISFIFO(info.st_mode) else
                "a socket" if stat.S_ISSOCK(info.st_mode) else "a special file")
        raise CorpusError(f"{where}: is {kind}, not a file or folder; give a .txt file, a "
                          f"table, or a folder of them")
    sidecar_path, sidecar = _sidecar(path, encoding)
    excluded = frozenset(_real(Path(p)) for p in exclude)
    return _iter_folder(path, options, excluded, sidecar_path, sidecar)


def _iter_folder(root: Path, options: _TableOptions, exclude: frozenset[str],
                 sidecar_path: Path | None,
                 sidecar: dict[str, dict[str, Any]]) -> Iterator[Document | Failure]:
    used: set[str] = set()
    info = root.stat()
    for file, failure in _walk(root, root, exclude, {(info.st_dev, info.st_ino)}, _Walk()):
        if failure is not None:
            yield failure
            continue
        rel = _rel(file, root)
        doc_id = rel.rsplit(".", 1)[0]
        extra = {}
        if sidecar and file.suffix.lower() in TEXT_SUFFIXES:
            for key in (doc_id, rel):
                if key in sidecar:
                    extra = sidecar[key]
                    used.add(key)
                    break
        yield from _iter_file(file, rel, options, extra)
    unused = [k for k in sidecar if k not in used]
    if unused:
        shown = ", ".join(repr(k) for k in unused[:5]) + (", ..." if len(unused) > 5 else "")
        warnings.warn(f"{display_path(sidecar_path or root)}: {len(unused)} row(s) name no "
                      f"text file of the corpus ({shown})", CorpusWarning, stacklevel=2)


def _iter_file(file: Path, rel: str, options: _TableOptions,
               extra: Mapping[str, Any]) -> Iterator[Document | Failure]:
    suffix = file.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        meta = {"file": rel, "folder": _folder(rel), **extra}
        yield read_text_file(file, doc_id=rel.rsplit(".", 1)[0], encoding=options.encoding,
                             max_doc_mb=options.max_doc_mb, meta=meta)
    else:
        yield from read_table(file, text_column=options.text_column,
                              id_column=options.id_column, encoding=options.encoding,
                              max_doc_mb=options.max_doc_mb, rel=rel)


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
