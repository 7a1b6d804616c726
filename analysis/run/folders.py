"""The output folder of a run: checked before anything is read, locked while a run writes
into it, and replaced whole only when the new results are complete.

:func:`check_output` refuses a folder that holds files this program did not write
(it lists what it wrote in :data:`MANIFEST`), so user files are never deleted.
:func:`replace_folder` gives a temporary folder beside the output folder; when the
block ends normally the new folder takes the old one's place (an atomic exchange
where the system has one, else two renames that the next run repairs if a kill
falls between them).  When the block fails — an error, Ctrl-C, SIGTERM — the
temporary folder is removed and the previous results are exactly as they were.  A
lock file beside the output folder (``.NAME.lock``, held with ``flock``, so a
killed run never leaves a stale lock) makes a second run into the same folder stop
at once with a clear message (:class:`FolderLocked`).

Examples
--------
>>> import tempfile, pathlib
>>> new = pathlib.Path(tempfile.mkdtemp()) / "results"
>>> check_output(new) == new.resolve()  # a new folder may be written
True
>>> new.mkdir(); _ = (new / "notes.txt").write_text("mine")
>>> foreign_files(new)  # a folder with files this program did not write may not
['notes.txt']
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analysis.run.tables import TABLES

__all__ = ["FORMATS", "KINDS", "MANIFEST", "REPORT", "FolderLocked", "OutputError", "Replacement",
           "add_file", "check_output", "foreign_files", "replace_folder",
           "write_whole"]

#: File that marks a folder as written by this package (so it may be replaced).
MANIFEST = ".analysis-output.json"


FORMATS = ("csv", "parquet")

#: The HTML report a run writes beside its tables (:mod:`analysis.figures.report`).
REPORT = "report.html"


class OutputError(Exception):
    """The output folder cannot be used (a file, read-only, holds other files, ...)."""


class FolderLocked(OutputError):
    """Another run is writing into the same output folder."""


def _results_entry(name: str) -> bool:
    stem, _, ext = name.rpartition(".")
    return name in (MANIFEST, "figures", REPORT) or (stem in TABLES and ext in FORMATS)


def _figures_entry(name: str) -> bool:
    return name == MANIFEST or name.rsplit(".", 1)[-1] in ("png", "svg", "csv")


KINDS = {"results": _results_entry, "figures": _figures_entry}


def check_output(out: str | Path, *, kind: str = "results",
                 inputs: Iterable[str | Path] = ()) -> Path:
    """Check that ``out`` can be (re)placed, without touching anything; return it absolute.

    ``out`` may be missing, empty, or a folder this package wrote and nobody added
    to since (:func:`foreign_files`: the files listed in its :data:`MANIFEST`, or only
    table and figure files).  ``inputs`` (the corpus) may
    not be ``out`` or inside it, since replacing ``out`` would remove it.

    Raises
    ------
    OutputError
        Saying what is wrong with ``out`` and what to give instead.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> (tmp / "notes.docx").write_bytes(b"x") and None
    >>> check_output(tmp)
    Traceback (most recent call last):
    ...
    analysis.run.folders.OutputError: ... holds files this program did not write (notes.docx); a run replaces the whole folder, so move them away, or give a new or empty folder with --out
    """
    out = Path(os.path.abspath(out))
    if out.is_symlink():
        out = Path(os.path.realpath(out))
    where = str(out)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{where} is a file, not a folder; give the name of a folder for "
                          f"the results")
    for item in inputs:
        real = Path(os.path.realpath(item))
        if real == Path(os.path.realpath(out)):
            raise OutputError(f"{where} is the corpus itself; write the results to another "
                              f"folder with --out")
        if Path(os.path.realpath(out)) in real.parents:
            raise OutputError(f"the corpus {item} is inside the output folder {where}, which "
                              f"a run replaces; write the results elsewhere with --out")
    if out.is_dir():
        foreign = foreign_files(out, kind=kind)
        if foreign:
            shown = ", ".join(foreign[:5]) + (f", ... ({len(foreign)} in all)"
                                               if len(foreign) > 5 else "")
            raise OutputError(f"{where} holds files this program did not write ({shown}); "
                              f"a run replaces the whole folder, so move them away, or give "
                              f"a new or empty folder with --out")
        if not os.access(out, os.W_OK | os.X_OK):
            raise OutputError(f"{where} is read-only; give a folder you can write to")
    parent = _existing_parent(out)
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"cannot write into {parent} (read-only); give a folder you can "
                          f"write to with --out")
    return out


def foreign_files(out: str | Path, *, kind: str = "results") -> list[str]:
    """Paths (relative to ``out``, sorted) of what an earlier run did not write there.

    A run records every file it writes in :data:`MANIFEST`; anything else in the
    folder, at any depth, is the user's (notes, a thesis draft beside the figures) and
    makes the next run refuse to replace the folder.  A folder written before the
    manifest listed its files is judged by name: tables at the top and figure files
    in ``figures/``.

    Raises
    ------
    OutputError
        When the folder cannot be listed.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> with replace_folder(out) as r:
    ...     _ = (r.tmp / "documents.csv").write_text("doc_id\\n")
    >>> _ = (out / "notes.txt").write_text("my reading notes")
    >>> foreign_files(out)
    ['notes.txt']
    """
    out = Path(out)
    try:
        present = sorted(_walk(out))
    except OSError as err:
        raise OutputError(f"{out} cannot be listed ({err.strerror}); give another folder "
                          f"with --out") from None
    listed = _listed_files(out)
    if listed is not None:
        # a subfolder replaced since by the figures command has a manifest of its own
        for p in present:
            if p.endswith("/" + MANIFEST):
                sub = p[:-len(MANIFEST)]
                listed |= {sub + f for f in _listed_files(out / sub) or ()} | {p}
        return [p for p in present if p != MANIFEST and p not in listed]
    known = KINDS[kind]
    foreign = []
    for p in present:
        parts = p.split("/")
        if len(parts) == 1 and known(p):
            continue
        if kind == "results" and len(parts) == 2 and parts[0] == "figures" and \
                _figures_entry(parts[1]):
            continue
        foreign.append(p)
    return foreign


def _walk(folder: Path) -> Iterator[str]:
    """Relative paths of the files (and empty folders) under ``folder``, '/'-separated."""
    for root, dirs, files in os.walk(folder, onerror=_raise):
        rel = Path(root).relative_to(folder)
        for name in files:
            yield (rel / name).as_posix()
        if not dirs and not files and root != str(folder):
            yield rel.as_posix() + "/"


def _raise(err: OSError) -> None:
    raise err


def _listed_files(out: Path) -> set[str] | None:
    """The files an earlier run recorded in its manifest, or None (no list there)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return set(files)


def _existing_parent(path: Path) -> Path:
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


@dataclass
class _Lock:
    path: Path
    fd: int


def _lock(out: Path) -> _Lock:
    """Take the lock of ``out`` (a file beside it) or raise :class:`FolderLocked`."""
    path = out.parent / f".{out.name}.lock"
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            raise OutputError(f"cannot write into {out.parent} ({err.strerror}); give a "
                              f"folder you can write to with --out") from None
        try:
            _flock(fd)
        except BlockingIOError:
            holder = ""
            with suppress(OSError, ValueError, IndexError):
                os.lseek(fd, 0, os.SEEK_SET)
                holder = f" (process {int(os.read(fd, 32).split()[0])})"
            os.close(fd)
            raise FolderLocked(f"another run{holder} is writing into {out}; wait for it to "
                               f"finish or give another --out") from None
        # The holder before us may have removed the file between our open and lock.
        try:
            same = os.stat(path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            same = False
        if same:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())
            return _Lock(path, fd)
        os.close(fd)


def _flock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: a byte-range lock
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise BlockingIOError from None
        return
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(lock: _Lock) -> None:
    with suppress(OSError):
        lock.path.unlink()
    os.close(lock.fd)  # closing releases the lock


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def _stale(out: Path) -> list[Path]:
    prefix = f".{out.name}."
    return sorted(p for p in out.parent.glob(f"{prefix}*")
                  if p.name.startswith((f"{prefix}tmp-", f"{prefix}old-")) and p.is_dir())


def _recover(out: Path) -> list[str]:
    """Repair what a killed run left (under the lock): put back an old folder that was
    moved aside but not replaced, and remove unfinished temporary folders."""
    notes = []
    for path in _stale(out):
        if path.name.startswith(f".{out.name}.old-") and not out.exists():
            path.rename(out)
            notes.append(f"restored {out} from an earlier run that was killed while "
                         f"replacing it")
            continue
        shutil.rmtree(path, ignore_errors=True)
        notes.append(f"removed {path.name}, the unfinished output of an earlier run that "
                     f"was killed")
    return notes


@dataclass
class Replacement:
    """What :func:`replace_folder` yields: the folder to write into, and notes."""

    out: Path
    tmp: Path
    notes: list[str] = field(default_factory=list)
    replaced: bool = False
    had_previous: bool = False


@contextmanager
def replace_folder(out: str | Path, *, kind: str = "results",
                   inputs: Iterable[str | Path] = (),
                   manifest: Mapping[str, Any] | None = None) -> Iterator[Replacement]:
    """Write into a temporary folder beside ``out``; put it in ``out``'s place at the end.

    On an exception (including Ctrl-C) the temporary folder is removed, ``out`` is
    left exactly as it was, and the exception propagates.  The yielded
    :class:`Replacement` says whether there were previous results and, after the
    block, whether they were ``replaced``.

    Raises
    ------
    OutputError
        Before anything is written, when ``out`` cannot be used (see
        :func:`check_output`); :class:`FolderLocked` when another run holds it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r"
    >>> with replace_folder(out) as r:
    ...     _ = (r.tmp / "documents.csv").write_text("doc_id\\n")
    >>> sorted(p.name for p in out.iterdir())
    ['.analysis-output.json', 'documents.csv']
    >>> try:
    ...     with replace_folder(out) as r:
    ...         _ = (r.tmp / "documents.csv").write_text("half")
    ...         raise KeyboardInterrupt
    ... except KeyboardInterrupt:
    ...     pass
    >>> (out / "documents.csv").read_text()
    'doc_id\\n'
    """
    out = check_output(out, kind=kind, inputs=inputs)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputError(f"cannot create {out.parent} ({err.strerror}); give a folder you "
                          f"can write to with --out") from None
    lock = _lock(out)
    try:
        notes = _recover(out)
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-{os.getpid()}-",
                                        dir=out.parent))
        except OSError as err:
            raise OutputError(f"cannot write into {out.parent} ({err.strerror}); give a "
                              f"folder you can write to with --out") from None
        _chmod_like(tmp, out)
        state = Replacement(out, tmp, notes, had_previous=out.exists())
        try:
            yield state
            files = sorted(p for p in _walk(tmp) if p != MANIFEST)
            (tmp / MANIFEST).write_text(json.dumps({"written_by": "analysis",
                                                    **(manifest or {}), "files": files},
                                                   indent=1) + "\n", encoding="utf-8")
            _swap(tmp, out)
            state.replaced = True
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        _unlock(lock)


def add_file(out: str | Path, name: str, data: bytes) -> Path:
    """Write the file ``name`` into ``out``, a folder a run wrote, and list it in its manifest.

    The file is written whole or not at all (a temporary file renamed), under the
    folder's lock (:class:`FolderLocked` while a run writes into it), and recorded in
    :data:`MANIFEST` so that the next run may replace the folder (``python -m analysis
    report`` writes the report of an earlier run this way).  Returns the file's path.

    Raises
    ------
    OutputError
        When ``out`` is not a folder, or cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r"
    >>> with replace_folder(out) as r:
    ...     _ = (r.tmp / "documents.csv").write_text("doc_id\\n")
    >>> add_file(out, "report.html", b"<!DOCTYPE html>").name
    'report.html'
    >>> foreign_files(out)
    []
    """
    out = Path(os.path.abspath(out))
    if not out.is_dir():
        raise OutputError(f"{out} is not a folder; give the folder a run wrote")
    lock = _lock(out)
    try:
        path = out / name
        write_whole(path, data)
        listed = _listed_files(out)
        if listed is not None and name not in listed:
            manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
            manifest["files"] = sorted(listed | {name})
            write_whole(out / MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode())
        return path
    finally:
        _unlock(lock)


def write_whole(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole: the file holds it or what it held before, never a
    part (a temporary file beside it, renamed).

    Raises
    ------
    OutputError
        When the folder of ``path`` cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "page.html"
    >>> write_whole(path, b"<p>hi</p>")
    >>> path.read_bytes()
    b'<p>hi</p>'
    """
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as err:
        raise OutputError(f"cannot write into {path.parent} ({err.strerror}); give a folder "
                          f"you can write to") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        mask = os.umask(0o022)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as an ordinary new file (mkstemp makes it private)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _chmod_like(tmp: Path, out: Path) -> None:
    """Give the new folder the old one's permissions (mkdtemp makes it private)."""
    try:
        mode = out.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0o022)
        os.umask(mask)
        mode = 0o777 & ~mask
    with suppress(OSError):
        os.chmod(tmp, mode)


def _swap(tmp: Path, out: Path) -> None:
    if not out.exists():
        os.rename(tmp, out)
        return
    if _exchange(tmp, out):  # tmp now holds the old results
        shutil.rmtree(tmp, ignore_errors=True)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    os.rename(out, old)
    os.rename(tmp, out)
    shutil.rmtree(old, ignore_errors=True)
