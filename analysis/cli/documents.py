"""The per-document commands: ``sentences``, ``tokens``, ``quotes``, ``sentiment`` and
``markers`` print one document's units as JSON lines or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import Any

from analysis.cli.streams import Reporter, print_error
from analysis.corpus import (
    Document,
    Failure,
    empty_reason,
    iter_corpus,
)
from analysis.run.tables import TABLES

__all__ = ["corpus_items", "nonempty", "per_document"]


def corpus_items(args: argparse.Namespace, exclude: Sequence[Path] = ()) -> Iterator[Document | Failure]:
    """The corpus, checked now (a bad path raises CorpusError before anything is read)."""
    return iter_corpus(args.corpus, text_column=args.text_column, id_column=args.id_column,
                       encoding=args.encoding, max_doc_mb=args.max_doc_mb, exclude=exclude)


def nonempty(items: Iterator[Document | Failure], corpus: str,
             exclude: Sequence[Path] = ()) -> Iterator[Document | Failure] | None:
    """``items`` again, or None (after saying why) when the corpus holds no document."""
    first = next(items, None)
    if first is None:
        print_error(f"error: {empty_reason(corpus, exclude=exclude)}; nothing to analyse")
        return None
    return chain([first], items)


def _print_jsonl(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


def per_document(args: argparse.Namespace) -> int:
    from analysis.text import sentences, tokenise

    items = nonempty(corpus_items(args), args.corpus)
    if items is None:
        return 1
    report = Reporter()
    ok = 0
    writer = None
    if args.command in ("sentiment", "markers"):
        table = "sentence_scores" if args.command == "sentiment" else "markers"
        writer = csv.writer(sys.stdout, lineterminator="\r\n")  # RFC 4180: a lone CR is quoted
        writer.writerow(TABLES[table].names())
    for item in items:
        if isinstance(item, Failure):
            report(item)
            continue
        ok += 1
        if args.command == "sentences":
            _print_jsonl([{"doc_id": item.id, "sentence": s.index, "start": s.start,
                           "end": s.end, "text": s.text} for s in sentences(item.text)])
        elif args.command == "tokens":
            _print_jsonl([{"doc_id": item.id, "sentence": t.sentence, "token": i,
                           "start": t.start, "end": t.end, "text": t.text, "kind": t.kind}
                          for i, t in enumerate(tokenise(item.text)[1])])
        elif args.command == "quotes":
            _print_jsonl(_quote_rows(item, args.attributions))
        elif args.command == "sentiment":
            writer.writerows(_safe(_sentence_scores(item)))
        else:
            writer.writerows(_safe(_document_markers(item)))
        sys.stdout.flush()
    if not ok:
        print_error(f"error: none of the {report.n} documents could be read (see the warnings "
                    f"above)")
    return 0 if ok else 1


def _safe(rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """CSV rows with no cell a spreadsheet would run (see analysis.run.tables.neutralise)."""
    from analysis.run.tables import neutralise

    for row in rows:
        yield [neutralise(v) for v in row]


def _quote_rows(doc: Document, attributions: str = "speech") -> list[dict[str, Any]]:
    """Every column of the quotes table for one document, as the main job computes them
    (:func:`analysis.run.stages.analyse_document`: the same rows, the same names)."""
    from analysis.run.stages import analyse_document

    rows = analyse_document(doc, attributions=attributions)
    if rows["documents"][0]["status"] != "ok":
        raise RuntimeError(rows["documents"][0]["message"])
    return rows["quotes"]


def _spans(text: str) -> tuple[list[Any], list[Any], list[tuple[int, int]]]:
    """Sentences, tokens and each sentence's token range, as the pipeline makes them
    (the document model, :func:`analysis.text.build`, where the package has it)."""
    from analysis.text import build

    model = build(text)
    return list(model.sentences), list(model.tokens), list(model.sentence_tokens)


def _sentence_scores(doc: Document) -> Iterator[list[Any]]:
    """Rows of the ``sentence_scores`` table for one document, streamed.

    Scored as the pipeline scores its sentences table: each sentence's own tokens,
    folded, go to :func:`analysis.sentiment.score_rows` (a test checks the values).
    """
    from analysis.sentiment import COMPONENTS, DEFAULT_METHOD, score_rows
    from analysis.text import fold

    sents, toks, bounds = _spans(doc.text)
    scores = score_rows([s.text for s in sents],
                        [[fold(t.text) for t in toks[a:b]] for a, b in bounds])
    extra = TABLES["sentence_scores"].names()[len(TABLES["sentences"].columns):]
    for s, (a, b), c in zip(sents, bounds, scores, strict=True):
        by = dict(zip(COMPONENTS, c, strict=True))
        yield [doc.id, s.index, s.start, s.end, s.text, b - a, by[DEFAULT_METHOD],
               by["vader"], by["afinn"], by["textblob"], *(by[k] for k in extra)]


def _document_markers(doc: Document) -> list[list[Any]]:
    """Rows of the markers table for the unit ``(document)``."""
    from analysis.stance.markers import CATEGORIES, count_markers_in_tokens

    counts = count_markers_in_tokens([t.text for t in _spans(doc.text)[1]])
    n = counts["tokens"]
    return [[doc.id, "(document)", c, counts[c], n, 1000 * counts[c] / n if n else 0.0]
            for c in CATEGORIES]
