"""The straightforward way to the same numbers: each package called on each text.

VADER through ``vaderSentiment``'s ``polarity_scores`` on every text, AFINN's walk
on every text, pattern through ``textblob.en.sentiment`` on every word list and the
hybrid model through scikit-learn's vectoriser.  This is what the package did before
its scorers shared per-document lookups (:mod:`analysis.sentiment.document`); it is
kept as the reference that the tests compare the fast path with, and as the old
path of ``benchmarks/sentiment.py``.

Examples
--------
>>> from analysis.sentiment import score_rows
>>> texts = ["It is not good.", "What a great day!"]
>>> reference_rows(texts) == score_rows(texts)
True
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from analysis.sentiment.afinn import afinn_raw
from analysis.sentiment.document import has_evidence, lexical_row
from analysis.sentiment.hybrid import shipped_model
from analysis.sentiment.pattern import pattern_sentiment

__all__ = ["reference_rows"]


@cache
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def reference_rows(texts: Sequence[str], words: Sequence[Sequence[str]] | None = None
                   ) -> list[tuple[float, ...]]:
    """:func:`analysis.sentiment.score_rows`, computed text by text with each package."""
    from analysis.sentiment import pattern_words

    if words is None:
        words = [pattern_words(t) for t in texts]
    lexical = []
    for text, text_words in zip(texts, words, strict=True):
        v = _analyzer().polarity_scores(text)
        lexical.append(lexical_row((v["neg"], v["neu"], v["pos"], v["compound"]),
                                   afinn_raw(text), pattern_sentiment()(list(text_words))))
    hybrid = shipped_model().predict(words, [r[-1] for r in lexical],
                                     [has_evidence(r) for r in lexical])
    return [(*r, float(h)) for r, h in zip(lexical, hybrid, strict=True)]
