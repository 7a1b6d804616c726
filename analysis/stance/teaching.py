"""The stance teaching set shipped with the package (see its GUIDELINE.md).

Examples
--------
>>> data = load_teaching_data()
>>> data.shape, sorted(data["stance"].unique())
((180, 3), ['against', 'favor', 'none'])
"""

from __future__ import annotations

import io

import pandas as pd

from analysis.resources import data_text

__all__ = ["guideline", "load_teaching_data"]


def load_teaching_data() -> pd.DataFrame:
    """Columns ``text``, ``target``, ``stance``; 180 sentences written for teaching."""
    return pd.read_csv(io.StringIO(data_text("stance/teaching/stance_teaching.tsv")), sep="\t")


def guideline() -> str:
    """The annotation guideline of the teaching set (Markdown)."""
    return data_text("stance/teaching/GUIDELINE.md")
