"""``toward(text, spans)``: negative / neutral / positive toward each target mention.

Each mention is judged within its sentence (the sentences it overlaps), with the
other mentions of that sentence masked, by the shipped
:class:`~analysis.targeted.model.TargetSentimentClassifier` or a model you pass.

What it measures: how the *sentence* presents the person -- as NewsMTSC's annotators
judged it -- including evaluations the reporter quotes from someone else.  It does not
tell who holds the evaluation (see :mod:`analysis.targeted.portrayal` for the reporter's own
text), and it is a linear model on words and lexicons: sarcasm, world knowledge and
long-range context escape it.  Held-out macro-F1 on NewsMTSC is in
``data/targeted/README.md``.

Examples
--------
>>> text = "Critics said Smith ran a corrupt, incompetent office. Jones won praise."
>>> [(r.text, r.label) for r in toward(text, [(13, 18), (54, 59)])]
[('Smith', 'negative'), ('Jones', 'positive')]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.targeted.features import featurise, featurise_in
from analysis.targeted.model import TargetSentimentClassifier, shipped_model
from analysis.text import sentences as split_sentences

__all__ = ["MentionContexts", "Toward", "span_pairs", "toward", "toward_features"]


@dataclass(frozen=True)
class Toward:
    """Sentiment toward one target mention: ``text == doc_text[start:end]``.

    ``evidence`` holds the features that most favoured ``label`` with their
    contributions (empty unless asked for with ``explain``).
    """

    start: int
    end: int
    text: str
    label: str
    p_negative: float
    p_neutral: float
    p_positive: float
    evidence: tuple[tuple[str, float], ...] = ()


def span_pairs(items: Sequence[Any], what: str, text_length: int) -> list[tuple[int, int]]:
    """``(start, end)`` of each item -- a pair, or a record with ``start``/``end`` --
    checked to lie inside a text of ``text_length`` characters.

    Examples
    --------
    >>> span_pairs([(0, 3)], "spans", 5)
    [(0, 3)]
    >>> span_pairs([(4, 9)], "spans", 5)
    Traceback (most recent call last):
    ...
    ValueError: spans[0] = (4, 9) is not a span of the text (need 0 <= start < end <= 5)
    """
    out = []
    for k, item in enumerate(items):
        try:
            a, b = (item.start, item.end) if hasattr(item, "start") else (item[0], item[1])
            a, b = int(a), int(b)
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"{what}[{k}] = {item!r} is neither a (start, end) pair nor a "
                             f"record with start and end") from None
        if not 0 <= a < b <= text_length:
            raise ValueError(f"{what}[{k}] = ({a}, {b}) is not a span of the text "
                             f"(need 0 <= start < end <= {text_length})")
        out.append((a, b))
    return out


def _context(bounds: list[tuple[int, int]], starts: list[int], a: int, b: int) -> tuple[int, int]:
    """The smallest run of sentences covering ``[a, b)`` (the span itself if none does)."""
    i = max(0, bisect.bisect_right(starts, a) - 1)
    if not bounds or bounds[i][1] <= a:
        # the span starts between sentences: take the next sentence it reaches, if any
        i = bisect.bisect_left(starts, a)
        if i >= len(bounds) or bounds[i][0] >= b:
            return a, b
    j = i
    while j + 1 < len(bounds) and bounds[j + 1][0] < b:
        j += 1
    return min(bounds[i][0], a), max(bounds[j][1], b)


def toward(text: str, spans: Sequence[Any], *, sentences: Sequence[Any] | None = None,
           model: TargetSentimentClassifier | None = None, explain: int = 0,
           doc: Any = None) -> list[Toward]:
    """Sentiment toward each target mention in ``text``.

    Parameters
    ----------
    text : str
        A sentence or a whole document.
    spans : sequence of (start, end) or records with ``start``/``end``
        The target mentions (e.g. every mention of a person).
    sentences : sequence of (start, end) or records, optional
        The text's sentences, if already split (otherwise
        :func:`analysis.text.sentences` splits it).
    model : TargetSentimentClassifier, optional
        Default: the shipped model (:func:`analysis.targeted.shipped_model`).
    explain : int
        Also return this many top contributing features per mention.
    doc : TextDoc, optional
        The document model of ``text`` (:func:`analysis.text.build`), when there is one:
        its tokens are read instead of tokenising each mention's sentences again (the
        same features; ``sentences`` default to its sentences).

    Returns
    -------
    list of Toward
        One record per span, in the order given.

    Examples
    --------
    >>> r = toward("Voters adored Smith, a brilliant and kind mayor.", [(14, 19)], explain=2)[0]
    >>> r.label, round(r.p_positive + r.p_negative + r.p_neutral, 6), len(r.evidence)
    ('positive', 1.0, 2)
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str; got {type(text).__name__}")
    pairs = span_pairs(spans, "spans", len(text))
    if not pairs:
        return []
    model = model if model is not None else shipped_model()
    if explain:
        frame = pd.DataFrame(_rows(text, pairs, _bounds(text, sentences, doc)),
                             columns=["text", "start", "end", "others"])
        proba = model.predict_proba(frame)
        evidence = model.explain(frame, top=explain)
    else:
        proba = model.proba_of(toward_features(text, pairs, sentences=sentences, doc=doc))
        evidence = [[] for _ in pairs]
    column = {c: i for i, c in enumerate(model.classes_)}
    out = []
    for (a, b), p, ev in zip(pairs, proba, evidence, strict=True):
        out.append(Toward(a, b, text[a:b], str(model.classes_[int(np.argmax(p))]),
                          *(float(p[column[c]]) if c in column else 0.0
                            for c in ("negative", "neutral", "positive")),
                          evidence=tuple(ev)))
    return out


def _bounds(text: str, sentences: Sequence[Any] | None, doc: Any) -> list[tuple[int, int]]:
    if sentences is None and doc is not None:
        sentences = doc.sentences
    if sentences is None:
        return [(s.start, s.end) for s in split_sentences(text)]
    return sorted(span_pairs(sentences, "sentences", len(text)))


def _rows(text: str, pairs: list[tuple[int, int]],
          bounds: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """Each mention in its context: the context's text, the mention's offsets in it and
    the other mentions inside it."""
    starts = [a for a, _ in bounds]
    rows = []
    ordered = sorted(set(pairs))
    ordered_starts = [c for c, _ in ordered]
    for a, b in pairs:
        lo, hi = _context(bounds, starts, a, b)
        # the other mentions inside the context (found by binary search: a long document
        # has thousands of mentions)
        i, j = bisect.bisect_left(ordered_starts, lo), bisect.bisect_left(ordered_starts, hi)
        others = [(c - lo, d - lo) for c, d in ordered[i:j] if (c, d) != (a, b) and d <= hi]
        rows.append({"text": text[lo:hi], "start": a - lo, "end": b - lo, "others": others,
                     "context": (lo, hi)})
    return rows


def toward_features(text: str, spans: Sequence[Any], *,
                    sentences: Sequence[Any] | None = None,
                    doc: Any = None) -> list[dict[str, float]]:
    """The features (:mod:`analysis.targeted.features`) of each target mention in its
    sentences, for :meth:`~analysis.targeted.model.TargetSentimentClassifier.proba_of`:
    what :func:`toward` scores, so that the mentions of many documents can be scored in
    one matrix product.  With ``doc`` (the document model of ``text``) the document's
    own tokens are read."""
    contexts = MentionContexts.of(text, spans, sentences=sentences, doc=doc)
    return contexts.features(0, len(contexts))


@dataclass(frozen=True)
class MentionContexts:
    """Each target mention in its context (the sentences it overlaps, with the other
    mentions there), ready to be featurised -- all at once or a slice at a time
    (:meth:`features`), so that a long document's features are never all in memory."""

    text: str
    rows: list[dict[str, Any]]
    inside: list[bool]
    doc: Any = None

    @classmethod
    def of(cls, text: str, spans: Sequence[Any], *, sentences: Sequence[Any] | None = None,
           doc: Any = None) -> MentionContexts:
        pairs = span_pairs(spans, "spans", len(text))
        bounds = _bounds(text, sentences, doc)
        rows = _rows(text, pairs, bounds)
        # contexts made of whole sentences are read from the document's tokens; a mention
        # outside every sentence (its own span as context) is tokenised alone
        whole = {s for s, _ in bounds}, {e for _, e in bounds}
        inside = [doc is not None and r["context"][0] in whole[0] and r["context"][1] in whole[1]
                  for r in rows]
        return cls(text, rows, inside, doc)

    def __len__(self) -> int:
        return len(self.rows)

    def features(self, lo: int, hi: int) -> list[dict[str, float]]:
        """The features of mentions ``lo..hi`` (the same as featurising them all)."""
        rows, inside = self.rows[lo:hi], self.inside[lo:hi]
        mine = [r for r, ok in zip(rows, inside, strict=True) if ok]
        out = iter(featurise_in(self.doc, [r["context"] for r in mine],
                                [(r["start"], r["end"]) for r in mine],
                                [r["others"] for r in mine]) if mine else [])
        rest = [r for r, ok in zip(rows, inside, strict=True) if not ok]
        alone = iter(featurise([r["text"] for r in rest], [(r["start"], r["end"]) for r in rest],
                               [r["others"] for r in rest]) if rest else [])
        return [next(out) if ok else next(alone) for ok in inside]
