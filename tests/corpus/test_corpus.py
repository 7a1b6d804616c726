import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis.corpus import (
    CorpusError,
    CorpusWarning,
    Document,
    empty_reason,
    iter_corpus,
    load_corpus,
)


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


def test_cli_bad_documents_recorded_and_no_traceback(tmp_path, capsys):
    from analysis.cli import main

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "good.txt").write_text("‘We will win,’ said Jane Doe. It rained.", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "latin.txt").write_bytes(b"caf\xe9")
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--quiet", "--no-figures"]) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "latin.txt" in err
    docs = pd.read_csv(out / "documents.csv")
    assert docs.set_index("doc_id")["status"].to_dict() == {
        "empty": "empty", "good": "ok", "latin": "undecodable"}


def test_cli_exit_codes(tmp_path, capsys):
    from analysis.cli import main

    # Never the repository's results/: every run here writes under tmp_path.
    out = tmp_path / "out"
    assert main(["run", str(tmp_path / "nope"), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err and "Traceback" not in err and not out.exists()
    (tmp_path / "e.txt").write_bytes(b"")
    assert main(["quotes", str(tmp_path / "e.txt")]) == 1
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--engine", "warp", "--out", str(out)])
    assert exit_.value.code == 2
    # the real process too: exit status and one line on standard error
    missing = _cli("run", str(tmp_path / "nope"), "--out", str(out))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1


def test_cli_spans_commands(capsys):
    from analysis.cli import main

    for command in ("sentences", "tokens", "quotes"):
        assert main([command]) == 0
        rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert rows and all({"doc_id", "start", "end", "text"} <= set(r) for r in rows)
    # the quotes command prints every column of the quotes table, with the same names
    from analysis.run.tables import TABLES

    assert main(["quotes", "--attributions", "all"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(rows[0]) == set(TABLES["quotes"].names(stance=False))


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


# --------------------------------------------------------------------------- awkward inputs
def _ids(items):
    return {i.id: ("ok" if isinstance(i, Document) else i.status) for i in items}


def test_file_name_not_utf8(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/caf\xff.txt"
    with open(name, "wb") as handle:
        handle.write(b"A file name that is not UTF-8.")
    (doc,) = iter_corpus(tmp_path)
    assert doc.id == "caf\\xff" and doc.meta["file"] == "caf\\xff.txt"
    doc.id.encode("utf-8")  # printable: every writer accepts it


def test_csv_cell_over_csv_module_limit(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,text\nbig," + "word " * 40_000 + "\nsmall,Fine.\n", encoding="utf-8")
    items = list(iter_corpus(p))
    assert _ids(items) == {"big": "ok", "small": "ok"} and len(items[0].text) == 200_000


def test_jsonl_deep_nesting_and_lone_surrogate(tmp_path):
    p = tmp_path / "t.jsonl"
    p.write_text('{"id": "a", "text": "Fine."}\n' + "[" * 5000 + "]" * 5000 + "\n"
                 + '{"id": "s", "text": "bad \\ud800", "outlet": "x\\udc00"}\n', encoding="utf-8")
    items = list(iter_corpus(p))
    assert _ids(items) == {"a": "ok", "t:2": "malformed", "s": "undecodable"}
    assert "nested too deeply" in items[1].message and "U+D800" in items[2].message
    items[2].meta["outlet"].encode("utf-8")  # metadata made printable


def test_one_bad_byte_rejects_only_its_row(tmp_path):
    rows = "".join(f"r{i},Row {i} says hello.\n" for i in range(2000))
    data = ("id,text\n" + rows).encode().replace(b"Row 1500 ", b"R\xe9w 1500 ")
    (tmp_path / "t.csv").write_bytes(data)
    statuses = _ids(iter_corpus(tmp_path / "t.csv"))
    assert len(statuses) == 2000 and statuses.pop("t:1501") == "undecodable"
    assert set(statuses.values()) == {"ok"}


def test_rows_after_unterminated_quote_are_read(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text('id,text\n1,"fine"\n2,"never closed\n3,after one\n4,after two\n')
    items = list(iter_corpus(p))
    assert _ids(items) == {"1": "ok", "t:2": "malformed", "3": "ok", "4": "ok"}
    assert "never closed" in items[1].message and "line 3" in items[1].message


def test_short_and_long_rows_are_malformed(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,text,outlet\n1,Fine.,AP\n2,Short.\n3,Long.,AP,extra\n")
    assert _ids(iter_corpus(p)) == {"1": "ok", "t:2": "malformed", "t:3": "malformed"}


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-8-sig"])
def test_byte_order_mark_decides(tmp_path, codec):
    (tmp_path / "a.txt").write_bytes("He said “yes”.\r\nCafé.".encode(codec))
    (tmp_path / "t.csv").write_bytes("id,text\n1,Café “ok”.\n".encode(codec))
    items = list(iter_corpus(tmp_path, encoding="cp1252"))
    assert [i.text for i in items] == ["He said “yes”.\r\nCafé.", "Café “ok”."]


def test_utf16_with_encoding_option_and_without_bom(tmp_path):
    (tmp_path / "a.txt").write_bytes("Plain words here.".encode("utf-16-le"))
    (failure,) = iter_corpus(tmp_path)
    assert failure.status == "binary" and "--encoding utf-16-le" in failure.message
    (doc,) = iter_corpus(tmp_path, encoding="utf-16-le")
    assert doc.text == "Plain words here."


def test_links_and_unlistable_folders_are_accounted_for(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("Fine.")
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    os.symlink("loop.txt", tmp_path / "loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("Hidden by permissions.")
    os.symlink("..", tmp_path / "sub" / "up")  # a link back: not read twice
    real = os.scandir

    def scandir(path):
        if str(path).endswith("sub"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(iter_corpus(tmp_path))
    assert _ids(items) == {"dangling": "unreadable", "loop": "unreadable", "ok": "ok",
                           "sub/": "unreadable"}
    messages = " ".join(i.message for i in items if not isinstance(i, Document))
    assert "does not exist" in messages and "loop" in messages
    assert "cannot be listed" in messages


def test_corpus_errors_are_raised_at_once(tmp_path):
    with pytest.raises(CorpusError, match="character device"):
        iter_corpus("/dev/null")
    with pytest.raises(CorpusError, match="unknown encoding"):
        iter_corpus(tmp_path, encoding="klingon")
    assert "the folder is empty" in empty_reason(tmp_path)
    (tmp_path / "notes.md").write_text("x")
    assert "notes.md" in empty_reason(tmp_path)


def test_output_folder_inside_the_corpus_is_excluded(tmp_path):
    (tmp_path / "a.txt").write_text("Fine.")
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "b.txt").write_text("Not an input.")
    assert _ids(iter_corpus(tmp_path, exclude=[tmp_path / "results"])) == {"a": "ok"}


def test_too_large(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 300)
    (tmp_path / "t.jsonl").write_text(json.dumps({"id": "j", "text": "word " * 300}) + "\n")
    (tmp_path / "t.csv").write_text("id,text\nc," + "word " * 300 + "\nd,Small.\n")
    items = list(iter_corpus(tmp_path, max_doc_mb=0.001))
    assert _ids(items) == {"big": "too_large", "c": "too_large", "d": "ok",
                           "j": "too_large"}
    assert all("--max-doc-mb" in i.message for i in items if not isinstance(i, Document))


def test_table_metadata_kept_and_renamed(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,text,outlet,status,file\n1,Hello.,AP,draft,a.doc\n", encoding="utf-8")
    (doc,) = iter_corpus(p)
    # the corpus renames what would take a loader column's name ...
    assert {k: v for k, v in doc.meta.items() if k != "source"} == {
        "file": "t.csv", "folder": "", "row": 1, "outlet": "AP", "status": "draft",
        "meta_file": "a.doc"}
    # ... and the documents row what would take a computed column's name
    from analysis.run.engines import metadata

    assert metadata(doc) == {"file": "t.csv", "folder": "", "row": 1, "outlet": "AP",
                             "meta_status": "draft", "meta_file": "a.doc"}


def test_sidecar_metadata(tmp_path):
    (tmp_path / "ap").mkdir()
    (tmp_path / "ap" / "one.txt").write_text("First.")
    (tmp_path / "two.txt").write_text("Second.")
    (tmp_path / "metadata.csv").write_text("file,outlet,date,folder\nap/one.txt,AP,2024-01-02,"
                                           "x\ntwo,BBC,2024-02-03,y\n")
    docs = list(iter_corpus(tmp_path))
    meta = [{k: v for k, v in d.meta.items() if k != "source"} for d in docs]
    assert meta == [
        {"file": "ap/one.txt", "folder": "ap", "outlet": "AP", "date": "2024-01-02",
         "meta_folder": "x"},
        {"file": "two.txt", "folder": "", "outlet": "BBC", "date": "2024-02-03",
         "meta_folder": "y"}]


@pytest.mark.parametrize("content,words", [
    ("name,outlet\na,AP\n", "no column naming the documents"),
    ("id,outlet\na,AP\na,BBC\n", "listed twice"),
    ("id,outlet\na,AP,extra\n", "has 3 cells"),
    ("", "empty"),
])
def test_malformed_sidecar_is_a_clear_error(tmp_path, content, words):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "metadata.csv").write_text(content)
    with pytest.raises(CorpusError, match=words):
        iter_corpus(tmp_path)


def test_unused_sidecar_rows_warn(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "metadata.tsv").write_text("id\toutlet\na\tAP\nzz\tBBC\n")
    with pytest.warns(CorpusWarning, match="1 row"):
        docs = list(iter_corpus(tmp_path))
    assert docs[0].meta["outlet"] == "AP"


def test_csv_loader_streams(tmp_path):
    """The loader never reads a whole table: peak memory does not grow with its size."""
    import tracemalloc

    def peak(n):
        p = tmp_path / f"t{n}.csv"
        with p.open("w") as handle:
            handle.write("id,text\n")
            handle.writelines(f"{i},Row {i} of the table says hello.\n" for i in range(n))
        tracemalloc.start()
        for _ in iter_corpus(p):
            pass
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    small, large = peak(1_000), peak(8_000)
    assert large < 2 * small + 200_000, (small, large)
