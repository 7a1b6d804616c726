"""Tables are read back exactly as written: pandas' missing-value spellings stay text.

pandas reads ``NA``, ``N/A``, ``null``, ``None``, ``NaN`` (and a dozen more) as missing
unless told not to.  A paragraph that is just ``N/A``, an outlet called ``NA`` or a
document id ``null`` are data, and the figures and groups must see them as written.
"""

import csv
import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.cli import main
from analysis.figures import load_tables
from analysis.run.output import TableWriter, read_table

#: Every string pandas reads as missing by default (pandas.io.parsers' STR_NA_VALUES).
NA_SPELLINGS = sorted(pd.io.parsers.readers.STR_NA_VALUES - {""})


def test_every_na_spelling_is_known():
    assert {"NA", "N/A", "null", "None", "NaN", "nan", "-nan", "<NA>"} <= set(NA_SPELLINGS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NA_SPELLINGS), min_size=1, max_size=6),
       st.sampled_from(["csv", "parquet"]))
def test_tables_round_trip_na_spellings(tmp_path_factory, values, fmt):
    folder = tmp_path_factory.mktemp("tables")
    writer = TableWriter(folder, fmt=fmt)
    for n, value in enumerate(values):
        doc_id = f"{value}{n}" if n else value
        writer.add({
            "documents": [{"doc_id": doc_id, "status": "ok", "outlet": value}],
            "sentences": [{"doc_id": doc_id, "sentence": 0, "start": 0, "end": len(value),
                           "text": value, "n_tokens": 1, "sentiment": 0.0}],
            "speakers": [{"doc_id": doc_id, "speaker": value, "category": "person",
                          "n_quotes": 1, "aliases": value}],
        })
    paths = writer.close()
    # '-nan' and '-NaN' start like a formula: the CSV holds them with a quote in front
    # (the data dictionary's convention), which restore_formulas takes off again.
    documents = read_table(paths["documents"], "documents", restore_formulas=True)
    sentences = read_table(paths["sentences"], "sentences", restore_formulas=True)
    speakers = read_table(paths["speakers"], "speakers", restore_formulas=True)
    ids = [f"{v}{n}" if n else v for n, v in enumerate(values)]
    assert documents["doc_id"].tolist() == ids
    assert documents["outlet"].tolist() == values
    assert sentences["text"].tolist() == values
    assert speakers["speaker"].tolist() == values
    assert sentences["n_tokens"].dtype.name in ("int64", "Int64")


def test_missing_cells_stay_missing(tmp_path):
    writer = TableWriter(tmp_path)
    writer.add({"quotes": [{"doc_id": "a", "quote": 0, "start": 0, "end": 3, "text": "“x”",
                            "kind": "direct", "speaker": None, "sentiment": float("nan")}]})
    quotes = read_table(writer.close()["quotes"], "quotes")
    assert quotes["speaker"].isna().all() and quotes["sentiment"].isna().all()


def test_a_run_with_na_spellings_everywhere_keeps_them(tmp_path):
    """`N/A` as a paragraph, `NA`/`null`/`None` as outlets and ids: the run completes and
    the figures and group tables see every value as written."""
    corpus = tmp_path / "articles.csv"
    names = ["NA", "null", "None", "N/A"]
    with corpus.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "outlet", "text"])
        for n, name in enumerate(names):
            out.writerow([name, name, f"Report {n}.\n\nN/A\n\n“We will win,” said {name}."])
        out.writerow(["x", "Post", "NaN"])
    results = tmp_path / "results"
    assert main(["run", str(corpus), "--out", str(results), "--quiet",
                 "--group-by", "outlet"]) == 0
    tables = load_tables(results)
    assert tables["documents"]["doc_id"].tolist() == [*names, "x"]
    assert tables["documents"]["outlet"].tolist() == [*names, "Post"]
    assert "N/A" in tables["sentences"]["text"].tolist()
    assert "NaN" in tables["sentences"]["text"].tolist()
    by_group = read_table(next(results.glob("by_group_documents*.csv")),
                          "by_group")
    assert set(names) <= set(by_group["outlet"]), by_group
    assert not any(isinstance(v, float) and math.isnan(v) for v in by_group["outlet"])
