"""Whole-pipeline throughput and memory against the hand-written NLTK approach.

Corpus: synthetic news-like documents made from the seed article with names, numbers
and sentence order varied by a seeded random generator (so results are repeatable).
Baseline, in the same run: Punkt sentences + NLTKWordTokenizer tokens + VADER per
sentence — which does less than the pipeline (no quotes, speakers, stance, markers).

Prints docs/s and MB/s of both, the ratio, the processes engine against serial (after
the one-time start of its fork server, which is printed separately), and
the peak memory (max RSS of a child process streaming results to Parquet) at N and
10 N documents.

Then the plumbing alone (loader, engine, writer; the per-document analysis replaced by
a stub that returns one documents row): peak memory of ``run`` on a CSV of R and 10 R
rows (default R = 100,000, so 1M rows), and of the ``sentiment`` command on S and 10 S
short documents — both must stay flat.
Usage: python benchmarks/pipeline.py [N] [R] [S]   (defaults 1000, 100000, 300)
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


_PLUMBING = """
import resource, sys
import analysis.pipeline
from analysis.cli import main

def stub(items, *, target=None, with_tokens=False):
    return [{"documents": [{"doc_id": i.id, "source": "", "status": "ok", "message": "",
                            "n_chars": len(getattr(i, "text", "")), "n_sentences": 0,
                            "n_tokens": 0, "n_quotes": 0, "sentiment_mean": 0.0,
                            "sentiment_sd": 0.0}]} for i in items]

analysis.pipeline.analyse_batch = stub
code = main(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _csv(path: str, rows: int) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("id,text,outlet\n")
        handle.writelines(f"r{i},Row {i} of the corpus: the minister said it was fine.,AP\n"
                          for i in range(rows))


def _child_peak_mb(code: str, args: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         check=True)
    return int(out.stderr.strip().splitlines()[-1]) / 1024


def plumbing_memory(rows: int) -> tuple[float, float]:
    """Peak MB of ``run`` (analysis stubbed) on CSVs of ``rows`` and ``10 rows`` rows."""
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in (rows, 10 * rows):
            _csv(f"{tmp}/c{r}.csv", r)
            peaks.append(_child_peak_mb(_PLUMBING, ["run", f"{tmp}/c{r}.csv", "--out",
                                                    f"{tmp}/out{r}", "--format", "parquet",
                                                    "--quiet", "--no-figures"]))
    return peaks[0], peaks[1]


def sentiment_memory(rows: int) -> tuple[float, float]:
    """Peak MB of the ``sentiment`` command on ``rows`` and ``10 rows`` short documents."""
    code = ("import resource, sys\nfrom analysis.cli import main\nmain(sys.argv[1:])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n")
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in (rows, 10 * rows):
            _csv(f"{tmp}/c{r}.csv", r)
            out = subprocess.run([sys.executable, "-c", code, "sentiment", f"{tmp}/c{r}.csv"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                 check=True)
            peaks.append(int(out.stderr.strip().splitlines()[-1]) / 1024)
    return peaks[0], peaks[1]


def main(n: int = 1000, rows: int = 100_000, short: int = 300) -> None:
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
    small, large = plumbing_memory(rows)
    print(f"plumbing (loader, engine, writer) peak memory, CSV of {rows:,} rows: {small:.0f} "
          f"MB; {10 * rows:,} rows: {large:.0f} MB (growth {100 * (large / small - 1):+.1f}%)")
    small, large = sentiment_memory(short)
    print(f"`sentiment` command peak memory, {short:,} documents: {small:.0f} MB; "
          f"{10 * short:,}: {large:.0f} MB (growth {100 * (large / small - 1):+.1f}%)")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:4]))
