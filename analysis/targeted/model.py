"""Sentiment toward a target mention, as a scikit-learn estimator with named features.

:class:`TargetSentimentClassifier` is a multinomial logistic regression over the named
features of :mod:`analysis.targeted.features` (words around the masked target,
evaluative words by side, distance, clause, negation and voice, the sentence's
lexicon scores).  Every weight belongs to a readable feature, so
:meth:`~TargetSentimentClassifier.explain` lists what pushed a prediction.

The shipped model (``data/targeted/model.json.gz``, :func:`shipped_model`) was fitted
on NewsMTSC (Hamborg & Donnay 2021); see ``data/targeted/README.md`` for its
provenance, held-out figures and the rebuild command.

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"text": ["Critics slammed Smith for the corrupt deal.",
...                            "Fans praised Jones for a brilliant, generous gift."] * 3,
...                   "start": [16, 12] * 3, "end": [21, 17] * 3})
>>> clf = TargetSentimentClassifier(C=1.0, min_df=1).fit(X, ["negative", "positive"] * 3)
>>> list(clf.predict(X.head(2)))
['negative', 'positive']
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from analysis.stance.weights import read_json, softmax, sparse_rows, write_json
from analysis.targeted.data import LABELS
from analysis.targeted.features import featurise

__all__ = ["MODEL_FILE", "TargetSentimentClassifier", "shipped_model"]

#: The shipped model inside the package data folder.
MODEL_FILE = "targeted/model.json.gz"
_FORMAT = "analysis.targeted/1"


def _check_X(X) -> pd.DataFrame:
    if not isinstance(X, pd.DataFrame) or not {"text", "start", "end"} <= set(X.columns):
        found = list(X.columns) if isinstance(X, pd.DataFrame) else type(X).__name__
        raise ValueError("X must be a DataFrame with columns 'text', 'start', 'end' (and "
                         f"optionally 'others', the other targets' spans); got {found}")
    return X


def _features(X: pd.DataFrame) -> list[dict[str, float]]:
    others = X["others"].tolist() if "others" in X.columns else None
    return featurise(X["text"].astype(str).tolist(),
                     list(zip(X["start"].astype(int), X["end"].astype(int), strict=True)),
                     others)


class TargetSentimentClassifier(ClassifierMixin, BaseEstimator):
    """Negative / neutral / positive toward a target mention in a sentence.

    Parameters
    ----------
    C : float
        Inverse L2 regularisation strength (0.1 chosen on NewsMTSC's development part).
    min_df : int
        Keep features seen in at least this many training mentions.
    class_weight : str or None
        Passed to :class:`~sklearn.linear_model.LogisticRegression`.
    random_state : int or None
        Seed of the solver.

    Attributes
    ----------
    classes_ : ndarray of str
    features_ : tuple of str
        Feature names, in column order.
    coef_ : ndarray of shape (n_classes, n_features)
    intercept_ : ndarray of shape (n_classes,)
    """

    def __init__(self, C: float = 0.1, min_df: int = 2, class_weight: str | None = "balanced",
                 random_state: int | None = 0):
        self.C = C
        self.min_df = min_df
        self.class_weight = class_weight
        self.random_state = random_state

    def fit(self, X: pd.DataFrame, y: Sequence[str]) -> TargetSentimentClassifier:
        """Fit on mentions ``X`` (``text``, ``start``, ``end``[, ``others``]) and labels ``y``."""
        X = _check_X(X)
        y = np.asarray(y, dtype=object)
        if len(y) != len(X):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
        unknown = sorted(set(y) - set(LABELS))
        if unknown:
            raise ValueError(f"labels must be in {LABELS}; got {unknown}")
        rows = _features(X)
        counts: dict[str, int] = {}
        for row in rows:
            for name in row:
                counts[name] = counts.get(name, 0) + 1
        self.features_ = tuple(sorted(n for n, c in counts.items() if c >= self.min_df))
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=5000,
                                   random_state=self.random_state)
        with threadpool_limits(1, user_api="blas"):  # threads only thrash on sparse fits
            model.fit(sparse_rows(rows, self._index), y)
        self.classes_ = np.asarray(model.classes_, dtype=object)
        coef, intercept = model.coef_, model.intercept_
        if len(self.classes_) == 2:  # binary LR stores one row: expand to two classes
            coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-1, 1]) * intercept / 2
        self.coef_, self.intercept_ = np.asarray(coef, dtype=float), np.asarray(intercept,
                                                                                  dtype=float)
        return self

    @property
    def _index(self) -> dict[str, int]:
        """Feature name -> column (built once per fitted or loaded model)."""
        if getattr(self, "_index_of", (None,))[0] is not self.features_:
            self._index_of = (self.features_, {n: i for i, n in enumerate(self.features_)})
        return self._index_of[1]

    def _matrix(self, X: pd.DataFrame):
        return sparse_rows(_features(_check_X(X)), self._index)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Class probabilities in the order of ``classes_``."""
        check_is_fitted(self, "coef_")
        if not len(X):
            return np.zeros((0, len(self.classes_)))
        return softmax(np.asarray(self._matrix(X) @ self.coef_.T) + self.intercept_)

    def proba_of(self, features: Sequence[dict[str, float]]) -> np.ndarray:
        """:meth:`predict_proba` of mentions already featurised
        (:func:`~analysis.targeted.features.featurise` or ``featurise_in``): one matrix
        product for all of them, say every mention of a batch of documents.  Each row
        is computed on its own, so a mention's probabilities do not depend on the
        others."""
        check_is_fitted(self, "coef_")
        if not len(features):
            return np.zeros((0, len(self.classes_)))
        return softmax(np.asarray(sparse_rows(features, self._index) @ self.coef_.T)
                       + self.intercept_)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """The most probable label of each mention."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def score(self, X: pd.DataFrame, y: Sequence[str], sample_weight=None) -> float:
        """Macro-F1 over the three classes (the NewsMTSC metric)."""
        return float(f1_score(list(y), list(self.predict(X)), average="macro"))

    def explain(self, X: pd.DataFrame, *, top: int = 5) -> list[list[tuple[str, float]]]:
        """For each mention, the ``top`` features that most favour its predicted class.

        A feature's contribution is its value times its weight for the class minus
        its mean weight over the classes (softmax ignores what all classes share).
        """
        check_is_fitted(self, "coef_")
        matrix = self._matrix(X).tocsr()
        centred = self.coef_ - self.coef_.mean(axis=0)
        winners = np.argmax(softmax(np.asarray(matrix @ self.coef_.T) + self.intercept_), axis=1)
        out = []
        for r, k in enumerate(winners):
            lo, hi = matrix.indptr[r], matrix.indptr[r + 1]
            cols, values = matrix.indices[lo:hi], matrix.data[lo:hi]
            contrib = values * centred[k, cols]
            order = sorted(range(len(cols)), key=lambda i: (-contrib[i], self.features_[cols[i]]))
            out.append([(self.features_[cols[i]], round(float(contrib[i]), 4))
                        for i in order[:top] if contrib[i] > 0])
        return out

    def to_json(self) -> dict:
        """The fitted model as a JSON-ready dict (exact floats)."""
        check_is_fitted(self, "coef_")
        return {"format": _FORMAT, "params": self.get_params(),
                "classes": list(self.classes_), "features": list(self.features_),
                "coef": self.coef_, "intercept": self.intercept_,
                **getattr(self, "meta_", {})}

    @classmethod
    def from_json(cls, data: dict) -> TargetSentimentClassifier:
        """Inverse of :meth:`to_json`."""
        if data.get("format") != _FORMAT:
            raise ValueError(f"not a target-sentiment model: format {data.get('format')!r}, "
                             f"expected {_FORMAT!r}")
        model = cls(**data["params"])
        model.classes_ = np.asarray(data["classes"], dtype=object)
        model.features_ = tuple(data["features"])
        model.coef_ = np.asarray(data["coef"], dtype=float)
        model.intercept_ = np.asarray(data["intercept"], dtype=float)
        known = {"format", "params", "classes", "features", "coef", "intercept"}
        model.meta_ = {k: v for k, v in data.items() if k not in known}
        return model

    def save(self, path: str | Path) -> Path:
        """Write the model as (gzipped, if ``path`` ends in ``.gz``) JSON."""
        return write_json(self.to_json(), path)

    @classmethod
    def load(cls, path: str | Path) -> TargetSentimentClassifier:
        """Read a model written by :meth:`save`."""
        return cls.from_json(read_json(path))


@cache
def shipped_model() -> TargetSentimentClassifier:
    """The model fitted on NewsMTSC and shipped with the package (loaded once)."""
    resource = resources.files("analysis") / "data" / MODEL_FILE
    try:
        raw = resource.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"the shipped target-sentiment model {resource} is missing; reinstall the package "
            f"or rebuild it with `python -m analysis.targeted.train PATH/TO/newsmtsc-train`"
        ) from None
    return TargetSentimentClassifier.from_json(read_json(raw))
