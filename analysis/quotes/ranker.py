"""Who said it: ranking the candidate speaker mentions of a quotation.

For every quotation or reported clause, the candidates are the speaker mentions
(:mod:`analysis.quotes.mentions`: names, descriptions, pronouns) and the source
spans of the tagger (:mod:`analysis.quotes.tagger`) in a window around it: its
own sentences, the two sentences before and the one after, never beyond the
previous paragraph.  Each (content, candidate) pair is described by named
features -- where the candidate stands, how far, whether a cue word joins them,
whether the tagger calls it a source, what kind of mention it is, what type of thing
it names (person, organisation, group, place, work, other:
:mod:`analysis.quotes.mention_types`), whether it is a possessor -- and a logistic
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

import bisect
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from analysis.paths import DATA
from analysis.quotes.mention_types import mention_types, speaker_features
from analysis.quotes.mentions import Mention, doc_columns, find_mentions
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


@dataclass(frozen=True, eq=False)
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
    types: tuple[dict[str, float], ...] = ()
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def candidate_firsts(self) -> list[int]:
        """First token of every candidate (sorted), for binary search."""
        return [c.first for c in self.candidates]

    @cached_property
    def _cue_prefix(self) -> list[int]:
        out = [0]
        for flag in self.cue_token:
            out.append(out[-1] + flag)
        return out

    def cue_count(self, a: int, b: int) -> int:
        """Cue tokens among tokens ``a..b``."""
        return self._cue_prefix[max(b, a)] - self._cue_prefix[a] if b > a else 0

    def candidates_between(self, a: int, b: int) -> int:
        """Candidates that start among tokens ``a..b``."""
        firsts = self.candidate_firsts
        return max(0, bisect.bisect_left(firsts, b) - bisect.bisect_left(firsts, a))

    @classmethod
    def of(cls, doc: TextDoc, *, spans: Sequence[QuoteSpan] | None = None,
           mentions: Sequence[Mention] | None = None, tags: Tags | None = None,
           exclude: Sequence[tuple[int, int]] = (),
           inside: Sequence[bool] | None = None) -> Context:
        """Build the context of ``doc``, reusing what the caller already has; no
        candidate starts inside an ``exclude`` span (datelines).  ``inside``: whether
        each token lies in one of ``spans`` (:attr:`analysis.quotes.document.QuoteDoc.
        inside`), when known."""
        from analysis.quotes.features import cue_lexicon

        if spans is None:
            spans = quote_spans(doc.text, doc.marks, [(p.start, p.end) for p in doc.paragraphs])
        if mentions is None:
            mentions = find_mentions(doc.text, doc.sentences, doc.tokens)
        if tags is None:
            tags = tag(doc, spans=spans, mentions=mentions)
        n = len(doc.tokens)
        if inside is None:
            inside = [False] * n
            for span in spans:
                a, b = doc.token_range(span.start, span.end)
                for k in range(a, b):
                    inside[k] = True
        lexicon = cue_lexicon()
        cue_labels = {label for label in set(tags.labels) if label.endswith("CUE")}
        cue = [(not ins) and (label in cue_labels or (kind == "word" and word in lexicon))
               for ins, label, kind, word in zip(inside, tags.labels, doc_columns(doc).kinds,
                                                 doc.folded, strict=True)]
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
        cands.extend(_relatives(doc, mentions, inside))
        if exclude:
            cands = [c for c in cands if not any(a <= c.start < b for a, b in exclude)]
        cands.sort(key=lambda c: (c.first, c.last))
        firsts: dict[int, int] = {}
        for c in cands:
            if not inside[c.first]:
                firsts.setdefault(c.sentence, c.first)
        types = tuple(mention_types(doc, cands))
        return cls(doc, tuple(spans), tuple(mentions), tags, tuple(cands), tuple(inside),
                   tuple(cue), frozenset(firsts.values()), types)

    @cached_property
    def type_of(self) -> dict[tuple[int, int, str], dict[str, float]]:
        """Type probabilities of each candidate (:mod:`analysis.quotes.mention_types`),
        by ``(first, last, kind)``."""
        return {(c.first, c.last, c.kind): t
                for c, t in zip(self.candidates, self.types, strict=True)}


#: Relative pronouns that can be the subject of a cue: "Weaver, who said ...".
RELATIVES = ("who", "which")


def _relatives(doc: TextDoc, mentions: Sequence[Mention],
               inside: Sequence[bool]) -> list[Candidate]:
    """A relative pronoun right after a mention (and its comma) as a candidate speaker:
    it is the subject of the cue that follows (``Weaver, who said …``).  Its mention is
    a ``relative`` mention whose ``lead`` is the first token of its antecedent, so that
    it resolves to the antecedent's entity."""
    ending = {m.last: m for m in mentions}
    out = []
    for k, w in enumerate(doc.folded):
        if w not in RELATIVES or inside[k]:
            continue
        j = k - 1 if k > 0 and doc.tokens[k - 1].text == "," else k
        antecedent = ending.get(j)
        if antecedent is None:
            continue
        t = doc.tokens[k]
        mention = Mention(t.start, t.end, t.text, "relative", k, k + 1, t.sentence,
                          category=antecedent.category, lead=antecedent.first,
                          gender=antecedent.gender)
        out.append(Candidate(t.start, t.end, k, k + 1, t.sentence, "relative",
                             antecedent.category, mention))
    return out


def _bucket(n: int, top: int) -> str:
    return str(n) if n < top else f"{top}+"


@cache
def _side_names(side: str, kind: str) -> tuple[str, str, str, str]:
    """The names of the features that depend on a pair's side (and the candidate's kind)."""
    return (f"side={side}", f"side={side}&kind={kind}", f"cue_after_candidate&side={side}",
            f"cue_before_candidate&side={side}")


@cache
def _sentence_name(side: str, dist: int) -> str:
    return f"sentences={side}:{_bucket(dist, 3)}"


@cache
def _between_name(between: int) -> str:
    return f"mentions_between={_bucket(between, 3)}"


def _static(ctx: Context, cand: Candidate) -> tuple:
    """What a candidate brings to every pair, whatever the content (computed once)."""
    key = (cand.first, cand.last, cand.kind)
    found = ctx.cache.get(key)
    if found is not None:
        return found
    doc = ctx.doc
    tokens = doc.tokens
    labels = ctx.tags.labels
    n_src = sum(labels[k].endswith("SRC") for k in range(cand.first, cand.last))
    before, after = cand.first - 1, cand.last
    cue_before = 0 <= before < len(tokens) and ctx.cue_token[before]
    cue_after = after < len(tokens) and ctx.cue_token[after]
    # "X, 45, a lawyer, said": a cue after an apposition
    if not cue_after and after < len(tokens) and tokens[after].text == ",":
        k = after + 1
        while k < min(len(tokens), after + 8) and not ctx.cue_token[k] and \
                tokens[k].text not in ".;!?":
            k += 1
        cue_after = k < len(tokens) and ctx.cue_token[k] and tokens[k - 1].text == ","
    base: dict[str, float] = {
        f"kind={cand.kind}": 1.0,
        f"category={cand.category}": 1.0,
        "tagged_source": n_src / max(cand.last - cand.first, 1),
        f"cue_after_candidate&kind={cand.kind}": float(cue_after),
        "first_mention_of_sentence": float(cand.first in ctx.first_mention_of_sentence),
        "candidate_in_quote": float(ctx.inside_quote[cand.first]),
    }
    if cand.mention is not None and cand.mention.title:
        base["titled_name"] = 1.0
    types = ctx.type_of.get(key) if ctx.types else None
    if types is not None:
        base.update(speaker_features(types))
    # "Oxfam's Barbara Stocking said": a possessor names whom the speaker works for
    if after < len(tokens) and (tokens[after].kind == "clitic" or (
            tokens[after].kind == "apostrophe" and
            tokens[after - 1].text.lower().endswith("s"))):
        base["possessor"] = 1.0
    # lexical evidence about the mention itself: its head word and the word before it
    # ("on Tuesday", "in Paris", "the statement" are rarely sources); only words seen
    # often enough in training carry a weight
    base[f"head={doc.folded[cand.last - 1]}"] = 1.0
    base[f"word_before={doc.folded[before] if before >= 0 else '<start>'}"] = 1.0
    found = ({k: v for k, v in base.items() if v}, cue_before, cue_after, n_src > 0)
    ctx.cache[key] = found
    return found


def _pair_items(ctx: Context, a: int, b: int, first_sent: int, last_sent: int,
                cand: Candidate, rule_span: tuple[int, int] | None
                ) -> tuple[dict[str, float], list[tuple[str, float]], str, bool, bool]:
    """The candidate's static features (shared, not to be changed), the features of the
    pair in the order :func:`pair_features` adds them, the candidate's side, whether a
    cue word stands next to it and whether the tagger calls it a source."""
    tokens = ctx.doc.tokens
    if cand.last <= a:
        side, gap_lo, gap_hi = "before", cand.last, a
        sent_dist = first_sent - cand.sentence
    elif cand.first >= b:
        side, gap_lo, gap_hi = "after", b, cand.first
        sent_dist = cand.sentence - last_sent
    else:
        side, gap_lo, gap_hi = "inside", 0, 0
        sent_dist = 0
    found = ctx.cache.get((cand.first, cand.last, cand.kind))
    static, cue_before, cue_after, has_src = found if found is not None else _static(ctx, cand)
    paragraphs = ctx.doc.sentence_paragraphs
    same_para = paragraphs[cand.sentence] == paragraphs[first_sent if side != "after"
                                                          else last_sent]
    # "…,” said X" / "…’ he remarked" / "CLAUSE, she said": right after the content
    k = cand.first - 1
    cue_token = ctx.cue_token
    if k >= 0 and cue_token[k]:
        k -= 1
    while k >= b and tokens[k].text in _DASHES:
        k -= 1
    after_close = side == "after" and k == b - 1
    if side != "inside":
        firsts = ctx.candidate_firsts
        between = max(0, bisect.bisect_left(firsts, gap_hi) - bisect.bisect_left(firsts, gap_lo))
    else:
        between = 0  # = ctx.candidates_between(gap_lo, gap_hi), inlined
    side_name, side_kind, cue_after_name, cue_before_name = _side_names(side, cand.kind)
    items = [(side_name, 1.0), (side_kind, 1.0),
             (_sentence_name(side, min(sent_dist, 3)), 1.0)]
    if gap_hi > gap_lo:
        items.append(("log_distance", math.log1p(gap_hi - gap_lo)))
    items.append((_between_name(min(between, 3)), 1.0))
    if same_para:
        items.append(("same_paragraph", 1.0))
    prefix = ctx._cue_prefix
    if gap_hi > gap_lo and prefix[gap_hi] > prefix[gap_lo]:
        items.append(("cue_between", 1.0))  # ctx.cue_count(gap_lo, gap_hi) > 0
    if cue_after:
        items.append((cue_after_name, 1.0))
    if cue_before:
        items.append((cue_before_name, 1.0))
    if after_close:
        items.append(("right_after_content", 1.0))
    if rule_span is not None and cand.start < rule_span[1] and rule_span[0] < cand.end:
        items.append(("rules_agree", 1.0))
    if side == "before" and a > 0 and tokens[a - 1].text == ":":
        items.append(("colon_before_content", 1.0))
    return static, items, side, cue_before or cue_after, has_src


_DASHES = frozenset((",", "—", "–", "-"))


def _pair(ctx: Context, a: int, b: int, first_sent: int, last_sent: int, cand: Candidate,
          rule_span: tuple[int, int] | None) -> tuple[dict[str, float], str, bool, bool]:
    """:func:`pair_features` for token range ``a..b`` of the content, with the candidate's
    side, whether a cue word stands next to it and whether the tagger calls it a source."""
    static, items, side, next_to_cue, has_src = _pair_items(ctx, a, b, first_sent, last_sent,
                                                            cand, rule_span)
    f = dict(static)
    f.update(items)
    return f, side, next_to_cue, has_src


def _content_range(ctx: Context, content: tuple[int, int]) -> tuple[int, int, int, int]:
    tokens = ctx.doc.tokens
    a, b = ctx.doc.token_range(*content)
    b = max(b, a + 1)
    first_sent = tokens[min(a, len(tokens) - 1)].sentence
    last_sent = tokens[min(b, len(tokens)) - 1].sentence
    return a, b, first_sent, last_sent


def pair_features(ctx: Context, content: tuple[int, int], cand: Candidate,
                  rule_span: tuple[int, int] | None = None) -> dict[str, float]:
    """Named features of one (content, candidate) pair (see module docs).

    ``content`` is a character span; ``rule_span`` the speaker mention the rules of
    :mod:`analysis.quotes.extract` chose for it, if any (agreeing with the rules is
    one piece of evidence among others).  The names are stable, as the shipped
    weights refer to them.  :func:`group_features` adds the features that compare a
    candidate with the others of its content.
    """
    return _pair(ctx, *_content_range(ctx, content), cand, rule_span)[0]


def group_features(ctx: Context, content: tuple[int, int], cands: Sequence[Candidate],
                   rule_span: tuple[int, int] | None = None) -> list[dict[str, float]]:
    """:func:`pair_features` of every candidate of ``content``, plus features that
    compare it with the others: is it the nearest candidate on its side, the nearest
    the tagger calls a source, the nearest next to a cue word."""
    a, b, first_sent, last_sent = _content_range(ctx, content)
    pairs = [_pair(ctx, a, b, first_sent, last_sent, c, rule_span) for c in cands]
    feats = [p[0] for p in pairs]
    for flag, i in _nearest(a, b, cands, [(side, near, src) for _, side, near, src in pairs]):
        feats[i][flag] = 1.0
    return feats


def _nearest(a: int, b: int, cands: Sequence[Candidate],
             pairs: Sequence[tuple[str, bool, bool]]) -> list[tuple[str, int]]:
    """The flags of :func:`group_features` and the candidate each goes to, in the order
    they are set."""
    best: dict[str, tuple[int, int]] = {}
    for i, (c, (side, next_to_cue, has_src)) in enumerate(zip(cands, pairs, strict=True)):
        dist = a - c.last if c.last <= a else c.first - b if c.first >= b else 0
        if side != "inside":
            flag = "nearest_" + side
            if flag not in best or (dist, i) < best[flag]:
                best[flag] = (dist, i)
        if has_src and ("nearest_tagged_source" not in best
                        or (dist, i) < best["nearest_tagged_source"]):
            best["nearest_tagged_source"] = (dist, i)
        if next_to_cue and ("nearest_next_to_cue" not in best
                            or (dist, i) < best["nearest_next_to_cue"]):
            best["nearest_next_to_cue"] = (dist, i)
    return [(flag, i) for flag, (_, i) in best.items()]


def candidates_for(ctx: Context, content: tuple[int, int]) -> list[Candidate]:
    """The candidates in the window around ``content`` (nearest first, at most
    :data:`MAX_CANDIDATES`), excluding mentions inside the content's quotation."""
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
    lo = bisect.bisect_left(ctx.candidate_firsts, doc.sentence_tokens[lo_sent][0])
    hi = bisect.bisect_left(ctx.candidate_firsts, doc.sentence_tokens[hi_sent][1])
    out = []
    for c in ctx.candidates[lo:hi]:
        if not lo_para <= doc.sentence_paragraphs[c.sentence] <= hi_para:
            continue
        if c.first >= a and c.last <= b and ctx.inside_quote[c.first]:
            continue  # a name inside the quotation is what is said, not who says it
        out.append(c)
    if len(out) > MAX_CANDIDATES:
        # ``out`` is in text order, so the nearest lie just before ``a``, inside the
        # content and just after ``b``: keep MAX_CANDIDATES on each side (and any that
        # share the first token of the last one kept); every candidate dropped has that
        # many strictly nearer on its side, so the sorted top is unchanged, and a quote
        # in a huge sentence no longer sorts every candidate of the sentence
        lo = max(0, bisect.bisect_left(out, a, key=_first) - MAX_CANDIDATES)
        while lo > 0 and out[lo - 1].first == out[lo].first:
            lo -= 1
        hi = min(len(out), bisect.bisect_left(out, b, key=_first) + MAX_CANDIDATES)
        while hi < len(out) and out[hi].first == out[hi - 1].first:
            hi += 1
        out = out[lo:hi]
    out.sort(key=lambda c: (min(abs(c.first - a), abs(c.first - b)), c.first))
    return out[:MAX_CANDIDATES]


def _first(c: Candidate) -> int:
    return c.first


@dataclass(frozen=True)
class Ranker:
    """Logistic-regression weights over named pair features."""

    weights: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)

    def score(self, features: dict[str, float]) -> float:
        """The linear score of a candidate (higher is more likely the source): the sum of
        weight x value over its features, added in their order."""
        return self.add(0.0, features.items())

    def add(self, total: float, items: Iterable[tuple[str, float]]) -> float:
        """``total`` plus weight x value of each feature of ``items``, added in order (so
        a score can be summed in parts: the same float as summing it whole)."""
        get = self.weights.get
        for k, v in items:
            total += get(k, 0.0) * v
        return total

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


class Ranked:
    """A candidate with its probability among the content's candidates and its features
    (a dict made when first read: the engine reads the best candidate's only)."""

    __slots__ = ("_features", "_parts", "candidate", "score")

    def __init__(self, candidate: Candidate, score: float,
                 features: dict[str, float] | None = None, *,
                 parts: tuple[dict[str, float], list[tuple[str, float]],
                              list[tuple[str, float]]] | None = None) -> None:
        self.candidate = candidate
        self.score = score
        self._features = features
        self._parts = parts

    @property
    def features(self) -> dict[str, float]:
        if self._features is None:
            static, items, flags = self._parts  # type: ignore[misc]
            f = dict(static)
            f.update(items)
            f.update(flags)
            self._features, self._parts = f, None
        return self._features

    def __repr__(self) -> str:
        return f"Ranked(candidate={self.candidate!r}, score={self.score!r})"


def _static_sum(ctx: Context, ranker: Ranker, cand: Candidate, static: dict[str, float]
                ) -> float:
    """The candidate's static features' part of its score (once per candidate and ranker)."""
    key = (cand.first, cand.last, cand.kind, "sum", id(ranker))
    total = ctx.cache.get(key)
    if total is None:
        total = ctx.cache[key] = ranker.add(0.0, static.items())
        ctx.cache[(*key, "ranker")] = ranker  # held: its id is not reused meanwhile
    return total


def rank(ctx: Context, content: tuple[int, int], *, rule_span: tuple[int, int] | None = None,
         ranker: Ranker | None = None) -> list[Ranked]:
    """The candidates of ``content``, best first, each with its probability among
    them (a softmax of the linear scores) and its features.

    The scores are those of :meth:`Ranker.score` on :func:`group_features`: summed in
    parts -- the candidate's static features once, then the pair's, then the flags --
    in the same order, so the same floats."""
    ranker = ranker or shipped_ranker()
    cands = candidates_for(ctx, content)
    a, b, first_sent, last_sent = _content_range(ctx, content)
    pairs = [_pair_items(ctx, a, b, first_sent, last_sent, c, rule_span) for c in cands]
    flags: list[list[tuple[str, float]]] = [[] for _ in cands]
    for flag, i in _nearest(a, b, cands, [(side, near, src) for _, _, side, near, src in pairs]):
        flags[i].append((flag, 1.0))
    scores = []
    for c, (static, items, _, _, _), extra in zip(cands, pairs, flags, strict=True):
        # a flag (set last) never repeats a static or pair feature: it is added last
        total = ranker.add(_static_sum(ctx, ranker, c, static), items)
        scores.append(ranker.add(total, extra) if extra else total)
    top = max(scores, default=0.0)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps) or 1.0
    out = [Ranked(c, e / total, parts=(p[0], p[1], x))
           for c, e, p, x in zip(cands, exps, pairs, flags, strict=True)]
    out.sort(key=lambda r: (-r.score, r.candidate.first))
    return out


#: Prefixes of lexical features, kept only when seen in at least ``min_count`` training pairs.
_LEXICAL = ("head=", "word_before=")


def _training_contents(attr: Any, spans: Sequence[QuoteSpan]) -> list[tuple[int, int]]:
    """The contents a gold attribution gives the ranker, as the engine will see them:
    each quotation inside a quoted content, else the content's extent."""
    lo, hi = min(p.start for p in attr.content), max(p.end for p in attr.content)
    quoted = [(s.start, s.end) for s in spans
              if any(p.start <= s.start and s.end <= p.end + 1 for p in attr.content)]
    return quoted or [(lo, hi)]


def train_ranker(articles: Sequence[Any], taggers: Any, *, C: float = 1.0,
                 min_count: int = 40) -> Ranker:
    """Fit the ranker on gold (content, source) pairs of ``articles``.

    Every gold attribution with a content and a source gives groups (one per
    quotation it holds, else its whole content): the candidates of the content,
    right when they overlap a piece of the gold source.  The model is a logistic
    regression on the feature differences of (right, wrong) candidate pairs of a
    group (a pairwise ranking loss), so it learns which candidate of a group wins
    rather than whether a mention is a source anywhere.

    ``taggers`` maps an article id to the tagger to use for it, or is one tagger for
    all.  The tagger must not have been fitted on that article (cross-fitting):
    a tagger is nearly always right on its own training text, and a ranker fitted on
    such tags would trust them more than they deserve on new text.
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from analysis.quotes.document import QuoteDoc
    from analysis.quotes.extract import rule_quotes
    from analysis.text import build

    rows: list[dict[str, float]] = []
    ys: list[int] = []
    groups = 0
    for article in articles:
        tagger = taggers[article.id] if isinstance(taggers, dict) else taggers
        doc = build(article.text)
        d = QuoteDoc(doc)
        raw = rule_quotes(d)
        ctx = Context.of(doc, spans=d.spans, mentions=d.mentions,
                         tags=tag(doc, crf=tagger, spans=d.spans, mentions=d.all_mentions),
                         exclude=d.datelines)
        for attr in article.attributions:
            if not attr.content or not attr.source:
                continue
            for content in _training_contents(attr, d.spans):
                cands = candidates_for(ctx, content)
                if not cands:
                    continue
                groups += 1
                rule_span = _rule_span(raw, content)
                feats = group_features(ctx, content, cands, rule_span)
                gold = [any(c.start < p.end and p.start < c.end for p in attr.source) for c in cands]
                pos = [f for f, g in zip(feats, gold, strict=True) if g]
                neg = [f for f, g in zip(feats, gold, strict=True) if not g]
                for fp in pos:
                    for fn in neg:
                        diff = {k: fp.get(k, 0.0) - fn.get(k, 0.0) for k in fp.keys() | fn.keys()}
                        diff = {k: v for k, v in diff.items() if v}
                        rows.append(diff)
                        ys.append(1)
                        rows.append({k: -v for k, v in diff.items()})
                        ys.append(0)
    counts: dict[str, int] = {}
    for row in rows:
        for k in row:
            if k.startswith(_LEXICAL):
                counts[k] = counts.get(k, 0) + 1
    rare = {k for k, n in counts.items() if n < min_count}
    rows = [{k: v for k, v in row.items() if k not in rare} for row in rows]
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    model = LogisticRegression(C=C, max_iter=2000, fit_intercept=False)
    model.fit(X, ys)
    weights = {name: float(w) for name, w in zip(vec.feature_names_, model.coef_[0], strict=True)}
    meta = {"trained_on": "PolNeAR v1.0.0 training compartment, fit part (published up to "
                          "2016-06-30)", "groups": groups, "pairs": len(rows) // 2, "C": C,
            "min_count": min_count}
    return Ranker(weights, meta)


def _rule_span(raw: Sequence[Any], content: tuple[int, int]) -> tuple[int, int] | None:
    """The speaker mention of the rule quote that overlaps ``content`` most, if any."""
    best, best_overlap = None, 0
    for r in raw:
        shared = min(r.end, content[1]) - max(r.start, content[0])
        if shared > best_overlap and r.mention is not None:
            best, best_overlap = (r.mention.start, r.mention.end), shared
    return best
