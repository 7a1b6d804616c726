"""Tables by group and over time: nothing dropped, clear errors, the demo corpus."""

import csv

import numpy as np
import pandas as pd
import pytest

from analysis.run.groups import (
    DEMO_CORPUS,
    NO_DATE,
    NO_VALUE,
    UNPARSEABLE,
    GroupingError,
    document_counts,
    group_of,
    group_tables,
    kind_counts,
    over_time,
    parse_dates,
    period_of,
    sentiment_summary,
    speaker_counts,
    undated,
    with_metadata,
)


def _tables():
    """Five invented documents; one without an outlet, one undated, one with a bad date."""
    documents = pd.DataFrame({
        "doc_id": ["d1", "d2", "d3", "d4", "d5"],
        "status": ["ok", "ok", "ok", "ok", "empty"],
        "n_sentences": [3, 2, 4, 1, 0], "n_tokens": [50, 30, 60, 10, 0],
        "outlet": ["Post", "Courier", "Post", None, "Courier"],
        "date": ["2024-01-05", "5 January 2024", "2024-03-01T10:00:00+02:00", "", "soon"],
    })
    quotes = pd.DataFrame({
        "doc_id": ["d1", "d1", "d1", "d2", "d3", "d3", "d4"],
        "speaker": ["Okafor", "Okafor", None, "Brandt", "Okafor", "Brandt", "Raman"],
        "kind": ["direct", "indirect", "direct", "partial", "direct", "direct", "indirect"],
        "sentiment": [0.5, 0.1, -0.2, -0.4, 0.0, 0.3, 0.2],
    })
    sentences = pd.DataFrame({"doc_id": ["d1", "d2", "d3", "d4"],
                              "sentiment": [0.1, -0.1, 0.2, 0.0]})
    return {"documents": documents, "quotes": quotes, "sentences": sentences}


def test_group_of_labels_every_document_and_names_missing_values():
    groups = group_of(_tables(), "outlet")
    assert groups.to_dict() == {"d1": "Post", "d2": "Courier", "d3": "Post", "d4": NO_VALUE,
                                "d5": "Courier"}


def test_unknown_column_lists_the_columns_there_are():
    with pytest.raises(GroupingError) as err:
        group_of(_tables(), "publisher")
    message = str(err.value)
    assert "'publisher'" in message and "['outlet', 'date']" in message


def test_no_metadata_at_all_says_how_to_get_it():
    docs = pd.DataFrame({"doc_id": ["a"], "status": ["ok"]})
    with pytest.raises(GroupingError, match="with_metadata"):
        group_of({"documents": docs}, "outlet")


def test_conflicting_duplicate_ids_are_an_error():
    docs = pd.DataFrame({"doc_id": ["a", "a"], "outlet": ["Post", "Courier"]})
    with pytest.raises(GroupingError, match="more than once"):
        group_of({"documents": docs}, "outlet")


def test_numeric_ids_match_across_tables():
    tables = {"documents": pd.DataFrame({"doc_id": [1, 2], "outlet": ["A", "B"]}),
              "quotes": pd.DataFrame({"doc_id": ["1", "2"], "speaker": ["X", "Y"],
                                      "kind": ["direct"] * 2})}
    assert speaker_counts(tables, "outlet")["outlet"].tolist() == ["A", "B"]


def test_counts_add_up_to_the_tables():
    tables = _tables()
    docs = document_counts(tables, "outlet")
    assert docs["outlet"].tolist() == ["Courier", "Post", NO_VALUE]  # special labels last
    assert docs["n_documents"].sum() == 5 and docs["n_analysed"].sum() == 4
    assert docs["n_quotes"].sum() == len(tables["quotes"])
    assert docs["n_attributed"].sum() == tables["quotes"].speaker.notna().sum()
    speakers = speaker_counts(tables, "outlet")
    assert speakers["n_quotes"].sum() == tables["quotes"].speaker.notna().sum()
    assert np.allclose(speakers.groupby("outlet")["share"].sum(), 1.0)
    post = speakers[speakers.outlet == "Post"]
    assert post[["speaker", "n_quotes", "n_documents"]].values.tolist() == [
        ["Okafor", 3, 2], ["Brandt", 1, 1]]


def test_kinds_line_up_for_every_group():
    kinds = kind_counts(_tables(), "outlet")
    assert len(kinds) == 3 * 3
    assert kinds["n"].sum() == 7
    assert np.allclose(kinds.groupby("outlet")["share"].sum(), 1.0)


def test_sentiment_summary_has_n_and_no_spread_for_one():
    summary = sentiment_summary(_tables(), "outlet").set_index("outlet")
    assert summary.loc["Courier", "n"] == 1 and np.isnan(summary.loc["Courier", "sd"])
    assert summary.loc["Post", "n"] == 5
    assert summary.loc["Post", "mean"] == pytest.approx(np.mean([0.5, 0.1, -0.2, 0.0, 0.3]))
    by_sentence = sentiment_summary(_tables(), "outlet", unit="sentences")
    assert by_sentence["n"].sum() == 4
    tables = _tables()
    tables["documents"]["sentiment_mean"] = [0.1, -0.1, 0.3, 0.0, np.nan]  # d5 failed
    by_document = sentiment_summary(tables, "outlet", unit="documents").set_index("outlet")
    assert by_document.loc["Post", "n"] == 2
    assert by_document.loc["Courier", ["n", "n_documents"]].tolist() == [1, 2]
    assert "by_group_document_sentiment" in group_tables(tables, "outlet")
    with pytest.raises(GroupingError, match="no column 'polarity'"):
        sentiment_summary(_tables(), "outlet", column="polarity")


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-03-18", "2024-03-18"), ("18 March 2024", "2024-03-18"),
    ("March 18, 2024", "2024-03-18"), ("2024-03-18T23:30:00-05:00", "2024-03-18"),
    ("2024-03-18 09:00", "2024-03-18"), ("June 2024", "2024-06-01"),
    ("2024", None), ("n.d.", None), ("2024-13-01", None), ("", None), (None, None),
])
def test_parse_dates(value, expected):
    got = parse_dates(pd.Series([value], dtype=object)).iloc[0]
    assert (None if pd.isna(got) else got.strftime("%Y-%m-%d")) == expected


def test_parse_dates_passes_datetimes_through():
    stamps = pd.Series(pd.to_datetime(["2024-01-02T05:00:00+01:00"], utc=True))
    assert parse_dates(stamps).dt.tz is None


def test_periods_count_undated_documents():
    tables = _tables()
    assert period_of(tables, "date").tolist() == ["2024-01", "2024-01", "2024-03", NO_DATE,
                                                  UNPARSEABLE]
    assert period_of(tables, "date", period="Y").iloc[0] == "2024"
    with pytest.raises(GroupingError, match="unknown period 'fortnight'"):
        period_of(tables, "date", period="fortnight")
    assert undated(tables, "date")[["doc_id", "problem"]].values.tolist() == [
        ["d4", NO_DATE], ["d5", UNPARSEABLE]]


def test_over_time_drops_nothing():
    tables = _tables()
    table = over_time(tables, "date")
    assert table["period"].tolist() == ["2024-01", "2024-03", NO_DATE, UNPARSEABLE]
    assert table["n_documents"].sum() == 5
    assert table["n_quotes"].sum() == len(tables["quotes"])
    january = table.iloc[0]
    assert (january.n_quotes, january.sentiment_n) == (4, 4)
    grouped = over_time(tables, "date", by="outlet")
    assert grouped["n_documents"].sum() == 5
    assert grouped[["period", "outlet"]].values.tolist()[:2] == [["2024-01", "Courier"],
                                                               ["2024-01", "Post"]]


def test_group_tables_checks_columns_first():
    tables = _tables()
    names = set(group_tables(tables, "outlet", date_column="date"))
    assert {"by_group_documents", "by_group_speakers", "by_group_sentiment", "by_group_kinds",
            "over_time", "undated"} <= names
    assert set(group_tables(tables, date_column="date")) == {"over_time", "undated"}
    with pytest.raises(GroupingError, match="'published'"):
        group_tables(tables, "outlet", date_column="published")


def test_with_metadata_joins_and_is_a_no_op_when_present(tmp_path):
    tables = _tables()
    tables["documents"] = tables["documents"].drop(columns=["outlet"])
    meta = tmp_path / "meta.csv"
    meta.write_text("id,outlet,text\nd2,Courier,x\nd1,Post,y\n", encoding="utf-8")
    joined = with_metadata(tables, meta)
    assert joined["documents"]["outlet"].tolist()[:2] == ["Post", "Courier"]
    assert joined["quotes"] is tables["quotes"]
    assert "outlet" not in tables["documents"]  # input unchanged
    again = with_metadata(joined, meta)
    assert again["documents"] is joined["documents"]
    with pytest.raises(GroupingError, match="no id column 'key'"):
        with_metadata(tables, meta, id_column="key")
    with pytest.raises(GroupingError, match="cannot read metadata"):
        with_metadata(tables, tmp_path / "meta.xlsx")


def test_demo_corpus_is_a_small_multi_outlet_corpus():
    with DEMO_CORPUS.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["id", "outlet", "date", "title", "text"]
    assert 12 <= len(rows) <= 20
    assert len({r["id"] for r in rows}) == len(rows)
    assert 3 <= len({r["outlet"] for r in rows}) <= 4
    months = {r["date"][:7] for r in rows if r["date"][:4].isdigit()}
    assert len(months) >= 4
    texts = " ".join(r["text"] for r in rows)
    assert "“" in texts and '"' in texts and " said " in texts
    assert (DEMO_CORPUS.parent / "README.md").exists()


def test_demo_metadata_joins_onto_documents():
    # The full pipeline on the demo corpus runs in notebook 04 (tests/test_notebooks.py).
    with DEMO_CORPUS.open(encoding="utf-8", newline="") as f:
        ids = [r["id"] for r in csv.DictReader(f)]
    docs = pd.DataFrame({"doc_id": ids, "status": "ok"})
    joined = with_metadata({"documents": docs}, DEMO_CORPUS)["documents"]
    assert list(joined.columns) == ["doc_id", "status", "outlet", "date", "title"]
    assert joined["outlet"].notna().all()
    assert period_of({"documents": joined}, "date").isin([UNPARSEABLE]).sum() == 1
