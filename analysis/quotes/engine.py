"""The quote engine: rules where they are exact, learned models where data taught them.

For one document (its model, :mod:`analysis.text`):

1. **Quotations** — quotation marks paired by rule (:mod:`analysis.quotes.spans`);
   a learned classifier (:mod:`analysis.quotes.reported`) keeps the spans that hold
   someone's words, not titles or scare quotes; each is ``direct`` or ``partial`` by
   rule (:mod:`analysis.quotes.extract`).
2. **Tagging** — the CRF tagger (:mod:`analysis.quotes.tagger`) labels every token
   as source, cue, content or none.
3. **Indirect speech** — the tagger's content spans outside quotation marks (a
   content that frames a quotation, ``said the plan was “a disaster”``, is reported
   as indirect speech holding a partial quote).  Where
   a rule also finds the clause (``X said that …``) the rule is recorded beside the
   tagger and its speaker is one piece of the ranker's evidence; a clause that only
   a rule finds is not reported (on the validation news its precision was 0.19–0.29).
   Evidence is required: a content with no cue within :data:`CUE_WINDOW` tokens is
   not reported, and in the speech scheme (the default) only contents with a speech
   cue that read as a clause are (:mod:`analysis.quotes.cues`).
4. **Speakers** — for each content, the candidate mentions around it are ranked by
   the learned ranker (:mod:`analysis.quotes.ranker`), whose features include
   whether the rules chose the same mention.  A partial quote inside reported speech
   takes the speaker of that report.
5. **Resolution** — mentions to entities (:mod:`analysis.quotes.extract`): names
   to the fullest form, pronouns and descriptions to the person they refer to.

Every :class:`~analysis.quotes.extract.Quote` records ``rule`` (what found the
content) and ``speaker_rule`` (what chose the speaker); :func:`explain` shows the
evidence for any quote.

Examples
--------
>>> quotes, speakers = analyse_quotes("“We will win,” Mayor Ana Ruiz said on Monday.")
>>> [(q.kind, q.speaker, q.rule, q.speaker_rule) for q in quotes]
[('direct', 'Ana Ruiz', 'marks', 'ranker')]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from analysis.quotes.assemble import make_quote, speakers_of
from analysis.quotes.clauses import clause_features, shipped_clauses
from analysis.quotes.confidence import (
    Confidence,
    quote_evidence,
    shipped_confidence,
    speaker_evidence,
)
from analysis.quotes.crf import CRF
from analysis.quotes.cues import SCHEMES, is_clause_content
from analysis.quotes.document import QuoteDoc
from analysis.quotes.extract import rule_quotes
from analysis.quotes.kinds import kind_of
from analysis.quotes.mentions import PERSON, Mention
from analysis.quotes.ranker import Context, Ranked, Ranker, rank
from analysis.quotes.records import Draft, Quote, Speaker
from analysis.quotes.reported import THRESHOLD as REPORTED_THRESHOLD
from analysis.quotes.reported import QuoteClassifier, shipped_classifier, span_features
from analysis.quotes.resolve import resolve_speakers
from analysis.quotes.tagger import Tags, indirect_spans, tag, tag_documents
from analysis.text import TextDoc, build

__all__ = ["SHIPPED", "Analysis", "Explanation", "Models", "analyse_documents", "analyse_many",
           "analyse_quotes", "check_scheme", "explain", "is_speech", "quotes_with_evidence",
           "reads_as_clause"]

#: Rules whose clauses are reported even where the tagger finds no content (chosen on
#: the fit articles: their precision there stays high without the tagger).
RULES_ALONE: frozenset[str] = frozenset({"according_to", "that_clause", "final_cue", "adding_that"})


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


class _Intervals:
    """Spans sorted by start, to find the first one overlapping a query in O(log n).

    Examples
    --------
    >>> ix = _Intervals([(0, 5), (3, 20), (30, 40)])
    >>> ix.first_overlap(6, 10), ix.first_overlap(21, 29), ix.first_overlap(4, 31)
    (1, None, 0)
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]
        self.reach: list[int] = []  # the furthest end among the first k + 1 spans
        for _, b in self.spans:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def first_overlap(self, a: int, b: int) -> int | None:
        """Index (in start order) of the first span sharing a character with [a, b)."""
        k = bisect.bisect_right(self.reach, a)  # first span whose reach passes a ...
        if k < len(self.spans) and self.starts[k] < b:  # ... its own end does; starts before b
            return k
        return None


def _speaker_evidence(ranked: Sequence[Ranked], r: Draft) -> Ranked:
    """The ranker's best candidate; when the typer (:mod:`analysis.quotes.mention_types`)
    finds it more likely a place, a work or a thing than a speaker, the evidence
    records why it stands: a cue next to it (metonymy: ``Washington said``) or the
    ranker's weighing of every feature.  (Vetoing such candidates outright was tried
    on the fit articles of PolNeAR: speaker accuracy fell from 0.965 to 0.956 at a
    0.5 threshold and to 0.962 at 0.9 -- the typer is not sure enough to overrule.)"""
    best = ranked[0]
    can_speak = best.features.get("type_can_speak", 1.0)
    if can_speak < 0.5:
        next_to_cue = any(k.startswith(("cue_after_candidate", "cue_before_candidate")) and v
                          for k, v in best.features.items())
        r.evidence["speaker_type"] = (
            f"typed as not a speaker (p {can_speak:.2f}); "
            + ("metonymy: a cue next to it" if next_to_cue else "kept by the ranker"))
    return best


def _as_mention(ranked: Ranked) -> Mention:
    cand = ranked.candidate
    if cand.mention is not None:
        return cand.mention
    return Mention(cand.start, cand.end, "", "tagged", cand.first, cand.last, cand.sentence)


#: How far (tokens) from a content its cue is looked for, on each side, in its sentences.
CUE_WINDOW = 40


def _cue_token(d: QuoteDoc, tags: Tags, start: int, end: int) -> int | None:
    """The cue token nearest to a content, within :data:`CUE_WINDOW` tokens of it in its
    sentences: a tagged cue, else a cue word."""
    a, b = d.tok_range(start, end)
    if not d.toks:
        return None
    first = d.toks[min(a, len(d.toks) - 1)].sentence
    last = d.toks[min(max(b, a + 1), len(d.toks)) - 1].sentence
    lo, hi = d.sent_tok[first][0], d.sent_tok[last][1]

    def is_cue(k: int) -> bool:
        return (tags.labels[k].endswith("CUE") and d.toks[k].kind == "word") or d.cues[k]

    if lo <= b < hi and is_cue(b):  # right after the content: distance 0
        return b
    for dist in range(1, CUE_WINDOW + 1):  # nearest first; before wins a tie
        if lo <= a - dist < hi and is_cue(a - dist):
            return a - dist
        if lo <= b + dist < hi and is_cue(b + dist):
            return b + dist
    return None


def _outside(spans: list[tuple[int, int]], directs: list[tuple[int, int]],
             d: QuoteDoc) -> list[tuple[int, int, int | None]]:
    """The parts of content spans outside direct quotations that keep three words: a
    reported clause does not run into a quotation that stands as a sentence.

    Each part is ``(start, end, cue)``: a content that opens with a participle cue
    (``Signaling it might reject talks``) starts after it and has it as its cue; a
    leading *that* (and commas) is left out (the reported clause starts after it)."""
    out = []
    directs = sorted(directs)
    direct_starts = [a for a, _ in directs]
    for start, end in spans:
        pieces = [(start, end)]
        # the direct quotations that overlap [start, end): they start before its end
        # and (quotations do not overlap) at most one starts before its start
        k = max(0, bisect.bisect_left(direct_starts, start) - 1)
        while k < len(directs) and directs[k][0] < end:
            a, b = directs[k]
            if start < b:
                pieces = [p for s, e in pieces for p in ((s, min(e, a)), (max(s, b), e))
                          if p[1] > p[0]]
            k += 1
        for s, e in pieces:
            lo, hi = d.tok_range(s, e)
            cue = None
            if hi - lo > 1 and d.cues[lo] and d.toks[lo].text.lower().endswith("ing"):
                cue, lo = lo, lo + 1
            while hi - lo > 1 and (d.toks[lo].text.lower() == "that" or d.toks[lo].text == ","):
                lo += 1
            words = [t for t in d.toks[lo:hi] if t.kind in ("word", "number")]
            if len(words) >= 3:
                while hi > lo and d.toks[hi - 1].kind in ("punct", "quote") and \
                        d.toks[hi - 1].text not in ("”", "’", '"', "'"):
                    hi -= 1
                out.append((d.toks[lo].start, d.toks[hi - 1].end, cue))
    return out


@dataclass(frozen=True)
class Models:
    """The learned parts the engine uses; ``None`` stands for the shipped one.  Training
    passes models that did not see an article (cross-fitting), to measure the engine
    on its own training articles as on new text."""

    tagger: CRF | None = None
    ranker: Ranker | None = None
    classifier: QuoteClassifier | None = None
    confidence: Confidence | None = None


SHIPPED = Models()


def _analyse(model: TextDoc, d: QuoteDoc | None = None, tags: Tags | None = None,
             keep: int = 0, models: Models = SHIPPED
             ) -> tuple[QuoteDoc, list[Draft], Context, dict[int, list[Ranked]]]:
    """The quotes of ``model`` before resolution; with ``keep`` > 0 also the best
    ``keep`` ranked candidates of each (for :func:`explain`; not kept otherwise, as
    they hold every candidate's features: hundreds of MB on a quote-dense document)."""
    d = d or QuoteDoc(model)
    rules = rule_quotes(d)
    tags = tags or tag(model, crf=models.tagger, spans=d.spans, mentions=d.all_mentions)
    ctx = Context.of(model, spans=d.spans, mentions=d.mentions, tags=tags, exclude=d.datelines,
                     inside=d.inside)
    quoted = {(r.start, r.end): r for r in rules if r.kind != "indirect"}
    classifier = models.classifier or shipped_classifier()
    raw: list[Draft] = []
    for span in d.spans:
        if span.end - span.start < 3:
            continue
        p_reported = classifier.probability(span_features(d, tags, span))
        if p_reported < REPORTED_THRESHOLD:
            continue
        r = quoted.get((span.start, span.end))
        if r is None:
            kind = kind_of(d, span)
            r = Draft(span.start, span.end, "partial" if kind == "title" else kind, None, None,
                      span.closed, "marks", None)
        r.evidence["p_reported"] = p_reported
        raw.append(r)
    rule_indirect = sorted((r for r in rules if r.kind == "indirect"),
                           key=lambda r: (r.start, r.end))
    rule_index = _Intervals([(r.start, r.end) for r in rule_indirect])
    used: set[int] = set()
    directs = [(q.start, q.end) for q in raw if q.kind == "direct"]
    for start, end, cue in _outside(indirect_spans(tags, inside=d.inside), directs, d):
        match = rule_index.first_overlap(start, end)
        if match is not None:
            used.add(match)
            r = rule_indirect[match]
            raw.append(Draft(start, end, "indirect", r.mention, r.cue if cue is None else cue,
                            True, f"tagger+{r.rule}", r.speaker_rule))
        else:
            raw.append(Draft(start, end, "indirect", None, cue, True, "tagger", None))
    found = _Intervals([(q.start, q.end) for q in raw])
    last_end = -1  # the end of the last clause added here (they come in text order)
    for i, r in enumerate(rule_indirect):
        if i in used or r.rule not in RULES_ALONE or r.start < last_end or \
                found.first_overlap(r.start, r.end) is not None:
            continue
        raw.append(r)
        last_end = max(last_end, r.end)
    raw.sort(key=lambda r: (r.start, r.end))
    rankings: dict[int, list[Ranked]] = {}
    for n, r in enumerate(raw):
        rule_span = (r.mention.start, r.mention.end) if r.mention is not None else None
        ranked = rank(ctx, (r.start, r.end), rule_span=rule_span, ranker=models.ranker)
        if keep:
            rankings[n] = ranked[:keep]
        if ranked:
            best = _speaker_evidence(ranked, r)
            if r.mention is None or best.candidate.start != r.mention.start:
                r.mention = _as_mention(best)
            r.speaker_rule = "ranker"
            r.evidence.update(
                ranker_p=best.score, n_candidates=len(ranked),
                margin=best.score - (ranked[1].score if len(ranked) > 1 else 0.0),
                mention_kind=best.candidate.kind,
                can_speak=best.features.get("type_can_speak", 0.0),
                rules_agree=best.features.get("rules_agree", 0.0))
        if r.cue is None:
            r.cue = _cue_token(d, tags, r.start, r.end)
    # evidence required: a report with no cue near it is no attribution
    kept = [n for n, r in enumerate(raw) if r.kind != "indirect" or r.cue is not None]
    raw = [raw[n] for n in kept]
    rankings = {new: rankings[old] for new, old in enumerate(kept) if old in rankings}
    # a partial quote inside reported speech is part of that report: one speaker for both
    # (said the plan was “a disaster”); on the fit articles this raised speaker accuracy
    frames = sorted((r for r in raw if r.kind == "indirect" and r.mention is not None),
                    key=lambda r: (r.start, -r.end))
    frame_starts = [h.start for h in frames]
    for r in raw:
        if r.kind == "partial":
            # the frame that starts last at or before the quote (frames rarely nest)
            k = bisect.bisect_right(frame_starts, r.start) - 1
            host = frames[k] if k >= 0 and r.end <= frames[k].end else None
            if host is not None:
                r.mention, r.cue = host.mention, host.cue
                r.evidence.update({k: v for k, v in host.evidence.items()
                                   if k not in ("p_reported", "clause")})
    return d, raw, ctx, rankings


def analyse_quotes(doc: TextDoc | str, *,
                   attributions: str = "speech") -> tuple[list[Quote], list[Speaker]]:
    """Quotes and speakers of one text (see module docs).

    Parameters
    ----------
    doc : TextDoc or str
        The document model (:func:`analysis.text.build`), or a text to build it from.
    attributions : {"speech", "all"}
        What to report (:data:`analysis.quotes.cues.SCHEMES`): quotations and indirect
        speech (the default), or every attribution found, beliefs and intentions
        included (PolNeAR's scheme).

    Returns
    -------
    quotes : list of Quote
        In text order.
    speakers : list of Speaker
        One per quoted entity, most quoted first.
    """
    return analyse_documents([build(doc) if isinstance(doc, str) else doc],
                             attributions=attributions)[0]


def analyse_documents(models: Sequence[TextDoc], *, attributions: str = "speech"
                      ) -> list[tuple[list[Quote], list[Speaker]]]:
    """:func:`analyse_quotes` for several documents: the same results, with the tagger
    run on all of them at once (:func:`analysis.quotes.tagger.tag_documents`), which
    is what makes the engine fast on a corpus.

    Examples
    --------
    >>> from analysis.text import build
    >>> results = analyse_documents([build("“Yes,” she said."), build("No quotes here.")])
    >>> [len(quotes) for quotes, _ in results]
    [1, 0]
    """
    return [(a.quotes, a.speakers) for a in analyse_many(models, attributions=attributions)]


@dataclass(frozen=True)
class Analysis:
    """What the engine finds in one document: its quotes, its speakers, and every
    mention of a person with the canonical name it resolves to (``persons``:
    ``(start, end, name)``, quoted or not; what portrayal reads)."""

    quotes: list[Quote]
    speakers: list[Speaker]
    persons: list[tuple[int, int, str]]


def analyse_many(models: Sequence[TextDoc], *, attributions: str = "speech",
                 parts: Models = SHIPPED) -> list[Analysis]:
    """The engine on several documents at once (see :func:`analyse_documents`), with the
    person mentions of each.  ``attributions``: see :func:`analyse_quotes`; ``parts``:
    the learned models to use (:class:`Models`; the shipped ones by default).

    Examples
    --------
    >>> from analysis.text import build
    >>> a = analyse_many([build("Mayor Ana Ruiz spoke. “We will win,” she said.")])[0]
    >>> [name for _, _, name in a.persons]
    ['Ana Ruiz', 'Ana Ruiz']
    """
    return [Analysis(quotes, speakers, persons) for quotes, _, speakers, persons
            in _documents(models, attributions, parts)]


def _documents(models: Sequence[TextDoc], attributions: str, parts: Models):
    """Per document: its quotes, the evidence behind each, speakers and persons."""
    check_scheme(attributions)
    confidence = parts.confidence if parts.confidence is not None else shipped_confidence()
    ds = [QuoteDoc(model) for model in models]
    all_tags = tag_documents(models, crf=parts.tagger, spans=[d.spans for d in ds],
                             mentions=[d.all_mentions for d in ds])
    out = []
    for model, d, tags in zip(models, ds, all_tags, strict=True):
        d, raw, _, _ = _analyse(model, d, tags, models=parts)
        resolved = resolve_speakers(d, raw)
        quotes = [_confident(make_quote(d, r, resolved), r, d, confidence) for r in raw]
        evidence = [r.evidence for r in raw]
        if attributions == "speech":
            keep = [is_speech(q, d, clause=e.get("clause"))
                    for q, e in zip(quotes, evidence, strict=True)]
            quotes = [q for q, k in zip(quotes, keep, strict=True) if k]
            evidence = [e for e, k in zip(evidence, keep, strict=True) if k]
        out.append((quotes, evidence, speakers_of(quotes, resolved), _persons(d, resolved)))
    return out


def quotes_with_evidence(models: Sequence[TextDoc], *, attributions: str = "all",
                         parts: Models = SHIPPED) -> list[list[tuple[Quote, dict[str, Any]]]]:
    """The quotes of each document with the evidence the models gave for each (what
    :mod:`analysis.quotes.confidence` learns from; the training uses it)."""
    return [list(zip(quotes, evidence, strict=True)) for quotes, evidence, _, _
            in _documents(models, attributions, parts)]


def _confident(q: Quote, r: Draft, d: QuoteDoc, confidence: Confidence | None) -> Quote:
    """The quote with ``p_quote`` and ``p_speaker`` from the calibrators."""
    if q.kind == "indirect":
        r.evidence["clause"] = reads_as_clause(q, d)
    if confidence is None:
        return q
    p_quote = round(confidence.quote.probability(quote_evidence(q, r.evidence)), 4)
    p_speaker = round(confidence.speaker.probability(speaker_evidence(q, r.evidence)), 4) \
        if q.speaker is not None else None
    return replace(q, p_quote=p_quote, p_speaker=p_speaker)


def check_scheme(attributions: str) -> None:
    """Raise ValueError naming the schemes when ``attributions`` is not one of them."""
    if attributions not in SCHEMES:
        raise ValueError(f"attributions must be one of {sorted(SCHEMES)}; got "
                         f"{attributions!r}")


def is_speech(q: Quote, d: QuoteDoc, *, clause: bool | None = None) -> bool:
    """Whether a quote belongs to the speech scheme: a quotation, or an indirect report
    with a speech cue whose content reads as a clause (:mod:`analysis.quotes.cues`);
    ``clause``: :func:`reads_as_clause` of the quote, when known (the ``"clause"``
    evidence :func:`_confident` records)."""
    if q.kind != "indirect":
        return True
    if q.cue_class != "speech":
        return False
    return reads_as_clause(q, d) if clause is None else clause


def reads_as_clause(q: Quote, d: QuoteDoc) -> bool:
    """Whether an indirect quote's content reads as a reported clause: after *that*;
    else not opening with a preposition or an infinitive (:func:`~analysis.quotes.cues.
    is_clause_content`) and not what the clause model learned from GUM is sure is a noun
    phrase (:mod:`analysis.quotes.clauses`: ``reported Lee’s criticism of the deal``)."""
    a, b = d.tok_range(q.start, q.end)
    k = a - 1
    while k >= 0 and d.toks[k].text == ",":
        k -= 1
    if k >= 0 and d.toks[k].text.lower() == "that":
        return True  # "asserted that, for coercive governments, …": a clause
    if not is_clause_content([t.text.lower() for t in d.toks[a:min(b, a + 2)]]):
        return False
    clauses = shipped_clauses()
    return clauses is None or \
        clauses.probability(clause_features(d.model, q.start, q.end)) >= clauses.threshold


def _persons(d: QuoteDoc, resolved: dict[int, tuple[str | None, Any]]) -> list[tuple[int, int, str]]:
    """Mentions (names, descriptions, pronouns) that resolve to a person entity."""
    out = []
    for m in d.all_mentions:
        name, entity = resolved.get(m.start, (None, None))
        if name and entity is not None and entity.category == PERSON:
            out.append((m.start, m.end, name))
    return out


@dataclass(frozen=True)
class Explanation:
    """The evidence for one quote: how its content and speaker were found, how the
    speaker mention was resolved and typed, and how sure the engine is.

    ``candidates``: the best speaker candidates, each a dict with ``mention``, ``kind``,
    ``score`` (its probability among the candidates) and ``contributions`` (feature,
    weight x value, largest first); ``tags``: the tagger's label of each token of the
    content; ``speaker_type``: the learned type probabilities of the speaker mention;
    ``evidence``: what the models gave (the quotation classifier's and the ranker's
    probabilities, the margin, ...); ``confidence``: the contributions to ``p_quote``
    and ``p_speaker``.
    """

    quote: Quote
    candidates: list[dict[str, Any]]
    tags: list[tuple[str, str]]
    speaker_type: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, Any] = field(default_factory=dict)
    confidence: dict[str, list[tuple[str, float]]] = field(default_factory=dict)

    def __str__(self) -> str:
        q = self.quote
        mention = None if q.speaker_start is None else (q.speaker_start, q.speaker_end)
        lines = [f"{q.kind} quote [{q.start}:{q.end}] found by {q.rule!r}: {q.text[:80]!r}",
                 f"  cue {q.cue!r} ({q.cue_class}); p_quote {_p(q.p_quote)}",
                 f"  speaker {q.speaker!r} ({q.speaker_category}) chosen by "
                 f"{q.speaker_rule!r} at {mention}; p_speaker {_p(q.p_speaker)}"]
        if self.speaker_type:
            types = sorted(self.speaker_type.items(), key=lambda kv: -kv[1])[:3]
            lines.append("  the mention is " + ", ".join(f"{t} {p:.2f}" for t, p in types))
        if "speaker_type" in self.evidence:
            lines.append(f"  note: the speaker is {self.evidence['speaker_type']}")
        if self.candidates:
            lines.append("  candidates (best first):")
        for c in self.candidates:
            top = ", ".join(f"{k} {v:+.2f}" for k, v in c["contributions"][:4])
            lines.append(f"    {c['score']:.2f} {c['mention']!r} ({c['kind']}): {top}")
        for what, parts in self.confidence.items():
            top = ", ".join(f"{k} {v:+.2f}" for k, v in parts[:4])
            lines.append(f"  {what}: {top}")
        return "\n".join(lines)


def _p(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def explain(doc: TextDoc | str, *, n_candidates: int = 4,
            attributions: str = "speech") -> list[Explanation]:
    """For every quote of ``doc``: the rule that found it, the ranked speaker candidates
    with each feature's contribution, the tags of its tokens, the speaker mention's
    type and the evidence behind ``p_quote`` and ``p_speaker``.

    Examples
    --------
    >>> e = explain("“We will win,” Mayor Ana Ruiz said on Monday.")[0]
    >>> e.candidates[0]["mention"], e.quote.speaker_rule, max(e.speaker_type, key=e.speaker_type.get)
    ('Ana Ruiz', 'ranker', 'person')
    """
    from analysis.quotes.ranker import shipped_ranker

    check_scheme(attributions)
    model = build(doc) if isinstance(doc, str) else doc
    d, raw, ctx, rankings = _analyse(model, keep=max(n_candidates, 1))
    resolved = resolve_speakers(d, raw)
    ranker = shipped_ranker()
    confidence = shipped_confidence()
    types = {(m.start, m.end): t for m, t in zip(d.mentions, d.types, strict=True)}
    out = []
    for n, r in enumerate(raw):
        quote = _confident(make_quote(d, r, resolved), r, d, confidence)
        if attributions == "speech" and not is_speech(quote, d,
                                                      clause=r.evidence.get("clause")):
            continue
        cands = [{"mention": model.text[x.candidate.start:x.candidate.end],
                  "kind": x.candidate.kind, "score": x.score,
                  "contributions": ranker.explain(x.features)}
                 for x in rankings.get(n, [])[:n_candidates]]
        a, b = model.token_range(r.start, r.end)
        tags = [(t.text, ctx.tags.labels[k]) for k, t in enumerate(model.tokens[a:b], start=a)]
        why = {}
        if confidence is not None:
            why["p_quote"] = confidence.quote.explain(quote_evidence(quote, r.evidence))
            if quote.speaker is not None:
                why["p_speaker"] = confidence.speaker.explain(speaker_evidence(quote, r.evidence))
        kind = types.get((quote.speaker_start, quote.speaker_end), {})
        out.append(Explanation(quote, cands, tags, dict(kind), dict(r.evidence), why))
    return out
