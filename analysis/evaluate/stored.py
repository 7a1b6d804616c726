"""The figures of the last evaluation on real news, shipped for readers without the data.

``benchmarks/quotes.py DIR --save analysis/data/quotes/evaluation.json`` scores the
engine on the validation months of PolNeAR (see :mod:`analysis.evaluate`) and writes
the numbers -- scores, breakdowns by rule, kind and cue class, error counts, and the
rules-alone and regex-baseline scores from the same run -- but no text of the corpus.
Notebook 02 shows them when no PolNeAR folder is at hand.

Examples
--------
>>> figures = stored_polnear_figures()
>>> [k for k in ("scores", "by_rule", "rules", "baseline") if k in figures]
['scores', 'by_rule', 'rules', 'baseline']
>>> list(figures["scores"].group)
['quoted', 'indirect', 'indirect (speech cues)']
"""

from __future__ import annotations

import json

import pandas as pd

from analysis.paths import DATA

__all__ = ["stored_polnear_figures"]


def stored_polnear_figures() -> dict[str, pd.DataFrame | str | int]:
    """The stored evaluation: ``scores``, ``by_rule``, ``by_kind``, ``by_cue_class``,
    ``error_counts``, ``rules`` and ``baseline`` as DataFrames; ``protocol`` and
    ``articles`` as they were.

    Raises
    ------
    FileNotFoundError
        If the file is missing, with the command that writes it.
    """
    path = DATA / "quotes" / "evaluation.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; write it with `python benchmarks/quotes.py "
                                f"/path/to/polnear-train --save {path}`")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: pd.DataFrame(value) if isinstance(value, list) else value
            for key, value in data.items()}
