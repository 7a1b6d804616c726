"""Paths the package knows, so notebooks work from any working folder.

Examples
--------
>>> SEEDS.name
'seeds'
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA", "EXPECTED", "REPO", "RESULTS", "SEEDS"]

#: The package's data folder (lexicons and parameters with their provenance).
DATA = Path(__file__).resolve().parent / "data"
#: The repository root (the package is installed in editable mode from it).
REPO = Path(__file__).resolve().parent.parent
#: The seed corpus, the default corpus of every command.
SEEDS = REPO / "seeds"
#: Where ``python -m analysis run`` writes by default: ``results/<corpus name>/``
#: (:func:`analysis.run.folders.default_output`).
RESULTS = REPO / "results"
#: Committed expected tables behind the figures (checked by the tests).
EXPECTED = REPO / "tests" / "expected"
