"""Stance F_avg on held-out data: the project against n-gram baselines, same run.

Usage: python benchmarks/stance.py DATA_DIR [--batch-cv]

DATA_DIR holds semeval2016-stance/ (train.tsv, val.tsv) and gwsd-train/ (train.tsv);
analysis/stance/data.py states the frozen protocols.  Three held-out settings, each with
its baselines:

1. SemEval-2016 validation split -- fitted on SemEval train (the news model also on
   GWSD's development 80 %);
2. GWSD held-out 20 % (10 of GWSD's 50 batches) -- news stance on global warming;
3. transfer -- fitted on the labelled tweets only, applied to the GWSD held-out sentences.

Baselines: the SemEval-2016 word 1-3 + char 2-5 n-gram presence linear SVM, one per
target (Mohammad et al. 2016); the previous shipped settings (GWSD's hard labels, no
pruning, no pivots); the first StanceClassifier (no cues, classes balanced over all
texts).  ``--batch-cv`` adds five-fold CV on GWSD's development part grouped by batch
(the protocol the settings were chosen by; about 5 more minutes).  Sizes: the news
model saved as the package ships it, against the previous settings' model.
"""

import tempfile
import time
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from analysis.stance import StanceClassifier, f_avg
from analysis.stance.data import CLIMATE
from analysis.stance.train import (
    COLUMNS,
    NEWS_PARAMS,
    TEACHING_PARAMS,
    batch_cv,
    fit_news,
    fit_transfer,
    load_all,
)

PREVIOUS = {**NEWS_PARAMS, "prune": 0.0}  # the settings shipped before (with hard labels)
FIRST = dict(TEACHING_PARAMS)  # no cues, balanced: the first classifier
TWEETS = {**NEWS_PARAMS, "prune": 0.0, "domain": None}


def baseline_predict(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    """Per-target linear SVM on word 1-3 and character 2-5 n-gram presence."""
    pred = pd.Series(index=test.index, dtype=object)
    for target in sorted(set(test.target)):
        tr, te = train.target == target, test.target == target
        model = Pipeline([("f", FeatureUnion([
            ("w", CountVectorizer(ngram_range=(1, 3), binary=True)),
            ("c", CountVectorizer(analyzer="char", ngram_range=(2, 5), binary=True))])),
            ("m", LinearSVC(C=0.1, random_state=0))])
        model.fit(train.text[tr], train.stance[tr])
        pred[te] = model.predict(test.text[te])
    return pred


def score(model: StanceClassifier, test: pd.DataFrame) -> float:
    return f_avg(test.stance, model.predict(test[COLUMNS]))


def hard(params: dict, train: pd.DataFrame) -> StanceClassifier:
    return StanceClassifier(**params).fit(train[COLUMNS], train.stance)


def saved(model: StanceClassifier) -> tuple[float, float]:
    """(MB on disk, seconds to load) of ``model`` saved as the package ships it."""
    with tempfile.TemporaryDirectory() as folder:
        path = model.save(Path(folder) / "model.json.gz")
        start = time.perf_counter()
        StanceClassifier.load(path)
        return path.stat().st_size / 1e6, time.perf_counter() - start


def main(folder: str, with_batch_cv: bool = False) -> None:
    data = load_all(folder)
    sem, val = data["semeval_train"], data["semeval_val"]
    dev, test = data["gwsd_dev"], data["gwsd_test"]
    both = pd.concat([sem, dev], ignore_index=True)
    climate = sem[sem.target == CLIMATE]
    start = time.perf_counter()
    news, previous = fit_news(both), fit_news(both, PREVIOUS, soft=False)
    rows = [
        ("SemEval val", f"news model (tweets + GWSD dev, n={len(both)})", score(news, val)),
        ("SemEval val", "previous settings (hard GWSD labels)", score(previous, val)),
        ("SemEval val", "project settings, tweets only", score(hard(TWEETS, sem), val)),
        ("SemEval val", "first StanceClassifier (no cues)", score(hard(FIRST, sem), val)),
        ("SemEval val", "baseline: word+char n-gram SVM per target",
         f_avg(val.stance, baseline_predict(sem, val))),
        ("GWSD held-out", "news model (tweets + GWSD dev)", score(news, test)),
        ("GWSD held-out", "previous settings (hard GWSD labels)", score(previous, test)),
        ("GWSD held-out", "project settings, GWSD dev only", score(fit_news(dev), test)),
        ("GWSD held-out", "first StanceClassifier, GWSD dev only", score(hard(FIRST, dev), test)),
        ("GWSD held-out", "baseline: n-gram SVM on GWSD dev",
         f_avg(test.stance, baseline_predict(dev, test))),
        ("transfer", "tweets only, pivots from unlabelled GWSD dev",
         score(fit_transfer(sem, dev), test)),
        ("transfer", "previous settings, tweets only (no pivots)", score(hard(TWEETS, sem), test)),
        ("transfer", "first StanceClassifier, all tweets", score(hard(FIRST, sem), test)),
        ("transfer", "baseline: n-gram SVM on the climate tweets",
         f_avg(test.stance, baseline_predict(climate, test))),
    ]
    if with_batch_cv:
        def with_tweets(fit):
            return lambda tr, te: fit(pd.concat([sem, tr], ignore_index=True)).predict(
                te[COLUMNS])
        rows += [
            ("GWSD batch CV", "news model settings (+ tweets)", batch_cv(dev, with_tweets(
                fit_news))),
            ("GWSD batch CV", "previous settings (+ tweets)", batch_cv(dev, with_tweets(
                lambda t: fit_news(t, PREVIOUS, soft=False)))),
            ("GWSD batch CV", "baseline: n-gram SVM", batch_cv(
                dev, lambda tr, te: baseline_predict(tr, te).to_numpy())),
        ]
    print(f"held-out sizes: SemEval val {len(val)}, GWSD held-out {len(test)} "
          f"(GWSD dev {len(dev)}, SemEval train {len(sem)})")
    for setting, name, value in rows:
        print(f"  F_avg {setting:<14} {name:<46} {value:.4f}")
    best = {s: max(v for t, n, v in rows if t == s and n.startswith("baseline"))
            for s in dict.fromkeys(r[0] for r in rows)}
    for setting, value in best.items():
        ours = rows[[r[0] for r in rows].index(setting)][2]
        print(f"  ratio project / baseline, {setting:<14} {ours / value:.3f}")
    (mb, load), (mb0, load0) = saved(news), saved(previous)
    print(f"  news model saved: {mb:.2f} MB, loads in {load:.2f} s; previous settings "
          f"{mb0:.2f} MB, {load0:.2f} s (ratio {mb / mb0:.2f} in size)")
    print(f"  ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", help="folder with semeval2016-stance/ and gwsd-train/")
    parser.add_argument("--batch-cv", action="store_true",
                        help="add five-fold CV on GWSD's development part grouped by batch")
    options = parser.parse_args()
    main(options.data_dir, options.batch_cv)
