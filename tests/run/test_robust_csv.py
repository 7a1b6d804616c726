"""No CSV cell a spreadsheet would run (issue #22, item 14).

Metadata such as ``=HYPERLINK(...)``, ``+SUM(...)``, ``@cmd`` and article text that
starts with such characters reach the CSV tables with a quote in front; plain numbers
are left alone; Parquet keeps the values exactly; reading back never takes the quote
off unless asked, and then exactly.
"""

import csv

import pandas as pd
import pytest

from analysis.cli import main
from analysis.run.output import read_table, write_tables
from analysis.run.tables import FORMULA_STARTS, neutralise, restore

HOSTILE = ["=HYPERLINK(\"http://evil\",\"x\")", "+SUM(A1:A9)", "-2+3", "@cmd", "\tTab",
           "\rReturn", "-5 degrees", "'=already quoted", "''@twice", "'plain quote"]
HARMLESS = ["-0.5", "+3", "-1e5", "AP", "", "O'Brien", "a = b", "'", "''"]


def _runs_in_a_spreadsheet(cell: str) -> bool:
    try:
        float(cell)
        return False
    except ValueError:
        return bool(cell) and cell[0] in FORMULA_STARTS


@pytest.mark.parametrize("value", HOSTILE + HARMLESS)
def test_neutralise_is_safe_and_restore_is_exact(value):
    cell = neutralise(value)
    assert not _runs_in_a_spreadsheet(cell)
    assert restore(cell) == value
    if value in HARMLESS:
        assert cell == value


def _rows():
    return [{"documents": [{"doc_id": f"=d{i}", "status": "ok", "outlet": v,
                            "score": -0.5, "=weird column": v}],
             "sentences": [{"doc_id": f"=d{i}", "sentence": 0, "start": 0, "end": len(v),
                            "text": v, "n_tokens": 1, "sentiment": -0.25}]}
            for i, v in enumerate(HOSTILE + HARMLESS)]


def _cells(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return [c for row in csv.reader(handle) for c in row]


def test_csv_tables_hold_no_formula_and_parquet_keeps_values(tmp_path):
    csv_paths = write_tables(_rows(), tmp_path / "csv")
    parquet_paths = write_tables(_rows(), tmp_path / "parquet", fmt="parquet")
    for path in csv_paths.values():
        bad = [c for c in _cells(path) if _runs_in_a_spreadsheet(c)]
        assert not bad, (path.name, bad)
    exact = pd.read_parquet(parquet_paths["documents"])
    assert exact["outlet"].fillna("").tolist() == [v for v in HOSTILE + HARMLESS]
    assert "=weird column" in exact.columns
    as_written = read_table(csv_paths["documents"], "documents")
    assert as_written.loc[0, "outlet"] == "'" + HOSTILE[0]  # not taken off silently
    assert "'=weird column" in as_written.columns
    assert as_written["score"].tolist() == ["-0.5"] * len(exact)  # metadata: read as text
    sentences = read_table(csv_paths["sentences"], "sentences")
    assert sentences["sentiment"].tolist() == [-0.25] * len(exact)  # numbers untouched
    restored = read_table(csv_paths["documents"], "documents", restore_formulas=True)
    assert restored["outlet"].fillna("").tolist() == exact["outlet"].fillna("").tolist()
    assert restored["doc_id"].tolist() == exact["doc_id"].tolist()
    assert "=weird column" in restored.columns
    sentences = read_table(csv_paths["sentences"], "sentences", restore_formulas=True)
    assert sentences["text"].fillna("").tolist() == HOSTILE + HARMLESS


@pytest.mark.slow
def test_run_neutralises_metadata_and_article_text(tmp_path, capsys):
    corpus = tmp_path / "corpus.csv"
    text = ("@SUM(1+1) was the headline. =HYPERLINK(\"http://evil\") is a link. "
            "“-5 degrees tonight,” the forecaster said.")
    pd.DataFrame({"id": ["=cmd|' /C calc'!A0", "plain"],
                  "text": [text, "‘Fine,’ she said."],
                  "outlet": ["+SUM(A1)", "-0.5"],
                  "=HYPERLINK(\"x\")": ["@x", "y"]}).to_csv(corpus, index=False)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--quiet", "--group-by",
                 "outlet"]) == 0
    written = sorted(out.rglob("*.csv"))
    assert len(written) > 6
    for path in written:
        bad = [c for c in _cells(path) if _runs_in_a_spreadsheet(c)]
        assert not bad, (path.name, bad)
    docs = read_table(out / "documents.csv", "documents", restore_formulas=True)
    assert docs["doc_id"].tolist() == ["=cmd|' /C calc'!A0", "plain"]
    assert docs["outlet"].tolist() == ["+SUM(A1)", "-0.5"]
    assert docs["=HYPERLINK(\"x\")"].tolist() == ["@x", "y"]
    sentences = read_table(out / "sentences.csv", "sentences", restore_formulas=True)
    assert sentences["text"].iloc[0].startswith("@SUM(1+1)")
    raw = pd.read_csv(out / "sentences.csv", dtype=str, keep_default_na=False)
    assert raw["text"].iloc[0].startswith("'@SUM(1+1)")
    capsys.readouterr()
    assert main(["sentiment", str(corpus)]) == 0
    printed = capsys.readouterr().out.splitlines()
    cells = [c for row in csv.reader(printed) for c in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not [c for c in cells if _runs_in_a_spreadsheet(c)]
