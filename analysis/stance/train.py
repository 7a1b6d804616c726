"""Rebuild the shipped stance models and print their held-out figures.

Usage::

    python -m analysis.stance.train DATA_DIR [--out-dir DIR]

``DATA_DIR`` holds ``semeval2016-stance/`` (``train.tsv``, ``val.tsv``) and
``gwsd-train/`` (``train.tsv``).  The protocols are those of :mod:`analysis.stance.data`:

* *news model, held out*: fitted on SemEval ``train`` + GWSD's development 80 % (GWSD
  with soft labels: the authors' label-model posteriors), scored on SemEval ``val`` and
  on GWSD's held-out 20 %;
* *transfer*: fitted on the labelled SemEval ``train`` tweets only, with the pivot
  vocabulary (n-grams seen in at least 5 tweets and 5 *unlabelled* GWSD development
  sentences), scored on GWSD's held-out 20 %;
* then ``news.json.gz`` is fitted on everything (SemEval train + val, all of GWSD) and
  ``teaching.json.gz`` on the teaching set (:mod:`analysis.stance.teaching`).

Settings were chosen by cross-validation on the development parts only, GWSD's grouped
by its batch ``id`` (:func:`batch_cv`).

Both files go to ``analysis/data/stance/`` (or ``--out-dir``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.model_selection import GroupKFold

from analysis.stance.classifier import SHIPPED, StanceClassifier, f_avg
from analysis.stance.data import CLIMATE, load_gwsd, load_semeval, soft_labels
from analysis.stance.teaching import load_teaching_data

__all__ = ["NEWS_PARAMS", "TEACHING_PARAMS", "TRANSFER_PARAMS", "batch_cv", "fit_news",
           "fit_transfer", "held_out", "load_all", "main", "news_model", "teaching_model"]

#: Settings of the shipped news model (chosen by grouped CV on GWSD's development part).
NEWS_PARAMS = {"C": 1.0, "cues": 1.0, "class_weight": "target", "domain": "news",
               "prune": 0.02, "random_state": 0}
#: Settings of the model fitted on tweets only and applied to news (chosen on GWSD's
#: development part, whose labels it never sees).
TRANSFER_PARAMS = {"C": 1.0, "cues": 1.0, "class_weight": "target", "pivots": 5,
                   "random_state": 0}
#: Settings of the teaching model: the classifier as notebook 03 first teaches it.
TEACHING_PARAMS = {"C": 1.0, "cues": 0.0, "class_weight": "balanced", "random_state": 0}
COLUMNS = ["text", "target", "domain"]


def load_all(data_dir: str | Path) -> dict[str, pd.DataFrame]:
    """``semeval_train``, ``semeval_val``, ``gwsd_dev`` and ``gwsd_test`` frames."""
    root = Path(data_dir)
    gwsd = load_gwsd(root / "gwsd-train")
    return {"semeval_train": load_semeval(root / "semeval2016-stance", "train"),
            "semeval_val": load_semeval(root / "semeval2016-stance", "val"),
            "gwsd_dev": gwsd[~gwsd.held_out].reset_index(drop=True),
            "gwsd_test": gwsd[gwsd.held_out].reset_index(drop=True)}


def fit_news(train: pd.DataFrame, params: dict | None = None, *,
             soft: bool = True) -> StanceClassifier:
    """The news model's recipe on ``train``: GWSD rows with their posteriors as soft
    labels (``soft=False``: their most probable label), tweets with their label."""
    model = StanceClassifier(**(NEWS_PARAMS if params is None else params))
    if soft:
        return model.fit(train[COLUMNS], None, label_proba=soft_labels(train))
    return model.fit(train[COLUMNS], train.stance)


def fit_transfer(tweets: pd.DataFrame, news_texts: pd.DataFrame,
                 params: dict | None = None) -> StanceClassifier:
    """A model fitted on labelled ``tweets`` only; the unlabelled ``news_texts``
    (``text``) only choose the pivot vocabulary."""
    model = StanceClassifier(**(TRANSFER_PARAMS if params is None else params))
    return model.fit(tweets[COLUMNS], tweets.stance,
                     unlabelled=news_texts[["text"]].assign(domain="news"))


def batch_cv(dev: pd.DataFrame, fit_predict, n_splits: int = 5) -> float:
    """F_avg of out-of-fold predictions on GWSD's development part, folds grouped by the
    batch ``id`` (no batch in both a training and a validation fold).

    ``fit_predict(train_rows, validation_rows)`` returns the predicted labels.
    """
    pred = np.empty(len(dev), dtype=object)
    for train, test in GroupKFold(n_splits).split(dev, groups=dev["id"]):
        pred[test] = fit_predict(dev.iloc[train], dev.iloc[test])
    return f_avg(dev.stance, pred)


def held_out(data: dict[str, pd.DataFrame]) -> dict[str, float]:
    """F_avg on the held-out parts with the shipped settings (see the module docs)."""
    train = pd.concat([data["semeval_train"], data["gwsd_dev"]], ignore_index=True)
    model = fit_news(train)
    val, test = data["semeval_val"], data["gwsd_test"]
    tweets = fit_transfer(data["semeval_train"], data["gwsd_dev"])
    return {"semeval_val": f_avg(val.stance, model.predict(val[COLUMNS])),
            "gwsd_test": f_avg(test.stance, model.predict(test[COLUMNS])),
            "transfer_gwsd_test": f_avg(test.stance, tweets.predict(test[COLUMNS]))}


def news_model(data: dict[str, pd.DataFrame], figures: dict[str, float] | None = None
               ) -> StanceClassifier:
    """The shipped news model: fitted on every labelled tweet and news sentence."""
    train = pd.concat([data["semeval_train"], data["semeval_val"], data["gwsd_dev"],
                       data["gwsd_test"]], ignore_index=True)
    model = fit_news(train)
    model.meta_ = {
        "source": "SemEval-2016 Task 6 train + val (TweetEval copy; Mohammad et al. 2016) and "
                  "GWSD (Luo, Card & Jurafsky 2020, yiweiluo/GWStance@7c448113, all rows with a "
                  f"label outside the authors' test set; target '{CLIMATE}', domain news; soft "
                  "labels: the authors' label-model posteriors)",
        "n_train": len(train),
        "held_out": {k: round(v, 4) for k, v in (figures or {}).items()},
        "rebuild": "python -m analysis.stance.train DATA_DIR",
    }
    return model


def teaching_model() -> StanceClassifier:
    """The teaching model: fitted on the 180 sentences of the teaching set."""
    data = load_teaching_data()
    model = StanceClassifier(**TEACHING_PARAMS).fit(data[["text", "target"]], data["stance"])
    model.meta_ = {"source": "analysis/data/stance/teaching/stance_teaching.tsv (written for "
                             "this project)", "n_train": len(data),
                   "rebuild": "python -m analysis.stance.train DATA_DIR (or --teaching-only)"}
    return model


def main(argv: Sequence[str] | None = None) -> int:
    """Print the held-out figures, then write ``news.json.gz`` and ``teaching.json.gz``."""
    parser = argparse.ArgumentParser(prog="python -m analysis.stance.train",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?",
                        help="folder with semeval2016-stance/ and gwsd-train/")
    parser.add_argument("--out-dir", help="where to write (default: analysis/data/stance)")
    parser.add_argument("--teaching-only", action="store_true",
                        help="only rebuild the teaching model (needs no data folder)")
    args = parser.parse_args(argv)
    out = Path(args.out_dir) if args.out_dir else Path(str(resources.files("analysis") / "data"))
    path = (lambda name: out / Path(SHIPPED[name]).name) if args.out_dir else \
        (lambda name: out / SHIPPED[name])
    if not args.teaching_only:
        if not args.data_dir:
            parser.error("give DATA_DIR (or --teaching-only)")
        try:
            data = load_all(args.data_dir)
        except (FileNotFoundError, ValueError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
        figures = held_out(data)
        for name, value in figures.items():
            print(f"F_avg {name:<20} {value:.4f}")
        model = news_model(data, figures)
        print(f"news model -> {model.save(path('news'))}")
    print(f"teaching model -> {teaching_model().save(path('teaching'))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
