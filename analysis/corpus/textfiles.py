"""Plain-text files: one file, one document (or one failure saying why not).

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = p.write_text("One.")
>>> read_text_file(p).meta["file"]
'a.txt'
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from analysis.corpus.decoding import binary_kind, binary_text, codec_for, decode, is_wide
from analysis.corpus.records import (
    DEFAULT_MAX_DOC_MB,
    Document,
    Failure,
    check_text,
    display_path,
    max_chars,
)

__all__ = ["TEXT_SUFFIXES", "read_text_file"]

TEXT_SUFFIXES = (".txt",)


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
    limit = max_chars(max_doc_mb)
    try:
        size = path.stat().st_size
        if size > limit:
            return Failure(doc_id, source, "too_large",
                           f"{source}: {size / 1e6:,.1f} MB is over the limit of "
                           f"{max_doc_mb:g} MB per document; split it, or raise --max-doc-mb",
                           meta)
        data = path.read_bytes()
    except OSError as err:
        fix = ("; give read permission to the file (chmod +r) and its folders (chmod +rx)"
               if err.errno in (errno.EACCES, errno.EPERM) else "")
        return Failure(doc_id, source, "unreadable",
                       f"{source}: cannot be read ({err.strerror or err}){fix}", meta)
    codec = codec_for(data[:4], encoding)
    if is_wide(codec):  # decode first: UTF-16/32 text is full of NUL bytes
        try:
            text = decode(data, source=source, encoding=codec)
        except ValueError as err:
            return Failure(doc_id, source, "undecodable", str(err), meta)
        binary = binary_text(text)
    else:
        binary = binary_kind(data)
        text = ""
    if binary is not None:
        return Failure(doc_id, source, "binary",
                       f"{source}: looks like {binary}, not text; convert it to plain text "
                       f"first" if not binary.startswith("UTF-16") else
                       f"{source}: looks like {binary}", meta)
    if not is_wide(codec):
        try:
            text = decode(data, source=source, encoding=encoding)
        except ValueError as err:
            return Failure(doc_id, source, "undecodable", str(err), meta)
    return check_text(text, doc_id=doc_id, source=source, meta=meta, max_chars=limit)
