"""Scoring extractors against PolNeAR-style gold, its tables and the evaluate command."""

import math
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus.polnear import read_polnear
from analysis.evaluate import (
    PolnearReport,
    annotator_agreement,
    evaluate_polnear,
    gold_units,
    regex_baseline,
    score_article,
)
from analysis.paths import REPO

SAMPLE = REPO / "tests" / "data" / "polnear_sample"
REAL = Path(os.environ.get("ANALYSIS_DATA", "/nonexistent")) / "polnear-train"
ARTICLES = read_polnear(SAMPLE)
BY_TEXT = {a.text: a for a in ARTICLES}


def oracle(text):
    """Predictions copied from the gold of the sample: a perfect extractor."""
    out = []
    for u in gold_units(BY_TEXT[text]):
        s0, s1 = (u.source[0][0], u.source[-1][1]) if u.source else (None, None)
        name = {"quint": "Ada Quint", "lindqvist": "Omar Lindqvist"}.get(u.source_key,
                                                                          u.source_text)
        out.append({"start": u.start, "end": u.end, "kind": u.kind, "speaker": name,
                    "speaker_start": s0, "speaker_end": s1, "rule": f"r-{u.kind}"})
    return out


def test_a_perfect_extractor_scores_one_everywhere():
    report = evaluate_polnear(ARTICLES, extractor=oracle, part="all")
    scores = report.scores().set_index("group")
    assert report.n_documents == 4
    for column in ("precision", "recall", "f1", "speaker_accuracy", "canonical_agreement"):
        assert scores.loc["quoted", column] == 1.0
        assert scores.loc["indirect", column] == 1.0
    assert scores.loc["quoted", "n_speaker"] == scores.loc["quoted", "n_gold"] == 7
    assert scores.loc["indirect", "n_speaker"] == 4  # the sourceless content is left out
    assert report.errors().empty


def test_outcomes_missed_spurious_boundary_and_wrong_speaker():
    article = next(a for a in ARTICLES if a.id.endswith("ferry-strike"))
    text = article.text
    quote = text.index("“The rota")
    company = text.index("crossings")
    rows = score_article(article, [
        {"start": quote, "end": text.index("”", quote) + 1, "kind": "direct",
         "speaker": "Ferry", "speaker_start": 0, "speaker_end": 5},          # wrong mention
        {"start": company, "end": company + 9, "kind": "indirect"},          # too short: boundary
        {"start": 0, "end": 5, "kind": "partial"},                           # spurious
    ])
    got = [(r["group"], r["outcome"], r["speaker_ok"]) for r in rows]
    assert got == [("quoted", "spurious", None), ("quoted", "match", False),
                   ("quoted", "missed", None), ("indirect", "boundary", None)]
    report = PolnearReport(pd.DataFrame(rows), 1, "validation")
    assert set(report.errors().error) == {"spurious", "wrong speaker", "missed", "boundary"}
    rows[1]["pred_mention"] = None
    assert "no speaker" in set(PolnearReport(pd.DataFrame(rows), 1, "").errors().error)


def test_predictions_in_discarded_stretches_are_ignored():
    article = next(a for a in ARTICLES if a.id.endswith("school-budget"))
    note = article.text.index("“three trustees.”")
    rows = score_article(article, [{"start": note, "end": note + 17, "kind": "direct"}])
    assert all(r["outcome"] == "missed" for r in rows)


def test_quote_records_with_rule_attribute_and_by_tables():
    @dataclass(frozen=True)
    class Q:
        start: int
        end: int
        kind: str
        speaker: str | None = None
        speaker_start: int | None = None
        speaker_end: int | None = None
        rule: str = "marks"

    def extractor(text):
        return [Q(d["start"], d["end"], d["kind"], d["speaker"], d["speaker_start"],
                  d["speaker_end"]) for d in regex_baseline(text)]

    report = evaluate_polnear(SAMPLE, extractor=extractor, part="all")
    by_rule = report.by("rule")
    assert by_rule.rule.tolist() == ["marks"] and "recall" not in by_rule
    by_kind = report.by("kind").set_index(["group", "kind"])
    assert by_kind.loc[("quoted", "partial"), "recall"] == 1.0  # found, though called direct
    assert math.isnan(by_kind.loc[("quoted", "partial"), "precision"])
    assert set(report.by("publisher").publisher) == {"daily-planet", "river-herald"}
    assert set(report.by("cue_class").cue_class) == {"belief", "speech"}
    with pytest.raises(ValueError, match="choose one of"):
        report.by("colour")


def test_speech_cue_subset_leaves_out_matches_of_other_cues():
    report = evaluate_polnear(SAMPLE, extractor=oracle, part="validation")
    scores = report.scores().set_index("group")
    assert scores.loc["indirect", "n_pred"] == 3
    assert scores.loc["indirect (speech cues)", "n_pred"] == 2  # the belief match is left out
    assert scores.loc["indirect (speech cues)", "precision"] == 1.0


def test_errors_listing_and_counts():
    report = evaluate_polnear(SAMPLE, extractor=regex_baseline, part="all")
    errors = report.errors()
    assert list(errors.columns[:4]) == ["doc", "error", "group", "kind"]
    assert len(report.errors(2)) == 2 and report.errors(0).empty
    counts = report.error_counts()
    assert counts.n.sum() == len(errors)
    assert counts.iloc[0].n == counts.n.max()


def test_extractor_failure_and_bad_predictions():
    def broken(text):
        raise RuntimeError("boom")

    report = evaluate_polnear(SAMPLE, extractor=broken)
    assert report.n_documents == 2 and "RuntimeError: boom" in report.failures[0][1]
    assert report.scores().set_index("group").loc["quoted", "recall"] == 0.0
    with pytest.raises(ValueError, match="kind 'quote'"):
        evaluate_polnear(SAMPLE, extractor=lambda t: [{"start": 0, "end": 3, "kind": "quote"}])
    with pytest.raises(ValueError, match="integer start <= end"):
        evaluate_polnear(SAMPLE, extractor=lambda t: [{"start": 5, "end": 3, "kind": "direct"}])


def test_the_project_extractor_runs_on_the_sample():
    report = evaluate_polnear(SAMPLE, part="all")
    assert report.n_documents == 4 and not report.failures
    assert len(report.scores()) == 3


def test_annotator_agreement():
    report = annotator_agreement(SAMPLE)
    scores = report.scores().set_index("group")
    assert report.n_documents == 1
    assert scores.loc["quoted", "f1"] == 1.0
    assert scores.loc["indirect", "recall"] == 0.0  # the second annotator left it out


def test_cli_polnear(capsys):
    code = main(["evaluate", "--polnear", str(SAMPLE), "--part", "all", "--by", "kind",
                 "--by", "rule", "--errors", "3", "--agreement"])
    out = capsys.readouterr().out
    assert code == 0
    for expected in ("PolNeAR all: 4 articles", "by kind:", "by rule:", "errors by type:",
                     "errors by type:", "annotator agreement: 1 annotator pairs",
                     "indirect (speech cues)"):
        assert expected in out
    assert main(["evaluate", "--polnear", str(SAMPLE), "--baseline"]) == 0
    assert "extractor: regex baseline" in capsys.readouterr().out


def test_cli_polnear_bad_folder(capsys, tmp_path):
    assert main(["evaluate", "--polnear", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "expected a PolNeAR folder" in err and "Traceback" not in err


def test_cli_without_polnear_keeps_the_seed_evaluation(capsys):
    assert main(["evaluate", "--errors"]) == 0
    assert "speaker_accuracy" in capsys.readouterr().out


@pytest.mark.skipif(not REAL.is_dir(), reason="set ANALYSIS_DATA to the shared data folder")
def test_real_validation_gold_units():
    articles = read_polnear(REAL, part="validation")[:20]
    units = [u for a in articles for u in gold_units(a)]
    assert {u.group for u in units} == {"quoted", "indirect"}
    for article in articles:
        for u in gold_units(article):
            assert article.text[u.start:u.end] == u.text or u.group == "indirect"
    report = evaluate_polnear(articles, extractor=regex_baseline)
    assert report.n_documents == 20 and not report.failures
