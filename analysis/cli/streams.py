"""What the command line prints: standard streams that survive a closed pipe, and warnings
about bad documents."""

from __future__ import annotations

import errno
import os
import sys
from typing import Any

from analysis.corpus import (
    Failure,
)

__all__ = ["MAX_WARNINGS", "Reporter", "SafeStream", "print_error", "show_warning"]


#: Problems with single documents printed on standard error before the rest are counted.
MAX_WARNINGS = 20


class SafeStream:
    """A standard stream that stops writing, without an error, once its reader has gone
    (``run ... | head -1``): the run goes on and writes complete results."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.gone = False

    def discard(self) -> None:
        self.gone = True
        try:  # later writes, and the flush at exit, go nowhere
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self.discard()
            except OSError as err:
                if err.errno != errno.EPIPE:
                    raise
                self.discard()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self.discard()
            except OSError as err:
                if err.errno != errno.EPIPE:
                    raise
                self.discard()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def print_error(message: str) -> None:
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
