"""What every quote rule looks up, computed once per document: :class:`QuoteDoc`.

It holds the document model's tokens and sentences, the quotation spans
(:mod:`analysis.quotes.spans`), which tokens lie inside quotation marks, the cue
tokens (reporting verbs of ``data/reporting_verbs.txt`` not used as nouns), the
mentions (:mod:`analysis.quotes.mentions`) and indexes over them, so that no rule
scans a whole sentence per quote.  Mentions in a wire dateline (``LONDON (Reuters)
-``, or a place and a colon opening the article) are never speakers (``dateline``).

Examples
--------
>>> from analysis.text import build
>>> d = QuoteDoc(build("LONDON (Reuters) - “We will win,” said Ana Ruiz."))
>>> d.datelines, [m.text for m in d.mentions]
([(0, 19)], ['Ana Ruiz'])
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from analysis.quotes.lexicon import noun_determiners, subject_determiners
from analysis.quotes.mention_types import mention_types
from analysis.quotes.mentions import doc_columns, find_mentions
from analysis.quotes.spans import quote_spans
from analysis.resources import word_list, word_map
from analysis.text import TextDoc, Token

__all__ = ["MEDIUM_MODIFIERS", "QuoteDoc", "media_re"]


#: Most words between the preposition and the medium noun ("in a televised interview").
MEDIUM_MODIFIERS = 3



@cache
def media_re() -> re.Pattern[str]:
    media = sorted(word_list("media.txt"), key=len, reverse=True)
    alt = "|".join(re.escape(m) for m in media)
    dets = "|".join(sorted(subject_determiners()))
    return re.compile(
        rf"\b(?:on|in|via|during|at|to)\s+(?:(?:{dets})\s+)?"
        rf"(?:[\w’'-]+\s+){{0,{MEDIUM_MODIFIERS}}}?(?:{alt})\b"
    )



class QuoteDoc:
    """Everything the attribution steps look up, computed once per document.

    ``fired`` records ``(rule, start, end)`` for the rules that act on a span without
    producing a quote (a title, a scare quote, a dateline) and for the kind rules, so
    that :mod:`analysis.quotes.rules` can show why a span was or was not reported.
    """

    def __init__(self, model: TextDoc):
        text, sents, toks = model.text, model.sentences, model.tokens
        self.model = model
        self.text, self.sents, self.toks = text, sents, toks
        self.tok_starts = model.token_starts
        self.sent_tok = model.sentence_tokens
        self.fired: list[tuple[str, int, int]] = []
        self.paragraphs = [(p.start, p.end) for p in model.paragraphs]
        self.spans = quote_spans(text, model.marks, self.paragraphs)
        self.fired.extend((span.ended_by, span.start, span.end)
                          for span in self.spans if span.ended_by != "mark")
        self.inside = [False] * len(toks)
        for span in self.spans:
            a, b = self.tok_range(span.start, span.end)
            for k in range(a, b):
                self.inside[k] = True
        verbs = word_map("reporting_verbs.txt")
        self.verbs = verbs
        columns = doc_columns(model)
        lowered = columns.lowered
        self.cues = [
            (not self.inside[k]) and kind == "word" and low in verbs
            and not _is_noun_use(toks, k)
            for k, (kind, low) in enumerate(zip(columns.kinds, lowered, strict=True))
        ]
        # indexes, so that no rule scans a whole sentence per quote
        self.cue_positions = [k for k, is_cue in enumerate(self.cues) if is_cue]
        self.according = [k for k in range(len(toks) - 1)
                          if lowered[k] == "according" and not self.inside[k]
                          and lowered[k + 1] == "to"]
        self.participle_commas = [
            k for k in range(len(toks) - 1)
            if toks[k].text == "," and self.cues[k + 1]
            and toks[k + 1].text.lower().endswith("ing")]
        self.first_word = [next((k for k in range(a, b)
                                 if toks[k].kind not in ("quote", "punct")), b)
                           for a, b in self.sent_tok]
        datelines = _datelines(text, self.paragraphs)
        self.datelines = datelines
        dateline_starts = [a for a, _ in datelines]
        self.dateline_after: dict[int, int] = {}  # first token of a dateline -> token after it
        for a, b in datelines:
            self.fired.append(("dateline", a, b))
            first, after = self.tok_range(a, b)
            self.dateline_after[first] = after

        def in_dateline(pos: int) -> bool:
            k = bisect.bisect_right(dateline_starts, pos) - 1
            return k >= 0 and pos < datelines[k][1]

        self.all_mentions = find_mentions(text, sents, toks, columns=columns)
        self.mentions = [m for m in self.all_mentions
                         if not self.inside[m.first] and not in_dateline(m.start)]
        self.mentions.sort(key=lambda m: m.first)
        self.mention_firsts = [m.first for m in self.mentions]
        self.span_starts = [span.start for span in self.spans]
        self.ending_at = {m.last: m for m in self.mentions}
        self.starting_at = {m.first: m for m in self.mentions}
        self.starting_at.update({m.lead: m for m in self.mentions if m.lead >= 0})
        self._types: list[dict[str, float]] | None = None

    @property
    def types(self) -> list[dict[str, float]]:
        """Type probabilities of :attr:`mentions` (:mod:`analysis.quotes.mention_types`),
        computed on first use."""
        if self._types is None:
            self._types = mention_types(self.model, self.mentions)
        return self._types

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        return (bisect.bisect_left(self.tok_starts, start),
                bisect.bisect_left(self.tok_starts, end))

    def clause_start(self, lo: int) -> int:
        """The first token of a clause that opens a sentence at ``lo``, after a dateline."""
        return self.dateline_after.get(lo, lo)

    def cues_in(self, lo: int, hi: int) -> list[int]:
        """Cue tokens in ``[lo, hi)``, from the index."""
        pos = self.cue_positions
        return pos[bisect.bisect_left(pos, lo):bisect.bisect_left(pos, hi)]

    def note(self, rule: str, start: int, end: int) -> None:
        """Record that ``rule`` acted on the characters ``[start, end)``."""
        self.fired.append((rule, start, end))



#: A wire-copy dateline opening a paragraph: "LONDON (Reuters) -", "WASHINGTON —",
#: "PARIS, June 3 (AFP) –", "NEW YORK, Jan. 5 -".
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*"            # the place, in capitals
    r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?(?=[ ,(]))?"  # its region: ", England"
    r"(?:, [A-Z][a-z]+\.? \d{1,2})?"                    # an optional date
    r"(?: \([A-Za-z][A-Za-z .&/-]*\))?"                  # an optional agency
    r" ?[-–—]{1,2} ")



#: A place and a colon opening an article: "Tehran: Signaling it might …",
#: "NEW DELHI: The government …" (at most three capitalised words, then a capital).
_COLON_DATELINE_RE = re.compile(r"[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+){0,2}:[ \t]+(?=[A-Z])")



def _datelines(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Character spans of datelines at paragraph starts (they name no speaker)."""
    out = []
    for n, (start, end) in enumerate(paragraphs):
        match = _DATELINE_RE.match(text, start, end)
        if match is None and n == 0:
            match = _COLON_DATELINE_RE.match(text, start, end)
        if match:
            out.append(match.span())
    return out



def _is_noun_use(toks: Sequence[Token], k: int) -> bool:
    """``a statement``, ``the report``: a cue word after a determiner is a noun."""
    return k > 0 and toks[k - 1].text.lower() in noun_determiners()

