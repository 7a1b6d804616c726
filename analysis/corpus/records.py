"""The records of a corpus: documents, failures with their status, and the metadata rules.

A corpus is a stream of :class:`Document` records and, for input that could not be
read, :class:`Failure` records; both carry the document's id, so every input is a row
of the ``documents`` table.  :data:`STATUSES` names every status a failure can have.

Metadata (``Document.meta``): ``source`` (where the document was read), the loader
columns of :data:`LOADER_COLUMNS` (``file``, ``folder``, ``row``), and the corpus's own
columns; a column whose name is taken is renamed by :func:`metadata_name`.  Values are
scalars a table can hold (:func:`meta_value`).

Examples
--------
>>> Document("a", "Hello.").text
'Hello.'
>>> metadata_name("file", taken={"file"})
'meta_file'
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import os
import re
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DEFAULT_MAX_DOC_MB", "LOADER_COLUMNS", "STATUSES", "SURROGATE", "CorpusError",
           "CorpusWarning", "Document", "Failure", "IdSet", "check_text", "display_path",
           "distinct_ids", "max_chars", "meta_value", "metadata_name", "printable"]

#: Values of ``documents.status``.
STATUSES = {
    "ok": "analysed",
    "empty": "no text (an empty file or cell, or only white space)",
    "undecodable": "bytes that are not valid in the encoding, or a lone surrogate",
    "binary": "not a text file (PDF, ZIP, Office, image, or control characters)",
    "missing_column": "a table without the text column",
    "malformed": "a table row that cannot be parsed (bad quoting, bad JSON, wrong cells)",
    "unreadable": "a file or folder that cannot be opened or listed, or a broken link",
    "too_large": "bigger than --max-doc-mb; not analysed",
    "timeout": "the analysis took longer than --doc-timeout and was stopped",
    "error": "analysis failed on this document (a bug: please report it)",
}


#: Metadata the loader adds to every document read from a file.
LOADER_COLUMNS = {
    "file": "the file the document came from, relative to the corpus root "
            "(the file name when the corpus is one file)",
    "folder": "the folder of that file relative to the corpus root ('' at the root)",
    "row": "for a table corpus, the row (CSV, Parquet: data rows from 1; JSON lines: the "
           "line number)",
}


#: Default of ``max_doc_mb``: larger documents get status ``too_large``.  A document
#: longer than 100,000 characters is analysed in windows of whole paragraphs
#: (:mod:`analysis.run.windows`), so its memory grows by about 20 MB per MB of text in
#: the analysis and 40 MB per MB in the whole run (measured with
#: ``benchmarks/long_document.py`` on news articles joined into one document: 16 MB at
#: +610 MB over one short article), and 50 MB keeps one document near 2.5 GB; raise it
#: where memory allows.
DEFAULT_MAX_DOC_MB = 50.0


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

    ``status`` is one of :data:`STATUSES` other than ``ok``;
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


def printable(value: str) -> str:
    """``value`` with lone surrogates written as ``\\udXXX`` escapes (for ids and metadata)."""
    if value.isascii() or not SURROGATE.search(value):
        return value
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


#: A lone surrogate: not valid Unicode, and no UTF-8 writer accepts it.
SURROGATE = re.compile("[\ud800-\udfff]")


def meta_value(value: Any) -> Any:
    """A metadata value as a scalar a table can hold (dates as ISO text, others as text)."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, _dt.date | _dt.datetime | _dt.time):
        return value.isoformat()
    if isinstance(value, list | dict | tuple):
        return printable(json.dumps(value, ensure_ascii=False, default=str))
    if hasattr(value, "item") and not isinstance(value, bytes):  # numpy scalars
        return meta_value(value.item())
    return printable(str(value))


def metadata_name(name: str, taken: Iterable[str]) -> str:
    """The column name a metadata field gets in the ``documents`` table.

    The rule: a metadata name is kept unless it is already taken (a fixed column of
    ``documents`` such as ``status``, or a column the loader adds such as ``file``);
    then it gets the prefix ``meta_``, repeated until the name is free.  Empty names
    become ``meta_``.

    Examples
    --------
    >>> metadata_name("outlet", taken={"doc_id"})
    'outlet'
    >>> metadata_name("doc_id", taken={"doc_id", "meta_doc_id"})
    'meta_meta_doc_id'
    """
    taken = set(taken)
    name = str(name)
    while name in taken or not name:
        name = f"meta_{name}"
    return name


def check_text(text: str, *, doc_id: str, source: str, meta: Mapping[str, Any],
               max_chars: int) -> Document | Failure:
    """A decoded text as a :class:`Document`, or the :class:`Failure` that says why not
    (empty, over ``max_chars`` characters, or holding a lone surrogate).

    Examples
    --------
    >>> check_text(" ", doc_id="a", source="a.txt", meta={}, max_chars=10).status
    'empty'
    """
    if not text.strip():
        return Failure(doc_id, source, "empty", f"{source}: the document is empty (no text)",
                       meta)
    if len(text) > max_chars:
        return Failure(doc_id, source, "too_large",
                       f"{source}: {len(text):,} characters is over the limit of "
                       f"{max_chars:,} per document; split it, or raise --max-doc-mb", meta)
    bad = SURROGATE.search(text)
    if bad is not None:
        return Failure(doc_id, source, "undecodable",
                       f"{source}: character {bad.start()} is a lone surrogate "
                       f"U+{ord(bad.group()):04X} (not valid Unicode; often a broken JSON "
                       f"escape); fix the source", meta)
    return Document(doc_id, text, {"source": source, **meta})


def max_chars(max_doc_mb: float) -> int:
    """The limit in characters of a document of at most ``max_doc_mb`` megabytes."""
    return int(max_doc_mb * 1_000_000)


#: Duplicated ids named in the warning of :func:`distinct_ids` (the rest are counted).
_SHOWN_DUPLICATES = 5


class IdSet:
    """The ids seen so far, in about 8 bytes each (not ~100, as a set of strings takes).

    An id is kept as a 64-bit BLAKE2b hash: the newest in a small set, the rest in
    sorted NumPy arrays merged as they grow (so a lookup is a few binary searches).
    Two different ids are taken for one with probability about n^2 / 3.7e19 for n
    ids (one chance in 37 million for a million documents).

    Examples
    --------
    >>> ids = IdSet()
    >>> ids.add("a"); "a" in ids, "b" in ids, len(ids)
    (True, False, 1)
    """

    #: Ids held in the Python set before they move into a sorted array.
    BUFFER = 4096

    def __init__(self) -> None:
        self._new: set[int] = set()
        self._runs: list[Any] = []
        self._n = 0

    @staticmethod
    def _key(value: str) -> int:
        data = value.encode("utf-8", "surrogatepass")
        return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "little")

    def __contains__(self, value: str) -> bool:
        key = self._key(value)
        if key in self._new:
            return True
        if self._runs:
            import numpy as np

            probe = np.uint64(key)  # a Python int would make NumPy convert the whole run
            for run in self._runs:
                i = run.searchsorted(probe)
                if i < len(run) and run[i] == probe:
                    return True
        return False

    def add(self, value: str) -> None:
        if value in self:
            return
        key = self._key(value)
        self._new.add(key)
        self._n += 1
        if len(self._new) >= self.BUFFER:
            import numpy as np

            self._runs.append(np.sort(np.fromiter(self._new, dtype=np.uint64,
                                                  count=len(self._new))))
            self._new = set()
            while len(self._runs) > 1 and len(self._runs[-2]) <= 2 * len(self._runs[-1]):
                last = self._runs.pop()  # no key is in two runs: add() looked first
                self._runs[-1] = np.sort(np.concatenate((self._runs[-1], last)),
                                         kind="stable")

    def __len__(self) -> int:
        return self._n


def distinct_ids(items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
    """``items`` with every id distinct: an id already used by an earlier item gets the
    suffix ``#2``, ``#3``, ... (the first keeps its id; a suffix already taken is
    skipped), and at the end one :class:`CorpusWarning` counts the renamed items and
    names the ids.

    Tables join on ``doc_id``; two documents with one id would mix their quotes and
    sentences.  Memory: about 8 bytes per id seen (:class:`IdSet`): 8 MB per million
    documents, 23 MB at the peak of a merge; each item costs about 20 microseconds.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     ids = [d.id for d in distinct_ids([Document("a", "x")] * 3 + [Document("b", "y")])]
    >>> ids
    ['a', 'a#2', 'a#3', 'b']
    >>> print(caught[0].message)
    2 documents had an id used by an earlier one and were renamed with the suffix #2, #3, ...: 'a' (3 times: a#2, a#3); doc_id now names one document each; to keep your own ids, make them distinct in the corpus
    """
    seen = IdSet()
    renamed: dict[str, list[str]] = {}
    for item in items:
        if item.id in seen:
            copies = renamed.setdefault(item.id, [])
            n = len(copies) + 2
            while f"{item.id}#{n}" in seen:
                n += 1
            new = f"{item.id}#{n}"
            copies.append(new)
            item = dataclasses.replace(item, id=new)
        seen.add(item.id)
        yield item
    if renamed:
        total = sum(len(v) for v in renamed.values())
        shown = ", ".join(f"{printable(k)!r} ({len(v) + 1} times: {', '.join(v[:3])}"
                          f"{', ...' if len(v) > 3 else ''})"
                          for k, v in list(renamed.items())[:_SHOWN_DUPLICATES])
        more = (f", and {len(renamed) - _SHOWN_DUPLICATES} more ids"
                if len(renamed) > _SHOWN_DUPLICATES else "")
        warnings.warn(f"{total} document{'s' if total > 1 else ''} had an id used by an "
                      f"earlier one and {'were' if total > 1 else 'was'} renamed with the "
                      f"suffix #2, #3, ...: {shown}{more}; doc_id now names one document "
                      f"each; to keep your own ids, make them distinct in the corpus",
                      CorpusWarning, stacklevel=2)
