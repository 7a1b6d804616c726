"""Quote extraction on real annotated news (PolNeAR): quality and speed, against a baseline.

Scores the engine (``analysis.quotes.extract_quotes``: rules, learned tagger, ranker
and quotation classifier), the rules alone (``analysis_quotes_by_rules``) and, in the
same run, the regex baseline (``analysis.evaluate.regex_baseline``: pairs quotation
marks, takes the nearest capitalised word as speaker) on the validation months of a
PolNeAR folder (2016-07-01 … 2016-09-30; the protocol is in ``analysis.evaluate``),
then times them over the same texts and prints throughput in MB/s (UTF-8 bytes, CPU
time) and their ratio.  The engine is timed one document at a time and in batches of
16 documents (``analysis.quotes.engine.analyse_documents``, as the pipeline runs it).

``--save FILE`` writes the engine's figures (numbers only, no text) as JSON, the file
notebook 02 shows when no PolNeAR folder is at hand.

With ``--gold DIR`` (a speech gold set: ``texts/`` + ``gold/``, such as the BBC
development set) the engine's speech scheme is scored there too, and saved beside the
PolNeAR figures; the reliability tables of ``p_quote`` and ``p_speaker`` are saved for
both sets.

Usage: python benchmarks/quotes.py DIR [--gold DIR] [--part validation|fit|all]
       [--repeats N] [--save FILE]
"""

from __future__ import annotations

import argparse
import json
import time

import pandas as pd

from analysis.corpus.polnear import read_polnear
from analysis.evaluate import (
    evaluate_polnear,
    evaluate_speech,
    expected_calibration_error,
    regex_baseline,
    reliability,
)
from analysis.quotes import extract_quotes
from analysis.quotes.engine import analyse_documents
from analysis.quotes.extract import analyse_quotes_by_rules
from analysis.text import build


def _rules(text):
    return analyse_quotes_by_rules(text)[0]


def _batched(texts, size=16):
    for k in range(0, len(texts), size):
        analyse_documents([build(t) for t in texts[k:k + size]])


def _engine(text):
    return extract_quotes(text, attributions="all")  # PolNeAR's scheme


EXTRACTORS = {"engine": _engine, "rules": _rules, "baseline": regex_baseline}


def _calibration(report) -> dict[str, object]:
    out: dict[str, object] = {}
    for what in ("quote", "speaker"):
        table = reliability(report.outcomes, what)
        out[f"reliability_{what}"] = table.to_dict("records")
        out[f"ece_{what}"] = round(expected_calibration_error(table), 4)
    return out


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
    parser.add_argument("--save", default=None, help="write the engine's figures as JSON")
    parser.add_argument("--gold", default=None,
                        help="also score the speech scheme on this speech gold set")
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

    speech = None
    if args.gold:
        speech = evaluate_speech(args.gold)
        print(f"\nspeech gold set {args.gold} ({speech.n_documents} documents), speech scheme:")
        print(speech.scores().round(3).to_string(index=False))
    for name, report in (("PolNeAR", reports["engine"]), ("speech set", speech)):
        if report is not None:
            print(f"\ncalibration on {name}: ECE p_quote "
                  f"{expected_calibration_error(reliability(report.outcomes, 'quote')):.3f}, "
                  f"p_speaker "
                  f"{expected_calibration_error(reliability(report.outcomes, 'speaker')):.3f}")
    if args.save:
        report = reports["engine"]
        saved = {"protocol": f"PolNeAR v1.0.0 training compartment, {args.part} part "
                             "(analysis.evaluate)", "articles": len(articles),
                 "scores": report.scores().round(4).to_dict("records"),
                 "by_rule": report.by("rule").round(4).to_dict("records"),
                 "by_kind": report.by("kind").round(4).to_dict("records"),
                 "by_cue_class": report.by("cue_class").round(4).to_dict("records"),
                 "error_counts": report.error_counts().to_dict("records"),
                 "baseline": reports["baseline"].scores().round(4).to_dict("records"),
                 "rules": reports["rules"].scores().round(4).to_dict("records"),
                 **_calibration(report)}
        if speech is not None:
            saved["speech"] = {
                "protocol": "a speech gold set (analysis.evaluate.speech): the BBC News "
                            "development set, 24 articles of 2004-05, never fitted on",
                "articles": speech.n_documents,
                "scores": speech.scores().round(4).to_dict("records"),
                "by_kind": speech.by("kind").round(4).to_dict("records"),
                "error_counts": speech.error_counts().to_dict("records"),
                **_calibration(speech)}
        with open(args.save, "w", encoding="utf-8") as handle:
            json.dump(saved, handle, indent=1)
            handle.write("\n")
        print(f"figures written to {args.save}")

    extract_quotes(texts[0])  # warm caches (lexicons, compiled patterns, models)
    timed = dict(EXTRACTORS)
    timed["engine, batches of 16"] = None
    best = {}
    for name, extractor in timed.items():
        times = []
        for _ in range(args.repeats):
            start = time.process_time()
            if extractor is None:
                _batched(texts)
            else:
                for text in texts:
                    extractor(text)
            times.append(time.process_time() - start)
        best[name] = min(times)
        print(f"{name:>22}: {mb / best[name]:.3f} MB/s ({mb:.2f} MB in {best[name]:.2f} s CPU)")
    for name in timed:
        if name != "baseline":
            print(f"ratio {name} / baseline speed: {best['baseline'] / best[name]:.4f}x")

if __name__ == "__main__":
    main()
