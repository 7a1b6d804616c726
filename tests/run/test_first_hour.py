"""A researcher's first hour: where a run writes, what it prints, and usage errors that
come before any document is read.

Every run here writes under ``tmp_path`` (the default output folder is redirected
there), never into the repository's ``results/``.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.cli import main
from analysis.paths import RESULTS, SEEDS
from analysis.run import folders
from analysis.run.folders import MANIFEST, corpus_name, default_output, foreign_files

SMALL = ("id,outlet,date,title,text\n"
         'a1,Courier,2024-01-09,Tram vote,"“We will build it,” said Mayor Helen Okafor. '
         'Councillor David Brandt said the plan was rushed."\n'
         'b1,Ledger,2024-02-13,Water rates,"“Nobody asked us,” Brandt said. The rise was '
         'approved."\n')


@pytest.fixture
def small(tmp_path: Path) -> Path:
    corpus = tmp_path / "news.csv"
    corpus.write_text(SMALL, encoding="utf-8")
    return corpus


@pytest.fixture
def results_here(tmp_path, monkeypatch) -> Path:
    """The default output root (``results/``) moved under ``tmp_path``."""
    root = tmp_path / "results"
    monkeypatch.setattr(folders, "RESULTS", root)
    return root


# --------------------------------------------------------------------------- where a run writes
def test_the_default_output_folder_is_named_after_the_corpus():
    assert default_output(SEEDS) == RESULTS / "seeds"
    assert corpus_name("analysis/data/demo/articles.csv") == "articles"
    assert corpus_name("/data/news.2024/") == "news.2024"  # a folder keeps its dots
    assert corpus_name(".hidden.csv") == "corpus"


def test_runs_on_two_corpora_keep_both_results(small, tmp_path, results_here, capsys):
    other = tmp_path / "other"
    other.mkdir()
    (other / "one.txt").write_text("“It rained,” she said.", encoding="utf-8")
    assert main(["run", str(small), "--quiet", "--no-figures"]) == 0
    assert main(["run", str(other), "--quiet", "--no-figures"]) == 0
    assert (results_here / "news" / "documents.csv").exists()
    assert (results_here / "other" / "documents.csv").exists()
    # another corpus with the same name would replace them: refused, before anything is read
    twin = tmp_path / "elsewhere" / "news.csv"
    twin.parent.mkdir()
    twin.write_text(SMALL, encoding="utf-8")
    capsys.readouterr()
    assert main(["run", str(twin), "--quiet", "--no-figures"]) == 2
    err = capsys.readouterr().err
    assert "another corpus with the same name" in err and "--out" in err


def test_layout_tables_at_the_top_figures_below_and_the_summary(small, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(small), "--out", str(out), "--quiet", "--group-by", "outlet",
                 "--date-column", "date"]) == 0
    top = {p.name for p in out.iterdir()}
    assert {"documents.csv", "quotes.csv", "by_group_documents.csv", "by_group_speakers.csv",
            "over_time.csv", "undated.csv", "figures"} <= top
    inside = {p.name for p in (out / "figures").iterdir()}
    assert "quotes_per_speaker.png" in inside and "who_is_quoted_by_group.png" in inside
    assert not any(n.endswith((".svg", ".pdf")) for n in inside)  # PNG unless asked
    assert not any(folders.is_by_group_table(n) for n in inside)
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["group_by"] == "outlet" and manifest["date_column"] == "date"
    assert "by_group_documents.csv" in manifest["files"]
    printed = capsys.readouterr().out
    assert "documents  2 read: 2 ok" in printed
    assert "quotes     " in printed and "direct" in printed
    assert "3 quoted; most quoted: Brandt (1), David Brandt (1), Helen Okafor (1)" in printed
    for group in ("  tables           documents.csv, ", "  by-group tables  by_group_",
                  "  figures/         "):
        assert group in printed, printed
    assert "quotes_per_speaker.png," in printed
    # every file on disk is listed in the summary
    for path in out.rglob("*"):
        if path.is_file() and path.name != MANIFEST:
            assert path.name in printed or f"{path.stem}.png/.svg" in printed, path


def test_figures_command_redraws_where_run_writes(small, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(small), "--out", str(out), "--quiet", "--group-by", "outlet"]) == 0
    (out / "by_group_documents.csv").unlink()
    # the grouping recorded by the run is the default
    assert main(["figures", "--tables", str(out)]) == 0
    assert (out / "by_group_documents.csv").exists()
    assert (out / "figures" / "who_is_quoted_by_group.png").exists()
    assert foreign_files(out) == []
    # regrouped by date: the tables by outlet go, those over time come
    assert main(["figures", "--tables", str(out), "--group-by", "", "--date-column",
                 "date"]) == 0
    names = {p.name for p in out.iterdir()}
    assert "over_time.csv" in names and "by_group_documents.csv" not in names
    assert not (out / "figures" / "who_is_quoted_by_group.png").exists()
    assert foreign_files(out) == []
    # and a run replaces the folder the figures command redrew
    assert main(["run", str(small), "--out", str(out), "--quiet", "--no-figures"]) == 0
    capsys.readouterr()
    assert main(["figures", "--tables", str(out), "--group-by", "Outlet"]) == 2
    assert "did you mean 'outlet'?" in capsys.readouterr().err


def test_figures_command_keeps_notes_beside_the_tables_and_refuses_to_lose_files(small,
                                                                               tmp_path,
                                                                               capsys):
    out = tmp_path / "out"
    assert main(["run", str(small), "--out", str(out), "--quiet", "--group-by", "outlet"]) == 0
    (out / "notes.txt").write_text("my reading notes", encoding="utf-8")
    assert main(["figures", "--tables", str(out)]) == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my reading notes"
    assert foreign_files(out) == ["notes.txt"]  # still the user's: never in the manifest
    for mine in ("figures/draft.tex", "by_group_mine.csv"):
        (out / mine).write_text("my own work", encoding="utf-8")
        capsys.readouterr()
        assert main(["figures", "--tables", str(out)]) == 2
        assert mine in capsys.readouterr().err
        assert (out / mine).read_text(encoding="utf-8") == "my own work"
        (out / mine).unlink()


def test_a_folder_written_before_the_manifest_may_hold_tables_by_group(tmp_path):
    out = tmp_path / "old"
    (out / "figures").mkdir(parents=True)
    for name in ("documents.csv", "by_group_speakers.csv", "over_time.csv", "undated.csv",
                 "figures/a.svg"):
        (out / name).write_text("x")
    assert foreign_files(out) == []


# --------------------------------------------------------------------------- usage errors first
def _big(path: Path, rows: int, header: list[str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            writer.writerow([f"d{i}", ["Courier", "Ledger"][i % 2], "2024-01-01",
                             "“Yes,” she said. The council met on Monday."])
    return path


def _timed_cli(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                            text=True, check=False, timeout=120)
    return result, time.perf_counter() - started


@pytest.mark.slow
def test_usage_errors_on_100000_rows_come_at_once(tmp_path):
    """Both errors are found from the header alone: a typo in --group-by and a table
    without the text column exit 2 in one line, within 2 seconds (the process's start
    included), and nothing is written."""
    corpus = _big(tmp_path / "big.csv", 100_000, ["id", "outlet", "date", "text"])
    out = tmp_path / "out"
    result, seconds = _timed_cli("run", str(corpus), "--out", str(out), "--group-by", "Outlet")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().count("\n") == 0
    assert "did you mean 'outlet'?" in result.stderr
    assert seconds < 2.0, seconds
    body = _big(tmp_path / "body.csv", 100_000, ["id", "outlet", "date", "body"])
    result, seconds = _timed_cli("run", str(body), "--out", str(out))
    assert result.returncode == 2 and result.stderr.strip().count("\n") == 0, result.stderr
    assert "no column 'text'" in result.stderr
    assert "['id', 'outlet', 'date', 'body']" in result.stderr and "--text-column" in result.stderr
    assert seconds < 2.0, seconds
    assert not out.exists()


@pytest.mark.parametrize(("option", "value", "words"), [
    ("--group-by", "outlett", "did you mean 'outlet'?"),
    ("--group-by", "Outlet", "did you mean 'outlet'?"),
    ("--date-column", "datum", "did you mean 'date'?"),
    ("--group-by", "publisher", "its metadata columns are ['file', 'folder', 'row', 'outlet',"),
])
def test_grouping_columns_are_checked_before_reading(small, tmp_path, monkeypatch, capsys,
                                                     option, value, words):
    import analysis.cli.runs as runs

    def no_reading(*args, **kwargs):
        raise AssertionError("a document was read before the usage error")

    monkeypatch.setattr(runs, "corpus_items", no_reading)
    assert main(["run", str(small), "--out", str(tmp_path / "out"), option, value]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and words in err, err


def test_grouping_by_loader_and_computed_columns_is_accepted(small, tmp_path):
    for column in ("file", "row", "status", "title"):
        assert main(["run", str(small), "--out", str(tmp_path / column), "--quiet",
                     "--no-figures", "--group-by", column]) == 0


def test_folder_corpus_columns_come_from_its_sidecar(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    (corpus / "ap").mkdir(parents=True)
    (corpus / "ap" / "talks.txt").write_text("“No,” he said.", encoding="utf-8")
    (corpus / "metadata.csv").write_text("id,outlet,date\nap/talks,AP,2024-01-02\n"
                                         "bbc/storm,BBC,2024-01-03\nbbc/gone,BBC,2024-01-04\n",
                                         encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--group-by", "Outlet"]) == 2
    assert "did you mean 'outlet'?" in capsys.readouterr().err
    assert main(["run", str(corpus), "--out", str(out), "--quiet", "--no-figures",
                 "--group-by", "outlet", "--date-column", "date"]) == 0
    err = capsys.readouterr().err
    warning = [line for line in err.splitlines() if "name no text file" in line]
    assert len(warning) == 1 and "2 row(s) of 3" in warning[0], err
    assert main(["run", str(corpus), "--out", str(out), "--quiet", "--no-figures",
                 "--group-by", "folder"]) == 0
