import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.corpus import CorpusError, Document, iter_corpus, load_corpus


def _status(items):
    return [(i.id, "ok" if isinstance(i, Document) else i.status) for i in items]


def test_folder_recursive_sorted_ids(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Aye.", encoding="utf-8")
    (tmp_path / "notes.gold.json").write_text("{}", encoding="utf-8")
    assert _status(iter_corpus(tmp_path)) == [("a", "ok"), ("b/z", "ok")]


def test_bom_dropped_and_crlf_kept(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes("\ufeffOne.\r\nTwo.".encode())
    (doc,), _ = load_corpus(p)
    assert doc.text == "One.\r\nTwo."


@pytest.mark.parametrize("data,status,words", [
    (b"", "empty", "empty"),
    (b"  \n ", "empty", "empty"),
    (b"\x00\x01binary\x00", "binary", "binary"),
    (b"caf\xe9 au lait", "undecodable", "offset 3"),
])
def test_bad_text_files_are_named(tmp_path, data, status, words):
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text("Fine.", encoding="utf-8")
    items = list(iter_corpus(tmp_path))
    assert _status(items) == [("bad", status), ("good", "ok")]
    assert "bad.txt" in items[0].message and words in items[0].message


def test_other_encoding(tmp_path):
    (tmp_path / "x.txt").write_bytes("café".encode("cp1252"))
    (doc,), _ = load_corpus(tmp_path, encoding="cp1252")
    assert doc.text == "café"


def test_csv_meta_and_bad_rows(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,text,outlet\n1,Hello there.,AP\n2,,AP\n", encoding="utf-8")
    items = list(iter_corpus(p))
    assert _status(items) == [("1", "ok"), ("2", "empty")]
    assert items[0].meta["outlet"] == "AP"


def test_csv_missing_column(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,body\n1,Hello.\n", encoding="utf-8")
    (fail,) = list(iter_corpus(p))
    assert fail.status == "missing_column" and "'body'" in fail.message
    assert [d.text for d in iter_corpus(p, text_column="body")] == ["Hello."]


def test_jsonl_malformed_line(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "Fine."}) + "\n{broken\n"
                 + json.dumps({"id": "c", "body": "x"}) + "\n", encoding="utf-8")
    assert [s for _, s in _status(iter_corpus(p))] == ["ok", "malformed", "missing_column"]


def test_parquet(tmp_path):
    p = tmp_path / "t.parquet"
    pd.DataFrame({"id": ["a", "b"], "text": ["One.", "Two."], "year": [1, 2]}).to_parquet(p)
    docs, failures = load_corpus(p)
    assert [d.id for d in docs] == ["a", "b"] and docs[1].meta["year"] == 2 and not failures
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    assert _status(iter_corpus(tmp_path / "bad.parquet")) == [("bad", "malformed")]


def test_missing_path():
    with pytest.raises(CorpusError, match="no such file"):
        list(iter_corpus("does/not/exist"))


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)


def test_cli_bad_documents_recorded_and_no_traceback(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("‘We will win,’ said Jane Doe. It rained.", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin.txt").write_bytes(b"caf\xe9")
    out = tmp_path / "out"
    result = _cli("run", str(corpus), "--out", str(out), "--quiet", "--no-figures")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "latin.txt" in result.stderr
    docs = pd.read_csv(out / "documents.csv")
    assert docs.set_index("doc_id")["status"].to_dict() == {
        "empty": "empty", "good": "ok", "latin": "undecodable"}


def test_cli_exit_codes(tmp_path):
    missing = _cli("run", str(tmp_path / "nope"), "--quiet")
    assert missing.returncode == 1 and "no such file" in missing.stderr
    assert "Traceback" not in missing.stderr
    (tmp_path / "e.txt").write_bytes(b"")
    assert _cli("quotes", str(tmp_path / "e.txt")).returncode == 1
    assert _cli("run", "--engine", "warp").returncode == 2


def test_cli_spans_commands():
    for command in ("sentences", "tokens", "quotes"):
        result = _cli(command)
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        assert result.returncode == 0 and rows
        assert all({"start", "end", "text"} <= set(r) for r in rows)


def test_cli_evaluate_passage_set(tmp_path):
    from analysis.paths import REPO

    result = _cli("evaluate", str(REPO / "tests" / "data" / "quotes_heldout.json"), "--errors")
    assert result.returncode == 0 and "speaker_accuracy" in result.stdout
    bad = tmp_path / "bad.json"
    bad.write_text('{"x": 1}', encoding="utf-8")
    failed = _cli("evaluate", str(bad))
    assert failed.returncode == 1 and "not a passage set" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_binary_formats_named(tmp_path):
    from analysis.corpus import read_text_file

    pdf = tmp_path / "paper.txt"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary")
    failure = read_text_file(pdf)
    assert failure.status == "binary" and "PDF" in failure.message
