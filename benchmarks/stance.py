"""F_avg of StanceClassifier against the SemEval-2016 word+char n-gram SVM baseline, same run.

Usage: python benchmarks/stance.py DATA_DIR   (a folder with train.tsv and val.tsv:
columns text, target, stance). Both models are trained on train.tsv and scored on val.tsv.
"""

import sys
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from analysis.stance import StanceClassifier, f_avg


def baseline_predict(train: pd.DataFrame, test: pd.DataFrame) -> pd.Series:
    """Per-target linear SVM on word 1-3 and character 2-5 n-gram presence."""
    pred = pd.Series(index=test.index, dtype=object)
    for target in sorted(train.target.unique()):
        tr, te = train.target == target, test.target == target
        model = Pipeline([("f", FeatureUnion([
            ("w", CountVectorizer(ngram_range=(1, 3), binary=True)),
            ("c", CountVectorizer(analyzer="char", ngram_range=(2, 5), binary=True))])),
            ("m", LinearSVC(C=0.1, random_state=0))])
        model.fit(train.text[tr], train.stance[tr])
        if te.any():
            pred[te] = model.predict(test.text[te])
    return pred


def main(folder: str) -> None:
    root = Path(folder)
    train = pd.read_csv(root / "train.tsv", sep="\t")
    val = pd.read_csv(root / "val.tsv", sep="\t")
    ours = StanceClassifier(random_state=0).fit(train[["text", "target"]], train.stance)
    ours_f = f_avg(val.stance, ours.predict(val[["text", "target"]]))
    base_f = f_avg(val.stance, baseline_predict(train, val))
    print(f"F_avg StanceClassifier: {ours_f:.4f}")
    print(f"F_avg baseline SVM:     {base_f:.4f}")
    print(f"difference: {ours_f - base_f:+.4f}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/stance.py DATA_DIR (with train.tsv and val.tsv)")
    main(sys.argv[1])
