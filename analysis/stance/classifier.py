"""Target-oriented stance classification as a scikit-learn estimator, saved as JSON.

(One estimator in one module of about 550 lines: its features, fitting, prediction and
saving share the fitted state; its cues and data are modules of their own.)

:class:`StanceClassifier` predicts ``favor`` / ``against`` / ``none`` for a text toward
a target from word n-grams and character n-grams (TF-IDF, sublinear) -- the feature
set of the SemEval-2016 Task 6 baseline (Mohammad et al. 2016) -- plus a few
cross-domain stance cues (:mod:`analysis.stance.cues`), with a multinomial logistic
regression, so ``predict_proba`` is meaningful.

One model serves all targets and domains by feature augmentation (Daumé III 2007,
"frustratingly easy domain adaptation"): every feature has a weight shared by all
texts, a weight active only for the text's target and, when the training data has
more than one ``domain`` (``tweets``, ``news``), one active only for the text's
domain.  A target with few examples borrows what the others teach (*we must*,
*hoax*); a target or domain never seen in training uses the shared weights.

A fitted model is data: :meth:`StanceClassifier.save` writes it as gzipped JSON and
:meth:`StanceClassifier.load` reads it back with bit-identical probabilities (weights
are rounded to 6 significant digits when fitted, so nothing is lost on saving).
The package ships two fitted models (:func:`shipped`): ``news`` (SemEval-2016 tweets
and GWSD news sentences; five targets, two domains) and ``teaching`` (the 180-sentence
teaching set).

Three options serve data from more than one domain and a smaller saved model:

* **soft labels** -- ``fit(X, None, label_proba=P)``: each text counts once for every
  label, weighted by the label's probability (the news model uses GWSD's label-model
  posteriors, so a sentence the annotators split on teaches less than a clear one);
* **pivots** -- ``StanceClassifier(pivots=m).fit(X, y, unlabelled=U)``: only n-grams
  seen in ``m`` texts of every domain, the unlabelled texts ``U`` of the domain the
  model will be applied to included (for a model fitted on tweets and applied to news);
* **prune** -- ``StanceClassifier(prune=t)``: fit, keep the n-grams with a weight of at
  least ``t``, fit again on them.

Evaluation uses the task's metric, F_avg = (F1_favor + F1_against) / 2 (:func:`f_avg`).

Examples
--------
>>> import pandas as pd
>>> X = pd.DataFrame({"text": ["we must talk", "talks are a trap", "talks now", "no talks ever"],
...                   "target": ["talks"] * 4})
>>> clf = StanceClassifier(random_state=0).fit(X, ["favor", "against", "favor", "against"])
>>> list(clf.predict(pd.DataFrame({"text": ["talks are a trap"], "target": ["talks"]})))
['against']

Fit on your own labelled sentences for your own target, save, load:

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "my_stance.json.gz"
>>> _ = clf.save(path)
>>> again = StanceClassifier.load(path)
>>> bool((again.predict_proba(X) == clf.predict_proba(X)).all())
True

Soft labels: one row per text, a probability for each label in the order of
:data:`LABELS` (against, favor, none); certain ones fit like the labels they stand for:

>>> soft = [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
>>> list(StanceClassifier(random_state=0).fit(X, None, label_proba=soft).predict(X))
['favor', 'against', 'favor', 'against']
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix, diags, hstack
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from analysis.stance.cues import cue_matrix
from analysis.stance.data import LABELS
from analysis.stance.weights import read_json, softmax, write_json

__all__ = ["LABELS", "SHIPPED", "StanceClassifier", "f_avg", "shipped"]

#: Shipped models: name -> package data file.
SHIPPED = {"news": "stance/news.json.gz", "teaching": "stance/teaching.json.gz"}
_FORMAT = "analysis.stance/2"


def f_avg(y_true: Sequence[str], y_pred: Sequence[str]) -> float:
    """SemEval-2016 Task 6 metric: mean of the F1 of ``favor`` and of ``against``.

    Examples
    --------
    >>> f_avg(["favor", "against", "none"], ["favor", "none", "none"])
    0.5
    """
    scores = f1_score(list(y_true), list(y_pred), labels=["favor", "against"], average=None,
                      zero_division=0)
    return float(np.mean(scores))


def _check_X(X) -> pd.DataFrame:
    if not isinstance(X, pd.DataFrame) or not {"text", "target"} <= set(X.columns):
        found = list(X.columns) if isinstance(X, pd.DataFrame) else type(X).__name__
        raise ValueError(f"X must be a DataFrame with 'text' and 'target' columns (and "
                         f"optionally 'domain'); got {found}")
    return X


def _round(values: np.ndarray) -> np.ndarray:
    """Round to 6 significant digits (what is saved is exactly what is used)."""
    v = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore"):
        magnitude = np.where(v == 0, 0.0, np.floor(np.log10(np.abs(v))))
    scale = 10.0 ** (5 - magnitude)
    return np.round(v * scale) / scale


def _vectorizer(analyzer: str, ngrams: Sequence[int], min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=analyzer, ngram_range=tuple(ngrams), sublinear_tf=True,
                           lowercase=True, min_df=min_df, dtype=np.float64)


def _restore(analyzer: str, ngrams: Sequence[int], terms: Sequence[str],
             idf: Sequence[float]) -> TfidfVectorizer:
    vec = TfidfVectorizer(analyzer=analyzer, ngram_range=tuple(ngrams), sublinear_tf=True,
                          lowercase=True, vocabulary={t: i for i, t in enumerate(terms)},
                          dtype=np.float64)
    vec.idf_ = np.asarray(idf, dtype=float)
    return vec


def _pivot_vectorizer(analyzer: str, ngrams: Sequence[int], by_domain: pd.Series,
                      min_df: int, texts: list[str]) -> TfidfVectorizer:
    """A vectorizer over the n-grams seen in ``min_df`` texts of every domain, its IDF
    fitted on ``texts``."""
    common = None
    for domain_texts in by_domain:
        counter = CountVectorizer(analyzer=analyzer, ngram_range=tuple(ngrams), lowercase=True,
                                  min_df=min(min_df, len(domain_texts)), binary=True)
        try:
            seen = set(counter.fit(domain_texts).vocabulary_)
        except ValueError:  # no n-gram at all
            seen = set()
        common = seen if common is None else common & seen
    if not common:
        raise ValueError(f"no {analyzer} n-gram is seen in {min_df} texts of every domain "
                         f"({list(by_domain.index)}); lower pivots (now {min_df})")
    vec = TfidfVectorizer(analyzer=analyzer, ngram_range=tuple(ngrams), sublinear_tf=True,
                          lowercase=True, vocabulary=sorted(common), dtype=np.float64)
    return vec.fit(texts)


def _subset(vec: TfidfVectorizer, keep: np.ndarray, analyzer: str, ngrams: Sequence[int],
            texts: list[str]) -> TfidfVectorizer:
    """``vec`` restricted to the terms where ``keep`` is true (at least one is kept)."""
    terms = vec.get_feature_names_out()[keep] if keep.any() \
        else vec.get_feature_names_out()[:1]
    return TfidfVectorizer(analyzer=analyzer, ngram_range=tuple(ngrams), sublinear_tf=True,
                           lowercase=True, vocabulary=list(terms), dtype=np.float64).fit(texts)


def _target_balanced(targets: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sample weights that give each label the same total weight *within each target*
    (mean weight 1): a target's rare label is not drowned by its frequent ones.

    Examples
    --------
    >>> _target_balanced(np.array(["a", "a", "a", "b"]), np.array(["x", "x", "y", "x"])).tolist()
    [0.75, 0.75, 1.5, 1.0]
    """
    out = np.zeros(len(y))
    for target in np.unique(targets):
        rows = targets == target
        labels, counts = np.unique(y[rows], return_counts=True)
        for label, count in zip(labels, counts, strict=True):
            out[rows & (y == label)] = rows.sum() / (len(labels) * count)
    return out * len(y) / out.sum()


def _check_proba(label_proba, n: int) -> np.ndarray:
    """Soft labels as an ``(n, 3)`` array in the order of :data:`LABELS`."""
    if isinstance(label_proba, pd.DataFrame):
        missing = sorted(set(LABELS) - set(label_proba.columns))
        if missing:
            raise ValueError(f"label_proba lacks the columns {missing}; it needs {list(LABELS)}")
        label_proba = label_proba[list(LABELS)]
    proba = np.asarray(label_proba, dtype=float)
    if proba.shape != (n, len(LABELS)) or not np.isfinite(proba).all() or (proba < 0).any() \
            or (proba.sum(axis=1) <= 0).any():
        raise ValueError(f"label_proba must be {n} rows of {len(LABELS)} non-negative numbers "
                         f"(one per label, in the order {LABELS}) with a positive sum; got "
                         f"shape {proba.shape}")
    return proba / proba.sum(axis=1, keepdims=True)


def _expand(design, proba: np.ndarray, targets: np.ndarray, class_weight: str | None,
            sample_weight: np.ndarray | None):
    """One row per (text, label) with a probability above 0.001, weighted by it.

    Class weighting uses the labels' soft counts (over all texts for ``balanced``,
    within each target for ``target``); the weights sum to the number of texts.

    Examples
    --------
    >>> X = csr_matrix(np.eye(2))
    >>> _, y, w = _expand(X, np.array([[0.0, 0.8, 0.2], [1.0, 0.0, 0.0]]),
    ...                   np.array(["t", "t"]), None, None)
    >>> [str(label) for label in y], w.round(2).tolist()
    (['against', 'favor', 'none'], [1.0, 0.8, 0.2])
    """
    scale = np.ones_like(proba)
    if class_weight == "balanced":
        counts = proba.sum(axis=0)
        scale *= np.where(counts > 0, len(proba) / (len(LABELS) * np.maximum(counts, 1e-12)), 0)
    elif class_weight == "target":
        for target in np.unique(targets):
            rows = targets == target
            counts = proba[rows].sum(axis=0)
            present = (counts > 1e-3).sum()
            scale[rows] = np.where(counts > 1e-3, rows.sum() / (present * np.maximum(counts,
                                                                                     1e-12)), 0)
    weight = proba * scale
    if sample_weight is not None:
        weight = weight * sample_weight[:, None]
    weight = weight * len(proba) / weight.sum()
    rows, cols = np.nonzero(proba > 1e-3)
    order = np.lexsort((rows, cols))  # label by label, texts in order
    rows, cols = rows[order], cols[order]
    return design[rows], np.asarray(LABELS)[cols], weight[rows, cols]


class StanceClassifier(ClassifierMixin, BaseEstimator):
    """Word + character n-grams and stance cues, logistic regression, shared weights.

    Parameters
    ----------
    C : float
        Inverse regularisation strength of the logistic regression.
    word_ngrams, char_ngrams : tuple of int
        N-gram ranges of the word and character (``char_wb``) TF-IDF features;
        ``char_ngrams=None`` leaves character n-grams out.
    char_min_df : int
        Keep character n-grams seen in at least this many training texts.
    cues : float
        Weight of the cross-domain cue features (:mod:`analysis.stance.cues`);
        0 leaves them out.
    class_weight : {"balanced", "target", None}
        ``balanced``: labels weighted inversely to their frequency over all texts;
        ``target``: the same within each target (:func:`_target_balanced`), so a
        target whose texts are nearly all one label still learns the others.
    specific : float
        Scale of the target- and domain-specific feature copies (a smaller scale
        regularises them more, so the model leans on the shared weights).
    domain : str or None
        The domain assumed for texts when ``X`` has no ``domain`` column at
        prediction (the shipped ``news`` model assumes ``news``).
    pivots : int
        0 keeps every n-gram of the training texts.  Above 0, keeps only the
        n-grams seen in at least this many texts of *every* domain -- the
        ``domain`` values of ``X`` and of the unlabelled texts given to
        :meth:`fit` -- so that the model learns from words both domains use
        ("pivot" features, Blitzer et al. 2006): a model fitted on tweets then
        cannot lean on hashtags or on topic words news sentences never use.
    prune : float
        0 keeps every n-gram.  Above 0, the model is fitted twice: the second fit
        knows only the n-grams that had a weight of at least ``prune`` (absolute
        value, any class, any block) in the first -- a smaller saved model.
    random_state : int or None
        Seed of the solver, for reproducible fits.

    Attributes
    ----------
    classes_ : ndarray of str
    targets_, domains_ : list of str
        Targets and domains with weights of their own (``domains_`` is empty when
        the training data had one domain or no ``domain`` column).
    coef_ : dict
        ``"shared"`` and ``"target:<t>"`` / ``"domain:<d>"`` -> sparse weights
        (classes x features).
    intercept_ : ndarray

    Notes
    -----
    Settings were chosen by CV on the development parts only (SemEval ``train``;
    GWSD's development part grouped by batch).  Held-out F_avg of the shipped news
    settings: SemEval val 0.716 (word+char SVM baseline 0.697), GWSD held-out 0.515
    (baseline 0.471), fitted on tweets with pivots and applied to GWSD 0.414 (baseline
    0.259) -- ``data/stance/README.md``; ``benchmarks/stance.py`` recomputes them.
    """

    def __init__(self, C: float = 1.0, word_ngrams: tuple[int, int] = (1, 2),
                 char_ngrams: tuple[int, int] | None = (2, 5), char_min_df: int = 2,
                 cues: float = 1.0, class_weight: str | None = "target",
                 specific: float = 1.0, domain: str | None = None, pivots: int = 0,
                 prune: float = 0.0, random_state: int | None = 0):
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.char_min_df = char_min_df
        self.cues = cues
        self.class_weight = class_weight
        self.specific = specific
        self.domain = domain
        self.pivots = pivots
        self.prune = prune
        self.random_state = random_state

    # ------------------------------------------------------------------ features
    def _base(self, texts: list[str]):
        """The shared feature matrix: words | characters | cues."""
        parts = [self.words_.transform(texts)]
        if self.chars_ is not None:
            parts.append(self.chars_.transform(texts))
        if self.cues:
            parts.append(csr_matrix(cue_matrix(texts)[1] * float(self.cues)))
        return hstack(parts).tocsr()

    def _groups(self, X: pd.DataFrame) -> list[tuple[str, np.ndarray]]:
        """``(block name, row mask)`` for each block other than the shared one."""
        targets = X["target"].astype(str).to_numpy()
        out = [(f"target:{t}", targets == t) for t in self.targets_]
        if self.domains_:
            domains = (X["domain"].astype(str).to_numpy() if "domain" in X.columns
                       else np.full(len(X), str(self.domain), dtype=object))
            out += [(f"domain:{d}", domains == d) for d in self.domains_]
        return out

    # ------------------------------------------------------------------ fitting
    def _fit_vocabulary(self, X: pd.DataFrame, unlabelled: pd.DataFrame | None) -> None:
        """Fit the word and character vectorizers (on the pivots when ``pivots``)."""
        texts = X["text"].astype(str).tolist()
        if not self.pivots:
            self.words_ = _vectorizer("word", self.word_ngrams, 1).fit(texts)
            self.chars_ = (None if self.char_ngrams is None else
                           _vectorizer("char_wb", self.char_ngrams, self.char_min_df).fit(texts))
            return
        frames = [X.assign(domain=X["domain"] if "domain" in X.columns else str(self.domain))]
        if unlabelled is not None:
            if not isinstance(unlabelled, pd.DataFrame) \
                    or not {"text", "domain"} <= set(unlabelled.columns):
                raise ValueError("unlabelled must be a DataFrame with 'text' and 'domain' "
                                 "columns (texts without labels, for the vocabulary)")
            frames.append(unlabelled)
        by_domain = pd.concat([f[["text", "domain"]] for f in frames], ignore_index=True)
        by_domain = by_domain.astype(str).groupby("domain", sort=True)["text"].apply(list)
        self.words_ = _pivot_vectorizer("word", self.word_ngrams, by_domain, self.pivots,
                                        texts)
        self.chars_ = (None if self.char_ngrams is None else _pivot_vectorizer(
            "char_wb", self.char_ngrams, by_domain, self.pivots, texts))

    def fit(self, X: pd.DataFrame, y: Sequence[str] | None,
            sample_weight: Sequence[float] | None = None,
            label_proba: np.ndarray | pd.DataFrame | None = None,
            unlabelled: pd.DataFrame | None = None) -> StanceClassifier:
        """Fit on texts ``X`` (``text``, ``target``[, ``domain``]) with labels ``y``.

        ``sample_weight`` (optional) multiplies each text's weight, e.g. by the
        annotators' confidence in its label.  ``label_proba`` (optional, one row per
        text, columns in the order of :data:`LABELS` or named by them) gives soft
        labels instead: each text counts once for every label, weighted by that
        label's probability (e.g. a label model's posteriors); ``y`` is then ignored
        and may be ``None``.  ``unlabelled`` (optional; ``text`` and ``domain``
        columns) are texts of the domain the model will be applied to, without
        labels: with ``pivots`` they choose the vocabulary, nothing else.
        """
        X = _check_X(X)
        soft = None if label_proba is None else _check_proba(label_proba, len(X))
        if soft is not None:
            y = np.asarray(LABELS, dtype=object)[np.argmax(soft, axis=1)]
        y = np.asarray(y, dtype=object)
        if len(y) != len(X):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
        unknown = sorted(set(y) - set(LABELS))
        if unknown:
            raise ValueError(f"labels must be in {LABELS}; got {unknown}")
        if len(set(y)) < 2:
            raise ValueError(f"need at least two different labels to fit; got only {set(y)}")
        if self.class_weight not in ("balanced", "target", None):
            raise ValueError(f"class_weight must be 'balanced', 'target' or None; "
                             f"got {self.class_weight!r}")
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=float)
            if sample_weight.shape != (len(y),) or (sample_weight < 0).any():
                raise ValueError(f"sample_weight must be {len(y)} non-negative numbers; got "
                                 f"shape {sample_weight.shape}")
        if self.prune < 0:
            raise ValueError(f"prune must be >= 0; got {self.prune}")
        self._fit_vocabulary(X, unlabelled)
        self.targets_ = sorted(set(X["target"].astype(str)))
        domains = sorted(set(X["domain"].astype(str))) if "domain" in X.columns else []
        self.domains_ = domains if len(domains) > 1 else []
        self._solve(X, y, soft, sample_weight)
        if self.prune:
            self._keep_strong_ngrams(X["text"].astype(str).tolist())
            self._solve(X, y, soft, sample_weight)
        return self

    def _solve(self, X: pd.DataFrame, y: np.ndarray, soft: np.ndarray | None,
               sample_weight: np.ndarray | None) -> None:
        """Fit the logistic regression on the fitted vocabulary; set ``coef_`` etc."""
        base = self._base(X["text"].astype(str).tolist())
        groups = self._groups(X)
        blocks = [base] + [diags(mask * float(self.specific)) @ base for _, mask in groups]
        design = hstack(blocks).tocsr()
        if soft is not None:
            design, y, weights = _expand(design, soft, X["target"].astype(str).to_numpy(),
                                         self.class_weight, sample_weight)
        else:
            weights = _target_balanced(X["target"].astype(str).to_numpy(), y) \
                if self.class_weight == "target" else np.ones(len(y))
            if sample_weight is not None:
                weights = weights * sample_weight
        model = LogisticRegression(C=self.C, max_iter=5000, random_state=self.random_state,
                                   class_weight=self.class_weight
                                   if self.class_weight == "balanced" and soft is None else None)
        with threadpool_limits(1, user_api="blas"):  # threads only thrash on sparse fits
            model.fit(design, y, sample_weight=weights)
        self.classes_ = np.asarray(model.classes_, dtype=object)
        coef, intercept = model.coef_, model.intercept_
        if len(self.classes_) == 2:
            coef, intercept = np.vstack([-coef / 2, coef / 2]), np.array([-1, 1]) * intercept / 2
        width = base.shape[1]
        names = ["shared", *(name for name, _ in groups)]
        scale = [1.0] + [float(self.specific)] * len(groups)
        self.coef_ = {name: csr_matrix(_round(coef[:, k * width:(k + 1) * width] * scale[k]))
                      for k, name in enumerate(names)}
        self.intercept_ = _round(intercept)

    def _keep_strong_ngrams(self, texts: list[str]) -> None:
        """Keep the n-grams with a weight of at least ``prune`` (in absolute value) for
        some class in some block; the vectorizers then know only those."""
        strength = np.zeros(next(iter(self.coef_.values())).shape[1])
        for matrix in self.coef_.values():
            strength = np.maximum(strength, abs(matrix).max(axis=0).toarray().ravel())
        keep = strength >= self.prune
        n_words = len(self.words_.vocabulary_)
        self.words_ = _subset(self.words_, keep[:n_words], "word", self.word_ngrams, texts)
        if self.chars_ is not None:
            n_chars = len(self.chars_.vocabulary_)
            self.chars_ = _subset(self.chars_, keep[n_words:n_words + n_chars], "char_wb",
                                  self.char_ngrams, texts)

    # ------------------------------------------------------------------ predicting
    def decision_function(self, X: pd.DataFrame) -> np.ndarray:
        """Class scores (before the softmax) in the order of ``classes_``."""
        check_is_fitted(self, "coef_")
        X = _check_X(X)
        if not len(X):
            return np.zeros((0, len(self.classes_)))
        base = self._base(X["text"].astype(str).tolist())
        scores = np.asarray((base @ self.coef_["shared"].T).todense()) + self.intercept_
        for name, mask in self._groups(X):
            if mask.any():
                rows = np.flatnonzero(mask)
                scores[rows] += np.asarray((base[rows] @ self.coef_[name].T).todense())
        return scores

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        """Class probabilities in the order of ``classes_``."""
        scores = self.decision_function(X)
        return softmax(scores) if len(scores) else scores

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """The most probable label for each row."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def score(self, X: pd.DataFrame, y: Sequence[str], sample_weight=None) -> float:
        """F_avg (the SemEval-2016 Task 6 metric) on ``X``, ``y``."""
        return f_avg(y, self.predict(X))

    # ------------------------------------------------------------------ saving
    def to_json(self) -> dict:
        """The fitted model as a JSON-ready dict (sparse blocks as columns + weights)."""
        check_is_fitted(self, "coef_")
        blocks = {}
        for name, matrix in self.coef_.items():
            cols = np.unique(matrix.indices)
            blocks[name] = {"columns": cols, "coef": matrix[:, cols].toarray()}
        return {"format": _FORMAT, "params": self.get_params(),
                "classes": list(self.classes_), "targets": self.targets_,
                "domains": self.domains_, "intercept": self.intercept_,
                "words": {"terms": self.words_.get_feature_names_out(),
                          "idf": self.words_.idf_},
                "chars": None if self.chars_ is None else {
                    "terms": self.chars_.get_feature_names_out(), "idf": self.chars_.idf_},
                "blocks": blocks, **getattr(self, "meta_", {})}

    @classmethod
    def from_json(cls, data: dict) -> StanceClassifier:
        """Inverse of :meth:`to_json`."""
        if data.get("format") != _FORMAT:
            raise ValueError(f"not a stance model: format {data.get('format')!r}, "
                             f"expected {_FORMAT!r}")
        params = {k: tuple(v) if isinstance(v, list) else v for k, v in data["params"].items()}
        model = cls(**params)
        model.classes_ = np.asarray(data["classes"], dtype=object)
        model.targets_ = list(data["targets"])
        model.domains_ = list(data["domains"])
        model.intercept_ = np.asarray(data["intercept"], dtype=float)
        model.words_ = _restore("word", model.word_ngrams, data["words"]["terms"],
                                data["words"]["idf"])
        chars = data["chars"]
        model.chars_ = (None if chars is None else
                        _restore("char_wb", model.char_ngrams, chars["terms"], chars["idf"]))
        width = (len(data["words"]["terms"]) + (len(chars["terms"]) if chars else 0)
                 + (len(cue_matrix([])[0]) if model.cues else 0))
        k = len(model.classes_)
        model.coef_ = {}
        for name, block in data["blocks"].items():
            cols = np.asarray(block["columns"], dtype=np.int64)
            values = np.asarray(block["coef"], dtype=float).reshape(k, len(cols))
            matrix = csr_matrix((values.ravel(), np.tile(cols, k),
                                 np.arange(k + 1, dtype=np.int64) * len(cols)), shape=(k, width))
            matrix.eliminate_zeros()
            model.coef_[name] = matrix
        known = {"format", "params", "classes", "targets", "domains", "intercept", "words",
                 "chars", "blocks"}
        model.meta_ = {k: v for k, v in data.items() if k not in known}
        return model

    def save(self, path: str | Path) -> Path:
        """Write the model as JSON (gzipped when ``path`` ends in ``.gz``)."""
        return write_json(self.to_json(), path)

    @classmethod
    def load(cls, path: str | Path) -> StanceClassifier:
        """Read a model written by :meth:`save`."""
        return cls.from_json(read_json(path))


@cache
def shipped(name: str = "news") -> StanceClassifier:
    """A fitted model shipped with the package (loaded once per process).

    ``news``: SemEval-2016 tweets and GWSD news sentences (targets in
    :data:`analysis.stance.data.SEMEVAL_TARGETS`; GWSD is the climate target);
    ``teaching``: the teaching set (``negotiations with the US``, ``the nuclear deal``,
    ``sanctions``).  See ``data/stance/README.md``.

    Examples
    --------
    >>> shipped("teaching").targets_
    ['negotiations with the US', 'sanctions', 'the nuclear deal']
    """
    if name not in SHIPPED:
        raise ValueError(f"no shipped stance model {name!r}; choose one of {sorted(SHIPPED)}")
    resource = resources.files("analysis") / "data" / SHIPPED[name]
    try:
        raw = resource.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            f"the shipped stance model {resource} is missing; reinstall the package or "
            f"rebuild it with `python -m analysis.stance.train DATA_DIR`") from None
    return StanceClassifier.from_json(read_json(raw))
