import pandas as pd
import pytest

from analysis.corpus import Document, Failure
from analysis.figures import figure_tables, reproduce
from analysis.paths import EXPECTED, SEEDS
from analysis.pipeline import analyse

SEED = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8")


def _corpus():
    docs = [Document(f"d{i}", SEED.replace("Khamenei", name)) for i, name in
            enumerate(["Khamenei", "Rouhani", "Larijani", "Zarif", "Velayati"])]
    return [*docs, Failure("bad", "bad.txt", "empty", "bad.txt: the document is empty")]


@pytest.mark.slow
def test_engines_identical():
    serial = analyse(_corpus(), progress=False)
    for engine in ("processes", "dask"):
        other = analyse(_corpus(), engine=engine, workers=2, progress=False)
        for (name, a), (_, b) in zip(serial.items(), other.items(), strict=True):
            pd.testing.assert_frame_equal(a, b, obj=f"{engine}:{name}")
    assert serial.documents.status.tolist() == ["ok"] * 5 + ["empty"]


def test_results_do_not_depend_on_batching():
    from analysis.pipeline import analyse_batch, analyse_document

    docs = _corpus()
    assert analyse_batch(docs) == [analyse_document(d) for d in docs]


def test_offsets_in_tables():
    tables = analyse(SEEDS, progress=False)
    for row in tables.sentences.itertuples():
        assert SEED[row.start:row.end] == row.text
    for row in tables.quotes.itertuples():
        assert SEED[row.start:row.end] == row.text


def test_figure_tables_reproduce_expected(tmp_path):
    # When a method changes on purpose, regenerate the expected tables with
    # `python -m analysis run && cp results/figures/figure_*.csv tests/expected/`
    # and say why in the commit message.
    tables = analyse(SEEDS, progress=False)
    for name, frame in figure_tables(dict(tables.items())).items():
        expected = pd.read_csv(EXPECTED / f"{name}.csv")
        got = pd.read_csv(pd.io.common.StringIO(frame.to_csv(index=False)))
        pd.testing.assert_frame_equal(got, expected, obj=name)
    written = reproduce(dict(tables.items()), tmp_path)
    svg = [p for p in written if p.suffix == ".svg"]
    assert len(svg) == 6
    again = reproduce(dict(tables.items()), tmp_path / "again")
    for a, b in zip(written, again, strict=True):
        if a.suffix == ".svg":
            assert a.read_bytes() == b.read_bytes()
