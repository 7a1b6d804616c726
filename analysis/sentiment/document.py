"""Every scorer over every span of a document, from lookups made once per token.

A document is tokenised once; the pipeline then wants the sentiment of each
sentence and each quote, which overlap.  :class:`ScoredDocument` does each lexicon's
lookups once for the whole document -- VADER's words (:class:`~analysis.sentiment.vader.VaderText`),
AFINN's phrase matches (:class:`~analysis.sentiment.afinn.AfinnText`), pattern's word
codes (:func:`~analysis.sentiment.pattern.code`) and the hybrid model's term columns --
and a span is scored by slicing those arrays; the hybrid model then scores all
spans of all documents of a call in one vectorised product.  The numbers are those
of scoring each span's text on its own (tests compare them on the seed and on random
texts).

Examples
--------
>>> from analysis.text import tokenise
>>> text = 'It was a wonderful day. "Not great," she said. “Not great,” she said.'
>>> sents, toks = tokenise(text)
>>> rows = score_document(text, toks, [(s.start, s.end) for s in sents])
>>> [round(r[COMPONENTS.index("vader")], 4) for r in rows]
[0.5719, -0.5096, 0.0]

The last is VADER's own answer: it strips only ASCII punctuation from a word, so
``“Not`` and ``great,”`` are not in its lexicon.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter
from typing import Any

import numpy as np

from analysis.sentiment.afinn import AfinnText
from analysis.sentiment.hybrid import shipped_model
from analysis.sentiment.pattern import assess, code
from analysis.sentiment.vader import VaderText

__all__ = ["COMPONENTS", "LEXICAL", "WINDOW_CHARS", "ScoredDocument", "folded_words",
           "score_document", "score_many"]

#: Component columns of every row, in order.
COMPONENTS = ("vader_neg", "vader_neu", "vader_pos", "vader", "vader_balance", "afinn_raw",
              "afinn", "textblob", "textblob_subjectivity", "ensemble", "hybrid")
#: The components that need no fitted model (all but ``hybrid``).
LEXICAL = COMPONENTS[:-1]


def squash(x: float, alpha: float = 15.0) -> float:
    """VADER's normalisation ``x / sqrt(x**2 + alpha)`` into (-1, 1).

    Examples
    --------
    >>> round(squash(3.0), 3)
    0.612
    """
    return x / math.sqrt(x * x + alpha)


def lexical_row(vader: tuple[float, float, float, float], raw: float,
                pattern: tuple[float, float]) -> tuple[float, ...]:
    """The :data:`LEXICAL` components from VADER's four scores, AFINN's sum and pattern's pair."""
    neg, neu, pos, compound = vader
    balance = pos - neg
    afinn = squash(raw)
    polarity, subjectivity = float(pattern[0]), float(pattern[1])
    return (neg, neu, pos, compound, balance, raw, afinn, polarity, subjectivity,
            (compound + balance + afinn + polarity) / 4)


def has_evidence(row: Sequence[float]) -> bool:
    """Whether any lexicon found a sentiment word: VADER, AFINN or pattern non-zero.

    Examples
    --------
    >>> has_evidence(lexical_row((0.0, 1.0, 0.0, 0.0), 0.0, (0.0, 0.0)))
    False
    """
    neg, _, pos, compound, _, raw, _, polarity = row[:8]
    return bool(neg or pos or compound or raw or polarity)


class ScoredDocument:
    """A document's lexicon lookups, made once, for scoring any of its spans.

    Parameters
    ----------
    text : str
        The document.
    words : sequence of str
        Its tokens as lexicons list them (:func:`analysis.text.fold`), in order.
    tokens : sequence of Token, optional
        The tokens themselves (with ``start``/``end``): VADER's words are built from
        them; without them, from one pass over the text.
    offset : int
        Where ``text`` starts in the text the tokens' offsets point into (a window of a
        longer document).

    Examples
    --------
    >>> doc = ScoredDocument("Good. Bad.", ["good", ".", "bad", "."])
    >>> [round(x, 2) for x in doc.lexical(6, 10, 2, 4)][:4]
    [1.0, 0.0, 0.0, -0.54]
    """

    __slots__ = ("_afinn", "_codes", "_vader", "text", "words")

    def __init__(self, text: str, words: Sequence[str],
                 tokens: Sequence[Any] | None = None, *, offset: int = 0) -> None:
        self.text = text
        self.words = list(words)
        self._vader = VaderText(text, tokens, offset=offset)
        self._afinn = AfinnText(text)
        self._codes = list(map(code, self.words))

    def lexical(self, start: int, end: int, first: int, last: int) -> tuple[float, ...]:
        """The :data:`LEXICAL` components of ``text[start:end]`` with words ``first:last``."""
        return lexical_row(self._vader.scores(start, end), self._afinn.raw(start, end),
                           assess(self._codes[first:last]))


def folded_words(tokens: Sequence[Any]) -> list[str]:
    """``[fold(t.text) for t in tokens]`` (:func:`analysis.text.fold`), in one pass.

    Tokens hold no whitespace, so their texts are joined by line breaks, folded
    together and split again; lower-casing cannot see across a line break, so each
    word folds as it would alone.

    Examples
    --------
    >>> from analysis.text import tokens
    >>> folded_words(tokens("They AREN’T here."))
    ['they', 'are', "n't", 'here', '.']
    """
    from analysis.text import fold

    words = "\n".join(map(attrgetter("text"), tokens)).lower().replace("’", "'").split("\n")
    if len(words) != len(tokens):  # a token with a line break (never made by tokenise)
        return [fold(t.text) for t in tokens]
    return words if tokens else []


def _concat_ranges(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers and indices of the ranges ``starts[k]:starts[k] + lengths[k]``, joined."""
    total = int(lengths.sum())
    rows = np.repeat(np.arange(len(starts)), lengths)
    before = np.cumsum(lengths) - lengths
    return rows, np.arange(total) - np.repeat(before, lengths) + np.repeat(starts, lengths)


def score_many(jobs: Sequence[tuple[ScoredDocument, Sequence[tuple[int, int, int, int]]]]
               ) -> list[tuple[float, ...]]:
    """Rows for ``(document, spans)`` jobs; each span is ``(start, end, first, last)``.

    ``start:end`` are the span's characters and ``first:last`` its words.  The
    hybrid model scores every span of every job in one vectorised call.
    """
    model = shipped_model()
    lexical: list[tuple[float, ...]] = []
    ids: list[np.ndarray] = []
    pairs: list[np.ndarray] = []
    starts: list[int] = []
    lengths: list[int] = []
    offset = 0
    for doc, spans in jobs:
        for start, end, first, last in spans:
            lexical.append(doc.lexical(start, end, first, last))
            starts.append(offset + first)
            lengths.append(max(last - first, 0))
        word_ids, pair_ids = model.term_ids(doc.words)
        ids.append(np.asarray(word_ids, dtype=np.int64))
        pair_ids.extend([-1] * (len(word_ids) - len(pair_ids)))  # one pair slot per word
        pairs.append(np.asarray(pair_ids, dtype=np.int64))
        offset += len(word_ids)
    if not lexical:
        return []
    all_ids = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    all_pairs = np.concatenate(pairs) if pairs else np.zeros(0, dtype=np.int64)
    begin, size = np.asarray(starts, dtype=np.int64), np.asarray(lengths, dtype=np.int64)
    word_rows, word_at = _concat_ranges(begin, size)
    pair_rows, pair_at = _concat_ranges(begin, np.maximum(size - 1, 0))
    rows = np.concatenate([word_rows, pair_rows])
    cols = np.concatenate([all_ids[word_at], all_pairs[pair_at]])
    hybrid = model.predict_ids(rows, cols, len(lexical), [r[-1] for r in lexical],
                               [has_evidence(r) for r in lexical])
    return [(*r, float(h)) for r, h in zip(lexical, hybrid, strict=True)]


def score_document(text: str, tokens: Sequence[Any], spans: Sequence[tuple[int, int]],
                   token_ranges: Sequence[tuple[int, int]] | None = None, *,
                   window: int = 200_000) -> list[tuple[float, ...]]:
    """Every scorer's :data:`COMPONENTS` for each span of one tokenised document.

    Parameters
    ----------
    text : str
        The document.
    tokens : sequence of Token
        Its tokens (:func:`analysis.text.tokenise`), in order.
    spans : sequence of (start, end)
        Character offsets of the spans to score (sentences, quotes; they may overlap).
    token_ranges : sequence of (first, last), optional
        The tokens whose words each span's pattern and hybrid scores read; by default
        those that start inside the span.
    window : int
        The spans of a longer document are scored in windows of about this many
        characters (:data:`WINDOW_CHARS`; the same numbers, bounded memory).

    Returns
    -------
    list of tuple
        One row per span, equal to ``score_rows([text[s:e] ...], [[fold(t.text) for t
        in tokens[a:b]] ...])``.
    """
    if token_ranges is None:
        token_starts = [t.start for t in tokens]
        token_ranges = [(bisect_left(token_starts, s), bisect_left(token_starts, e))
                        for s, e in spans]
    elif len(token_ranges) != len(spans):
        raise ValueError(f"got {len(spans)} spans but {len(token_ranges)} token ranges")
    for (start, end), (first, last) in zip(spans, token_ranges, strict=True):
        if not (0 <= start <= end <= len(text) and 0 <= first <= last <= len(tokens)):
            raise ValueError(f"span ({start}, {end}) with tokens ({first}, {last}) is outside a "
                             f"text of {len(text)} characters and {len(tokens)} tokens; pass "
                             f"offsets into this document, start <= end")
    out: list[tuple[float, ...] | None] = [None] * len(spans)
    for group, lo, hi, first, last in _windows(spans, token_ranges, window):
        doc = ScoredDocument(text[lo:hi], folded_words(tokens[first:last]), tokens[first:last],
                             offset=lo)
        rows = score_many([(doc, [(spans[k][0] - lo, spans[k][1] - lo,
                                   token_ranges[k][0] - first, token_ranges[k][1] - first)
                                  for k in group])])
        for k, row in zip(group, rows, strict=True):
            out[k] = row
    return out  # type: ignore[return-value]


#: The most characters of a document scored at once (:func:`score_document`): a long
#: document is scored in windows, so that its memory stays bounded.
WINDOW_CHARS = 200_000


def _windows(spans: Sequence[tuple[int, int]], token_ranges: Sequence[tuple[int, int]],
             window: int) -> list[tuple[list[int], int, int, int, int]]:
    """The spans in windows of about ``window`` characters: ``(indices, start, end, first
    token, last token)`` each; a window ends only where no span of it reaches further
    (spans that overlap share a window), and every span's score reads its own text and
    tokens only, so scoring by window gives the same numbers as scoring the whole."""
    order = sorted(range(len(spans)), key=lambda k: (spans[k][0], spans[k][1]))
    out: list[tuple[list[int], int, int, int, int]] = []
    group: list[int] = []
    lo = hi = first = last = 0
    for k in order:
        (s, e), (a, b) = spans[k], token_ranges[k]
        if group and s >= hi and max(hi, e) - lo > window:
            out.append((group, lo, hi, first, last))
            group = []
        if not group:
            lo, hi, first, last = s, e, a, b
        else:
            hi, first, last = max(hi, e), min(first, a), max(last, b)
        group.append(k)
    if group:
        out.append((group, lo, hi, first, last))
    return out
