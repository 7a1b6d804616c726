"""AFINN-165 valences as the ``afinn`` package matches them, for texts and for spans.

The package lower-cases the text, collapses whitespace and finds whole words and
phrases of its list with one 3,382-way regular expression, longest phrase first,
left to right.  :func:`afinn_raw` finds the same matches by a dictionary walk over
the text's word runs (``\\w+``); :class:`AfinnText` does the lookups once for a whole
document and scores each span from them: for every run that starts a phrase of the
list it stores the phrases that match there (longest first), so a span's score is a
walk over the phrase starts inside it, taking the longest match that ends inside
the span.  Both give the package's numbers (tests compare them).

Examples
--------
>>> text = "It is not good. A real cover-up!"
>>> doc = AfinnText(text)
>>> doc.raw(0, 15), doc.raw(16, len(text)), afinn_raw(text[16:])
(-2.0, -3.0, -3.0)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from itertools import accumulate, compress

__all__ = ["AfinnText", "afinn_raw"]

_RUN_RE = re.compile(r"\w+")
_SPACE_RE = re.compile(r"\s+")
_SPLIT_RE = re.compile(r"(\w+)")


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


def _key(low: str, start: int, stop: int, size: int) -> str:
    return low[start:stop] if size == 1 else _SPACE_RE.sub(" ", low[start:stop])


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
                value = lexicon.get(_key(low, start, runs[i + size - 1][1], size))
                if value is not None:
                    total += value
                    i += size
                    break
            else:
                i += 1
        else:
            i += 1
    return float(total)


class AfinnText:
    """AFINN matches of a whole document, looked up once, for scoring spans.

    A span whose edge cuts a word run, or a document whose lower-case form has a
    different length (``İ`` lower-cases to two characters), is scored by
    :func:`afinn_raw` on the span's text instead.  (``Σ`` lower-cases by context, but
    to a word character either way and no AFINN phrase has Greek letters, so the
    matches cannot differ.)

    Examples
    --------
    >>> AfinnText("Good. Not bad luck at all.").raw(6, 26)
    -2.0
    """

    __slots__ = ("_cands", "_options", "ends", "exact", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.lower()
        self.exact = len(low) == len(text)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._cands: list[int] = []
        self._options: list[list[tuple[int, float]]] = []
        if not self.exact:
            return
        lexicon, longest = _afinn_lexicon()
        # Runs and the text between them, alternately; their lengths give the offsets.
        parts = _SPLIT_RE.split(low)
        offsets = list(accumulate(map(len, parts), initial=0))
        n = len(parts) // 2
        starts = self.starts = offsets[1:2 * n:2]
        ends = self.ends = offsets[2:2 * n + 1:2]
        words = parts[1::2]
        for i in compress(range(n), map(longest.__contains__, words)):
            options = []
            for size in range(min(longest[words[i]], n - i), 0, -1):
                value = lexicon.get(_key(low, starts[i], ends[i + size - 1], size))
                if value is not None:
                    options.append((size, value))
            if options:
                self._cands.append(i)
                self._options.append(options)

    def raw(self, start: int = 0, end: int | None = None) -> float:
        """:func:`afinn_raw` of ``text[start:end]``."""
        end = len(self.text) if end is None else end
        if not self.exact:
            return afinn_raw(self.text[start:end])
        starts, ends = self.starts, self.ends
        r0 = bisect_left(starts, start)
        r1 = bisect_left(starts, end)
        if (r0 > 0 and ends[r0 - 1] > start) or (r1 > r0 and ends[r1 - 1] > end):
            return afinn_raw(self.text[start:end])
        cands, options = self._cands, self._options
        total, free = 0.0, r0
        for k in range(bisect_left(cands, r0), bisect_left(cands, r1)):
            i = cands[k]
            if i < free:
                continue
            for size, value in options[k]:
                if i + size <= r1:
                    total += value
                    free = i + size
                    break
        return float(total)
