"""Corpora on disk: a file or a folder of them, walked in order, with sidecar metadata.

:func:`iter_corpus` streams a ``.txt`` file, a table file, or a folder of them.  Folders
are walked recursively in sorted order (links to folders followed once).  Nothing here
raises for a bad *document* (an undecodable byte, a broken link, an unlistable folder, a
malformed row, a document over the size limit); only a bad *corpus* raises
:class:`~analysis.corpus.CorpusError`, and it does so when :func:`iter_corpus` is
called, before anything is read.

Every input path is accounted for: a corpus file or a folder that cannot be listed,
entered, followed or read (no permission, a path longer than the system allows, a
broken or looping link, a link to a device, a named pipe called ``x.txt``) is a
``unreadable`` failure saying why; a pipe or a device is never opened.  Hidden files
and folders (names starting with ``.``: editor backups, ``.git``,
``.ipynb_checkpoints`` copies, macOS ``._`` files) are not read, and a
:class:`~analysis.corpus.CorpusWarning` at the end names them.  Files of other types
(gold annotations, READMEs) are passed over; if nothing is read, :func:`empty_reason`
names them.  Ids are made distinct (:func:`~analysis.corpus.records.distinct_ids`).

For text files in a folder, the columns of a sidecar ``metadata.csv`` /
``metadata.tsv`` in the folder's root join their documents' metadata.

Examples
--------
>>> from analysis.paths import SEEDS
>>> docs, failures = load_corpus(SEEDS)
>>> docs[0].id, docs[0].meta["file"], failures
('000_eef1b9dedbf151ac', '000_eef1b9dedbf151ac.txt', [])
"""

from __future__ import annotations

import errno
import os
import stat
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.corpus.decoding import bad_byte, check_encoding
from analysis.corpus.records import (
    DEFAULT_MAX_DOC_MB,
    CorpusError,
    CorpusWarning,
    Document,
    Failure,
    display_path,
    distinct_ids,
)
from analysis.corpus.tabular import (
    TABLE_SUFFIXES,
    TableOptions,
    csv_records,
    folder_of,
    read_table,
    rename_columns,
    table_columns,
)
from analysis.corpus.textfiles import TEXT_SUFFIXES, read_text_file

__all__ = ["SIDECAR_KEYS", "SIDECAR_NAMES", "corpus_columns", "empty_reason", "iter_corpus",
           "kind_of", "load_corpus"]

#: Sidecar metadata files looked for in the root of a folder corpus (never read as text).
SIDECAR_NAMES = ("metadata.csv", "metadata.tsv")


#: Sidecar columns that name the document, in order of preference.
SIDECAR_KEYS = ("id", "doc_id", "file", "filename", "path")


def _sidecar(root: Path, encoding: str
             ) -> tuple[Path | None, dict[str, dict[str, Any]], list[str]]:
    """The sidecar metadata of a folder: key (doc id or relative path) -> columns; and
    the names of its metadata columns."""
    found = [root / n for n in SIDECAR_NAMES if (root / n).is_file()]
    if not found:
        return None, {}, []
    if len(found) > 1:
        raise CorpusError(f"{display_path(root)}: both {found[0].name} and {found[1].name} are "
                          f"there; keep one sidecar metadata file")
    path = found[0]
    source = display_path(path)
    options = TableOptions(encoding=encoding, max_doc_mb=DEFAULT_MAX_DOC_MB)
    delimiter = "\t" if path.suffix == ".tsv" else ","
    rows: dict[str, dict[str, Any]] = {}
    header: list[str] | None = None
    try:
        for first, _last, cells in csv_records(path, options, delimiter):
            if isinstance(cells, str):
                raise CorpusError(f"{source}: line {first}: "
                                  f"{'too large' if cells == 'too_large' else cells}")
            if not cells:
                continue
            byte = bad_byte(cells)
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
                names = rename_columns([c for i, c in enumerate(header) if i != key])
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
    return path, rows, list(names.values())


def _key(value: str) -> str:
    key = value.strip().replace("\\", "/")
    return key[2:] if key.startswith("./") else key


@dataclass
class _Walk:
    """What a folder walk passed over: other files (for the message when it finds
    nothing) and hidden entries (named in a warning)."""

    ignored: list[str] = field(default_factory=list)
    n_ignored: int = 0
    hidden: list[str] = field(default_factory=list)
    n_hidden: int = 0


#: Hidden entries named in the warning (the rest are counted).
_SHOWN = 5


def _walk(root: Path, folder: Path, exclude: frozenset[str], visited: set[tuple[int, int]],
          found: _Walk) -> Iterator[tuple[Path, Failure | None]]:
    """``(file, None)`` for every corpus file under ``folder`` in sorted order, or
    ``(path, failure)`` for what cannot be listed, entered, followed or read as a file."""
    rel = _rel(folder, root)
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        where = display_path(folder)
        yield folder, Failure(f"{rel}/" if rel else "./", where, "unreadable",
                              f"{where}: the folder cannot be listed "
                              f"({_why(err, folder)}); its files are not in this run",
                              {"file": rel, "folder": folder_of(rel)})
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            if _worth_naming(entry):
                found.n_hidden += 1
                if len(found.hidden) < _SHOWN:
                    found.hidden.append(_rel(path, root) + ("/" if _is_dir(entry) else ""))
            continue
        if folder == root and entry.name in SIDECAR_NAMES:
            continue
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
            info = os.stat(path) if is_dir else None
        except OSError as err:  # a link loop, a path too long, or no permission to look
            if _wanted(entry.name) or _is_dir(entry) or entry.is_symlink():
                yield path, _stat_failure(path, root, err, folder=_is_dir(entry))
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
        elif not is_file and _wanted(entry.name):  # a link to nothing, a pipe, a device
            yield path, _not_a_file(path, root)
        else:
            found.n_ignored += 1
            if len(found.ignored) < 5:
                found.ignored.append(_rel(path, root))


def _is_dir(entry: os.DirEntry) -> bool:
    """Whether an entry is a folder (not following links), without failing: an entry
    that cannot be looked at counts as one."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return True


def _worth_naming(entry: os.DirEntry) -> bool:
    """A hidden entry the user may have meant as input: a folder, or a corpus file."""
    return _wanted(entry.name) or _is_dir(entry)


def _wanted(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES + TABLE_SUFFIXES)


def _real(path: Path) -> str:
    return os.path.realpath(path)


def _rel(path: Path, root: Path) -> str:
    return display_path(path.relative_to(root).as_posix()) if path != root else ""


def _why(err: OSError, path: Path) -> str:
    """The reason an OSError gives, in words a user can act on."""
    if err.errno == errno.ENAMETOOLONG:
        limit = _path_max(path)
        return (f"its path is {len(os.fsencode(path)):,} bytes, longer than this system "
                f"allows ({limit:,}); move it or shorten the folder names")
    if err.errno in (errno.EACCES, errno.EPERM):
        return (f"{err.strerror or 'permission denied'}: no permission to enter or read it; "
                f"give read and execute permission (chmod +rx) to its folders")
    return err.strerror or str(err)


def _path_max(path: Path) -> int:
    try:
        return os.pathconf(path.anchor or "/", "PC_PATH_MAX")
    except (OSError, ValueError):
        return 4096


def kind_of(mode: int) -> str:
    """What a file of mode ``mode`` is, in words (for a message).

    Examples
    --------
    >>> kind_of(os.stat("/dev/null").st_mode)
    'a character device'
    """
    return ("a regular file" if stat.S_ISREG(mode) else
            "a folder" if stat.S_ISDIR(mode) else
            "a character device" if stat.S_ISCHR(mode) else
            "a block device" if stat.S_ISBLK(mode) else
            "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "a special file")


def _failure(path: Path, root: Path, why: str, fix: str, *, folder: bool = False) -> Failure:
    rel = _rel(path, root)
    where = display_path(path)
    doc_id = f"{rel}/" if folder else rel.rsplit(".", 1)[0]
    return Failure(doc_id, where, "unreadable", f"{where}: {why}; {fix}",
                   {"file": rel, "folder": folder_of(rel)})


def _stat_failure(path: Path, root: Path, err: OSError, *, folder: bool) -> Failure:
    if err.errno == errno.ELOOP:
        return _not_a_file(path, root)
    what = "the folder" if folder else "it"
    return _failure(path, root, f"{what} cannot be looked at ({_why(err, path)})",
                    "its files are not in this run" if folder else "it is not in this run",
                    folder=folder)


def _not_a_file(path: Path, root: Path) -> Failure:
    """A corpus name that is not a regular file: a broken or looping link, a link to a
    device, a named pipe, a socket.  Such files are never opened (a pipe or a device
    would block the run or never end)."""
    try:
        target = display_path(os.readlink(path))
    except OSError:
        target = None
    try:
        kind = kind_of(os.stat(path).st_mode)
    except OSError as err:
        if target is None:
            return _failure(path, root, f"it cannot be looked at ({_why(err, path)})",
                            "it is not in this run")
        if err.errno == errno.ELOOP:
            why = f"a symbolic link loop (it points to {target!r}, which leads back to itself)"
        elif err.errno == errno.ENOENT:
            why = f"a symbolic link to {target!r}, which does not exist"
        else:
            why = f"a symbolic link to {target!r}, which cannot be looked at ({_why(err, path)})"
        return _failure(path, root, why, "fix or remove the link")
    if target is None:
        return _failure(path, root, f"{kind}, not a regular file; it is not read (a pipe or "
                        f"a device may never end)", "save the text in a regular file")
    return _failure(path, root, f"a symbolic link to {target!r}, {kind}, not a regular "
                    f"file; it is not read", "link to a text file, or remove the link")


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

    Folders are walked recursively in sorted order (links to folders followed once);
    a text file's id is its path relative to the folder, without suffix.  Files of
    other types in a folder are ignored (gold annotations and READMEs can live beside
    the articles); corpus files and folders that cannot be read are failures (see the
    module docs); hidden files and folders are not read and a warning names them.
    An id already used by an earlier document gets a suffix (``a#2``, ``a#3``) and a
    warning at the end counts them (:func:`~analysis.corpus.records.distinct_ids`).
    ``exclude`` names folders not to read (the output folder of a run inside the
    corpus).

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
    analysis.corpus.records.CorpusError: no/such/folder: no such file or folder; give a .txt file, a .csv/.tsv/.jsonl/.parquet table, or a folder of them
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
    options = TableOptions(text_column, id_column, encoding, max_doc_mb)
    if stat.S_ISREG(info.st_mode):
        suffix = path.suffix.lower()
        if suffix not in TEXT_SUFFIXES + TABLE_SUFFIXES:
            raise CorpusError(f"{where}: unsupported file type {suffix!r}; use .txt, or a "
                              f"table ({', '.join(TABLE_SUFFIXES)})")
        return distinct_ids(_iter_file(path, display_path(path.name), options, {}))
    if not stat.S_ISDIR(info.st_mode):
        raise CorpusError(f"{where}: is {kind_of(info.st_mode)}, not a file or folder; give a "
                          f".txt file, a table, or a folder of them")
    sidecar_path, sidecar, _names = _sidecar(path, encoding)
    excluded = frozenset(_real(Path(p)) for p in exclude)
    if sidecar:
        _warn_unmatched(path, excluded, sidecar_path or path, sidecar)
    return distinct_ids(_iter_folder(path, options, excluded, sidecar))


def _warn_unmatched(root: Path, exclude: frozenset[str], sidecar_path: Path,
                    sidecar: Mapping[str, Any]) -> None:
    """Warn, before any document is read, about sidecar rows that name no text file
    (listing the folder is enough: ids and paths come from the file names)."""
    info = root.stat()
    used = set()
    for file, failure in _walk(root, root, exclude, {(info.st_dev, info.st_ino)}, _Walk()):
        if failure is None and file.suffix.lower() in TEXT_SUFFIXES:
            rel = _rel(file, root)
            used.update((rel, rel.rsplit(".", 1)[0]))
    unused = [k for k in sidecar if k not in used]
    if unused:
        shown = ", ".join(repr(k) for k in unused[:5]) + (", ..." if len(unused) > 5 else "")
        warnings.warn(f"{display_path(sidecar_path)}: {len(unused)} row(s) of {len(sidecar)} "
                      f"name no text file of the corpus ({shown}); their metadata is "
                      f"not used: check the ids (the path without suffix, relative to the "
                      f"corpus folder)", CorpusWarning, stacklevel=3)


def corpus_columns(path: str | Path, *, text_column: str = "text",
                   id_column: str | None = "id", encoding: str = "utf-8",
                   wanted: Iterable[str] = ()) -> list[str]:
    """The metadata columns that the documents of a corpus carry, from headers only.

    A table file: its columns other than the text and id columns (renamed as the
    reader renames them, :func:`~analysis.corpus.tabular.rename_columns`) and the
    loader columns ``file``, ``folder`` and ``row``.  A folder: ``file``, ``folder``,
    the columns of its ``metadata.csv`` sidecar, and those of every table file in it.
    Only headers are read (a Parquet schema; for JSON lines, which have no header, the
    first object's keys and any of ``wanted`` found later), so this takes a moment on
    any size of corpus: the command line checks ``--group-by`` against it before a
    document is read.

    Raises
    ------
    CorpusError
        As :func:`iter_corpus` does, and when the corpus is one CSV, TSV or Parquet
        table whose header has no ``text_column``: the message names the columns found.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("id,text,outlet,file\\n1,Hello.,AP,a.doc\\n")
    >>> corpus_columns(p)
    ['file', 'folder', 'row', 'outlet', 'meta_file']
    >>> corpus_columns(p, text_column="body")
    Traceback (most recent call last):
    ...
    analysis.corpus.records.CorpusError: ...t.csv: no column 'body' ...; the columns are ['id', 'text', 'outlet', 'file']; name the text column with --text-column
    """
    path = Path(path)
    wanted = list(wanted)
    iter_corpus(path, text_column=text_column, id_column=id_column, encoding=encoding)
    names = ["file", "folder"]
    if path.is_file():
        if path.suffix.lower() in TEXT_SUFFIXES:
            return names
        header = table_columns(path, encoding=encoding, wanted=wanted)
        if header is not None and text_column not in header \
                and path.suffix.lower() != ".jsonl":
            raise CorpusError(f"{display_path(path)}: no column {text_column!r} holding the "
                              f"texts; the columns are {header}; name the text column with "
                              f"--text-column")
        return [*names, "row", *_table_names(header or [], text_column, id_column)]
    _path, _rows, sidecar_names = _sidecar(path, encoding)
    names += sidecar_names
    info = path.stat()
    for file, failure in _walk(path, path, frozenset(), {(info.st_dev, info.st_ino)},
                               _Walk()):
        if failure is None and file.suffix.lower() in TABLE_SUFFIXES:
            header = table_columns(file, encoding=encoding, wanted=wanted)
            names += [n for n in ["row", *_table_names(header or [], text_column, id_column)]
                      if n not in names]
    return names


def _table_names(header: list[str], text_column: str, id_column: str | None) -> list[str]:
    return list(rename_columns([c for c in header if c not in (text_column, id_column)])
                .values())


def _iter_folder(root: Path, options: TableOptions, exclude: frozenset[str],
                 sidecar: dict[str, dict[str, Any]]) -> Iterator[Document | Failure]:
    info = root.stat()
    found = _Walk()
    for file, failure in _walk(root, root, exclude, {(info.st_dev, info.st_ino)}, found):
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
                    break
        yield from _iter_file(file, rel, options, extra)
    if found.n_hidden:
        shown = ", ".join(found.hidden) + (", ..." if found.n_hidden > len(found.hidden) else "")
        warnings.warn(f"{display_path(root)}: {found.n_hidden} hidden file(s) or folder(s) "
                      f"(names starting with '.') are not read: {shown}; rename them without "
                      f"the leading dot to include them", CorpusWarning, stacklevel=2)


def _iter_file(file: Path, rel: str, options: TableOptions,
               extra: Mapping[str, Any]) -> Iterator[Document | Failure]:
    suffix = file.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        meta = {"file": rel, "folder": folder_of(rel), **extra}
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
