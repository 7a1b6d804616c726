"""pattern's adjective lexicon (shipped with TextBlob) on this package's words, fast.

``textblob.en.sentiment(words)`` walks the words with a small state machine: a known
word opens an *assessment* (its polarity, subjectivity, intensity); a preceding
known adverb (``very``) multiplies it; ``no``/``not``/``n't``/``never`` up to a few
short words back flips and halves it; ``!`` raises the last one by a quarter;
emoticons add their own.  Polarity and subjectivity are the means over the
assessments.  Every step asks the lazily loaded lexicon, through Python-level
``__contains__``/``__getitem__``, what a word is.

Here each word is turned once into a :data:`Code` (what the walk needs to know about
it: lexicon entry, adverb, negation, length tests, ``!``, emoticon), cached across
texts, and :func:`assess` runs the same state machine over the codes: the same
numbers (a test compares them on random word lists), several times faster.

Examples
--------
>>> words = ["it", "is", "not", "very", "good", "!"]
>>> assess([code(w) for w in words]) == tuple(pattern_sentiment()(words))
True
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache
from typing import NamedTuple

__all__ = ["Code", "assess", "code", "pattern_sentiment"]


@cache
def pattern_sentiment():
    """TextBlob's English ``Sentiment`` (pattern's lexicon), loaded."""
    from textblob.en import sentiment

    len(sentiment)  # the lexicon loads on first use
    return sentiment


@cache
def _emoticons() -> dict[str, float]:
    """Lower-cased emoticon -> polarity, the first group listing it winning (as pattern)."""
    from textblob._text import EMOTICONS

    out: dict[str, float] = {}
    for (_, polarity), faces in EMOTICONS.items():
        for face in faces:
            out.setdefault(face.lower(), polarity)
    return out


class Code(NamedTuple):
    """What pattern's walk needs to know about one word."""

    entry: tuple[float, float, float] | None  # (polarity, subjectivity, intensity) if known
    modifier: bool   # a known adverb ("RB" entry): it modifies the next known word
    negation: bool   # no, not, n't, never
    long1: bool      # more than one character once apostrophes are stripped
    long2: bool      # more than two characters
    bang: bool       # "!"
    irony: bool      # "(!)"
    emoticon: float | None
    ly: bool         # ends in "ly" (a modifier that can carry a negation)


@lru_cache(maxsize=1 << 14)
def code(word: str) -> Code:
    """The :class:`Code` of one lower-cased word.

    Examples
    --------
    >>> code("good").entry, code("very").modifier, code("n't").negation
    ((0.7, 0.6000000000000001, 1.0), True, True)
    """
    from textblob._text import PUNCTUATION

    sentiment = pattern_sentiment()
    senses = dict.get(sentiment, word)
    entry = None
    modifier = False
    if senses is not None and None in senses:
        entry = tuple(senses[None])
        modifier = any(map(senses.__contains__, sentiment.modifiers))
    emoticon = None
    if word.isalpha() is False and len(word) <= 5 and word not in PUNCTUATION:
        emoticon = _emoticons().get(word)
    return Code(entry, modifier, word in sentiment.negations, len(word.strip("'")) > 1,
                len(word) > 2, word == "!", word == "(!)", emoticon, word.endswith("ly"))


def assess(codes: Iterable[Code]) -> tuple[float, float]:
    """(polarity, subjectivity) of a word sequence, as ``textblob.en.sentiment(words)``."""
    found: list[list[float]] = []  # [polarity, subjectivity, intensity, negated]
    modifier: Code | None = None
    negated = False
    for c in codes:
        if c.entry is not None:
            p, s, i = c.entry
            if modifier is None:
                found.append([p, s, i, 1])
            else:
                last = found[-1]
                last[0] = max(-1.0, min(p * last[2], +1.0))
                last[1] = max(-1.0, min(s * last[2], +1.0))
                last[2] = i
            if negated:
                last = found[-1]
                last[2] = 1.0 / last[2]
                last[3] = -1
            modifier = c if c.modifier else None
            negated = c.negation
        else:
            if c.negation:
                negated = True
            elif negated and c.long1:
                negated = False
            if negated and modifier is not None and modifier.ly:
                found[-1][3] = -1
                negated = False
            elif modifier is not None and c.long2:
                modifier = None
            if c.bang and found:
                found[-1][0] = max(-1.0, min(found[-1][0] * 1.25, +1.0))
            if c.irony:
                found.append([0.0, 1.0, 1.0, 1])
            if c.emoticon is not None:
                found.append([c.emoticon, 1.0, 1.0, 1])
    polarity: float = 0
    subjectivity: float = 0
    for p, s, _, n in found:
        polarity += 1 * (p * -0.5 if n < 0 else p)
        subjectivity += 1 * s
    count = float(len(found) or 1)
    return polarity / count, subjectivity / count
