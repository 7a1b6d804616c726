"""How sure the engine is: calibrated probabilities for every quote and its speaker.

Every :class:`~analysis.quotes.records.Quote` carries two probabilities, so that a
researcher can filter (``quotes[quotes.p_speaker >= 0.8]``) and know what the filter
keeps:

``p_quote``
    that the quote is an attribution of its kind (a quotation someone is quoted in,
    or reported content), as annotated news marks them;
``p_speaker``
    that its speaker mention is the one the annotators marked as the source.

Each is a logistic regression (:class:`Calibrator`) over named evidence the engine
already has when it decides (:func:`quote_evidence`, :func:`speaker_evidence`): how the
content was found (quotation marks, the tagger, a rule, both), the quotation
classifier's probability, the cue and its class, the length, whether the quotation
closed; for the speaker, the ranker's probability among the candidates and its margin
over the next, how many candidates there were, what kind of mention won and whether
it can speak (its type), whether the rules chose it too.  They are fitted on the
engine's output for PolNeAR's fit articles, each article analysed by models that did
not see it (cross-fitting: :func:`analysis.quotes.train.train_confidence`), labelled
by the evaluation's matching (:mod:`analysis.evaluate`), so that the probabilities
are those of new text; the validation months measure how well they hold
(a reliability table: :func:`analysis.evaluate.reliability`).

Examples
--------
>>> from analysis.quotes import extract_quotes
>>> q = extract_quotes("“We will win,” Mayor Ana Ruiz said on Monday.")[0]
>>> 0.5 < q.p_quote <= 1 and 0.5 < q.p_speaker <= 1
True
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from analysis.paths import DATA

__all__ = ["FORMAT", "WEIGHTS", "Calibrator", "Confidence", "quote_evidence",
           "shipped_confidence", "speaker_evidence", "train_calibrator"]

#: Where the shipped calibrators are.
WEIGHTS = DATA / "quotes" / "confidence.json"
FORMAT = "analysis.confidence/1"


def _family(rule: str) -> str:
    """``marks``, ``tagger``, ``tagger+rule`` or ``rule``: how a content was found."""
    if rule == "marks" or rule.startswith("marks"):
        return "marks"
    if rule == "tagger":
        return "tagger"
    return "tagger+rule" if rule.startswith("tagger+") else "rule"


def quote_evidence(q: Any, evidence: Mapping[str, Any]) -> dict[str, float]:
    """Named features of a quote for ``p_quote`` (``q``: a Quote; ``evidence``: what the
    engine recorded while finding it).

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> q = NS(kind="direct", rule="marks", cue_class="speech", cue="said", closed=True,
    ...        text="“We will win,”", speaker="Ana Ruiz")
    >>> sorted(quote_evidence(q, {"p_reported": 0.9}))[:3]
    ['closed', 'cue_class=speech', 'found_by=marks']
    """
    words = len(q.text.split())
    f: dict[str, float] = {
        f"kind={q.kind}": 1.0,
        f"found_by={_family(q.rule)}": 1.0,
        f"kind&found_by={q.kind}&{_family(q.rule)}": 1.0,
        f"cue_class={q.cue_class or 'none'}": 1.0,
        "log_words": math.log1p(words),
        "closed": float(bool(q.closed)),
        "has_speaker": float(q.speaker is not None),
    }
    if "p_reported" in evidence:
        p = min(max(float(evidence["p_reported"]), 1e-4), 1 - 1e-4)
        f["logit_reported"] = math.log(p / (1 - p))
    if "clause" in evidence:
        f["clause_content"] = float(evidence["clause"])
    return {k: v for k, v in f.items() if v}


def speaker_evidence(q: Any, evidence: Mapping[str, Any]) -> dict[str, float]:
    """Named features of a quote's speaker for ``p_speaker`` (see module docs).

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> q = NS(kind="direct", speaker_rule="ranker", speaker_category="person")
    >>> f = speaker_evidence(q, {"ranker_p": 0.9, "margin": 0.8, "n_candidates": 3,
    ...                          "mention_kind": "name", "can_speak": 1.0})
    >>> f["logit_ranker"] > 2, f["mention_kind=name"]
    (True, 1.0)
    """
    f: dict[str, float] = {
        f"kind={q.kind}": 1.0,
        f"speaker_by={q.speaker_rule or 'none'}": 1.0,
        f"speaker_category={q.speaker_category or 'none'}": 1.0,
        f"mention_kind={evidence.get('mention_kind', 'none')}": 1.0,
        "log_candidates": math.log1p(float(evidence.get("n_candidates", 0))),
        "margin": float(evidence.get("margin", 0.0)),
        "can_speak": float(evidence.get("can_speak", 0.0)),
        "rules_agree": float(evidence.get("rules_agree", 0.0)),
    }
    p = min(max(float(evidence.get("ranker_p", 0.5)), 1e-4), 1 - 1e-4)
    f["logit_ranker"] = math.log(p / (1 - p))
    return {k: v for k, v in f.items() if v}


@dataclass(frozen=True)
class Calibrator:
    """A logistic regression over named features: ``weights`` and ``bias``."""

    weights: dict[str, float]
    bias: float
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, features: Mapping[str, float]) -> float:
        """The calibrated probability for one set of features."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def explain(self, features: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution (weight x value), largest first."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in features.items()]
        return sorted(parts, key=lambda kv: -abs(kv[1]))

    def to_json(self) -> dict[str, Any]:
        return {"bias": round(self.bias, 6), "meta": self.meta,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Calibrator:
        return cls(dict(data["weights"]), float(data["bias"]), dict(data.get("meta", {})))


@dataclass(frozen=True)
class Confidence:
    """The two calibrators: ``quote`` (``p_quote``) and ``speaker`` (``p_speaker``)."""

    quote: Calibrator
    speaker: Calibrator
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "meta": self.meta, "quote": self.quote.to_json(),
                "speaker": self.speaker.to_json()}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Confidence:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a confidence file (format {data.get('format')!r}); "
                             f"rebuild it with python -m analysis.quotes.train DIR "
                             f"--models confidence")
        return cls(Calibrator.from_json(data["quote"]), Calibrator.from_json(data["speaker"]),
                   dict(data.get("meta", {})))


@cache
def shipped_confidence() -> Confidence | None:
    """The calibrators of ``data/quotes/confidence.json`` (None when it is missing: the
    quotes then carry no probabilities)."""
    if not WEIGHTS.exists():
        return None
    return Confidence.from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")))


def train_calibrator(examples: Sequence[tuple[Mapping[str, float], int]], *,
                     C: float = 1.0) -> Calibrator:
    """Fit a :class:`Calibrator` on ``(features, label)`` pairs (label 1: right)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len({y for _, y in examples}) < 2:
        raise ValueError(f"a calibrator needs right and wrong examples; got "
                         f"{len(examples)} with one label")
    vec = DictVectorizer()
    X = vec.fit_transform([dict(f) for f, _ in examples])
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(X, [y for _, y in examples])
    weights = {k: float(w) for k, w in zip(vec.feature_names_, model.coef_[0], strict=True)}
    meta = {"examples": len(examples), "right": int(sum(y for _, y in examples)), "C": C}
    return Calibrator(weights, float(model.intercept_[0]), meta)
