"""The stages of the main job on documents: text layer, quotes, sentiment, markers,
portrayal and stance, into rows for every table.

Every document is analysed once by :func:`analyse_document` (or a batch by
:func:`analyse_batch`) -- split into sentences and tokens once, then quotes,
sentiment, stance markers and stance reuse those spans -- and yields plain rows, one
list per table (columns: :mod:`analysis.run.tables`).  These are pure functions of
the documents: :mod:`analysis.run.engines` decides where they run, and every engine
gives identical tables.  A failure (or an unexpected error while analysing) becomes a
``documents`` row with its status and message; nothing here raises for bad input.

Examples
--------
>>> from analysis.corpus import Document
>>> rows = analyse_document(Document("d", "‘Yes,’ she said. It rained."))
>>> rows["quotes"][0]["kind"], len(rows["sentences"])
('direct', 2)
"""

from __future__ import annotations

import math
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.corpus import Document, Failure
from analysis.run import windows as _windows
from analysis.run.windows import Window
from analysis.sentiment import COMPONENTS, DEFAULT_METHOD, score_document
from analysis.stance.markers import CATEGORIES, count_markers_in_spans
from analysis.text import build
from analysis.text.stats import content_counts

__all__ = ["DEFAULT_TARGET", "STAGES", "StanceTarget", "analyse_batch", "analyse_document",
           "check_stance_model", "shipped_targets", "stance_model", "stance_target", "warm_up"]


#: The stance target of the seed article (the teaching set's), for notebook 03; runs
#: compute stance only when given a target.
DEFAULT_TARGET = "negotiations with the US"
_MARKERS = list(CATEGORIES)
_DEFAULT, _VADER, _AFINN, _TEXTBLOB = (COMPONENTS.index(c)
                                      for c in (DEFAULT_METHOD, "vader", "afinn", "textblob"))


@dataclass(frozen=True)
class StanceTarget:
    """The stance target of a run: its text, and the stance model to use (a file saved
    by :meth:`analysis.stance.StanceClassifier.save`; default: the shipped model that
    knows the target).  Stance is computed only when a run is given one."""

    text: str
    model: str | None = None


def stance_target(target: str | StanceTarget | None,
                  model: str | Path | None = None) -> StanceTarget | None:
    """Normalise and check a run's stance target.

    Raises
    ------
    ValueError
        When no model file is given and no shipped model knows the target, listing
        the targets that can be used.

    Examples
    --------
    >>> stance_target("Climate Change is a Real Concern").text
    'Climate Change is a Real Concern'
    >>> stance_target(None) is None
    True
    """
    if target is None:
        return None
    spec = target if isinstance(target, StanceTarget) else StanceTarget(
        str(target), str(model) if model else None)
    if spec.model is None and spec.text not in shipped_targets():
        raise ValueError(f"no shipped stance model knows the target {spec.text!r}; use one "
                         f"of {shipped_targets()}, or fit a model on labelled sentences "
                         f"(StanceClassifier().fit(...).save(FILE)) and pass it with "
                         f"--stance-model FILE")
    if spec.model is not None:
        check_stance_model(spec.model)
    return spec


def check_stance_model(path: str | Path) -> None:
    """Raise ValueError (one line, naming the file and the format expected) unless
    ``path`` holds a stance model saved by ``StanceClassifier.save``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> notes = pathlib.Path(tempfile.mkdtemp()) / "notes.txt"
    >>> _ = notes.write_text("my labelled sentences")
    >>> check_stance_model(notes)
    Traceback (most recent call last):
    ...
    ValueError: --stance-model .../notes.txt: not a stance model: expected the JSON file (gzipped or not) that StanceClassifier.save writes (...); fit one on your labelled sentences as notebook 03 shows
    """
    from analysis.stance import StanceClassifier

    try:
        StanceClassifier.load(path)
        return
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, OSError,
            EOFError) as err:
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        if isinstance(err, KeyError):
            reason = f"no {reason} in it"
    raise ValueError(f"--stance-model {path}: not a stance model: expected the JSON file "
                     f"(gzipped or not) that StanceClassifier.save writes ({reason[:200]}); "
                     f"fit one on your labelled sentences as notebook 03 shows")


def shipped_targets() -> list[str]:
    """The targets the shipped stance models were trained on."""
    from analysis.stance import shipped

    return sorted(set(shipped("teaching").targets_) | set(shipped("news").targets_))


@cache
def stance_model(target: str | StanceTarget = DEFAULT_TARGET):
    """The stance classifier for ``target``, loaded (never fitted) once per process, so
    every process and engine computes identical probabilities.

    A :class:`StanceTarget` with a ``model`` file loads that file; otherwise the
    teaching model serves the teaching set's targets and the news model (SemEval-2016
    tweets + GWSD news sentences) the others.  See :func:`analysis.stance.shipped`.
    """
    from analysis.stance import StanceClassifier, shipped

    if isinstance(target, StanceTarget):
        if target.model:
            return StanceClassifier.load(target.model)
        target = target.text
    teaching = shipped("teaching")
    return teaching if target in teaching.targets_ else shipped("news")


def _sd(values: list[float]) -> float:
    return statistics.stdev(values) if len(values) > 1 else 0.0


def _failure_rows(failure: Failure) -> dict[str, list[dict[str, Any]]]:
    return {"documents": [{"doc_id": failure.id, "source": failure.source,
                           "status": failure.status, "message": failure.message,
                           "n_chars": 0, "n_sentences": 0, "n_tokens": 0, "n_quotes": 0,
                           "sentiment_mean": math.nan, "sentiment_sd": math.nan}]}


def analyse_document(item: Document | Failure, *, target: str | StanceTarget | None = None,
                     with_tokens: bool = False,
                     attributions: str = "speech") -> dict[str, list[dict[str, Any]]]:
    """All stages on one document: rows for each table.

    A failure (or an unexpected error while analysing) becomes a ``documents`` row
    with its status and message; it never raises for bad input.

    Examples
    --------
    >>> rows = analyse_document(Document("d", "‘Yes,’ she said. It rained."))
    >>> rows["quotes"][0]["kind"], len(rows["sentences"])
    ('direct', 2)
    """
    return analyse_batch([item], target=target, with_tokens=with_tokens,
                         attributions=attributions)[0]


#: The most person mentions featurised and scored at once by portrayal (every mention
#: of a batch of news articles; a long document in slices).
PORTRAYAL_CHUNK = 5_000

#: Stages timed by :func:`analyse_batch` (shares of the time: ``run --profile``).
STAGES = ("text layer", "quotes", "sentiment", "markers", "portrayal", "stance", "tables")


def analyse_batch(items: list[Document | Failure], *,
                  target: str | StanceTarget | None = None,
                  with_tokens: bool = False,
                  attributions: str = "speech") -> list[dict[str, list[dict[str, Any]]]]:
    """All stages on a batch of documents; one row dict per document, in order.

    The document model is built once per document; the quote engine runs on the
    whole batch at once (its tagger decodes every paragraph of the batch together);
    then sentiment, stance markers and portrayal per document on the spans already
    found; and, when a stance ``target`` is given, the stance classifier labels the
    quotes of the whole batch in one call.  Results do not depend on how documents are
    batched.  A document longer than :data:`analysis.run.windows.LONG_CHARS`
    characters is analysed in windows of whole paragraphs (:mod:`analysis.run.windows`),
    its rows put together as one document's.  The first document's rows carry ``"_timings"``: seconds per stage
    (:data:`STAGES`) for the batch, which ``run --profile`` adds up.

    Examples
    --------
    >>> rows = analyse_batch([Document("a", "‘No,’ he said."), Failure("b", "b.txt", "empty", "b.txt: empty")])
    >>> [r["documents"][0]["status"] for r in rows]
    ['ok', 'empty']
    """
    spec = target if isinstance(target, StanceTarget) or target is None \
        else StanceTarget(str(target))
    timings = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    out: list[dict[str, list[dict[str, Any]]] | None] = [None] * len(items)
    models: dict[int, Any] = {}
    long: list[int] = []
    for k, item in enumerate(items):
        if isinstance(item, Failure):
            out[k] = _failure_rows(item)
            continue
        if len(item.text) > _windows.LONG_CHARS:
            long.append(k)  # in windows, after the others (analysis.run.windows)
            continue
        t = clock()
        try:
            models[k] = build(item.text)
        except Exception as err:  # a bug must not sink the run: record it, go on
            out[k] = _error_rows(item, err)
        timings["text layer"] += clock() - t
    t = clock()
    analyses = _quotes_of(models, attributions)
    timings["quotes"] += clock() - t
    partials: dict[int, _Partial] = {}
    for k, model in models.items():
        if k not in analyses:
            out[k] = _error_rows(items[k], analyses.get(("error", k), RuntimeError("quotes")))
            continue
        try:
            partials[k] = _first_pass(items[k], model, analyses[k], with_tokens, timings)
        except Exception as err:
            out[k] = _error_rows(items[k], err)
    t = clock()
    for k, err in _portray(partials).items():
        out[k] = _error_rows(items[k], err)
        del partials[k]
    timings["portrayal"] += clock() - t
    for k in long:
        try:
            partials[k] = _windowed(items[k], with_tokens, attributions, timings)
        except Exception as err:  # a bug must not sink the run: record it, go on
            out[k] = _error_rows(items[k], err)
    t = clock()
    texts = [q.text for k in sorted(partials) for q in partials[k].quotes]
    probas = np.zeros((0, 3))
    classes: list[str] = ["against", "favor", "none"]
    if texts and spec is not None:
        model = stance_model(spec)
        probas = model.predict_proba(pd.DataFrame({"text": texts, "target": spec.text}))
        classes = [str(c) for c in model.classes_]
    timings["stance"] += clock() - t
    t = clock()
    offset = 0
    for k in sorted(partials):
        n = len(partials[k].quotes)
        try:
            out[k] = _finish(partials[k], probas[offset:offset + n] if spec else None,
                             classes, spec)
        except Exception as err:
            out[k] = _error_rows(items[k], err)
        offset += n
    timings["tables"] += clock() - t
    rows = [r if r is not None else {} for r in out]
    if rows:
        rows[0]["_timings"] = timings  # type: ignore[assignment]
    return rows


def _quotes_of(models: dict[int, Any], attributions: str = "speech") -> dict[Any, Any]:
    """The engine on the batch; if it fails, document by document, so that one document
    that breaks it is recorded alone."""
    from analysis.quotes.engine import analyse_many

    keys = sorted(models)
    try:
        return dict(zip(keys, analyse_many([models[k] for k in keys],
                                           attributions=attributions), strict=True))
    except Exception:
        out: dict[Any, Any] = {}
        for k in keys:
            try:
                out[k] = analyse_many([models[k]], attributions=attributions)[0]
            except Exception as err:
                out[("error", k)] = err
        return out


def _error_rows(doc: Document, err: Exception) -> dict[str, list[dict[str, Any]]]:
    source = str(doc.meta.get("source", doc.id))
    return _failure_rows(Failure(doc.id, source, "error",
                                 f"{source}: analysis failed ({type(err).__name__}: {err}); "
                                 f"please report this document"))


@dataclass
class _Partial:
    """A document after every stage but portrayal and stance (which run once per batch:
    one matrix product for all their mentions or quotes)."""

    doc: Document
    quotes: list[Any]
    speakers: list[Any]
    rows: dict[str, list[dict[str, Any]]]
    model: Any = None
    persons: list[tuple[int, int, str]] | None = None
    sentence_scores: dict[str, Any] | None = None


def _first_pass(doc: Document, model: Any, analysis: Any, with_tokens: bool,
                timings: dict[str, float], window: Window | None = None) -> _Partial:
    """Rows of every table but portrayal, speakers and stance; of a ``window`` of a long
    document (``doc`` its text, offsets into it), only what starts in the part it owns."""
    clock = time.process_time
    text = doc.text
    sents, toks = model.sentences, model.tokens
    quotes, speakers = analysis.quotes, analysis.speakers
    persons = analysis.persons
    first_token, last_token = 0, len(toks)
    sentence_tokens = model.sentence_tokens
    if window is not None:
        owned = [k for k, s in enumerate(sents) if window.owns(s.start)]
        lo, hi = (owned[0], owned[-1] + 1) if owned else (0, 0)
        sents, sentence_tokens = sents[lo:hi], sentence_tokens[lo:hi]
        quotes = [q for q in quotes if window.owns(q.start)]
        said = {q.speaker for q in quotes}
        speakers = [sp for sp in speakers if sp.name in said]
        persons = [p for p in persons or () if window.owns(p[0])]
        first_token, last_token = model.token_range(window.own_start - window.start,
                                                    window.own_end - window.start)
    t = clock()
    sent_bounds = list(sentence_tokens)
    quote_bounds = [model.token_range(q.start, q.end) for q in quotes]
    scores = score_document(text, toks, [(s.start, s.end) for s in sents]
                            + [(q.start, q.end) for q in quotes], sent_bounds + quote_bounds)
    timings["sentiment"] += clock() - t
    t = clock()
    counts = count_markers_in_spans([tok.text for tok in toks],
                                    [(first_token, last_token), *quote_bounds],
                                    folded=model.folded)
    doc_counts, quote_counts = counts[0], counts[1:]
    timings["markers"] += clock() - t
    t = clock()
    sentence_rows = []
    for s, (a, b), c in zip(sents, sent_bounds, scores, strict=False):
        sentence_rows.append({
            "doc_id": doc.id, "sentence": s.index, "start": s.start, "end": s.end,
            "text": s.text, "n_tokens": b - a, "sentiment": c[_DEFAULT],
            "vader": c[_VADER], "afinn": c[_AFINN], "textblob": c[_TEXTBLOB]})
    quote_rows = []
    for n, (q, counts, c) in enumerate(zip(quotes, quote_counts, scores[len(sents):],
                                           strict=True)):
        quote_rows.append({
            "doc_id": doc.id, "quote": n, "start": q.start, "end": q.end, "text": q.text,
            "kind": q.kind, "speaker": q.speaker, "speaker_start": q.speaker_start,
            "speaker_end": q.speaker_end,
            "speaker_mention": text[q.speaker_start:q.speaker_end]
            if q.speaker_start is not None else None,
            "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end, "medium": q.medium,
            "first_sentence": q.sentences[0] if q.sentences else None,
            "last_sentence": q.sentences[-1] if q.sentences else None, "closed": q.closed,
            "speaker_category": getattr(q, "speaker_category", None)
            if q.speaker is not None else None,
            "found_by": q.rule, "speaker_by": q.speaker_rule, "cue_class": q.cue_class,
            "p_quote": q.p_quote, "p_speaker": q.p_speaker,
            "sentiment": c[_DEFAULT], "vader": c[_VADER], "afinn": c[_AFINN],
            "textblob": c[_TEXTBLOB], "n_tokens": counts["tokens"],
            **{k: counts[k] for k in _MARKERS},
        })
    values = [r["sentiment"] for r in sentence_rows]
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [{"doc_id": doc.id, "source": str(doc.meta.get("source", "")),
                       "status": "ok", "message": "", "n_chars": len(text),
                       "n_sentences": len(sents), "n_tokens": last_token - first_token,
                       "n_quotes": len(quotes),
                       "sentiment_mean": statistics.fmean(values) if values else math.nan,
                       "sentiment_sd": _sd(values)}],
        "sentences": sentence_rows, "quotes": quote_rows,
        "markers": _marker_rows(doc.id, "(document)", doc_counts),
        "portrayal": [],
    }
    rows["_words"] = content_counts(model if window is None else _Owned(  # type: ignore[assignment]
        model.tokens, model.folded, sentence_tokens))
    if with_tokens:
        rows["tokens"] = [{"doc_id": doc.id, "sentence": t.sentence, "token": i,
                           "start": t.start, "end": t.end, "text": t.text, "kind": t.kind}
                          for i, t in enumerate(toks[first_token:last_token], first_token)]
    timings["tables"] += clock() - t
    return _Partial(doc, quotes, speakers, rows, model, persons,
                    {s.text: row for s, row in zip(sents, scores, strict=False)})


def _windowed(doc: Document, with_tokens: bool, attributions: str,
              timings: dict[str, float]) -> _Partial:
    """A long document analysed window by window (:mod:`analysis.run.windows`): each
    window's rows of what it owns, moved into the whole text and numbered on, then put
    together as one document's (counts summed, speakers merged, the document's
    sentiment from all its sentences)."""
    from analysis.quotes.records import Speaker

    clock = time.process_time
    text = doc.text
    sentences: list[dict[str, Any]] = []
    quote_rows: list[dict[str, Any]] = []
    token_rows: list[dict[str, Any]] = []
    quotes: list[Any] = []
    markers: dict[str, int] = dict.fromkeys(_MARKERS, 0)
    words: dict[str, Any] = {}
    portrayed: dict[str, dict[str, int]] = {}
    aliases: dict[str, set[str]] = {}
    categories: dict[str, str] = {}
    n_tokens = marker_words = 0
    for window in _windows.windows(text):
        part = Document(doc.id, text[window.start:window.end], doc.meta)
        t = clock()
        model = build(part.text)
        timings["text layer"] += clock() - t
        t = clock()
        analyses = _quotes_of({0: model}, attributions)
        timings["quotes"] += clock() - t
        if 0 not in analyses:
            raise analyses.get(("error", 0), RuntimeError("the quote engine failed"))
        partial = _first_pass(part, model, analyses[0], with_tokens, timings, window)
        first = next((s.index for s in model.sentences if window.owns(s.start)), 0)
        first_token = model.token_range(window.own_start - window.start,
                                        window.own_end - window.start)[0]
        t = clock()
        failed = _portray({0: partial})
        timings["portrayal"] += clock() - t
        if failed:
            raise failed[0]
        rows, shift = partial.rows, window.start
        base_sentence, base_quote = len(sentences) - first, len(quote_rows)
        for row in rows["sentences"]:
            row["sentence"] += base_sentence
            row["start"] += shift
            row["end"] += shift
        for row in rows["quotes"]:
            row["quote"] += base_quote
            for key in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"):
                if row[key] is not None:
                    row[key] += shift
            for key in ("first_sentence", "last_sentence"):
                if row[key] is not None:
                    row[key] += base_sentence
        for row in rows.get("tokens", []):
            row["token"] += n_tokens - first_token
            row["sentence"] += base_sentence
            row["start"] += shift
            row["end"] += shift
        for row in rows["markers"]:
            markers[row["category"]] += row["count"]
        marker_words += rows["markers"][0]["n_tokens"] if rows["markers"] else 0
        n_tokens += rows["documents"][0]["n_tokens"]
        for key, counter in rows["_words"].items():  # type: ignore[union-attr]
            words.setdefault(key, Counter()).update(counter)  # in place: linear in windows
        for row in rows["portrayal"]:
            mine = portrayed.setdefault(row["person"], dict.fromkeys(_PORTRAYAL_COUNTS, 0))
            for key in _PORTRAYAL_COUNTS:
                mine[key] += row[key]
        for sp in partial.speakers:
            aliases.setdefault(sp.name, set()).update(sp.aliases)
            categories.setdefault(sp.name, sp.category)
        sentences += rows["sentences"]
        quote_rows += rows["quotes"]
        token_rows += rows.get("tokens", [])
        quotes += partial.quotes
    names = _windows.one_name_each([row["speaker"] for row in quote_rows])
    for row in quote_rows:
        if row["speaker"] is not None:
            row["speaker"] = names.get(row["speaker"], row["speaker"])
    for old in list(portrayed):
        if names.get(old, old) != old:
            counts = portrayed.pop(old)
            mine = portrayed.setdefault(names[old], dict.fromkeys(_PORTRAYAL_COUNTS, 0))
            for key in _PORTRAYAL_COUNTS:
                mine[key] += counts[key]
    for old in list(aliases):
        new = names.get(old, old)
        if new != old:
            aliases.setdefault(new, set()).update(aliases.pop(old))
            categories.setdefault(new, categories.pop(old))
    said: dict[str, int] = {}
    for row in quote_rows:
        if row["speaker"] is not None:
            said[row["speaker"]] = said.get(row["speaker"], 0) + 1
    speakers = [Speaker(name, tuple(sorted(aliases[name])), categories[name], said[name])
                for name in sorted(said, key=lambda name: (-said[name], name))]
    values = [row["sentiment"] for row in sentences]
    merged: dict[str, Any] = {
        "documents": [{"doc_id": doc.id, "source": str(doc.meta.get("source", "")),
                       "status": "ok", "message": "", "n_chars": len(text),
                       "n_sentences": len(sentences), "n_tokens": n_tokens,
                       "n_quotes": len(quote_rows),
                       "sentiment_mean": statistics.fmean(values) if values else math.nan,
                       "sentiment_sd": _sd(values)}],
        "sentences": sentences, "quotes": quote_rows,
        "markers": _marker_rows(doc.id, "(document)", {**markers, "tokens": marker_words}),
        "portrayal": _portrayal_rows(doc.id, portrayed),
        "_words": words or {"words": Counter(), "bigrams": Counter()},
    }
    if with_tokens:
        merged["tokens"] = token_rows
    return _Partial(doc, quotes, speakers, merged)


@dataclass(frozen=True)
class _Owned:
    """What :func:`analysis.text.stats.content_counts` reads of a window's document model:
    its tokens, and the sentences the window owns."""

    tokens: Any
    folded: Any
    sentence_tokens: Any


def _portray(partials: dict[int, _Partial]) -> dict[int, Exception]:
    """The portrayal rows of every document of the batch (:mod:`analysis.targeted.portrayal`),
    in place: each document's mentions featurised from its own tokens, with the
    sentences' sentiment scores reused, then all the batch's mentions scored in one
    matrix product.  Returns the documents that failed, with their error."""
    from analysis.targeted.features import known_sentence_scores
    from analysis.targeted.model import shipped_model
    from analysis.targeted.portrayal import mentions_to_judge

    failed: dict[int, Exception] = {}
    judged = {}
    for k, partial in partials.items():
        if not partial.persons:
            continue
        model = partial.model
        marked = [(q.start, q.end) for q in partial.quotes if q.kind != "indirect"]
        try:
            with known_sentence_scores(partial.sentence_scores or {}):
                judged[k] = mentions_to_judge(model.text, [(s.start, s.end) for s in
                                                           model.sentences],
                                              marked, partial.persons, doc=model)
        except Exception as err:  # a bug must not sink the run: record it, go on
            failed[k] = err
    classifier = shipped_model()
    # every mention of the batch in one matrix product -- at most PORTRAYAL_CHUNK at a
    # time, so that a long document's features are not all in memory at once
    pieces = [(k, lo, min(lo + PORTRAYAL_CHUNK, len(job)))
              for k, job in judged.items() for lo in range(0, len(job), PORTRAYAL_CHUNK)]
    proba: dict[int, list[np.ndarray]] = {k: [] for k in judged}
    start = 0
    while start < len(pieces):
        stop, size = start, 0
        while stop < len(pieces) and (stop == start or size + pieces[stop][2] - pieces[stop][1]
                                      <= PORTRAYAL_CHUNK):
            size += pieces[stop][2] - pieces[stop][1]
            stop += 1
        chunk = pieces[start:stop]
        rows = classifier.proba_of([f for k, lo, hi in chunk for f in judged[k].features(lo, hi)])
        offset = 0
        for k, lo, hi in chunk:
            proba[k].append(rows[offset:offset + hi - lo])
            offset += hi - lo
        start = stop
    for k, job in judged.items():
        partials[k].rows["portrayal"] = _summary(
            partials[k].doc.id, job.records(np.concatenate(proba[k]) if proba[k] else
                                            np.zeros((0, len(classifier.classes_))),
                                            classifier.classes_))
    for partial in partials.values():
        partial.model = partial.sentence_scores = None
    return failed


_PORTRAYAL_COUNTS = ("n_mentions", "n_quoted", "n_reporter", "n_negative", "n_neutral",
                     "n_positive")


def _summary(doc_id: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per person: the counts and shares of :func:`analysis.targeted.portrayal.portrayal_summary`
    (the same numbers, in plain Python: a DataFrame group-by per document costs more
    than the model)."""
    counts: dict[str, dict[str, int]] = {}
    for m in mentions:
        c = counts.setdefault(m["entity"], dict.fromkeys(_PORTRAYAL_COUNTS, 0))
        c["n_mentions"] += 1
        if m["voice"] == "reporter":
            c["n_reporter"] += 1
            c[f"n_{m['label']}"] += 1
        else:
            c["n_quoted"] += 1
    return _portrayal_rows(doc_id, counts)


def _portrayal_rows(doc_id: str, counts: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """The portrayal rows of a document from its counts per person."""
    rows = []
    for person in sorted(counts):
        c = counts[person]
        base = c["n_reporter"] or math.nan
        shares = {f"share_{k}": c[f"n_{k}"] / base for k in ("negative", "neutral", "positive")}
        rows.append({"doc_id": doc_id, "person": person, **c, **shares,
                     "net": shares["share_positive"] - shares["share_negative"]})
    return rows


def _finish(partial: _Partial, probas: np.ndarray | None, classes: list[str],
            spec: StanceTarget | None) -> dict[str, list[dict[str, Any]]]:
    rows = partial.rows
    quote_rows = rows["quotes"]
    if spec is not None and probas is not None:
        for row, p in zip(quote_rows, probas, strict=True):
            by_class = dict(zip(classes, (float(x) for x in p), strict=True))
            row["target"] = spec.text
            row["stance"] = classes[int(np.argmax(p))]
            row["p_favor"] = by_class.get("favor", 0.0)
            row["p_against"] = by_class.get("against", 0.0)
            row["p_none"] = by_class.get("none", 0.0)
    speaker_rows = []
    doc_id = partial.doc.id
    by_speaker: dict[Any, list[dict[str, Any]]] = {}
    for r in quote_rows:
        by_speaker.setdefault(r["speaker"], []).append(r)
    for sp in partial.speakers:
        mine = by_speaker.get(sp.name, [])
        values = [r["sentiment"] for r in mine]
        row = {
            "doc_id": doc_id, "speaker": sp.name, "aliases": "; ".join(sp.aliases),
            "category": sp.category, "n_quotes": len(mine),
            **{f"n_{k}": sum(r["kind"] == k for r in mine)
               for k in ("direct", "partial", "indirect")},
            "sentiment_mean": statistics.fmean(values) if values else math.nan,
            "sentiment_sd": _sd(values),
            "n_tokens": sum(r["n_tokens"] for r in mine),
            **{c: sum(r[c] for r in mine) for c in _MARKERS},
        }
        if spec is not None:
            row.update({f"n_{s}": sum(r["stance"] == s for r in mine)
                        for s in ("favor", "against", "none")})
        speaker_rows.append(row)
    rows["speakers"] = speaker_rows
    for sp in speaker_rows:
        rows["markers"] += _marker_rows(doc_id, sp["speaker"], sp)
    return rows


def _marker_rows(doc_id: str, unit: str, counts: dict[str, Any]) -> list[dict[str, Any]]:
    n = int(counts.get("tokens", counts.get("n_tokens", 0)))
    return [{"doc_id": doc_id, "unit": unit, "category": c, "count": int(counts[c]),
             "n_tokens": n, "per_1000": 1000 * counts[c] / n if n else 0.0}
            for c in _MARKERS]


def warm_up(target: str | StanceTarget | None = None) -> None:
    """Load lexicons and models (the stance model too, when there is a target) before
    the first batch arrives."""
    analyse_batch([Document("warm-up", "‘Yes,’ she said. Mayor Ana Ruiz is good.")],
                  target=target)
