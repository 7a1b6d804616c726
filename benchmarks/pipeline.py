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
With ``--articles DIR`` (a folder of real articles as ``.txt`` files, read recursively;
e.g. the ``text/`` folder of PolNeAR) the speed part runs on those instead, and the
time per stage of the pipeline (``analysis.run.stages.STAGES``, CPU seconds) is printed
as shares of the total; ``--only-speed`` skips the memory parts.

The whole main job (issue #20) is also timed, in the same process as the baseline:
CPU seconds of ``analysis.cli.main(["run", FOLDER, "--out", TMP, "--quiet",
"--engine", "serial", "--profile"])`` -- reading, every stage, the tables, the figures
and report.html -- on the same documents (the ``--articles`` folder, or the synthetic
documents written to a temporary folder as ``.txt`` files first), after a whole run on
5 of them (imports, fonts: printed separately as a one-time cost). Its docs/s, MB/s,
the ratio hand-written / whole run and the shares per stage that ``run --profile``
prints are shown.

Usage: python benchmarks/pipeline.py [N] [R] [S] [--articles DIR] [--only-speed]
       (defaults 1000, 100000, 300)
"""

import contextlib
import io
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

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


def timed(fn, docs, clock=time.process_time) -> float:
    """Seconds ``fn(docs)`` takes: CPU time of this process by default (robust to other
    load on the machine); wall time for the process pool, whose work is elsewhere."""
    t = clock()
    fn(docs)
    return clock() - t


def peak_memory(n: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        child = (f"import resource, sys\nsys.path.insert(0, {str(SEEDS.parent / 'benchmarks')!r})\n"
                 f"from pipeline import generate\nfrom analysis.run.engines import iter_results\nfrom analysis.run.output import write_tables\n"
                 f"write_tables(iter_results(generate({n})), {tmp!r}, fmt='parquet')\n"
                 f"print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
        out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                             check=True)
        return int(out.stdout.strip().splitlines()[-1]) / 1024


_PLUMBING = """
import resource, sys
import analysis.run.stages
from analysis.cli import main

def stub(items, *, target=None, with_tokens=False):
    return [{"documents": [{"doc_id": i.id, "source": "", "status": "ok", "message": "",
                            "n_chars": len(getattr(i, "text", "")), "n_sentences": 0,
                            "n_tokens": 0, "n_quotes": 0, "sentiment_mean": 0.0,
                            "sentiment_sd": 0.0}]} for i in items]

analysis.run.stages.analyse_batch = stub
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


def articles(folder: str) -> list[Document]:
    """Every ``.txt`` file under ``folder`` (sorted), as documents."""
    return [Document(p.stem, p.read_text(encoding="utf-8"))
            for p in sorted(Path(folder).rglob("*.txt"))]


def stage_profile(docs: list[Document]) -> dict[str, float]:
    """CPU seconds per pipeline stage over ``docs`` (serial, batches of 16)."""
    from analysis.run.stages import STAGES, analyse_batch

    totals = dict.fromkeys(STAGES, 0.0)
    for k in range(0, len(docs), 16):
        rows = analyse_batch(docs[k:k + 16])
        for stage, seconds in rows[0].get("_timings", {}).items():
            totals[stage] += seconds
    return totals


def write_folder(docs: list[Document], folder: str) -> None:
    """``docs`` as ``<id>.txt`` files in ``folder`` (for the whole ``run`` command)."""
    for d in docs:
        Path(folder, f"{d.id}.txt").write_text(d.text, encoding="utf-8")


def whole_run(folder: str, out: str) -> tuple[float, float, int, str]:
    """CPU seconds of this process and of its children (there should be none with the
    serial engine), exit status and printed output of ``python -m analysis run FOLDER
    --out OUT --quiet --engine serial --profile`` called in this process."""
    from analysis.cli import main as cli

    printed = io.StringIO()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.process_time()
    with contextlib.redirect_stdout(printed):
        code = cli(["run", folder, "--out", out, "--quiet", "--engine", "serial", "--profile"])
    t = time.process_time() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    t_children = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    return t, t_children, code, printed.getvalue()


def profile_lines(printed: str) -> list[str]:
    """The ``profile`` block of what ``run --profile`` printed."""
    lines = printed.splitlines()
    start = next((k for k, line in enumerate(lines) if line.strip().startswith("profile")),
                 None)
    if start is None:
        return []
    block = [lines[start]]
    for line in lines[start + 1:]:
        if not line.startswith("    "):
            break
        block.append(line)
    return block


def main(n: int = 1000, rows: int = 100_000, short: int = 300, folder: str | None = None,
         only_speed: bool = False) -> None:
    """Run the benchmark on ``n`` documents (memory also at ``10 n``), or on the real
    articles of ``folder``."""
    from analysis.run.pipeline import analyse

    docs = articles(folder) if folder else corpus(n)
    n = len(docs)
    if folder:
        print(f"{n} real articles from {folder}, "
              f"{sum(len(d.text.encode()) for d in docs) / 1e6:.2f} MB")
    mb = sum(len(d.text.encode()) for d in docs) / 1e6
    analyse(docs[:5], progress=False)  # warm up: lexicons, stance model
    # The first process run starts the fork server (imports the package, fits the
    # stance model) once per Python session; it is timed and shown on its own.
    t_server = timed(lambda ds: analyse(ds, engine="processes", workers=2, progress=False),
                     docs[:5], time.perf_counter)
    t_base = timed(baseline, docs)
    t_serial = timed(lambda ds: analyse(ds, progress=False), docs)
    t_serial_wall = timed(lambda ds: analyse(ds, progress=False), docs, time.perf_counter)
    t_proc = timed(lambda ds: analyse(ds, engine="processes", workers=2, progress=False), docs,
                   time.perf_counter)
    for name, t in [("hand-written NLTK+VADER", t_base), ("analysis serial", t_serial),
                    ("analysis processes x2", t_proc)]:
        print(f"{name:>24}: {n / t:8.1f} docs/s {mb / t:6.2f} MB/s")
    print(f"ratio serial / hand-written: {t_base / t_serial:.2f}x")
    print(f"ratio processes / serial (wall time): {t_serial_wall / t_proc:.2f}x "
          f"(one-time fork-server start, not included: {t_server:.2f} s)")
    with tempfile.TemporaryDirectory() as tmp:
        source = folder
        if source is None:
            source = f"{tmp}/corpus"
            Path(source).mkdir()
            write_folder(docs, source)
        Path(f"{tmp}/warm").mkdir()
        write_folder(docs[:5], f"{tmp}/warm")
        t_warm, _, _, _ = whole_run(f"{tmp}/warm", f"{tmp}/warm_out")
        t_whole, t_children, code, printed = whole_run(source, f"{tmp}/out")
        written = sum(f.stat().st_size for f in Path(f"{tmp}/out").rglob("*") if f.is_file())
    if code != 0:
        print(printed)
        raise SystemExit(f"the whole run failed (exit status {code})")
    print(f"{'whole `run` (serial)':>24}: {n / t_whole:8.1f} docs/s {mb / t_whole:6.2f} MB/s "
          f"({t_whole:.2f} CPU s; read, stages, tables, figures, report.html; "
          f"{written / 1e6:.1f} MB written)")
    print(f"ratio hand-written / whole run (CPU seconds; >= 1: the whole run costs no more): "
          f"{t_base / t_whole:.2f}x (hand-written {t_base:.2f} s, whole run {t_whole:.2f} s, "
          f"stages alone {t_serial:.2f} s)")
    print(f"  one-time cost of the first whole run (5 documents, imports): {t_warm:.2f} CPU s, "
          f"not included; CPU of child processes during the run: {t_children:.2f} s")
    print(f"  the run printed: {printed.splitlines()[0] if printed else '(nothing)'}")
    block = profile_lines(printed)
    if block:
        print("whole `run --profile` (serial):")
        for line in block:
            print(line)
    if folder:
        totals = stage_profile(docs)
        total = sum(totals.values()) or 1.0
        print("CPU seconds per stage (serial):")
        for stage, seconds in totals.items():
            print(f"  {stage:<11} {seconds:7.2f} s {100 * seconds / total:5.1f} %")
    if only_speed:
        return
    if folder:
        n = 1000
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
    import argparse

    parser = argparse.ArgumentParser(description="Whole-pipeline speed and memory.")
    parser.add_argument("numbers", nargs="*", type=int, help="N R S")
    parser.add_argument("--articles", default=None, help="a folder of real .txt articles")
    parser.add_argument("--only-speed", action="store_true", help="skip the memory parts")
    args = parser.parse_args()
    main(*args.numbers[:3], folder=args.articles, only_speed=args.only_speed)
