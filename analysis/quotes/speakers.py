"""Cues and speakers: the reporting verb of a quotation and the mention that says it.

Rules (registered in :mod:`analysis.quotes.rules`): a reporting verb after the quote in
its last sentence (``cue_after``: ``’ he remarked``, ``,” said Steve Cowan``) or before
it in its first sentence (``cue_before``: ``Aragchi, in a Friday interview, stated,
‘``), ``according to X`` after it (``according_to_after``), or the subject of a clause
ending in a colon (``colon_intro``).  The speaker is the mention next to the cue,
skipping adverbs and comma parentheticals; for a participle cue (``..., stating, ‘``)
it is the subject of the sentence.  Search windows are the named parameters below.

Examples
--------
>>> from analysis.quotes.document import QuoteDoc
>>> from analysis.text import build
>>> d = QuoteDoc(build("“We will win,” said Mayor Ana Ruiz."))
>>> mention, cue, rule = attribution_of(d, d.spans[0], 0, len(d.text))
>>> mention.text, d.toks[cue].text, rule
('Ana Ruiz', 'said', 'cue_after')
"""

from __future__ import annotations

import bisect

from analysis.quotes.document import QuoteDoc
from analysis.quotes.lexicon import (
    CLASSES,
    SENTENCE_FINAL,
    demonstratives,
    determiners,
    function_words,
    skippable,
    tagged,
)
from analysis.quotes.mentions import OTHER, Mention
from analysis.quotes.spans import QuoteSpan

__all__ = ["AFTER_STEPS", "AFTER_WINDOW", "BEFORE_WINDOW", "MIN_SPEAKER_CHARS", "PARENTHETICAL_WINDOW", "SUBJECT_AFTER_WINDOW", "SUBJECT_MENTIONS", "according_to_mention", "attribute_cue", "attribution_of", "first_mention", "mention_after", "subject_after", "subject_before"]


#: Tokens after a quotation searched for its cue (same sentence, before the next quotation).
AFTER_WINDOW = 14



#: Steps counted in that window before giving up; a long speaker mention counts as one
#: step ("the EU’s environment commissioner, Sofia Lindgren, told").
AFTER_STEPS = 9



#: Furthest a cue before a quotation may stand from its opening mark, in tokens.
BEFORE_WINDOW = 10



#: Most tokens of a comma parenthetical skipped between a speaker and its cue
#: ("Aragchi, in a Friday interview with state television, stated").
PARENTHETICAL_WINDOW = 20



#: Tokens after a cue searched for a postposed subject ("said former Gov. Bill Richardson").
SUBJECT_AFTER_WINDOW = 3



#: Mentions read from the start of a sentence for its subject ("..., saying", "and said").
SUBJECT_MENTIONS = 12



#: Shortest speaker mention in characters (a lone capital is an initial, not a speaker).
MIN_SPEAKER_CHARS = 2



def subject_before(d: QuoteDoc, c: int, lo: int) -> Mention | None:
    k = c - 1
    skip = skippable()
    while k >= lo:
        tok = d.toks[k]
        low = tok.text.lower()
        if k + 1 in d.ending_at and d.ending_at[k + 1].first >= lo:
            return _phrase_head(d, d.ending_at[k + 1], lo)
        if low in skip:
            k -= 1
            continue
        if tok.kind == "number" and k - 1 >= lo and d.toks[k - 1].text == "," \
                and k + 1 < len(d.toks) and d.toks[k + 1].text == ",":
            k -= 2  # an age between commas: "Kenji Watanabe, 71, a retired teacher, said"
            continue
        if tok.text == ",":  # skip a comma parenthetical: "Aragchi, in an interview, stated"
            p = k - 1
            stop = max(lo, k - PARENTHETICAL_WINDOW)
            while p >= stop and d.toks[p].text != "," and d.toks[p].text not in SENTENCE_FINAL and (
                    not d.cues[p] or _relative_clause(d, p, stop)):
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



def _phrase_head(d: QuoteDoc, m: Mention, lo: int) -> Mention:
    """The head of the noun phrase that ends with ``m``: "Chris Murphy of Connecticut",
    "Laura Kim of Harbor Bank" -- a mention after a preposition belongs to the one before."""
    k = m.first - 1
    if k - 1 >= lo and d.toks[k].text.lower() in tagged(CLASSES, "attaching"):
        head = d.ending_at.get(k)
        if head is not None and head.first >= lo and head.kind != "pronoun":
            return head
    return m



def _relative_clause(d: QuoteDoc, k: int, lo: int) -> bool:
    """Token ``k`` lies in a ", who …" clause (its cues are not the main verb)."""
    relative = tagged(CLASSES, "relative")
    while k >= lo and d.toks[k].text != ",":
        if d.toks[k].text.lower() in relative:
            return k > lo and d.toks[k - 1].text == ","
        k -= 1
    return False



def subject_after(d: QuoteDoc, c: int, hi: int) -> Mention | None:
    """The subject after a cue ("said the minister", "added another Senate Democrat",
    "said former Gov. Bill Richardson"): the mention that starts within
    :data:`SUBJECT_AFTER_WINDOW` tokens, past determiners and lower-case modifiers."""
    for k in range(c + 1, min(hi, c + 1 + SUBJECT_AFTER_WINDOW)):
        low = d.toks[k].text.lower()
        if k in d.starting_at and low not in demonstratives():
            m = d.starting_at[k]  # (not "argues that government efforts …")
            if m.kind == "description" and m.last + 1 < hi and d.toks[m.last].text == ",":
                name = d.starting_at.get(m.last + 1)  # "his colleague, Marie Laurent"
                if name is not None and name.kind == "name":
                    return name
            return m
        if low in determiners():
            continue
        if not (d.toks[k].kind == "word" and d.toks[k].text.islower() and low not in d.verbs
                and low not in function_words()):
            break
    return None



def first_mention(d: QuoteDoc, lo: int, hi: int) -> Mention | None:
    """The subject of the sentence part ``[lo, hi)``: its first mention that can speak
    (a person, organisation or name, not *it*, not a lone letter)."""
    start = bisect.bisect_left(d.mention_firsts, lo)
    for k in range(start, min(len(d.mentions), start + SUBJECT_MENTIONS)):
        m = d.mentions[k]
        if m.first >= hi:
            break
        if (m.category != OTHER or m.kind == "name") and \
                len(m.text) >= MIN_SPEAKER_CHARS and m.gender != "n":
            if m.kind == "description" and m.last < len(d.toks) and \
                    d.toks[m.last].text == ",":
                name = d.starting_at.get(m.last + 1)  # "the group’s director, Amira Haddad"
                if name is not None and name.kind == "name":
                    return name
            return m
    return None



def attribute_cue(d: QuoteDoc, c: int, lo: int, hi: int) -> Mention | None:
    """The speaker of cue token ``c`` in the token window ``[lo, hi)``."""
    if d.toks[c].text.lower().endswith("ing"):
        return first_mention(d, lo, c) or subject_after(d, c, hi)
    return subject_before(d, c, lo) or subject_after(d, c, hi)



def mention_after(d: QuoteDoc, k: int) -> Mention | None:
    """The mention that starts at token ``k``, or right after an article there
    ("according to the Met Office")."""
    mention = d.starting_at.get(k)
    if mention is None and k < len(d.toks) and \
            d.toks[k].text.lower() in tagged(CLASSES, "article"):
        mention = d.starting_at.get(k + 1)
    return mention



def _after_window(d: QuoteDoc, b: int, next_start: int) -> tuple[int, int]:
    if b >= len(d.toks) or b == 0:
        return b, b
    sent = d.toks[b - 1].sentence
    hi = b
    while hi < len(d.toks) and d.toks[hi].sentence == sent and d.toks[hi].start < next_start \
            and hi - b < AFTER_WINDOW:
        hi += 1
    return b, hi



def _before_window(d: QuoteDoc, a: int, prev_end: int) -> tuple[int, int]:
    """Tokens of the quotation's sentence before it, after the previous quotation."""
    if a >= len(d.toks):
        return a, a
    lo = d.sent_tok[d.toks[a].sentence][0]
    lo = max(lo, min(a, bisect.bisect_left(d.tok_starts, prev_end)))
    return lo, a



def attribution_of(d: QuoteDoc, span: QuoteSpan, prev_end: int,
                 next_start: int) -> tuple[Mention | None, int | None, str | None]:
    """The speaker mention, cue token and the name of the rule that found them."""
    a, b = d.tok_range(span.start, span.end)
    lo, hi = _after_window(d, b, next_start)
    relative = tagged(CLASSES, "relative")
    c, counted = lo, 0
    while c < hi and counted < AFTER_STEPS:
        low = d.toks[c].text.lower()
        if d.toks[c].text in SENTENCE_FINAL:
            break
        if low in relative and d.toks[c - 1].text == ",":
            # "…,” a firefighter, who asked not to be named, told reporters
            end = c + 1
            while end < hi and d.toks[end].text != "," and d.toks[end].text not in SENTENCE_FINAL:
                end += 1
            c = end + 1
            continue
        mention = d.starting_at.get(c)
        if mention is not None and mention.last > c + 1 and not d.cues[c]:
            c = mention.last  # a long speaker mention counts as one step:
            counted += 1      # "the EU’s environment commissioner, Sofia Lindgren, told"
            continue
        if low == "according" and c + 1 < hi and d.toks[c + 1].text.lower() == "to":
            speaker = mention_after(d, c + 2)
            if speaker is not None:
                return speaker, c, "according_to_after"  # "…,” according to Maria Santos
        if d.cues[c]:
            return attribute_cue(d, c, lo, hi), c, "cue_after"
        c += 1
        counted += 1
    lo, hi = _before_window(d, a, prev_end)
    k = bisect.bisect_left(d.cue_positions, hi) - 1
    if k >= 0 and d.cue_positions[k] >= max(lo, hi - BEFORE_WINDOW):
        c = d.cue_positions[k]
        return attribute_cue(d, c, lo, hi), c, "cue_before"
    if hi > lo and d.toks[hi - 1].text == ":":
        # "The coach put it simply: “…”": the subject of the introducing clause
        first = d.starting_at.get(lo)
        if first is not None:
            return first, None, "colon_intro"
    return None, None, None



def according_to_mention(d: QuoteDoc, lo: int, hi: int) -> tuple[Mention, int] | None:
    """The mention after "according to" in a sentence, and the token of *according*
    (from the index of "according to": no scan of the sentence)."""
    pos = d.according
    for j in range(bisect.bisect_left(pos, lo), len(pos)):
        k = pos[j]
        if k >= hi - 2:
            break
        mention = mention_after(d, k + 2)
        if mention is not None:
            return mention, k
    return None

