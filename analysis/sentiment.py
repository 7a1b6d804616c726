"""Sentiment scorers behind one interface.

What is measured: the *lexical polarity* of a text — how positive or negative its
words are, as rated by people who built each lexicon — not the writer's opinion,
not stance toward a target, and not irony.

Methods (all offline, from what the pip packages ship):

``vader``
    VADER (Hutto & Gilbert 2014) from the ``vaderSentiment`` package: a 7,500-entry
    lexicon with rules for negation, intensifiers, *but* and punctuation; the
    ``compound`` score in [-1, 1].
``afinn``
    AFINN-165 (Nielsen 2011, the file shipped by the ``afinn`` package) word and
    phrase valences summed, then squashed into [-1, 1] with VADER's normalisation
    ``x / sqrt(x**2 + 15)``.  Matching is the package's (see :func:`afinn_raw`).
``textblob``
    The pattern lexicon of adjectives and its rules for intensifiers and negation,
    shipped with TextBlob (``textblob.en.sentiment``), applied to this package's
    Treebank-like tokens rather than pattern's own tokenizer: mean polarity in
    [-1, 1].  The tokens split ``don’t`` into ``do`` + ``n’t``, so pattern's
    negation rule sees ``n't``; on the NYT sentences this scores r = 0.301 against
    0.299 through ``TextBlob(text).sentiment``, and runs 4x faster.
``ensemble``
    The mean of four scores: VADER's compound, VADER's balance (share of positive
    minus share of negative words, which does not saturate on long sentences as the
    compound does), AFINN and pattern.  Each lexicon misses or misrates words the
    others cover, so their errors are partly independent and averaging cancels some
    of them.  Nothing is fitted.
``hybrid`` (default)
    The ensemble plus word and word-pair weights fitted by ridge regression to
    human ratings of tweets, movie and product reviews (:mod:`analysis.sentiment_model`;
    never to news).

Measured on the 5,190 human-rated New York Times editorial sentences of Hutto &
Gilbert (2014, in the ``vaderSentiment`` source distribution), which no method was
fitted or tuned on — Pearson r: hybrid 0.557, ensemble 0.539, VADER 0.503, AFINN
0.481, pattern 0.301 (``benchmarks/sentiment.py`` recomputes these).  The balance
term was added to the ensemble because it raised r on all four of Hutto & Gilbert's
sets (tweets, movies, products, news), not on news alone.

Examples
--------
>>> [round(x, 2) for x in polarity(["A wonderful, happy day.", "A terrible loss."], method="vader")]
[0.81, -0.66]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache

import pandas as pd

__all__ = ["COMPONENTS", "DEFAULT_METHOD", "METHODS", "afinn_raw", "components", "pattern_words",
           "polarity", "score", "score_rows"]

DEFAULT_METHOD = "hybrid"


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


_RUN_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")


@cache
def _afinn_lexicon() -> tuple[dict[str, float], dict[str, int]]:
    """AFINN-165 as shipped by the ``afinn`` package: phrase -> valence, and for each
    first word the most words a phrase starting with it has."""
    from afinn import Afinn
    from afinn.afinn import LANGUAGE_TO_FILENAME

    afinn = Afinn(language="en")
    lexicon = dict(afinn.read_word_file(afinn.full_filename(LANGUAGE_TO_FILENAME["en"])))
    longest: dict[str, int] = {}
    for phrase in lexicon:
        runs = _RUN_RE.findall(phrase)
        longest[runs[0]] = max(longest.get(runs[0], 0), len(runs))
    return lexicon, longest


def afinn_raw(text: str) -> float:
    """Sum of AFINN-165 valences of the words and phrases in ``text``.

    The same matches as ``afinn.Afinn().score(text)`` (lower-cased, whitespace
    collapsed, whole words, longest phrase first, left to right), found by a
    dictionary walk over word runs instead of the package's 3,382-way regular
    expression: about 30x faster.  A test checks both give equal scores.

    Examples
    --------
    >>> afinn_raw("It is not good, a real cover-up. Bad luck!")
    -7.0
    """
    lexicon, longest = _afinn_lexicon()
    low = text.lower()
    runs = [m.span() for m in _RUN_RE.finditer(low)]
    total, i, n = 0.0, 0, len(runs)
    while i < n:
        start, end = runs[i]
        most = longest.get(low[start:end])
        if most is not None:
            for size in range(min(most, n - i), 0, -1):
                stop = runs[i + size - 1][1]
                key = low[start:stop] if size == 1 else _SPACE_RE.sub(" ", low[start:stop])
                value = lexicon.get(key)
                if value is not None:
                    total += value
                    i += size
                    break
            else:
                i += 1
        else:
            i += 1
    return float(total)


@cache
def _pattern():
    from textblob.en import sentiment

    return sentiment


def pattern_words(text: str) -> list[str]:
    """Lower-cased Treebank-like words of ``text`` as the pattern scorer reads them.

    Examples
    --------
    >>> pattern_words("It isn’t good!")
    ['it', 'is', "n't", 'good', '!']
    """
    from analysis.tokenise import fold, tokens

    return [fold(t.text) for t in tokens(text)]


def _squash(x: float, alpha: float = 15.0) -> float:
    return x / math.sqrt(x * x + alpha)


#: Component columns of :func:`score`, in order.
COMPONENTS = ("vader_neg", "vader_neu", "vader_pos", "vader", "vader_balance", "afinn_raw",
              "afinn", "textblob", "textblob_subjectivity", "ensemble", "hybrid")


def _lexicon_components(text: str, words: Sequence[str] | None) -> tuple[float, ...]:
    v = _vader().polarity_scores(text)
    raw = afinn_raw(text)
    afinn = _squash(raw)
    tb = _pattern()(list(words) if words is not None else pattern_words(text))
    pol, subj = float(tb[0]), float(tb[1])
    balance = v["pos"] - v["neg"]
    return (v["neg"], v["neu"], v["pos"], v["compound"], balance, raw, afinn, pol, subj,
            (v["compound"] + balance + afinn + pol) / 4)


def score_rows(texts: Sequence[str],
               words: Sequence[Sequence[str]] | None = None) -> list[tuple[float, ...]]:
    """Every scorer's components for each text, in the order of :data:`COMPONENTS`.

    Parameters
    ----------
    texts : sequence of str
        The texts to score (scored together: the hybrid model is applied once).
    words : sequence of sequences of str, optional
        Each text's words as :func:`pattern_words` gives them, when already tokenised
        (the pipeline passes the tokens it has, so no text is split twice).

    Examples
    --------
    >>> rows = score_rows(["Good.", "Bad."])
    >>> [round(dict(zip(COMPONENTS, r))["afinn_raw"]) for r in rows]
    [3, -3]
    """
    if words is not None and len(words) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(words)} word lists")
    if words is None:
        words = [pattern_words(t) for t in texts]
    lexical = [_lexicon_components(t, w) for t, w in zip(texts, words, strict=True)]
    from analysis.sentiment_model import shipped_model

    hybrid = shipped_model().predict(words, [row[-1] for row in lexical])
    return [(*row, float(h)) for row, h in zip(lexical, hybrid, strict=True)]


def components(text: str, words: Sequence[str] | None = None) -> tuple[float, ...]:
    """:func:`score_rows` for one text.

    Examples
    --------
    >>> dict(zip(COMPONENTS, components("Good.")))["afinn_raw"]
    3.0
    """
    return score_rows([text], None if words is None else [words])[0]


def _single(method: str) -> Callable[[str], float]:
    if method == "vader":
        return lambda t: _vader().polarity_scores(t)["compound"]
    if method == "afinn":
        return lambda t: _squash(afinn_raw(t))
    if method == "textblob":
        return lambda t: float(_pattern()(pattern_words(t))[0])
    if method == "ensemble":
        return lambda t: _lexicon_components(t, None)[-1]
    raise ValueError(f"unknown sentiment method {method!r}; choose one of {list(METHODS)}")


METHODS = ("hybrid", "ensemble", "vader", "afinn", "textblob")


def polarity(texts: str | Iterable[str], *, method: str = DEFAULT_METHOD) -> list[float]:
    """One polarity value in [-1, 1] per text.

    Parameters
    ----------
    texts : str or iterable of str
        A text or texts (a single string is treated as one text).
    method : {"hybrid", "ensemble", "vader", "afinn", "textblob"}
        The scorer; see the module docs.

    Examples
    --------
    >>> polarity("Not good at all.", method="afinn")[0] < 0
    True
    >>> polarity(["x"], method="nope")
    Traceback (most recent call last):
    ...
    ValueError: unknown sentiment method 'nope'; choose one of ['hybrid', 'ensemble', 'vader', 'afinn', 'textblob']
    """
    if isinstance(texts, str):
        texts = [texts]
    if method == "hybrid":
        return [row[-1] for row in score_rows(list(texts))]
    fn = _single(method)
    return [float(fn(t)) for t in texts]


def score(texts: Sequence[str] | str) -> pd.DataFrame:
    """Every scorer's components for each text, one row per text.

    Columns: :data:`COMPONENTS` -- ``vader_neg``, ``vader_neu``, ``vader_pos``,
    ``vader`` (compound), ``vader_balance`` (pos - neg), ``afinn_raw``, ``afinn``,
    ``textblob``, ``textblob_subjectivity``, ``ensemble``, ``hybrid``.

    Examples
    --------
    >>> score(["Good.", "Bad."])[["vader", "afinn", "ensemble", "hybrid"]].round(2)
       vader  afinn  ensemble  hybrid
    0   0.44   0.61      0.69    0.36
    1  -0.54  -0.61     -0.71   -0.66
    """
    if isinstance(texts, str):
        texts = [texts]
    return pd.DataFrame(score_rows(list(texts)), columns=list(COMPONENTS))
