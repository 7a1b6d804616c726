"""The ``columns`` and ``targets`` commands: the data dictionary and the stance targets."""

from __future__ import annotations

import argparse

__all__ = ["columns_command", "targets_command"]


def columns_command(args: argparse.Namespace) -> int:
    from analysis.run.tables import describe, markdown

    print(markdown() if args.markdown else describe(args.table))
    return 0


def targets_command() -> int:
    from analysis.run.stages import shipped_targets

    for name in shipped_targets():
        print(name)
    return 0
