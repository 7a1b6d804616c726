"""VADER exactly as ``vaderSentiment`` 3.3.2 scores it, from words found once per document.

(One algorithm, kept in one module of about 500 lines: its rules depend on each
other's order, and the tests compare it with the package as a whole.)

``SentimentIntensityAnalyzer.polarity_scores`` splits each text at whitespace again and
rebuilds a lower-cased copy of its word list for every sentiment word it meets, so
its cost grows with the square of the sentence length.  This module gives the same
four numbers (``neg``, ``neu``, ``pos``, ``compound``, rounded as the package rounds
them) in time linear in the text:

* **Words.**  VADER's words are the text's whitespace-separated runs, each emoji
  first replaced by its description (``😁`` -> ``beaming face with smiling eyes``,
  with a space inserted before it but not after), and each word stripped of leading
  and trailing ASCII punctuation unless that leaves two characters or fewer
  (``:)`` and ``no.`` stay as they are).  The project's tokens never contain
  whitespace and cover every other character of a sentence, so a run is a group of
  consecutive tokens with no gap between them: :class:`VaderText` builds the runs of
  a whole document from its tokens (checking that they cover the text, else it
  finds them with one regular-expression pass), looks each word up once, and scores
  any span by slicing those arrays; only a run cut by the span's edge is split again.
* **Rules**, as the package applies them (:func:`_word_valence`): lexicon valence;
  ``no`` as a negator of the next lexicon word; ALL-CAPS emphasis when some but not
  all words are capitalised; boosters and dampeners up to three words back (damped
  by 0.95 and 0.9 with distance); negation in the same window (``never so``/``never
  this`` and ``without doubt`` excepted); the special idioms (``the bomb``, ``kiss of
  death``) and ``kind of``/``sort of``; ``least``; then ``but`` (halving what comes
  before the first ``but`` and raising what follows by half, reproducing the
  package's ``list.index`` lookup, which rescales the *first* word with an equal
  value, in O(n log n) with one heap per value, :func:`_but`); ``!`` (up to 4) and
  ``?`` (2 or more) amplification; and the normalisation ``x / sqrt(x**2 + 15)``.

The lexicon, emoji descriptions, negations, boosters and idioms are read from the
installed ``vaderSentiment`` package, so the data are the package's own.  Equality
with the package is tested on random texts (tests/sentiment/test_vader.py) and measured on the
four rated sets of Hutto & Gilbert (2014) by ``benchmarks/sentiment.py``.

Examples
--------
>>> polarity_scores("VADER is VERY SMART, handsome, and FUNNY!!!")
{'neg': 0.0, 'neu': 0.233, 'pos': 0.767, 'compound': 0.9342}
>>> from analysis.text import tokens
>>> text = "It was good. It was not good, but not bad either 😁"
>>> doc = VaderText(text, tokens(text))
>>> doc.scores(0, 12), doc.scores(13, len(text)) == vader_tuple(text[13:])
((0.0, 0.408, 0.592, 0.4404), True)
"""

from __future__ import annotations

import math
import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from heapq import heappop, heappush
from itertools import accumulate, compress, count, repeat
from operator import attrgetter, is_not
from typing import Any

import numpy as np
from vaderSentiment import vaderSentiment as _pkg

__all__ = ["VaderText", "polarity_scores", "vader_tuple", "vader_words"]

_PUNCT = string.punctuation
_NONSPACE_RE = re.compile(r"\S+")
_BOOSTERS: dict[str, float] = _pkg.BOOSTER_DICT
_NEGATE = frozenset(_pkg.NEGATE)
_SPECIAL = _pkg.SPECIAL_CASES
_N = _pkg.N_SCALAR
_C = _pkg.C_INCR
_SO_THIS = ("so", "this")

#: One VADER word: (lower-cased form, is upper-case, lexicon valence or None).
Word = tuple[str, bool, float | None]


@cache
def _data() -> tuple[dict[str, float], dict[str, str], re.Pattern[str]]:
    """The package's lexicon, its one-character emoji descriptions and a pattern for them."""
    analyzer = _pkg.SentimentIntensityAnalyzer()
    emojis = {k: v for k, v in analyzer.emojis.items() if len(k) == 1}
    ranges: list[list[int]] = []
    for point in sorted(map(ord, emojis)):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    members = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "")
                      for a, b in ranges)
    return analyzer.lexicon, emojis, re.compile(f"[{members}]")


@cache
def _emoji_set() -> frozenset[str]:
    return frozenset(_data()[1])


def _raw_words(text: str) -> list[str]:
    """VADER's split of ``text``: emoji described, a break before each, then whitespace."""
    if not _emoji_set().isdisjoint(text):
        _, emojis, emoji_re = _data()
        text = emoji_re.sub(lambda m: " " + emojis[m.group()], text)
    return text.split()


def _word(raw: str, lexicon: dict[str, float]) -> Word:
    stripped = raw.strip(_PUNCT)
    if len(stripped) <= 2:
        stripped = raw
    low = stripped.lower()
    return low, stripped.isupper(), lexicon.get(low)


_CACHE: dict[str, Word] = {}
_CACHE_SIZE = 1 << 14


def _lookup(raws: list[str]) -> list[Word]:
    """:func:`_word` of each raw word, through a bounded cache of recent words."""
    words = list(map(_CACHE.get, raws))
    if None in words:
        lexicon = _data()[0]
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.clear()
        for k, word in enumerate(words):
            if word is None:
                word = words[k] = _CACHE[raws[k]] = _word(raws[k], lexicon)
    return words  # type: ignore[return-value]


def vader_words(text: str) -> list[Word]:
    """VADER's words of ``text``: (lower-cased, is upper-case, valence or None) each.

    Examples
    --------
    >>> vader_words("Not BAD :) no.")
    [('not', False, None), ('bad', True, -2.5), (':)', False, 2.0), ('no.', False, None)]
    """
    lexicon = _data()[0]
    return [_word(w, lexicon) for w in _raw_words(text)]


def _negated(word: str) -> bool:
    return word in _NEGATE or "n't" in word


def _scalar(low: str, up: bool, valence: float, cap_diff: bool) -> float:
    """The booster or dampener effect of a preceding word (``scalar_inc_dec``)."""
    scalar = 0.0
    if low in _BOOSTERS:
        scalar = _BOOSTERS[low]
        if valence < 0:
            scalar *= -1
        if up and cap_diff:
            if valence > 0:
                scalar += _C
            else:
                scalar -= _C
    return scalar


def _negation(valence: float, low: list[str], back: int, i: int) -> float:
    """The package's ``_negation_check`` for the word ``back + 1`` places before ``i``."""
    if back == 0:
        if _negated(low[i - 1]):
            valence = valence * _N
    elif back == 1:
        if low[i - 2] == "never" and low[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif low[i - 2] == "without" and low[i - 1] == "doubt":
            pass
        elif _negated(low[i - 2]):
            valence = valence * _N
    else:
        if (low[i - 3] == "never" and low[i - 2] in _SO_THIS) or low[i - 1] in _SO_THIS:
            valence = valence * 1.25
        elif low[i - 3] == "without" and (low[i - 2] == "doubt" or low[i - 1] == "doubt"):
            pass
        elif _negated(low[i - 3]):
            valence = valence * _N
    return valence


def _idioms(valence: float, low: list[str], i: int, hi: int) -> float:
    """The package's ``_special_idioms_check`` (only reached with three words before ``i``)."""
    onezero = f"{low[i - 1]} {low[i]}"
    twoonezero = f"{low[i - 2]} {low[i - 1]} {low[i]}"
    twoone = f"{low[i - 2]} {low[i - 1]}"
    threetwoone = f"{low[i - 3]} {low[i - 2]} {low[i - 1]}"
    threetwo = f"{low[i - 3]} {low[i - 2]}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in _SPECIAL:
            valence = _SPECIAL[seq]
            break
    if hi - 1 > i:
        zeroone = f"{low[i]} {low[i + 1]}"
        if zeroone in _SPECIAL:
            valence = _SPECIAL[zeroone]
    if hi - 1 > i + 1:
        zeroonetwo = f"{low[i]} {low[i + 1]} {low[i + 2]}"
        if zeroonetwo in _SPECIAL:
            valence = _SPECIAL[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in _BOOSTERS:
            valence = valence + _BOOSTERS[n_gram]
    return valence


def _word_valence(i: int, low: list[str], up: list[bool], val: list[float | None],
                  lo: int, hi: int, cap_diff: bool) -> float:
    """The valence of lexicon word ``i`` of the text ``lo:hi`` after every rule.

    The package's ``sentiment_valence`` and ``_least_check``, with its conditions on
    the position in the text (``i > 0``, ``i != len - 1``) taken relative to ``lo``
    and ``hi``.
    """
    lexical = val[i]
    assert lexical is not None
    valence = lexical
    if low[i] == "no" and i != hi - 1 and val[i + 1] is not None:
        valence = 0.0
    if (i > lo and low[i - 1] == "no") or (i > lo + 1 and low[i - 2] == "no") \
            or (i > lo + 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")):
        valence = lexical * _N
    if up[i] and cap_diff:
        if valence > 0:
            valence += _C
        else:
            valence -= _C
    for back in range(3):
        j = i - back - 1
        if j >= lo and val[j] is None:
            s = _scalar(low[j], up[j], valence, cap_diff)
            if back == 1 and s != 0:
                s = s * 0.95
            if back == 2 and s != 0:
                s = s * 0.9
            valence = valence + s
            valence = _negation(valence, low, back, i)
            if back == 2:
                valence = _idioms(valence, low, i, hi)
    if i > lo + 1 and val[i - 1] is None and low[i - 1] == "least":
        if low[i - 2] != "at" and low[i - 2] != "very":
            valence = valence * _N
    elif i > lo and val[i - 1] is None and low[i - 1] == "least":
        valence = valence * _N
    return valence


def _but(positions: list[int], values: list[float], but: int) -> None:
    """The package's ``_but_check`` on the non-zero sentiments, in place.

    The package walks the sentiments in order and, for each value, rescales the
    *first* position holding an equal value (``list.index``): x 0.5 before the first
    ``but``, x 1.5 after it.  Zeros stay zero, so only non-zero positions matter.  A
    rescaled position never returns to an earlier value (its factor is always the
    same), so a heap of positions per value with stale entries skipped finds the
    first holder exactly.
    """
    holders: dict[float, list[int]] = {}
    for k, value in enumerate(values):
        heap = holders.setdefault(value, [])
        heappush(heap, k)
        while values[heap[0]] != value:
            heappop(heap)
        first = heap[0]
        if positions[first] < but:
            new = value * 0.5
        elif positions[first] > but:
            new = value * 1.5
        else:
            continue
        values[first] = new
        heappush(holders.setdefault(new, []), first)


def _amplifier(bangs: int, questions: int) -> float:
    ep = min(bangs, 4) * 0.292
    qm: float = 0
    if questions > 1:
        qm = questions * 0.18 if questions <= 3 else 0.96
    return ep + qm


def _normalize(score: float, alpha: float = 15) -> float:
    norm = score / math.sqrt(score * score + alpha)
    return -1.0 if norm < -1.0 else 1.0 if norm > 1.0 else norm


def _score(low: list[str], up: list[bool], val: list[float | None], lo: int, hi: int,
           lexical: Iterable[int], n_upper: int, but: int | None, bangs: int,
           questions: int, memo: dict[int, float] | None = None
           ) -> tuple[float, float, float, float]:
    """(neg, neu, pos, compound) of the words ``lo:hi``, rounded as the package rounds.

    ``lexical`` lists the positions in ``lo:hi`` of lexicon words, ``n_upper`` counts
    the upper-case words, ``but`` is the position of the first ``but`` (or None), and
    ``bangs`` and ``questions`` count ``!`` and ``?`` in the text: with these given, the
    cost grows with the number of lexicon words, not of words.  A word's valence
    depends on the text only through the three words before it, the two after it and
    ``cap_diff``; when all of these lie inside ``lo:hi`` it is kept in ``memo`` (one per
    document) and reused by every other span that contains them.
    """
    n = hi - lo
    if n == 0:
        return 0.0, 0.0, 0.0, 0.0
    cap_diff = 0 < n - n_upper < n
    positions: list[int] = []
    values: list[float] = []
    for i in lexical:
        word = low[i]
        if word in _BOOSTERS or (word == "kind" and i < hi - 1 and low[i + 1] == "of"):
            continue
        if memo is not None and lo <= i - 3 and i + 3 <= hi:
            key = 2 * i + cap_diff
            valence = memo.get(key)
            if valence is None:
                valence = memo[key] = _word_valence(i, low, up, val, lo, hi, cap_diff)
        else:
            valence = _word_valence(i, low, up, val, lo, hi, cap_diff)
        if valence != 0:
            positions.append(i)
            values.append(valence)
    if not values:  # nothing scored: what the formulas below give, without them
        return 0.0, 1.0, 0.0, 0.0
    if but is not None:
        _but(positions, values, but)
    amplifier = _amplifier(bangs, questions)
    total = float(sum(values))
    if total > 0:
        total += amplifier
    elif total < 0:
        total -= amplifier
    compound = _normalize(total)
    pos_sum, neg_sum, neutral = 0.0, 0.0, n
    for value in values:
        if value > 0:
            pos_sum += value + 1
            neutral -= 1
        elif value < 0:
            neg_sum += value - 1
            neutral -= 1
    if pos_sum > math.fabs(neg_sum):
        pos_sum += amplifier
    elif pos_sum < math.fabs(neg_sum):
        neg_sum -= amplifier
    whole = pos_sum + math.fabs(neg_sum) + neutral
    return (round(math.fabs(neg_sum / whole), 3), round(math.fabs(neutral / whole), 3),
            round(math.fabs(pos_sum / whole), 3), round(compound, 4))


def _score_words(words: list[Word], bangs: int, questions: int
                 ) -> tuple[float, float, float, float]:
    """:func:`_score` of a word list, the positions it needs found by one walk."""
    low = [w[0] for w in words]
    val = [w[2] for w in words]
    return _score(low, [w[1] for w in words], val, 0, len(words),
                  [i for i, v in enumerate(val) if v is not None], sum(w[1] for w in words),
                  low.index("but") if "but" in low else None, bangs, questions)


def _marks(text: str, start: int = 0, end: int | None = None) -> tuple[int, int]:
    end = len(text) if end is None else end
    return text.count("!", start, end), text.count("?", start, end)


def vader_tuple(text: str) -> tuple[float, float, float, float]:
    """(neg, neu, pos, compound) of ``text``, equal to the package's ``polarity_scores``.

    Examples
    --------
    >>> vader_tuple("The plot was good, but the characters are uncompelling and the dialog "
    ...             "is not great.")
    (0.327, 0.579, 0.094, -0.7042)
    """
    words = vader_words(text)
    bangs, questions = _marks(text)
    if words and not _emoji_set().isdisjoint(text):
        bangs, questions = _emoji_marks(text, bangs, questions)
    return _score_words(words, bangs, questions)


def _emoji_marks(text: str, bangs: int, questions: int) -> tuple[int, int]:
    _, emojis, emoji_re = _data()
    for m in emoji_re.finditer(text):
        bangs += emojis[m.group()].count("!")
        questions += emojis[m.group()].count("?")
    return bangs, questions


def polarity_scores(text: str) -> dict[str, float]:
    """The package's ``SentimentIntensityAnalyzer().polarity_scores(text)``, in linear time.

    Examples
    --------
    >>> polarity_scores("Not bad at all")
    {'neg': 0.0, 'neu': 0.513, 'pos': 0.487, 'compound': 0.431}
    """
    neg, neu, pos, compound = vader_tuple(text)
    return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}


class VaderText:
    """VADER's words of a whole document, found and looked up once, for scoring spans.

    Parameters
    ----------
    text : str
        The document.
    tokens : sequence of tokens, optional
        The document's tokens (anything with ``start`` and ``end``), in order and
        non-overlapping, as :func:`analysis.text.tokens` gives them.  Groups of
        tokens with no whitespace between them are VADER's words.  When they do not
        cover every non-whitespace character (or are not given), the runs are found
        with one regular-expression pass instead; the scores are the same.
    offset : int
        Where ``text`` starts in the text the tokens' offsets point into (``text`` a
        piece of a longer document).

    Examples
    --------
    >>> text = "Great. Not great!"
    >>> VaderText(text).scores(7, 17) == vader_tuple("Not great!")
    True
    """

    __slots__ = ("_bang_prefix", "_buts", "_emoji_at", "_first", "_lexical", "_low", "_memo",
                 "_question_prefix", "_up", "_upper", "_val", "ends", "starts", "text")

    def __init__(self, text: str, tokens: Sequence[Any] | None = None, *,
                 offset: int = 0) -> None:
        self.text = text
        raws = text.split()
        runs = _runs_from_tokens(tokens, raws, offset) if tokens is not None else None
        if runs is None:
            spans = [m.span() for m in _NONSPACE_RE.finditer(text)]
            runs = [s for s, _ in spans], [e for _, e in spans]
        self.starts, self.ends = runs
        self._first: list[int] | None = None
        self._emoji_at: list[int] = []
        self._bang_prefix: list[int] = []
        self._question_prefix: list[int] = []
        words = _lookup(raws) if _emoji_set().isdisjoint(text) else self._with_emoji(raws)
        self._low = [w[0] for w in words]
        self._up = [w[1] for w in words]
        self._val = [w[2] for w in words]
        self._lexical = list(compress(count(), map(is_not, self._val, repeat(None))))
        self._upper = list(accumulate(self._up, initial=0))
        self._buts = list(compress(count(), map("but".__eq__, self._low)))
        self._memo: dict[int, float] = {}

    def _with_emoji(self, raws: list[str]) -> list[Word]:
        """Words when some runs hold emoji (described, so one run may give several words)."""
        _, emojis, emoji_re = _data()
        emoji_at = self._emoji_at = [m.start() for m in emoji_re.finditer(self.text)]
        plain = _lookup(raws)
        words: list[Word] = []
        first = [0]
        k = 0
        for raw, word, start, end in zip(raws, plain, self.starts, self.ends, strict=True):
            while k < len(emoji_at) and emoji_at[k] < start:
                k += 1
            if k < len(emoji_at) and emoji_at[k] < end:
                words.extend(vader_words(raw))
            else:
                words.append(word)
            first.append(len(words))
        self._first = first
        bangs, questions = [0], [0]
        for pos in emoji_at:
            bangs.append(bangs[-1] + emojis[self.text[pos]].count("!"))
            questions.append(questions[-1] + emojis[self.text[pos]].count("?"))
        self._bang_prefix, self._question_prefix = bangs, questions
        return words

    def scores(self, start: int = 0, end: int | None = None
               ) -> tuple[float, float, float, float]:
        """(neg, neu, pos, compound) of ``text[start:end]``, as :func:`vader_tuple`."""
        text, starts, ends = self.text, self.starts, self.ends
        end = len(text) if end is None else end
        bangs, questions = text.count("!", start, end), text.count("?", start, end)
        if self._emoji_at:
            lo, hi = bisect_left(self._emoji_at, start), bisect_left(self._emoji_at, end)
            bangs += self._bang_prefix[hi] - self._bang_prefix[lo]
            questions += self._question_prefix[hi] - self._question_prefix[lo]
        r0 = bisect_right(ends, start)
        r1 = bisect_left(starts, end)
        head: list[Word] = []
        tail: list[Word] = []
        if r0 < r1 and starts[r0] < start:  # the span starts inside a run
            head = vader_words(text[start:min(ends[r0], end)])
            r0 += 1
        if r0 < r1 and ends[r1 - 1] > end:  # or ends inside one
            tail = vader_words(text[starts[r1 - 1]:end])
            r1 -= 1
        if r0 >= r1:
            w0 = w1 = 0
        elif self._first is None:
            w0, w1 = r0, r1
        else:
            w0, w1 = self._first[r0], self._first[r1]
        if head or tail:
            words = list(zip(self._low[w0:w1], self._up[w0:w1], self._val[w0:w1],
                             strict=True))
            return _score_words(head + words + tail, bangs, questions)
        lexical = self._lexical[bisect_left(self._lexical, w0):bisect_left(self._lexical, w1)]
        k = bisect_left(self._buts, w0)
        but = self._buts[k] if k < len(self._buts) and self._buts[k] < w1 else None
        return _score(self._low, self._up, self._val, w0, w1, lexical,
                      self._upper[w1] - self._upper[w0], but, bangs, questions, self._memo)


def _runs_from_tokens(tokens: Sequence[Any], raws: list[str], offset: int = 0
                      ) -> tuple[list[int], list[int]] | None:
    """Offsets of the whitespace-separated runs ``raws`` as groups of adjacent tokens
    (whose offsets are ``offset`` more than in the text: the text is a piece of theirs).

    None when the tokens do not cover every non-whitespace character (then the runs
    are not theirs to give).
    """
    n = len(tokens)
    if n == 0:
        return ([], []) if not raws else None
    starts = np.fromiter(map(attrgetter("start"), tokens), dtype=np.int64, count=n) - offset
    ends = np.fromiter(map(attrgetter("end"), tokens), dtype=np.int64, count=n) - offset
    opens = np.ones(n, dtype=bool)
    opens[1:] = starts[1:] != ends[:-1]
    closes = np.ones(n, dtype=bool)
    closes[:-1] = opens[1:]
    run_starts, run_ends = starts[opens], ends[closes]
    if len(run_starts) != len(raws) or int((ends - starts).sum()) != sum(map(len, raws)):
        return None
    return run_starts.tolist(), run_ends.tolist()
