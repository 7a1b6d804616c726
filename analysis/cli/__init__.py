"""The command line: ``python -m analysis <command>``; each command is a thin wrapper.

Exit status: 0 when the command ran (problems with single documents are reported
and listed in the documents table, not fatal); 1 when nothing could be processed
(no document, none analysed, or the run failed); 2 for usage errors — a bad
option, a corpus path that does not exist or is not a corpus, an output folder
that cannot be used or is locked by another run, an unreachable Dask scheduler —
reported in one line before anything is read or written; 130 when interrupted.

``run`` writes into a temporary folder beside ``--out`` and puts it in place only
when every table and figure is complete: a failed, interrupted or killed run
leaves the previous results exactly as they were (see :mod:`analysis.run.folders`).

Public API
----------
:func:`main` (``python -m analysis`` and the ``discourse-analysis`` script).  One module
per command: :mod:`~analysis.cli.runs` (``run``, ``figures``), :mod:`~analysis.cli.reporting`
(``report``),
:mod:`~analysis.cli.evaluation` (``evaluate``), :mod:`~analysis.cli.documents`
(``sentences``, ``tokens``, ``quotes``, ``sentiment``, ``markers``),
:mod:`~analysis.cli.info` (``columns``, ``targets``); and the parser
(:mod:`~analysis.cli.parser`) and the streams (:mod:`~analysis.cli.streams`) they share.
"""

from __future__ import annotations

import argparse
import signal
import sys
import warnings
from collections.abc import Sequence

from analysis.cli.documents import per_document
from analysis.cli.evaluation import evaluate_command
from analysis.cli.explaining import explain_command
from analysis.cli.info import columns_command, targets_command
from analysis.cli.parser import UsageError, build_parser
from analysis.cli.reporting import report_command
from analysis.cli.runs import figures_command, run_command
from analysis.cli.streams import SafeStream, print_error, show_warning
from analysis.corpus import CorpusError
from analysis.run.engines import EngineError
from analysis.run.folders import OutputError

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status.

    Standard streams, signal handlers and the warning printer are restored on return,
    so that ``main`` can be called from Python (the tests do).
    """
    args = build_parser().parse_args(argv)
    saved = (sys.stdout, sys.stderr, warnings.showwarning,
             {name: signal.getsignal(getattr(signal, name))
              for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)})
    sys.stderr = SafeStream(sys.stderr)
    if args.command in ("run", "figures", "report", "columns"):
        sys.stdout = SafeStream(sys.stdout)
    warnings.showwarning = show_warning
    try:
        return _dispatch(args)
    finally:
        sys.stdout, sys.stderr, warnings.showwarning = saved[:3]
        for name, handler in saved[3].items():
            if handler is not None:
                signal.signal(getattr(signal, name), handler)


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "run":
            return run_command(args)
        if args.command == "figures":
            return figures_command(args)
        if args.command == "report":
            return report_command(args)
        if args.command == "evaluate":
            return evaluate_command(args)
        if args.command == "explain":
            return explain_command(args)
        if args.command == "columns":
            return columns_command(args)
        if args.command == "targets":
            return targets_command()
        return per_document(args)
    except (CorpusError, OutputError, EngineError, UsageError) as err:
        print_error(f"error: {err}")
        return 2
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:  # `... | head`: the reader has all it wants
        SafeStream(sys.stdout).discard()
        return 0
