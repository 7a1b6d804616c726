"""The command line: ``python -m analysis <command>``; each command is a thin wrapper.

Exit status: 0 when the command ran (problems with single documents are reported
and listed in the documents table, not fatal); 1 when nothing could be processed
(no document, none analysed, or the run failed); 2 for usage errors — a bad
option, a corpus path that does not exist or is not a corpus, an output folder
that cannot be used or is locked by another run, a Dask scheduler that does not
answer within 5 s — reported in one line before anything is read or written; 130
when interrupted.  No traceback reaches a user: an unexpected error is one line
(``ANALYSIS_DEBUG=1`` shows the traceback).  A closed or full standard output or
error never stops ``run`` or ``figures`` (their product is files); the commands
whose product is what they print stop with a one-line error (exit 1), or quietly
(exit 0) when their reader has gone (``| head``).

``run`` writes into a temporary folder beside ``--out`` and puts it in place only
when every table and figure is complete: a failed, interrupted or killed run
leaves the previous results exactly as they were (see :mod:`analysis.run.folders`).

Public API
----------
:func:`main` (called from Python) and :func:`script` (``python -m analysis`` and the
``discourse-analysis`` script).  One module per command: :mod:`~analysis.cli.runs`
(``run``, ``figures``), :mod:`~analysis.cli.reporting` (``report``),
:mod:`~analysis.cli.evaluation` (``evaluate``), :mod:`~analysis.cli.documents`
(``sentences``, ``tokens``, ``quotes``, ``sentiment``, ``markers``),
:mod:`~analysis.cli.info` (``columns``, ``targets``); and the parser
(:mod:`~analysis.cli.parser`) and the streams (:mod:`~analysis.cli.streams`) they share.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import warnings
from collections.abc import Sequence
from contextlib import suppress

from analysis.cli.documents import per_document
from analysis.cli.evaluation import evaluate_command
from analysis.cli.explaining import explain_command
from analysis.cli.info import columns_command, targets_command
from analysis.cli.notebooks import notebooks_command
from analysis.cli.parser import UsageError, build_parser
from analysis.cli.reporting import report_command
from analysis.cli.runs import figures_command, run_command
from analysis.cli.streams import (
    SafeStream,
    StreamError,
    open_standard_streams,
    print_error,
    quiet_hooks,
    show_warning,
)
from analysis.corpus import CorpusError
from analysis.run.engines import EngineError
from analysis.run.folders import OutputError

__all__ = ["main", "script"]


#: Commands whose product is files: what they print is a summary, dropped when it
#: cannot be printed.
_FILE_COMMANDS = ("run", "figures", "report")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status.

    Standard streams, signal handlers, the warning printer and the error hooks are
    restored on return, so that ``main`` can be called from Python (the tests do);
    :func:`script` keeps the hooks for the end of the process.
    """
    closed = open_standard_streams()
    args = build_parser().parse_args(argv)
    saved = (sys.stdout, sys.stderr, warnings.showwarning,
             {name: signal.getsignal(getattr(signal, name))
              for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)})
    hooks = quiet_hooks()
    strict = args.command not in _FILE_COMMANDS
    sys.stderr = SafeStream(sys.stderr, name="standard error")
    sys.stdout = SafeStream(sys.stdout, strict=strict)
    warnings.showwarning = show_warning
    try:
        if strict and 1 in closed:
            print_error(f"error: standard output is closed, so what `{args.command}` prints "
                        f"would be lost; send it to a file (> FILE) or to /dev/null")
            return 1
        return _dispatch(args)
    finally:
        with suppress(Exception):
            sys.stdout.flush()
        sys.stdout, sys.stderr, warnings.showwarning = saved[:3]
        sys.unraisablehook = hooks["unraisablehook"]
        threading.excepthook = hooks["excepthook"]
        for name, handler in saved[3].items():
            if handler is not None:
                with suppress(ValueError):  # not the main thread
                    signal.signal(getattr(signal, name), handler)


def script() -> int:
    """``python -m analysis`` and the ``discourse-analysis`` script: :func:`main`, with
    quiet error hooks kept until the process ends (an object cleaned up at exit, such
    as a Dask client, prints no traceback)."""
    quiet_hooks()
    return main()


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "run":
            code = run_command(args)
        elif args.command == "figures":
            code = figures_command(args)
        elif args.command == "report":
            code = report_command(args)
        elif args.command == "evaluate":
            code = evaluate_command(args)
        elif args.command == "explain":
            code = explain_command(args)
        elif args.command == "notebooks":
            code = notebooks_command(args)
        elif args.command == "columns":
            code = columns_command(args)
        elif args.command == "targets":
            code = targets_command()
        else:
            code = per_document(args)
        sys.stdout.flush()
        return code
    except (CorpusError, OutputError, EngineError, UsageError) as err:
        print_error(f"error: {err}")
        return 2
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:  # `... | head`: the reader has all it wants
        SafeStream(sys.stdout).discard()
        return 0
    except StreamError as err:
        print_error(f"error: {err}")
        return 1
    except Exception as err:
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        print_error(f"error: {args.command} failed ({type(err).__name__}: "
                    f"{str(err).splitlines()[0] if str(err) else ''}); set ANALYSIS_DEBUG=1 "
                    f"for the traceback and please report it")
        return 1
