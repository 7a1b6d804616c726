"""Learning curves: how a learned method's held-out score grows with its training data.

A researcher asks "would more labelled sentences help?" before labelling more; a
learning curve answers it by refitting the estimator on growing shares of the data and
scoring each fit on held-out folds (scikit-learn's ``learning_curve``), with a fixed
seed so the curve is reproducible.  :func:`analysis.figures.learning_curve` draws it.

Examples
--------
>>> from analysis.stance import StanceClassifier
>>> from analysis.stance.teaching import load_teaching_data
>>> data = load_teaching_data()
>>> curve = learning_curve_scores(StanceClassifier(random_state=0), data[["text", "target"]],
...                               data["stance"], sizes=(0.5, 1.0), folds=3)
>>> sorted(curve.n_train.unique().tolist()), curve.fold.nunique()
([60, 120], 3)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

__all__ = ["learning_curve_scores"]


def learning_curve_scores(estimator: Any, X: Any, y: Any, *,
                          sizes: Sequence[float] = (0.25, 0.5, 0.75, 1.0), folds: int = 5,
                          random_state: int = 0) -> pd.DataFrame:
    """Held-out score of ``estimator`` (its own ``score``) fitted on growing shares of
    the training folds: one row per (training size, fold), columns ``n_train``,
    ``fold``, ``score``.

    Folds are stratified by the label and shuffled with ``random_state``.
    """
    from sklearn.model_selection import StratifiedKFold, learning_curve

    from analysis.figures import learning_curve_table

    sizes_, _, test_scores = learning_curve(
        estimator, X, y, train_sizes=list(sizes),
        cv=StratifiedKFold(folds, shuffle=True, random_state=random_state))
    return learning_curve_table(sizes_, test_scores)
