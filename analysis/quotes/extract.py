"""The rules of quotation extraction and speaker attribution, without a parser.

Every rule has a name, recorded on what it finds (``Quote.rule`` for the content,
``Quote.speaker_rule`` for the speaker) and registered with a description, examples and
counterexamples in :mod:`analysis.quotes.rules`.  The steps, each a small function below:

1. **Spans** — quotation marks paired by :func:`analysis.quotes.spans.quote_spans`.
2. **Kind** (:func:`kind_rule`) — a span is ``direct`` when it stands as a clause of
   its own (``direct_sentence``: it starts the sentence or follows a cue, comma, colon
   or *that*, and ends in punctuation inside the marks; ``direct_clause``: three or more
   words, capitalised after such an opening; ``direct_unclosed``: a long quotation
   closed by policy at a paragraph end), else ``partial``.  A span after a naming word
   or a possessor is a title (``title_naming``, ``title_possessor``); a partial span
   with no reporting cue and no ``according to`` in its sentence is a scare quote,
   title or nickname (``scare_quote``); neither is reported.
3. **Cue and speaker** — a reporting verb (``data/reporting_verbs.txt``) after the
   quote in its last sentence (``cue_after``: ``’ he remarked``, ``,” said Steve
   Cowan``) or before it in its first sentence (``cue_before``: ``Aragchi, in a Friday
   interview, stated, ‘``), ``according to X`` after it (``according_to_after``), or
   the subject of a clause ending in a colon (``colon_intro``).  The speaker is the
   mention next to the cue, skipping adverbs and comma parentheticals; for a
   participle cue (``..., stating, ‘``) it is the subject of the sentence.  A partial
   quote takes the cue of its sentence (``partial_cue``) or its ``according to`` source.
4. **Inheritance** — the second half of a split quote (``“A,” he said. “B.”``) and a
   paragraph that only continues a quotation take the speaker of the quote before
   (``inherit_previous``) or after (``inherit_next``).
5. **Indirect speech** — ``X said (that) CLAUSE`` (``that_clause``), ``CLAUSE, X
   said.`` (``final_cue``), ``according to X, CLAUSE`` (``according_to``) in sentences
   without direct quotes, and ``…, adding that CLAUSE`` (``adding_that``); the span is
   the reported clause without *that* and the final stop.  Sourcing by an organisation
   (``according to the Met Office``) is attribution as much as by a person.
6. **Resolution** (:mod:`analysis.quotes.resolve`) — mentions to entities with a
   category (person, organisation, other); ``Quote.speaker_category`` records it.

Mentions in a wire dateline (``LONDON (Reuters) -``) are never speakers (``dateline``).
Search windows are the named parameters below; word classes are data files in
``analysis/data/quotes/`` (:mod:`analysis.quotes.lexicon`).  Every per-quote lookup is
bounded or indexed, so the rules run in time linear in the document length.

Known failure modes: speakers introduced only by a verb outside the lexicon
(``he fumed``); pronouns whose antecedent is not the most recent person; quotes
whose speaker is named two sentences away with no pronoun; indirect speech with a
subordinate clause that is not introduced by *that* after verbs other than those of
``data/quotes/verb_frames.tsv``.

Examples
--------
>>> text = "‘We will not,’ said Foreign Minister Abbas Aragchi. He added: ‘Never.’"
>>> [(q.text, q.kind, q.speaker) for q in analyse_quotes_by_rules(text)[0]]
[('‘We will not,’', 'direct', 'Abbas Aragchi'), ('‘Never.’', 'direct', 'Abbas Aragchi')]
"""

from __future__ import annotations

from analysis.quotes.assemble import make_quote, speakers_of
from analysis.quotes.document import QuoteDoc
from analysis.quotes.indirect import indirect_clauses
from analysis.quotes.inherit import inherit_speakers
from analysis.quotes.kinds import MIN_SPAN_CHARS, kind_rule, partial_cue
from analysis.quotes.records import Draft, Quote, Speaker
from analysis.quotes.resolve import resolve_speakers
from analysis.quotes.speakers import according_to_mention, attribute_cue, attribution_of
from analysis.text import TextDoc, build

__all__ = ["analyse_quotes_by_rules", "rule_quotes"]


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
    d = QuoteDoc(model)
    raw = rule_quotes(d)
    resolved = resolve_speakers(d, raw)
    quotes = [make_quote(d, r, resolved) for r in raw]
    return quotes, speakers_of(quotes, resolved)



def rule_quotes(d: QuoteDoc) -> list[Draft]:
    """Quotes found by the rules alone (marks paired, cues and speakers by rule).

    Spans that are not reported are recorded in ``d.fired`` with the rule that dropped
    them (``title_naming``, ``title_possessor``, ``scare_quote``)."""
    text = d.text
    raw: list[Draft] = []
    prev_end = 0
    for n, span in enumerate(d.spans):
        next_start = d.spans[n + 1].start if n + 1 < len(d.spans) else len(text)
        if span.end - span.start < MIN_SPAN_CHARS:
            prev_end = span.end
            continue
        kind, decided_by = kind_rule(d, span)
        d.note(decided_by, span.start, span.end)
        if kind == "title":
            prev_end = span.end
            continue
        if kind == "direct":
            mention, cue, speaker_rule = attribution_of(d, span, prev_end, next_start)
        else:
            cue = partial_cue(d, span)
            a, b = d.tok_range(span.start, span.end)
            lo, hi = d.sent_tok[d.toks[a].sentence] if a < len(d.toks) else (a, a)
            source = according_to_mention(d, lo, hi)
            if cue is None and source is None:
                d.note("scare_quote", span.start, span.end)
                prev_end = span.end
                continue  # a scare quote, a title or a nickname: nobody speaks
            if source is not None:
                mention, cue = source  # "“rushed and unworkable,” according to Packaging Europe"
                speaker_rule = "according_to"
            else:
                mention = attribute_cue(d, cue, lo, hi)
                speaker_rule = "partial_cue"
            if mention is None:
                d.note("scare_quote", span.start, span.end)
                prev_end = span.end
                continue  # a cue but nobody who speaks ("have been widely criticised"): scare quote
        raw.append(Draft(span.start, span.end, kind, mention, cue, span.closed, "marks",
                        speaker_rule if mention is not None else None, decided_by))
        prev_end = span.end
    inherit_speakers(d, raw)
    direct_sents = set()
    for r in raw:
        if r.kind == "direct":
            a, b = d.tok_range(r.start, r.end)
            direct_sents.update(t.sentence for t in d.toks[a:b])
    for start, end, mention, cue, rule in indirect_clauses(d, direct_sents):
        raw.append(Draft(start, end, "indirect", mention, cue, True, rule, rule))
    raw.sort(key=lambda r: (r.start, r.end))
    return raw

