"""Stance markers: hedges, boosters, attitude markers, self-mention, negation, engagement.

Counts follow Hyland's (2005) interpersonal model of metadiscourse and Biber &
Finegan's (1989) stance categories.  The word lists are package data files
(``data/stance/*.txt``) with their sources; matching is on tokens from
:func:`analysis.text.tokens`, lower-cased, with curly apostrophes read as straight
ones, and multi-word markers are matched on token sequences — so ``may`` never
matches inside ``mayor``.

Limits: the lists are context-free (``about`` as hedge vs. preposition, ``must`` of
obligation vs. certainty) and, like every lexicon, miss what they do not list.

Examples
--------
>>> counts = count_markers("We will certainly not accept it, perhaps.")
>>> counts["booster"], counts["hedge"], counts["negation"], counts["self_mention"]
(1, 1, 1, 1)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache

from analysis.resources import word_list
from analysis.text import Token, fold, tokens

__all__ = ["CATEGORIES", "count_markers", "count_markers_in_spans", "count_markers_in_tokens",
           "lexicon"]

#: Marker categories, each backed by ``data/stance/<file>``.
CATEGORIES = {
    "hedge": "hedges.txt",
    "booster": "boosters.txt",
    "attitude": "attitude.txt",
    "self_mention": "self_mention.txt",
    "negation": "negation.txt",
    "engagement": "engagement.txt",
}


@cache
def lexicon() -> dict[tuple[str, ...], str]:
    """Marker token sequences -> category (longest sequences win when matching).

    Examples
    --------
    >>> lexicon()[("of", "course")]
    'booster'
    """
    out: dict[tuple[str, ...], str] = {}
    for category, name in CATEGORIES.items():
        for entry in word_list(f"stance/{name}"):
            key = tuple(entry.replace("n't", " n't").split()) if entry != "n't" else ("n't",)
            out.setdefault(key, category)
    return out


@cache
def _by_first_word() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First word -> (sequence, category) pairs, longest sequence first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for key, category in lexicon().items():
        index.setdefault(key[0], []).append((key, category))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


def count_markers_in_tokens(words: Sequence[str]) -> dict[str, int]:
    """Counts per category for a sequence of token strings (plus ``tokens``).

    Examples
    --------
    >>> count_markers_in_tokens(["It", "is", "of", "course", "true"])["booster"]
    2
    """
    index = _by_first_word()
    low = [fold(w) for w in words]
    counts = dict.fromkeys(CATEGORIES, 0)
    i, n = 0, len(low)
    while i < n:
        entries = index.get(low[i])
        step = 1
        if entries is not None:
            for key, category in entries:
                if len(key) == 1 or tuple(low[i:i + len(key)]) == key:
                    counts[category] += 1
                    step = len(key)
                    break
        i += step
    counts["tokens"] = sum(1 for w in words if any(ch.isalnum() for ch in w))
    return counts


#: A character that ``str.isalnum`` accepts (``\\w`` is alphanumerics and the underscore).
_ALNUM = re.compile(r"[^\W_]")


def count_markers_in_spans(words: Sequence[str], spans: Sequence[tuple[int, int]], *,
                           folded: Sequence[str] | None = None) -> list[dict[str, int]]:
    """:func:`count_markers_in_tokens` of ``words[a:b]`` for each span ``(a, b)`` of a
    document's tokens (the document and each of its quotes): the same counts, with the
    words folded and looked up once for the whole document.  ``folded``: the words
    already folded (:attr:`analysis.text.TextDoc.folded`).

    Examples
    --------
    >>> words = ["Of", "course", "it", "is", "of", "course", "true"]
    >>> [c["booster"] for c in count_markers_in_spans(words, [(0, 7), (1, 6), (4, 7)])]
    [3, 1, 2]
    >>> [count_markers_in_tokens(words[a:b])["booster"] for a, b in [(0, 7), (1, 6), (4, 7)]]
    [3, 1, 2]
    """
    index = _by_first_word()
    low = list(folded) if folded is not None else [fold(w) for w in words]
    starts = [i for i, w in enumerate(low) if w in index]
    seen: dict[str, int] = {}
    prefix = [0]
    total = 0
    for w in words:
        flag = seen.get(w)
        if flag is None:
            flag = seen[w] = 1 if _ALNUM.search(w) else 0
        total += flag
        prefix.append(total)
    out = []
    for a, b in spans:
        counts = dict.fromkeys(CATEGORIES, 0)
        allowed = a  # the next token a marker may start at (after the last one matched)
        for i in starts[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]:
            if i < allowed:
                continue
            allowed = i + 1
            for key, category in index[low[i]]:
                n = len(key)
                if n == 1 or (i + n <= b and tuple(low[i:i + n]) == key):
                    counts[category] += 1
                    allowed = i + n
                    break
        counts["tokens"] = prefix[b] - prefix[a]
        out.append(counts)
    return out


def count_markers(text: str | Sequence[Token]) -> dict[str, int]:
    """Counts per marker category in a text (or its tokens), plus its word count.

    Examples
    --------
    >>> count_markers("Unfortunately, you might be right.")["attitude"]
    1
    """
    toks = tokens(text) if isinstance(text, str) else text
    return count_markers_in_tokens([t.text for t in toks])
