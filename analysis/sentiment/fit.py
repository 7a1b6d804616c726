"""Fitting the ``hybrid`` sentiment scorer: the lexicon ensemble plus learned word weights.

(Scoring lives in :mod:`analysis.sentiment.hybrid`; this module only fits.)

Lexicons rate words out of context and miss words whose polarity is conventional
rather than lexical.  The hybrid scorer keeps the unsupervised ensemble of
:mod:`analysis.sentiment` as one feature and adds TF-IDF weights of words and word
pairs, fitted by ridge regression to human judgements from four domains:

* the ratings that Hutto & Gilbert (2014) collected for tweets, movie-review snippets
  and product-review snippets (``additional_resources/hutto_ICWSM_2014.tar.gz`` in the
  ``vaderSentiment`` source distribution, MIT licence), ``rating / 4``;
* **news**: the sentence polarity of NewsMTSC (Hamborg & Donnay 2021) --
  :func:`analysis.corpus.newsmtsc.sentence_polarity`, a sentence's label when all its
  target persons carry the same one -- as ``news_scale * polarity`` (-1, 0, 1),
  weighted ``news_weight`` per sentence.  Only buckets 1-4 of the NewsMTSC split of
  :mod:`analysis.corpus.newsmtsc` are used; bucket 0, the part on which sentiment
  toward a person (:mod:`analysis.targeted`) is evaluated too, is never fitted on.

Hutto & Gilbert's fourth set, New York Times editorial sentences, is never used for
fitting or for choosing settings: it is the held-out news test, with NewsMTSC's
bucket 0.

**News adjustments.** Beside the shared weights, the model may learn a news-only
correction of every weight (``news_copy`` > 0: each news row repeats its features in
a second block scaled by ``news_copy``, so the shipped news weights are the shared
weights plus ``news_copy`` times the correction; a larger copy means a weaker penalty
on the correction).  Whether it does, how much news counts (``news_weight``), the size
of a news label on the rating scale (``news_scale``) and the ridge penalty are chosen
by cross-validation over the four fit domains (:func:`cross_validate`): each of the
three Hutto sets held out in turn (fit on the rest, news included), and each NewsMTSC
fit bucket held out in turn (fit on the rest); the criterion is the mean over the four
domains of the Pearson r of the *shipped* scorer (news weights) with the held-out
judgements (the news domain's r is the mean over its four buckets).  The scorer is
judged on tweets and reviews as well as on news because it scores a reporter's
sentences and people's quotes alike, and because NewsMTSC's labels are about people,
not the sentence's tone: adjustments that only fit that difference are not wanted.

**Calibration: no sentiment without lexical evidence.**  Fitted freely (an
intercept, every word weighted in every text), the model leant negative on news:
``The report was published on Monday.`` scored -0.12, and 86 % of the NYT sentences
in which no lexicon finds a sentiment word came out negative, because weights that
reviews and tweets gave to ordinary words add up to a bias.  The learned part is
*gated* (:data:`analysis.sentiment.hybrid.GATES`): it only adjusts texts in which some
lexicon found evidence, and there is no intercept outside the gate, so a text that
every lexicon scores 0 scores exactly 0.  The ``evidence`` gate was chosen by
leave-one-domain-out cross-validation over the three Hutto sets among the gates that
anchor at 0 (``analysis/data/sentiment/README.md``); :func:`leave_one_domain_out`
repeats that comparison.  Rebuild the shipped model (``data/sentiment/hybrid.json.gz``,
fitted on every fit part with the chosen settings) with::

    python -m analysis.sentiment.fit PATH/TO/hutto_ICWSM_2014 PATH/TO/newsmtsc-train

Limits: the model is linear in words and word pairs, so it learns what its data show
often -- a phrase such as ``cut waiting times`` or ``no longer have to``, whose
polarity comes from what is cut or no longer needed, is read through its words
(``cut``, ``no`` are negative in every lexicon); a sentence with no lexicon word
(``Unemployment rose to 9 percent.``) scores 0 whatever its topic; the output is
clipped to [-1, 1].

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
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.corpus.newsmtsc import HELD_OUT
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
    "FIT_DOMAINS",
    "NEWS_DOMAIN",
    "NEWS_FIT_DOMAIN",
    "REGRESSION_SENTENCES",
    "TRAIN_DOMAINS",
    "HybridModel",
    "Settings",
    "choose",
    "choose_settings",
    "cross_validate",
    "cv_table",
    "features",
    "held_out_figures",
    "leave_one_domain_out",
    "load_news",
    "load_ratings",
    "neutral_report",
    "sentence_agreement",
    "settings_grid",
    "shipped_model",
    "terms",
    "train",
]

#: Hutto & Gilbert's rating files used for fitting (the NYT set is held out).
TRAIN_DOMAINS = ("tweets", "movieReviewSnippets", "amazonReviewSnippets")
#: The news fit domain: NewsMTSC sentence polarity, buckets other than the held-out one.
NEWS_FIT_DOMAIN = "newsmtsc"
FIT_DOMAINS = (*TRAIN_DOMAINS, NEWS_FIT_DOMAIN)
#: The held-out news test of rated sentences (never fitted on).
NEWS_DOMAIN = "nytEditorialSnippets"
#: Gates that give 0 to a text no lexicon scores: the shipped model uses one of these.
ANCHORED_GATES = ("evidence", "strength")
_ALPHAS = (3.0, 10.0, 30.0)
#: Passages written here, printed before and after a refit (regression examples, not a
#: quality estimate; tests/sentiment states what each should score).
REGRESSION_SENTENCES = ("The new wing would cut waiting times by a third.",
                        "Families will no longer have to drive two hours.",
                        "The company will cut 500 jobs.",
                        "The report was published on Monday.")


@dataclass(frozen=True)
class Settings:
    """What cross-validation chooses (see the module docs).

    ``news_weight`` 0 leaves the news rows out altogether (the model fitted on
    tweets and reviews only).
    """

    alpha: float = 10.0
    news_weight: float = 0.0
    news_scale: float = 0.5
    news_copy: float = 0.0


def settings_grid(alphas: Sequence[float] = _ALPHAS, news_weights: Sequence[float] = (1.0, 3.0),
                  news_scales: Sequence[float] = (0.25, 0.5),
                  news_copies: Sequence[float] = (0.0, 1.0, 2.0)) -> list[Settings]:
    """Every combination, plus the model without news (``news_weight`` 0) for each alpha.

    Examples
    --------
    >>> len(settings_grid()), settings_grid()[0]
    (39, Settings(alpha=3.0, news_weight=0.0, news_scale=0.5, news_copy=0.0))
    """
    grid = []
    for alpha in alphas:
        grid.append(Settings(float(alpha)))
        grid += [Settings(float(alpha), float(w), float(s), float(c))
                 for w in news_weights for s in news_scales for c in news_copies]
    return grid


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


def load_news(folder: str | Path) -> pd.DataFrame:
    """NewsMTSC's sentence polarity as ``domain, rating, text, bucket`` rows.

    ``rating`` is the polarity (-1, 0, 1; :func:`analysis.corpus.newsmtsc.sentence_polarity`),
    not on Hutto's scale: :func:`train` multiplies it by ``news_scale``.  Every bucket
    is returned, the held-out one included; fitting skips it.
    """
    from analysis.corpus.newsmtsc import read_newsmtsc, sentence_polarity

    sentences = sentence_polarity(read_newsmtsc(folder))
    return pd.DataFrame({"domain": NEWS_FIT_DOMAIN,
                         "rating": sentences.polarity.astype(float).to_numpy(),
                         "text": sentences.text.to_numpy(), "bucket": sentences.bucket.to_numpy()})


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


def _fit_mask(frame: pd.DataFrame) -> np.ndarray:
    """Rows that may be fitted on: the three Hutto sets and NewsMTSC's non-held-out buckets."""
    news = (frame.domain == NEWS_FIT_DOMAIN).to_numpy()
    bucket = frame["bucket"].to_numpy() if "bucket" in frame else np.full(len(frame), -1)
    return frame.domain.isin(TRAIN_DOMAINS).to_numpy() | (news & (bucket != HELD_OUT))


def _vectorise(words: Sequence[Sequence[str]], min_df: int):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=terms, min_df=min_df, sublinear_tf=True)
    return vec, vec.fit_transform(list(words))


def _fit(data: pd.DataFrame, frame: pd.DataFrame, settings: Settings, min_df: int, gate: str,
         meta: dict | None = None, vectorised=None) -> HybridModel:
    """Ridge on ``[ensemble, g * (1, tfidf)]`` (``g = 1``: ``[ensemble, tfidf]`` + intercept),
    plus the news copy of those columns on news rows; returns the news weights."""
    from scipy.sparse import csr_matrix, diags, hstack
    from sklearn.linear_model import Ridge

    if gate not in GATES:
        raise ValueError(f"unknown gate {gate!r}; choose one of {list(GATES)}")
    vec, learned = vectorised if vectorised is not None else _vectorise(data.words, min_df)
    ensemble = data.ensemble.to_numpy(dtype=float)
    news = (frame.domain == NEWS_FIT_DOMAIN).to_numpy()
    rating = frame.rating.to_numpy(dtype=float)
    target = np.where(news, rating * settings.news_scale, rating / 4)
    weight = np.where(news, settings.news_weight, 1.0)
    g = (gate_values(gate, ensemble, data.evidence.tolist()) if gate != "none"
         else np.ones(len(ensemble)))
    columns = [csr_matrix(ensemble[:, None])]
    if gate != "none":
        columns.append(csr_matrix(g[:, None]))
    columns.append(diags(g) @ learned)
    copy = settings.news_copy * news
    if settings.news_copy and news.any():
        columns += [csr_matrix((copy * ensemble)[:, None]), csr_matrix((copy * g)[:, None]),
                    diags(copy * g) @ learned]
    ridge = Ridge(alpha=settings.alpha, solver="sparse_cg", tol=1e-6,
                  fit_intercept=gate == "none", random_state=0)
    ridge.fit(hstack(columns).tocsr(), target, sample_weight=weight)
    k, co = learned.shape[1], ridge.coef_
    if gate == "none":
        ensemble_coef, intercept, coef, end = co[0], float(ridge.intercept_), co[1:1 + k], 1 + k
    else:
        ensemble_coef, intercept, coef, end = co[0], co[1], co[2:2 + k], 2 + k
    if settings.news_copy and news.any():
        c = settings.news_copy
        ensemble_coef, intercept = ensemble_coef + c * co[end], intercept + c * co[end + 1]
        coef = coef + c * co[end + 2:]
    vocabulary = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    return HybridModel(terms=tuple(vocabulary), idf=vec.idf_, coef=np.asarray(coef),
                       intercept=float(intercept), ensemble_coef=float(ensemble_coef),
                       gate=gate, meta=dict(meta or {}))


def _predict(model: HybridModel, data: pd.DataFrame) -> np.ndarray:
    return model.predict(data.words.tolist(), data.ensemble.to_numpy(), data.evidence.tolist())


def _r(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def leave_one_domain_out(frame: pd.DataFrame, alphas: Sequence[float] = _ALPHAS,
                         gates: Sequence[str] = GATES, min_df: int = 2,
                         data: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pearson r on each held-out Hutto domain for each gate and ridge penalty, fitting on
    the other two Hutto domains (no news): how the gate was chosen.

    ``data`` are the :func:`features` of ``frame`` when already computed.
    """
    data = features(frame["text"].tolist()) if data is None else data
    rows = []
    for gate in gates:
        for alpha in alphas:
            for held in TRAIN_DOMAINS:
                fit = (frame.domain.isin(TRAIN_DOMAINS) & (frame.domain != held)).to_numpy()
                test = (frame.domain == held).to_numpy()
                model = _fit(data[fit], frame[fit], Settings(alpha), min_df, gate)
                rows.append({"gate": gate, "alpha": alpha, "held_out": held,
                             "r": _r(_predict(model, data[test]),
                                     frame.rating.to_numpy()[test])})
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


def _folds(frame: pd.DataFrame) -> list[tuple[str, str, np.ndarray, np.ndarray]]:
    """``(held_out, domain, fit rows, test rows)`` of :func:`cross_validate`."""
    fit_part = _fit_mask(frame)
    domain = frame.domain.to_numpy()
    folds = [(held, held, fit_part & (domain != held), domain == held)
             for held in TRAIN_DOMAINS if (domain == held).any()]
    news = fit_part & (domain == NEWS_FIT_DOMAIN)
    for b in sorted(set(frame.loc[news, "bucket"].astype(int))) if news.any() else []:
        test = news & (frame["bucket"].to_numpy() == b)
        folds.append((f"{NEWS_FIT_DOMAIN}:{b}", NEWS_FIT_DOMAIN, fit_part & ~test, test))
    return folds


def cross_validate(frame: pd.DataFrame, grid: Sequence[Settings] | None = None,
                   gate: str = "evidence", min_df: int = 2,
                   data: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pearson r of the shipped (news) weights on each held-out part, for each setting.

    Folds: each Hutto training domain held out (fit on the other two and the news fit
    part), then each NewsMTSC fit bucket held out (fit on the Hutto sets and the other
    fit buckets).  Neither NYT nor NewsMTSC's held-out bucket is ever read.  One row per
    setting and fold: the :class:`Settings` fields, ``held_out``, ``domain``, ``r``.
    """
    data = features(frame["text"].tolist()) if data is None else data
    grid = settings_grid() if grid is None else list(grid)
    rows = []
    for held, domain, fit, test in _folds(frame):
        news = (frame.domain == NEWS_FIT_DOMAIN).to_numpy()
        cache: dict[bool, tuple] = {}
        for settings in grid:
            use = fit & (~news if settings.news_weight == 0 else np.ones(len(fit), bool))
            with_news = bool((use & news).any())
            if with_news not in cache:
                cache[with_news] = _vectorise(data.words[use], min_df)
            model = _fit(data[use], frame[use], settings, min_df, gate,
                         vectorised=cache[with_news])
            rows.append({**asdict(settings), "held_out": held, "domain": domain,
                         "r": _r(_predict(model, data[test]), frame.rating.to_numpy()[test])})
    return pd.DataFrame(rows)


def cv_table(cv: pd.DataFrame) -> pd.DataFrame:
    """Mean r by setting and domain (news buckets averaged first) and their ``mean``."""
    keys = list(asdict(Settings()))
    table = cv.groupby([*keys, "domain"], sort=False).r.mean().unstack("domain")
    table = table[[d for d in FIT_DOMAINS if d in table.columns]]
    return table.assign(mean=table.mean(axis=1))


def choose_settings(cv: pd.DataFrame) -> Settings:
    """The setting with the best mean over the domains of :func:`cv_table` (ties: first).

    Examples
    --------
    >>> cv = pd.DataFrame({"alpha": [3.0, 3.0, 10.0, 10.0], "news_weight": 0.0,
    ...                    "news_scale": 0.5, "news_copy": 0.0,
    ...                    "domain": ["tweets", "newsmtsc"] * 2, "r": [0.8, 0.4, 0.7, 0.6]})
    >>> choose_settings(cv).alpha
    10.0
    """
    table = cv_table(cv)
    return Settings(*(float(x) for x in table["mean"].idxmax()))


def train(frame: pd.DataFrame, alpha: float = 10.0, min_df: int = 2, gate: str = "evidence",
          data: pd.DataFrame | None = None, *, news_weight: float = 0.0,
          news_scale: float = 0.5, news_copy: float = 0.0) -> HybridModel:
    """Fit on the fit parts of ``frame``: the Hutto training domains and NewsMTSC's
    buckets other than the held-out one (never NYT, never the held-out bucket)."""
    settings = Settings(alpha, news_weight, news_scale, news_copy)
    keep = _fit_mask(frame)
    if news_weight == 0:
        keep &= (frame.domain != NEWS_FIT_DOMAIN).to_numpy()
    part = frame[keep]
    data = features(part["text"].tolist()) if data is None else data[keep]
    counts = part.domain.value_counts()
    sources = ["Hutto & Gilbert (2014) human ratings: " + ", ".join(TRAIN_DOMAINS)
               + " (vaderSentiment 3.3.2 sdist, additional_resources/hutto_ICWSM_2014.tar.gz)"]
    if NEWS_FIT_DOMAIN in counts:
        sources.append("NewsMTSC (Hamborg & Donnay 2021) train.jsonl, sentence polarity where "
                       "all targets agree, article buckets 1-4 of analysis.corpus.newsmtsc "
                       "(bucket 0 held out)")
    meta = {"source": "; ".join(sources),
            "features": "TF-IDF (sublinear) of lower-cased Treebank words and word pairs, "
                        "plus the lexicon ensemble; the words only where the gate is open",
            **asdict(settings), "min_df": min_df, "n_train": len(part),
            "n_by_domain": {str(k): int(v) for k, v in counts.items()},
            "rebuild": "python -m analysis.sentiment.fit PATH/TO/hutto_ICWSM_2014 "
                       "PATH/TO/newsmtsc-train"}
    return _fit(data, part, settings, min_df, gate, meta)


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


def sentence_agreement(scores: Sequence[float], polarity: Sequence[int],
                       band: float = 0.05) -> dict[str, float]:
    """Agreement of sentence scores with -1/0/1 sentence labels (NewsMTSC's).

    ``macro_f1``: the score read as a label -- positive from ``band`` up, negative from
    ``-band`` down, neutral between (VADER's convention, 0.05; not tuned) -- against
    the label, macro-F1 over the three classes.  ``spearman``: rank correlation of
    the score with the label, which needs no cut point.

    Examples
    --------
    >>> sentence_agreement([0.5, 0.0, -0.3, 0.02], [1, 0, -1, 1])
    {'n': 4, 'macro_f1': 0.778, 'spearman': 0.949}
    """
    from scipy.stats import spearmanr
    from sklearn.metrics import f1_score

    scores, polarity = np.asarray(scores, dtype=float), np.asarray(polarity, dtype=int)
    read = np.where(scores >= band, 1, np.where(scores <= -band, -1, 0))
    return {"n": len(scores),
            "macro_f1": round(float(f1_score(polarity, read, average="macro",
                                             labels=[-1, 0, 1], zero_division=0)), 3),
            "spearman": round(float(spearmanr(scores, polarity)[0]), 3)}


def held_out_figures(model: HybridModel, frame: pd.DataFrame, data: pd.DataFrame) -> dict:
    """The held-out news figures of ``model``: NYT (r, lean) and NewsMTSC bucket 0."""
    out = {}
    nyt = (frame.domain == NEWS_DOMAIN).to_numpy()
    if nyt.any():
        out[NEWS_DOMAIN] = neutral_report(_predict(model, data[nyt]), data.evidence[nyt],
                                          frame.rating[nyt])
    if "bucket" in frame:
        test = ((frame.domain == NEWS_FIT_DOMAIN) & (frame["bucket"] == HELD_OUT)).to_numpy()
        if test.any():
            out[f"{NEWS_FIT_DOMAIN}:{HELD_OUT}"] = sentence_agreement(
                _predict(model, data[test]), frame.rating[test].astype(int))
    return out


def main(argv: Sequence[str]) -> int:
    """Rebuild the shipped model: cross-validate, choose, fit, save, report held-out news."""
    if len(argv) != 2:
        print("usage: python -m analysis.sentiment.fit PATH/TO/hutto_ICWSM_2014 "
              "PATH/TO/newsmtsc-train", file=sys.stderr)
        return 2
    frame = pd.concat([load_ratings(argv[0]).assign(bucket=-1), load_news(argv[1])],
                      ignore_index=True)
    data = features(frame["text"].tolist())
    examples = features(list(REGRESSION_SENTENCES))
    before = shipped_model()
    print("before (the model shipped until now):", held_out_figures(before, frame, data))
    cv = cross_validate(frame, data=data)
    print("cross-validated Pearson r of the shipped scorer (fit parts only; newsmtsc: mean "
          "over its four fit buckets):")
    print(cv_table(cv).round(3).to_string())
    settings = choose_settings(cv)
    model = train(frame, data=data, **asdict(settings))
    figures = held_out_figures(model, frame, data)
    model.meta.update(cv_mean=round(float(cv_table(cv)["mean"].max()), 4), held_out=figures)
    out = Path(str(resources.files("analysis") / "data" / MODEL_FILE))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(json.dumps(model.to_json()).encode("utf-8"), mtime=0))
    print(f"chosen: {settings}; {len(model.terms)} terms -> {out}")
    print(f"after: {figures}")
    for text, old, new in zip(REGRESSION_SENTENCES, _predict(before, examples),
                              _predict(model, examples), strict=True):
        print(f"   {old:+.3f} -> {new:+.3f}  {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
