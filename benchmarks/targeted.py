"""Sentiment toward a target on NewsMTSC's held-out part: the project against baselines, same run.

Usage: python benchmarks/targeted.py PATH/TO/newsmtsc-train

Protocol (analysis.targeted.data): articles hashed into 5 buckets; every model is fitted
(or has its thresholds chosen) on buckets 1-4 and scored on bucket 0, macro-F1 over
negative / neutral / positive. Printed side by side:

* TargetSentimentClassifier -- the shipped method (target-aware named features);
* VADER sentence polarity mapped to three classes, the two thresholds chosen on the
  training buckets to maximise macro-F1 (target-blind);
* the project's default sentence polarity (hybrid), mapped the same way (target-blind);
* a supervised word 1-2 + char 2-5 n-gram TF-IDF logistic regression on the sentence
  (target-blind; C=3, chosen on bucket 1).
"""

import sys
import time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import FeatureUnion, make_pipeline

from analysis.sentiment import polarity
from analysis.targeted import TargetSentimentClassifier
from analysis.targeted.data import load_newsmtsc

COLUMNS = ["text", "start", "end", "others"]


def thresholds(scores: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """The (low, high) cut points of a polarity score that maximise macro-F1."""
    grid = np.quantile(scores, np.linspace(0.02, 0.98, 49))
    best = (-1.0, 0.0, 0.0)
    for lo in grid:
        for hi in grid[grid >= lo]:
            f1 = f1_score(labels, three_classes(scores, lo, hi), average="macro")
            best = max(best, (f1, float(lo), float(hi)))
    return best[1], best[2]


def three_classes(scores: np.ndarray, lo: float, hi: float) -> np.ndarray:
    return np.where(scores < lo, "negative", np.where(scores > hi, "positive", "neutral"))


def ngram_baseline(train, test) -> np.ndarray:
    model = make_pipeline(
        FeatureUnion([("w", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)),
                      ("c", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                            sublinear_tf=True, min_df=2))]),
        LogisticRegression(C=3.0, class_weight="balanced", max_iter=3000))
    return model.fit(train.text, train.label).predict(test.text)


def main(folder: str) -> None:
    frame = load_newsmtsc(folder)
    train, test = frame[frame.bucket != 0], frame[frame.bucket == 0]
    print(f"NewsMTSC: fit on buckets 1-4 ({len(train)} mentions), score bucket 0 "
          f"({len(test)} mentions), macro-F1")
    start = time.perf_counter()
    model = TargetSentimentClassifier().fit(train[COLUMNS], train.label)
    fit_time = time.perf_counter() - start
    start = time.perf_counter()
    pred = model.predict(test[COLUMNS])
    rate = len(test) / (time.perf_counter() - start)
    rows = [("TargetSentimentClassifier (target-aware)",
             f1_score(test.label, pred, average="macro"))]
    for method in ("vader", "hybrid"):
        scores = dict(zip(sorted(set(frame.text)), polarity(sorted(set(frame.text)),
                                                            method=method), strict=True))
        lo, hi = thresholds(train.text.map(scores).to_numpy(), train.label.to_numpy())
        got = three_classes(test.text.map(scores).to_numpy(), lo, hi)
        rows.append((f"{method} sentence polarity, cuts {lo:+.3f}/{hi:+.3f}",
                     f1_score(test.label, got, average="macro")))
    rows.append(("word+char n-gram logistic regression",
                 f1_score(test.label, ngram_baseline(train, test), average="macro")))
    for name, score in rows:
        print(f"  {name:<48} {score:.4f}")
    print(f"  ratio project / n-gram baseline: {rows[0][1] / rows[-1][1]:.3f}")
    print(f"  fit {fit_time:.1f} s; prediction {rate:,.0f} mentions/s (features included)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/targeted.py PATH/TO/newsmtsc-train")
    main(sys.argv[1])
