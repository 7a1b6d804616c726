"""Quote extraction on real annotated news (PolNeAR): quality and speed, against a baseline.

Scores the current extractor (``analysis.quotes.extract_quotes``) and, in the same run,
the regex baseline (``analysis.evaluate.regex_baseline``: pairs quotation marks, takes
the nearest capitalised word as speaker) on the validation months of a PolNeAR folder
(2016-07-01 … 2016-09-30; the protocol is in ``analysis.evaluate``), then times both
over the same texts and prints throughput in MB/s (UTF-8 bytes) and their ratio.

Usage: python benchmarks/quotes.py DIR [--part validation|fit|all] [--repeats N]
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from analysis.evaluate import evaluate_polnear, regex_baseline
from analysis.polnear import read_polnear
from analysis.quotes import extract_quotes

EXTRACTORS = {"extractor": extract_quotes, "baseline": regex_baseline}


def _summary(name: str, scores: pd.DataFrame) -> dict[str, object]:
    s = scores.set_index("group")
    q, i, sp = s.loc["quoted"], s.loc["indirect"], s.loc["indirect (speech cues)"]
    return {"": name, "quoted P": q.precision, "R": q.recall, "F1": q.f1,
            "speaker": q.speaker_accuracy, "canonical": q.canonical_agreement,
            "n": int(q.n_gold), "indirect P": i.precision, "R ": i.recall, "F1 ": i.f1,
            "speaker ": i.speaker_accuracy, "canonical ": i.canonical_agreement,
            "n ": int(i.n_gold), "speech-cue P": sp.precision, " R": sp.recall,
            " F1": sp.f1, " n": int(sp.n_gold)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", help="a PolNeAR folder (text/, attributions/, metadata.tsv)")
    parser.add_argument("--part", choices=["validation", "fit", "all"], default="validation")
    parser.add_argument("--repeats", type=int, default=2, help="timing runs; the best counts")
    args = parser.parse_args()

    articles = read_polnear(args.folder, part=args.part)
    texts = [a.text for a in articles]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"PolNeAR {args.part}: {len(articles)} articles, {mb:.2f} MB")

    rows, reports = [], {}
    for name, extractor in EXTRACTORS.items():
        reports[name] = evaluate_polnear(articles, extractor=extractor, part=args.part)
        rows.append(_summary(name, reports[name].scores()))
    with pd.option_context("display.width", 250):
        print(pd.DataFrame(rows).round(3).to_string(index=False))
        for name, report in reports.items():
            print(f"\n{name}:")
            print(report.scores().round(3).to_string(index=False))

    extract_quotes(texts[0])  # warm caches (lexicons, compiled patterns)
    best = {}
    for name, extractor in EXTRACTORS.items():
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            for text in texts:
                extractor(text)
            times.append(time.perf_counter() - start)
        best[name] = min(times)
        print(f"{name:>9}: {mb / best[name]:.3f} MB/s ({mb:.2f} MB in {best[name]:.2f} s)")
    print(f"ratio extractor / baseline speed: {best['baseline'] / best['extractor']:.4f}x")


if __name__ == "__main__":
    main()
