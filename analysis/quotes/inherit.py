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

__all__ = ["inherit_speakers", "take_turns"]


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


def _unattributed(d: QuoteDoc, lo: int, hi: int) -> bool:
    """The characters ``[lo, hi)`` hold no word outside quotation marks: a paragraph
    that is only a quotation, with no one named and no cue."""
    a, b = d.tok_range(lo, hi)
    return not any(not d.inside[k] and d.toks[k].kind in ("word", "number")
                   for k in range(a, b))


def _question(d: QuoteDoc, r: Draft) -> bool:
    return d.text[r.start:r.end].rstrip("”’\"' ").endswith("?")


def take_turns(d: QuoteDoc, raw: list[Draft], resolved: dict) -> None:
    """Turn-taking in an exchange (``dialogue_turn``): in consecutive paragraphs that are
    each a quotation, a paragraph with no attribution of its own that asks a question,
    or answers one, takes the speaker of the turn before the last when the last two
    turns were by different people (``“Where were you?” she asked. / “At home,” he
    said. / “Alone?”`` -- the question is hers).  Interviews and hearings alternate;
    a statement after a statement continues its speaker (``inherit_previous``).
    ``resolved`` maps mention starts to (name, entity), as the resolver gives them."""
    paras = d.paragraphs
    starts = [p[0] for p in paras]
    turns: list[tuple[int, str | None, Draft]] = []  # paragraph, speaker, its last quote
    for r in sorted(raw, key=lambda r: r.start):
        if r.kind != "direct":
            continue
        k = bisect.bisect_right(starts, r.start) - 1
        lo, hi = paras[k]
        if _unattributed(d, lo, hi) and len(turns) >= 2 and turns[-1][0] == k - 1 and \
                turns[-2][0] == k - 2 and turns[-2][1] != turns[-1][1] and \
                turns[-2][1] is not None and (_question(d, turns[-1][2]) or _question(d, r)):
            earlier = turns[-2][2]
            r.mention, r.cue, r.speaker_rule = earlier.mention, earlier.cue, "dialogue_turn"
        name = resolved.get(r.mention.start, (None,))[0] if r.mention is not None else None
        if turns and turns[-1][0] == k:
            turns[-1] = (k, turns[-1][1], r)  # the paragraph's last quote asks or answers
        else:
            turns.append((k, name, r))

