"""F_avg of StanceClassifier against the SemEval-2016 word+char n-gram SVM baseline, same run.

Usage: python benchmarks/stance.py DATA_DIR [FOLDS]   (a folder with train.tsv and val.tsv:
columns text, target, stance). Every model is trained on train.tsv and scored on val.tsv;
with FOLDS, also stratified k-fold cross-validation over train + val (the validation split
has only 294 tweets, so its F_avg moves by about 0.02 with a handful of tweets).
"""

import sys
from pathlib import Path

import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.model_selection import StratifiedKFold
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


def _scores(train: pd.DataFrame, test: pd.DataFrame) -> dict[str, float]:
    out = {}
    for name, model in [("StanceClassifier (augment)", StanceClassifier(random_state=0)),
                        ("StanceClassifier (per_target, C=10)",
                         StanceClassifier(sharing="per_target", C=10.0, random_state=0))]:
        model.fit(train[["text", "target"]], train.stance)
        out[name] = f_avg(test.stance, model.predict(test[["text", "target"]]))
    out["baseline SVM"] = f_avg(test.stance, baseline_predict(train, test))
    return out


def main(folder: str, folds: int = 0) -> None:
    """Train on train.tsv, score val.tsv; with ``folds``, also k-fold CV over both."""
    root = Path(folder)
    train = pd.read_csv(root / "train.tsv", sep="\t")
    val = pd.read_csv(root / "val.tsv", sep="\t")
    print(f"validation split (train {len(train)}, val {len(val)}):")
    for name, score in _scores(train, val).items():
        print(f"  F_avg {name:<36} {score:.4f}")
    if folds:
        data = pd.concat([train, val], ignore_index=True)
        strata = data.target + "|" + data.stance
        runs = [_scores(data.iloc[a], data.iloc[b]) for a, b in
                StratifiedKFold(folds, shuffle=True, random_state=0).split(data, strata)]
        print(f"{folds}-fold cross-validation over train + val ({len(data)} tweets):")
        for name in runs[0]:
            values = [r[name] for r in runs]
            print(f"  F_avg {name:<36} {sum(values) / len(values):.4f}")


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python benchmarks/stance.py DATA_DIR [FOLDS]  "
                 "(DATA_DIR with train.tsv and val.tsv)")
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) == 3 else 0)
