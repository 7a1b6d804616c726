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
    AFINN-165 (Nielsen 2011) word valences summed, then squashed into [-1, 1] with
    VADER's normalisation ``x / sqrt(x**2 + 15)``.
``textblob``
    The pattern lexicon of adjectives shipped with TextBlob: mean polarity in [-1, 1].
``ensemble`` (default)
    The mean of the three.  Each lexicon misses or misrates words the others cover,
    so their errors are partly independent and averaging cancels some of them.
    Measured on the 5,190 human-rated New York Times editorial sentences of Hutto &
    Gilbert (2014, distributed in the ``vaderSentiment`` source package): Pearson
    r = 0.531 for the ensemble against 0.503 for VADER, 0.481 for AFINN and 0.299
    for TextBlob (``benchmarks/sentiment.py`` recomputes these).  No weight was fitted
    to those ratings.

Examples
--------
>>> [round(x, 2) for x in polarity(["A wonderful, happy day.", "A terrible loss."], method="vader")]
[0.81, -0.66]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import cache

import pandas as pd

__all__ = ["DEFAULT_METHOD", "METHODS", "polarity", "score"]

DEFAULT_METHOD = "ensemble"


@cache
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def _afinn():
    from afinn import Afinn

    return Afinn(language="en")


@cache
def _textblob() -> Callable[[str], tuple[float, float]]:
    from textblob.en.sentiments import PatternAnalyzer

    analyzer = PatternAnalyzer()
    return lambda text: tuple(analyzer.analyze(text))[:2]


def _squash(x: float, alpha: float = 15.0) -> float:
    return x / math.sqrt(x * x + alpha)


def _vader_scores(text: str) -> dict[str, float]:
    return _vader().polarity_scores(text)


def _components(text: str) -> dict[str, float]:
    v = _vader_scores(text)
    raw = float(_afinn().score(text))
    tb_pol, tb_subj = _textblob()(text)
    row = {
        "vader_neg": v["neg"], "vader_neu": v["neu"], "vader_pos": v["pos"],
        "vader": v["compound"], "afinn_raw": raw, "afinn": _squash(raw),
        "textblob": float(tb_pol), "textblob_subjectivity": float(tb_subj),
    }
    row["ensemble"] = (row["vader"] + row["afinn"] + row["textblob"]) / 3
    return row


def _single(method: str) -> Callable[[str], float]:
    if method == "vader":
        return lambda t: _vader_scores(t)["compound"]
    if method == "afinn":
        return lambda t: _squash(float(_afinn().score(t)))
    if method == "textblob":
        return lambda t: float(_textblob()(t)[0])
    if method == "ensemble":
        return lambda t: _components(t)["ensemble"]
    raise ValueError(f"unknown sentiment method {method!r}; choose one of {list(METHODS)}")


METHODS = ("ensemble", "vader", "afinn", "textblob")


def polarity(texts: str | Iterable[str], *, method: str = DEFAULT_METHOD) -> list[float]:
    """One polarity value in [-1, 1] per text.

    Parameters
    ----------
    texts : str or iterable of str
        A text or texts (a single string is treated as one text).
    method : {"ensemble", "vader", "afinn", "textblob"}
        The scorer; see the module docs.

    Examples
    --------
    >>> polarity("Not good at all.", method="afinn")[0] < 0
    True
    >>> polarity(["x"], method="nope")
    Traceback (most recent call last):
    ...
    ValueError: unknown sentiment method 'nope'; choose one of ['ensemble', 'vader', 'afinn', 'textblob']
    """
    if isinstance(texts, str):
        texts = [texts]
    fn = _single(method)
    return [float(fn(t)) for t in texts]


def score(texts: Sequence[str] | str) -> pd.DataFrame:
    """Every scorer's components for each text, one row per text.

    Columns: ``vader_neg``, ``vader_neu``, ``vader_pos``, ``vader`` (compound),
    ``afinn_raw``, ``afinn``, ``textblob``, ``textblob_subjectivity``, ``ensemble``.

    Examples
    --------
    >>> score(["Good.", "Bad."])[["vader", "afinn", "ensemble"]].round(2)
       vader  afinn  ensemble
    0   0.44   0.61      0.58
    1  -0.54  -0.61     -0.62
    """
    if isinstance(texts, str):
        texts = [texts]
    return pd.DataFrame([_components(t) for t in texts],
                        columns=["vader_neg", "vader_neu", "vader_pos", "vader", "afinn_raw",
                                 "afinn", "textblob", "textblob_subjectivity", "ensemble"])
