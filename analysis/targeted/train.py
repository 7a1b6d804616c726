"""Rebuild the shipped target-sentiment model from NewsMTSC.

Usage::

    python -m analysis.targeted.train PATH/TO/newsmtsc-train [--out FILE]

Fits :class:`~analysis.targeted.model.TargetSentimentClassifier` on NewsMTSC buckets
1-4 and prints macro-F1 on the held-out bucket 0 (:mod:`analysis.targeted.data`
states the protocol), then fits on every bucket and writes the weights with their
provenance to ``analysis/data/targeted/model.json.gz`` (or ``--out``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import pandas as pd
from sklearn.metrics import classification_report, f1_score

from analysis.targeted.data import load_newsmtsc
from analysis.targeted.model import MODEL_FILE, TargetSentimentClassifier

__all__ = ["evaluate_held_out", "fit_shipped", "main"]

_COLUMNS = ["text", "start", "end", "others"]


def evaluate_held_out(frame: pd.DataFrame, model: TargetSentimentClassifier | None = None
                      ) -> tuple[float, str]:
    """Fit on buckets 1-4, predict bucket 0: ``(macro-F1, per-class report)``."""
    model = model if model is not None else TargetSentimentClassifier()
    train, test = frame[frame.bucket != 0], frame[frame.bucket == 0]
    model.fit(train[_COLUMNS], train.label)
    pred = model.predict(test[_COLUMNS])
    return (float(f1_score(test.label, pred, average="macro")),
            classification_report(test.label, pred, digits=3))


def fit_shipped(frame: pd.DataFrame, held_out_f1: float | None = None
                ) -> TargetSentimentClassifier:
    """Fit on every bucket and attach the provenance stored with the weights."""
    model = TargetSentimentClassifier().fit(frame[_COLUMNS], frame.label)
    model.meta_ = {
        "source": "NewsMTSC (Hamborg & Donnay 2021), fhamborg/NewsMTSC@b9d9b797, "
                  "newsmtsc-rw/train.jsonl: every target mention",
        "n_train": len(frame),
        "protocol": "articles hashed into 5 buckets (SHA-1 of the primary_gid's first three "
                    "fields); bucket 0 held out, bucket 1 for development",
        "held_out_macro_f1": None if held_out_f1 is None else round(held_out_f1, 4),
        "rebuild": "python -m analysis.targeted.train PATH/TO/newsmtsc-train",
    }
    return model


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate on the held-out part, refit on everything, write the weights."""
    parser = argparse.ArgumentParser(prog="python -m analysis.targeted.train",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="NewsMTSC folder holding train.jsonl")
    parser.add_argument("--out", help="where to write the model (default: the package's)")
    args = parser.parse_args(argv)
    try:
        frame = load_newsmtsc(args.folder)
    except (FileNotFoundError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    score, report = evaluate_held_out(frame)
    print(f"held-out bucket 0 ({(frame.bucket == 0).sum()} mentions): macro-F1 {score:.4f}")
    print(report)
    out = Path(args.out) if args.out else Path(str(resources.files("analysis") / "data"
                                                   / MODEL_FILE))
    model = fit_shipped(frame, score)
    model.save(out)
    print(f"{len(model.features_)} features, fitted on {len(frame)} mentions -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
