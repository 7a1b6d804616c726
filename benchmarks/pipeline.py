"""Whole-pipeline throughput and memory against the hand-written NLTK approach.

Corpus: synthetic news-like documents made from the seed article with names, numbers
and sentence order varied by a seeded random generator (so results are repeatable).
Baseline, in the same run: Punkt sentences + NLTKWordTokenizer tokens + VADER per
sentence — which does less than the pipeline (no quotes, speakers, stance, markers).

Prints docs/s and MB/s of both, the ratio, the processes engine against serial (after
the one-time start of its fork server, which is printed separately), and
the peak memory (max RSS of a child process streaming results to Parquet) at N and
10 N documents.
Usage: python benchmarks/pipeline.py [N]   (default 1000)
"""

import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator

from analysis.corpus import Document
from analysis.paths import SEEDS

NAMES = ["Khamenei", "Rouhani", "Zarif", "Larijani", "Velayati", "Araghchi", "Mousavi"]


def generate(n: int, seed: int = 0) -> Iterator[Document]:
    """Yield ``n`` synthetic documents one at a time (nothing is held in memory)."""
    rng = random.Random(seed)
    base = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8")
    paragraphs = base.split("\n")
    for i in range(n):
        paras = paragraphs[:]
        rng.shuffle(paras[1:])
        text = "\n".join(paras).replace("Khamenei", rng.choice(NAMES)).replace(
            "2018", str(rng.randint(1990, 2025)))
        yield Document(f"doc{i:06d}", text)


def corpus(n: int, seed: int = 0) -> list[Document]:
    """The first ``n`` synthetic documents as a list."""
    return list(generate(n, seed))


def baseline(docs: list[Document]) -> None:
    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktSentenceTokenizer
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    punkt, words, vader = PunktSentenceTokenizer(), NLTKWordTokenizer(), SentimentIntensityAnalyzer()
    for d in docs:
        for s in punkt.tokenize(d.text):
            words.tokenize(s)
            vader.polarity_scores(s)


def timed(fn, docs) -> float:
    t = time.perf_counter()
    fn(docs)
    return time.perf_counter() - t


def peak_memory(n: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        child = (f"import resource, sys\nsys.path.insert(0, {str(SEEDS.parent / 'benchmarks')!r})\n"
                 f"from pipeline import generate\nfrom analysis.pipeline import iter_results, write_tables\n"
                 f"write_tables(iter_results(generate({n})), {tmp!r}, fmt='parquet')\n"
                 f"print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
        out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                             check=True)
        return int(out.stdout.strip().splitlines()[-1]) / 1024


def main(n: int = 1000) -> None:
    """Run the benchmark on ``n`` documents (memory also at ``10 n``)."""
    from analysis.pipeline import analyse

    docs = corpus(n)
    mb = sum(len(d.text.encode()) for d in docs) / 1e6
    analyse(docs[:5], progress=False)  # warm up: lexicons, stance model
    # The first process run starts the fork server (imports the package, fits the
    # stance model) once per Python session; it is timed and shown on its own.
    t_server = timed(lambda ds: analyse(ds, engine="processes", workers=2, progress=False),
                     docs[:5])
    t_base = timed(baseline, docs)
    t_serial = timed(lambda ds: analyse(ds, progress=False), docs)
    t_proc = timed(lambda ds: analyse(ds, engine="processes", workers=2, progress=False), docs)
    for name, t in [("hand-written NLTK+VADER", t_base), ("analysis serial", t_serial),
                    ("analysis processes x2", t_proc)]:
        print(f"{name:>24}: {n / t:8.1f} docs/s {mb / t:6.2f} MB/s")
    print(f"ratio serial / hand-written: {t_base / t_serial:.2f}x")
    print(f"ratio processes / serial:    {t_serial / t_proc:.2f}x "
          f"(one-time fork-server start, not included: {t_server:.2f} s)")
    small, large = peak_memory(n), peak_memory(10 * n)
    print(f"peak memory {n} docs: {small:.0f} MB; {10 * n} docs: {large:.0f} MB "
          f"(growth {100 * (large / small - 1):+.1f}%)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
