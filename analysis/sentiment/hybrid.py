"""The ``hybrid`` scorer's fitted model and prediction (fitting: :mod:`analysis.sentiment.fit`).

``hybrid = clip(a * ensemble + g * (b + tfidf(terms) . w), -1, 1)``: the lexicon
ensemble plus learned weights of the text's words and word pairs, where the gate
``g`` says how much the learned part may add:

``"evidence"`` (the shipped model)
    ``g`` is 1 when some lexicon (VADER, AFINN or pattern) finds a sentiment word in
    the text and 0 otherwise.  The learned words adjust lexical evidence (``not
    bad``, ``cheap``, ``waste`` in context); they do not create sentiment where no
    lexicon sees any, so a sentence that every lexicon scores 0 scores exactly 0.
``"strength"``
    ``g = |ensemble|``: the learned part grows with the strength of the evidence.
``"none"``
    ``g = 1``: the learned part always applies, intercept included.  Before
    calibration (models up to 2024) this was the default; on news it leant negative
    (``The report was published on Monday.`` -0.12), because weights that reviews
    and tweets gave to ordinary words add up to a bias on text with no sentiment.

Prediction is vectorised: :meth:`HybridModel.learned` takes the (row, term) pairs of
many texts at once and computes their TF-IDF rows and dot products with numpy, a
sparse matrix-vector product in coordinate form, without building a vectoriser per
text; :meth:`HybridModel.predict` is the same through scikit-learn's
``TfidfVectorizer`` (the reference the tests compare with).

Examples
--------
>>> model = shipped_model()
>>> model.gate, len(model.terms) > 10000
('evidence', True)
>>> words = [["a", "wonderful", "success"], ["the", "report", "was", "published"]]
>>> [round(float(x), 2) for x in model.predict(words, [0.6, 0.0], [True, False])]
[0.46, 0.0]
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources

import numpy as np

__all__ = ["GATES", "HybridModel", "shipped_model", "terms"]

MODEL_FILE = "sentiment/hybrid.json.gz"
#: How much the learned part may add: see the module docs.
GATES = ("evidence", "strength", "none")


def terms(words: Sequence[str]) -> list[str]:
    """The model's features of a text: its words and word pairs.

    ``words`` are lower-cased Treebank-like tokens (:func:`analysis.sentiment.pattern_words`),
    so negation is its own feature (``n't good``) and punctuation counts (``!``).

    Examples
    --------
    >>> terms(["is", "n't", "good"])
    ['is', "n't", 'good', "is n't", "n't good"]
    """
    words = list(words)
    return [*words, *(f"{a} {b}" for a, b in itertools.pairwise(words))]


def gate_values(gate: str, ensemble: np.ndarray, evidence: Sequence[bool] | None) -> np.ndarray:
    """The gate ``g`` of each text (see the module docs).

    Examples
    --------
    >>> gate_values("evidence", np.array([0.5, 0.0]), [True, False]).tolist()
    [1.0, 0.0]
    """
    if gate == "none":
        return np.ones(len(ensemble))
    if gate == "strength":
        return np.abs(ensemble)
    if gate == "evidence":
        if evidence is None or len(evidence) != len(ensemble):
            raise ValueError(f"the 'evidence' gate needs one evidence flag per text; got "
                             f"{None if evidence is None else len(evidence)} for "
                             f"{len(ensemble)} texts")
        return np.asarray(evidence, dtype=float)
    raise ValueError(f"unknown gate {gate!r}; choose one of {list(GATES)}")


@dataclass(frozen=True, eq=False)
class HybridModel:
    """A fitted hybrid scorer: ``clip(a * ensemble + g * (intercept + tfidf(terms) . coef))``."""

    terms: tuple[str, ...]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    ensemble_coef: float
    gate: str = "none"
    meta: dict = field(default_factory=dict)

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        """Term -> column index."""
        return {t: i for i, t in enumerate(self.terms)}

    @cached_property
    def vectorizer(self):
        """The scikit-learn TF-IDF vectoriser with this model's vocabulary and IDF."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(analyzer=terms, sublinear_tf=True, vocabulary=self.vocabulary)
        vec.idf_ = self.idf
        return vec

    def _combine(self, learned: np.ndarray, ensemble: Sequence[float],
                 evidence: Sequence[bool] | None) -> np.ndarray:
        ens = np.asarray(ensemble, dtype=float)
        gate = gate_values(self.gate, ens, evidence)
        if self.gate == "none":  # the original formula, term for term
            raw = self.intercept + self.ensemble_coef * ens + learned
        else:
            raw = self.ensemble_coef * ens + gate * (self.intercept + learned)
        return np.clip(raw, -1.0, 1.0)

    def predict(self, words: Sequence[Sequence[str]], ensemble: Sequence[float],
                evidence: Sequence[bool] | None = None) -> np.ndarray:
        """Scores in [-1, 1] for texts given as word lists, through scikit-learn.

        ``evidence`` (one flag per text: did any lexicon find a sentiment word?) is
        needed by the ``"evidence"`` gate.
        """
        if len(words) != len(ensemble):
            raise ValueError(f"got {len(words)} texts but {len(ensemble)} ensemble scores")
        if not len(words):
            return np.zeros(0)
        learned = self.vectorizer.transform(list(words)) @ self.coef
        return self._combine(learned, ensemble, evidence)

    def term_ids(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        """Column of each word and of each adjacent word pair (-1 if not a term).

        Examples
        --------
        >>> ids, pairs = shipped_model().term_ids(["not", "good", "xqzv"])
        >>> min(ids[:2]) >= 0, ids[2], len(pairs)
        (True, -1, 2)
        """
        get, missing = self.vocabulary.get, itertools.repeat(-1)
        ids = list(map(get, words, missing))
        pairs = list(map(get, map(" ".join, itertools.pairwise(words)), missing))
        return ids, pairs

    def learned(self, rows: np.ndarray, cols: np.ndarray, n_rows: int) -> np.ndarray:
        """``tfidf(terms) . coef`` of ``n_rows`` texts from their (row, term column) pairs.

        The counts, sublinear TF, IDF weighting, L2 normalisation and dot product of
        scikit-learn's ``TfidfVectorizer`` followed by ``X @ coef``, with the terms of
        each row summed in column order as scikit-learn sums them.
        """
        keep = cols >= 0
        rows, cols = rows[keep].astype(np.int64), cols[keep].astype(np.int64)
        if not len(rows):
            return np.zeros(n_rows)
        width = len(self.terms)
        keys, counts = np.unique(rows * width + cols, return_counts=True)
        rows, cols = keys // width, keys % width
        data = np.log(counts.astype(np.float64)) + 1.0
        data *= self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n_rows))
        data /= norms[rows]
        return np.bincount(rows, weights=data * self.coef[cols], minlength=n_rows)

    def predict_ids(self, rows: np.ndarray, cols: np.ndarray, n_rows: int,
                    ensemble: Sequence[float], evidence: Sequence[bool] | None = None
                    ) -> np.ndarray:
        """:meth:`predict` from (row, term column) pairs, as :meth:`learned` takes them."""
        if len(ensemble) != n_rows:
            raise ValueError(f"got {n_rows} texts but {len(ensemble)} ensemble scores")
        return self._combine(self.learned(rows, cols, n_rows), ensemble, evidence)

    def to_json(self) -> dict:
        """A JSON-ready dict (floats rounded to 6 significant digits)."""
        return {**self.meta, "gate": self.gate, "intercept": float(self.intercept),
                "ensemble_coef": float(self.ensemble_coef), "terms": list(self.terms),
                "idf": [float(f"{x:.6g}") for x in self.idf],
                "coef": [float(f"{x:.6g}") for x in self.coef]}

    @classmethod
    def from_json(cls, data: dict) -> HybridModel:
        """Inverse of :meth:`to_json` (files without a ``gate`` are ungated)."""
        keys = {"intercept", "ensemble_coef", "terms", "idf", "coef", "gate"}
        return cls(terms=tuple(data["terms"]), idf=np.asarray(data["idf"], dtype=float),
                   coef=np.asarray(data["coef"], dtype=float),
                   intercept=float(data["intercept"]),
                   ensemble_coef=float(data["ensemble_coef"]),
                   gate=str(data.get("gate", "none")),
                   meta={k: v for k, v in data.items() if k not in keys})


@cache
def shipped_model() -> HybridModel:
    """The model shipped in ``analysis/data/sentiment/hybrid.json.gz`` (loaded once)."""
    path = resources.files("analysis") / "data" / MODEL_FILE
    with path.open("rb") as handle:
        return HybridModel.from_json(json.loads(gzip.decompress(handle.read())))
