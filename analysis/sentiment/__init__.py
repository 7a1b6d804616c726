"""Sentiment scorers behind one interface.

What is measured: the *lexical polarity* of a text — how positive or negative its
words are, as rated by people who built each lexicon — not the writer's opinion,
not stance toward a target, and not irony.

Methods (all offline, from what the pip packages ship):

``vader``
    VADER (Hutto & Gilbert 2014): a 7,500-entry lexicon with rules for negation,
    intensifiers, *but* and punctuation; the ``compound`` score in [-1, 1].  The
    numbers are exactly those of the ``vaderSentiment`` package, computed in linear
    time from words found once per document (:mod:`analysis.sentiment.vader`).  Like
    the package, it strips only ASCII punctuation from words, so a word touching a
    curly quotation mark (``“Great,”``) is not found in its lexicon.
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
    0.299 through ``TextBlob(text).sentiment``.
``ensemble``
    The mean of four scores: VADER's compound, VADER's balance (share of positive
    minus share of negative words, which does not saturate on long sentences as the
    compound does), AFINN and pattern.  Each lexicon misses or misrates words the
    others cover, so their errors are partly independent and averaging cancels some
    of them.  Nothing is fitted.
``hybrid`` (default)
    The ensemble plus word and word-pair weights fitted by ridge regression to
    human ratings of tweets, movie and product reviews and to the sentence polarity
    of news sentences (NewsMTSC; :mod:`analysis.sentiment.fit`).  The learned
    weights only adjust texts in which some lexicon found a sentiment word: a
    sentence every lexicon scores 0 (``The report was published on Monday.``)
    scores 0 (:func:`hybrid_parts` shows the parts).

Measured on the 5,190 human-rated New York Times editorial sentences of Hutto &
Gilbert (2014, in the ``vaderSentiment`` source distribution), which no method was
fitted or tuned on — Pearson r: hybrid 0.567, ensemble 0.539, VADER 0.503, AFINN
0.481, pattern 0.301; a supervised word 1-2-gram ridge model fitted on the three
non-news rated sets scores 0.324 (``benchmarks/sentiment.py`` recomputes these).  On
the held-out part of NewsMTSC (1,400 sentences whose persons are all presented
alike; ``--newsmtsc``), the hybrid's sign agrees with the sentence's polarity with
macro-F1 0.582 (VADER 0.525).  Of the 844 NYT sentences no lexicon scores, none is
negative with ``hybrid`` (86 % were before the calibration).  The balance term was
added to the ensemble because it raised r on all four of Hutto & Gilbert's sets
(tweets, movies, products, news), not on news alone.

Speed: :func:`score_document` scores every sentence and quote of a tokenised
document from lookups made once per token (:mod:`analysis.sentiment.document`):
2.6-2.9x the throughput of calling each package on each span (200 news articles,
``benchmarks/sentiment.py``), with the same numbers.

Public API
----------
Scoring
    :func:`polarity` (one method, many texts), :func:`score` and :func:`components`
    (every method, as a table), :func:`score_rows` (every component, as rows),
    :func:`score_document` (the spans of a tokenised document), :func:`hybrid_parts`;
    :data:`METHODS`, :data:`DEFAULT_METHOD`, :data:`COMPONENTS`, :data:`LEXICAL`,
    :func:`lexical_rows`.
Words
    :func:`pattern_words` (the words the pattern scorer reads), :func:`valences` (a
    word's VADER and AFINN valence), :func:`polarity_scores` (VADER's scores, as the
    package computes them), :func:`afinn_raw`.
Modules
    one per lexicon (:mod:`~analysis.sentiment.vader`, :mod:`~analysis.sentiment.afinn`,
    :mod:`~analysis.sentiment.pattern`), a tokenised document scored at once
    (:mod:`~analysis.sentiment.document`), the hybrid model (:mod:`~analysis.sentiment.hybrid`)
    and its fitting (:mod:`~analysis.sentiment.fit`: ``python -m analysis.sentiment.fit
    DIR``), and the reference implementations the tests compare with
    (:mod:`~analysis.sentiment.reference`).

Examples
--------
>>> [round(x, 2) for x in polarity(["A wonderful, happy day.", "A terrible loss."], method="vader")]
[0.81, -0.66]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.sentiment.afinn import afinn_raw
from analysis.sentiment.document import (
    COMPONENTS,
    LEXICAL,
    ScoredDocument,
    score_document,
    score_many,
    squash,
)
from analysis.sentiment.pattern import assess, code
from analysis.sentiment.vader import polarity_scores, vader_tuple

__all__ = ["COMPONENTS", "DEFAULT_METHOD", "LEXICAL", "METHODS", "afinn_raw", "components",
           "hybrid_parts", "lexical_rows", "pattern_words", "polarity", "polarity_scores", "score",
           "score_document", "score_rows", "valences"]

DEFAULT_METHOD = "hybrid"
METHODS = ("hybrid", "ensemble", "vader", "afinn", "textblob")


def pattern_words(text: str) -> list[str]:
    """Lower-cased Treebank-like words of ``text`` as the pattern scorer reads them.

    Examples
    --------
    >>> pattern_words("It isn’t good!")
    ['it', 'is', "n't", 'good', '!']
    """
    from analysis.text import fold, tokens

    return [fold(t.text) for t in tokens(text)]


def _document(text: str, words: Sequence[str] | None) -> ScoredDocument:
    if words is not None:
        return ScoredDocument(text, words)
    from analysis.text import fold, tokens

    toks = tokens(text)
    return ScoredDocument(text, [fold(t.text) for t in toks], toks)


def score_rows(texts: Sequence[str],
               words: Sequence[Sequence[str]] | None = None) -> list[tuple[float, ...]]:
    """Every scorer's components for each text, in the order of :data:`COMPONENTS`.

    Parameters
    ----------
    texts : sequence of str
        The texts to score (scored together: the hybrid model is applied once).
    words : sequence of sequences of str, optional
        Each text's words as :func:`pattern_words` gives them, when already tokenised.
        For the spans of a tokenised document, :func:`score_document` is faster.

    Examples
    --------
    >>> rows = score_rows(["Good.", "Bad."])
    >>> [round(dict(zip(COMPONENTS, r))["afinn_raw"]) for r in rows]
    [3, -3]
    """
    if words is not None and len(words) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(words)} word lists")
    jobs = []
    for i, text in enumerate(texts):
        doc = _document(text, None if words is None else words[i])
        jobs.append((doc, [(0, len(text), 0, len(doc.words))]))
    return score_many(jobs)


def lexical_rows(texts: Sequence[str], words: Sequence[Sequence[str]] | None = None
                 ) -> list[tuple[float, ...]]:
    """:func:`score_rows` without the fitted ``hybrid`` column (:data:`LEXICAL` components).

    Examples
    --------
    >>> dict(zip(LEXICAL, lexical_rows(["Good."])[0]))["afinn_raw"]
    3.0
    """
    if words is not None and len(words) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(words)} word lists")
    rows = []
    for i, text in enumerate(texts):
        doc = _document(text, None if words is None else words[i])
        rows.append(doc.lexical(0, len(text), 0, len(doc.words)))
    return rows


def components(text: str, words: Sequence[str] | None = None) -> tuple[float, ...]:
    """:func:`score_rows` for one text.

    Examples
    --------
    >>> dict(zip(COMPONENTS, components("Good.")))["afinn_raw"]
    3.0
    """
    return score_rows([text], None if words is None else [words])[0]


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
    if method not in METHODS:
        raise ValueError(f"unknown sentiment method {method!r}; choose one of {list(METHODS)}")
    texts = [texts] if isinstance(texts, str) else list(texts)
    if method == "hybrid":
        return [row[-1] for row in score_rows(texts)]
    if method == "vader":
        return [vader_tuple(t)[3] for t in texts]
    if method == "afinn":
        return [squash(afinn_raw(t)) for t in texts]
    if method == "textblob":
        return [float(assess([code(w) for w in pattern_words(t)])[0]) for t in texts]
    return [row[-1] for row in lexical_rows(texts)]


def score(texts: Sequence[str] | str) -> pd.DataFrame:
    """Every scorer's components for each text, one row per text.

    Columns: :data:`COMPONENTS` -- ``vader_neg``, ``vader_neu``, ``vader_pos``,
    ``vader`` (compound), ``vader_balance`` (pos - neg), ``afinn_raw``, ``afinn``,
    ``textblob``, ``textblob_subjectivity``, ``ensemble``, ``hybrid``.

    Examples
    --------
    >>> score(["Good.", "Bad."])[["vader", "afinn", "ensemble", "hybrid"]].round(2)
       vader  afinn  ensemble  hybrid
    0   0.44   0.61      0.69    0.38
    1  -0.54  -0.61     -0.71   -0.61
    """
    if isinstance(texts, str):
        texts = [texts]
    return pd.DataFrame(score_rows(list(texts)), columns=list(COMPONENTS))


def hybrid_parts(texts: Sequence[str] | str) -> pd.DataFrame:
    """How the default ``hybrid`` score of each text is made up.

    Columns: ``ensemble`` (the lexicons' mean), ``evidence`` (did any lexicon find a
    sentiment word?), ``from_lexicons`` (the fitted weight times the ensemble),
    ``from_words`` (what the learned word weights add: nothing without evidence) and
    ``hybrid`` (their sum, clipped to [-1, 1]).

    Examples
    --------
    >>> hybrid_parts(["The report was published on Monday.", "Not great."]).round(2)
       ensemble  evidence  from_lexicons  from_words  hybrid
    0      0.00     False           0.00        0.00    0.00
    1     -0.27      True          -0.17       -0.09   -0.26
    """
    from analysis.sentiment.document import has_evidence
    from analysis.sentiment.hybrid import gate_values, shipped_model

    if isinstance(texts, str):
        texts = [texts]
    rows = score_rows(list(texts))
    model = shipped_model()
    ensemble = pd.Series([r[COMPONENTS.index("ensemble")] for r in rows], dtype=float)
    evidence = [has_evidence(r) for r in rows]
    learned = model.vectorizer.transform([pattern_words(t) for t in texts]) @ model.coef
    gate = gate_values(model.gate, ensemble.to_numpy(), evidence)
    return pd.DataFrame({"ensemble": ensemble, "evidence": evidence,
                         "from_lexicons": model.ensemble_coef * ensemble,
                         "from_words": gate * (model.intercept + learned) + 0.0,  # no -0.0
                         "hybrid": [r[-1] for r in rows]})


#: Word valences computed so far (see :func:`valences`).
_VALENCES: dict[str, float] = {}
_VALENCES_SIZE = 1 << 15


def valences(words: Sequence[str]) -> list[float]:
    """Valence of each (folded) word: the mean of its VADER and AFINN scores alone.

    Scores are computed once per distinct word and remembered (the last 32,768 or so
    words: a corpus's vocabulary keeps growing).

    Examples
    --------
    >>> [round(v, 2) for v in valences(["good", "table", "corrupt"])]
    [0.53, 0.0, -0.31]
    """
    missing = sorted({w for w in words if w not in _VALENCES})
    if missing and len(_VALENCES) + len(missing) > _VALENCES_SIZE:
        _VALENCES.clear()  # bounded: a corpus's vocabulary (numbers, names) keeps growing
        missing = sorted(set(words))
    if missing:
        vader = polarity(missing, method="vader")
        afinn = polarity(missing, method="afinn")
        for word, a, b in zip(missing, vader, afinn, strict=True):
            _VALENCES[word] = (a + b) / 2 if any(ch.isalpha() for ch in word) else 0.0
    return [_VALENCES[w] for w in words]
