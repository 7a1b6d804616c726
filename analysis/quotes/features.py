"""Token features of the attribution tagger, computed once per document.

Each *template* gives every token of a document one string value (or ``None``);
the tagger (:mod:`analysis.quotes.crf`) reads a template's value at the token
itself and at the offsets listed in :data:`TEMPLATES`.  The same function builds
the features for training (:mod:`analysis.quotes.train`) and for tagging, so the
two cannot drift apart.

The templates, and what each tells the tagger:

``w``
    the word, lower-cased, curly apostrophes straight (``said``, ``n't``); every
    quotation mark is ``<quote>``, so that the tagger reads single, double, curly and
    straight quotation styles alike;
``suffix``
    its last three letters (inflections of unseen verbs: ``-ted``, ``-ing``);
``shape``
    capitals, small letters, digits (``Xx``, ``x``, ``X.X.``, ``d``);
``kind``
    the token kind of :mod:`analysis.text.tokenise` (word, number, quote, punct, ...);
``quote``
    ``open`` / ``close`` for a quotation mark, ``in`` inside a quotation;
``mention``
    ``B-``/``I-`` plus the kind of a speaker mention found by
    :mod:`analysis.quotes.mentions` (name, description, pronoun);
``cue``
    the lemma of a reporting cue word (:func:`cue_lexicon`);
``cue_left`` / ``cue_right``
    the lemma of the nearest cue word before / after the token in its sentence
    (long-range context: a clause after *said* is reported content);
``clause``
    ``that`` when a *that* stands between the nearest cue word before the token and
    the token (``He asserted that, for coercive governments, …``);
``role``
    a role noun (``spokesman``, ``officials``) of ``data/role_nouns.txt``;
``position`` / ``to_end``
    the token's position from the start of its sentence and to its end (capped);
``bigram``
    the word before and the word itself.

Examples
--------
>>> from analysis.text import build
>>> doc = build("He said the talks failed.")
>>> values = token_values(doc)
>>> values["cue"][1], values["cue_left"][3], values["w"][0]
('say', 'say', 'he')
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from typing import Any

from analysis.quotes.mentions import Mention, doc_columns
from analysis.quotes.spans import QuoteSpan
from analysis.resources import data_text, word_map
from analysis.text import TextDoc

__all__ = ["MAX_SEQUENCE", "TEMPLATES", "crfsuite_items", "cue_lexicon", "encoded_values",
           "sequences", "token_values"]

#: Templates and the offsets at which the tagger reads them.
TEMPLATES: dict[str, tuple[int, ...]] = {
    "w": (-2, -1, 0, 1, 2),
    "suffix": (0,),
    "shape": (-1, 0, 1),
    "kind": (0,),
    "quote": (-2, -1, 0, 1, 2),
    "mention": (-2, -1, 0, 1, 2),
    "cue": (-2, -1, 0, 1, 2),
    "cue_left": (0,),
    "cue_right": (0,),
    "clause": (0,),
    "role": (0,),
    "position": (0,),
    "to_end": (0,),
    "bigram": (0,),
}

#: The longest token sequence the tagger scores at once; longer paragraphs are cut at
#: sentence boundaries (or, for a single longer sentence, every this many tokens).
MAX_SEQUENCE = 250

_SHAPE_RE = (re.compile(r"[A-Z]"), re.compile(r"[a-z]"), re.compile(r"[0-9]"),
             re.compile(r"(.)\1+"))


#: ``position`` and ``to_end`` values: the distance from the sentence start (capped at 6)
#: and, counting down, to its end (capped at 4).
_POSITIONS = tuple(str(k) for k in range(7))
_TO_END = tuple(str(k) for k in range(4, -1, -1))


@lru_cache(maxsize=1 << 14)  # bounded: a corpus's vocabulary keeps growing
def _shape(text: str) -> str:
    s = _SHAPE_RE[0].sub("X", text)
    s = _SHAPE_RE[1].sub("x", s)
    s = _SHAPE_RE[2].sub("d", s)
    return _SHAPE_RE[3].sub(r"\1", s)[:6]


@cache
def cue_lexicon() -> dict[str, str]:
    """Cue word -> lemma: the hand list ``data/reporting_verbs.txt`` and the cue words
    learned from annotated news (``data/quotes/cues.tsv``, when built).

    Examples
    --------
    >>> cue_lexicon()["told"]
    'tell'
    """
    lexicon = dict(word_map("reporting_verbs.txt"))
    try:
        text = data_text("quotes/cues.tsv")
    except FileNotFoundError:
        return lexicon
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("form\t"):
            continue
        form, lemma = line.split("\t")[:2]
        lexicon.setdefault(form, lemma)
    return lexicon


def token_values(doc: TextDoc, spans: Sequence[QuoteSpan] | None = None,
                 mentions: Sequence[Mention] | None = None) -> dict[str, list[str | None]]:
    """Every template's value at every token of ``doc`` (see module docs).

    Parameters
    ----------
    doc : TextDoc
        The document model.
    spans : sequence of QuoteSpan, optional
        The document's quotations (computed from the model's marks when not given).
    mentions : sequence of Mention, optional
        Speaker mentions (found with :func:`analysis.quotes.mentions.find_mentions`
        when not given).
    """
    return {name: make() for name, make in _column_makers(doc, spans, mentions).items()}


def _column_makers(doc: TextDoc, spans: Sequence[QuoteSpan] | None,
                   mentions: Sequence[Mention] | None
                   ) -> dict[str, Callable[[], list[str | None]]]:
    """:func:`token_values` as a function per column, each made when called (a long
    document's columns of strings, made all at once, hold hundreds of bytes per token)."""
    from analysis.quotes.mentions import find_mentions
    from analysis.quotes.spans import quote_spans

    toks = doc.tokens
    n = len(toks)
    words = list(doc.folded)
    if spans is None:
        spans = quote_spans(doc.text, doc.marks, [(p.start, p.end) for p in doc.paragraphs])
    if mentions is None:
        mentions = find_mentions(doc.text, doc.sentences, doc.tokens)
    quote: list[str | None] = [None] * n
    for span in spans:
        a, b = doc.token_range(span.start, span.end)
        for k in range(a, b):
            quote[k] = "in"
        if a < n and toks[a].start == span.start:
            quote[a] = "open"
        if b - 1 >= a and toks[b - 1].end == span.end and span.closed:
            quote[b - 1] = "close"
    mention: list[str | None] = [None] * n
    for m in mentions:
        mention[m.first] = "B-" + m.kind
        for k in range(m.first + 1, m.last):
            mention[k] = "I-" + m.kind
    lexicon = cue_lexicon()
    roles = word_map("role_nouns.txt")
    kinds = doc_columns(doc).kinds
    get_cue = lexicon.get
    cue = [get_cue(w) if kind == "word" else None for w, kind in zip(words, kinds, strict=True)]
    cue_left: list[str | None] = [None] * n
    cue_right: list[str | None] = [None] * n
    position: list[str | None] = [None] * n
    to_end: list[str | None] = [None] * n
    clause: list[str | None] = [None] * n
    for a, b in doc.sentence_tokens:
        if b <= a:
            continue
        last = None
        that = None
        for k in range(a, b):
            cue_left[k] = last
            clause[k] = that
            if cue[k] is not None:
                last, that = cue[k], None
            elif last is not None and words[k] == "that":
                that = "that"
        nxt = None
        for k in range(b - 1, a - 1, -1):
            cue_right[k] = nxt
            if cue[k] is not None:
                nxt = cue[k]
        length = b - a
        position[a:b] = _POSITIONS[:length] if length <= 7 else \
            [*_POSITIONS, *itertools.repeat(_POSITIONS[-1], length - 7)]
        to_end[a:b] = _TO_END[-length:] if length <= 5 else \
            [*itertools.repeat(_TO_END[0], length - 5), *_TO_END]
    # every quotation mark reads the same to the tagger, whatever its style (“ ” ‘ ’ " « »)
    words = [("<quote>" if kind == "quote" else w) for w, kind in zip(words, kinds, strict=True)]
    makers: dict[str, Callable[[], list[str | None]]] = {
        "w": lambda: words,
        "suffix": lambda: [w[-3:] if len(w) > 3 else None for w in words],
        "shape": lambda: ["<quote>" if t.kind == "quote" else _shape(t.text) for t in toks],
        "kind": lambda: kinds,
        "quote": lambda: quote,
        "mention": lambda: mention,
        "cue": lambda: cue,
        "cue_left": lambda: cue_left,
        "cue_right": lambda: cue_right,
        "clause": lambda: clause,
        "role": lambda: [roles[w] or "r" if w in roles else None for w in words],
        "position": lambda: position,
        "to_end": lambda: to_end,
        "bigram": lambda: [None, *(f"{a}|{b}" for a, b in itertools.pairwise(words))][:n],
    }
    return makers


def encoded_values(crf: Any, doc: TextDoc, spans: Sequence[QuoteSpan] | None = None,
                   mentions: Sequence[Mention] | None = None) -> dict[str, Any]:
    """The tagger's vocabulary indices of every template at every token
    (:meth:`analysis.quotes.crf.CRF.encode` of :func:`token_values`), made one column at a
    time: a column of strings is encoded and dropped before the next is made."""
    makers = _column_makers(doc, spans, mentions)
    ids: dict[str, Any] = {}
    for name in list(makers):
        ids.update(crf.encode({name: makers.pop(name)()}))
    return ids


def crfsuite_items(values: dict[str, list[str | None]], a: int, b: int) -> list[dict[str, str]]:
    """Tokens ``a..b`` as crfsuite feature dicts ``{"template@offset": value}``.

    Offsets outside ``[a, b)`` give no feature, as at tagging time (the sequence is
    scored on its own).

    Examples
    --------
    >>> crfsuite_items({"w": ["he", "said"]}, 0, 2)[1]
    {'w@-1': 'he', 'w@0': 'said'}
    """
    items = []
    for k in range(a, b):
        item = {}
        for name, offsets in TEMPLATES.items():
            column = values.get(name)
            if column is None:
                continue
            for offset in offsets:
                j = k + offset
                if a <= j < b and column[j] is not None:
                    item[f"{name}@{offset}"] = column[j]
        items.append(item)
    return items


def sequences(doc: TextDoc, max_tokens: int = MAX_SEQUENCE) -> list[tuple[int, int]]:
    """Token ranges ``(a, b)`` the tagger scores one at a time: paragraphs, cut at
    sentence boundaries so that none is longer than ``max_tokens`` (a single longer
    sentence is cut every ``max_tokens`` tokens).

    Examples
    --------
    >>> from analysis.text import build
    >>> sequences(build("One. Two.\\n\\nThree."))
    [(0, 4), (4, 6)]
    >>> sequences(build("One. Two."), max_tokens=3)
    [(0, 2), (2, 4)]
    """
    out: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    paragraph = -1
    for (a, b), p in zip(doc.sentence_tokens, doc.sentence_paragraphs, strict=True):
        if b <= a:
            continue
        if current is not None and p == paragraph and b - current[0] <= max_tokens:
            current = (current[0], b)
            continue
        if current is not None:
            out.append(current)
        paragraph = p
        while b - a > max_tokens:
            out.append((a, a + max_tokens))
            a += max_tokens
        current = (a, b)
    if current is not None:
        out.append(current)
    return out
