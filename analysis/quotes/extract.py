"""The rules of quotation extraction and speaker attribution, without a parser.

The steps, each a small function below:

1. **Spans** — quotation marks paired by :func:`analysis.quotes.spans.quote_spans`.
2. **Kind** — a span is ``direct`` when it stands as a clause of its own (it starts
   the sentence, follows a cue, comma, colon or *that* with a capital letter, or ends
   in punctuation inside the marks with three or more words), else ``partial``.
   A partial span with no reporting cue in its sentence is a scare quote, title or
   nickname and is not reported.
3. **Cue and speaker** — a reporting verb (``data/reporting_verbs.txt``) after the
   quote in its last sentence (``’ he remarked``, ``,” said Steve Cowan``) or before
   it in its first sentence (``Aragchi, in a Friday interview, stated, ‘``).  The
   speaker is the mention next to the cue, skipping adverbs and comma
   parentheticals; for a participle cue (``..., stating, ‘``) it is the subject of
   the sentence.
4. **Inheritance** — the second half of a split quote (``“A,” he said. “B.”``) and a
   paragraph that only continues a quotation take the speaker of the quote before.
5. **Indirect speech** — ``X said (that) CLAUSE``, ``CLAUSE, X said.`` and
   ``according to X, CLAUSE`` in sentences without direct quotes; the span is the
   reported clause without *that* and the final stop.  ``According to`` an
   organisation (a news agency) is sourcing, not speech, and is not reported.
6. **Resolution** — names are merged into entities (surname -> fullest name);
   pronouns go to the most recent compatible person; a description goes to the
   person whose title shares its role noun, or, for a definite description that
   opens an article (``Iran’s supreme leader declared ...``), to the titled person
   named at the start of one of the next two sentences.

Known failure modes: speakers introduced only by a verb outside the lexicon
(``he fumed``); pronouns whose antecedent is not the most recent person; quotes
whose speaker is named two sentences away with no pronoun; indirect speech with a
subordinate clause that is not introduced by *that* after verbs other than *say*,
*tell*, *add*, *claim*, *insist* and *warn*.

Examples
--------
>>> text = "‘We will not,’ said Foreign Minister Abbas Aragchi. He added: ‘Never.’"
>>> [(q.text, q.kind, q.speaker) for q in analyse_quotes_by_rules(text)[0]]
[('‘We will not,’', 'direct', 'Abbas Aragchi'), ('‘Never.’', 'direct', 'Abbas Aragchi')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from analysis.quotes.mentions import ORG, OTHER, PERSON, Mention, find_mentions
from analysis.quotes.spans import QuoteSpan, quote_spans
from analysis.resources import word_list, word_map
from analysis.text import TextDoc, build
from analysis.tokenise import Token, fold

__all__ = ["Quote", "Speaker", "analyse_quotes_by_rules", "rule_quotes"]

_SKIPPABLE = {"also", "further", "later", "then", "again", "once", "has", "had", "have", "was",
              "is", "would", "will", "previously", "reportedly", "repeatedly", "recently", "long",
              "subsequently", "separately", "publicly", "privately", "simply", "bluntly",
              "flatly", "firmly", "openly", "earlier", "last", "this", "week", "on", "in",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "yesterday", "today", "tonight", "morning", "evening", "night", "afternoon"}
_NO_THAT = {"say", "tell", "add", "claim", "insist", "warn"}
_CLAUSE_BLOCKERS = {"to", "at", "on", "in", "with", "for", "of", "about", "by", "from", "into",
                    "as", "after", "before", "during", "goodbye", "so", "yes", "no", "hello",
                    "nothing", "something", "anything", "little", "much", "more"}
_FINAL = set(".!?")
_RELATIVE = {"who", "which", "whose", "whom"}
_NAMING = {"titled", "entitled", "named", "dubbed", "nicknamed", "called", "headlined",
           "captioned", "as"}


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or a piece of reported speech.

    ``text == doc_text[start:end]``.  ``kind`` is ``direct``, ``partial`` or
    ``indirect``.  ``speaker`` is the canonical name (or the description when the
    speaker is never named), ``speaker_start``/``speaker_end`` the mention that
    attributes the quote, ``cue`` the reporting verb, ``sentences`` the indices of the
    sentences the quote touches, ``medium`` the medium named in the attribution
    (``on X``), ``closed`` False for a quotation closed at a paragraph end by policy.
    ``rule`` names what found the content (``marks`` for quotation marks paired, a
    rule such as ``that_clause``, or ``tagger`` for the learned tagger) and
    ``speaker_rule`` what chose the speaker (a rule such as ``cue_after`` or
    ``inherit_previous``, or ``ranker`` for the learned ranker).
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    sentences: tuple[int, ...]
    medium: str | None = None
    closed: bool = True
    rule: str = "marks"
    speaker_rule: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    """An entity that is quoted: canonical name, the other ways it is mentioned, counts."""

    name: str
    aliases: tuple[str, ...]
    category: str
    n_quotes: int


@dataclass
class _Entity:
    canonical: str
    names: list[str]
    category: str
    gender: str
    titles: set[str]
    title_words: set[str] = field(default_factory=set)


@cache
def _media_re() -> re.Pattern[str]:
    media = sorted(word_list("media.txt"), key=len, reverse=True)
    alt = "|".join(re.escape(m) for m in media)
    return re.compile(
        rf"\b(?:on|in|via|during|at|to)\s+(?:(?:a|an|the|his|her|their|its)\s+)?"
        rf"(?:[\w’'-]+\s+){{0,3}}?(?:{alt})\b"
    )


class _Doc:
    """Everything the attribution steps look up, computed once per document."""

    def __init__(self, model: TextDoc):
        text, sents, toks = model.text, model.sentences, model.tokens
        self.model = model
        self.text, self.sents, self.toks = text, sents, toks
        self.tok_starts = model.token_starts
        self.paragraphs = [(p.start, p.end) for p in model.paragraphs]
        self.spans = quote_spans(text, model.marks, self.paragraphs)
        self.inside = [False] * len(toks)
        for span in self.spans:
            a, b = self.tok_range(span.start, span.end)
            for k in range(a, b):
                self.inside[k] = True
        verbs = word_map("reporting_verbs.txt")
        self.verbs = verbs
        self.cues = [
            (not self.inside[k]) and t.kind == "word" and t.text.lower() in verbs
            and not _is_noun_use(toks, k)
            for k, t in enumerate(toks)
        ]
        datelines = _datelines(text, self.paragraphs)
        dateline_starts = [a for a, _ in datelines]

        def in_dateline(pos: int) -> bool:
            k = bisect.bisect_right(dateline_starts, pos) - 1
            return k >= 0 and pos < datelines[k][1]

        self.all_mentions = find_mentions(text, sents, toks)
        self.mentions = [m for m in self.all_mentions
                         if not self.inside[m.first] and not in_dateline(m.start)]
        self.mentions.sort(key=lambda m: m.first)
        self.mention_firsts = [m.first for m in self.mentions]
        self.span_starts = [span.start for span in self.spans]
        self.ending_at = {m.last: m for m in self.mentions}
        self.starting_at = {m.first: m for m in self.mentions}
        self.starting_at.update({m.lead: m for m in self.mentions if m.lead >= 0})
        self.sent_tok = model.sentence_tokens

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        return (bisect.bisect_left(self.tok_starts, start),
                bisect.bisect_left(self.tok_starts, end))


#: A wire-copy dateline opening a paragraph: "LONDON (Reuters) -", "WASHINGTON —",
#: "PARIS, June 3 (AFP) –", "NEW YORK, Jan. 5 -".
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*"            # the place, in capitals
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?(?=[ ,(]))?"  # its region: ", England"
    r"(?:, [A-Z][a-z]+\.? \d{1,2})?"                    # an optional date
    r"(?: \([A-Za-z][A-Za-z .&/-]*\))?"                  # an optional agency
    r" ?[-–—]{1,2} ")


def _datelines(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of datelines at paragraph starts (they name no speaker)."""
    out = []
    for start, end in paragraphs:
        match = _DATELINE_RE.match(text, start, end)
        if match:
            out.append(match.span())
    return out


def _is_noun_use(toks: Sequence[Token], k: int) -> bool:
    """``a statement``, ``the report``: a cue word after a determiner is a noun."""
    return k > 0 and toks[k - 1].text.lower() in {"a", "an", "the", "his", "her", "its",
                                                  "their", "our", "this", "that"}


# --------------------------------------------------------------------------- subjects
def _subject_before(d: _Doc, c: int, lo: int) -> Mention | None:
    k = c - 1
    while k >= lo:
        tok = d.toks[k]
        low = tok.text.lower()
        if k + 1 in d.ending_at and d.ending_at[k + 1].first >= lo:
            return d.ending_at[k + 1]
        if low in _SKIPPABLE:
            k -= 1
            continue
        if tok.kind == "number" and k - 1 >= lo and d.toks[k - 1].text == "," \
                and k + 1 < len(d.toks) and d.toks[k + 1].text == ",":
            k -= 2  # an age between commas: "Kenji Watanabe, 71, a retired teacher, said"
            continue
        if tok.text == ",":  # skip a comma parenthetical: "Aragchi, in an interview, stated"
            p = k - 1
            while p >= lo and d.toks[p].text != "," and d.toks[p].text not in _FINAL and (
                    not d.cues[p] or _relative_clause(d, p, lo)):
                p -= 1
            if p >= lo and d.toks[p].text == ",":
                inner = d.starting_at.get(p + 1)
                if inner is not None and inner.kind == "name" and inner.last == k:
                    return inner  # "the minister, Ahmed Saleh, added"
                k = p - 1
                continue
            # "…, the minister said": the mention is right before the cue, not a comma
            return None
        return None
    return None


def _relative_clause(d: _Doc, k: int, lo: int) -> bool:
    """Token ``k`` lies in a ", who …" clause (its cues are not the main verb)."""
    while k >= lo and d.toks[k].text != ",":
        if d.toks[k].text.lower() in _RELATIVE:
            return k > lo and d.toks[k - 1].text == ","
        k -= 1
    return False


def _subject_after(d: _Doc, c: int, hi: int) -> Mention | None:
    for k in (c + 1, c + 2):
        if k < hi and k in d.starting_at:
            m = d.starting_at[k]
            if m.kind == "description" and m.last + 1 < hi and d.toks[m.last].text == ",":
                name = d.starting_at.get(m.last + 1)  # "his colleague, Marie Laurent"
                if name is not None and name.kind == "name":
                    return name
            return m
        if k < hi and d.toks[k].text.lower() not in {"the", "a", "an", "his", "her", "their",
                                                     "its", "our"}:
            break
    return None


def _first_mention(d: _Doc, lo: int, hi: int) -> Mention | None:
    for k in range(bisect.bisect_left(d.mention_firsts, lo), len(d.mentions)):
        m = d.mentions[k]
        if m.first >= hi:
            break
        if ((lo <= m.first < hi and m.category != OTHER) or (
                lo <= m.first < hi and m.kind == "name")) and len(m.text) > 1 \
                and m.gender != "n":
            if m.kind == "description" and m.last < len(d.toks) and \
                    d.toks[m.last].text == ",":
                name = d.starting_at.get(m.last + 1)  # "the group’s director, Amira Haddad"
                if name is not None and name.kind == "name":
                    return name
            return m
    return None


def _attribute_cue(d: _Doc, c: int, lo: int, hi: int) -> Mention | None:
    """The speaker of cue token ``c`` in the token window ``[lo, hi)``."""
    if d.toks[c].text.lower().endswith("ing"):
        return _first_mention(d, lo, c) or _subject_after(d, c, hi)
    return _subject_before(d, c, lo) or _subject_after(d, c, hi)


# --------------------------------------------------------------------------- direct
def _after_window(d: _Doc, b: int, next_start: int) -> tuple[int, int]:
    if b >= len(d.toks) or b == 0:
        return b, b
    sent = d.toks[b - 1].sentence
    hi = b
    while hi < len(d.toks) and d.toks[hi].sentence == sent and d.toks[hi].start < next_start \
            and hi - b < 14:
        hi += 1
    return b, hi


def _before_window(d: _Doc, a: int, prev_end: int) -> tuple[int, int]:
    if a >= len(d.toks):
        return a, a
    sent = d.toks[a].sentence
    lo = d.sent_tok[sent][0]
    while lo < a and d.toks[lo].start < prev_end:
        lo += 1
    return lo, a


def _attribution(d: _Doc, span: QuoteSpan, prev_end: int,
                 next_start: int) -> tuple[Mention | None, int | None, str | None]:
    """The speaker mention, cue token and the name of the rule that found them."""
    a, b = d.tok_range(span.start, span.end)
    lo, hi = _after_window(d, b, next_start)
    c, counted = lo, 0
    while c < hi and counted < 9:
        low = d.toks[c].text.lower()
        if d.toks[c].text in _FINAL:
            break
        if low in _RELATIVE and d.toks[c - 1].text == ",":
            # "…,” a firefighter, who asked not to be named, told reporters
            end = c + 1
            while end < hi and d.toks[end].text != "," and d.toks[end].text not in _FINAL:
                end += 1
            c = end + 1
            continue
        mention = d.starting_at.get(c)
        if mention is not None and mention.last > c + 1 and not d.cues[c]:
            c = mention.last  # a long speaker mention counts as one step:
            counted += 1      # "the EU’s environment commissioner, Sofia Lindgren, told"
            continue
        if low == "according" and c + 1 < hi and d.toks[c + 1].text.lower() == "to":
            speaker = d.starting_at.get(c + 2)
            if speaker is not None:
                return speaker, c, "according_to_after"  # "…,” according to Maria Santos
        if d.cues[c]:
            return _attribute_cue(d, c, lo, hi), c, "cue_after"
        c += 1
        counted += 1
    lo, hi = _before_window(d, a, prev_end)
    for c in range(hi - 1, lo - 1, -1):
        if d.cues[c]:
            if hi - c > 10:
                break
            return _attribute_cue(d, c, lo, hi), c, "cue_before"
    if hi > lo and d.toks[hi - 1].text == ":":
        # "The coach put it simply: “…”": the subject of the introducing clause
        first = d.starting_at.get(lo)
        if first is not None:
            return first, None, "colon_intro"
    return None, None, None


def _kind(d: _Doc, span: QuoteSpan) -> str:
    a, b = d.tok_range(span.start, span.end)
    inner = d.text[span.start + 1:span.end - (1 if span.closed else 0)].strip()
    words = sum(1 for t in d.toks[a:b] if t.kind in ("word", "number", "abbreviation"))
    sent_lo = d.sent_tok[d.toks[a].sentence][0] if a < len(d.toks) else a
    starts_sentence = all(t.kind in ("quote", "punct") for t in d.toks[sent_lo:a])
    prev = d.toks[a - 1] if a > 0 else None
    introduced = prev is not None and (prev.text in {",", ":"} or prev.text.lower() == "that"
                                       or d.cues[a - 1])
    ends_punct = bool(inner) and inner[-1] in ".?!,;:—…-"
    if prev is not None and prev.text.lower() in _NAMING and not (
            prev.text.lower() == "as" and _cue_before(d, a - 1, 8)):
        return "title"  # "titled “…”", "known as “…”" -- but "described it as “…”" is speech
    if prev is not None and prev.kind == "clitic" and _title_case(inner):
        return "title"  # CNN's “State of the Union”: a possessor names a work, not a speaker
    if ends_punct and (starts_sentence or introduced):
        return "direct"  # a short sentence of its own: “No excuses.”, ‘Yes,’ she said
    upper = inner[:1].isupper()
    if words >= 3 and (starts_sentence or ((ends_punct or introduced) and upper)):
        return "direct"  # mid-sentence and lower-case ("a “monument to greed.”"): partial
    if not span.closed and words >= 3:
        return "direct"
    return "partial"


_MINOR_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by"}


def _title_case(inner: str) -> bool:
    """Every word capitalised except short function words: "State of the Union"."""
    words = [w.strip(".,;:!?") for w in inner.split()]
    words = [w for w in words if w]
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words)


def _cue_before(d: _Doc, k: int, distance: int) -> bool:
    """A reporting verb within ``distance`` tokens before token ``k`` (same sentence)."""
    if k < 0 or k >= len(d.toks):
        return False
    lo = max(d.sent_tok[d.toks[k].sentence][0], k - distance)
    return any(d.cues[c] for c in range(lo, k))


def _partial_cue(d: _Doc, span: QuoteSpan) -> int | None:
    a, b = d.tok_range(span.start, span.end)
    if a >= len(d.toks):
        return None
    lo, hi = d.sent_tok[d.toks[a].sentence]
    before = [c for c in range(lo, a) if d.cues[c]]
    if before:
        return before[-1]
    after = [c for c in range(b, hi) if d.cues[c]]
    return after[0] if after else None


# --------------------------------------------------------------------------- indirect
def _indirect(d: _Doc, direct_sents: set[int]) -> list[tuple[int, int, Mention | None, int, str]]:
    """``(start, end, speaker mention, cue token, rule)`` of reported clauses."""
    found = []
    for sent in d.sents:
        lo, hi = d.sent_tok[sent.index]
        if hi - lo < 4:
            continue
        if sent.index in direct_sents:
            # "“…,” he said, adding that CLAUSE": only a participle outside the quote
            hit = _named("adding_that", _that_clause(d, lo, hi, participles_only=True))
        else:
            hit = (_named("according_to", _according_to(d, lo, hi))
                   or _named("that_clause", _that_clause(d, lo, hi))
                   or _named("final_cue", _final_cue(d, lo, hi)))
        while hit is not None:
            found.append(hit)
            # a continuation of the same report, by the same speaker: "…, adding that CLAUSE"
            after = bisect.bisect_left(d.tok_starts, hit[1])
            more = _that_clause(d, after, hi, participles_only=True, subject_lo=lo) \
                if after < hi else None
            hit = (more[0], more[1], hit[2], more[3], "adding_that") if more is not None else None
    return found


def _named(rule: str, hit: tuple | None) -> tuple | None:
    """A rule's hit with the rule's name appended."""
    return None if hit is None else (*hit, rule)


def _clause_end(d: _Doc, lo: int, hi: int) -> int:
    end = hi
    while end > lo and (d.toks[end - 1].text in _FINAL or d.toks[end - 1].kind == "quote"):
        end -= 1
    return end


def _that_clause(d: _Doc, lo: int, hi: int, *, participles_only: bool = False,
                 subject_lo: int | None = None):
    """``X said (that) CLAUSE`` / ``…, adding that CLAUSE`` / ``quoted as saying CLAUSE``.

    With ``participles_only`` (a sentence that holds a direct quote) only the
    participle forms after a comma or *as* are considered, outside quotation marks.
    """
    for c in range(lo, hi):
        if not d.cues[c]:
            continue
        word = d.toks[c].text.lower()
        participle = word.endswith("ing")
        if participle and not (c > lo and d.toks[c - 1].text.lower() in (",", "as")):
            continue
        if participles_only and not participle:
            continue
        lemma = d.verbs[word]
        k = c + 1
        if lemma == "tell" and k < hi and (k in d.starting_at or d.toks[k].text.lower() in
                                           {"reporters", "journalists", "me", "him", "her",
                                            "us", "them", "lawmakers"}):
            k = d.starting_at[k].last if k in d.starting_at else k + 1
        while k < hi and d.toks[k].text.lower() in _SKIPPABLE - {"on", "in"}:
            k += 1
        media = _media_re().match(d.text, d.toks[k].start) if k < hi else None
        if media:
            while k < hi and d.toks[k].start < media.end():
                k += 1
        if k < hi and d.toks[k].text.lower() != "that":
            k = _that_after_adjunct(d, k, hi, lemma)
        bare_after_adjunct = False
        if k < hi and d.toks[k].text.lower() != "that" and lemma in _NO_THAT:
            after = _after_time_adjunct(d, k, hi)
            if after > k and after < hi and d.toks[after].kind in ("word", "number") and \
                    _has_finite_verb(d, after, hi):
                k, bare_after_adjunct = after, True  # "said on Monday it would cut jobs"
        if k < hi and d.toks[k].text.lower() == "that":
            k += 1
        elif not bare_after_adjunct and not (
                k < hi and k == c + 1 and d.toks[k].kind in ("word", "number")
                and d.toks[k].text.lower() not in _CLAUSE_BLOCKERS
                and (lemma in _NO_THAT or _has_finite_verb(d, k, hi))):
            continue
        while k < hi and d.toks[k].text == ",":
            k += 1
        end = _clause_end(d, k, _participle_cue_after(d, k, hi))
        if end - k < 3 or d.toks[k].kind == "quote" or d.inside[k]:
            continue
        first = lo if subject_lo is None else subject_lo
        speaker = _first_mention(d, first, c) if participle else _subject_before(d, c, lo)
        if speaker is None and c > lo and d.toks[c - 1].text.lower() in ("and", "but"):
            speaker = d.starting_at.get(lo)  # "Campaigners welcomed the plan but said …"
        if speaker is None or len(speaker.text) < 2:
            continue
        return d.toks[k].start, _close_quote(d, d.toks[end - 1].end), speaker, c
    return None


def _participle_cue_after(d: _Doc, k: int, hi: int) -> int:
    """Where a ", adding that …" / ", saying …" continuation starts (else ``hi``)."""
    for j in range(k + 1, hi - 1):
        if d.toks[j].text == "," and d.cues[j + 1] and d.toks[j + 1].text.lower().endswith("ing"):
            return j
    return hi


#: Auxiliaries and copulas: a bare clause after "acknowledged", "argued", ... must have one
#: within its first words ("acknowledged the decision was painful"), which tells it from
#: an object ("argued the case").
_FINITE = {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
           "can", "could", "shall", "should", "may", "might", "must", "does", "did", "do",
           "'re", "'ll"}  # not "'s" and "'d": possessive / ambiguous


def _has_finite_verb(d: _Doc, k: int, hi: int) -> bool:
    for j in range(k + 1, min(hi, k + 7)):
        tok = d.toks[j]
        if tok.kind == "punct" or d.cues[j]:
            return False
        if fold(tok.text) in _FINITE or fold(tok.text) == "n't":
            return True
    return False


def _close_quote(d: _Doc, end: int) -> int:
    """Extend a clause that stops inside a quotation to the quotation's end."""
    k = bisect.bisect_left(d.span_starts, end) - 1
    if k >= 0 and d.spans[k].start < end < d.spans[k].end:
        return d.spans[k].end
    return end


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _after_time_adjunct(d: _Doc, k: int, hi: int) -> int:
    """Skip "on Monday", "last week", "yesterday", "in a statement" after a cue."""
    words = [t.text.lower() for t in d.toks[k:min(hi, k + 4)]]
    if words[:1] in (["yesterday"], ["today"], ["tonight"]):
        return k + 1
    if len(words) >= 2 and words[0] == "on" and words[1] in _WEEKDAYS:
        return k + 2
    if len(words) >= 2 and words[0] in ("last", "this", "earlier", "later") and \
            words[1] in ("week", "month", "year", "weekend", "morning", "evening", "night"):
        return k + 2
    if len(words) >= 3 and words[0] == "in" and words[1] in ("a", "an", "the") and \
            words[2] in word_list("media.txt"):
        return k + 3
    return k


_ADJUNCT_START = {"on", "in", "at", "during", "after", "before", "via", "through", "with", "to",
                  "late", "early", "earlier", "last", "this", "over"}
_OBJECT_VERBS = {"tell", "inform", "assure", "reassure", "remind", "warn", "brief", "advise",
                 "notify", "convince", "persuade"}


def _that_after_adjunct(d: _Doc, k: int, hi: int, lemma: str) -> int:
    """Index of *that* after an adjunct or an object: "announced on Monday that",
    "said in a statement that", "told the committee that" (else ``k`` unchanged)."""
    if k >= hi or not (d.toks[k].text.lower() in _ADJUNCT_START or lemma in _OBJECT_VERBS):
        return k
    for j in range(k + 1, min(hi, k + 8)):
        tok = d.toks[j]
        if tok.text.lower() == "that":
            return j
        if tok.kind in ("punct", "quote") or d.cues[j]:
            break
    return k


def _final_cue(d: _Doc, lo: int, hi: int):
    """``CLAUSE, the minister said.`` / ``CLAUSE, said Smith.``"""
    end = hi
    while end > lo and d.toks[end - 1].text in _FINAL:
        end -= 1
    for comma in range(end - 2, max(lo, end - 9), -1):
        if d.toks[comma].text != ",":
            continue
        closing = comma + 1 < end and d.toks[comma + 1].kind == "quote" and d.inside[comma] \
            and comma + 2 < end and not d.inside[comma + 2]
        if (d.inside[comma] or d.toks[comma + 1].kind == "quote") and not closing:
            return None  # the comma belongs to a quotation: not reported speech
        if closing and _starts_with_quote(d, lo):
            return None  # a direct quotation, not a clause that ends in a quoted phrase
        tail = range(comma + 1, end)
        cues = [c for c in tail if d.cues[c]]
        if not cues:
            return None
        c = cues[0]
        speaker = _subject_before(d, c, comma + 1) or _subject_after(d, c, end)
        if speaker is None or comma - lo < 3:
            return None
        rest = speaker.last if speaker.first > c else c + 1
        if any(d.toks[j].text.lower() not in _SKIPPABLE and d.toks[j].text != ","
               for j in range(rest, end)) and not _media_re().match(d.text, d.toks[rest].start):
            return None  # "In a televised address, the king urged calm.": an object follows
        clause_end = d.toks[comma + 1].end if closing else d.toks[comma - 1].end
        return d.toks[lo].start, clause_end, speaker, c
    return None


def _starts_with_quote(d: _Doc, lo: int) -> bool:
    """The sentence opens with a quotation mark."""
    return lo < len(d.toks) and d.toks[lo].kind == "quote"


def _according_to_mention(d: _Doc, lo: int, hi: int) -> tuple[Mention, int] | None:
    """The mention after "according to" in a sentence, and the token of *according*."""
    for k in range(lo, hi - 2):
        if d.toks[k].text.lower() == "according" and d.toks[k + 1].text.lower() == "to" \
                and not d.inside[k]:
            mention = d.starting_at.get(k + 2)
            if mention is not None:
                return mention, k
    return None


def _according_to(d: _Doc, lo: int, hi: int):
    for k in range(lo, hi - 1):
        if d.toks[k].text.lower() != "according" or d.toks[k + 1].text.lower() != "to":
            continue
        speaker = d.starting_at.get(k + 2)
        if speaker is None or speaker.category == ORG:
            return None  # "according to Anadolu Agency, …" is sourcing, not someone's words
        if k == lo:  # "According to X, CLAUSE."
            comma = speaker.last
            while comma < hi and d.toks[comma].text != ",":
                comma += 1
            start = comma + 1
            end = _clause_end(d, start, hi)
            if end - start < 3:
                return None
            return d.toks[start].start, d.toks[end - 1].end, speaker, k
        if d.toks[k - 1].text == ",":  # "CLAUSE, according to X."
            return d.toks[lo].start, d.toks[k - 2].end, speaker, k
    return None


# --------------------------------------------------------------------------- resolution
def _entities(d: _Doc, speakers: set[int]) -> dict[int, _Entity]:
    """Cluster name mentions into entities; keys are mention start offsets."""
    by_mention: dict[int, _Entity] = {}
    entities: list[_Entity] = []
    for m in d.mentions:
        if m.kind != "name":
            continue
        words = m.text.split()
        match = None
        for ent in reversed(entities):
            ent_words = ent.canonical.split()
            if words == ent_words or (words[-1] == ent_words[-1] and
                                      (len(words) == 1 or len(ent_words) == 1)) or \
                    (len(words) < len(ent_words) and ent.canonical.endswith(" " + m.text)):
                match = ent
                break
        category = m.category
        relative = _relative_after(d, m)
        if category == OTHER and relative == "which":
            category = ORG  # "Energy UK, which represents suppliers, said"
        elif category == OTHER and (m.start in speakers or _in_apposition(d, m) or
                                    relative == "who"):
            category = PERSON
        if match is None:
            match = _Entity(m.text, [], category, m.gender, set())
            entities.append(match)
        elif len(words) > len(match.canonical.split()):
            match.canonical = m.text
        match.names.append(m.text if m.title is None else f"{m.title} {m.text}")
        if m.title:
            match.titles.add(m.title)
            match.title_words.update(m.title.lower().split())
        if (category == PERSON and match.category == OTHER) or category == ORG:
            match.category = category if match.category != ORG else ORG
        match.gender = match.gender or m.gender
        by_mention[m.start] = match
    return by_mention


def _relative_after(d: _Doc, m: Mention) -> str | None:
    """``who`` or ``which`` when a relative clause follows the mention after a comma."""
    if m.last + 1 < len(d.toks) and d.toks[m.last].text == ",":
        word = d.toks[m.last + 1].text.lower()
        if word in ("who", "which"):
            return word
    return None


def _apposed(d: _Doc, m: Mention) -> list[Mention]:
    """Mentions in apposition with ``m``, each side closed by a comma:
    ", the bank’s economist, Sarah Lind," / "Sarah Lind, an economist, said"."""
    def comma(k: int) -> bool:
        return 0 <= k < len(d.toks) and d.toks[k].text == ","

    out = []
    if comma(m.first - 1) and comma(m.last):
        before = d.ending_at.get(m.first - 1)
        if before is not None:
            out.append(before)
    if comma(m.last):
        after = d.starting_at.get(m.last + 1)
        if after is not None and comma(after.last):
            out.append(after)
    return out


def _in_apposition(d: _Doc, m: Mention) -> bool:
    """A name next to a person description -- evidence that the name is a person."""
    roles = word_map("role_nouns.txt")
    return any(o.kind == "description" and roles.get((o.role or "").lower()) not in ("o", None)
               for o in _apposed(d, m))


def _resolve(d: _Doc, speakers: set[int]) -> dict[int, tuple[str | None, _Entity | None]]:
    """Map each mention start offset to (canonical speaker, entity)."""
    by_mention = _entities(d, speakers)
    out: dict[int, tuple[str | None, _Entity | None]] = {}
    for m in d.mentions:
        if m.kind == "name":
            ent = by_mention[m.start]
            out[m.start] = (ent.canonical, ent)
    latest: dict[str, _Entity] = {}  # title word -> most recent person entity bearing it
    first_person = next((i for i, p in enumerate(d.mentions) if p.kind == "name" and
                         by_mention[p.start].category == PERSON), len(d.mentions))
    subjects = _sentence_subjects(d)
    for idx, m in enumerate(d.mentions):
        if m.kind == "description":
            ent = _apposed_name(d, m, by_mention) or \
                _resolve_description(d, idx, by_mention, latest, first_person)
            if ent is None and m.definite and m.start in speakers:
                ent = _anaphoric_description(d, idx, by_mention, subjects)
            if ent is not None:
                ent.names.append(m.text)
                out[m.start] = (ent.canonical, ent)
            else:
                out[m.start] = (m.text, None)
        ent = by_mention.get(m.start)
        if ent is not None and ent.category == PERSON:
            for word in ent.title_words:
                latest[word] = ent
    for idx, m in enumerate(d.mentions):
        if m.kind == "pronoun":
            out[m.start] = _resolve_pronoun(d, idx, out, speakers, subjects)
    return out


def _sentence_subjects(d: _Doc) -> set[int]:
    """Start offsets of the first mention of each sentence (its likely subject)."""
    seen: set[int] = set()
    out: set[int] = set()
    for m in d.mentions:
        if m.sentence not in seen:
            seen.add(m.sentence)
            out.add(m.start)
    return out


def _anaphoric_description(d: _Doc, idx: int, by_mention: dict[int, _Entity],
                           subjects: set[int]) -> _Entity | None:
    """A definite description that speaks and names no one new points back to the subject
    of the sentence before: "Captain Bruno Silva admitted … “…,” the midfielder said";
    an organisation noun ("the club said") to the last organisation named."""
    m = d.mentions[idx]
    for prev in reversed(d.mentions[:idx]):
        if prev.sentence < m.sentence - 1:
            break
        ent = by_mention.get(prev.start)
        if ent is None or prev.start not in subjects:
            continue
        if m.category == ORG and ent.category != PERSON:
            return ent
        if m.category == PERSON and ent.category == PERSON and (
                not m.gender or not ent.gender or m.gender == ent.gender):
            return ent
    return None


def _apposed_name(d: _Doc, m: Mention, by_mention: dict[int, _Entity]) -> _Entity | None:
    """The entity of a name in apposition with a description: "Jane Wanjiru, an
    analyst," / "the EU’s environment commissioner, Sofia Lindgren,"."""
    for other in _apposed(d, m):
        if other.kind == "name" and other.start in by_mention:
            return by_mention[other.start]
    return None


def _resolve_description(d: _Doc, idx: int, by_mention: dict[int, _Entity],
                         latest: dict[str, _Entity], first_person: int) -> _Entity | None:
    """The person a description refers to: the latest one bearing its role as a title
    ("the minister" after "Foreign Minister Abbas Aragchi"), or, for an article that
    opens with a definite description, the titled person named right after it."""
    m = d.mentions[idx]
    role = (m.role or "").lower()
    if m.gender == "p" or not role:
        return None
    if role in latest:
        return latest[role]
    if m.definite and _AGE_RE.search(m.text) and idx > 0:
        # "the 34-year-old activist" points back to the last person named
        for prev in reversed(d.mentions[max(0, idx - _PRONOUN_WINDOW):idx]):
            ent = by_mention.get(prev.start)
            if ent is not None and ent.category != ORG and (
                    not ent.gender or not m.gender or ent.gender == m.gender):
                return ent
    if not m.definite or first_person < idx:
        return None  # someone is already named: a definite description is not cataphoric
    for nxt in d.mentions[idx + 1:idx + 30]:
        if nxt.sentence > m.sentence + 2:
            break
        ent = by_mention.get(nxt.start)
        first_of_sentence = d.sent_tok[nxt.sentence][0]
        if ent is not None and nxt.title and ent.category == PERSON and \
                nxt.first - first_of_sentence <= 1:
            return ent
    return None


_AGE_RE = re.compile(r"\b\d{1,3}-year-old\b")

#: How many earlier mentions a pronoun looks back through for its antecedent.
_PRONOUN_WINDOW = 60


def _resolve_pronoun(d: _Doc, idx: int, out, speakers: set[int] = frozenset(),
                     subjects: set[int] = frozenset()) -> tuple[str | None, _Entity | None]:
    """The antecedent of a pronoun among the mentions just before it.

    *he*/*she*: the latest person (a name, or a description such as *the king*) of a
    compatible gender; *they*: the latest group or organisation; *it*: the latest
    organisation.  A pronoun may also continue an earlier pronoun of the same form.
    """
    m = d.mentions[idx]
    # "CLAUSE, he said": the antecedent is not inside the reported clause
    after_clause = (m.first >= 1 and d.toks[m.first - 1].text == "," and
                    m.last < len(d.toks) and d.cues[m.last])
    for prev in reversed(d.mentions[max(0, idx - _PRONOUN_WINDOW):idx]):
        if after_clause and prev.sentence == m.sentence:
            continue
        name, ent = out.get(prev.start, (None, None))
        category = ent.category if ent is not None else prev.category
        if m.gender in ("p", "n"):
            if prev.kind == "pronoun":
                if prev.gender == m.gender and name is not None:
                    return name, ent
                continue
            if category == ORG or (m.gender == "p" and prev.gender == "p"):
                return name, ent
            continue
        if prev.kind == "pronoun":
            if prev.gender == m.gender and name is not None:
                return name, ent
            continue
        if category != PERSON or prev.gender == "p":
            continue
        gender = ent.gender if ent is not None else prev.gender
        if gender and gender != m.gender:
            continue
        if ent is None and (prev.kind != "description" or (
                prev.start not in speakers and prev.start not in subjects)):
            continue  # "her daughter" inside a clause is not what "she said" refers to
        return name, ent
    return None, None


# --------------------------------------------------------------------------- main
def analyse_quotes_by_rules(doc: TextDoc | str) -> tuple[list[Quote], list[Speaker]]:
    """Quotes and speakers of one text found by the rules alone (no learned model):
    the baseline the engine (:mod:`analysis.quotes.engine`) improves on.

    Parameters
    ----------
    doc : TextDoc or str
        The document model (:func:`analysis.text.build`), or a text to build it from.

    Examples
    --------
    >>> quotes, speakers = analyse_quotes_by_rules("“Yes,” said Jane Doe, a spokeswoman.")
    >>> quotes[0].speaker, speakers[0].aliases
    ('Jane Doe', ('Jane Doe',))
    """
    model = build(doc) if isinstance(doc, str) else doc
    d = _Doc(model)
    raw = rule_quotes(d)
    speakers = {r.mention.start for r in raw if r.mention is not None}
    resolved = _resolve(d, speakers)
    quotes = [_make_quote(d, r, resolved) for r in raw]
    return quotes, _speakers(quotes, resolved)


@dataclass
class _Raw:
    """A quote while it is being found: span, kind, speaker mention, cue token, and the
    names of the rules (or models) that found the content and the speaker."""

    start: int
    end: int
    kind: str
    mention: Mention | None
    cue: int | None
    closed: bool
    rule: str
    speaker_rule: str | None


def rule_quotes(d: _Doc) -> list[_Raw]:
    """Quotes found by the rules alone (marks paired, cues and speakers by rule)."""
    text = d.text
    raw: list[_Raw] = []
    prev_end = 0
    for n, span in enumerate(d.spans):
        next_start = d.spans[n + 1].start if n + 1 < len(d.spans) else len(text)
        if span.end - span.start < 3:
            prev_end = span.end
            continue
        kind = _kind(d, span)
        if kind == "title":
            prev_end = span.end
            continue
        if kind == "direct":
            mention, cue, speaker_rule = _attribution(d, span, prev_end, next_start)
        else:
            cue = _partial_cue(d, span)
            a, b = d.tok_range(span.start, span.end)
            lo, hi = d.sent_tok[d.toks[a].sentence] if a < len(d.toks) else (a, a)
            source = _according_to_mention(d, lo, hi)
            if cue is None and source is None:
                prev_end = span.end
                continue  # a scare quote, a title or a nickname: nobody speaks
            if source is not None:
                mention, cue = source  # "“rushed and unworkable,” according to Packaging Europe"
                speaker_rule = "according_to"
            else:
                mention = _attribute_cue(d, cue, lo, hi)
                speaker_rule = "partial_cue"
            if mention is None:
                prev_end = span.end
                continue  # a cue but nobody who speaks ("have been widely criticised"): scare quote
        raw.append(_Raw(span.start, span.end, kind, mention, cue, span.closed, "marks",
                        speaker_rule if mention is not None else None))
        prev_end = span.end
    _inherit(d, raw)
    direct_sents = set()
    for r in raw:
        if r.kind == "direct":
            a, b = d.tok_range(r.start, r.end)
            direct_sents.update(t.sentence for t in d.toks[a:b])
    for start, end, mention, cue, rule in _indirect(d, direct_sents):
        raw.append(_Raw(start, end, "indirect", mention, cue, True, rule, rule))
    raw.sort(key=lambda r: (r.start, r.end))
    return raw


def _inherit(d: _Doc, raw: list[_Raw]) -> None:
    """Split quotes and continuation paragraphs take the neighbouring speaker."""
    paras = d.paragraphs
    starts = [p[0] for p in paras]

    def para(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    for n, r in enumerate(raw):
        if r.mention is not None or r.kind != "direct":
            continue
        prev = raw[n - 1] if n > 0 else None
        nxt = raw[n + 1] if n + 1 < len(raw) else None
        if prev is not None and prev.mention is not None and prev.kind == "direct" and (
                para(prev.start) == para(r.start) or
                (para(r.start) == para(prev.end) + 1 and paras[para(r.start)][0] == r.start)):
            r.mention, r.cue, r.speaker_rule = prev.mention, prev.cue, "inherit_previous"
        elif nxt is not None and nxt.mention is not None and nxt.kind == "direct" and \
                para(nxt.start) == para(r.start) and not d.text[r.end:nxt.start].strip(" ,;:—–-"):
            r.mention, r.cue, r.speaker_rule = nxt.mention, nxt.cue, "inherit_next"


def _make_quote(d: _Doc, r: _Raw, resolved) -> Quote:
    start, end, kind, mention, cue, closed = r.start, r.end, r.kind, r.mention, r.cue, r.closed
    a, b = d.tok_range(start, end)
    sentences = tuple(sorted({t.sentence for t in d.toks[a:b]}))
    speaker = None
    if mention is not None:
        speaker = resolved.get(mention.start, (mention.text, None))[0]
        if speaker is None:
            speaker = mention.text  # an unresolved pronoun stays as written: "she"
    cue_tok = d.toks[cue] if cue is not None else None
    medium = None
    if cue_tok is not None:
        lo = min(cue_tok.start, mention.start if mention else cue_tok.start)
        sent = d.sents[cue_tok.sentence]
        window_end = sent.end if not (start <= sent.end <= end) else start
        if cue_tok.start >= end:
            window_end = sent.end
        found = _media_re().search(d.text, lo, max(lo, window_end))
        if found and not (start <= found.start() < end):
            medium = found.group(0)
    return Quote(start, end, d.text[start:end], kind, speaker,
                 mention.start if mention else None, mention.end if mention else None,
                 cue_tok.text if cue_tok else None, cue_tok.start if cue_tok else None,
                 cue_tok.end if cue_tok else None, sentences, medium, closed, r.rule,
                 r.speaker_rule if mention is not None else None)


def _speakers(quotes: list[Quote], resolved) -> list[Speaker]:
    counts: dict[str, int] = {}
    for q in quotes:
        if q.speaker is not None:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
    entities = {}
    for name, ent in resolved.values():
        if name is not None and ent is not None:
            entities[name] = ent
    out = []
    for name in sorted(counts, key=lambda s: (-counts[s], s)):
        ent = entities.get(name)
        aliases = tuple(sorted(set(ent.names) | {name})) if ent else (name,)
        category = ent.category if ent else PERSON
        out.append(Speaker(name, aliases, category, counts[name]))
    return out
