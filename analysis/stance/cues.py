"""Stance cues that carry across domains and targets: a few dense, named features.

Word n-grams learn *what* is said about one target in one domain; these cues describe
*how* a text positions what it says, in terms that mean the same for a tweet about
feminism and a news sentence about the climate:

``hedge``, ``booster``, ``attitude``, ``self_mention``, ``negation``, ``engagement``
    stance-marker counts (:mod:`analysis.stance.markers`, Hyland 2005);
``distance``, ``endorse``, ``counter``, ``dismiss``, ``concur``
    appraisal cues (``data/stance/appraisal.txt``, after Martin & White 2005): a claim
    reported at a distance (*so-called*, *claimed*), endorsed (*showed*, *confirmed*),
    countered (*but*), dismissed (*hoax*, *exaggerated*) or agreed with;
``positive``, ``negative``
    summed word valences (VADER and AFINN, :func:`analysis.sentiment.valences`),
    with negation within three words flipping a word's sign;
``question``, ``exclamation``
    the text contains ``?`` / ``!``.

Counts enter as ``log(1 + count)``, valences as ``log(1 + sum)``.

Examples
--------
>>> names, values = cue_matrix(["The so-called crisis is a hoax, but nobody asks why?"])
>>> {n: round(float(v), 2) for n, v in zip(names, values[0]) if v}["dismiss"]
0.69
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache

import numpy as np

from analysis.resources import word_map
from analysis.sentiment import valences
from analysis.stance.markers import CATEGORIES, count_markers_in_tokens
from analysis.text import fold, tokens

__all__ = ["APPRAISAL", "CUES", "appraisal_lexicon", "cue_matrix"]

#: Appraisal categories of ``data/stance/appraisal.txt``.
APPRAISAL = ("distance", "endorse", "counter", "dismiss", "concur")
#: Cue names, in column order of :func:`cue_matrix`.
CUES = (*CATEGORIES, *APPRAISAL, "positive", "negative", "question", "exclamation")


@cache
def appraisal_lexicon() -> dict[tuple[str, ...], str]:
    """Token sequence -> appraisal category.

    Examples
    --------
    >>> appraisal_lexicon()[("so-called",)], appraisal_lexicon()[("even", "so")]
    ('distance', 'counter')
    """
    return {tuple(entry.split()): category
            for entry, category in word_map("stance/appraisal.txt").items()}


def _appraisal_counts(words: list[str]) -> dict[str, int]:
    lexicon = appraisal_lexicon()
    counts = dict.fromkeys(APPRAISAL, 0)
    i = 0
    while i < len(words):
        for size in (2, 1):
            category = lexicon.get(tuple(words[i:i + size]))
            if category is not None:
                counts[category] += 1
                i += size
                break
        else:
            i += 1
    return counts


def _valence_sums(words: list[str], negation: frozenset[str]) -> tuple[float, float]:
    pos = neg = 0.0
    for i, v in enumerate(valences(words)):
        if v and any(w in negation for w in words[max(0, i - 3):i]):
            v = -v
        if v > 0:
            pos += v
        else:
            neg -= v
    return pos, neg


def cue_matrix(texts: Sequence[str]) -> tuple[tuple[str, ...], np.ndarray]:
    """``(CUES, matrix)``: one row of cue values per text.

    Examples
    --------
    >>> names, values = cue_matrix(["We certainly agree!"])
    >>> values.shape, names[-1]
    ((1, 15), 'exclamation')
    """
    from analysis.stance.markers import lexicon

    negation = frozenset(k[0] for k, c in lexicon().items() if c == "negation" and len(k) == 1)
    out = np.zeros((len(texts), len(CUES)))
    for r, text in enumerate(texts):
        words = [fold(t.text) for t in tokens(text)]
        markers = count_markers_in_tokens(words)
        appraisal = _appraisal_counts(words)
        pos, neg = _valence_sums(words, negation)
        row = [math.log1p(markers[c]) for c in CATEGORIES]
        row += [math.log1p(appraisal[c]) for c in APPRAISAL]
        row += [math.log1p(pos), math.log1p(neg), float("?" in text), float("!" in text)]
        out[r] = row
    return CUES, out
