"""The ``evaluate`` command: quotes scored against gold annotations (PolNeAR, a speech
gold set, or gold JSON)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

__all__ = ["evaluate_command"]


def _table(frame) -> str:
    return frame.round(3).to_string(index=False)


def _evaluate_polnear(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.corpus.polnear import PolnearError
    from analysis.evaluate import annotator_agreement, evaluate_polnear, regex_baseline

    scheme = args.attributions or "all"
    extractor = regex_baseline if args.baseline else _extractor(scheme)
    name = "regex baseline" if args.baseline else \
        f"analysis.quotes.extract_quotes (attributions={scheme!r})"
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
        _details(report, args)
        if agreement is not None:
            print(f"\nannotator agreement: {agreement.n_documents} annotator pairs on the "
                  f"articles annotated several times (second annotator scored against the "
                  f"first)")
            print(_table(agreement.scores()))
    return 0


def _extractor(scheme: str):
    from functools import partial

    from analysis.quotes import extract_quotes

    return partial(extract_quotes, attributions=scheme)


def _details(report, args: argparse.Namespace) -> None:
    """The breakdowns, the reliability tables and the error listing asked for."""
    from analysis.evaluate import expected_calibration_error, reliability

    for what in args.by:
        print(f"\nby {what}:")
        print(_table(report.by(what)))
    if args.reliability:
        for what in ("quote", "speaker"):
            table = reliability(report.outcomes, what)
            print(f"\nreliability of p_{what} (expected calibration error "
                  f"{expected_calibration_error(table):.3f}):")
            print(table.to_string(index=False))
    if args.errors is not None:
        counts = report.error_counts()
        print("\nerrors by type:")
        print(counts.to_string(index=False))
        listing = report.errors(None if args.errors < 0 else args.errors)
        if len(listing):
            print(f"\nerrors ({len(listing)} of {int(counts.n.sum())}):")
            print(listing.to_string(index=False))


def _evaluate_speech(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.evaluate import evaluate_speech

    scheme = args.attributions or "speech"
    try:
        report = evaluate_speech(args.gold, extractor=_extractor(scheme),
                                 threshold=args.threshold)
    except (OSError, ValueError, KeyError) as err:
        print(f"error: {args.gold}: {err}", file=sys.stderr)
        return 1
    for doc_id, message in report.failures:
        print(f"warning: {doc_id}: {message}", file=sys.stderr)
    with pd.option_context("display.width", 250, "display.max_colwidth", 80):
        print(f"speech gold set: {report.n_documents} documents in {args.gold}; extractor: "
              f"analysis.quotes.extract_quotes (attributions={scheme!r}); IoU >= "
              f"{args.threshold}; speaker_accuracy: mention overlap, canonical_agreement: "
              f"the set's canonical-name rule")
        print(_table(report.scores()))
        _details(report, args)
    return 0


def evaluate_command(args: argparse.Namespace) -> int:
    if args.polnear is not None and args.gold is not None:
        print("error: give --polnear or --gold, not both", file=sys.stderr)
        return 2
    if args.polnear is not None:
        return _evaluate_polnear(args)
    if args.gold is not None:
        return _evaluate_speech(args)
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
