"""Sentences as character-offset spans into the original text.

NLTK's Punkt (:class:`nltk.tokenize.punkt.PunktSentenceTokenizer`), run on a *view*
of the text in which typographic quotes are straight (same length, so offsets carry
over), with two sources of parameters merged by one rule -- the union, and the hand
list wins where both speak:

* learned from 840 news articles (PolNeAR) by Punkt's own trainer and shipped as
  text in ``data/punkt/`` (abbreviation types, sentence starters, the case in which
  each word is seen; see :mod:`analysis.text.punkt` for the filters and the rebuild
  command);
* written by hand: ``data/abbreviations.txt`` (added to the abbreviation types) and
  ``data/sentence_starters.txt`` (added to the sentence starters; their case context
  replaces the learned one: seen lower case mid-sentence, never upper case there).

A dotted initialism (``O.J.``, ``P.S.``) is an abbreviation even when no list has it.
Rules where Punkt is weak:

* paragraphs (line breaks) bound sentences, except a hard-wrapped line that
  ends mid-clause;
* a "sentence" that starts with a lower-case word continues the previous one
  (``“Stop!” he said.``; ``Did you?’ he asked.``), unless the word is a name or
  address written in lower case (``eHow``, ``www.``); so does one that starts with
  a dash (an attribution: ``"…" - Matthew Ingram``), one without letters or
  digits (``!`` after ``?``, a stray closing mark), and a reporting clause after
  a quotation that ends in ``?`` or ``!`` (``“Why?” Smith asked.``, but not
  ``“Why?” Nobody replied.``);
* footnote and reference markers belong to the sentence before them
  (``… he said.[17] The …``, ``[3][4]``, ``[citation needed]``, and a bare number
  before a capitalised sentence starter: ``… a fee. 8 Yet …``);
* a lone list or section marker (``1.``, ``a)``, ``2.1.``) joins the item it
  introduces;
* an enumeration run into one line (``1) The first item 2) The second item``,
  ``a. … b. …``, ``• 9. … • 10. …``): when a block opens with a marker and at
  least one more follows whose number or letter counts up by one, each marker
  starts a sentence and nothing splits it from its item;
* a number label (``No.``, ``p.``, ``Fig.``, ``c.``; ``data/number_labels.txt``) or
  an initialism (``H.R. 1``, ``H. R. 1280``) does not end a sentence before a
  number; a label is an ordinary word elsewhere (``voted no.``);
* a title with a period (``Dr.``, ``Gen.``; ``data/titles.txt``) never ends one;
* the one-character ellipsis ``…`` ends sentences as ``...`` does;
* no sentence is longer than :data:`MAX_SENTENCE_CHARS` (2,000) characters: a
  longer stretch is cut at its last clause punctuation, else its last space.

Measured on GUM documents never used for tuning (``benchmarks/sentences.py``): see
the README.  Every step is linear in the length of the text, whatever the text
(``benchmarks/tokenise_scaling.py``).

Speed
    Plain-word sentence ends are answered without Punkt's per-candidate annotation (a
    fast path that provably gives the same output: a test compares it with the slow
    path on the test texts and on random texts).

Not handled: languages other than English; sentence breaks that depend on
meaning (a headline, dateline or caption without final punctuation on the same line as
the body); abbreviations missing from both lists followed by a capitalised name;
boundaries at colons and semicolons; an unfinished sentence broken off by a dash
(``I can — Can you see this?``), because a dash before a capitalised word is as often
mid-sentence in news; several sentences inside one quotation are split.

Examples
--------
>>> [s.text for s in sentences("Mr. Smith came to the U.S. He left at 9 a.m. today.")]
['Mr. Smith came to the U.S.', 'He left at 9 a.m. today.']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from nltk.tokenize.punkt import (
    _ORTHO_BEG_UC,
    _ORTHO_MID_LC,
    _ORTHO_UNK_LC,
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
)

from analysis.resources import word_list
from analysis.text.marks import quote_view
from analysis.text.paragraphs import paragraph_spans

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "label_alternation", "punkt_tokenizer",
           "sentence_spans", "sentences"]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == doc_text[start:end]``; ``index`` counts from 0.

    Examples
    --------
    >>> s = sentences("One. Two.")[1]
    >>> (s.start, s.end, s.text, s.index)
    (5, 9, 'Two.', 1)
    """

    start: int
    end: int
    text: str
    index: int




#: Contexts whose Punkt decision is certain without annotating them: a word of two
#: or more letters, one ``.``, ``?`` or ``!``, then whitespace and a next token.
#: Punkt marks such a token a sentence break in its first pass, and its second pass
#: only revisits abbreviations, ellipses, initials and numbers -- so the answer is
#: "break" unless the word is a known abbreviation.
_PLAIN_BREAK_RE = re.compile(r"([A-Za-z]{2,})[.?!]\s+\S+")


class _LanguageVars(PunktLanguageVars):
    """NLTK's English settings, with its patterns compiled without a time limit.

    NLTK guards each pattern with a wall-clock limit (5 s) that covers a whole
    ``finditer`` -- including the caller's work between matches -- so a long block of
    text raises ``TimeoutError``.  The patterns are NLTK's own, unchanged, and linear.
    """

    re_boundary_realignment = re.compile(
        PunktLanguageVars.re_boundary_realignment.pattern, re.MULTILINE)

    def _word_tokenizer_re(self) -> re.Pattern[str]:
        try:
            return self._re_word_tokenizer
        except AttributeError:
            self._re_word_tokenizer = re.compile(
                self._word_tokenize_fmt % {"NonWord": self._re_non_word_chars,
                                           "MultiChar": self._re_multi_char_punct,
                                           "WordStart": self._re_word_start},
                re.UNICODE | re.VERBOSE)
            return self._re_word_tokenizer

    def period_context_re(self) -> re.Pattern[str]:
        try:
            return self._re_period_context
        except AttributeError:
            self._re_period_context = re.compile(
                self._period_context_fmt % {"NonWord": self._re_non_word_chars,
                                            "SentEndChars": self._re_sent_end_chars},
                re.UNICODE | re.VERBOSE)
            return self._re_period_context


#: A dotted initialism ("U.S.", "O.J.", "Ph.D."): Punkt's abbreviation rules apply to it
#: even when it is not in the lists (a break only before a word known to start sentences).
_DOTTED_RE = re.compile(r"(?:[^\W\d_]{1,2}\.){2,}")


class _Punkt(PunktSentenceTokenizer):
    """Punkt with dotted initialisms as abbreviations, and a fast path for plain-word ends.

    ``text_contains_sentbreak`` is called once per candidate end with a short
    context such as ``"talks. The"``; NLTK answers it by tokenising and annotating
    the context.  For the plain case above the answer follows from the parameters
    alone; every other context goes to NLTK unchanged.  A test checks that both
    paths agree on every candidate in the test texts.
    """

    def __init__(self, params: PunktParameters) -> None:
        super().__init__(params, lang_vars=_LanguageVars())
        self._colloc_firsts = frozenset(first for first, _ in params.collocations)

    def _first_pass_annotation(self, aug_tok: PunktToken) -> None:
        super()._first_pass_annotation(aug_tok)
        if aug_tok.sentbreak and aug_tok.period_final and _DOTTED_RE.fullmatch(aug_tok.tok):
            aug_tok.sentbreak = False
            aug_tok.abbr = True

    def text_contains_sentbreak(self, text: str) -> bool:
        match = _PLAIN_BREAK_RE.fullmatch(text)
        if match is not None:
            word = match.group(1).lower()
            if word not in self._params.abbrev_types and word not in self._colloc_firsts:
                return True
        return super().text_contains_sentbreak(text)



@cache
def punkt_tokenizer() -> PunktSentenceTokenizer:
    """Punkt with the shipped parameters (built once per process).

    Examples
    --------
    >>> "gov" in punkt_tokenizer()._params.abbrev_types
    True
    """
    # imported here, not at the top, so that ``python -m analysis.text.punkt`` (the
    # rebuild) runs that module once, as the program, not also as a package import
    from analysis.text.punkt import parameters as learned_parameters

    params = learned_parameters()
    params.abbrev_types |= word_list("abbreviations.txt")
    starters = word_list("sentence_starters.txt")
    params.sent_starters |= starters
    for word in starters:
        params.ortho_context[word] = _ORTHO_BEG_UC | _ORTHO_MID_LC | _ORTHO_UNK_LC
    return _Punkt(params)


_LINE_RE = re.compile(r"[^\n]+")
#: A sentence that starts with a lower-case word continues the one before -- unless the
#: word is a name written in lower case ("eHow", "iPhone") or a web address.
_LOWER_START_RE = re.compile(r"""["'(\[\s]*+[a-z]++(?![A-Z]|://|\.\w\w)""")
#: A sentence that starts with a dash is an attribution or an aside of the one before
#: ('"... a long game." - Matthew Ingram').
_DASH_START_RE = re.compile(r"[-–—]")
#: An initialism before a number ("H.R. 1", "H. R. 1280"); searched in the last 40 characters.
_INITIALISM_END_RE = re.compile(r"(?<![\w.])(?:[A-Za-z]\. ?){1,}[A-Za-z]\.$")
_LIST_MARKER_RE = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxIVX]{1,4})[.)]")
#: Footnote and reference markers ("[17]", "[3][4]", "[a]", "[citation needed]"): they
#: belong to the sentence before them.
_FOOTNOTES_RE = re.compile(r"(?:\[(?:\d{1,3}|[a-z]|citation needed)\][ \t]*)+")
_BARE_FOOTNOTE_RE = re.compile(r"(\d{1,3})[ \t]+([A-Z][a-z]*)\b")
_ALNUM_RE = re.compile(r"[^\W_]")
#: The subject and verb of a reporting clause: "I", or one to three capitalised words
#: (the first of them not a word that starts sentences: "Nobody replied." is a sentence).
_REPORTER_RE = re.compile(r"(I|[A-Z][a-z]+)(?: [A-Z][a-z]+){0,2} ([a-z]+)\b")
#: How far back the end-of-sentence checks look (longer than any title, label or initialism).
_TAIL = 40

#: The longest sentence this module returns, in characters.  A longer stretch without
#: a sentence end (a list without stops, a table flattened to text, hostile input) is
#: cut, so that later stages never get an unbounded sentence: at the last ``;``, ``:``,
#: ``,``, dash or closing bracket followed by whitespace in the second half of the
#: window, else at its last whitespace, else after exactly this many characters.
MAX_SENTENCE_CHARS = 2000


@cache
def _number_label_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])(?i:{label_alternation()})\.$")


@cache
def _period_titles() -> frozenset[str]:
    """Titles with a period ("Dr.", "Gen."; ``data/titles.txt``): they never end a sentence."""
    return frozenset(t for t in word_list("titles.txt") if t.endswith(".") and " " not in t)


def _last_word(view: str, start: int, end: int) -> str:
    """The text after the last space of ``view[start:end]``, looking back at most ``_TAIL``."""
    lo = max(start, end - _TAIL)
    return view[max(lo, view.rfind(" ", lo, end) + 1):end]


def _continues(view: str, prev: tuple[int, int], start: int) -> bool:
    """Whether the Punkt sentence starting at ``start`` continues the one before (``prev``)."""
    lo = max(prev[0], prev[1] - _TAIL)
    return bool(
        _LOWER_START_RE.match(view, start)
        or _DASH_START_RE.match(view, start)
        or _LIST_MARKER_RE.fullmatch(view, prev[0], prev[1])
        or (view[start].isdigit()
            and (_number_label_re().search(view, lo, prev[1])
                 or _INITIALISM_END_RE.search(view, lo, prev[1])))
        or _last_word(view, *prev) in _period_titles()
    )


@cache
def _reporting_forms() -> frozenset[str]:
    return word_list("reporting_verbs.txt")


def _reported(view: str, prev: tuple[int, int], start: int, end: int) -> bool:
    """A quotation ending in ``?`` or ``!`` then its reporting clause ("Why?" Smith asked.)."""
    if prev[1] - prev[0] < 2 or view[prev[1] - 1] not in "\"'" or view[prev[1] - 2] not in "?!":
        return False
    match = _REPORTER_RE.match(view, start, end)
    return (match is not None and match.group(2) in _reporting_forms()
            and (match.group(1) == "I"
                 or match.group(1).lower() not in punkt_tokenizer()._params.sent_starters))


def _leading_footnote(view: str, start: int, end: int) -> int:
    """End of the footnote markers that open ``view[start:end]`` (``start`` if none).

    Bracketed markers always count; a bare number of one to three digits counts when a
    capitalised word that Punkt knows as a sentence starter follows it ("… fee. 8 Yet …"):
    a sentence that really opens with a numeral goes on in lower case ("8 people …").
    """
    notes = _FOOTNOTES_RE.match(view, start, end)
    if notes:
        return notes.end()
    bare = _BARE_FOOTNOTE_RE.match(view, start, end)
    if bare and bare.group(2).lower() in punkt_tokenizer()._params.sent_starters:
        return bare.end(1)
    return start


def _block_spans(view: str, block_start: int, block_end: int) -> list[tuple[int, int]]:
    """Sentence spans of one block: Punkt's, then the rules of the module docstring."""
    spans: list[tuple[int, int]] = []
    for start, end in punkt_tokenizer().span_tokenize(view[block_start:block_end]):
        start += block_start
        end += block_start
        if spans:
            notes_end = _leading_footnote(view, start, end)
            if notes_end > start:  # "… he said. [17] The …": the markers end the sentence before
                mark_end = notes_end
                while view[mark_end - 1] in " \t":
                    mark_end -= 1
                spans[-1] = (spans[-1][0], mark_end)
                start = notes_end
                while start < end and view[start] in " \t":
                    start += 1
                if start >= end:
                    continue
            if (_continues(view, spans[-1], start)
                    or (not _ALNUM_RE.search(view, start, end)
                        and not _LIST_MARKER_RE.fullmatch(view, start, end))
                    or _reported(view, spans[-1], start, end)):
                spans[-1] = (spans[-1][0], end)
                continue
        spans.append((start, end))
    return spans


_CLAUSE_END_RE = re.compile(r"[;:,)\]–—-](?=\s)")


def _capped(view: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Cut ``view[start:end]`` into pieces of at most ``MAX_SENTENCE_CHARS`` (see there)."""
    limit = MAX_SENTENCE_CHARS
    while end - start > limit:
        window_end = start + limit
        cut = -1
        for match in _CLAUSE_END_RE.finditer(view, start + limit // 2, window_end):
            cut = match.end()
        if cut < 0:
            space = max(view.rfind(c, start + 1, window_end + 1) for c in " \n\t")
            cut = space if space > start else window_end
        piece_end = cut
        while piece_end > start and view[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and view[start].isspace():
            start += 1
    if start < end:
        yield start, end


#: An enumeration marker inside a line: an optional bullet, a number of one or two
#: digits or one lower-case letter, then ``.``, ``)`` or ``.)``, then a space or tab.
_INLINE_MARKER_RE = re.compile(
    r"(?:^|(?<=[\s:]))[ \t]*(?P<marker>(?:[•⁃·*-][ \t]*)?(?P<value>\d{1,2}|[a-z])"
    r"(?:\.\)|\.|\)))(?=[ \t])", re.MULTILINE)


def _enumeration(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """The markers of an enumeration run into the block ``view[start:end]``.

    The first marker opens the block (after a colon, the list is part of the sentence
    that introduces it: ``… the following sins: a) …``); each next one counts up by one
    (``1``, ``2``; ``a``, ``b``).  Returns the ``(start, end)`` of each marker (bullet
    included) of the first such run of at least two, or ``[]``.  A run counts at most
    to 99 or z, so it holds at most 100 markers.
    """
    run: list[tuple[int, int]] = []
    previous = -1
    for match in _INLINE_MARKER_RE.finditer(view, start, end):
        value = match.group("value")
        number = int(value) if value.isdigit() else ord(value)
        if run and number == previous + 1:
            run.append(match.span("marker"))
        elif len(run) >= 2:
            break
        elif match.start() == start:
            run = [match.span("marker")]
        else:
            run = []
        previous = number
    return run if len(run) >= 2 else []


def _split_enumeration(view: str, spans: list[tuple[int, int]],
                       markers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence ``spans`` of one block re-cut so that each marker starts a sentence
    and none is split from the item it introduces."""
    cuts = {start for start, _ in spans[1:]}
    for start, end in markers:
        cuts = {c for c in cuts if not (start < c and not view[end:c].strip())}
        cuts.add(start)
    lo, hi = spans[0][0], spans[-1][1]
    out = []
    for cut in [*sorted(c for c in cuts if lo < c < hi), hi]:
        piece_end = cut
        while piece_end > lo and view[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > lo:
            out.append((lo, piece_end))
        lo = cut
    return out


def sentence_spans(view: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for block_start, block_end in paragraph_spans(view):
        block = _block_spans(view, block_start, block_end)
        if (block and _INLINE_MARKER_RE.match(view, block_start, block_end)
                and view.find("\n", block_start, block_end) < 0):
            markers = _enumeration(view, block_start, block_end)
            if markers:
                block = _split_enumeration(view, block, markers)
        for start, end in block:
            if end - start > MAX_SENTENCE_CHARS:
                spans.extend(_capped(view, start, end))
            else:
                spans.append((start, end))
    return spans



def sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with offsets into ``text``.

    Parameters
    ----------
    text : str
        The original text (never modified).

    Returns
    -------
    list of Sentence
        In text order, non-overlapping, each with ``text[start:end] == sentence.text``.

    Examples
    --------
    >>> [s.text for s in sentences('“Stop!” he said. Jonas E. Smith left.')]
    ['“Stop!” he said.', 'Jonas E. Smith left.']
    """
    view = quote_view(text)
    return [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(sentence_spans(view))]


def label_alternation() -> str:
    """The number labels (``data/number_labels.txt``) as a regex alternation, longest first.

    Shared by the sentence rules (a label does not end a sentence before a number) and
    the token pattern (a label before a number is one token).

    Examples
    --------
    >>> "no" in label_alternation().split("|")
    True
    """
    return "|".join(sorted(word_list("number_labels.txt"), key=len, reverse=True))

