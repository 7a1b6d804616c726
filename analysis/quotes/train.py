"""Rebuild the attribution models from annotated news (a PolNeAR-style folder).

::

    python -m analysis.quotes.train /path/to/polnear-train [--out DIR]

writes into ``analysis/data/quotes/`` (or ``--out``):

``cues.tsv``
    the cue words of the annotated attributions (``said``, ``according``, ``told``,
    ``tweeted``, ``believes``): every word that lies inside an annotated cue at least
    :data:`MIN_CUE_COUNT` times and in at least :data:`MIN_CUE_SHARE` of all its
    occurrences, with both counts.  Read by :func:`analysis.quotes.features.cue_lexicon`
    beside the hand list ``data/reporting_verbs.txt``.
``tagger.json.gz``
    the linear-chain CRF that labels tokens as source, cue, content or none
    (:mod:`analysis.quotes.crf`), fitted with ``sklearn-crfsuite``.
``ranker.json``
    the speaker ranker (:mod:`analysis.quotes.ranker`): logistic-regression weights
    of named features of (content, candidate mention) pairs.
``reported.json``
    the quotation classifier (:mod:`analysis.quotes.reported`): whether a pair of
    quotation marks holds someone's words (not a title or a scare quote).
``confidence.json``
    the calibrators of ``p_quote`` and ``p_speaker`` (:mod:`analysis.quotes.confidence`),
    fitted on the engine's output for articles it did not learn from
    (:func:`train_confidence`).

The ranker and the classifier learn from tags of taggers that did not see the
article (:data:`FOLDS`-fold cross-fitting): a tagger is nearly always right on its
own training text, and a model fitted on such tags would trust them too much.

Only the articles of the ``fit`` part (published up to 2016-06-30,
:func:`analysis.corpus.polnear.polnear_part`) are read; the ``validation`` months are never
seen here.  Settings were chosen on an inner split of the fit part (fitted on
articles up to 2016-04-30, compared on May and June 2016: ``--select``).

The corpus text never leaves the data folder: only weights and counts are written.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from analysis.paths import DATA
from analysis.quotes.features import crfsuite_items, sequences, token_values
from analysis.text import TextDoc, build

__all__ = ["FOLDS", "MIN_CUE_COUNT", "MIN_CUE_SHARE", "cross_fitted_taggers", "cue_table",
           "fold_of", "gold_labels", "train_confidence", "train_tagger"]

#: A word enters the learned cue lexicon when it lies inside annotated cues at least
#: this many times ...
MIN_CUE_COUNT = 5
#: ... and in at least this share of its occurrences in the fit articles.
MIN_CUE_SHARE = 0.2

#: Settings of the shipped tagger (chosen with ``--select``; see the module docs).
TAGGER_SETTINGS: dict[str, Any] = {"c1": 0.1, "c2": 0.05, "max_iterations": 150}

#: Folds of the cross-fitting: the ranker learns from tags of a tagger that did not see
#: the article (see :func:`analysis.quotes.ranker.train_ranker`).
FOLDS = 4

_ROLE_TAGS = (("source", "SRC"), ("cue", "CUE"), ("content", "CON"))


def gold_labels(doc: TextDoc, attributions: Iterable[Any]) -> list[str]:
    """BIO labels (``B-SRC``, ``I-CON``, ``O``, ...) of every token from gold attributions.

    A token takes the role of the annotated piece it starts in; ``B-`` marks the
    first token of each piece.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> doc = build("He said it rained.")
    >>> attr = NS(source=[NS(start=0, end=2)], cue=[NS(start=3, end=7)],
    ...           content=[NS(start=8, end=17)])
    >>> gold_labels(doc, [attr])
    ['B-SRC', 'B-CUE', 'B-CON', 'I-CON', 'O']
    """
    labels = ["O"] * len(doc.tokens)
    for attr in attributions:
        for role, tag in _ROLE_TAGS:
            for piece in getattr(attr, role):
                a, b = doc.token_range(piece.start, piece.end)
                for k in range(a, b):
                    labels[k] = ("B-" if k == a else "I-") + tag
    return labels


def cue_table(articles: Sequence[Any]) -> list[tuple[str, str, int, int]]:
    """``(form, lemma, n_in_cues, n_total)`` of the words that enter the cue lexicon.

    The lemma comes from ``data/reporting_verbs.txt`` when the form is listed there,
    else it is the form itself (no lemmatiser is used).
    """
    from analysis.resources import word_map

    in_cues: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for article in articles:
        doc = build(article.text)
        for t, w in zip(doc.tokens, doc.folded, strict=True):
            if t.kind == "word":
                total[w] += 1
        for attr in article.attributions:
            for piece in attr.cue:
                a, b = doc.token_range(piece.start, piece.end)
                for k in range(a, b):
                    if doc.tokens[k].kind == "word":
                        in_cues[doc.folded[k]] += 1
    lemmas = word_map("reporting_verbs.txt")
    rows = [(w, lemmas.get(w, w), n, total[w]) for w, n in in_cues.items()
            if n >= MIN_CUE_COUNT and n / max(total[w], 1) >= MIN_CUE_SHARE]
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def _tagger_data(articles: Sequence[Any]) -> tuple[list[list[dict[str, str]]], list[list[str]]]:
    xs, ys = [], []
    for article in articles:
        doc = build(article.text)
        values = token_values(doc)
        labels = gold_labels(doc, article.attributions)
        for a, b in sequences(doc):
            xs.append(crfsuite_items(values, a, b))
            ys.append(labels[a:b])
    return xs, ys


def train_tagger(articles: Sequence[Any], **settings: Any):
    """Fit the CRF tagger on ``articles``; returns :class:`analysis.quotes.crf.CRF`."""
    import sklearn_crfsuite

    from analysis.quotes.crf import CRF

    options = {**TAGGER_SETTINGS, **settings}
    xs, ys = _tagger_data(articles)
    model = sklearn_crfsuite.CRF(algorithm="lbfgs", all_possible_transitions=True, **options)
    model.fit(xs, ys)
    meta = {"trained_on": "PolNeAR v1.0.0 training compartment, fit part (published up to "
                          "2016-06-30)", "articles": len(articles), "sequences": len(xs),
            "tokens": sum(map(len, xs)), "settings": options}
    return CRF.from_crfsuite(model, meta)


def fold_of(article_id: str, folds: int = FOLDS) -> int:
    """A stable fold number of an article (from a hash of its id, not of the run).

    Examples
    --------
    >>> fold_of("nyt_2016-01-02_x") == fold_of("nyt_2016-01-02_x")
    True
    """
    import hashlib

    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % folds


def _fold_key(rest: Sequence[Any]) -> str:
    """What a fold's tagger depends on: its articles, the feature code, the lexicons
    and the tokeniser (a change to any of them makes a cached tagger stale)."""
    import hashlib
    import inspect

    from analysis.quotes import features, mentions
    from analysis.resources import data_text
    from analysis.text import document, marks, paragraphs, sentences, tokenise

    h = hashlib.sha1()
    for a in sorted(rest, key=lambda a: a.id):
        h.update(a.id.encode())
    for module in (features, mentions, tokenise, marks, document, paragraphs, sentences):
        h.update(inspect.getsource(module).encode())
    for name in ("quotes/cues.tsv", "reporting_verbs.txt", "role_nouns.txt", "titles.txt"):
        with contextlib.suppress(FileNotFoundError):
            h.update(data_text(name).encode())
    h.update(repr(sorted(TAGGER_SETTINGS.items())).encode())
    return h.hexdigest()[:16]


def cross_fitted_taggers(articles: Sequence[Any], folds: int = FOLDS,
                         cache: str | Path | None = None) -> dict[str, Any]:
    """For each article id, a tagger fitted on the other folds' articles.

    With ``cache`` (a folder outside the repository), each fold's tagger is saved there
    under a key of everything it depends on, and reused while that key holds.
    """
    from analysis.quotes.crf import CRF

    out = {}
    for k in range(folds):
        rest = [a for a in articles if fold_of(a.id, folds) != k]
        path = Path(cache) / f"fold{k}of{folds}-{_fold_key(rest)}.json.gz" if cache else None
        if path is not None and path.exists():
            tagger = CRF.load(path)
            print(f"tagger for fold {k + 1}/{folds}: cached {path}", file=sys.stderr)
        else:
            print(f"tagger for fold {k + 1}/{folds} ({len(rest)} articles)", file=sys.stderr,
                  flush=True)
            tagger = train_tagger(rest)
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
                tagger.save(path)
        out.update({a.id: tagger for a in articles if fold_of(a.id, folds) == k})
    return out


def train_reported(articles: Sequence[Any], taggers: Any):
    """Fit the quotation classifier (:mod:`analysis.quotes.reported`): every pair of
    quotation marks of the articles, labelled reported when it matches a gold quoted
    segment (shared characters at least half of the longer span), described with the
    tags of a tagger that did not see the article."""
    from analysis.evaluate.units import gold_units
    from analysis.quotes.document import QuoteDoc
    from analysis.quotes.reported import span_features, train_classifier
    from analysis.quotes.tagger import tag

    examples = []
    for article in articles:
        tagger = taggers[article.id] if isinstance(taggers, dict) else taggers
        doc = build(article.text)
        d = QuoteDoc(doc)
        tags = tag(doc, crf=tagger, spans=d.spans, mentions=d.all_mentions)
        gold = [u for u in gold_units(article) if u.group == "quoted"]
        for span in d.spans:
            if span.end - span.start < 3:
                continue
            label = any(min(span.end, u.end) - max(span.start, u.start) >=
                        0.5 * max(span.end - span.start, u.end - u.start) for u in gold)
            examples.append((span_features(d, tags, span), int(label)))
    return train_classifier(examples)


def train_confidence(articles: Sequence[Any], taggers: Any, *, folds: int = FOLDS):
    """Fit the calibrators of ``p_quote`` and ``p_speaker``
    (:mod:`analysis.quotes.confidence`) on the engine's own output for ``articles``.

    Each fold of articles is analysed (``attributions="all"``) by models that did not
    see it: the cross-fitted tagger of ``taggers``, and a ranker and a quotation
    classifier fitted on the other folds.  Every quote is labelled by the evaluation's
    matching (:func:`analysis.evaluate.attributions.score_article`): ``p_quote`` learns
    whether it matched a gold unit of its group, ``p_speaker`` whether a matched
    quote's speaker mention overlaps the gold source.  A quote the evaluation sets
    aside (in a discarded stretch; a mixed quotation) teaches nothing.
    """
    from analysis.evaluate.attributions import score_article
    from analysis.quotes.confidence import (
        Confidence,
        quote_evidence,
        speaker_evidence,
        train_calibrator,
    )
    from analysis.quotes.engine import Models, quotes_with_evidence
    from analysis.quotes.ranker import train_ranker

    quote_examples: list[tuple[dict[str, float], int]] = []
    speaker_examples: list[tuple[dict[str, float], int]] = []
    for k in range(folds):
        held = [a for a in articles if fold_of(a.id, folds) == k]
        rest = [a for a in articles if fold_of(a.id, folds) != k]
        if not held:
            continue
        print(f"confidence: fold {k + 1}/{folds} ({len(held)} articles held out)",
              file=sys.stderr, flush=True)
        tagger = taggers[held[0].id] if isinstance(taggers, dict) else taggers
        parts = Models(tagger=tagger, ranker=train_ranker(rest, taggers),
                       classifier=train_reported(rest, taggers))
        for article in held:
            pairs = quotes_with_evidence([build(article.text)], parts=parts)[0]
            rows = score_article(article, [q for q, _ in pairs])
            outcome = {(r["pred_start"], r["pred_end"], r["pred_kind"]): r for r in rows
                       if r["pred_start"] is not None}
            for q, evidence in pairs:
                row = outcome.get((q.start, q.end, q.kind))
                if row is None or row["outcome"] == "mixed":
                    continue
                quote_examples.append((quote_evidence(q, evidence),
                                       int(row["outcome"] == "match")))
                if row["outcome"] == "match" and row["speaker_ok"] is not None and \
                        q.speaker is not None:
                    speaker_examples.append((speaker_evidence(q, evidence),
                                             int(bool(row["speaker_ok"]))))
    meta = {"trained_on": "PolNeAR v1.0.0 training compartment, fit part (published up to "
                          "2016-06-30); each article analysed by models that did not see it "
                          f"({folds}-fold cross-fitting)",
            "labels": "the evaluation's matching (analysis.evaluate: quoted overlap >= 0.5, "
                      "indirect >= 0.3 of the longer span; speaker: mention overlaps the "
                      "gold source)"}
    return Confidence(train_calibrator(quote_examples), train_calibrator(speaker_examples), meta)


def _write_cues(rows: list[tuple[str, str, int, int]], path: Path, n_articles: int) -> None:
    lines = ["# Cue words learned from annotated news: every word inside annotated attribution",
             "# cues (PolNeAR v1.0.0, training compartment, fit part: articles published up to",
             f"# 2016-06-30; {n_articles} articles) at least {MIN_CUE_COUNT} times and in at "
             f"least {MIN_CUE_SHARE:.0%} of its occurrences.",
             "# Rebuilt by: python -m analysis.quotes.train POLNEAR_DIR. Counts, not text, "
             "are kept.",
             "form\tlemma\tn_in_cues\tn_total"]
    lines += [f"{w}\t{lemma}\t{n}\t{total}" for w, lemma, n, total in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: rebuild the shipped models from a PolNeAR folder."""
    from analysis.corpus.polnear import PolnearError, read_polnear

    parser = argparse.ArgumentParser(prog="python -m analysis.quotes.train",
                                     description="Rebuild the attribution models from a "
                                                 "PolNeAR-style folder (fit part only).")
    parser.add_argument("folder", help="PolNeAR folder with text/, attributions/, metadata.tsv")
    parser.add_argument("--out", default=str(DATA / "quotes"), help="output folder")
    parser.add_argument("--models", default="cues,tagger,ranker,reported,confidence",
                        help="which models to rebuild (default: all of cues, tagger, ranker, "
                             "reported, confidence)")
    parser.add_argument("--folds", type=int, default=FOLDS,
                        help=f"cross-fitting folds for the tagger the ranker learns from "
                             f"(default {FOLDS}; 1 uses the shipped tagger)")
    parser.add_argument("--cache", default=None,
                        help="a folder (outside the repository) where the cross-fitted "
                             "taggers are kept and reused while their inputs are unchanged")
    parser.add_argument("--select", action="store_true",
                        help="compare settings on the inner split (fit up to 2016-04-30, "
                             "compare on 2016-05/06) instead of writing models")
    args = parser.parse_args(argv)
    try:
        articles = read_polnear(args.folder, part="fit")
    except PolnearError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.select:
        return _select(articles)
    models = set(args.models.split(","))
    if "cues" in models:
        rows = cue_table(articles)
        _write_cues(rows, out / "cues.tsv", len(articles))
        from analysis.quotes import features

        features.cue_lexicon.cache_clear()
        print(f"cues.tsv: {len(rows)} cue words", file=sys.stderr)
    if "tagger" in models:
        tagger = train_tagger(articles)
        tagger.save(out / "tagger.json.gz")
        print(f"tagger.json.gz: {sum(len(t.vocabulary) for t in tagger.templates.values())} "
              f"feature values", file=sys.stderr)
    if models & {"ranker", "reported", "confidence"}:
        from analysis.quotes.crf import CRF

        taggers = cross_fitted_taggers(articles, args.folds, args.cache) if args.folds > 1 else \
            CRF.load(out / "tagger.json.gz")
    if "ranker" in models:
        from analysis.quotes.ranker import train_ranker

        ranker = train_ranker(articles, taggers)
        (out / "ranker.json").write_text(json.dumps(ranker.to_json(), indent=1) + "\n",
                                         encoding="utf-8")
        print(f"ranker.json: {len(ranker.weights)} features", file=sys.stderr)
    if "reported" in models:
        classifier = train_reported(articles, taggers)
        (out / "reported.json").write_text(json.dumps(classifier.to_json(), indent=1) + "\n",
                                           encoding="utf-8")
        print(f"reported.json: {len(classifier.weights)} features", file=sys.stderr)
    if "confidence" in models:
        confidence = train_confidence(articles, taggers, folds=max(args.folds, 2))
        (out / "confidence.json").write_text(json.dumps(confidence.to_json(), indent=1) + "\n",
                                             encoding="utf-8")
        print(f"confidence.json: {confidence.quote.meta['examples']} quotes, "
              f"{confidence.speaker.meta['examples']} speakers", file=sys.stderr)
    return 0


def _inner_split(articles: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    cut = date(2016, 4, 30).isoformat()
    fit = [a for a in articles if a.meta["publication_date"] <= cut]
    dev = [a for a in articles if a.meta["publication_date"] > cut]
    return fit, dev


def _select(articles: Sequence[Any]) -> int:
    from analysis.evaluate.matching import match  # one-to-one span matching
    from analysis.quotes.tagger import indirect_spans, tag

    fit, dev = _inner_split(articles)
    grid = [{"c1": c1, "c2": c2} for c1 in (0.05, 0.1, 0.3) for c2 in (0.01, 0.05)]
    for setting in grid:
        tagger = train_tagger(fit, **setting)
        tp = n_pred = n_gold = 0
        for article in dev:
            doc = build(article.text)
            pred = [{"start": s, "end": e} for s, e in indirect_spans(tag(doc, crf=tagger))]
            gold = [{"start": min(p.start for p in a.content), "end": max(p.end for p in a.content)}
                    for a in article.attributions if a.content and not any(
                        c in p.text for p in a.content for c in "“”\"")]
            tp += len(match(pred, gold, threshold=0.3))
            n_pred += len(pred)
            n_gold += len(gold)
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        print(f"{setting}: indirect content P {p:.3f} R {r:.3f} F1 "
              f"{2 * p * r / max(p + r, 1e-9):.3f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
