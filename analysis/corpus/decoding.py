"""Bytes to text: encodings, byte-order marks, bad bytes, and telling binary files from text.

Decoding is UTF-8 by default (``encoding=`` for others); a byte-order mark decides the
encoding (UTF-8, UTF-16 or UTF-32) whatever ``encoding`` says, and is dropped.  Line
endings are kept exactly as in the file (``\\r\\n`` included), so character offsets
always index ``Document.text`` as read.  Tables are decoded as streams
(:func:`open_text`) in which each bad byte becomes U+DC00 + byte, so that one bad byte
rejects only its row (:func:`bad_byte` names it).

Examples
--------
>>> decode(b"\\xef\\xbb\\xbfHi", source="a.txt")
'Hi'
>>> binary_kind(b"%PDF-1.7 ...")
'a PDF file'
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.corpus.records import CorpusError

__all__ = ["bad_byte", "binary_kind", "binary_text", "check_encoding", "codec_for", "decode",
           "is_wide", "open_text"]

_BINARY_PROBE = 8192


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


def codec_for(head: bytes, encoding: str) -> str:
    """The codec for bytes starting with ``head``: the byte-order mark's if there is one
    (UTF-8 with or without a mark when ``encoding`` is UTF-8), else ``encoding``.

    Examples
    --------
    >>> codec_for(b"\\xff\\xfeH\\x00", "utf-8"), codec_for(b"Hi", "utf-8")
    ('utf-16', 'utf-8-sig')
    """
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return "utf-8-sig" if _norm(encoding) in {"utf-8", "utf8"} else encoding


def _norm(encoding: str) -> str:
    return encoding.lower().replace("_", "-")


def is_wide(codec: str) -> bool:
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
    analysis.corpus.records.CorpusError: unknown encoding 'klingon'; use a Python codec name such as 'utf-8', 'cp1252' or 'latin-1'
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
    codec = codec_for(data[:4], encoding)
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


#: Leading bytes of formats people often leave in a folder of articles.
_MAGIC = ((b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
          (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file (.doc/.xls)"),
          (b"{\\rtf", "an RTF document"), (b"\x89PNG", "a PNG image"),
          (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"))


_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D} | {0x7F}


_CONTROL_CHARS = frozenset(map(chr, _CONTROL))
#: Every byte that is not a control byte, deleted to count the control bytes.
_NOT_CONTROL = bytes(b for b in range(256) if b not in _CONTROL)


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
    if probe and len(probe.translate(None, _NOT_CONTROL)) > 0.05 * len(probe):
        return "a binary file (more than 5% control characters)"
    return None


def binary_text(text: str) -> str | None:
    """:func:`binary_kind` for text already decoded (UTF-16/32 files): NUL or control
    characters.

    Examples
    --------
    >>> binary_text("a\\x00b")
    'a binary file (it contains NUL characters)'
    """
    probe = text[:_BINARY_PROBE]
    if "\x00" in probe:
        return "a binary file (it contains NUL characters)"
    if probe and sum(ch in _CONTROL_CHARS for ch in probe) > 0.05 * len(probe):
        return "a binary file (more than 5% control characters)"
    return None


@contextmanager
def open_text(path: Path, encoding: str) -> Iterator[io.TextIOWrapper]:
    """A streaming text reader: bad bytes become U+DC00+byte instead of an error."""
    raw = path.open("rb")
    try:
        head = raw.read(4)
        raw.seek(0)
        with io.TextIOWrapper(raw, encoding=codec_for(head, encoding), errors=_ESCAPE,
                              newline="") as handle:
            yield handle
    finally:
        raw.close()


def bad_byte(cells: Iterable[str]) -> str | None:
    """The first byte :func:`open_text` could not decode in ``cells`` (as ``0x..``), or
    ``None``."""
    for cell in cells:
        found = _ESCAPED.search(cell)
        if found is not None:
            return f"0x{ord(found.group()) - 0xDC00:02x}"
    return None
