import pandas as pd
import pytest

from analysis.corpus import Document, Failure
from analysis.figures import figure_tables, reproduce
from analysis.paths import EXPECTED, SEEDS
from analysis.run.pipeline import analyse

SEED = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8")


def _corpus():
    docs = [Document(f"d{i}", SEED.replace("Khamenei", name), {"outlet": f"o{i % 2}"})
            for i, name in enumerate(["Khamenei", "Rouhani", "Larijani", "Zarif", "Velayati"])]
    return [*docs, Failure("bad", "bad.txt", "empty", "bad.txt: the document is empty",
                           {"outlet": "o9"})]


STANCE_P = ["p_favor", "p_against", "p_none"]


@pytest.mark.slow
def test_engines_identical():
    """Exact equality: every engine writes the same bytes."""
    target = "negotiations with the US"  # stance is opt-in: compare it too
    serial = analyse(_corpus(), progress=False, target=target)
    assert serial.documents.status.tolist() == ["ok"] * 5 + ["empty"]
    assert serial.documents.outlet.tolist() == ["o0", "o1", "o0", "o1", "o0", "o9"]
    assert set(STANCE_P) <= set(serial.quotes.columns)
    for engine in ("processes", "dask"):
        other = analyse(_corpus(), engine=engine, workers=2, progress=False, target=target)
        for (name, a), (_, b) in zip(serial.items(), other.items(), strict=True):
            pd.testing.assert_frame_equal(a, b, check_exact=True, obj=f"{engine}:{name}")


def test_results_do_not_depend_on_batching():
    from analysis.run.stages import analyse_batch, analyse_document

    def tables_only(rows):  # keys starting with "_" (timings) are not tables
        return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]

    docs = _corpus()
    assert tables_only(analyse_batch(docs)) == tables_only([analyse_document(d) for d in docs])


def test_portrayal_in_slices_is_the_same(monkeypatch):
    """A long document's person mentions are scored a slice at a time: the same rows."""
    from analysis.run import stages

    def tables_only(rows):
        return [{k: v for k, v in r.items() if not k.startswith("_")} for r in rows]

    docs = _corpus()
    whole = tables_only(stages.analyse_batch(docs))
    monkeypatch.setattr(stages, "PORTRAYAL_CHUNK", 3)
    assert tables_only(stages.analyse_batch(docs)) == whole
    assert any(r.get("portrayal") for r in whole)


def test_offsets_in_tables():
    tables = analyse(SEEDS, progress=False)
    for row in tables.sentences.itertuples():
        assert SEED[row.start:row.end] == row.text
    for row in tables.quotes.itertuples():
        assert SEED[row.start:row.end] == row.text


def test_figure_tables_reproduce_expected(tmp_path):
    # When a method changes on purpose, regenerate the expected tables with
    # `python -m analysis run && cp results/seeds/figures/figure_*.csv tests/expected/`
    # and say why in the commit message.
    tables = analyse(SEEDS, progress=False)
    for name, frame in figure_tables(dict(tables.items())).items():
        expected = pd.read_csv(EXPECTED / f"{name}.csv")
        got = pd.read_csv(pd.io.common.StringIO(frame.to_csv(index=False)))
        pd.testing.assert_frame_equal(got, expected, obj=name)
    written = reproduce(dict(tables.items()), tmp_path)
    assert [p.suffix for p in written].count(".png") == 6  # PNG only, unless asked
    assert not [p for p in written if p.suffix in (".svg", ".pdf")]
    again = reproduce(dict(tables.items()), tmp_path / "again", formats=("png", "svg", "pdf"))
    assert [p.suffix for p in again].count(".svg") == 6
    assert [p.suffix for p in again].count(".pdf") == 6
    third = reproduce(dict(tables.items()), tmp_path / "third", formats=("svg", "pdf", "png"))
    assert sorted(p.name for p in third) == sorted(p.name for p in again)
    for a in again:  # byte-identical from run to run, in every format, in any order asked
        assert a.read_bytes() == (tmp_path / "third" / a.name).read_bytes(), a.name
        if a.suffix == ".png":
            assert a.read_bytes() == (tmp_path / a.name).read_bytes(), a.name


# --------------------------------------------------------------------------- data dictionary
def test_every_written_column_is_documented_and_vice_versa():
    from analysis.corpus import LOADER_COLUMNS
    from analysis.run.engines import iter_results
    from analysis.run.tables import TABLES

    docs = [Document("d", SEED, {"file": "d.txt", "folder": ""}),
            Document("e", "No quotes here at all.", {"file": "e.txt", "folder": ""}),
            Failure("bad", "bad.txt", "empty", "bad.txt: empty", {"file": "bad.txt"})]
    seen: dict[str, set[str]] = {}
    for result in iter_results(docs, with_tokens=True, target="negotiations with the US"):
        for table, rows in result.items():
            if table.startswith("_"):  # timings for --profile, not a table
                continue
            for row in rows:
                seen.setdefault(table, set()).update(row)
    assert set(seen) <= set(TABLES)
    for table, keys in seen.items():
        declared = set(TABLES[table].names())
        extra = keys - declared
        if table == "documents":
            assert extra <= set(LOADER_COLUMNS), extra
        else:
            assert not extra, f"{table}: written but not in analysis/run/tables.py: {extra}"
        assert declared <= keys, f"{table}: documented but never written: {declared - keys}"


def test_dictionary_agrees_with_the_package():
    from analysis.run.tables import MARKER_CATEGORIES, TABLES
    from analysis.sentiment import COMPONENTS
    from analysis.stance.markers import CATEGORIES

    assert list(MARKER_CATEGORIES) == list(CATEGORIES)
    scores = TABLES["sentence_scores"].names()
    assert set(COMPONENTS) <= set(scores) | {"vader", "afinn", "textblob"}


def test_docs_columns_md_is_generated():
    from analysis.paths import REPO
    from analysis.run.tables import markdown

    # Regenerate with: python -m analysis columns --markdown > docs/columns.md
    assert (REPO / "docs" / "columns.md").read_text(encoding="utf-8") == markdown() + "\n"


def test_sentiment_command_agrees_with_the_sentences_table(capsys):
    from analysis.cli import main

    assert main(["sentiment", str(SEEDS)]) == 0
    printed = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    from analysis.run.tables import TABLES

    assert printed.columns.tolist() == TABLES["sentence_scores"].names()
    table = analyse(SEEDS, progress=False).sentences
    common = TABLES["sentences"].names()
    pd.testing.assert_frame_equal(printed[common], pd.read_csv(
        pd.io.common.StringIO(table.to_csv(index=False))), check_exact=True)


def test_markers_command_agrees_with_the_markers_table(capsys):
    from analysis.cli import main

    assert main(["markers", str(SEEDS)]) == 0
    printed = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    table = analyse(SEEDS, progress=False).markers
    table = table[table.unit == "(document)"].reset_index(drop=True)
    pd.testing.assert_frame_equal(printed, pd.read_csv(
        pd.io.common.StringIO(table.to_csv(index=False))), check_exact=True)


def test_columns_command(capsys):
    from analysis.cli import main

    assert main(["columns", "markers"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("markers:") and "per_1000" in out and "documents.n_tokens" in out


def test_metadata_reaches_documents_and_parquet(tmp_path):
    from analysis.cli import main

    corpus = tmp_path / "c.csv"
    corpus.write_text("id,text,outlet,year,status\n1,\"‘Yes,’ she said.\",AP,2020,draft\n"
                      "2,,BBC,2021,final\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--format", "parquet", "--quiet",
                 "--no-figures"]) == 0
    docs = pd.read_parquet(out / "documents.parquet")
    assert docs[["doc_id", "status", "outlet", "year", "meta_status", "row"]].to_dict(
        "records") == [
        {"doc_id": "1", "status": "ok", "outlet": "AP", "year": "2020", "meta_status": "draft",
         "row": 1},
        {"doc_id": "2", "status": "empty", "outlet": "BBC", "year": "2021",
         "meta_status": "final", "row": 2}]
    quotes = pd.read_parquet(out / "quotes.parquet")
    assert quotes.merge(docs, on="doc_id").outlet.tolist() == ["AP"]
