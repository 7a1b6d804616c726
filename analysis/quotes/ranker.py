"""Who said it: ranking the candidate speaker mentions of a quotation.

For every quotation or reported clause, the candidates are the speaker mentions
(:mod:`analysis.quotes.mentions`: names, descriptions, pronouns) and the source
spans of the tagger (:mod:`analysis.quotes.tagger`) in a window around it: its
own sentences, the two sentences before and the one after, never beyond the
previous paragraph.  Each (content, candidate) pair is described by named
features -- where the candidate stands, how far, whether a cue word joins them,
whether the tagger calls it a source, what kind of mention it is -- and a logistic
regression fitted on annotated news scores it (:func:`train_ranker`).  The best
candidate is the speaker; :meth:`Ranker.explain` lists each feature's contribution.

Examples
--------
>>> from analysis.text import build
>>> doc = build("“We will win,” Mayor Ana Ruiz said on Monday.")
>>> ctx = Context.of(doc)
>>> best = rank(ctx, (0, 14))[0]
>>> doc.text[best.candidate.start:best.candidate.end]
'Ana Ruiz'
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from analysis.paths import DATA
from analysis.quotes.mentions import Mention, find_mentions
from analysis.quotes.spans import QuoteSpan, quote_spans
from analysis.quotes.tagger import Tags, tag
from analysis.text import TextDoc

__all__ = ["Candidate", "Context", "Ranked", "Ranker", "rank", "shipped_ranker", "train_ranker"]

#: Sentences before the content's first sentence and after its last one that may hold
#: the speaker.
SENTENCES_BEFORE, SENTENCES_AFTER = 2, 1
#: At most this many candidates, nearest first, are scored per content.
MAX_CANDIDATES = 24


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible speaker: a mention (``kind`` name, description, pronoun) or a span the
    tagger labelled as a source that no mention covers (``kind`` ``tagged``)."""

    start: int
    end: int
    first: int
    last: int
    sentence: int
    kind: str
    category: str
    mention: Mention | None = None


@dataclass(frozen=True)
class Context:
    """What ranking reads for one document: model, quotations, mentions, tags, cues."""

    doc: TextDoc
    spans: tuple[QuoteSpan, ...]
    mentions: tuple[Mention, ...]
    tags: Tags
    candidates: tuple[Candidate, ...]
    inside_quote: tuple[bool, ...]
    cue_token: tuple[bool, ...]
    first_mention_of_sentence: frozenset[int] = field(default_factory=frozenset)

    @classmethod
    def of(cls, doc: TextDoc, *, spans: Sequence[QuoteSpan] | None = None,
           mentions: Sequence[Mention] | None = None, tags: Tags | None = None) -> Context:
        """Build the context of ``doc``, reusing what the caller already has."""
        from analysis.quotes.features import cue_lexicon

        if spans is None:
            spans = quote_spans(doc.text, doc.marks, [(p.start, p.end) for p in doc.paragraphs])
        if mentions is None:
            mentions = find_mentions(doc.text, doc.sentences, doc.tokens)
        if tags is None:
            tags = tag(doc, spans=spans, mentions=mentions)
        n = len(doc.tokens)
        inside = [False] * n
        for span in spans:
            a, b = doc.token_range(span.start, span.end)
            for k in range(a, b):
                inside[k] = True
        lexicon = cue_lexicon()
        cue = [(not inside[k]) and (tags.labels[k].endswith("CUE") or (
            doc.tokens[k].kind == "word" and doc.folded[k] in lexicon)) for k in range(n)]
        cands = [Candidate(m.start, m.end, m.first, m.last, m.sentence, m.kind, m.category, m)
                 for m in mentions]
        covered = [False] * n
        for m in mentions:
            for k in range(m.first, m.last):
                covered[k] = True
        for a, b in tags.token_spans("SRC"):
            if not any(covered[a:b]):
                t0, t1 = doc.tokens[a], doc.tokens[b - 1]
                cands.append(Candidate(t0.start, t1.end, a, b, t0.sentence, "tagged", "other"))
        cands.sort(key=lambda c: (c.first, c.last))
        firsts: dict[int, int] = {}
        for c in cands:
            if not inside[c.first]:
                firsts.setdefault(c.sentence, c.first)
        return cls(doc, tuple(spans), tuple(mentions), tags, tuple(cands), tuple(inside),
                   tuple(cue), frozenset(firsts.values()))


def _bucket(n: int, top: int) -> str:
    return str(n) if n < top else f"{top}+"


def pair_features(ctx: Context, content: tuple[int, int], cand: Candidate) -> dict[str, float]:
    """Named features of one (content, candidate) pair (see module docs).

    ``content`` is a character span; the names are stable, as the shipped weights
    refer to them.
    """
    doc = ctx.doc
    a, b = doc.token_range(*content)
    b = max(b, a + 1)
    first_sent = doc.tokens[min(a, len(doc.tokens) - 1)].sentence
    last_sent = doc.tokens[min(b, len(doc.tokens)) - 1].sentence
    if cand.last <= a:
        side, gap = "before", range(cand.last, a)
        sent_dist = first_sent - cand.sentence
    elif cand.first >= b:
        side, gap = "after", range(b, cand.first)
        sent_dist = cand.sentence - last_sent
    else:
        side, gap = "inside", range(0)
        sent_dist = 0
    same_para = doc.sentence_paragraphs[cand.sentence] == doc.sentence_paragraphs[
        first_sent if side != "after" else last_sent]
    labels = ctx.tags.labels
    n_src = sum(labels[k].endswith("SRC") for k in range(cand.first, cand.last))
    cue_between = any(ctx.cue_token[k] for k in gap)
    tokens = doc.tokens
    before = cand.first - 1
    after = cand.last
    cue_before = 0 <= before < len(tokens) and ctx.cue_token[before]
    cue_after = after < len(tokens) and ctx.cue_token[after]
    # "X, 45, a lawyer, said": a cue after an apposition
    if not cue_after and after < len(tokens) and tokens[after].text == ",":
        k = after + 1
        while k < min(len(tokens), after + 8) and not ctx.cue_token[k] and \
                tokens[k].text not in ".;!?":
            k += 1
        cue_after = k < len(tokens) and ctx.cue_token[k] and tokens[k - 1].text == ","
    mentions_between = sum(1 for c in ctx.candidates if c is not cand and
                           ((side == "before" and cand.last <= c.first < a) or
                            (side == "after" and b <= c.first < cand.first)))
    dist = len(gap)
    f: dict[str, float] = {
        "bias": 1.0,
        f"kind={cand.kind}": 1.0,
        f"category={cand.category}": 1.0,
        f"side={side}": 1.0,
        f"side={side}&kind={cand.kind}": 1.0,
        f"sentences={side}:{_bucket(sent_dist, 3)}": 1.0,
        "log_distance": math.log1p(dist),
        f"mentions_between={_bucket(mentions_between, 3)}": 1.0,
        "tagged_source": n_src / max(cand.last - cand.first, 1),
        "same_paragraph": float(same_para),
        "cue_between": float(cue_between),
        f"cue_after_candidate&side={side}": float(cue_after),
        f"cue_before_candidate&side={side}": float(cue_before),
        "first_mention_of_sentence": float(cand.first in ctx.first_mention_of_sentence),
        "candidate_in_quote": float(ctx.inside_quote[cand.first]),
    }
    if cand.mention is not None and cand.mention.title:
        f["titled_name"] = 1.0
    if side == "before" and a > 0 and tokens[a - 1].text == ":":
        f["colon_before_content"] = 1.0
    return {k: v for k, v in f.items() if v}


def candidates_for(ctx: Context, content: tuple[int, int]) -> list[Candidate]:
    """The candidates in the window around ``content`` (nearest first, at most
    :data:`MAX_CANDIDATES`), excluding mentions inside the content itself."""
    doc = ctx.doc
    if not doc.tokens:
        return []
    a, b = doc.token_range(*content)
    a = min(a, len(doc.tokens) - 1)
    b = max(min(b, len(doc.tokens)), a + 1)
    first_sent, last_sent = doc.tokens[a].sentence, doc.tokens[b - 1].sentence
    lo_sent = max(0, first_sent - SENTENCES_BEFORE)
    hi_sent = min(len(doc.sentences) - 1, last_sent + SENTENCES_AFTER)
    para = doc.sentence_paragraphs[first_sent]
    lo_para, hi_para = para - 1, doc.sentence_paragraphs[last_sent]
    out = []
    for c in ctx.candidates:
        if not lo_sent <= c.sentence <= hi_sent:
            continue
        if not lo_para <= doc.sentence_paragraphs[c.sentence] <= hi_para:
            continue
        if c.first >= a and c.last <= b and ctx.inside_quote[c.first]:
            continue  # a name inside the quotation is what is said, not who says it
        out.append(c)
    out.sort(key=lambda c: min(abs(c.first - a), abs(c.first - b)))
    return out[:MAX_CANDIDATES]


@dataclass(frozen=True)
class Ranker:
    """Logistic-regression weights over named pair features."""

    weights: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        """Probability that the candidate is the source."""
        z = sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def explain(self, features: dict[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution to the score (weight x value), largest first."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in features.items()]
        return sorted(parts, key=lambda kv: -abs(kv[1]))

    def to_json(self) -> dict[str, Any]:
        return {"format": "analysis.ranker/1", "meta": self.meta,
                "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Ranker:
        if data.get("format") != "analysis.ranker/1":
            raise ValueError(f"not a ranker weights file (format {data.get('format')!r}); "
                             f"rebuild it with python -m analysis.quotes.train")
        return cls(dict(data["weights"]), dict(data.get("meta", {})))


@cache
def shipped_ranker() -> Ranker:
    """The ranker shipped in ``data/quotes/ranker.json`` (loaded once per process)."""
    path = DATA / "quotes" / "ranker.json"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; rebuild it with `python -m "
                                f"analysis.quotes.train /path/to/polnear-train`")
    return Ranker.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Ranked:
    """A scored candidate, with the features that scored it."""

    candidate: Candidate
    score: float
    features: dict[str, float]


def rank(ctx: Context, content: tuple[int, int], *, ranker: Ranker | None = None) -> list[Ranked]:
    """The candidates of ``content``, best first."""
    ranker = ranker or shipped_ranker()
    out = []
    for cand in candidates_for(ctx, content):
        feats = pair_features(ctx, content, cand)
        out.append(Ranked(cand, ranker.score(feats), feats))
    out.sort(key=lambda r: (-r.score, r.candidate.first))
    return out


def train_ranker(articles: Sequence[Any], tagger: Any, *, C: float = 1.0) -> Ranker:
    """Fit the ranker on gold (content, source) pairs of ``articles``.

    Every gold attribution with a content and a source gives one group: its
    candidates, labelled 1 when they overlap a piece of the gold source.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from analysis.text import build

    rows: list[dict[str, float]] = []
    ys: list[int] = []
    groups = 0
    for article in articles:
        doc = build(article.text)
        ctx = Context.of(doc, tags=tag(doc, crf=tagger))
        for attr in article.attributions:
            if not attr.content or not attr.source:
                continue
            content = (min(p.start for p in attr.content), max(p.end for p in attr.content))
            cands = candidates_for(ctx, content)
            if not cands:
                continue
            groups += 1
            for cand in cands:
                rows.append(pair_features(ctx, content, cand))
                ys.append(int(any(cand.start < p.end and p.start < cand.end
                                  for p in attr.source)))
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    model = LogisticRegression(C=C, max_iter=2000, fit_intercept=False)
    model.fit(X, ys)
    weights = {name: float(w) for name, w in zip(vec.feature_names_, model.coef_[0], strict=True)}
    meta = {"trained_on": "PolNeAR v1.0.0 training compartment, fit part (published up to "
                          "2016-06-30)", "groups": groups, "pairs": len(rows), "C": C}
    return Ranker(weights, meta)
