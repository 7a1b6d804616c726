"""Kinds of quotations: direct, partial, or a title (not reported).

A span is ``direct`` when it stands as a clause of its own (``direct_sentence``: it
starts the sentence or follows a cue, comma, colon or *that*, and ends in punctuation
inside the marks; ``direct_clause``: three or more words, capitalised after such an
opening; ``direct_unclosed``: a long quotation closed by policy at a paragraph end),
else ``partial``.  A span after a naming word or a possessor is a title
(``title_naming``, ``title_possessor``).  A partial quotation takes the cue of its
sentence (:func:`partial_cue`).

Examples
--------
>>> from analysis.quotes.document import QuoteDoc
>>> from analysis.text import build
>>> d = QuoteDoc(build("The report, titled “A Nation at Risk,” came out. “No,” he said."))
>>> [kind_rule(d, s) for s in d.spans]
[('title', 'title_naming'), ('direct', 'direct_sentence')]
"""

from __future__ import annotations

import bisect
from functools import cache

from analysis.quotes.document import QuoteDoc
from analysis.quotes.lexicon import CLASSES, tagged
from analysis.quotes.spans import QuoteSpan
from analysis.resources import word_list

__all__ = ["CONTINUATION_WINDOW", "DIRECT_MIN_WORDS", "MIN_SPAN_CHARS", "NAMING_CUE_WINDOW", "kind_of", "kind_rule", "partial_cue"]


#: "as" before a quotation names a title unless a cue stands this many tokens before it
#: ("described it as “a disaster”" is speech; "known as “the Beast”" is a name).
NAMING_CUE_WINDOW = 8



#: A quotation after a comma continues a sentence when a cue stands this many tokens
#: before the comma ("“We are not going anywhere,” she said, “until …”").
CONTINUATION_WINDOW = 4



#: A span this short (characters, marks included) is not a quotation ("“A”", "''").
MIN_SPAN_CHARS = 3



#: A quotation of at least this many words can be direct without an opening clause.
DIRECT_MIN_WORDS = 3



def kind_of(d: QuoteDoc, span: QuoteSpan) -> str:
    """``direct``, ``partial`` or ``title`` (see :func:`kind_rule`)."""
    return kind_rule(d, span)[0]



def kind_rule(d: QuoteDoc, span: QuoteSpan) -> tuple[str, str]:
    """The kind of a quotation span and the name of the rule that decided it."""
    a, b = d.tok_range(span.start, span.end)
    inner = d.text[span.start + 1:span.end - (1 if span.closed else 0)].strip()
    words = sum(1 for t in d.toks[a:b] if t.kind in ("word", "number", "abbreviation"))
    starts_sentence = a >= len(d.toks) or d.first_word[d.toks[a].sentence] >= a
    prev = d.toks[a - 1] if a > 0 else None
    # opened by a colon, "that" or a cue, or by a comma after a cue ("he said, “until …”")
    # or before a capital ("Ryan says no matter what …, “his word …”" is partial)
    introduced = prev is not None and (
        prev.text == ":" or prev.text.lower() == "that" or d.cues[a - 1] or (
            prev.text == "," and (inner[:1].isupper() or _cue_before(d, a - 1,
                                                                      CONTINUATION_WINDOW))))
    ends_punct = bool(inner) and inner[-1] in ".?!,;:—…-"
    if prev is not None and prev.text.lower() in word_list("quotes/naming_words.txt") and not (
            prev.text.lower() == "as" and _cue_before(d, a - 1, NAMING_CUE_WINDOW)):
        return "title", "title_naming"  # "titled “…”", "known as “…”"; not "described it as"
    if prev is not None and prev.kind == "clitic" and _title_case(inner):
        return "title", "title_possessor"  # CNN's “State of the Union”: a work, not a speaker
    if ends_punct and (starts_sentence or introduced):
        return "direct", "direct_sentence"  # a sentence of its own: “No excuses.”, ‘Yes,’ she said
    upper = inner[:1].isupper()
    if words >= DIRECT_MIN_WORDS and (starts_sentence or ((ends_punct or introduced) and upper)):
        return "direct", "direct_clause"  # mid-sentence and lower-case ("a “monument.”"): partial
    if not span.closed and words >= DIRECT_MIN_WORDS:
        return "direct", "direct_unclosed"
    return "partial", "partial"



@cache
def _minor_words() -> frozenset[str]:
    """Words a title in title case keeps lower case (Chicago Manual of Style 8.159)."""
    return (tagged(CLASSES, "article") | tagged(CLASSES, "coordinator")
            | tagged(CLASSES, "preposition"))



def _title_case(inner: str) -> bool:
    """Every word capitalised except short function words: "State of the Union"."""
    words = [w.strip(".,;:!?") for w in inner.split()]
    words = [w for w in words if w]
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _minor_words() for w in words)



def _cue_before(d: QuoteDoc, k: int, distance: int) -> bool:
    """A reporting verb within ``distance`` tokens before token ``k`` (same sentence)."""
    if k < 0 or k >= len(d.toks):
        return False
    lo = max(d.sent_tok[d.toks[k].sentence][0], k - distance)
    return bool(d.cues_in(lo, k))



def partial_cue(d: QuoteDoc, span: QuoteSpan) -> int | None:
    """The cue of a partial quotation: the last one before it in its sentence, else the
    first one after it (from the cue index: no scan of the sentence)."""
    a, b = d.tok_range(span.start, span.end)
    if a >= len(d.toks):
        return None
    lo, hi = d.sent_tok[d.toks[a].sentence]
    pos = d.cue_positions
    k = bisect.bisect_left(pos, a) - 1
    if k >= 0 and pos[k] >= lo:
        return pos[k]
    k = bisect.bisect_left(pos, b)
    return pos[k] if k < len(pos) and pos[k] < hi else None

