"""Memory and time of one long document: MB of peak memory per MB of its text.

A long report, transcript or book-length file is one document: every stage reads it
whole, so what one document costs decides the largest a run can take (``--max-doc-mb``).
Each size runs in a fresh child process that first analyses a short document (so the
lexicons and models are loaded and counted in the baseline), then the long one; the
growth of the peak resident memory (max RSS) over that baseline, divided by the
document's size, is the memory per MB of text.  The slope between two sizes removes
what does not grow with the document.

The long document is made of news articles one after another, a blank line between
them (real articles with ``--articles DIR``, e.g. PolNeAR's ``text/``; else the seed
article with its paragraphs shuffled by a seeded generator), repeated to the size.

Then the whole ``run`` command (tables, figures, report) in a fresh child process on a
folder holding the long document alone, against the same command on one short article:
the peak memory of the main job per MB of one document.

Usage: python benchmarks/long_document.py [MB ...] [--articles DIR]   (default 1 4)
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

_CHILD = r"""
import json, random, resource, sys, time
from pathlib import Path

from analysis.corpus import Document
from analysis.paths import SEEDS
from analysis.run.stages import analyse_batch

mb, folder = float(sys.argv[1]), sys.argv[2]
if folder:
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).rglob("*.txt"))]
else:
    base = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8").split("\n")
    rng = random.Random(0)
    texts = []
    for _ in range(50):
        paras = base[:]
        rng.shuffle(paras)
        texts.append("\n".join(paras))
analyse_batch([Document("warm", texts[0])])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
parts, size, k = [], 0, 0
while size < mb * 1e6:
    parts.append(texts[k % len(texts)])
    size += len(parts[-1].encode()) + 2
    k += 1
text = "\n\n".join(parts)
t = time.process_time()
rows = analyse_batch([Document("long", text)])
seconds = time.process_time() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
doc = rows[0]["documents"][0]
print(json.dumps({"mb": len(text.encode()) / 1e6, "before": before, "after": after,
                  "seconds": seconds, "status": doc["status"],
                  "quotes": len(rows[0].get("quotes", []))}))
"""


_RUN = r"""
import resource, sys
from analysis.cli import main
code = main(sys.argv[1:])
print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

_WRITE = _CHILD.split("analyse_batch([Document(\"warm\"")[0] + r"""
parts, size, k = [], 0, 0
while size < mb * 1e6:
    parts.append(texts[k % len(texts)])
    size += len(parts[-1].encode()) + 2
    k += 1
out = Path(sys.argv[3])
out.mkdir()
(out / "long.txt").write_text("\n\n".join(parts), encoding="utf-8")
"""


def run_peak(mb: float, folder: str | None) -> float:
    """Peak MB of ``python -m analysis run`` on a folder with one document of ``mb`` MB."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        corpus = f"{tmp}/corpus"
        subprocess.run([sys.executable, "-c", _WRITE, str(mb), folder or "", corpus],
                       check=True, capture_output=True, text=True)
        out = subprocess.run([sys.executable, "-c", _RUN, "run", corpus, "--out",
                              f"{tmp}/out", "--quiet", "--max-doc-mb", "100"],
                             check=True, capture_output=True, text=True)
        code, peak = out.stdout.strip().splitlines()[-1].split()
        if code != "0":
            raise RuntimeError(f"run failed ({code}): {out.stderr[-2000:]}")
        return int(peak) / 1024


def measure(mb: float, folder: str | None) -> dict[str, float]:
    """Peak memory before and after one document of about ``mb`` MB, in a fresh child."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(mb), folder or ""],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(sizes: list[float], folder: str | None) -> None:
    results = [measure(mb, folder) for mb in sizes]
    print(f"one long document ({'articles of ' + folder if folder else 'seed article repeated'})")
    for r in results:
        grown = r["after"] - r["before"]
        print(f"  {r['mb']:6.2f} MB: {r['status']}, {r['quotes']:,} quotes, "
              f"{r['seconds']:7.1f} s CPU ({r['mb'] / r['seconds']:.2f} MB/s); peak memory "
              f"{r['before']:.0f} -> {r['after']:.0f} MB: +{grown:.0f} MB, "
              f"{grown / r['mb']:.0f} MB per MB of text")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        slope = ((b["after"] - b["before"]) - (a["after"] - a["before"])) / (b["mb"] - a["mb"])
        print(f"  slope between {a['mb']:.2f} and {b['mb']:.2f} MB: {slope:.0f} MB of memory "
              f"per MB of text")
    print("the whole run command (tables, figures, report.html) on that document alone:")
    short = run_peak(0.005, folder)
    print(f"  one short article ({0.005 * 1000:.0f} kB): peak {short:.0f} MB")
    for mb in sizes:
        peak = run_peak(mb, folder)
        print(f"  {mb:6.2f} MB: peak {peak:.0f} MB: +{peak - short:.0f} MB, "
              f"{(peak - short) / mb:.0f} MB per MB of text")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Memory per MB of one long document.")
    parser.add_argument("sizes", nargs="*", type=float, default=[1.0, 4.0])
    parser.add_argument("--articles", default=None, help="a folder of real .txt articles")
    args = parser.parse_args()
    main(args.sizes, args.articles)
