"""Never lose a result: atomic, exclusive outputs and one-line usage errors.

Every run here writes under ``tmp_path``, never into the repository's ``results/``.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.paths import SEEDS
from analysis.run.folders import FolderLocked, OutputError, replace_folder
from analysis.run.output import write_tables


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """Results of a complete run, to check that failed runs leave them as they were."""
    out = tmp_path_factory.mktemp("prev") / "results"
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet", "--no-figures"]) == 0
    return out


def _copy_of(previous: Path, tmp_path: Path) -> Path:
    import shutil

    out = tmp_path / "results"
    shutil.copytree(previous, out)
    return out


def _run(*args: str) -> int:
    return main(["run", *args, "--quiet", "--no-figures"])


def test_failed_runs_leave_previous_results(previous, tmp_path, capsys):
    out = _copy_of(previous, tmp_path)
    before = _snapshot(out)
    assert _run(str(tmp_path / "typo"), "--out", str(out)) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run(str(empty), "--out", str(out)) == 1
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "e.txt").write_bytes(b"")
    assert _run(str(tmp_path / "bad"), "--out", str(out)) == 1
    err = capsys.readouterr().err
    assert "no such file" in err and "the folder is empty" in err
    assert f"the previous results in {out} are as they were" in err
    assert _snapshot(out) == before and _leftovers(out) == []


def test_error_midway_leaves_previous_results(previous, tmp_path):
    out = _copy_of(previous, tmp_path)
    before = _snapshot(out)

    def rows():
        yield {"documents": [{"doc_id": "a", "status": "ok"}]}
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_tables(rows(), out)
    assert _snapshot(out) == before and _leftovers(out) == []


def test_figure_failure_leaves_previous_results(previous, tmp_path, monkeypatch, capsys):
    import analysis.cli.runs

    out = _copy_of(previous, tmp_path)
    before = _snapshot(out)

    def broken(folder, **options):
        raise ValueError("a figure bug")

    monkeypatch.setattr(analysis.cli.runs, "_figures_into", broken)
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "a figure bug" in err and "as they were" in err and "Traceback" not in err
    assert _snapshot(out) == before and _leftovers(out) == []


def test_figures_command_replaces_figures_only_when_complete(previous, tmp_path,
                                                            monkeypatch, capsys):
    import analysis.figures

    out = _copy_of(previous, tmp_path)
    assert main(["figures", "--tables", str(out)]) == 0
    before = _snapshot(out)
    assert any(name.endswith(".png") for name in before)
    real = analysis.figures.reproduce

    def half(tables, folder):
        real(tables, folder)
        raise MemoryError("out of memory after the figures")

    monkeypatch.setattr(analysis.figures, "reproduce", half)
    assert main(["figures", "--tables", str(out)]) == 1
    assert "as they were" in capsys.readouterr().err
    assert _snapshot(out) == before and _leftovers(out / "figures") == []


@pytest.mark.parametrize("saved", ["notes.txt", "figures/thesis.tex", "drafts/ch1/notes.md"])
def test_a_run_never_deletes_files_it_did_not_write(previous, tmp_path, capsys, saved):
    """The user saves a file into the results of a run (at the top, beside the figures,
    in a folder of their own): the next run into that folder refuses, naming it."""
    out = _copy_of(previous, tmp_path)
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet"]) == 0  # with figures
    (out / saved).parent.mkdir(parents=True, exist_ok=True)
    (out / saved).write_text("my own work", encoding="utf-8")
    before = _snapshot(out)
    capsys.readouterr()
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and saved in err, err
    assert _snapshot(out) == before
    if saved.startswith("figures/"):  # the figures command refuses too
        assert main(["figures", "--tables", str(out)]) == 2
        assert _snapshot(out) == before
    (out / saved).unlink()
    if saved.startswith("drafts/"):  # an empty folder of the user's is theirs too
        assert main(["run", str(SEEDS), "--out", str(out), "--quiet"]) == 2
        import shutil

        shutil.rmtree(out / "drafts")
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet", "--no-figures"]) == 0


def test_results_redrawn_by_the_figures_command_can_be_replaced(previous, tmp_path):
    out = _copy_of(previous, tmp_path)
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    assert main(["figures", "--tables", str(out), "--group-by", "file"]) == 0
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet", "--no-figures"]) == 0


def test_second_run_into_the_same_folder_stops(previous, tmp_path, capsys):
    out = _copy_of(previous, tmp_path)
    with replace_folder(out):
        assert _run(str(SEEDS), "--out", str(out)) == 2
        with pytest.raises(FolderLocked):
            write_tables([], out)
    assert "another run" in capsys.readouterr().err
    assert _run(str(SEEDS), "--out", str(out)) == 0  # the lock is gone with its holder


@pytest.mark.parametrize("case", ["file", "corpus", "inside", "foreign", "readonly"])
def test_unusable_output_folder_is_one_line_exit_2(tmp_path, capsys, case):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Fine.", encoding="utf-8")
    out = {"file": tmp_path / "afile", "corpus": corpus, "inside": tmp_path,
           "foreign": tmp_path / "mine", "readonly": Path("/proc/analysis-results")}[case]
    if case == "readonly" and not Path("/proc").is_dir():
        pytest.skip("no /proc")
    if case == "file":
        out.write_text("keep me")
    if case == "foreign":
        out.mkdir()
        (out / "thesis.docx").write_text("keep me")
    before = _snapshot(tmp_path)
    assert _run(str(corpus), "--out", str(out)) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("error:"), err
    assert _snapshot(tmp_path) == before


def test_output_inside_the_corpus_is_not_read_back(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("‘Yes,’ she said.", encoding="utf-8")
    for _ in range(2):
        assert _run(str(corpus), "--out", str(corpus / "results")) == 0
    docs = pd.read_csv(corpus / "results" / "documents.csv")
    assert docs.doc_id.tolist() == ["a"]


@pytest.mark.parametrize("args,words", [
    (["--workers", "0"], "--workers"),
    (["--workers", "many"], "--workers"),
    (["--engine", "serial", "--scheduler", "tcp://127.0.0.1:1"], "needs the dask engine"),
    (["--scheduler", "tcp://127.0.0.1:1"], "cannot reach the Dask scheduler"),
    (["--max-doc-mb", "0"], "--max-doc-mb"),
    (["--encoding", "klingon"], "unknown encoding"),
])
def test_usage_errors_are_one_line_exit_2(tmp_path, capsys, args, words):
    out = tmp_path / "out"
    started = time.perf_counter()
    try:
        code = _run(str(SEEDS), "--out", str(out), *args)
    except SystemExit as exit_:  # argparse
        code = exit_.code
    assert time.perf_counter() - started < 5
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and words in err, err
    assert not out.exists() and _leftovers(out) == []


def test_killed_run_is_repaired_by_the_next(previous, tmp_path, capsys):
    out = _copy_of(previous, tmp_path)
    (tmp_path / ".results.tmp-1-x").mkdir()  # what a SIGKILL mid-run leaves
    (tmp_path / ".results.tmp-1-x" / "documents.csv").write_text("half")
    assert _run(str(SEEDS), "--out", str(out)) == 0
    assert "unfinished output of an earlier run" in capsys.readouterr().err
    assert _leftovers(out) == []
    # A kill between the two renames of a swap: the old folder is put back.
    os.rename(out, tmp_path / ".results.old-1")
    with replace_folder(out) as r:
        assert r.notes and "restored" in r.notes[0]
        assert (out / "documents.csv").exists()


# --------------------------------------------------------------------------- processes
def _cli(*args):
    return [sys.executable, "-m", "analysis", *args]


def _wait_for(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupted_run_leaves_previous_results(previous, tmp_path, seed_corpus, sig):
    out = _copy_of(previous, tmp_path)
    before = _snapshot(out)
    corpus = seed_corpus(200)
    proc = subprocess.Popen(_cli("run", str(corpus), "--out", str(out), "--quiet"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert _wait_for(lambda: any(".tmp-" in n for n in _leftovers(out)), 60)
        time.sleep(0.5)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert _snapshot(out) == before
    if sig != signal.SIGKILL:
        assert proc.returncode in (130, 128 + sig) and "as they were" in err, err
        assert "Traceback" not in err and _leftovers(out) == []


@pytest.mark.slow
def test_killed_processes_run_leaves_no_workers(tmp_path, seed_corpus):
    psutil = pytest.importorskip("psutil")
    corpus = seed_corpus(400)
    proc = subprocess.Popen(_cli("run", str(corpus), "--out", str(tmp_path / "out"), "--quiet",
                                 "--engine", "processes", "--workers", "2"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    main_process = psutil.Process(proc.pid)

    def workers():
        return [p for p in main_process.children(recursive=True)
                if "forkserver" in " ".join(p.cmdline())]

    try:
        assert _wait_for(lambda: len(workers()) >= 3, 120)  # the server and two workers
        spawned = workers()
    finally:
        proc.kill()
        proc.wait()
    _gone, alive = psutil.wait_procs(spawned, timeout=15)
    for p in alive:  # do not leave them behind even when the test fails
        p.kill()
    assert not alive, [p.pid for p in alive]


@pytest.mark.slow
def test_closed_stdout_does_not_abort_the_run(tmp_path):
    out = tmp_path / "out"
    script = (f"{sys.executable} -m analysis run {SEEDS} --out {out} --no-figures 2>&1 "
              f"| head -c 1 >/dev/null; echo ${{PIPESTATUS[0]}}")
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=300)
    assert result.stdout.strip() == "0", result
    assert pd.read_csv(out / "documents.csv").status.tolist() == ["ok"]
    assert len(pd.read_csv(out / "sentences.csv")) > 10


def test_output_error_names_the_fix(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(OutputError, match="give a new or empty folder"):
        write_tables([], tmp_path)
