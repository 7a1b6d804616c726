"""Size and generation time of ``report.html`` (analysis.figures.report).

Corpus: N synthetic documents (default 1,000) made from the invented demo articles
(``analysis/data/demo/articles.csv``, four outlets): copy i of an article has its people's
surnames varied by a seeded generator (one of 36 variants each), so the run has many
speakers, several hundred quotes for the most quoted and so exercises the page's caps.
``python -m analysis run --group-by outlet`` (processes engine) writes the tables,
figures and report; then the report alone is built again from the tables read back
(median of 3, CPU seconds; reading the tables is timed separately) and its size
printed, with the part that is figures.

Then the caps at scale: synthetic *tables* (no analysis) for R documents (default
100,000) with 5 quotes each from 20,000 speakers, the report built from them in memory:
its size must stay bounded (speakers, quotes per speaker, problem documents are capped).

Usage: python benchmarks/report.py [N] [R]
"""

import csv
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.figures import load_tables
from analysis.figures.report import build_report, figure_files
from analysis.run.folders import MANIFEST
from analysis.run.groups import DEMO_CORPUS

SURNAMES = ["Okafor", "Brandt", "Raman", "Kowalczyk", "Moreno", "Reyes", "Solberg", "Finch",
            "Ashby", "Rahman", "Hart", "Mbeki"]
SUFFIXES = ["", "son", "ova", "er", "ini", "ez", "berg", "field", "ton", "ley",
            *(f"-{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")]


def synthetic_corpus(path: Path, n: int, seed: int = 0) -> None:
    """Write ``n`` documents (CSV: id, outlet, date, title, text) made from the demo's."""
    rng = random.Random(seed)
    rows = list(csv.DictReader(DEMO_CORPUS.open(encoding="utf-8")))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        for i in range(n):
            row = dict(rows[i % len(rows)])
            text = row["text"]
            for name in SURNAMES:
                text = text.replace(name, name + rng.choice(SUFFIXES))
            writer.writerow({**row, "id": f"{row['id']}-{i:05d}", "text": text})


def run_report(n: int) -> None:
    tmp = Path(tempfile.mkdtemp())
    corpus, out = tmp / "corpus.csv", tmp / "results"
    synthetic_corpus(corpus, n)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "run", str(corpus), "--out", str(out),
                    "--group-by", "outlet", "--engine", "processes", "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    print(f"run on {n:,} documents: {time.perf_counter() - t0:.0f} s wall")
    t0 = time.process_time()
    tables = load_tables(out)
    read = time.process_time() - t0
    figures = figure_files(out / "figures")
    source = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["corpus"]
    times = []
    for _ in range(3):
        t0 = time.process_time()
        page = build_report(tables, figures, group_by="outlet", source=source)
        times.append(time.process_time() - t0)
    size = len(page.encode("utf-8"))
    pictures = sum(len(p.read_bytes()) for p in figures) * 4 / 3
    q = tables["quotes"]
    print(f"  tables: {len(tables['documents']):,} documents, {len(q):,} quotes, "
          f"{q['speaker'].nunique():,} speakers, most quoted {q['speaker'].value_counts().max()}")
    print(f"  report: {size / 1e6:.2f} MB ({pictures / 1e6:.2f} MB of it {len(figures)} figures "
          f"as base64), built in {statistics.median(times):.2f} s CPU (median of 3; reading "
          f"the tables {read:.2f} s)")
    written = (out / "report.html").stat().st_size
    print(f"  report.html written by the run: {written / 1e6:.2f} MB, "
          f"{'identical' if (out / 'report.html').read_text(encoding='utf-8') == page else 'DIFFERENT'}"
          f" to the one built again")


def scale(r: int, seed: int = 0) -> None:
    """Caps at scale: tables of ``r`` documents, no analysis."""
    rng = np.random.default_rng(seed)
    ids = np.array([f"doc{i:07d}" for i in range(r)], dtype=object)
    status = np.where(rng.random(r) < 0.01, "malformed", "ok")
    docs = pd.DataFrame({"doc_id": ids, "status": status,
                         "message": np.where(status == "ok", "", "one bad row"),
                         "outlet": rng.choice([f"Outlet {k}" for k in range(30)], r)})
    k = 5
    qdoc = np.repeat(ids, k)
    n = len(qdoc)
    sentence = np.tile(np.arange(k), r)
    text = "“We will keep the line running as long as the river allows,” she said."
    quotes = pd.DataFrame({
        "doc_id": qdoc, "quote": sentence, "start": sentence * 80, "end": sentence * 80 + 62,
        "text": text[:62], "kind": rng.choice(["direct", "partial", "indirect"], n),
        "speaker": rng.choice([f"Person {j}" for j in range(20_000)], n),
        "speaker_start": sentence * 80 + 63, "speaker_end": sentence * 80 + 66,
        "speaker_mention": "she", "cue": "said", "cue_start": sentence * 80 + 67,
        "cue_end": sentence * 80 + 71, "first_sentence": sentence, "last_sentence": sentence,
        "speaker_category": "person", "found_by": "marks", "speaker_by": "ranker",
        "sentiment": rng.uniform(-1, 1, n).round(4), "p_quote": rng.uniform(0.3, 1, n).round(4),
        "p_speaker": rng.uniform(0.3, 1, n).round(4)})
    sentences = pd.DataFrame({"doc_id": qdoc, "sentence": sentence, "start": sentence * 80,
                              "text": text})
    t0 = time.process_time()
    page = build_report({"documents": docs, "quotes": quotes, "sentences": sentences},
                        group_by="outlet")
    print(f"caps at scale: {r:,} documents, {n:,} quotes, 20,000 speakers (tables in memory, "
          f"no figures): report {len(page.encode('utf-8')) / 1e6:.1f} MB in "
          f"{time.process_time() - t0:.1f} s CPU")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    run_report(args[0] if args else 1000)
    scale(args[1] if len(args) > 1 else 100_000)
