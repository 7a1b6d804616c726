"""Portrayal: how an article's sentences present each person it mentions.

A speaker's *sentiment* is how their own quotes sound; *portrayal* is how the
article's sentences present a person -- quoted or not -- as judged toward that person
(:func:`analysis.targeted.toward`); *stance* is a position on an issue.  This module
labels every person mention negative / neutral / positive toward that person and says
whether the mention sits in the reporter's own text or inside a quotation, then counts,
per person, how the reporter's text presents them.

Both functions are pure: spans in, tables out.  The pipeline supplies the sentences,
the quotes it found and the person mentions it resolved.

Examples
--------
>>> text = "Critics said Smith ran a corrupt office. “Smith is a fine man,” Jones said."
>>> rows = portrayal(text, [(0, 40), (41, 75)], [(41, 63)],
...                  [(13, 18, "Ann Smith"), (42, 47, "Ann Smith"), (64, 69, "Bo Jones")])
>>> rows[["entity", "voice", "label"]].values.tolist()
[['Ann Smith', 'reporter', 'negative'], ['Ann Smith', 'quoted', 'positive'], ['Bo Jones', 'reporter', 'positive']]
>>> round(float(rows.p_positive[2]), 2), round(float(rows.p_neutral[2]), 2)  # a close call
(0.54, 0.46)
>>> summary = portrayal_summary(rows)
>>> summary[["entity", "n_mentions", "n_reporter", "n_negative", "share_negative"]].values.tolist()
[['Ann Smith', 2, 1, 1, 1.0], ['Bo Jones', 1, 1, 0, 0.0]]
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.targeted.apply import MentionContexts, span_pairs
from analysis.targeted.model import TargetSentimentClassifier, shipped_model

__all__ = ["PORTRAYAL_COLUMNS", "SUMMARY_COLUMNS", "MentionsToJudge", "mentions_to_judge",
           "portrayal", "portrayal_summary"]

#: Columns of :func:`portrayal`.
PORTRAYAL_COLUMNS = ["mention", "start", "end", "text", "entity", "sentence", "voice",
                     "label", "p_negative", "p_neutral", "p_positive"]
#: Columns of :func:`portrayal_summary` (after any grouping keys such as ``doc_id``).
SUMMARY_COLUMNS = ["entity", "n_mentions", "n_quoted", "n_reporter", "n_negative",
                   "n_neutral", "n_positive", "share_negative", "share_neutral",
                   "share_positive", "net"]


def _entities(mentions: Sequence[Any]) -> list[str]:
    out = []
    for k, m in enumerate(mentions):
        if hasattr(m, "start"):
            name = getattr(m, "entity", getattr(m, "name", None))
        else:
            name = m[2] if len(m) > 2 else None
        if name is None or not str(name).strip():
            raise ValueError(f"mentions[{k}] = {m!r} has no entity name; give "
                             f"(start, end, entity) or a record with an 'entity' field")
        out.append(str(name))
    return out


def portrayal(text: str, sentences: Sequence[Any], quotes: Sequence[Any],
              mentions: Sequence[Any], *, model: TargetSentimentClassifier | None = None,
              doc: Any = None) -> pd.DataFrame:
    """One row per person mention: its polarity toward the person, and who speaks.

    Parameters
    ----------
    text : str
        The document.
    sentences : sequence of (start, end) or records with ``start``/``end``
        The document's sentences.
    quotes : sequence of (start, end) or records
        Quote spans (direct, partial or indirect); a mention inside one is ``quoted``.
    mentions : sequence of (start, end, entity) or records with ``start``, ``end``, ``entity``
        Person mentions (names, titles, pronouns) with the canonical name they refer to.
    model : TargetSentimentClassifier, optional
        Default: the shipped model.
    doc : TextDoc, optional
        The document model of ``text``, when there is one: its tokens are read, not made
        again (:func:`analysis.targeted.toward`).

    Returns
    -------
    pandas.DataFrame
        :data:`PORTRAYAL_COLUMNS`: ``mention`` (position in ``mentions``), offsets and
        text, ``entity``, ``sentence`` (index into ``sentences`` in text order, or -1),
        ``voice`` (``reporter`` or ``quoted``), ``label`` and class probabilities.
    """
    model = model if model is not None else shipped_model()
    judged = mentions_to_judge(text, sentences, quotes, mentions, doc=doc)
    return pd.DataFrame(judged.records(model.proba_of(judged.features()), model.classes_),
                        columns=PORTRAYAL_COLUMNS)


@dataclass(frozen=True)
class MentionsToJudge:
    """The person mentions of one document, ready for the model: where each is, whom it
    names, its sentence, its voice and its context (:func:`mentions_to_judge`).  The
    pipeline scores the mentions of a whole batch of documents in one matrix product
    (:meth:`~analysis.targeted.model.TargetSentimentClassifier.proba_of` of
    :meth:`features`; a long document's a slice at a time), then asks each document for
    its :meth:`records`."""

    text: str
    spans: list[tuple[int, int]]
    names: list[str]
    sentence: list[int]
    voice: list[str]
    contexts: MentionContexts | None = None

    def __len__(self) -> int:
        return len(self.spans)

    def features(self, lo: int = 0, hi: int | None = None) -> list[dict[str, float]]:
        """The model's features of mentions ``lo..hi`` (default: all)."""
        hi = len(self) if hi is None else hi
        return self.contexts.features(lo, hi) if self.contexts is not None and hi > lo else []

    def records(self, proba: np.ndarray, classes: Sequence[str]) -> list[dict[str, Any]]:
        """One :func:`portrayal` row per mention from the model's probabilities."""
        column = {c: i for i, c in enumerate(classes)}
        rows = []
        for k, ((a, b), name, sentence, voice, p) in enumerate(zip(
                self.spans, self.names, self.sentence, self.voice, proba, strict=True)):
            p_neg, p_neu, p_pos = (float(p[column[c]]) if c in column else 0.0
                                   for c in ("negative", "neutral", "positive"))
            rows.append({"mention": k, "start": a, "end": b, "text": self.text[a:b],
                         "entity": name, "sentence": sentence, "voice": voice,
                         "label": str(classes[int(np.argmax(p))]), "p_negative": p_neg,
                         "p_neutral": p_neu, "p_positive": p_pos})
        return rows


def mentions_to_judge(text: str, sentences: Sequence[Any], quotes: Sequence[Any],
                      mentions: Sequence[Any], *, doc: Any = None) -> MentionsToJudge:
    """What :func:`portrayal` asks the model about (see :class:`MentionsToJudge`)."""
    spans = span_pairs(mentions, "mentions", len(text))
    names = _entities(mentions)
    bounds = sorted(span_pairs(sentences, "sentences", len(text)))
    quote_spans = sorted(span_pairs(quotes, "quotes", len(text)))
    if not spans:
        return MentionsToJudge(text, [], [], [], [])
    contexts = MentionContexts.of(text, spans, sentences=bounds, doc=doc)
    starts = [a for a, _ in bounds]
    quote_starts = [a for a, _ in quote_spans]
    longest_quote = max((b - a for a, b in quote_spans), default=0)
    where, voices = [], []
    for a, b in spans:
        i = bisect.bisect_right(starts, a) - 1
        where.append(i if i >= 0 and bounds[i][1] > a else -1)
        # quotes starting at most `longest_quote` characters before the mention can hold it
        lo = bisect.bisect_left(quote_starts, a - longest_quote)
        hi = bisect.bisect_right(quote_starts, a)
        inside = any(quote_spans[j][1] >= b for j in range(lo, hi))
        voices.append("quoted" if inside else "reporter")
    return MentionsToJudge(text, spans, names, where, voices, contexts)


def portrayal_summary(rows: pd.DataFrame, *, by: Sequence[str] = ()) -> pd.DataFrame:
    """Per person: mentions, and how the reporter's own text presents them.

    Counts ``n_negative`` / ``n_neutral`` / ``n_positive`` and their shares are over the
    mentions in the reporter's text (``voice == "reporter"``); ``net`` is
    ``share_positive - share_negative``.  Shares are NaN for a person mentioned only
    inside quotations.  Rows are sorted by the grouping keys, then by entity.

    Parameters
    ----------
    rows : pandas.DataFrame
        Output of :func:`portrayal` (possibly of many documents, concatenated).
    by : sequence of str
        Extra grouping columns before ``entity`` (e.g. ``["doc_id"]``).
    """
    keys = [*by, "entity"]
    missing = sorted({*keys, "voice", "label"} - set(rows.columns))
    if missing:
        raise ValueError(f"rows lack the columns {missing}; pass the output of portrayal()")
    if rows.empty:
        return pd.DataFrame(columns=[*by, *SUMMARY_COLUMNS])
    reporter = rows["voice"] == "reporter"
    frame = rows.assign(
        _quoted=(~reporter).astype(int), _reporter=reporter.astype(int),
        **{f"_{c}": (reporter & (rows["label"] == c)).astype(int)
           for c in ("negative", "neutral", "positive")})
    out = (frame.groupby(keys, sort=True)
           .agg(n_mentions=("label", "size"), n_quoted=("_quoted", "sum"),
                n_reporter=("_reporter", "sum"), n_negative=("_negative", "sum"),
                n_neutral=("_neutral", "sum"), n_positive=("_positive", "sum"))
           .reset_index())
    base = out["n_reporter"].where(out["n_reporter"] > 0, np.nan)
    for c in ("negative", "neutral", "positive"):
        out[f"share_{c}"] = out[f"n_{c}"] / base
    out["net"] = out["share_positive"] - out["share_negative"]
    return out[[*by, *SUMMARY_COLUMNS]]
