"""Is a quotation someone's words?  A learned decision for every pair of quotation marks.

Quotation marks enclose reported words, but also titles of works (*“Meet the
Press”*), nicknames, scare quotes that distance the writer from a word (*a
“provisional” role*), signs and slogans.  News corpora annotate the first as
attributed content and not the others, and the line between them is a matter of
convention.  The rules of :mod:`analysis.quotes.extract` propose a kind for each
span (``direct``, ``partial``, ``title``); this classifier learns from annotated
news (:mod:`analysis.quotes.train`) when a span is reported speech, from named
features: the rule's kind, the span's length and casing, the words just before and
after it, whether a cue word and a source stand in its sentence, and how much of
it the tagger reads as content.  :meth:`QuoteClassifier.explain` lists each
feature's contribution.

Examples
--------
>>> from analysis.text import build
>>> from analysis.quotes.document import QuoteDoc
>>> from analysis.quotes.tagger import tag
>>> doc = build("“We will win,” Mayor Ana Ruiz said. She watched “Meet the Press” on Sunday.")
>>> d = QuoteDoc(doc)
>>> tags = tag(doc, spans=d.spans, mentions=d.all_mentions)
>>> [round(shipped_classifier().probability(span_features(d, tags, s)), 1) > 0.5
...  for s in d.spans]
[True, False]
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from analysis.paths import DATA

__all__ = ["QuoteClassifier", "shipped_classifier", "span_features"]

#: A quotation is reported when the classifier's probability reaches this threshold.
THRESHOLD = 0.5


def _bucket_words(n: int) -> str:
    for top, name in ((1, "1"), (2, "2"), (5, "3-5"), (10, "6-10")):
        if n <= top:
            return name
    return "11+"


def span_features(d: Any, tags: Any, span: Any) -> dict[str, float]:
    """Named features of one quotation span (``d``: the rules' view of the document,
    :class:`analysis.quotes.extract._Doc`; ``tags``: the tagger's labels)."""
    from analysis.quotes.kinds import kind_of

    toks = d.toks
    a, b = d.tok_range(span.start, span.end)
    words = [t for t in toks[a:b] if t.kind in ("word", "number", "abbreviation")]
    inner = [t.text for t in words]
    n = len(toks)
    before = d.model.folded[a - 1] if a > 0 else "<start>"
    after = d.model.folded[b] if b < n else "<end>"
    sentence = toks[a].sentence if a < n else (toks[-1].sentence if toks else 0)
    lo, hi = d.sent_tok[sentence] if d.sent_tok else (0, 0)
    hi = max(hi, b)
    cue_before = any(d.cues[k] for k in range(lo, a))
    cue_after = any(d.cues[k] for k in range(b, hi))
    labels = tags.labels
    content = sum(labels[k].endswith("CON") for k in range(a, b)) / max(b - a, 1)
    source = any(labels[k].endswith("SRC") for k in range(lo, hi))
    tagged_cue = any(labels[k].endswith("CUE") for k in range(lo, hi) if not a <= k < b)
    f: dict[str, float] = {
        "bias": 1.0,
        f"rule_kind={kind_of(d, span)}": 1.0,
        f"words={_bucket_words(len(words))}": 1.0,
        "title_case": float(bool(inner) and all(w[:1].isupper() for w in inner)),
        "closed": float(span.closed),
        "starts_sentence": float(a == lo),
        "cue_before": float(cue_before),
        "cue_after": float(cue_after),
        "tagged_content": content,
        "tagged_source_in_sentence": float(source),
        "tagged_cue_in_sentence": float(tagged_cue),
        f"word_before={before}": 1.0,
        f"word_after={after}": 1.0,
        "ends_in_punctuation": float(b - 1 > a and toks[b - 2].text in ".,!?;:"),
    }
    return {k: v for k, v in f.items() if v}


@dataclass(frozen=True)
class QuoteClassifier:
    """Logistic-regression weights over named span features."""

    weights: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, features: dict[str, float]) -> float:
        """Probability that the quotation is reported speech."""
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def explain(self, features: dict[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution (weight x value), largest first."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in features.items()]
        return sorted(parts, key=lambda kv: -abs(kv[1]))

    def to_json(self) -> dict[str, Any]:
        return {"format": "analysis.quote-classifier/1", "meta": self.meta,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuoteClassifier:
        if data.get("format") != "analysis.quote-classifier/1":
            raise ValueError(f"not a quote classifier weights file (format "
                             f"{data.get('format')!r}); rebuild it with python -m "
                             f"analysis.quotes.train")
        return cls(dict(data["weights"]), dict(data.get("meta", {})))


@cache
def shipped_classifier() -> QuoteClassifier:
    """The classifier shipped in ``data/quotes/reported.json`` (loaded once)."""
    path = DATA / "quotes" / "reported.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; rebuild it with `python -m "
                                f"analysis.quotes.train /path/to/polnear-train`")
    return QuoteClassifier.from_json(json.loads(path.read_text(encoding="utf-8")))


def train_classifier(examples: list[tuple[dict[str, float], int]], *, C: float = 1.0,
                     min_count: int = 10) -> QuoteClassifier:
    """Fit on ``(features, label)`` pairs; lexical features seen fewer than
    ``min_count`` times are dropped."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for feats, _ in examples:
        for k in feats:
            if k.startswith(("word_before=", "word_after=")):
                counts[k] = counts.get(k, 0) + 1
    rare = {k for k, c in counts.items() if c < min_count}
    rows = [{k: v for k, v in f.items() if k not in rare} for f, _ in examples]
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    model = LogisticRegression(C=C, max_iter=2000, fit_intercept=False)
    model.fit(X, [y for _, y in examples])
    weights = {k: float(w) for k, w in zip(vec.feature_names_, model.coef_[0], strict=True)}
    meta = {"trained_on": "PolNeAR v1.0.0 training compartment, fit part (published up to "
                          "2016-06-30)", "spans": len(rows),
            "reported": sum(y for _, y in examples), "C": C, "min_count": min_count}
    return QuoteClassifier(weights, meta)
