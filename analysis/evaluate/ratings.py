"""Sentiment scores against human ratings.

Examples
--------
>>> table = sentiment_correlation(["Good.", "Bad.", "Fine."], [1.0, -1.0, 0.5], methods=["vader"])
>>> table.method.tolist()
['vader']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

__all__ = ["load_ratings_file", "sentiment_correlation"]


def load_ratings_file(path: str | Path) -> pd.DataFrame:
    """Human ratings as ``rating, text`` rows from a tab-separated ``id, rating, text`` file.

    That is the format of Hutto & Gilbert's (2014) ``*_GroundTruth.txt`` files.

    Raises
    ------
    ValueError
        If no line has the three tab-separated fields, naming the file.
    """
    path = Path(path)
    with path.open(encoding="utf-8", errors="replace") as handle:
        rows = [line.rstrip("\n").split("\t", 2) for line in handle if line.count("\t") >= 2]
    if not rows:
        raise ValueError(f"{path}: no 'id<TAB>rating<TAB>text' lines found; is this a "
                         f"ratings file?")
    return pd.DataFrame({"rating": [float(r[1]) for r in rows], "text": [r[2] for r in rows]})


def sentiment_correlation(texts: Sequence[str], ratings: Sequence[float],
                          methods: Sequence[str] | None = None) -> pd.DataFrame:
    """Pearson and Spearman correlation of each sentiment method with human ratings.

    Examples
    --------
    >>> texts = ["A wonderful day.", "A dreadful loss.", "It rained.", "Great news!"]
    >>> table = sentiment_correlation(texts, [3.1, -2.8, 0.0, 2.5], methods=["vader", "afinn"])
    >>> table.columns.tolist(), bool((table.pearson > 0.9).all())
    (['method', 'pearson', 'spearman', 'n'], True)
    """
    from analysis.sentiment import METHODS, polarity

    y = pd.Series(list(ratings), dtype=float)
    if len(y) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(y)} ratings")
    rows = []
    for method in methods or METHODS:
        pred = pd.Series(polarity(list(texts), method=method), dtype=float)
        rows.append({"method": method, "pearson": float(pred.corr(y)),
                     "spearman": float(pred.corr(y, method="spearman")), "n": len(y)})
    return pd.DataFrame(rows)
