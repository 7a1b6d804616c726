"""Learning curves: a model's score as its training set grows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.style import (
    DOTS,
    PALETTE,
    empty,
    legend_above,
    new_axes,
    new_figure,
    titled,
)

__all__ = ["learning_curve", "learning_curve_table"]


def learning_curve_table(train_sizes: Any, test_scores: Any) -> pd.DataFrame:
    """A tidy table (``n_train``, ``fold``, ``score``) from scikit-learn's ``learning_curve``.

    Examples
    --------
    >>> learning_curve_table([10, 20], [[0.5, 0.6], [0.7, 0.7]]).to_dict("list")
    {'n_train': [10, 10, 20, 20], 'fold': [0, 1, 0, 1], 'score': [0.5, 0.6, 0.7, 0.7]}
    """
    scores = np.asarray(test_scores, dtype=float)
    rows = [{"n_train": int(size), "fold": fold, "score": float(scores[i, fold])}
            for i, size in enumerate(train_sizes) for fold in range(scores.shape[1])]
    return pd.DataFrame(rows, columns=["n_train", "fold", "score"])


def learning_curve(curve: pd.DataFrame, *, metric: str, data: str) -> Figure:
    """Held-out score against training-set size: each fold, the mean and ±1 SD.

    ``curve`` has columns ``n_train``, ``fold``, ``score`` (see
    :func:`learning_curve_table`); ``metric`` and ``data`` name what was measured
    on what.  The caption gives the change over the last step, so that a text
    about the curve can be checked against it.

    Examples
    --------
    >>> c = learning_curve_table([10, 20, 30], [[0.5, 0.6], [0.7, 0.7], [0.71, 0.73]])
    >>> fig = learning_curve(c, metric="F1", data="a toy set")
    >>> "last step (20 → 30 examples): +0.020" in fig.get_supxlabel().replace("\\n", " ")
    True
    """
    title = f"Learning curve: {metric} on held-out folds, {data}"
    fig = new_figure(6.5, 4.0)
    ax = new_axes(fig)
    if curve.empty:
        return empty(fig, ax, title, "no scores")
    stats = curve.groupby("n_train")["score"].agg(["mean", "std", "size"]).sort_index()
    ax.scatter(curve["n_train"], curve["score"], color=DOTS, s=14, zorder=2, linewidths=0,
               label="one fold")
    ax.errorbar(stats.index, stats["mean"], yerr=stats["std"].where(stats["size"] > 1),
                color=PALETTE[0], marker="o", capsize=3, zorder=3, label="mean ± 1 SD")
    ax.set_xlabel("training examples")
    ax.set_ylabel(metric)
    ax.set_ylim(0, 1)
    legend_above(ax)
    folds = int(stats["size"].max())
    if len(stats) >= 2:
        (a, ma), (b, mb) = list(stats["mean"].items())[-2:]
        step = f" Change over the last step ({a} → {b} examples): {mb - ma:+.3f}."
    else:
        step = ""
    note = (f"{metric} on the held-out fold of each of {folds} cross-validation folds, for "
            f"training sets of {', '.join(str(n) for n in stats.index)} examples.{step}")
    return titled(fig, title, note)
