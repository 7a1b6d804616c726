"""``python -m analysis``: see :mod:`analysis.cli`."""

from analysis.cli import script

raise SystemExit(script())
