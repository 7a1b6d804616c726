"""What the command line prints: standard streams that survive being closed, full or
gone, quiet hooks for errors in the background, and warnings about bad documents.

A run's product is its folder of results, so a closed (``>&-``), full (``>/dev/full``)
or vanished (``| head -1``) standard output or error never stops it: what cannot be
printed is dropped.  The commands whose product *is* what they print (``quotes``,
``columns``, ...) stop with a one-line error instead (exit 1), except when the reader
has gone (a closed pipe: exit 0, as ``head`` expects).
"""

from __future__ import annotations

import errno
import io
import os
import sys
from contextlib import suppress
from typing import Any

from analysis.corpus import (
    Failure,
)

__all__ = ["MAX_WARNINGS", "Reporter", "SafeStream", "StreamError", "open_standard_streams",
           "print_error", "quiet_hooks", "show_warning"]


#: Problems with single documents printed on standard error before the rest are counted.
MAX_WARNINGS = 20


class StreamError(Exception):
    """Standard output cannot be written (closed, a full disk): a one-line error, exit 1."""


def open_standard_streams() -> set[int]:
    """Give every closed standard file descriptor (0, 1, 2) ``/dev/null``; return the
    ones that were closed.

    With a closed descriptor 1 the next file the program opens would get number 1 and
    every later ``print`` (or a worker process's) would write into it; and Python sets
    ``sys.stdout`` to None.  Afterwards ``sys.stdin``, ``sys.stdout`` and ``sys.stderr``
    are streams again (writing to nothing where their descriptor was closed).
    """
    closed = set()
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)
            closed.add(fd)
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        if getattr(sys, name) is None:
            stream = open(fd, mode, closefd=False, encoding="utf-8",  # noqa: SIM115
                          errors="backslashreplace")
            setattr(sys, name, stream)
    return closed


class SafeStream:
    """A standard stream that stops writing once it cannot (its reader has gone, the
    disk is full, it was closed) and records why.

    Parameters
    ----------
    stream : file object
        The stream to write to.
    name : str
        How messages name it ("standard output").
    strict : bool
        What the command prints is its product: a closed pipe raises
        :class:`BrokenPipeError` (the command stops, exit 0) and another error
        :class:`StreamError` (one line, exit 1), instead of being dropped.
    """

    def __init__(self, stream: Any, *, name: str = "standard output",
                 strict: bool = False) -> None:
        self._stream = stream
        self.name = name
        self.strict = strict
        self.gone = False
        self.error: OSError | None = None

    def discard(self) -> None:
        self.gone = True
        try:  # later writes, and the flush at exit, go nowhere
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass

    def _failed(self, err: OSError | ValueError) -> None:
        self.discard()
        if isinstance(err, OSError) and err.errno == errno.EPIPE:
            if self.strict:  # the reader has all it wants (`| head`): stop printing
                raise BrokenPipeError(errno.EPIPE, "the reader has gone") from None
            return
        self.error = err if isinstance(err, OSError) else OSError(errno.EBADF, str(err))
        if self.strict:
            reason = getattr(err, "strerror", None) or str(err)
            raise StreamError(f"cannot write to {self.name} ({reason}); what this command "
                              f"prints is lost") from None

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._stream.write(text)
            except (OSError, ValueError) as err:  # ValueError: the stream was closed
                self._failed(err)
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except (OSError, ValueError) as err:
                self._failed(err)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def quiet_hooks() -> dict[str, Any]:
    """Make errors raised where nobody can catch them (an object's ``__del__`` at exit, a
    background thread) one line on standard error instead of a traceback; return the
    hooks they replace.  ``ANALYSIS_DEBUG=1`` keeps the tracebacks.
    """
    import threading

    saved = {"unraisablehook": sys.unraisablehook, "excepthook": threading.excepthook}
    if os.environ.get("ANALYSIS_DEBUG"):
        return saved

    def unraisable(info: Any) -> None:
        pass  # cleanup at exit (a Dask client closing, a pool's finaliser): nothing to do

    def thread_error(args: Any) -> None:
        if args.exc_type is SystemExit:
            return
        print_error(f"warning: a background thread stopped ({args.exc_type.__name__}: "
                    f"{args.exc_value}); set ANALYSIS_DEBUG=1 for the traceback")

    sys.unraisablehook = unraisable
    threading.excepthook = thread_error
    return saved


def print_error(message: str) -> None:
    """One line on standard error; dropped when standard error cannot be written."""
    with suppress(OSError, ValueError, AttributeError):
        print(message, file=sys.stderr, flush=True)


class Reporter:
    """Warnings for bad documents on standard error, the first MAX_WARNINGS in full."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, failure: Failure) -> None:
        self.n += 1
        if self.n <= MAX_WARNINGS:
            print_error(f"warning: {failure.message}")
        elif self.n == MAX_WARNINGS + 1:
            print_error("warning: more documents with problems; each is listed with its status and "
                        "message in the documents table")


def show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print_error(f"warning: {message}")
