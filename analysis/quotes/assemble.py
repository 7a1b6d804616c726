"""From drafts to records: a :class:`~analysis.quotes.records.Quote` for each draft,
with its resolved speaker, cue, cue class and medium, and the
:class:`~analysis.quotes.records.Speaker` table of a document.

The medium is the channel named in the attribution (``on X``, ``in an interview``),
searched within :data:`MEDIUM_WINDOW` characters of the speaker or cue.

Examples
--------
>>> from analysis.quotes.extract import analyse_quotes_by_rules
>>> quotes, speakers = analyse_quotes_by_rules("“No,” Ana Ruiz told reporters on Twitter.")
>>> quotes[0].medium, quotes[0].cue_class, [s.name for s in speakers]
('on Twitter', 'speech', ['Ana Ruiz'])
"""

from __future__ import annotations

from analysis.quotes.cues import cue_class
from analysis.quotes.document import QuoteDoc, media_re
from analysis.quotes.mentions import PERSON
from analysis.quotes.records import Draft, Quote, Speaker
from analysis.quotes.resolve import speaker_category

__all__ = ["MEDIUM_WINDOW", "make_quote", "speakers_of"]


#: Characters after the speaker or cue searched for the medium ("on X", "in an interview").
MEDIUM_WINDOW = 200



def make_quote(d: QuoteDoc, r: Draft, resolved) -> Quote:
    start, end, kind, mention, cue, closed = r.start, r.end, r.kind, r.mention, r.cue, r.closed
    a, b = d.tok_range(start, end)
    sentences = tuple(sorted({t.sentence for t in d.toks[a:b]}))
    speaker = category = None
    if mention is not None:
        written = mention.text or d.text[mention.start:mention.end]
        speaker = resolved.get(mention.start, (written, None))[0]
        if not speaker:
            speaker = written  # an unresolved pronoun stays as written: "she"
        category = speaker_category(mention, resolved)
    cue_tok = d.toks[cue] if cue is not None else None
    medium = None
    if cue_tok is not None:
        lo = min(cue_tok.start, mention.start if mention else cue_tok.start)
        sent = d.sents[cue_tok.sentence]
        window_end = sent.end if not (start <= sent.end <= end) else start
        if cue_tok.start >= end:
            window_end = sent.end
        window_end = min(window_end, max(cue_tok.end, lo) + MEDIUM_WINDOW)
        found = media_re().search(d.text, lo, max(lo, window_end))
        if found and not (start <= found.start() < end):
            medium = found.group(0)
    if cue_tok is not None:
        klass = cue_class(_cue_phrase(d, cue))
    else:
        klass = "other" if kind == "indirect" else "speech"
    return Quote(start, end, d.text[start:end], kind, speaker,
                 mention.start if mention else None, mention.end if mention else None,
                 cue_tok.text if cue_tok else None, cue_tok.start if cue_tok else None,
                 cue_tok.end if cue_tok else None, sentences, medium, closed, r.rule,
                 r.speaker_rule if mention is not None else None, category, klass)



def _cue_phrase(d: QuoteDoc, cue: int) -> str:
    """The cue word with the word after it (``according to``) for its class."""
    nxt = d.toks[cue + 1].text if cue + 1 < len(d.toks) else ""
    return f"{d.toks[cue].text} {nxt}"



def speakers_of(quotes: list[Quote], resolved) -> list[Speaker]:
    counts: dict[str, int] = {}
    categories: dict[str, str] = {}
    for q in quotes:
        if q.speaker is not None:
            counts[q.speaker] = counts.get(q.speaker, 0) + 1
            if q.speaker_category is not None:
                categories.setdefault(q.speaker, q.speaker_category)
    entities = {}
    for name, ent in resolved.values():
        if name is not None and ent is not None:
            entities[name] = ent
    out = []
    for name in sorted(counts, key=lambda s: (-counts[s], s)):
        ent = entities.get(name)
        aliases = tuple(sorted(set(ent.names) | {name})) if ent else (name,)
        category = ent.category if ent else categories.get(name, PERSON)
        out.append(Speaker(name, aliases, category, counts[name]))
    return out

