"""Closed or full standard streams never cost a result, and no traceback reaches a user
(issue #22, item 6).

Real processes, real file descriptors: ``>&-`` closes a descriptor (``DEVNULL`` would
not), ``/dev/full`` fails every write with ENOSPC.
"""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli import main
from analysis.paths import REPO, SEEDS

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full") or not hasattr(os, "fork"),
                                reason="needs /dev/full and POSIX file descriptors")


def _sh(command: str, tmp_path: Path) -> subprocess.CompletedProcess:
    """``command`` run by sh with stdout and stderr captured in files (the redirections
    in ``command`` come last, so they win)."""
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("wb") as o, err.open("wb") as e:
        code = subprocess.run(["sh", "-c", command], stdout=o, stderr=e, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=600).returncode
    return subprocess.CompletedProcess(command, code, out.read_text(), err.read_text())


def _python(*args: str) -> str:
    return " ".join([sys.executable, "-m", "analysis", *args])


@pytest.mark.slow
@pytest.mark.parametrize("redirect", [">&-", "2>&-", ">/dev/full", "2>/dev/full",
                                      ">&- 2>&-", ">/dev/full 2>/dev/full"])
def test_run_writes_its_results_whatever_the_standard_streams(tmp_path, redirect):
    out = tmp_path / "out"
    result = _sh(f"{_python('run', str(SEEDS), '--out', str(out))} {redirect}", tmp_path)
    assert result.returncode == 0, result
    assert "Traceback" not in result.stdout + result.stderr
    assert pd.read_csv(out / "documents.csv").status.tolist() == ["ok"]
    assert len(pd.read_csv(out / "sentences.csv")) > 10
    assert (out / "figures").is_dir()
    if "2>" not in redirect:  # standard error is visible: the progress bar only
        assert "error" not in result.stderr.lower()


@pytest.mark.slow
def test_run_with_stdout_closed_by_the_parent_process(tmp_path):
    """The descriptor closed in the child before exec, as a shell's ``>&-`` does: the
    first file the run opens must not become its standard output."""
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "analysis", "run", str(SEEDS), "--out",
                             str(out), "--no-figures", "--quiet"],
                            preexec_fn=lambda: os.close(1), stderr=subprocess.PIPE, text=True,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=600)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert (out / "documents.csv").read_text(encoding="utf-8").startswith("doc_id,")


@pytest.mark.slow
@pytest.mark.parametrize("redirect,code,words", [
    (">/dev/full", 1, "cannot write to standard output (No space left on device)"),
    (">&-", 1, "standard output is closed"),
    ("| head -c 10 >/dev/null", 0, ""),
])
def test_printing_commands_stop_with_one_line(tmp_path, redirect, code, words):
    result = _sh(f"{_python('sentences', str(SEEDS))} {redirect}; echo $? >&2", tmp_path)
    *lines, status = result.stderr.strip().splitlines() or [""]
    assert int(status) == code, result
    assert len(lines) == (1 if words else 0) and words in "".join(lines), result.stderr


def test_unexpected_errors_are_one_line(monkeypatch, capsys):
    import analysis.cli

    def broken(args):
        raise RuntimeError("something nobody expected\nsecond line")

    monkeypatch.setattr(analysis.cli, "per_document", broken)
    monkeypatch.delenv("ANALYSIS_DEBUG", raising=False)
    assert main(["sentences", str(SEEDS)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "RuntimeError: something nobody expected" in err
    assert "ANALYSIS_DEBUG=1" in err


def test_errors_at_exit_print_no_traceback(tmp_path):
    """An object whose clean-up fails when the process ends (a Dask client that cannot
    close, say) prints nothing through the script's hooks."""
    code = ("import sys, analysis.cli as cli\n"
            "class Stubborn:\n"
            "    def __del__(self):\n"
            "        raise TimeoutError('timed out after 10 s.')\n"
            "keep = Stubborn()\n"
            "sys.argv = ['analysis', 'targets']\n"
            "raise SystemExit(cli.script())\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=120)
    assert result.returncode == 0 and result.stderr == "", result.stderr
