"""The command line's parser: every command, its options and their checks.

Usage errors are one line (exit 2) naming the option and the help command.

Examples
--------
>>> build_parser().parse_args(["run", "seeds", "--workers", "2"]).workers
2
"""

from __future__ import annotations

import argparse

from analysis.corpus import (
    DEFAULT_MAX_DOC_MB,
)
from analysis.paths import SEEDS
from analysis.run.engines import ENGINES, MAX_DOC_TIMEOUT, MAX_WORKERS
from analysis.run.folders import FIGURES_FOLDER, default_output
from analysis.run.tables import TABLES

__all__ = ["DOC_TIMEOUT", "Parser", "UsageError", "build_parser"]


#: Default of ``run --doc-timeout``: generous (an article takes well under a second).
DOC_TIMEOUT = 300.0


class UsageError(Exception):
    """A usage error found after parsing (exit 2, one line)."""


class Parser(argparse.ArgumentParser):
    """Usage errors in one line (exit 2), naming the option and the help command."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {MAX_WORKERS}, "
                                         f"got {text!r}")
    return value


def _seconds(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= MAX_DOC_TIMEOUT:
        raise argparse.ArgumentTypeError(f"must be a number of seconds from 0 (no limit) to "
                                         f"{MAX_DOC_TIMEOUT:,.0f} (a day), got {text!r}")
    return value or None


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of megabytes, got "
                                         f"{text!r}")
    return value


def _corpus_args(p: argparse.ArgumentParser, *, optional: bool = True) -> None:
    p.add_argument("corpus", nargs="?" if optional else None, default=str(SEEDS),
                   help="a .txt file, a .csv/.tsv/.jsonl/.parquet table, or a folder of them "
                        "(default: the seed articles); a metadata.csv beside the .txt files of "
                        "a folder adds columns to the documents table")
    p.add_argument("--encoding", default="utf-8",
                   help="text encoding (default: utf-8; a byte-order mark always wins)")
    p.add_argument("--text-column", default="text", help="text column of tables (default: text)")
    p.add_argument("--id-column", default="id", help="id column of tables (default: id)")
    p.add_argument("--max-doc-mb", type=_megabytes, default=DEFAULT_MAX_DOC_MB, metavar="MB",
                   help=f"documents larger than this (a file in MB, a table cell in millions of "
                        f"characters) get status too_large and are not analysed (default: "
                        f"{DEFAULT_MAX_DOC_MB:g})")


def _group_args(p: argparse.ArgumentParser, group_help: str) -> None:
    """``--group-by``, ``--date-column`` and ``--period``, shared by ``run`` and ``figures``."""
    p.add_argument("--group-by", default=None, metavar="COLUMN", help=group_help)
    p.add_argument("--date-column", default=None, metavar="COLUMN",
                   help="a metadata column of dates: also quotes over time")
    p.add_argument("--period", default=None, choices=["D", "W", "M", "Q", "Y"],
                   help="period of the over-time figures (default: M, months)")


def _figure_format_arg(p: argparse.ArgumentParser) -> None:
    """``--figure-format``, shared by ``run`` and ``figures``."""
    p.add_argument("--figure-format", action="append", choices=["png", "svg", "pdf"],
                   default=None, dest="figure_format", metavar="{png,svg,pdf}",
                   help="format of the figure files; repeat for several (default: png, which "
                        "every browser, notebook and word processor shows and which is "
                        "quickest to write; svg and pdf are vector formats for print)")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="python -m analysis",
        description="Discourse analysis of news articles: quotes, speakers, sentiment, stance.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = sub.add_parser("run", help="every stage over a corpus: tables and figures",
                         description="Run every stage over CORPUS and write tidy tables "
                                     "(documents, sentences, quotes, speakers, markers) and "
                                     "figures into --out. The folder is replaced only when "
                                     "everything is written; a failed or interrupted run "
                                     "leaves the previous results as they were.")
    _corpus_args(run)
    run.add_argument("--out", default=None,
                     help="output folder, replaced as a whole (default: results/NAME/, NAME "
                          "being the corpus's folder name or file name without its suffix: "
                          "results/seeds/ for the seeds); it must be new, empty, or written "
                          "by an earlier run. Tables (and tables by group) at its top, "
                          f"figures in {FIGURES_FOLDER}/")
    run.add_argument("--format", choices=["csv", "parquet"], default="csv",
                     help="table format (parquet for large corpora)")
    run.add_argument("--engine", choices=ENGINES, default=None,
                     help="where documents are analysed: serial (one process, the default), "
                          "processes (a pool on this machine) or dask (a local cluster, or "
                          "the one at --scheduler); all give identical tables")
    run.add_argument("--workers", type=_workers, default=None,
                     help="worker processes (default: all cores; 2 for a local Dask cluster). "
                          "Each holds about 220 MB (360 MB with dask) once warmed up: more "
                          "than the cores warns, more than memory holds is refused; with "
                          "--scheduler, how many batches are kept in flight")
    run.add_argument("--scheduler", default=None,
                     help="address of an existing Dask scheduler, tcp://HOST:PORT (implies "
                          "--engine dask)")
    run.add_argument("--target", default=None,
                     help="compute the stance of every quote toward TARGET (off by default: "
                          "stance toward an unrelated target means nothing). TARGET must be "
                          "one a shipped model was trained on (python -m analysis targets "
                          "lists them) unless --stance-model is given")
    run.add_argument("--stance-model", default=None, metavar="FILE",
                     help="a stance model fitted on your own labelled sentences and saved with "
                          "StanceClassifier.save (see notebook 03); needs --target")
    _group_args(run, "also draw and tabulate by this metadata column of the documents "
                     "(outlet, author, ...): who is quoted by which group, sentiment by group")
    run.add_argument("--profile", action="store_true",
                     help="print the time spent in each stage (text layer, quotes, sentiment, "
                          "markers, portrayal, stance, tables, writing) as shares of the total")
    run.add_argument("--doc-timeout", type=_seconds, default=DOC_TIMEOUT, metavar="SECONDS",
                     help=f"a document whose analysis takes longer is stopped and recorded "
                          f"with status timeout (default: {DOC_TIMEOUT:g}; 0: no limit; at "
                          f"most {MAX_DOC_TIMEOUT:,.0f}; not with dask)")
    run.add_argument("--attributions", choices=["speech", "all"], default="speech",
                     help="what the quotes table holds: speech (quotations and indirect "
                          "speech: what a reader calls quoting; the default) or all (every "
                          "attribution, beliefs and intentions included: PolNeAR's scheme); "
                          "every quote carries its cue_class")
    run.add_argument("--tokens", action="store_true", help="also write the tokens table")
    run.add_argument("--no-figures", action="store_true", help="do not draw figures")
    _figure_format_arg(run)
    run.add_argument("--no-report", action="store_true",
                     help="do not write report.html (the page with the headline numbers, the "
                          "figures and every speaker's quotes)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")

    for name, helptext in [("sentences", "print sentences with offsets (JSON lines)"),
                           ("tokens", "print tokens with offsets (JSON lines)"),
                           ("quotes", "print quotes with every column of the quotes table "
                                      "(JSON lines)"),
                           ("sentiment", "print every scorer's sentiment per sentence (CSV; "
                                         "columns: python -m analysis columns sentence_scores)"),
                           ("markers", "print stance-marker counts per document (CSV, the "
                                       "markers table's columns)")]:
        p = sub.add_parser(name, help=helptext, description=helptext.capitalize() + ".")
        _corpus_args(p)
        if name == "quotes":
            p.add_argument("--attributions", choices=["speech", "all"], default="speech",
                           help="speech (quotations and indirect speech; the default) or all "
                                "(every attribution, PolNeAR's scheme)")

    fig = sub.add_parser("figures", help="regenerate every figure from the tables",
                         description="Regenerate every figure (PNG unless --figure-format "
                                     "says otherwise) and the tables "
                                     "by group from tables written by `run`, where `run` "
                                     "writes them: the figures in figures/, the tables by "
                                     "group at the top. The grouping options default to "
                                     "those of the run.")
    fig.add_argument("--tables", default=str(default_output(SEEDS)),
                     help="folder with the tables (default: results/seeds, the seeds' results)")
    fig.add_argument("--out", default=None,
                     help=f"output folder: figures in OUT/{FIGURES_FOLDER}/, tables by group at "
                          f"its top (default: TABLES)")
    _group_args(fig, "also draw by this metadata column of the documents table (default: the "
                     "run's --group-by)")
    _figure_format_arg(fig)

    rep = sub.add_parser("report", help="write report.html from the tables and figures of a run",
                         description="Write report.html, one self-contained page (no server, "
                                     "no network) with the headline numbers, the figures and "
                                     "every speaker's quotes, from the tables and figures a "
                                     "run wrote into --tables.")
    rep.add_argument("--tables", default=str(default_output(SEEDS)),
                     help="folder with the tables (and figures/) of a run (default: "
                          "results/seeds, the seeds' results)")
    rep.add_argument("--out", default=None, metavar="FILE",
                     help="the page to write (default: TABLES/report.html)")
    rep.add_argument("--group-by", default=None, metavar="COLUMN",
                     help="filter speakers and quotes by this column of the documents table "
                          "(default: the run's --group-by)")
    sub.add_parser("targets", help="list the stance targets of the shipped stance models",
                   description="List the stance targets the shipped stance models were "
                               "trained on (usable with run --target).")

    ex = sub.add_parser("explain", help="the evidence for each quote of a text, readable",
                        description="For each quote of FILE: how its content was found, its "
                                    "kind and cue class, the ranked speaker candidates with "
                                    "the features that weighed most, how its speaker was "
                                    "resolved, and how sure the engine is (p_quote, "
                                    "p_speaker).")
    ex.add_argument("file", help="a text file (UTF-8)")
    ex.add_argument("--quote", type=int, default=None, metavar="N",
                    help="only quote N (from 0, in text order)")
    ex.add_argument("--attributions", choices=["speech", "all"], default="speech",
                    help="the scheme: speech (default) or all")
    ex.add_argument("--candidates", type=int, default=3, metavar="K",
                    help="speaker candidates shown per quote (default 3)")
    ex.add_argument("--html", metavar="OUT", default=None,
                    help="also write the text with the quotes highlighted and the evidence "
                         "as an HTML page")

    from analysis.cli.notebooks import add_parser as notebooks_parser

    notebooks_parser(sub)

    cols = sub.add_parser("columns", help="the data dictionary: every table and column",
                          description="Print every table and column: type, unit, meaning and "
                                      "how it is computed.")
    cols.add_argument("table", nargs="?", choices=list(TABLES), metavar="TABLE",
                      help=f"one table ({', '.join(TABLES)}); default: all")
    cols.add_argument("--markdown", action="store_true",
                      help="print Markdown (docs/columns.md is this)")

    ev = sub.add_parser("evaluate", help="score quote extraction against gold annotations",
                        description="Compare extracted quotes with gold JSON files "
                                    "(<doc>.gold.json beside each <doc>.txt), with a "
                                    "passage set (a JSON list of {id, text, quotes}, such as "
                                    "tests/data/quotes_heldout.json), or, with --polnear, with "
                                    "the gold attributions of real news articles (a PolNeAR "
                                    "folder), or, with --gold, with a gold set annotated for "
                                    "speech (see analysis.evaluate for the protocols).")
    ev.add_argument("corpus", nargs="?", default=str(SEEDS),
                    help="folder with <doc>.txt and <doc>.gold.json, or a passage-set .json "
                         "file (default: seeds; ignored with --polnear)")
    ev.add_argument("--polnear", metavar="DIR", default=None,
                    help="a PolNeAR folder (text/, attributions/, metadata.tsv), e.g. "
                         "/work/shared/data/polnear-train")
    ev.add_argument("--gold", metavar="DIR", default=None,
                    help="a gold set annotated for speech: texts/NAME.txt and gold/NAME.json "
                         "(such as the BBC development set); scored at IoU >= --threshold, "
                         "speakers by canonical name (see analysis.evaluate.speech)")
    ev.add_argument("--attributions", choices=["speech", "all"], default=None,
                    help="the engine's scheme to score (default: all with --polnear, speech "
                         "with --gold)")
    ev.add_argument("--reliability", action="store_true",
                    help="with --polnear or --gold: also print the reliability tables of "
                         "p_quote and p_speaker (calibration) and their expected "
                         "calibration error")
    ev.add_argument("--part", choices=["validation", "fit", "all"], default="validation",
                    help="with --polnear: which articles (default: validation, 2016-07-01 to "
                         "2016-09-30; fit = up to 2016-06-30)")
    ev.add_argument("--by", action="append", default=[], metavar="WHAT",
                    choices=["kind", "rule", "publisher", "cue_class", "source_type"],
                    help="with --polnear or --gold: also break the scores down by kind, rule, "
                         "publisher, cue_class or source_type (repeatable)")
    ev.add_argument("--errors", nargs="?", type=int, const=-1, default=None, metavar="N",
                    help="also list errors: all of them, or N spread over the listing")
    ev.add_argument("--baseline", action="store_true",
                    help="with --polnear: score the regex baseline (pairs marks, nearest "
                         "capitalised word as speaker) instead of the extractor")
    ev.add_argument("--agreement", action="store_true",
                    help="with --polnear: also score annotators against each other on the "
                         "articles that several annotated (all parts)")
    ev.add_argument("--threshold", type=float, default=0.5,
                    help="minimum span overlap for a match of quoted spans (default: 0.5)")
    ev.add_argument("--indirect-threshold", type=float, default=0.3,
                    help="with --polnear: minimum overlap for indirect contents (default: 0.3)")
    return parser
