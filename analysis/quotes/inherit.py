"""Inheritance: quotations with no attribution of their own take a neighbour's speaker.

The second half of a split quote (``“A,” he said. “B.”``) and a paragraph that only
continues a quotation take the speaker of the quote before (``inherit_previous``) or
after (``inherit_next``).

Examples
--------
>>> from analysis.quotes.extract import analyse_quotes_by_rules
>>> quotes = analyse_quotes_by_rules("“The water is safe,” the mayor said. “We tested it.”")[0]
>>> [(q.speaker, q.speaker_rule) for q in quotes]
[('the mayor', 'cue_after'), ('the mayor', 'inherit_previous')]
"""

from __future__ import annotations

import bisect

from analysis.quotes.document import QuoteDoc
from analysis.quotes.records import Draft

__all__ = ["inherit_speakers"]


def inherit_speakers(d: QuoteDoc, raw: list[Draft]) -> None:
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
        if prev is not None and prev.mention is not None and _attributed_like_direct(d, prev) and (
                para(prev.start) == para(r.start) or
                (para(r.start) == para(prev.end) + 1 and paras[para(r.start)][0] == r.start)):
            r.mention, r.cue, r.speaker_rule = prev.mention, prev.cue, "inherit_previous"
        elif nxt is not None and nxt.mention is not None and nxt.kind == "direct" and \
                para(nxt.start) == para(r.start) and not d.text[r.end:nxt.start].strip(" ,;:—–-"):
            r.mention, r.cue, r.speaker_rule = nxt.mention, nxt.cue, "inherit_next"



def _attributed_like_direct(d: QuoteDoc, r: Draft) -> bool:
    """A direct quote, or a partial one attributed by the cue right after it
    ("… ''conflate refugees with terrorism,'' Mr. Rahman said. ''This will …''"):
    a quotation that follows in the same paragraph continues its speaker's words."""
    return r.kind == "direct" or (r.kind == "partial" and r.cue is not None and
                                  d.toks[r.cue].start >= r.end)

