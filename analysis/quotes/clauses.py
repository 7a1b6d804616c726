"""Is a reported content a clause?  A model learned from GUM's dependency trees.

In the speech scheme (:mod:`analysis.quotes.cues`) a verb of saying reports speech when
its complement is a clause (``said the talks had failed``), not when it is a noun phrase
(``reported Khamenei’s criticism of the deal``, ``announced a plan``).  Without a parser
at run time, this is learned: GUM (:mod:`analysis.corpus.gum`) marks every complement of
every verb, so the complements of its verbs of saying are examples -- ``ccomp`` a
clause, ``obj`` and ``xcomp`` not.  A logistic regression over the content's own words
(:func:`clause_features`: its first words, auxiliaries and past forms early in it, a
possessive, its length, the words themselves) says how likely it reads as a clause.

The engine drops a content only when the model is sure it is no clause
(:data:`THRESHOLD`, chosen on the fit documents so that at least 97 % of clauses are
kept); a content after *that* is a clause whatever the model says.  Shipped in
``data/quotes/clauses.json`` with provenance and held-out figures; rebuild with
``python -m analysis.quotes.clauses /path/to/gum-train-entities``.

Examples
--------
>>> from analysis.text import build
>>> m = build("She said the talks had failed. He reported Lee’s criticism of the deal.")
>>> a, b = m.text.index("the talks"), m.text.index(" failed") + 7
>>> c = m.text.index("Lee’s")
>>> clause_probability(m, a, b) > clause_probability(m, c, len(m.text) - 1)
True
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from analysis.paths import DATA
from analysis.quotes.cues import cue_class, is_clause_content
from analysis.quotes.lexicon import CLASSES, tagged
from analysis.text import TextDoc

__all__ = ["FORMAT", "WEIGHTS", "ClauseModel", "clause_features", "clause_probability",
           "gum_examples", "main", "shipped_clauses"]

WEIGHTS = DATA / "quotes" / "clauses.json"
FORMAT = "analysis.clauses/1"
#: Lexical features seen fewer times than this in the fit examples are dropped.
MIN_COUNT = 3
#: The share of the fit documents' clauses the threshold must keep (cross-validated).
KEEP_CLAUSES = 0.97
_WORDS = frozenset({"word", "number", "abbreviation", "clitic"})


def clause_features(model: TextDoc, start: int, end: int) -> dict[str, float]:
    """Named features of the content ``[start, end)`` (see module docs).

    Examples
    --------
    >>> from analysis.text import build
    >>> m = build("the talks had failed")
    >>> f = clause_features(m, 0, len(m.text))
    >>> f["first=the"], f["aux_early"]
    (1.0, 1.0)
    """
    a, b = model.token_range(start, end)
    toks = model.tokens
    words = [model.folded[k] for k in range(a, b) if toks[k].kind in _WORDS]
    if not words:
        return {}
    aux = tagged(CLASSES, "auxiliary")
    f = {"first=" + words[0]: 1.0,
         "first_cap": float(toks[a].text[:1].isupper()),
         "has_aux": float(any(w in aux for w in words)),
         "aux_early": float(any(w in aux for w in words[:5])),
         "ed_later": float(any(w.endswith("ed") for w in words[1:6])),
         "s_verbish": float(any(w.endswith("s") and not w.endswith("ss") for w in words[1:4])),
         "clitic_early": float(any(toks[k].kind == "clitic" for k in range(a, min(b, a + 4)))),
         "log_len": math.log1p(len(words)),
         "comma": float(any(toks[k].text == "," for k in range(a, b))),
         "rule_clause": float(is_clause_content(words[:2]))}
    if len(words) > 1:
        f["second=" + words[1]] = 1.0
    for w in set(words[:6]):
        f["w=" + w] = 1.0
    return {k: v for k, v in f.items() if v}


@dataclass(frozen=True)
class ClauseModel:
    """Logistic-regression weights, bias and the threshold under which a content is
    no clause."""

    weights: dict[str, float]
    bias: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "meta": self.meta, "bias": round(self.bias, 6),
                "threshold": self.threshold,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ClauseModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a clause model (format {data.get('format')!r}); rebuild "
                             f"it with python -m analysis.quotes.clauses GUM_DIR")
        return cls(dict(data["weights"]), float(data["bias"]), float(data["threshold"]),
                   dict(data.get("meta", {})))


@cache
def shipped_clauses() -> ClauseModel | None:
    """The model of ``data/quotes/clauses.json`` (None when missing: every content that
    passes the rule of :func:`analysis.quotes.cues.is_clause_content` is a clause)."""
    if not WEIGHTS.exists():
        return None
    return ClauseModel.from_json(json.loads(WEIGHTS.read_text(encoding="utf-8")))


def clause_probability(model: TextDoc, start: int, end: int) -> float:
    """How likely the content ``[start, end)`` reads as a clause (1.0 without a model)."""
    clauses = shipped_clauses()
    if clauses is None:
        return 1.0
    return clauses.probability(clause_features(model, start, end))


# --------------------------------------------------------------------------- training
def gum_examples(documents: Sequence[Any]) -> list[tuple[str, str, int, int, int]]:
    """``(doc id, text, start, end, label)`` for the complements of GUM's verbs of saying:
    1 for a clause (``ccomp``), 0 for an object (``obj``, ``xcomp``); a leading *that*
    is left out, as the engine leaves it out."""
    out = []
    for d in documents:
        words = d.words
        children: dict[int, list[int]] = {}
        for i, w in enumerate(words):
            if w.head >= 0:
                children.setdefault(w.head, []).append(i)
        for i, w in enumerate(words):
            if w.upos != "VERB" or cue_class(w.form) != "speech":
                continue
            for c in children.get(i, ()):
                rel = words[c].deprel.split(":")[0]
                if rel not in ("ccomp", "obj", "xcomp"):
                    continue
                span, stack = [c], [c]
                while stack:
                    for k in children.get(stack.pop(), ()):
                        span.append(k)
                        stack.append(k)
                a, b = min(span), max(span)
                if words[a].form.lower() == "that" and words[a].deprel == "mark":
                    a += 1
                if a <= b:
                    out.append((d.id, d.text, words[a].start, words[b].end,
                                int(rel == "ccomp")))
    return out


def _featurise(examples, build) -> list[tuple[str, dict[str, float], int]]:
    models: dict[str, TextDoc] = {}
    rows = []
    for doc_id, text, start, end, label in examples:
        model = models.setdefault(doc_id, build(text))
        f = clause_features(model, start, end)
        words = sum(1 for k in range(*model.token_range(start, end))
                    if model.tokens[k].kind in _WORDS)
        if words >= 3:  # the engine reports no content of fewer words
            rows.append((doc_id, f, label))
    return rows


def _fit(rows, C: float = 0.3):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(k for _, f, _ in rows for k in f if k.startswith(("w=", "first=", "second=")))

    def keep(f):
        return {k: v for k, v in f.items()
                if not k.startswith(("w=", "first=", "second=")) or counts[k] >= MIN_COUNT}

    vec = DictVectorizer()
    X = vec.fit_transform([keep(f) for _, f, _ in rows])
    lr = LogisticRegression(C=C, max_iter=5000).fit(X, [y for _, _, y in rows])
    weights = {k: float(w) for k, w in zip(vec.feature_names_, lr.coef_[0], strict=True)}
    return weights, float(lr.intercept_[0])


def _threshold(rows, folds: int = 5) -> float:
    """The highest threshold that keeps :data:`KEEP_CLAUSES` of the clauses in
    ``folds``-fold cross-validation by document."""
    import hashlib

    def fold(doc_id: str) -> int:
        return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % folds

    scores: list[tuple[float, int]] = []
    for k in range(folds):
        train = [r for r in rows if fold(r[0]) != k]
        weights, bias = _fit(train)
        model = ClauseModel(weights, bias, 0.0)
        scores += [(model.probability(f), y) for d, f, y in rows if fold(d) == k]
    clauses = sorted(p for p, y in scores if y == 1)
    return round(clauses[int((1 - KEEP_CLAUSES) * len(clauses))], 3)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m analysis.quotes.clauses GUM_DIR [--out FILE]``: fit on GUM's fit
    documents, report held-out figures, write the model."""
    from analysis.corpus.gum import heldout_ids, read_gum_folder
    from analysis.text import build

    parser = argparse.ArgumentParser(prog="python -m analysis.quotes.clauses",
                                     description="Fit the clause model on GUM.")
    parser.add_argument("folder", help="gum-train-entities folder (CoNLL-U documents)")
    parser.add_argument("--out", default=str(WEIGHTS))
    args = parser.parse_args(argv)
    docs = read_gum_folder(args.folder, part="all")
    held = heldout_ids([d.id for d in docs])
    rows = _featurise(gum_examples(docs), build)
    fit = [r for r in rows if r[0] not in held]
    test = [r for r in rows if r[0] in held]
    threshold = _threshold(fit)
    weights, bias = _fit(fit)
    model = ClauseModel(weights, bias, threshold)
    right = kept = dropped = 0
    n_clause = sum(y for _, _, y in test)
    for _, f, y in test:
        p = model.probability(f)
        right += int((p >= 0.5) == bool(y))
        kept += int(y == 1 and p >= threshold)
        dropped += int(y == 0 and p < threshold)
    figures = {"heldout_accuracy": round(right / len(test), 3),
               "heldout_clauses_kept": round(kept / max(n_clause, 1), 3),
               "heldout_objects_dropped": round(dropped / max(len(test) - n_clause, 1), 3),
               "heldout_examples": len(test), "fit_examples": len(fit)}
    meta = {"trained_on": "GUM 11 (UD_English-GUM afb41ee) training documents, fit part "
                          "(analysis.corpus.gum.heldout_ids): complements of verbs of saying, "
                          "ccomp = clause, obj/xcomp = not", "C": 0.3,
            "threshold": f"cross-validated on the fit part to keep {KEEP_CLAUSES:.0%} of "
                         f"clauses", **figures}
    model = ClauseModel(weights, bias, threshold, meta)
    Path(args.out).write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    print(json.dumps(figures), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
