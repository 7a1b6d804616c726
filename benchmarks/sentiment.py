"""Pearson r of each sentiment method with human ratings of sentences.

Usage: python benchmarks/sentiment.py RATINGS_FILE
RATINGS_FILE: tab-separated id, mean human rating, text (the format of Hutto & Gilbert's
nytEditorialSnippets_GroundTruth.txt, found in the vaderSentiment source distribution under
additional_resources/). Nothing is fitted to the ratings.
"""

import sys

import numpy as np

from analysis.sentiment import METHODS, polarity


def main(path: str) -> None:
    with open(path, encoding="utf-8", errors="replace") as handle:
        rows = [line.rstrip("\n").split("\t", 2) for line in handle if line.count("\t") >= 2]
    y = np.array([float(r[1]) for r in rows])
    texts = [r[2] for r in rows]
    for method in METHODS:
        r = np.corrcoef(polarity(texts, method=method), y)[0, 1]
        print(f"{method:>9}: r = {r:.3f} (n = {len(y)})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/sentiment.py RATINGS_FILE")
    main(sys.argv[1])
