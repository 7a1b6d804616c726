"""Correlation of each sentiment method with human ratings of sentences.

Usage: python benchmarks/sentiment.py RATINGS_FILE
RATINGS_FILE: tab-separated id, mean human rating, text -- the format of Hutto & Gilbert's
nytEditorialSnippets_GroundTruth.txt, found in the vaderSentiment source distribution under
additional_resources/hutto_ICWSM_2014.tar.gz.  No method was fitted or tuned on the NYT set;
the hybrid model was fitted on the other three sets (see analysis.sentiment_model).
Also prints sentences per second of each method.
"""

import sys
import time

from analysis.evaluate import load_ratings_file, sentiment_correlation
from analysis.sentiment import METHODS, polarity


def main(path: str) -> None:
    """Print Pearson / Spearman r and speed of every method on the ratings in ``path``."""
    data = load_ratings_file(path)
    table = sentiment_correlation(data.text.tolist(), data.rating.tolist())
    speed = {}
    for method in METHODS:
        start = time.perf_counter()
        polarity(data.text.tolist()[:1000], method=method)
        speed[method] = 1000 / (time.perf_counter() - start)
    table["sentences_per_s"] = table.method.map(speed).round(0)
    print(table.round(3).to_string(index=False))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/sentiment.py RATINGS_FILE")
    main(sys.argv[1])
