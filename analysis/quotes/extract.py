"""The rules of quotation extraction and speaker attribution, without a parser.

Every rule has a name, recorded on what it finds (``Quote.rule`` for the content,
``Quote.speaker_rule`` for the speaker) and registered with a description, examples and
counterexamples in :mod:`analysis.quotes.rules`.  The steps, each a small function below:

1. **Spans** — quotation marks paired by :func:`analysis.quotes.spans.quote_spans`.
2. **Kind** (:func:`_kind_rule`) — a span is ``direct`` when it stands as a clause of
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

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from analysis.quotes.lexicon import tagged
from analysis.quotes.mentions import OTHER, PERSON, Mention, find_mentions
from analysis.quotes.resolve import _resolve, speaker_category
from analysis.quotes.spans import QuoteSpan, quote_spans
from analysis.resources import word_list, word_map
from analysis.text import TextDoc, Token, build, fold

__all__ = ["Quote", "Speaker", "analyse_quotes_by_rules", "rule_quotes"]

# --------------------------------------------------------------------------- parameters
#: Tokens after a quotation searched for its cue (same sentence, before the next quotation).
AFTER_WINDOW = 14
#: Steps counted in that window before giving up; a long speaker mention counts as one
#: step ("the EU’s environment commissioner, Sofia Lindgren, told").
AFTER_STEPS = 9
#: Furthest a cue before a quotation may stand from its opening mark, in tokens.
BEFORE_WINDOW = 10
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
#: Most tokens of a comma parenthetical skipped between a speaker and its cue
#: ("Aragchi, in a Friday interview with state television, stated").
PARENTHETICAL_WINDOW = 20
#: Tokens after a cue searched for a postposed subject ("said former Gov. Bill Richardson").
SUBJECT_AFTER_WINDOW = 3
#: Mentions read from the start of a sentence for its subject ("..., saying", "and said").
SUBJECT_MENTIONS = 12
#: Shortest speaker mention in characters (a lone capital is an initial, not a speaker).
MIN_SPEAKER_CHARS = 2
#: Characters after the speaker or cue searched for the medium ("on X", "in an interview").
MEDIUM_WINDOW = 200
#: Most words between the preposition and the medium noun ("in a televised interview").
MEDIUM_MODIFIERS = 3

#: Sentence-final punctuation (a clause or window never runs past it).
_FINAL = frozenset(".!?")
_CLASSES = "quotes/closed_classes.tsv"


@cache
def _skippable() -> frozenset[str]:
    return word_list("quotes/skippable.txt")


@cache
def _skippable_after_cue() -> frozenset[str]:
    """Skippable words after a cue, where "on"/"in" open an adjunct instead."""
    return _skippable() - tagged(_CLASSES, "preposition")


@cache
def _noun_determiners() -> frozenset[str]:
    """Before a cue word, these make it a noun: "a statement", "this report"."""
    return (tagged(_CLASSES, "article") | tagged(_CLASSES, "possessive")
            | tagged(_CLASSES, "demonstrative"))


@cache
def _determiners() -> frozenset[str]:
    """Determiners that open a speaker description ("another", "one", "the")."""
    return (_noun_determiners() | tagged(_CLASSES, "quantifier")
            | tagged(_CLASSES, "numeral"))


@cache
def _function_words() -> frozenset[str]:
    """Words that end the search for a postposed subject: "said on Monday", "said of"."""
    return word_list("not_names.txt") | tagged(_CLASSES, "preposition")


@cache
def _demonstratives() -> frozenset[str]:
    return tagged(_CLASSES, "demonstrative")


@cache
def _subject_determiners() -> frozenset[str]:
    """What may stand between a postposed cue and its subject: "said the minister"."""
    return tagged(_CLASSES, "article") | tagged(_CLASSES, "possessive")


def _frame(frame: str) -> frozenset[str]:
    return tagged("quotes/verb_frames.tsv", frame)


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
    ``inherit_previous``, or ``ranker`` for the learned ranker); the rules are listed
    in :mod:`analysis.quotes.rules`.  ``speaker_category`` is the category of the
    speaker's entity: ``person``, ``org`` or ``other`` (a group, or no evidence).
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
    speaker_category: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    """An entity that is quoted: canonical name, the other ways it is mentioned, its
    category (``person``, ``org`` or ``other``), counts."""

    name: str
    aliases: tuple[str, ...]
    category: str
    n_quotes: int


@cache
def _media_re() -> re.Pattern[str]:
    media = sorted(word_list("media.txt"), key=len, reverse=True)
    alt = "|".join(re.escape(m) for m in media)
    dets = "|".join(sorted(_subject_determiners()))
    return re.compile(
        rf"\b(?:on|in|via|during|at|to)\s+(?:(?:{dets})\s+)?"
        rf"(?:[\w’'-]+\s+){{0,{MEDIUM_MODIFIERS}}}?(?:{alt})\b"
    )


class _Doc:
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
        # indexes, so that no rule scans a whole sentence per quote
        self.cue_positions = [k for k, is_cue in enumerate(self.cues) if is_cue]
        self.according = [k for k in range(len(toks) - 1)
                          if toks[k].text.lower() == "according" and not self.inside[k]
                          and toks[k + 1].text.lower() == "to"]
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

        self.all_mentions = find_mentions(text, sents, toks)
        self.mentions = [m for m in self.all_mentions
                         if not self.inside[m.first] and not in_dateline(m.start)]
        self.mentions.sort(key=lambda m: m.first)
        self.mention_firsts = [m.first for m in self.mentions]
        self.span_starts = [span.start for span in self.spans]
        self.ending_at = {m.last: m for m in self.mentions}
        self.starting_at = {m.first: m for m in self.mentions}
        self.starting_at.update({m.lead: m for m in self.mentions if m.lead >= 0})

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
    return k > 0 and toks[k - 1].text.lower() in _noun_determiners()


# --------------------------------------------------------------------------- subjects
def _subject_before(d: _Doc, c: int, lo: int) -> Mention | None:
    k = c - 1
    skippable = _skippable()
    while k >= lo:
        tok = d.toks[k]
        low = tok.text.lower()
        if k + 1 in d.ending_at and d.ending_at[k + 1].first >= lo:
            return _phrase_head(d, d.ending_at[k + 1], lo)
        if low in skippable:
            k -= 1
            continue
        if tok.kind == "number" and k - 1 >= lo and d.toks[k - 1].text == "," \
                and k + 1 < len(d.toks) and d.toks[k + 1].text == ",":
            k -= 2  # an age between commas: "Kenji Watanabe, 71, a retired teacher, said"
            continue
        if tok.text == ",":  # skip a comma parenthetical: "Aragchi, in an interview, stated"
            p = k - 1
            stop = max(lo, k - PARENTHETICAL_WINDOW)
            while p >= stop and d.toks[p].text != "," and d.toks[p].text not in _FINAL and (
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


def _phrase_head(d: _Doc, m: Mention, lo: int) -> Mention:
    """The head of the noun phrase that ends with ``m``: "Chris Murphy of Connecticut",
    "Laura Kim of Harbor Bank" -- a mention after a preposition belongs to the one before."""
    k = m.first - 1
    if k - 1 >= lo and d.toks[k].text.lower() in tagged(_CLASSES, "attaching"):
        head = d.ending_at.get(k)
        if head is not None and head.first >= lo and head.kind != "pronoun":
            return head
    return m


def _relative_clause(d: _Doc, k: int, lo: int) -> bool:
    """Token ``k`` lies in a ", who …" clause (its cues are not the main verb)."""
    relative = tagged(_CLASSES, "relative")
    while k >= lo and d.toks[k].text != ",":
        if d.toks[k].text.lower() in relative:
            return k > lo and d.toks[k - 1].text == ","
        k -= 1
    return False


def _subject_after(d: _Doc, c: int, hi: int) -> Mention | None:
    """The subject after a cue ("said the minister", "added another Senate Democrat",
    "said former Gov. Bill Richardson"): the mention that starts within
    :data:`SUBJECT_AFTER_WINDOW` tokens, past determiners and lower-case modifiers."""
    for k in range(c + 1, min(hi, c + 1 + SUBJECT_AFTER_WINDOW)):
        low = d.toks[k].text.lower()
        if k in d.starting_at and low not in _demonstratives():
            m = d.starting_at[k]  # (not "argues that government efforts …")
            if m.kind == "description" and m.last + 1 < hi and d.toks[m.last].text == ",":
                name = d.starting_at.get(m.last + 1)  # "his colleague, Marie Laurent"
                if name is not None and name.kind == "name":
                    return name
            return m
        if low in _determiners():
            continue
        if not (d.toks[k].kind == "word" and d.toks[k].text.islower() and low not in d.verbs
                and low not in _function_words()):
            break
    return None


def _first_mention(d: _Doc, lo: int, hi: int) -> Mention | None:
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


def _attribute_cue(d: _Doc, c: int, lo: int, hi: int) -> Mention | None:
    """The speaker of cue token ``c`` in the token window ``[lo, hi)``."""
    if d.toks[c].text.lower().endswith("ing"):
        return _first_mention(d, lo, c) or _subject_after(d, c, hi)
    return _subject_before(d, c, lo) or _subject_after(d, c, hi)


def _mention_after(d: _Doc, k: int) -> Mention | None:
    """The mention that starts at token ``k``, or right after an article there
    ("according to the Met Office")."""
    mention = d.starting_at.get(k)
    if mention is None and k < len(d.toks) and \
            d.toks[k].text.lower() in tagged(_CLASSES, "article"):
        mention = d.starting_at.get(k + 1)
    return mention


# --------------------------------------------------------------------------- direct
def _after_window(d: _Doc, b: int, next_start: int) -> tuple[int, int]:
    if b >= len(d.toks) or b == 0:
        return b, b
    sent = d.toks[b - 1].sentence
    hi = b
    while hi < len(d.toks) and d.toks[hi].sentence == sent and d.toks[hi].start < next_start \
            and hi - b < AFTER_WINDOW:
        hi += 1
    return b, hi


def _before_window(d: _Doc, a: int, prev_end: int) -> tuple[int, int]:
    """Tokens of the quotation's sentence before it, after the previous quotation."""
    if a >= len(d.toks):
        return a, a
    lo = d.sent_tok[d.toks[a].sentence][0]
    lo = max(lo, min(a, bisect.bisect_left(d.tok_starts, prev_end)))
    return lo, a


def _attribution(d: _Doc, span: QuoteSpan, prev_end: int,
                 next_start: int) -> tuple[Mention | None, int | None, str | None]:
    """The speaker mention, cue token and the name of the rule that found them."""
    a, b = d.tok_range(span.start, span.end)
    lo, hi = _after_window(d, b, next_start)
    relative = tagged(_CLASSES, "relative")
    c, counted = lo, 0
    while c < hi and counted < AFTER_STEPS:
        low = d.toks[c].text.lower()
        if d.toks[c].text in _FINAL:
            break
        if low in relative and d.toks[c - 1].text == ",":
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
            speaker = _mention_after(d, c + 2)
            if speaker is not None:
                return speaker, c, "according_to_after"  # "…,” according to Maria Santos
        if d.cues[c]:
            return _attribute_cue(d, c, lo, hi), c, "cue_after"
        c += 1
        counted += 1
    lo, hi = _before_window(d, a, prev_end)
    k = bisect.bisect_left(d.cue_positions, hi) - 1
    if k >= 0 and d.cue_positions[k] >= max(lo, hi - BEFORE_WINDOW):
        c = d.cue_positions[k]
        return _attribute_cue(d, c, lo, hi), c, "cue_before"
    if hi > lo and d.toks[hi - 1].text == ":":
        # "The coach put it simply: “…”": the subject of the introducing clause
        first = d.starting_at.get(lo)
        if first is not None:
            return first, None, "colon_intro"
    return None, None, None


def _kind(d: _Doc, span: QuoteSpan) -> str:
    """``direct``, ``partial`` or ``title`` (see :func:`_kind_rule`)."""
    return _kind_rule(d, span)[0]


def _kind_rule(d: _Doc, span: QuoteSpan) -> tuple[str, str]:
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
    return (tagged(_CLASSES, "article") | tagged(_CLASSES, "coordinator")
            | tagged(_CLASSES, "preposition"))


def _title_case(inner: str) -> bool:
    """Every word capitalised except short function words: "State of the Union"."""
    words = [w.strip(".,;:!?") for w in inner.split()]
    words = [w for w in words if w]
    return bool(words) and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _minor_words() for w in words)


def _cue_before(d: _Doc, k: int, distance: int) -> bool:
    """A reporting verb within ``distance`` tokens before token ``k`` (same sentence)."""
    if k < 0 or k >= len(d.toks):
        return False
    lo = max(d.sent_tok[d.toks[k].sentence][0], k - distance)
    return bool(d.cues_in(lo, k))


def _partial_cue(d: _Doc, span: QuoteSpan) -> int | None:
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


# --------------------------------------------------------------------------- indirect
def _indirect(d: _Doc, direct_sents: set[int]) -> list[tuple[int, int, Mention | None, int, str]]:
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


def _clause_end(d: _Doc, lo: int, hi: int) -> int:
    end = hi
    while end > lo and (d.toks[end - 1].text in _FINAL or d.toks[end - 1].kind == "quote"):
        end -= 1
    return end


def _is_told_object(d: _Doc, k: int) -> bool:
    """The person object of *told*: a mention, an object pronoun, or a group noun
    ("told reporters", "told him", "told the committee")."""
    low = d.toks[k].text.lower()
    return _mention_after(d, k) is not None or low in tagged(_CLASSES, "object_pronoun") or \
        word_map("role_nouns.txt").get(low) == "p"


def _that_clause(d: _Doc, lo: int, hi: int, *, participles_only: bool = False,
                 subject_lo: int | None = None):
    """``X said (that) CLAUSE`` / ``…, adding that CLAUSE`` / ``quoted as saying CLAUSE``.

    With ``participles_only`` (a sentence that holds a direct quote) only the
    participle forms after a comma or *as* are considered, outside quotation marks.
    """
    bare_clause, skippable = _frame("bare_clause"), _skippable_after_cue()
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
            told = _mention_after(d, k)  # "told the BBC they had ...": the clause follows
            k = told.last if told is not None else k + 1
        clause_at = k  # where a bare clause may start
        while k < hi and d.toks[k].text.lower() in skippable:
            k += 1
        media = _media_re().match(d.text, d.toks[k].start) if k < hi else None
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
        speaker = _first_mention(d, first, c) if participle else _subject_before(d, c, lo)
        if speaker is None and c > lo and \
                d.toks[c - 1].text.lower() in tagged(_CLASSES, "coordinator"):
            speaker = d.starting_at.get(lo)  # "Campaigners welcomed the plan but said …"
        if speaker is None or len(speaker.text) < MIN_SPEAKER_CHARS:
            continue
        return d.toks[k].start, _close_quote(d, d.toks[end - 1].end), speaker, c
    return None


def _participle_cue_after(d: _Doc, k: int, hi: int) -> int:
    """Where a ", adding that …" / ", saying …" continuation starts (else ``hi``)."""
    pos = d.participle_commas
    j = bisect.bisect_left(pos, k + 1)
    return pos[j] if j < len(pos) and pos[j] < hi - 1 else hi


def _has_finite_verb(d: _Doc, k: int, hi: int) -> bool:
    """An auxiliary or copula (``data/quotes/closed_classes.tsv``) within the first words
    after ``k``: "acknowledged the decision was painful" is a clause, "argued the case"
    an object."""
    auxiliaries = tagged(_CLASSES, "auxiliary")
    for j in range(k + 1, min(hi, k + 1 + FINITE_WINDOW)):
        tok = d.toks[j]
        if tok.kind == "punct" or d.cues[j]:
            return False
        if fold(tok.text) in auxiliaries:
            return True
    return False


def _close_quote(d: _Doc, end: int) -> int:
    """Extend a clause that stops inside a quotation to the quotation's end."""
    k = bisect.bisect_left(d.span_starts, end) - 1
    if k >= 0 and d.spans[k].start < end < d.spans[k].end:
        return d.spans[k].end
    return end


def _after_time_adjunct(d: _Doc, k: int, hi: int) -> int:
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
    if len(words) >= 3 and words[0] == "in" and words[1] in tagged(_CLASSES, "article") and \
            words[2] in word_list("media.txt"):
        return k + 3
    return k


def _that_after_adjunct(d: _Doc, k: int, hi: int, lemma: str) -> int:
    """Index of *that* after an adjunct or an object: "announced on Monday that",
    "said in a statement that", "told the committee that" (else ``k`` unchanged)."""
    if k >= hi or not (d.toks[k].text.lower() in word_list("quotes/adjunct_starts.txt")
                       or lemma in _frame("object")):
        return k
    for j in range(k + 1, min(hi, k + 1 + THAT_WINDOW)):
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
    skippable = _skippable()
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
        speaker = _subject_before(d, c, comma + 1) or _subject_after(d, c, end)
        if speaker is None or comma - lo < MIN_CLAUSE_TOKENS:
            return None
        rest = speaker.last if speaker.first > c else c + 1
        if any(d.toks[j].text.lower() not in skippable and d.toks[j].text != ","
               for j in range(rest, end)) and not _media_re().match(d.text, d.toks[rest].start):
            return None  # "In a televised address, the king urged calm.": an object follows
        clause_end = d.toks[comma + 1].end if closing else d.toks[comma - 1].end
        return d.toks[d.clause_start(lo)].start, clause_end, speaker, c
    return None


def _starts_with_quote(d: _Doc, lo: int) -> bool:
    """The sentence opens with a quotation mark."""
    return lo < len(d.toks) and d.toks[lo].kind == "quote"


def _according_to_mention(d: _Doc, lo: int, hi: int) -> tuple[Mention, int] | None:
    """The mention after "according to" in a sentence, and the token of *according*
    (from the index of "according to": no scan of the sentence)."""
    pos = d.according
    for j in range(bisect.bisect_left(pos, lo), len(pos)):
        k = pos[j]
        if k >= hi - 2:
            break
        mention = _mention_after(d, k + 2)
        if mention is not None:
            return mention, k
    return None


def _according_to(d: _Doc, lo: int, hi: int):
    """``According to X, CLAUSE.`` / ``CLAUSE, according to X.`` -- X a person, a group
    or an organisation (``according to the Met Office``: sourcing is attribution)."""
    pos = d.according
    for j in range(bisect.bisect_left(pos, lo), len(pos)):
        k = pos[j]
        if k >= hi - 1:
            break
        speaker = _mention_after(d, k + 2)
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
    names of the rules (or models) that found the content, the speaker and the kind."""

    start: int
    end: int
    kind: str
    mention: Mention | None
    cue: int | None
    closed: bool
    rule: str
    speaker_rule: str | None
    kind_rule: str | None = None


def rule_quotes(d: _Doc) -> list[_Raw]:
    """Quotes found by the rules alone (marks paired, cues and speakers by rule).

    Spans that are not reported are recorded in ``d.fired`` with the rule that dropped
    them (``title_naming``, ``title_possessor``, ``scare_quote``)."""
    text = d.text
    raw: list[_Raw] = []
    prev_end = 0
    for n, span in enumerate(d.spans):
        next_start = d.spans[n + 1].start if n + 1 < len(d.spans) else len(text)
        if span.end - span.start < MIN_SPAN_CHARS:
            prev_end = span.end
            continue
        kind, kind_rule = _kind_rule(d, span)
        d.note(kind_rule, span.start, span.end)
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
                d.note("scare_quote", span.start, span.end)
                prev_end = span.end
                continue  # a scare quote, a title or a nickname: nobody speaks
            if source is not None:
                mention, cue = source  # "“rushed and unworkable,” according to Packaging Europe"
                speaker_rule = "according_to"
            else:
                mention = _attribute_cue(d, cue, lo, hi)
                speaker_rule = "partial_cue"
            if mention is None:
                d.note("scare_quote", span.start, span.end)
                prev_end = span.end
                continue  # a cue but nobody who speaks ("have been widely criticised"): scare quote
        raw.append(_Raw(span.start, span.end, kind, mention, cue, span.closed, "marks",
                        speaker_rule if mention is not None else None, kind_rule))
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
        if prev is not None and prev.mention is not None and _attributed_like_direct(d, prev) and (
                para(prev.start) == para(r.start) or
                (para(r.start) == para(prev.end) + 1 and paras[para(r.start)][0] == r.start)):
            r.mention, r.cue, r.speaker_rule = prev.mention, prev.cue, "inherit_previous"
        elif nxt is not None and nxt.mention is not None and nxt.kind == "direct" and \
                para(nxt.start) == para(r.start) and not d.text[r.end:nxt.start].strip(" ,;:—–-"):
            r.mention, r.cue, r.speaker_rule = nxt.mention, nxt.cue, "inherit_next"


def _attributed_like_direct(d: _Doc, r: _Raw) -> bool:
    """A direct quote, or a partial one attributed by the cue right after it
    ("… ''conflate refugees with terrorism,'' Mr. Rahman said. ''This will …''"):
    a quotation that follows in the same paragraph continues its speaker's words."""
    return r.kind == "direct" or (r.kind == "partial" and r.cue is not None and
                                  d.toks[r.cue].start >= r.end)


def _make_quote(d: _Doc, r: _Raw, resolved) -> Quote:
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
        found = _media_re().search(d.text, lo, max(lo, window_end))
        if found and not (start <= found.start() < end):
            medium = found.group(0)
    return Quote(start, end, d.text[start:end], kind, speaker,
                 mention.start if mention else None, mention.end if mention else None,
                 cue_tok.text if cue_tok else None, cue_tok.start if cue_tok else None,
                 cue_tok.end if cue_tok else None, sentences, medium, closed, r.rule,
                 r.speaker_rule if mention is not None else None, category)


def _speakers(quotes: list[Quote], resolved) -> list[Speaker]:
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
