"""Fitting the ``hybrid`` sentiment scorer: the lexicon ensemble plus learned word weights.

(Scoring lives in :mod:`analysis.sentiment.hybrid`; this module only fits.)

Lexicons rate words out of context and miss words whose polarity is conventional
rather than lexical.  The hybrid scorer keeps the unsupervised ensemble of
:mod:`analysis.sentiment` as one feature and adds TF-IDF weights of words and word
pairs, fitted by ridge regression to human ratings — the ratings that Hutto &
Gilbert (2014) collected for tweets, movie-review snippets and product-review
snippets (``additional_resources/hutto_ICWSM_2014.tar.gz`` in the ``vaderSentiment``
source distribution, MIT licence).  Their fourth set, New York Times editorial
sentences, is never used for fitting or for choosing settings: it is the held-out
news test.

**Calibration: no sentiment without lexical evidence.**  Fitted freely (an
intercept, every word weighted in every text), the model leant negative on news:
``The report was published on Monday.`` scored -0.12, and 86 % of the NYT sentences
in which no lexicon finds a sentiment word came out negative, because weights that
reviews and tweets gave to ordinary words add up to a bias.  The learned part is now
*gated* (:data:`analysis.sentiment.hybrid.GATES`): it only adjusts texts in which some
lexicon found evidence, and there is no intercept outside the gate, so a text that
every lexicon scores 0 scores exactly 0.  Which gate (``evidence``: on when any
lexicon fires; ``strength``: scaled by the ensemble's size) and which ridge penalty
were chosen by leave-one-domain-out cross-validation over the three training
domains (fit on two, correlate on the third), among the gates that anchor at 0; the
shipped model (``data/sentiment/hybrid.json.gz``) is then fitted on all three.
Rebuild it with::

    python -m analysis.sentiment.fit PATH/TO/hutto_ICWSM_2014

Limits: the word weights come from reviews and tweets, so news-specific vocabulary
is only as well covered as those domains cover it, and a sentence with no lexicon
word (``Unemployment rose to 9 percent.``) scores 0 whatever its topic; the model is
linear (no negation scope beyond word pairs) and its output is clipped to [-1, 1].

Examples
--------
>>> frame = pd.DataFrame({"domain": ["tweets"] * 4, "rating": [3.0, -3.0, 2.0, 0.0],
...                       "text": ["a wonderful day", "a terrible day", "good fun", "a day"]})
>>> model = train(frame, alpha=1.0, min_df=1)
>>> model.gate, model.meta["n_train"]
('evidence', 4)
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.sentiment.hybrid import (
    GATES,
    MODEL_FILE,
    HybridModel,
    gate_values,
    shipped_model,
    terms,
)

__all__ = [
    "ANCHORED_GATES",
    "NEWS_DOMAIN",
    "TRAIN_DOMAINS",
    "HybridModel",
    "features",
    "leave_one_domain_out",
    "load_ratings",
    "neutral_report",
    "shipped_model",
    "terms",
    "train",
]

#: Hutto & Gilbert's rating files used for fitting (the NYT set is held out).
TRAIN_DOMAINS = ("tweets", "movieReviewSnippets", "amazonReviewSnippets")
NEWS_DOMAIN = "nytEditorialSnippets"
#: Gates that give 0 to a text no lexicon scores: the shipped model uses one of these.
ANCHORED_GATES = ("evidence", "strength")
_ALPHAS = (3.0, 10.0, 30.0)


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


def features(texts: Sequence[str]) -> pd.DataFrame:
    """What the model reads of each text: ``words``, ``ensemble`` and ``evidence``.

    Examples
    --------
    >>> features(["Good.", "It rained."])[["ensemble", "evidence"]].round(2).values.tolist()
    [[0.69, True], [0.0, False]]
    """
    from analysis.sentiment import LEXICAL, lexical_rows, pattern_words
    from analysis.sentiment.document import has_evidence

    words = [pattern_words(t) for t in texts]
    rows = lexical_rows(list(texts), words)
    return pd.DataFrame({"words": words,
                         "ensemble": [r[LEXICAL.index("ensemble")] for r in rows],
                         "evidence": [has_evidence(r) for r in rows]})


def _fit(data: pd.DataFrame, ratings: np.ndarray, alpha: float, min_df: int, gate: str,
         meta: dict | None = None) -> HybridModel:
    """Ridge on ``[ensemble, g * (1, tfidf)]`` (``g = 1``: ``[ensemble, tfidf]`` + intercept)."""
    from scipy.sparse import csr_matrix, diags, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import Ridge

    if gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}; choose one of {list(GATES)}")
    vec = TfidfVectorizer(analyzer=terms, min_df=min_df, sublinear_tf=True)
    learned = vec.fit_transform(data.words.tolist())
    ensemble = data.ensemble.to_numpy(dtype=float)
    columns = [csr_matrix(ensemble[:, None])]
    if gate != "none":
        g = gate_values(gate, ensemble, data.evidence.tolist())
        columns += [csr_matrix(g[:, None]), diags(g) @ learned]
    else:
        columns.append(learned)
    ridge = Ridge(alpha=alpha, solver="sparse_cg", tol=1e-6, fit_intercept=gate == "none",
                  random_state=0)
    ridge.fit(hstack(columns).tocsr(), np.asarray(ratings, dtype=float) / 4)
    vocabulary = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    if gate == "none":
        intercept, coef = float(ridge.intercept_), ridge.coef_[1:]
    else:
        intercept, coef = float(ridge.coef_[1]), ridge.coef_[2:]
    return HybridModel(terms=tuple(vocabulary), idf=vec.idf_, coef=coef, intercept=intercept,
                       ensemble_coef=float(ridge.coef_[0]), gate=gate, meta=dict(meta or {}))


def _predict(model: HybridModel, data: pd.DataFrame) -> np.ndarray:
    return model.predict(data.words.tolist(), data.ensemble.to_numpy(), data.evidence.tolist())


def leave_one_domain_out(frame: pd.DataFrame, alphas: Sequence[float] = _ALPHAS,
                         gates: Sequence[str] = GATES, min_df: int = 2,
                         data: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pearson r on each held-out training domain for each gate and ridge penalty.

    ``data`` are the :func:`features` of ``frame`` when already computed.
    """
    data = features(frame["text"].tolist()) if data is None else data
    rows = []
    for gate in gates:
        for alpha in alphas:
            for held in TRAIN_DOMAINS:
                fit = (frame.domain.isin(TRAIN_DOMAINS) & (frame.domain != held)).to_numpy()
                test = (frame.domain == held).to_numpy()
                model = _fit(data[fit], frame.rating.to_numpy()[fit], alpha, min_df, gate)
                pred = _predict(model, data[test])
                rows.append({"gate": gate, "alpha": alpha, "held_out": held,
                             "r": float(np.corrcoef(pred, frame.rating.to_numpy()[test])[0, 1])})
    return pd.DataFrame(rows)


def choose(cv: pd.DataFrame) -> tuple[str, float]:
    """The anchored gate and penalty with the best mean held-out r (ties: first listed).

    Examples
    --------
    >>> cv = pd.DataFrame({"gate": ["none", "evidence", "evidence"], "alpha": [10, 3, 10],
    ...                    "held_out": "tweets", "r": [0.9, 0.6, 0.7]})
    >>> choose(cv)
    ('evidence', 10.0)
    """
    means = cv[cv.gate.isin(ANCHORED_GATES)].groupby(["gate", "alpha"], sort=False).r.mean()
    gate, alpha = means.idxmax()
    return str(gate), float(alpha)


def train(frame: pd.DataFrame, alpha: float = 10.0, min_df: int = 2, gate: str = "evidence",
          data: pd.DataFrame | None = None) -> HybridModel:
    """Fit the hybrid model on the training domains of ``frame`` (never on news)."""
    keep = frame.domain.isin(TRAIN_DOMAINS).to_numpy()
    part = frame[keep]
    data = features(part["text"].tolist()) if data is None else data[keep]
    meta = {"source": "Hutto & Gilbert (2014) human ratings: " + ", ".join(TRAIN_DOMAINS)
            + " (vaderSentiment 3.3.2 sdist, additional_resources/hutto_ICWSM_2014.tar.gz)",
            "features": "TF-IDF (sublinear) of lower-cased Treebank words and word pairs, "
                        "plus the lexicon ensemble; the words only where the gate is open",
            "alpha": alpha, "min_df": min_df, "n_train": len(part),
            "rebuild": "python -m analysis.sentiment.fit PATH/TO/hutto_ICWSM_2014"}
    return _fit(data, part.rating.to_numpy(), alpha, min_df, gate, meta)


def neutral_report(scores: Sequence[float], evidence: Sequence[bool],
                   ratings: Sequence[float] | None = None) -> dict[str, float]:
    """How scores lean: r with ratings, and the scores of texts no lexicon scores.

    Examples
    --------
    >>> neutral_report([0.5, 0.0, -0.1], [True, False, False])
    {'n': 3, 'n_no_evidence': 2, 'share_negative_no_evidence': 0.5, 'share_negative': 0.333}
    """
    scores = np.asarray(scores, dtype=float)
    evidence = np.asarray(evidence, dtype=bool)
    none = scores[~evidence]
    out: dict[str, float] = {"n": len(scores), "n_no_evidence": int((~evidence).sum()),
                             "share_negative_no_evidence":
                                 round(float((none < 0).mean()), 3) if len(none) else 0.0,
                             "share_negative": round(float((scores < 0).mean()), 3)}
    if ratings is not None:
        out["r"] = round(float(np.corrcoef(scores, ratings)[0, 1]), 3)
    return out


def main(argv: Sequence[str]) -> int:
    """Rebuild the shipped model: cross-validate, choose, fit, save, report on news."""
    if len(argv) != 1:
        print("usage: python -m analysis.sentiment.fit PATH/TO/hutto_ICWSM_2014",
              file=sys.stderr)
        return 2
    frame = load_ratings(argv[0])
    data = features(frame["text"].tolist())
    cv = leave_one_domain_out(frame, data=data)
    table = cv.pivot_table(index=["gate", "alpha"], columns="held_out", values="r",
                           sort=False)
    print("leave-one-domain-out Pearson r (fit on two training sets, test on the third):")
    print(table.assign(mean=table.mean(axis=1)).round(3).to_string())
    gate, alpha = choose(cv)
    model = train(frame, alpha=alpha, gate=gate, data=data)
    out = Path(str(resources.files("analysis") / "data" / MODEL_FILE))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(json.dumps(model.to_json()).encode("utf-8"), mtime=0))
    print(f"chosen among anchored gates {ANCHORED_GATES}: gate {gate}, alpha {alpha:g}; "
          f"{len(model.terms)} terms -> {out}")
    news = (frame.domain == NEWS_DOMAIN).to_numpy()
    report = neutral_report(_predict(model, data[news]), data.evidence[news],
                            frame.rating[news])
    print(f"held-out news ({NEWS_DOMAIN}): {report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
