"""The README's promises on exit status are what the command line does.

Each case names the words of the README's "Exit status" paragraph that promise it, so
that a promise without a test, or a test of a promise the README no longer makes,
fails here.  Every usage error is one line on standard error, exit 2, and writes
nothing; the failures that mean "nothing could be processed" exit 1.
"""

import re
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.paths import REPO, SEEDS
from analysis.run import engines
from analysis.run.folders import replace_folder


def _exit_status_paragraph() -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"\*\*Exit status\*\*:(.*?)\n\n", text, re.S)
    assert match, "the README has no **Exit status** paragraph"
    return " ".join(match.group(1).split())


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("‘Fine,’ she said.", encoding="utf-8")
    return corpus


# promise (words of the README) -> setup(tmp_path, out) returning the arguments after
# "run"; each yields exit 2 in one line and writes nothing.
USAGE = {
    "a bad option": lambda t, o: [str(SEEDS), "--format", "xlsx"],
    "a corpus path that does not exist": lambda t, o: [str(t / "typo")],
    "is not a corpus": lambda t, o: ["/dev/null"],
    "an output folder that is a file": lambda t, o: (o.write_text("keep"), [str(SEEDS)])[1],
    "read-only": lambda t, o: [str(SEEDS), "--out", "/proc/analysis-results"],
    "holds other files": lambda t, o: (o.mkdir(), (o / "thesis.docx").write_text("mine"),
                                       [str(SEEDS)])[2],
    "is the corpus": lambda t, o: [str(_corpus(t)), "--out", str(t / "corpus")],
    "contains it": lambda t, o: [str(_corpus(t)), "--out", str(t)],
    "a malformed `metadata.csv`": lambda t, o: (
        _corpus(t), (t / "corpus" / "metadata.csv").write_text("outlet\nAP\n"),
        [str(t / "corpus")])[2],
    "a `--doc-timeout` over a day": lambda t, o: [str(SEEDS), "--doc-timeout", "inf"],
    "a `--stance-model` that is not a model": lambda t, o: (
        (t / "notes.txt").write_text("favor: yes"),
        [str(SEEDS), "--target", "sanctions", "--stance-model", str(t / "notes.txt")])[1],
    "`--workers` more than memory holds": lambda t, o: [str(SEEDS), "--engine", "processes",
                                                        "--workers", "1024"],
    "a `--scheduler` that does not complete Dask's handshake": lambda t, o: [
        str(SEEDS), "--scheduler", "inproc://127.0.0.1/1/1"],
}


@pytest.mark.parametrize("promise", list(USAGE))
def test_every_usage_error_the_readme_lists_is_one_line_exit_2(promise, tmp_path, capsys,
                                                               monkeypatch):
    assert promise in _exit_status_paragraph()
    monkeypatch.setattr(engines, "available_mb", lambda: 8_000.0)
    out = tmp_path / "out"
    args = USAGE[promise](tmp_path, out)
    if "--out" not in args:
        args += ["--out", str(out)]
    if promise == "read-only" and not Path("/proc").is_dir():
        pytest.skip("no /proc")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    try:
        code = main(["run", *args, "--quiet"])
    except SystemExit as exit_:  # argparse
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2, (promise, err)
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_folder_in_use_by_another_run_is_exit_2(tmp_path, capsys):
    assert "in use by another run" in _exit_status_paragraph()
    out = tmp_path / "out"
    with replace_folder(out):
        assert main(["run", str(SEEDS), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "another run" in err


@pytest.mark.parametrize("promise,make", [
    ("no document", lambda t: (t / "empty").mkdir() or t / "empty"),
    ("none could be analysed", lambda t: ((t / "bad").mkdir(), (t / "bad" / "e.txt").write_text(
        "  "))[0] or t / "bad"),
])
def test_nothing_to_process_is_exit_1(promise, make, tmp_path, capsys):
    assert promise in _exit_status_paragraph()
    corpus = make(tmp_path)
    assert main(["run", str(corpus), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith("error:") and "Traceback" not in err
    assert not (tmp_path / "out").exists()
