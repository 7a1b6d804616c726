"""Every input path has a row or a warning, and every row its own id (issue #22, items 3,
7 and 13): duplicate ids, hidden files, pipes and devices, folders that cannot be
entered, paths over the system's limit, tables with no rows.

The permission tests need a user that permissions stop: as root they run the reader in
a child process without the capabilities that let root pass them (``setpriv``), and
skip, saying why, where that is not possible.
"""

import json
import os
import shutil
import subprocess
import sys
import warnings

import pytest

from analysis.corpus import CorpusWarning, Document, distinct_ids, iter_corpus
from analysis.corpus import records as corpus_records
from analysis.corpus.records import IdSet


def _rows(items):
    return {i.id: ("ok" if isinstance(i, Document) else i.status) for i in items}


def _read(path, **options):
    """Items and the warnings of reading a corpus."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = list(iter_corpus(path, **options))
    return items, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


# --------------------------------------------------------------------------- duplicate ids
def test_duplicate_ids_in_a_table_get_a_suffix_and_one_warning(tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("id,text\na,One.\na,Two.\nb,Three.\na,Four.\n", encoding="utf-8")
    items, said = _read(table)
    assert [i.id for i in items] == ["a", "a#2", "b", "a#3"]
    assert [i.text for i in items] == ["One.", "Two.", "Three.", "Four."]
    (message,) = said
    assert message.startswith("2 documents had an id used by an earlier one")
    assert "'a' (3 times: a#2, a#3)" in message


def test_duplicate_ids_across_files_and_rows(tmp_path):
    (tmp_path / "a.txt").write_text("A text file.")
    (tmp_path / "a.TXT").write_text("The same id, another suffix.")
    (tmp_path / "t.csv").write_text("id,text\na,A row.\na#2,Taken already.\n")
    items, said = _read(tmp_path)
    ids = [i.id for i in items]
    assert len(set(ids)) == len(ids) == 4
    assert ids[:2] == ["a", "a#2"] and "a#3" in ids and "a#2#2" in ids
    assert len(said) == 1 and "3 documents" in said[0]


def test_failures_get_distinct_ids_too():
    from analysis.corpus import Failure

    items = [Failure("x", "x.txt", "empty", "x.txt: empty"), Document("x", "Text.")]
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        assert [i.id for i in distinct_ids(items)] == ["x", "x#2"]


def test_no_warning_without_duplicates(tmp_path):
    (tmp_path / "t.csv").write_text("id,text\na,One.\nb,Two.\n")
    assert _read(tmp_path)[1] == []


def test_id_set_is_exact_past_its_buffer(monkeypatch):
    monkeypatch.setattr(IdSet, "BUFFER", 8)
    ids = IdSet()
    for i in range(100):
        ids.add(f"doc-{i}")
    ids.add("doc-5")  # already there
    assert len(ids) == 100 and len(ids._runs) >= 1
    assert all(f"doc-{i}" in ids for i in range(100))
    assert not any(f"doc-{i}" in ids for i in range(100, 300))


def test_many_duplicates_are_counted_and_named_briefly(monkeypatch):
    monkeypatch.setattr(IdSet, "BUFFER", 16)
    items = [Document(f"d{i % 10}", "x") for i in range(60)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ids = [d.id for d in distinct_ids(items)]
    assert len(set(ids)) == 60 and "d3#6" in ids
    (message,) = [str(w.message) for w in caught]
    assert message.startswith("50 documents") and "and 5 more ids" in message
    assert len(message) < 600
    assert corpus_records._SHOWN_DUPLICATES == 5


# --------------------------------------------------------------------------- not regular files
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_pipe_and_link_to_a_device_are_rows_and_never_opened(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.")
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would wait for a writer for ever
    os.symlink("/dev/zero", tmp_path / "zero.txt")  # reading it would never end
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    items, _ = _read(tmp_path)
    assert _rows(items) == {"dangling": "unreadable", "ok": "ok", "pipe": "unreadable",
                            "zero": "unreadable"}
    message = {i.id: getattr(i, "message", "") for i in items}
    assert "a named pipe (FIFO), not a regular file" in message["pipe"]
    assert "'/dev/zero', a character device, not a regular file" in message["zero"]
    assert "does not exist" not in message["zero"]
    assert "which does not exist" in message["dangling"]


# --------------------------------------------------------------------------- hidden files
def test_hidden_files_and_folders_are_named_in_a_warning(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.")
    (tmp_path / ".draft.txt").write_text("A hidden draft.")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "ok-checkpoint.txt").write_text("A copy.")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")  # not a corpus file: not named
    items, said = _read(tmp_path)
    assert _rows(items) == {"ok": "ok"}
    (message,) = said
    assert "2 hidden file(s) or folder(s)" in message
    assert ".draft.txt" in message and ".ipynb_checkpoints/" in message
    assert ".DS_Store" not in message


# --------------------------------------------------------------------------- tables with no rows
def test_tables_with_no_rows_are_rows(tmp_path):
    import pandas as pd

    (tmp_path / "header.csv").write_text("id,text,outlet\n")
    (tmp_path / "blank.jsonl").write_text("\n  \n")
    pd.DataFrame({"id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)}).to_parquet(
        tmp_path / "none.parquet")
    (tmp_path / "ok.csv").write_text("id,text\nr1,Fine.\n")
    items, _ = _read(tmp_path)
    assert _rows(items) == {"blank": "empty", "header": "empty", "none": "empty", "r1": "ok"}
    message = {i.id: getattr(i, "message", "") for i in items}
    assert "a header (id, text, outlet) but no rows" in message["header"]
    assert "no rows" in message["blank"] and "no rows" in message["none"]


# --------------------------------------------------------------------------- long paths
def _deep(root, depth, name="d" * 200):
    """A chain of folders whose full path is longer than PATH_MAX, made with dir_fd."""
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=fd)
            inner = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        handle = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
        os.write(handle, b"Deep text.")
        os.close(handle)
    finally:
        os.close(fd)


def _remove_deep(root, name="d" * 200):
    """Remove what _deep made (shutil.rmtree needs paths shorter than the limit)."""
    path = os.path.join(root, name)
    if os.path.isdir(path):
        os.rename(path, os.path.join(root, "x"))
        subprocess.run(["rm", "-rf", os.path.join(root, "x")], check=False)


def test_a_path_longer_than_the_system_allows_is_a_row(tmp_path):
    limit = os.pathconf(str(tmp_path), "PC_PATH_MAX")
    (tmp_path / "ok.txt").write_text("Fine.")
    _deep(tmp_path, limit // 201 + 2)
    try:
        items, _ = _read(tmp_path)
    finally:
        _remove_deep(tmp_path)
    rows = _rows(items)
    assert rows.pop("ok") == "ok" and list(rows.values()) == ["unreadable"]
    (failure,) = [i for i in items if not isinstance(i, Document)]
    assert failure.id.endswith("/") and "longer than this system allows" in failure.message
    assert f"({limit:,})" in failure.message


# --------------------------------------------------------------------------- permissions
def _unprivileged():
    """A command prefix that runs Python as a user file permissions stop, or None."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search"]


_SCRIPT = """
import json, sys, warnings
from analysis.corpus import Document, iter_corpus
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    rows = {i.id: ["ok" if isinstance(i, Document) else i.status, getattr(i, "message", "")]
            for i in iter_corpus(sys.argv[1])}
print(json.dumps(rows))
"""


def _read_unprivileged(path):
    prefix = _unprivileged()
    if prefix is None:
        pytest.skip("tests run as root and setpriv is missing: permissions cannot be tested")
    probe = path.parent / "probe"
    probe.write_text("x")
    probe.chmod(0)
    check = subprocess.run([*prefix, sys.executable, "-c", f"open({str(probe)!r})"],
                           capture_output=True, env=os.environ)
    probe.unlink()
    if check.returncode == 0:
        pytest.skip("cannot drop the privileges that pass file permissions here "
                    "(setpriv --bounding-set had no effect)")
    result = subprocess.run([*prefix, sys.executable, "-c", _SCRIPT, str(path)],
                            capture_output=True, text=True, env=os.environ, check=True)
    return json.loads(result.stdout)


def test_folders_that_cannot_be_entered_are_rows(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "locked" / "sub").mkdir(parents=True)
    (corpus / "locked" / "sub" / "b.txt").write_text("In a folder that cannot be entered.")
    (corpus / "locked" / "c.txt").write_text("Listed but not readable.")
    (corpus / "closed").mkdir()
    (corpus / "closed" / "d.txt").write_text("In a folder that cannot be listed.")
    (corpus / "ok.txt").write_text("Fine.")
    (corpus / "locked").chmod(0o444)  # r--: names can be listed, nothing entered
    (corpus / "closed").chmod(0o311)  # -wx: entered but not listed
    try:
        rows = _read_unprivileged(corpus)
    finally:
        (corpus / "locked").chmod(0o755)
        (corpus / "closed").chmod(0o755)
    assert {k: v[0] for k, v in rows.items()} == {
        "closed/": "unreadable", "locked/c": "unreadable", "locked/sub/": "unreadable",
        "ok": "ok"}
    assert "cannot be looked at" in rows["locked/sub/"][1]
    assert "chmod +rx" in rows["locked/sub/"][1]
    assert "cannot be listed" in rows["closed/"][1]
