"""Indirect speech by rule: reported clauses and their speakers, without a parser.

``X said (that) CLAUSE`` (``that_clause``), ``CLAUSE, X said.`` (``final_cue``),
``according to X, CLAUSE`` (``according_to``) in sentences without direct quotes, and
``…, adding that CLAUSE`` (``adding_that``); the span is the reported clause without
*that* and the final stop.  Sourcing by an organisation (``according to the Met
Office``) is attribution as much as by a person.  The engine reports these clauses
where its tagger finds them too, or alone for the rules of
:data:`analysis.quotes.engine.RULES_ALONE`.

Known failure modes: a subordinate clause that is not introduced by *that* after verbs
other than those of ``data/quotes/verb_frames.tsv``.

Examples
--------
>>> from analysis.quotes.document import QuoteDoc
>>> from analysis.text import build
>>> d = QuoteDoc(build("Prime Minister Anna Berg said the talks had failed."))
>>> [(d.text[a:b], m.text, rule) for a, b, m, _, rule in indirect_clauses(d, set())]
[('the talks had failed', 'Anna Berg', 'that_clause')]
"""

from __future__ import annotations

import bisect

from analysis.quotes.document import QuoteDoc, media_re
from analysis.quotes.lexicon import (
    CLASSES,
    SENTENCE_FINAL,
    skippable,
    skippable_after_cue,
    tagged,
    verb_frame,
)
from analysis.quotes.mentions import Mention
from analysis.quotes.speakers import (
    MIN_SPEAKER_CHARS,
    first_mention,
    mention_after,
    subject_after,
    subject_before,
)
from analysis.resources import word_list, word_map
from analysis.text import fold

__all__ = ["FINAL_CUE_WINDOW", "FINITE_WINDOW", "MIN_CLAUSE_TOKENS", "MIN_INDIRECT_SENTENCE", "THAT_WINDOW", "TIME_ADJUNCT_WINDOW", "indirect_clauses"]


#: Sentences with fewer tokens than this hold no reported clause.
MIN_INDIRECT_SENTENCE = 4



#: A reported clause keeps at least this many tokens.
MIN_CLAUSE_TOKENS = 3



#: Tokens after a bare clause's first word searched for an auxiliary ("the decision was").
FINITE_WINDOW = 6



#: Tokens after a cue searched for "that" behind an adjunct ("said in a statement that").
THAT_WINDOW = 7



#: Tokens read to recognise a time adjunct after a cue ("in a statement", "last week").
TIME_ADJUNCT_WINDOW = 4



#: Tokens before the end of a sentence searched for the comma of "CLAUSE, X said."
FINAL_CUE_WINDOW = 8



def indirect_clauses(d: QuoteDoc, direct_sents: set[int]) -> list[tuple[int, int, Mention | None, int, str]]:
    """``(start, end, speaker mention, cue token, rule)`` of reported clauses."""
    found = []
    for sent in d.sents:
        lo, hi = d.sent_tok[sent.index]
        if hi - lo < MIN_INDIRECT_SENTENCE:
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



def _clause_end(d: QuoteDoc, lo: int, hi: int) -> int:
    end = hi
    while end > lo and (d.toks[end - 1].text in SENTENCE_FINAL or d.toks[end - 1].kind == "quote"):
        end -= 1
    return end



def _is_told_object(d: QuoteDoc, k: int) -> bool:
    """The person object of *told*: a mention, an object pronoun, or a group noun
    ("told reporters", "told him", "told the committee")."""
    low = d.toks[k].text.lower()
    return mention_after(d, k) is not None or low in tagged(CLASSES, "object_pronoun") or \
        word_map("role_nouns.txt").get(low) == "p"



def _that_clause(d: QuoteDoc, lo: int, hi: int, *, participles_only: bool = False,
                 subject_lo: int | None = None):
    """``X said (that) CLAUSE`` / ``…, adding that CLAUSE`` / ``quoted as saying CLAUSE``.

    With ``participles_only`` (a sentence that holds a direct quote) only the
    participle forms after a comma or *as* are considered, outside quotation marks.
    """
    bare_clause, skippable = verb_frame("bare_clause"), skippable_after_cue()
    for c in d.cues_in(lo, hi):
        word = d.toks[c].text.lower()
        participle = word.endswith("ing")
        if participle and not (c > lo and d.toks[c - 1].text.lower() in (",", "as")):
            continue
        if participles_only and not participle:
            continue
        lemma = d.verbs[word]
        k = c + 1
        if lemma == "tell" and k < hi and _is_told_object(d, k):
            told = mention_after(d, k)  # "told the BBC they had ...": the clause follows
            k = told.last if told is not None else k + 1
        clause_at = k  # where a bare clause may start
        while k < hi and d.toks[k].text.lower() in skippable:
            k += 1
        media = media_re().match(d.text, d.toks[k].start) if k < hi else None
        if media:
            while k < hi and d.toks[k].start < media.end():
                k += 1
        if k < hi and d.toks[k].text.lower() != "that":
            k = _that_after_adjunct(d, k, hi, lemma)
        bare_after_adjunct = False
        if k < hi and d.toks[k].text.lower() != "that" and lemma in bare_clause:
            after = _after_time_adjunct(d, k, hi)
            if after > k and after < hi and d.toks[after].kind in ("word", "number") and \
                    _has_finite_verb(d, after, hi):
                k, bare_after_adjunct = after, True  # "said on Monday it would cut jobs"
        if k < hi and d.toks[k].text.lower() == "that":
            k += 1
        elif not bare_after_adjunct and not (
                k < hi and k == clause_at and d.toks[k].kind in ("word", "number")
                and d.toks[k].text.lower() not in word_list("quotes/clause_blockers.txt")
                and (lemma in bare_clause or _has_finite_verb(d, k, hi))):
            continue
        while k < hi and d.toks[k].text == ",":
            k += 1
        end = _clause_end(d, k, _participle_cue_after(d, k, hi))
        if end - k < MIN_CLAUSE_TOKENS or d.toks[k].kind == "quote" or d.inside[k]:
            continue
        first = lo if subject_lo is None else subject_lo
        speaker = first_mention(d, first, c) if participle else subject_before(d, c, lo)
        if speaker is None and c > lo and \
                d.toks[c - 1].text.lower() in tagged(CLASSES, "coordinator"):
            speaker = d.starting_at.get(lo)  # "Campaigners welcomed the plan but said …"
        if speaker is None or len(speaker.text) < MIN_SPEAKER_CHARS:
            continue
        return d.toks[k].start, _close_quote(d, d.toks[end - 1].end), speaker, c
    return None



def _participle_cue_after(d: QuoteDoc, k: int, hi: int) -> int:
    """Where a ", adding that …" / ", saying …" continuation starts (else ``hi``)."""
    pos = d.participle_commas
    j = bisect.bisect_left(pos, k + 1)
    return pos[j] if j < len(pos) and pos[j] < hi - 1 else hi



def _has_finite_verb(d: QuoteDoc, k: int, hi: int) -> bool:
    """An auxiliary or copula (``data/quotes/closed_classes.tsv``) within the first words
    after ``k``: "acknowledged the decision was painful" is a clause, "argued the case"
    an object."""
    auxiliaries = tagged(CLASSES, "auxiliary")
    for j in range(k + 1, min(hi, k + 1 + FINITE_WINDOW)):
        tok = d.toks[j]
        if tok.kind == "punct" or d.cues[j]:
            return False
        if fold(tok.text) in auxiliaries:
            return True
    return False



def _close_quote(d: QuoteDoc, end: int) -> int:
    """Extend a clause that stops inside a quotation to the quotation's end."""
    k = bisect.bisect_left(d.span_starts, end) - 1
    if k >= 0 and d.spans[k].start < end < d.spans[k].end:
        return d.spans[k].end
    return end



def _after_time_adjunct(d: QuoteDoc, k: int, hi: int) -> int:
    """Skip "on Monday", "last week", "yesterday", "in a statement" after a cue
    (``data/quotes/time_words.tsv``, ``data/media.txt``)."""
    times = "quotes/time_words.tsv"
    words = [t.text.lower() for t in d.toks[k:min(hi, k + TIME_ADJUNCT_WINDOW)]]
    if words[:1] and words[0] in tagged(times, "deictic"):
        return k + 1
    if len(words) >= 2 and words[0] == "on" and words[1] in tagged(times, "day"):
        return k + 2
    if len(words) >= 2 and words[0] in tagged(times, "relative") and \
            words[1] in tagged(times, "period"):
        return k + 2
    if len(words) >= 3 and words[0] == "in" and words[1] in tagged(CLASSES, "article") and \
            words[2] in word_list("media.txt"):
        return k + 3
    return k



def _that_after_adjunct(d: QuoteDoc, k: int, hi: int, lemma: str) -> int:
    """Index of *that* after an adjunct or an object: "announced on Monday that",
    "said in a statement that", "told the committee that" (else ``k`` unchanged)."""
    if k >= hi or not (d.toks[k].text.lower() in word_list("quotes/adjunct_starts.txt")
                       or lemma in verb_frame("object")):
        return k
    for j in range(k + 1, min(hi, k + 1 + THAT_WINDOW)):
        tok = d.toks[j]
        if tok.text.lower() == "that":
            return j
        if tok.kind in ("punct", "quote") or d.cues[j]:
            break
    return k



def _final_cue(d: QuoteDoc, lo: int, hi: int):
    """``CLAUSE, the minister said.`` / ``CLAUSE, said Smith.``"""
    end = hi
    while end > lo and d.toks[end - 1].text in SENTENCE_FINAL:
        end -= 1
    skip = skippable()
    for comma in range(end - 2, max(lo, end - 1 - FINAL_CUE_WINDOW), -1):
        if d.toks[comma].text != ",":
            continue
        closing = comma + 1 < end and d.toks[comma + 1].kind == "quote" and d.inside[comma] \
            and comma + 2 < end and not d.inside[comma + 2]
        if (d.inside[comma] or d.toks[comma + 1].kind == "quote") and not closing:
            return None  # the comma belongs to a quotation: not reported speech
        if closing and _starts_with_quote(d, lo):
            return None  # a direct quotation, not a clause that ends in a quoted phrase
        cues = d.cues_in(comma + 1, end)
        if not cues:
            return None
        c = cues[0]
        speaker = subject_before(d, c, comma + 1) or subject_after(d, c, end)
        if speaker is None or comma - lo < MIN_CLAUSE_TOKENS:
            return None
        rest = speaker.last if speaker.first > c else c + 1
        if any(d.toks[j].text.lower() not in skip and d.toks[j].text != ","
               for j in range(rest, end)) and not media_re().match(d.text, d.toks[rest].start):
            return None  # "In a televised address, the king urged calm.": an object follows
        clause_end = d.toks[comma + 1].end if closing else d.toks[comma - 1].end
        return d.toks[d.clause_start(lo)].start, clause_end, speaker, c
    return None



def _starts_with_quote(d: QuoteDoc, lo: int) -> bool:
    """The sentence opens with a quotation mark."""
    return lo < len(d.toks) and d.toks[lo].kind == "quote"



def _according_to(d: QuoteDoc, lo: int, hi: int):
    """``According to X, CLAUSE.`` / ``CLAUSE, according to X.`` -- X a person, a group
    or an organisation (``according to the Met Office``: sourcing is attribution)."""
    pos = d.according
    for j in range(bisect.bisect_left(pos, lo), len(pos)):
        k = pos[j]
        if k >= hi - 1:
            break
        speaker = mention_after(d, k + 2)
        if speaker is None:
            return None
        if k == lo:  # "According to X, CLAUSE."
            comma = speaker.last
            while comma < hi and d.toks[comma].text != ",":
                comma += 1
            start = comma + 1
            end = _clause_end(d, start, hi)
            if end - start < MIN_CLAUSE_TOKENS:
                return None
            return d.toks[start].start, d.toks[end - 1].end, speaker, k
        if d.toks[k - 1].text == ",":  # "CLAUSE, according to X."
            return d.toks[d.clause_start(lo)].start, d.toks[k - 2].end, speaker, k
    return None

