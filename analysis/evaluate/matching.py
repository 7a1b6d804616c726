"""Span overlap and one-to-one matching of predicted and gold spans.

A span is a mapping (or record) with ``start`` and ``end``, or with ``pieces``: a
sequence of ``(start, end)`` pairs for a discontinuous span.

Examples
--------
>>> overlap({"start": 0, "end": 10}, {"pieces": [(0, 3), (7, 10)]})
0.6
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["MEASURES", "iou", "match", "overlap"]


def _pieces(span: Any) -> Sequence[tuple[int, int]]:
    if isinstance(span, Mapping):
        return span.get("pieces") or ((span["start"], span["end"]),)
    return getattr(span, "pieces", None) or ((span.start, span.end),)


def _shared(pa: Sequence[tuple[int, int]], pb: Sequence[tuple[int, int]]) -> int:
    """Characters two spans (as pieces) have in common."""
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in pa for s2, e2 in pb)


def overlap(a: Any, b: Any) -> float:
    """Shared characters over the longer span's length (pieces of a span summed).

    Examples
    --------
    >>> overlap({"start": 0, "end": 10}, {"start": 5, "end": 10})
    0.5
    """
    pa, pb = _pieces(a), _pieces(b)
    shared = _shared(pa, pb)
    longest = max(sum(e - s for s, e in pa), sum(e - s for s, e in pb), 1)
    return shared / longest


def iou(a: Any, b: Any) -> float:
    """Shared characters over the characters of either span (intersection over union).

    Stricter than :func:`overlap`: a prediction twice the gold span's length scores 0.5.

    Examples
    --------
    >>> iou({"start": 0, "end": 10}, {"start": 5, "end": 15})
    0.3333333333333333
    """
    pa, pb = _pieces(a), _pieces(b)
    shared = _shared(pa, pb)
    union = sum(e - s for s, e in pa) + sum(e - s for s, e in pb) - shared
    return shared / max(union, 1)


#: How two spans' overlap is measured: over the longer span, or over their union.
MEASURES = {"longer": overlap, "iou": iou}


def match(pred: Sequence[Any], gold: Sequence[Any], *,
          threshold: float = 0.5, measure: str = "longer") -> list[tuple[int, int]]:
    """One-to-one ``(pred index, gold index)`` pairs with overlap >= threshold, best first.

    ``measure`` is a key of :data:`MEASURES`.  Ties are broken by position in the
    lists, so the result is deterministic.

    Examples
    --------
    >>> match([{"start": 0, "end": 4}], [{"start": 1, "end": 4}, {"start": 0, "end": 4}])
    [(0, 1)]
    """
    if not 0 < threshold <= 1:
        raise ValueError(f"threshold must be in (0, 1]; got {threshold}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {sorted(MEASURES)}; got {measure!r}")
    score_of = MEASURES[measure]
    candidates = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            score = score_of(p, g)
            if score >= threshold:
                candidates.append((-score, i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return sorted(pairs)
