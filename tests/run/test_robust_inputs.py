"""Every input accounted for: a folder of awkward inputs through `run`, end to end.

Each file (each row of a table) is one row of the documents table with a status and
a message; nothing is lost, nothing crashes, the run ends in time.
"""

import json
import os
import time

import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus import Document


def _awkward(root):
    root.mkdir()
    files = {
        "binary.txt": b"%PDF-1.7\n\x00\x01\x02 binary",
        "latin1.txt": "Café crème, said the waiter.".encode("latin-1"),
        "empty.txt": b"",
        "bom.txt": "\ufeff‘Yes,’ she said.".encode(),
        "crlf.txt": b"\xe2\x80\x9cNo,\xe2\x80\x9d he said.\r\nIt rained.\r\n",
        "unbalanced.txt": "He said “yes and ‘no, then \" again. ” ’ “".encode(),
        "nested.txt": "She said “he told me ‘we said «no» to them’ twice.”".encode(),
        "only_marks.txt": "\"“”‘’'«»„‚ ".encode() * 200,
        "dense_line.txt": ("The minister said \"yes\" and 'no' " * 300).encode(),
        "utf16.txt": "He said “fine”.".encode("utf-16"),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    with open(os.fsencode(str(root)) + b"/na\xffme.txt", "wb") as handle:
        handle.write(b"A file name that is not UTF-8.")
    os.symlink("missing.txt", root / "dangling.txt")
    rows = ["id,text,outlet", 'r1,"‘Fine,’ she said.",AP', "r2,,AP", 'r3,"never closed,AP',
            'r4,"After the stray quote.",BBC']
    (root / "table.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (root / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Fine."}) + "\n" + "[" * 5000 + "]" * 5000 + "\n"
        + '{"id": "j3", "text": "\\ud800"}\n', encoding="utf-8")
    return root


EXPECTED = {
    "binary": "binary", "bom": "ok", "crlf": "ok", "dangling": "unreadable",
    "dense_line": "ok", "empty": "empty", "latin1": "undecodable", "na\\xffme": "ok",
    "nested": "ok", "only_marks": "ok", "unbalanced": "ok", "utf16": "ok",
    "j1": "ok", "lines:2": "malformed", "j3": "undecodable",
    "r1": "ok", "r2": "empty", "table:3": "malformed", "r4": "ok",
}


@pytest.mark.slow
def test_awkward_folder_every_input_accounted_for(tmp_path, capsys):
    corpus = _awkward(tmp_path / "corpus")
    out = corpus / "results"  # inside the corpus: must not be read back
    started = time.perf_counter()
    for extra in ([], ["--no-figures"]):
        assert main(["run", str(corpus), "--out", str(out), "--quiet", *extra]) == 0
    assert time.perf_counter() - started < 240
    docs = pd.read_csv(out / "documents.csv", keep_default_na=False)
    assert dict(zip(docs.doc_id, docs.status, strict=True)) == EXPECTED
    assert (docs.message[docs.status != "ok"] != "").all()
    err = capsys.readouterr().err
    assert "Traceback" not in err and "latin1.txt" in err
    n_chars = dict(zip(docs.doc_id, docs.n_chars, strict=True))
    assert n_chars["crlf"] == len("“No,” he said.\r\nIt rained.\r\n")  # CRLF kept
    assert n_chars["bom"] == len("‘Yes,’ she said.")  # BOM dropped
    assert n_chars["utf16"] == len("He said “fine”.")
    assert set(docs.outlet[docs.doc_id.str.startswith("r")]) == {"AP", "BBC"}


def test_document_over_the_time_limit_is_recorded(monkeypatch):
    import analysis.run.stages
    from analysis.run.engines import iter_results

    real = analysis.run.stages.analyse_batch
    list(iter_results([Document("w", "Warm up.")], doc_timeout=60))  # models loaded first

    def slow(items, **options):
        if any(isinstance(i, Document) and i.id == "slow" for i in items):
            time.sleep(30)
        return real(items, **options)

    monkeypatch.setattr(analysis.run.stages, "analyse_batch", slow)
    docs = [Document("a", "Fine."), Document("slow", "Never ends."), Document("c", "Good.")]
    started = time.perf_counter()
    rows = list(iter_results(docs, doc_timeout=0.5))
    assert time.perf_counter() - started < 10
    statuses = [(r["documents"][0]["doc_id"], r["documents"][0]["status"]) for r in rows]
    assert statuses == [("a", "ok"), ("slow", "timeout"), ("c", "ok")]
    assert "--doc-timeout" in rows[1]["documents"][0]["message"]


@pytest.mark.slow
def test_hostile_inputs_of_the_benchmark_are_accounted_for(tmp_path, capsys):
    """benchmarks/adversarial.py --inputs: the same id three times, a pipe and a link to
    /dev/zero called .txt, a hidden .txt, a header-only table, a path over PATH_MAX, a
    folder without permissions, formulas in metadata and text; through the command
    line with standard output closed: every input a row or a warning, no CSV cell a
    spreadsheet would run, exit 0, no traceback."""
    import sys

    from analysis.paths import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    import adversarial

    assert adversarial.check_inputs(tmp_path), capsys.readouterr().out
