"""Stance F_avg on held-out data: the project against n-gram baselines, same run.

Usage: python benchmarks/stance.py DATA_DIR   (DATA_DIR holds semeval2016-stance/ with
train.tsv and val.tsv, and gwsd-train/ with train.tsv; see analysis/stance/data.py for
the frozen protocols).

Three settings, each with its baselines:

1. SemEval-2016 validation split -- models fitted on SemEval train (the news model also
   on GWSD's development 80 %);
2. GWSD held-out 20 % -- news stance on global warming;
3. transfer -- fitted on the tweets only, applied to the GWSD held-out news sentences.

Baselines: the SemEval-2016 word 1-3 + char 2-5 n-gram presence linear SVM, one per
target (Mohammad et al. 2016), and the previous StanceClassifier configuration (no
cues, classes balanced over all texts).
"""

import sys
import time

import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from analysis.stance import StanceClassifier, f_avg
from analysis.stance.data import CLIMATE
from analysis.stance.train import COLUMNS, NEWS_PARAMS, TEACHING_PARAMS, load_all

PREVIOUS = {k: v for k, v in TEACHING_PARAMS.items()}  # no cues, balanced: the old default


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


def project(params: dict, train: pd.DataFrame, test: pd.DataFrame) -> float:
    model = StanceClassifier(**params).fit(train[COLUMNS], train.stance)
    return f_avg(test.stance, model.predict(test[COLUMNS]))


def main(folder: str) -> None:
    data = load_all(folder)
    sem, val = data["semeval_train"], data["semeval_val"]
    dev, test = data["gwsd_dev"], data["gwsd_test"]
    both = pd.concat([sem, dev], ignore_index=True)
    tweets_only = {**NEWS_PARAMS, "domain": None}
    climate = sem[sem.target == CLIMATE]
    start = time.perf_counter()
    rows = [
        ("SemEval val", f"news model (tweets + GWSD dev, n={len(both)})",
         project(NEWS_PARAMS, both, val)),
        ("SemEval val", "project settings, tweets only", project(tweets_only, sem, val)),
        ("SemEval val", "previous StanceClassifier (no cues)", project(PREVIOUS, sem, val)),
        ("SemEval val", "baseline: word+char n-gram SVM per target",
         f_avg(val.stance, baseline_predict(sem, val))),
        ("GWSD held-out", "news model (tweets + GWSD dev)", project(NEWS_PARAMS, both, test)),
        ("GWSD held-out", "project settings, GWSD dev only", project(NEWS_PARAMS, dev, test)),
        ("GWSD held-out", "previous StanceClassifier, GWSD dev only",
         project(PREVIOUS, dev, test)),
        ("GWSD held-out", "baseline: n-gram SVM on GWSD dev",
         f_avg(test.stance, baseline_predict(dev, test))),
        ("transfer", "project settings, fitted on all tweets", project(tweets_only, sem, test)),
        ("transfer", "previous StanceClassifier, all tweets", project(PREVIOUS, sem, test)),
        ("transfer", "baseline: n-gram SVM on the climate tweets",
         f_avg(test.stance, baseline_predict(climate, test))),
    ]
    print(f"held-out sizes: SemEval val {len(val)}, GWSD held-out {len(test)} "
          f"(GWSD dev {len(dev)}, SemEval train {len(sem)})")
    for setting, name, score in rows:
        print(f"  F_avg {setting:<14} {name:<48} {score:.4f}")
    best = {s: max(v for t, n, v in rows if t == s and n.startswith("baseline"))
            for s in dict.fromkeys(r[0] for r in rows)}
    for setting, score in best.items():
        ours = rows[[r[0] for r in rows].index(setting)][2]
        print(f"  ratio project / baseline, {setting:<14} {ours / score:.3f}")
    print(f"  ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/stance.py DATA_DIR  "
                 "(with semeval2016-stance/ and gwsd-train/)")
    main(sys.argv[1])
