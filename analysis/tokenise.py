"""Sentences and word tokens as character-offset spans into the original text.

Sentences
    NLTK's Punkt (:class:`nltk.tokenize.punkt.PunktSentenceTokenizer`) with
    parameters this package ships (``data/abbreviations.txt`` as abbreviation types,
    ``data/sentence_starters.txt`` as orthographic context and frequent sentence
    starters), run on a *view* of the text in which typographic quotes are straight
    (same length, so offsets carry over).  Rules where Punkt is weak:

    * paragraphs (line breaks) bound sentences, except a hard-wrapped line that
      ends mid-clause;
    * a "sentence" that starts with a lower-case letter continues the previous one
      (``“Stop!” he said.``; ``Did you?’ he asked.``);
    * a lone list marker (``1.``, ``a)``) joins the item it introduces;
    * a number label (``No.``, ``p.``, ``Fig.``; ``data/number_labels.txt``) or an
      initialism (``H.R. 1``) does not end a sentence before a number; a label is an
      ordinary word elsewhere (``voted no.``);
    * a title with a period (``Dr.``, ``Gen.``; ``data/titles.txt``) never ends one;
    * the one-character ellipsis ``…`` ends sentences as ``...`` does.

Tokens
    One regular expression over the same view, Treebank-like: ``don’t`` -> ``do`` +
    ``n’t``, ``Iran’s`` -> ``Iran`` + ``’s``, ``cannot`` -> ``can`` + ``not``; URLs, e-mail addresses, numbers
    (``5.50``, ``1,000``), initialisms (``U.S.``) and known title abbreviations
    (``Gov.``) stay whole; ``’90s`` is one token.  Curly and straight marks tokenise
    alike because matching runs on the view; each token's ``kind`` tells a quotation
    mark (``quote``) from an apostrophe (``apostrophe``) using :mod:`analysis.marks`.

Speed
    Two fast paths that provably give the same output (tests compare them with
    the slow paths on the test texts and on random texts): plain-word sentence ends
    are answered without Punkt's per-candidate annotation, and plain words and
    punctuation are matched before the long token pattern is tried.  About 3.5x the
    throughput of NLTK's Punkt + ``NLTKWordTokenizer`` (``benchmarks/tokenise.py``).

Not handled: languages other than English; sentence breaks that depend on
meaning (a headline without final punctuation on the same line as the body);
abbreviations missing from the shipped list followed by a capitalised name.

Examples
--------
>>> [s.text for s in sentences("Mr. Smith came to the U.S. He left at 9 a.m. today.")]
['Mr. Smith came to the U.S.', 'He left at 9 a.m. today.']
>>> [t.text for t in tokens("They aren’t here.")]
['They', 'are', 'n’t', 'here', '.']
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache

from nltk.tokenize.punkt import (
    _ORTHO_BEG_UC,
    _ORTHO_MID_LC,
    _ORTHO_UNK_LC,
    PunktParameters,
    PunktSentenceTokenizer,
)

from analysis.marks import Mark, classify_marks, quote_view
from analysis.resources import word_list

__all__ = ["Sentence", "Token", "fold", "punkt_tokenizer", "sentences", "tokenise", "tokens"]


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


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation token.

    ``kind`` is one of ``word``, ``number``, ``clitic``, ``abbreviation``, ``url``,
    ``email``, ``quote``, ``apostrophe``, ``punct``.

    Examples
    --------
    >>> tokens("‘coercive’")[2]
    Token(start=9, end=10, text='’', sentence=0, kind='quote')
    """

    start: int
    end: int
    text: str
    sentence: int
    kind: str


#: Contexts whose Punkt decision is certain without annotating them: a word of two
#: or more letters, one ``.``, ``?`` or ``!``, then whitespace and a next token.
#: Punkt marks such a token a sentence break in its first pass, and its second pass
#: only revisits abbreviations, ellipses, initials and numbers -- so the answer is
#: "break" unless the word is a known abbreviation.
_PLAIN_BREAK_RE = re.compile(r"([A-Za-z]{2,})[.?!]\s+\S+")


class _Punkt(PunktSentenceTokenizer):
    """Punkt with a fast path for plain-word sentence ends (same decisions).

    ``text_contains_sentbreak`` is called once per candidate end with a short
    context such as ``"talks. The"``; NLTK answers it by tokenising and annotating
    the context.  For the plain case above the answer follows from the parameters
    alone; every other context goes to NLTK unchanged.  A test checks that both
    paths agree on every candidate in the test texts.
    """

    def text_contains_sentbreak(self, text: str) -> bool:
        match = _PLAIN_BREAK_RE.fullmatch(text)
        if match is not None and not self._params.collocations \
                and match.group(1).lower() not in self._params.abbrev_types:
            return True
        return super().text_contains_sentbreak(text)


def fold(word: str) -> str:
    """A token as lexicons list it: lower case, curly apostrophe straight.

    Examples
    --------
    >>> fold("Aren’t")
    "aren't"
    """
    return word.lower().replace("’", "'")


@cache
def punkt_tokenizer() -> PunktSentenceTokenizer:
    """Punkt with the shipped parameters (built once per process).

    Examples
    --------
    >>> "gov" in punkt_tokenizer()._params.abbrev_types
    True
    """
    params = PunktParameters()
    params.abbrev_types = set(word_list("abbreviations.txt"))
    starters = word_list("sentence_starters.txt")
    params.sent_starters = set(starters)
    for word in starters:
        params.ortho_context[word] = _ORTHO_BEG_UC | _ORTHO_MID_LC | _ORTHO_UNK_LC
    return _Punkt(params)


_LINE_RE = re.compile(r"[^\n]+")
_CONTINUES_RE = re.compile(r"[,;\-–—(]\s*$|[a-z]\s*$")
_LOWER_START_RE = re.compile(r"""["'(\[\s]*[a-z]""")
_INITIALISM_END_RE = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}$")  # "H.R." before "1"
_LIST_MARKER_RE = re.compile(r"(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]")


def _blocks(view: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks: lines, with hard-wrapped lines joined."""
    blocks: list[tuple[int, int]] = []
    for match in _LINE_RE.finditer(view):
        start, end = match.span()
        while start < end and view[start] == " ":
            start += 1
        while end > start and view[end - 1] == " ":
            end -= 1
        if start == end:
            continue
        if blocks:
            prev_start, prev_end = blocks[-1]
            gap = view[prev_end:start]
            if gap.count("\n") == 1 and _CONTINUES_RE.search(view, prev_start, prev_end) \
                    and view[start].islower():
                blocks[-1] = (prev_start, end)
                continue
        blocks.append((start, end))
    return blocks


@cache
def _number_label_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.])(?i:{_labels_alt()})\.$")


@cache
def _period_titles() -> frozenset[str]:
    """Titles with a period ("Dr.", "Gen."; ``data/titles.txt``): they never end a sentence."""
    return frozenset(t for t in word_list("titles.txt") if t.endswith(".") and " " not in t)


def _last_word(view: str, start: int, end: int) -> str:
    """The text after the last space of ``view[start:end]`` (the whole span if none)."""
    return view[max(start, view.rfind(" ", start, end) + 1):end]


def _sentence_spans(view: str) -> list[tuple[int, int]]:
    tokenizer = punkt_tokenizer()
    label_re = _number_label_re()
    titles = _period_titles()
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(view):
        block = view[block_start:block_end]
        first = True
        for start, end in tokenizer.span_tokenize(block):
            start += block_start
            end += block_start
            if not first and spans and (
                _LOWER_START_RE.match(view, start)
                or _LIST_MARKER_RE.fullmatch(view, spans[-1][0], spans[-1][1])
                or (view[start].isdigit()
                    and (label_re.search(view, spans[-1][0], spans[-1][1])
                         or _INITIALISM_END_RE.search(view, spans[-1][0], spans[-1][1])))
                or _last_word(view, *spans[-1]) in titles
            ):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
            first = False
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
    return [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(_sentence_spans(view))]


def _abbreviation_pattern() -> str:
    titled = sorted(
        (a for a in word_list("abbreviations.txt") if "." not in a and len(a) > 1),
        key=len, reverse=True,
    )
    dotted = sorted((a for a in word_list("abbreviations.txt") if "." in a), key=len,
                    reverse=True)
    title_alt = "|".join(re.escape(a.capitalize()) for a in titled)
    dotted_alt = "|".join(re.escape(a) for a in dotted)
    return (rf"(?:[A-Za-z]\.){{2,}}|(?i:{dotted_alt})\.(?!\w)|\b(?:{title_alt})\.(?!\w)")


def _labels_alt() -> str:
    return "|".join(sorted(word_list("number_labels.txt"), key=len, reverse=True))


@cache
def _token_re(fast: bool = True) -> re.Pattern[str]:
    # The first two alternatives are a fast path for the commonest tokens: a run of
    # letters followed by space or closing punctuation, and punctuation that is
    # always a token by itself.  Every later alternative would give these the same
    # span (none of them can match a letter run followed by such a character),
    # so the fast path changes speed, not tokens.  The leading ``(?=\S)`` lets the
    # matcher skip whitespace without trying every alternative (2x faster).
    fast_path = r"(?P<plain>[^\W\d_]+(?=[\s,;!?)\]\"]))|(?P<fastpunct>[,;:!?()\[\]$%])|"
    # Treebank's split words (NLTK's CONTRACTIONS2 list): "cannot" -> "can" + "not",
    # "gonna" -> "gon" + "na", ...; and an initialism inside a compound ("U.S.-led").
    split = (r"(?P<split>\b(?=[cCgGwWlL])(?i:can(?=not\b)|gon(?=na\b)|got(?=ta\b)|wan(?=na\s)|gim(?=me\b)"
             r"|lem(?=me\b)))|")
    return re.compile(
        r"(?=\S)(?:" + split + (fast_path if fast else "") +
        r"(?P<compound>(?:[A-Za-z]\.){2,}(?:-\w+)+)"
        rf"|(?P<label>(?<![\w.])(?i:{_labels_alt()})\.(?=\s*\d))"
        r"|(?P<url>(?:https?://|www\.)[^\s\"'<>]+?(?=[.,;:!?)\]\"']*(?:\s|$)))"
        r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
        rf"|(?P<abbreviation>{_abbreviation_pattern()})"
        r"|(?P<number>\d+(?:[.,:/]\d+)*(?![\w-]))"
        r"|(?P<clitic>(?<=\w)(?i:n't)\b|(?<=\w)'(?i:s|re|ve|ll|d|m)\b)"
        r"|(?P<word>\w+(?=(?i:n't)\b)"
        r"|\w+(?:-\w+)*(?:'(?!(?i:s|re|ve|ll|d|m|t)\b)\w+)*)"
        r"|(?P<elision>'\d\ds\b)"
        r"|(?P<punct>\.\.\.|--+|\S))"
    )


def tokens(text: str, sents: list[Sentence] | None = None) -> list[Token]:
    """Split ``text`` into word tokens, each tagged with its sentence index.

    Parameters
    ----------
    text : str
        The original text.
    sents : list of Sentence, optional
        Sentences already computed for ``text`` (so a pipeline splits once).

    Examples
    --------
    >>> [(t.text, t.kind) for t in tokens("Iran’s ‘coercive’ US$5.50")]  # doctest: +NORMALIZE_WHITESPACE
    [('Iran', 'word'), ('’s', 'clitic'), ('‘', 'quote'), ('coercive', 'word'), ('’', 'quote'),
     ('US', 'word'), ('$', 'punct'), ('5.50', 'number')]
    """
    view = quote_view(text)
    if sents is None:
        sents = [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(_sentence_spans(view))]
    return _tokens(text, view, sents)


_KINDS = {"plain": "word", "fastpunct": "punct", "elision": "word", "split": "word",
          "compound": "word", "label": "abbreviation"}


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small records.

    Tokens hold only ints and strings, so they cannot form reference cycles, but
    every 700 allocations CPython would still walk the growing list of them: on a
    1 MB text that costs a third of the run.  Reference counting still frees
    everything; the collector is switched back on (if it was on) afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _tokens(text: str, view: str, sents: list[Sentence],
            marks: list[Mark] | None = None) -> list[Token]:
    with _gc_paused():
        return _build_tokens(text, view, sents, marks)


def _build_tokens(text: str, view: str, sents: list[Sentence],
                  marks: list[Mark] | None) -> list[Token]:
    if marks is None:
        marks = classify_marks(text, _blocks(view)) if ("'" in view or '"' in view) else []
    roles = {m.start: m.role for m in marks}
    pattern = _token_re()
    kinds = _KINDS
    out: list[Token] = []
    append = out.append
    for sent in sents:
        index = sent.index
        for match in pattern.finditer(view, sent.start, sent.end):
            group = match.lastgroup or "punct"
            kind = kinds.get(group, group)
            start, end = match.span()
            if kind == "punct" and end - start == 1 and view[start] in "'\"":
                kind = "apostrophe" if roles.get(start) == "apostrophe" else "quote"
            append(Token(start, end, text[start:end], index, kind))
    return out


def tokenise(text: str) -> tuple[list[Sentence], list[Token]]:
    """Sentences and tokens of ``text`` in one call (the text is split once).

    Examples
    --------
    >>> sents, toks = tokenise("Hi there. Bye.")
    >>> len(sents), len(toks)
    (2, 5)
    """
    view = quote_view(text)
    sents = [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(_sentence_spans(view))]
    return sents, _tokens(text, view, sents)
