"""Throughput of sentences + tokens against NLTK's Punkt + NLTKWordTokenizer, same text, same run.

Text: the seed article repeated (default 200 times). Prints MB/s for both and the ratio.
Usage: python benchmarks/tokenise.py [REPEATS]
"""

import sys
import time

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktSentenceTokenizer

from analysis.paths import SEEDS
from analysis.text import tokenise


def main(repeats: int = 200) -> None:
    seed = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8")
    text = "\n".join([seed] * repeats)
    mb = len(text.encode()) / 1e6
    punkt, words = PunktSentenceTokenizer(), NLTKWordTokenizer()
    tokenise(text[:1000])  # warm caches
    best = {}
    for name, fn in [("nltk", lambda: [list(words.span_tokenize(text[s:e]))
                                       for s, e in punkt.span_tokenize(text)]),
                     ("analysis", lambda: tokenise(text))]:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        best[name] = min(times)
        print(f"{name:>9}: {mb / best[name]:.2f} MB/s ({mb:.2f} MB in {best[name]:.3f} s)")
    print(f"ratio analysis / nltk: {best['nltk'] / best['analysis']:.2f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
