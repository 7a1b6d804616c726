"""The ``hybrid`` sentiment scorer: the lexicon ensemble plus learned word weights.

Lexicons rate words out of context and miss words whose polarity is conventional
rather than lexical.  The hybrid scorer keeps the unsupervised ensemble of
:mod:`analysis.sentiment` as one feature and adds TF-IDF weights of words and word
pairs, fitted by ridge regression to human ratings — the ratings that Hutto &
Gilbert (2014) collected for tweets, movie-review snippets and product-review
snippets (``additional_resources/hutto_ICWSM_2014.tar.gz`` in the ``vaderSentiment``
source distribution, MIT licence).  Their fourth set, New York Times editorial
sentences, is never used for fitting or for choosing settings: it is the held-out
news test.

The ridge penalty and the features were chosen by leave-one-domain-out
cross-validation over the three training domains (fit on two, correlate on the
third); the shipped model (``data/sentiment/hybrid.json.gz``) is then fitted on all
three.  Rebuild it with::

    python -m analysis.sentiment_model PATH/TO/hutto_ICWSM_2014

Limits: the word weights come from reviews and tweets, so news-specific vocabulary
is only as well covered as those domains cover it; the model is linear (no
negation scope beyond word pairs) and its output is clipped to [-1, 1].

Examples
--------
>>> model = shipped_model()
>>> len(model.terms) > 10000
True
>>> words = [["a", "wonderful", "success"], ["a", "terrible", "failure"]]
>>> [round(float(x), 2) for x in model.predict(words, [0.6, -0.6])]
[0.46, -0.5]
"""

from __future__ import annotations

import gzip
import itertools
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "TRAIN_DOMAINS",
    "HybridModel",
    "leave_one_domain_out",
    "load_ratings",
    "shipped_model",
    "terms",
    "train",
]

#: Hutto & Gilbert's rating files used for fitting (the NYT set is held out).
TRAIN_DOMAINS = ("tweets", "movieReviewSnippets", "amazonReviewSnippets")
NEWS_DOMAIN = "nytEditorialSnippets"
_MODEL_FILE = "sentiment/hybrid.json.gz"


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


@dataclass(frozen=True, eq=False)
class HybridModel:
    """A fitted hybrid scorer: ``clip(intercept + a * ensemble + tfidf(terms) . coef)``."""

    terms: tuple[str, ...]
    idf: np.ndarray
    coef: np.ndarray
    intercept: float
    ensemble_coef: float
    meta: dict = field(default_factory=dict)

    @cached_property
    def vectorizer(self):
        """The TF-IDF vectoriser with this model's vocabulary and IDF (built once)."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(analyzer=terms, sublinear_tf=True,
                              vocabulary={t: i for i, t in enumerate(self.terms)})
        vec.idf_ = self.idf
        return vec

    def predict(self, words: Sequence[Sequence[str]], ensemble: Sequence[float]) -> np.ndarray:
        """Scores in [-1, 1] for texts given as word lists, with their ensemble scores."""
        if len(words) != len(ensemble):
            raise ValueError(f"got {len(words)} texts but {len(ensemble)} ensemble scores")
        if not len(words):
            return np.zeros(0)
        learned = self.vectorizer.transform(list(words)) @ self.coef
        raw = self.intercept + self.ensemble_coef * np.asarray(ensemble, dtype=float) + learned
        return np.clip(raw, -1.0, 1.0)

    def to_json(self) -> dict:
        """A JSON-ready dict (floats rounded to 6 significant digits)."""
        return {**self.meta, "intercept": float(self.intercept),
                "ensemble_coef": float(self.ensemble_coef), "terms": list(self.terms),
                "idf": [float(f"{x:.6g}") for x in self.idf],
                "coef": [float(f"{x:.6g}") for x in self.coef]}

    @classmethod
    def from_json(cls, data: dict) -> HybridModel:
        """Inverse of :meth:`to_json`."""
        keys = {"intercept", "ensemble_coef", "terms", "idf", "coef"}
        return cls(terms=tuple(data["terms"]), idf=np.asarray(data["idf"], dtype=float),
                   coef=np.asarray(data["coef"], dtype=float),
                   intercept=float(data["intercept"]),
                   ensemble_coef=float(data["ensemble_coef"]),
                   meta={k: v for k, v in data.items() if k not in keys})


@cache
def shipped_model() -> HybridModel:
    """The model shipped in ``analysis/data/sentiment/hybrid.json.gz`` (loaded once)."""
    path = resources.files("analysis") / "data" / _MODEL_FILE
    with path.open("rb") as handle:
        return HybridModel.from_json(json.loads(gzip.decompress(handle.read())))


def load_ratings(folder: str | Path, domains: Sequence[str] = (*TRAIN_DOMAINS, NEWS_DOMAIN)
                 ) -> pd.DataFrame:
    """Hutto & Gilbert's ``*_GroundTruth.txt`` files as ``domain, rating, text`` rows.

    Ratings are the mean of about 20 raters on a -4..4 scale.
    """
    folder = Path(folder)
    frames = []
    for domain in domains:
        path = folder / f"{domain}_GroundTruth.txt"
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} not found; pass the folder unpacked from hutto_ICWSM_2014.tar.gz "
                f"(vaderSentiment source distribution, additional_resources/)")
        with path.open(encoding="utf-8", errors="replace") as handle:
            rows = [line.rstrip("\n").split("\t", 2) for line in handle if line.count("\t") >= 2]
        frames.append(pd.DataFrame({"domain": domain, "rating": [float(r[1]) for r in rows],
                                    "text": [r[2] for r in rows]}))
    return pd.concat(frames, ignore_index=True)


def _fit(words: Sequence[Sequence[str]], ensemble: np.ndarray, ratings: np.ndarray,
         alpha: float, min_df: int, meta: dict | None = None) -> HybridModel:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    vec = TfidfVectorizer(analyzer=terms, min_df=min_df, sublinear_tf=True)
    learned = vec.fit_transform(list(words))
    X = hstack([csr_matrix(np.asarray(ensemble, dtype=float)[:, None]), learned]).tocsr()
    ridge = Ridge(alpha=alpha, solver="sparse_cg", tol=1e-6, random_state=0)
    ridge.fit(X, np.asarray(ratings, dtype=float) / 4)
    vocabulary = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    return HybridModel(terms=tuple(vocabulary), idf=vec.idf_, coef=ridge.coef_[1:],
                       intercept=float(ridge.intercept_), ensemble_coef=float(ridge.coef_[0]),
                       meta=dict(meta or {}))


def _features(texts: Sequence[str]) -> tuple[list[list[str]], np.ndarray]:
    from analysis.sentiment import pattern_words, polarity

    return ([pattern_words(t) for t in texts],
            np.asarray(polarity(list(texts), method="ensemble")))


def leave_one_domain_out(frame: pd.DataFrame, alphas: Sequence[float] = (3, 10, 30),
                         min_df: int = 2) -> pd.DataFrame:
    """Pearson r on each held-out training domain for each ridge penalty."""
    words, ensemble = _features(frame["text"].tolist())
    frame = frame.assign(words=words, ensemble=ensemble)
    rows = []
    for alpha in alphas:
        for held in TRAIN_DOMAINS:
            part = frame[frame.domain.isin(TRAIN_DOMAINS) & (frame.domain != held)]
            test = frame[frame.domain == held]
            model = _fit(part.words.tolist(), part.ensemble.to_numpy(), part.rating.to_numpy(),
                         alpha, min_df)
            pred = model.predict(test.words.tolist(), test.ensemble.to_numpy())
            rows.append({"alpha": alpha, "held_out": held,
                         "r": float(np.corrcoef(pred, test.rating)[0, 1])})
    return pd.DataFrame(rows)


def train(frame: pd.DataFrame, alpha: float = 10.0, min_df: int = 2) -> HybridModel:
    """Fit the hybrid model on the training domains of ``frame`` (never on news)."""
    part = frame[frame.domain.isin(TRAIN_DOMAINS)]
    meta = {"source": "Hutto & Gilbert (2014) human ratings: " + ", ".join(TRAIN_DOMAINS)
            + " (vaderSentiment 3.3.2 sdist, additional_resources/hutto_ICWSM_2014.tar.gz)",
            "features": "TF-IDF (sublinear) of lower-cased Treebank words and word pairs, "
                        "plus the lexicon ensemble",
            "alpha": alpha, "min_df": min_df, "n_train": len(part),
            "rebuild": "python -m analysis.sentiment_model PATH/TO/hutto_ICWSM_2014"}
    words, ensemble = _features(part["text"].tolist())
    return _fit(words, ensemble, part.rating.to_numpy(), alpha, min_df, meta)


def main(argv: Sequence[str]) -> int:
    """Rebuild the shipped model: cross-validate, fit, save, and report news r."""
    if len(argv) != 1:
        print("usage: python -m analysis.sentiment_model PATH/TO/hutto_ICWSM_2014",
              file=sys.stderr)
        return 2
    frame = load_ratings(argv[0])
    cv = leave_one_domain_out(frame)
    print(cv.pivot(index="alpha", columns="held_out", values="r").assign(
        mean=cv.groupby("alpha").r.mean()).round(3).to_string())
    best = float(cv.groupby("alpha").r.mean().idxmax())
    model = train(frame, alpha=best)
    out = Path(str(resources.files("analysis") / "data" / _MODEL_FILE))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(json.dumps(model.to_json()).encode("utf-8"), mtime=0))
    news = frame[frame.domain == NEWS_DOMAIN]
    pred = model.predict(*_features(news["text"].tolist()))
    print(f"alpha {best:g}: {len(model.terms)} terms -> {out}")
    print(f"held-out news ({NEWS_DOMAIN}, n={len(news)}): r = "
          f"{np.corrcoef(pred, news.rating)[0, 1]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
