"""Word tokens as character-offset spans into the original text.

One regular expression over the same view, Treebank-like: ``don’t`` -> ``do`` +
``n’t``, ``Iran’s`` -> ``Iran`` + ``’s``, ``cannot`` -> ``can`` + ``not``; URLs, e-mail addresses, numbers
(``5.50``, ``1,000``), initialisms (``U.S.``) and known title abbreviations
(``Gov.``) stay whole; ``’90s`` is one token.  Curly and straight marks tokenise
alike because matching runs on the view; each token's ``kind`` tells a quotation
mark (``quote``) from an apostrophe (``apostrophe``) using :mod:`analysis.text.marks`.

Sentences come from :mod:`analysis.text.sentences`; :func:`tokenise` gives both, the
text split once.

Speed
    Plain words and punctuation are matched before the long token pattern is tried (a
    fast path that provably gives the same tokens; tests compare both paths).  With the
    sentence splitter's fast path, about 3.5x the throughput of NLTK's Punkt +
    ``NLTKWordTokenizer`` (``benchmarks/tokenise.py``).

Examples
--------
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

from analysis.resources import word_list
from analysis.text.marks import Mark, classify_marks, quote_view
from analysis.text.paragraphs import paragraph_spans
from analysis.text.sentences import Sentence, label_alternation, sentence_spans

__all__ = ["Token", "fold", "make_tokens", "tokenise", "tokens"]


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


def fold(word: str) -> str:
    """A token as lexicons list it: lower case, curly apostrophe straight.

    Examples
    --------
    >>> fold("Aren’t")
    "aren't"
    """
    return word.lower().replace("’", "'")


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
        rf"|(?P<label>(?<![\w.])(?i:{label_alternation()})\.(?=\s*\d))"
        # A URL runs to the last character that is not closing punctuation before a space
        # (greedy, then backtracking: linear); an e-mail address starts where its run of
        # address characters starts, so a long run is not rescanned from every position.
        r"|(?P<url>(?:https?://|www\.)[^\s\"'<>]*[^\s\"'<>.,;:!?)\]]"
        r"(?=[.,;:!?)\]\"']*(?:\s|$)))"
        r"|(?P<email>(?<![\w.+-])[\w.+-]++@[\w-]+(?:\.[\w-]+)+)"
        rf"|(?P<abbreviation>{_abbreviation_pattern()})"
        r"|(?P<number>\d+(?:[.,:/]\d+)*(?![\w-]))"
        r"|(?P<clitic>(?<=\w)(?i:n't)\b|(?<=\w)'(?i:s|re|ve|ll|d|m)\b)"
        r"|(?P<word>\w+(?=(?i:n't)\b)"
        r"|\w+(?:-\w+)*(?:'(?!(?i:s|re|ve|ll|d|m|t)\b)\w+)*)"
        r"|(?P<elision>'\d\ds\b)"
        r"|(?P<punct>\.\.\.|--+|''|``|\S))"
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
        sents = [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(sentence_spans(view))]
    return make_tokens(text, view, sents)


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


def make_tokens(text: str, view: str, sents: list[Sentence],
                marks: list[Mark] | None = None) -> list[Token]:
    """The tokens of ``sents`` (sentences of ``text``), matched on ``view`` (its
    :func:`~analysis.text.marks.quote_view`); ``marks``, when the caller has them, give
    each quotation mark's role (else they are classified here).

    Examples
    --------
    >>> from analysis.text.sentences import sentences
    >>> text = "Hi there. Bye."
    >>> [t.text for t in make_tokens(text, text, sentences(text))]
    ['Hi', 'there', '.', 'Bye', '.']
    """
    with _gc_paused():
        return _build_tokens(text, view, sents, marks)


def _build_tokens(text: str, view: str, sents: list[Sentence],
                  marks: list[Mark] | None) -> list[Token]:
    if marks is None:
        marks = classify_marks(text, paragraph_spans(view)) if ("'" in view or '"' in view) else []
    roles = {m.start: m.role for m in marks}
    pattern = _token_re()
    kinds = _KINDS
    out: list[Token] = []
    append = out.append
    # one string per distinct token text: a long document repeats "the" and "," tens of
    # thousands of times, and each copy costs about 50 bytes
    texts: dict[str, str] = {}
    same = texts.setdefault
    for sent in sents:
        index = sent.index
        for match in pattern.finditer(view, sent.start, sent.end):
            group = match.lastgroup or "punct"
            kind = kinds.get(group, group)
            start, end = match.span()
            if kind == "punct" and ((end - start == 1 and view[start] in "'\"") or
                                    view[start:end] in ("''", "``")):
                kind = "apostrophe" if roles.get(start) == "apostrophe" else "quote"
            word = text[start:end]
            append(Token(start, end, same(word, word), index, kind))
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
    sents = [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(sentence_spans(view))]
    return sents, make_tokens(text, view, sents)
