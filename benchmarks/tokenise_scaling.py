"""Sentence splitting + tokenisation stay linear in the text length on hostile input.

Each input is built at n and 2n characters; a linear splitter takes about twice as long on
the second (ratio ~2; a quadratic one ~4).  Also prints the longest sentence, which never
exceeds ``analysis.text.MAX_SENTENCE_CHARS``.

Usage: python benchmarks/tokenise_scaling.py [N]     (default N = 100000 characters)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from analysis.text import MAX_SENTENCE_CHARS, tokenise


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda n: (unit * (n // len(unit) + 1))[:n]


#: name -> a function giving a text of exactly n characters.
CASES: dict[str, Callable[[int], str]] = {
    "periods": _repeat("."),
    "spaced periods": _repeat(". "),
    "initials": _repeat("A. "),
    "abbreviations": _repeat("Dr. Mr. etc. U.S. No. 5 "),
    "'a\\n' lines": _repeat("a\n"),
    "one line of quotes": _repeat("‘He said “yes,” didn’t he?’ the Joneses’ dog asked 's ' "),
    "straight quotes only": _repeat('"'),
    "no punctuation": _repeat("word and other words "),
    "one long word": _repeat("a"),
    "digits": _repeat("1"),
    "footnote markers": _repeat("He said. [1] "),
    "lower-case sentences": _repeat("x. y "),
    "exclamations": _repeat("!"),
    "address characters": _repeat("a+b."),
    "url prefix": lambda n: "www." + "." * (n - 4),
}


def _seconds(text: str) -> float:
    """CPU seconds of one ``tokenise(text)``: best of 3 batches of at least 0.2 s each.

    Process CPU time, not wall time: the machine is shared, and the question is how the
    work grows, not how busy the neighbours are.
    """
    t = time.process_time()
    tokenise(text)
    runs = max(1, int(0.2 / max(time.process_time() - t, 1e-6)))
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        for _ in range(runs):
            tokenise(text)
        best = min(best, (time.process_time() - t) / runs)
    return best


def main(n: int = 100_000) -> None:
    tokenise("Warm up. Mr. Smith came.")
    print(f"sentences + tokens at n = {n:,} and 2n characters (CPU seconds, best of 3)")
    print(f"{'input':<22} {'n (s)':>8} {'2n (s)':>8} {'ratio':>6} {'longest':>8}")
    worst = 0.0
    for name, make in CASES.items():
        small, large = make(n), make(2 * n)
        t1, t2 = _seconds(small), _seconds(large)
        sents, _ = tokenise(large)
        longest = max((s.end - s.start for s in sents), default=0)
        ratio = t2 / t1 if t1 > 0 else float("nan")
        worst = max(worst, ratio)
        print(f"{name:<22} {t1:8.3f} {t2:8.3f} {ratio:6.2f} {longest:8,}")
    print(f"worst ratio {worst:.2f} (linear: ~2); longest sentence limit {MAX_SENTENCE_CHARS:,}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
