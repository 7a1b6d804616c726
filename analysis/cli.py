"""The command line: ``python -m analysis <command>``; each command is a thin wrapper.

Exit status: 0 when the command ran (problems with single documents are reported,
not fatal), 1 when nothing could be processed, 2 for usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from analysis.corpus import CorpusError, Document, Failure, iter_corpus
from analysis.paths import RESULTS, SEEDS

__all__ = ["main"]


def _corpus_args(p: argparse.ArgumentParser, *, optional: bool = True) -> None:
    p.add_argument("corpus", nargs="?" if optional else None, default=str(SEEDS),
                   help="a .txt file, a .csv/.jsonl/.parquet table, or a folder of them "
                        "(default: the seed articles)")
    p.add_argument("--encoding", default="utf-8", help="text encoding (default: utf-8)")
    p.add_argument("--text-column", default="text", help="text column of tables (default: text)")
    p.add_argument("--id-column", default="id", help="id column of tables (default: id)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Discourse analysis of news articles: quotes, speakers, sentiment, stance.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="every stage over a corpus: tables and figures",
                         description="Run every stage over CORPUS and write tidy tables "
                                     "(documents, sentences, quotes, speakers, markers) and "
                                     "figures into --out.")
    _corpus_args(run)
    run.add_argument("--out", default=str(RESULTS), help="output folder (default: results/)")
    run.add_argument("--format", choices=["csv", "parquet"], default="csv",
                     help="table format (parquet for large corpora)")
    run.add_argument("--engine", choices=["serial", "processes", "dask"], default="serial")
    run.add_argument("--workers", type=int, default=None, help="worker processes")
    run.add_argument("--scheduler", default=None,
                     help="address of an existing Dask scheduler (with --engine dask)")
    run.add_argument("--target", default=None,
                     help="stance target for every quote (default: negotiations with the US)")
    run.add_argument("--tokens", action="store_true", help="also write the tokens table")
    run.add_argument("--no-figures", action="store_true", help="do not draw figures")
    run.add_argument("--quiet", action="store_true", help="no progress bar")

    for name, helptext in [("sentences", "print sentences with offsets (JSON lines)"),
                           ("tokens", "print tokens with offsets (JSON lines)"),
                           ("quotes", "print quotes with speakers and cues (JSON lines)"),
                           ("sentiment", "print sentence sentiment from every scorer (CSV)"),
                           ("markers", "print stance-marker counts per document (CSV)")]:
        p = sub.add_parser(name, help=helptext, description=helptext.capitalize() + ".")
        _corpus_args(p)

    fig = sub.add_parser("figures", help="regenerate every figure from the tables",
                         description="Regenerate every figure (PNG and SVG) from tables "
                                     "written by `run`.")
    fig.add_argument("--tables", default=str(RESULTS), help="folder with the tables")
    fig.add_argument("--out", default=None, help="figure folder (default: TABLES/figures)")

    ev = sub.add_parser("evaluate", help="score quote extraction against gold annotations",
                        description="Compare extracted quotes with gold JSON files "
                                    "(<doc>.gold.json beside each <doc>.txt), with a "
                                    "passage set (a JSON list of {id, text, quotes}, such as "
                                    "tests/data/quotes_heldout.json), or, with --polnear, with "
                                    "the gold attributions of real news articles (a PolNeAR "
                                    "folder; see analysis.evaluate for the protocol).")
    ev.add_argument("corpus", nargs="?", default=str(SEEDS),
                    help="folder with <doc>.txt and <doc>.gold.json, or a passage-set .json "
                         "file (default: seeds; ignored with --polnear)")
    ev.add_argument("--polnear", metavar="DIR", default=None,
                    help="a PolNeAR folder (text/, attributions/, metadata.tsv), e.g. "
                         "/work/shared/data/polnear-train")
    ev.add_argument("--part", choices=["validation", "fit", "all"], default="validation",
                    help="with --polnear: which articles (default: validation, 2016-07-01 to "
                         "2016-09-30; fit = up to 2016-06-30)")
    ev.add_argument("--by", action="append", default=[], metavar="WHAT",
                    choices=["kind", "rule", "publisher", "cue_class", "source_type"],
                    help="with --polnear: also break the scores down by kind, rule, publisher, "
                         "cue_class or source_type (repeatable)")
    ev.add_argument("--errors", nargs="?", type=int, const=-1, default=None, metavar="N",
                    help="also list errors: all of them, or N spread over the listing")
    ev.add_argument("--baseline", action="store_true",
                    help="with --polnear: score the regex baseline (pairs marks, nearest "
                         "capitalised word as speaker) instead of the extractor")
    ev.add_argument("--agreement", action="store_true",
                    help="with --polnear: also score annotators against each other on the "
                         "articles that several annotated (all parts)")
    ev.add_argument("--threshold", type=float, default=0.5,
                    help="minimum span overlap for a match of quoted spans (default: 0.5)")
    ev.add_argument("--indirect-threshold", type=float, default=0.3,
                    help="with --polnear: minimum overlap for indirect contents (default: 0.3)")
    return parser


def _items(args: argparse.Namespace) -> Iterator[Document | Failure]:
    return iter_corpus(args.corpus, text_column=args.text_column, id_column=args.id_column,
                       encoding=args.encoding)


def _report(failure: Failure) -> None:
    print(f"warning: {failure.message}", file=sys.stderr)


def _print_jsonl(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


def _per_document(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.quotes import extract_quotes
    from analysis.sentiment import score
    from analysis.stance.markers import count_markers_in_tokens
    from analysis.tokenise import sentences, tokenise

    ok = 0
    frames = []
    for item in _items(args):
        if isinstance(item, Failure):
            _report(item)
            continue
        ok += 1
        if args.command == "sentences":
            _print_jsonl([{"doc_id": item.id, "sentence": s.index, "start": s.start,
                           "end": s.end, "text": s.text} for s in sentences(item.text)])
        elif args.command == "tokens":
            _print_jsonl([{"doc_id": item.id, "sentence": t.sentence, "start": t.start,
                           "end": t.end, "text": t.text, "kind": t.kind}
                          for t in tokenise(item.text)[1]])
        elif args.command == "quotes":
            _print_jsonl([{"doc_id": item.id, "start": q.start, "end": q.end, "kind": q.kind,
                           "speaker": q.speaker, "speaker_start": q.speaker_start,
                           "speaker_end": q.speaker_end, "cue": q.cue, "cue_start": q.cue_start,
                           "cue_end": q.cue_end, "medium": q.medium,
                           "sentences": list(q.sentences), "text": q.text}
                          for q in extract_quotes(item)])
        elif args.command == "sentiment":
            sents = sentences(item.text)
            frame = score([s.text for s in sents])
            frame.insert(0, "doc_id", item.id)
            frame.insert(1, "sentence", [s.index for s in sents])
            frame["text"] = [s.text for s in sents]
            frames.append(frame)
        elif args.command == "markers":
            counts = count_markers_in_tokens([t.text for t in tokenise(item.text)[1]])
            frames.append(pd.DataFrame([{"doc_id": item.id, **counts}]))
    if frames:
        pd.concat(frames).to_csv(sys.stdout, index=False)
    return 0 if ok else 1


def _run(args: argparse.Namespace) -> int:
    from analysis.figures import reproduce
    from analysis.pipeline import DEFAULT_TARGET, iter_results, write_tables

    documents: list[Document | Failure] = []

    def tracked() -> Iterator[Document | Failure]:
        for item in _items(args):
            if isinstance(item, Failure):
                _report(item)
            documents.append(Failure(item.id, "", "ok", "") if isinstance(item, Document)
                             else item)
            yield item

    results = iter_results(tracked(), engine=args.engine, workers=args.workers,
                           scheduler=args.scheduler, target=args.target or DEFAULT_TARGET,
                           with_tokens=args.tokens)
    if not args.quiet:
        from tqdm.auto import tqdm

        results = tqdm(results, desc="documents", unit="doc", mininterval=0.5, file=sys.stderr)
    paths = write_tables(results, args.out, fmt=args.format, with_tokens=args.tokens)
    n_ok = sum(1 for d in documents if d.status == "ok")
    print(f"{len(documents)} documents read: {n_ok} analysed, {len(documents) - n_ok} with "
          f"problems (see the documents table)")
    for name, path in paths.items():
        print(f"  {name:<10} {path}")
    if n_ok and not args.no_figures:
        figures = reproduce(args.out, Path(args.out) / "figures")
        print(f"  figures    {len(figures)} files in {Path(args.out) / 'figures'}")
    return 0 if n_ok else 1


def _figures(args: argparse.Namespace) -> int:
    from analysis.figures import reproduce

    tables = Path(args.tables)
    if not (tables / "quotes.csv").exists() and not (tables / "quotes.parquet").exists():
        print(f"error: no tables in {tables}; run `python -m analysis run --out {tables}` "
              f"first", file=sys.stderr)
        return 1
    out = Path(args.out) if args.out else tables / "figures"
    written = reproduce(tables, out)
    print(f"{len(written)} figure files written to {out}")
    return 0


def _table(frame) -> str:
    return frame.round(3).to_string(index=False)


def _evaluate_polnear(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.evaluate import annotator_agreement, evaluate_polnear, regex_baseline
    from analysis.polnear import PolnearError

    extractor = regex_baseline if args.baseline else None
    name = "regex baseline" if args.baseline else "analysis.quotes.extract_quotes"
    try:
        report = evaluate_polnear(args.polnear, extractor=extractor, part=args.part,
                                  quoted_threshold=args.threshold,
                                  indirect_threshold=args.indirect_threshold)
        agreement = annotator_agreement(args.polnear, quoted_threshold=args.threshold,
                                        indirect_threshold=args.indirect_threshold
                                        ) if args.agreement else None
    except (PolnearError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for doc_id, message in report.failures:
        print(f"warning: {doc_id}: {message}", file=sys.stderr)
    if report.n_documents == 0:
        print(f"error: no annotated articles in the {args.part} part of {args.polnear}",
              file=sys.stderr)
        return 1
    with pd.option_context("display.width", 250, "display.max_colwidth", 80):
        print(f"PolNeAR {args.part}: {report.n_documents} articles in {args.polnear}; "
              f"extractor: {name}; overlap >= {args.threshold} (quoted), "
              f">= {args.indirect_threshold} (indirect)")
        print(_table(report.scores()))
        for what in args.by:
            print(f"\nby {what}:")
            print(_table(report.by(what)))
        if args.errors is not None:
            counts = report.error_counts()
            print("\nerrors by type:")
            print(counts.to_string(index=False))
            listing = report.errors(None if args.errors < 0 else args.errors)
            if len(listing):
                print(f"\nerrors ({len(listing)} of {int(counts.n.sum())}):")
                print(listing.to_string(index=False))
        if agreement is not None:
            print(f"\nannotator agreement: {agreement.n_documents} annotator pairs on the "
                  f"articles annotated several times (second annotator scored against the "
                  f"first)")
            print(_table(agreement.scores()))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    if args.polnear is not None:
        return _evaluate_polnear(args)
    from analysis.evaluate import evaluate_corpus, evaluate_devset

    path = Path(args.corpus)
    if path.is_file() and path.suffix == ".json":
        try:
            report = evaluate_devset(path, threshold=args.threshold)
        except (ValueError, KeyError, TypeError) as err:
            print(f"error: {path}: not a passage set ({type(err).__name__}: {err}); expected a "
                  f"JSON list of objects with 'id', 'text' and 'quotes'", file=sys.stderr)
            return 1
    else:
        report = evaluate_corpus(args.corpus, threshold=args.threshold)
    if report.n_documents == 0:
        print(f"error: no <doc>.gold.json files beside .txt files in {args.corpus}",
              file=sys.stderr)
        return 1
    print(report.scores.to_string(index=False))
    if args.errors is not None and len(report.errors):
        print()
        errors = report.errors if args.errors < 0 else report.errors.head(args.errors)
        print(errors.to_string(index=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "figures":
            return _figures(args)
        if args.command == "evaluate":
            return _evaluate(args)
        return _per_document(args)
    except CorpusError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `... | head`
        return 0
