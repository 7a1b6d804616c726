"""The ``run`` and ``figures`` commands: every stage over a corpus into tables, figures and
``report.html``.

``run`` writes into a temporary folder beside ``--out`` and puts it in place only when
every table, figure and the report are complete: a failed, interrupted or killed run
leaves the previous results exactly as they were (see :mod:`analysis.run.folders`).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.cli.documents import corpus_items, nonempty
from analysis.cli.parser import UsageError
from analysis.cli.streams import Reporter, print_error
from analysis.corpus import (
    CorpusError,
    Document,
    Failure,
    display_path,
)
from analysis.run.engines import EngineError
from analysis.run.folders import OutputError
from analysis.run.summary import Headline, written_files

if TYPE_CHECKING:
    from analysis.figures.summary import WordCounts

__all__ = ["check_corpus_columns", "figures_command", "file_lines", "run_command"]


class _NothingAnalysed(Exception):
    pass


class _Stopped(BaseException):
    """SIGTERM or SIGHUP: unwind like Ctrl-C so that nothing half-written stays."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: Signals received during a run.  Raising from a signal handler can land inside an
#: object's finalizer (``__del__``), where Python ignores the exception, so the run also
#: checks this list at safe points (:func:`_check_stopped`).
_PENDING: list[int] = []


def _check_stopped() -> None:
    """Raise :class:`_Stopped` (or KeyboardInterrupt for Ctrl-C) when a signal arrived
    whose exception was swallowed."""
    if _PENDING:
        if _PENDING[0] == signal.SIGINT:
            raise KeyboardInterrupt
        raise _Stopped(_PENDING[0])


def _stop_on_signals() -> None:
    _PENDING.clear()

    def stop(signum, frame):
        _PENDING.append(signum)
        raise _Stopped(signum)

    def interrupt(signum, frame):
        _PENDING.append(signum)
        raise KeyboardInterrupt

    def unraisable(info) -> None:  # a stop swallowed by a finalizer: no traceback
        if not isinstance(info.exc_value, _Stopped | KeyboardInterrupt):
            default_hook(info)

    default_hook = sys.unraisablehook  # the command line's quiet hook, or Python's
    sys.unraisablehook = unraisable
    with suppress(ValueError):
        signal.signal(signal.SIGINT, interrupt)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with suppress(ValueError):  # not the main thread: leave signals alone
                signal.signal(getattr(signal, name), stop)


def run_command(args: argparse.Namespace) -> int:
    from analysis.run.engines import check_local_workers, check_scheduler

    engine = args.engine or ("dask" if args.scheduler else "serial")
    # usage errors first, before the package's models are imported
    check_local_workers(engine, args.workers, args.scheduler)
    if args.scheduler and engine == "dask":  # (with another engine: refused below)
        check_scheduler(args.scheduler)
    from analysis.run.engines import open_engine, result_status
    from analysis.run.folders import check_output, replace_folder

    if args.stance_model and not args.target:
        raise UsageError("--stance-model needs --target (the target the model was fitted for)")
    if args.stance_model and not Path(args.stance_model).is_file():
        raise UsageError(f"--stance-model {args.stance_model}: no such file")
    # usage errors from the corpus's headers and the output folder come first, before
    # the models are loaded (seconds) and before any document is read
    args.period = args.period or "M"
    check_corpus_columns(args)
    out = check_output(_output_folder(args), inputs=[args.corpus])

    from analysis.run.groups import GroupingError
    from analysis.run.output import TableWriter
    from analysis.run.stages import STAGES, stance_target

    try:
        spec = stance_target(args.target, args.stance_model)
    except ValueError as err:
        raise UsageError(str(err)) from None
    items = nonempty(corpus_items(args, exclude=[out]), args.corpus, exclude=[out])
    if items is None:
        return 1
    if args.workers and engine == "serial":
        print_error("note: --workers has no effect with the serial engine; add --engine processes")
    report = Reporter()
    headline = Headline()

    loading = [0.0]

    def tracked() -> Iterator[Document | Failure]:
        it = iter(items)
        while True:
            t0 = time.process_time()
            item = next(it, None)
            loading[0] += time.process_time() - t0
            if item is None:
                return
            if isinstance(item, Failure):
                report(item)
            yield item

    previous = out.exists()
    kept = (f"the previous results in {out} are as they were" if previous
            else f"nothing was written to {out}")
    _stop_on_signals()
    try:
        with open_engine(engine, workers=args.workers, scheduler=args.scheduler,
                         target=spec, with_tokens=args.tokens,
                         doc_timeout=args.doc_timeout, attributions=args.attributions) as started, \
                replace_folder(out, inputs=[args.corpus],
                               manifest={"corpus": display_path(os.path.abspath(args.corpus)),
                                         "format": args.format,
                                         "attributions": args.attributions,
                                         **_grouping(args)}) as target:
            for note in target.notes:
                print_error(f"note: {note}")
            writer = TableWriter(target.tmp, fmt=args.format, with_tokens=args.tokens,
                                 stance=spec is not None)
            timings = dict.fromkeys((*STAGES, "writing"), 0.0)
            words = None
            if not args.no_figures:
                from analysis.figures.summary import WordCounts

                words = WordCounts()
            try:
                results = started.results(tracked())
                if not args.quiet:
                    from tqdm.auto import tqdm

                    results = tqdm(results, desc="documents", unit="doc", mininterval=0.5,
                                   file=sys.stderr)
                for result in results:
                    _check_stopped()
                    for stage, seconds in result.get("_timings", {}).items():
                        timings[stage] += seconds
                    t0 = time.process_time()
                    counted = result.pop("_words", None)
                    if words is not None and counted is not None:
                        words.add(counted)
                    writer.add(result)
                    headline.add(result)
                    timings["writing"] += time.process_time() - t0
                    if result_status(result) in ("error", "timeout"):
                        report(Failure("", "", "error", result["documents"][0]["message"]))
                result = counted = None  # not held while the figures and report are made
                paths = None
            except BaseException:
                writer.abort()
                raise
            counts = writer.status_counts
            n_ok, n_all = counts.get("ok", 0), sum(counts.values())
            if not n_ok:
                raise _NothingAnalysed(n_all)
            t0 = time.process_time()
            paths = writer.close() if paths is None else paths
            timings["writing"] += time.process_time() - t0
            _figures_and_report(target.tmp, args, stance_target=spec.text if spec else None,
                                timings=timings, words=words)
            _check_stopped()  # the last safe point before the results replace the old ones
    except _NothingAnalysed as err:
        print_error(f"error: none of the {err.args[0]} documents could be analysed (see the "
                    f"warnings above); {kept}")
        return 1
    except KeyboardInterrupt:
        print_error(f"interrupted; {kept}")
        return 130
    except _Stopped as err:
        print_error(f"stopped by signal {err.signum}; {kept}")
        return 128 + err.signum
    except (CorpusError, OutputError, EngineError):
        raise
    except GroupingError as err:
        print_error(f"error: {err}; {kept}")
        return 2
    except Exception as err:
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        print_error(f"error: the run failed ({type(err).__name__}: {err}); {kept}; set "
                    f"ANALYSIS_DEBUG=1 for the traceback and please report it")
        return 1
    problems = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s != "ok")
    print(f"{n_all} documents read: {n_ok} analysed, {n_all - n_ok} with problems"
          + (f" ({problems}; see the documents table)" if problems else ""))
    for line in headline.lines():
        print(f"  {line}")
    print(f"written to {out}:")
    for line in file_lines(written_files(out, paths.values())):
        print(f"  {line}")
    if spec is None:
        print("  stance     not computed: no --target given (stance toward an unrelated target "
              "means nothing; python -m analysis targets lists the shipped ones). Stance "
              "markers, which need no target, are in the markers table.")
    else:
        print(f"  stance     toward {spec.text!r} ("
              f"{'model ' + spec.model if spec.model else 'shipped model'})")
    if args.profile:
        _print_profile({"load": loading[0], **timings})
    if previous:
        print(f"  (replaced the previous results in {out})")
    return 0


def _output_folder(args: argparse.Namespace) -> Path:
    """``--out``, or ``results/<corpus name>/`` (refused when it holds the results of
    another corpus of the same name, which a run would replace)."""
    from analysis.run.folders import default_output, read_manifest

    if args.out is not None:
        return Path(args.out)
    out = default_output(args.corpus)
    previous = read_manifest(out).get("corpus")
    here = display_path(os.path.abspath(args.corpus))
    if previous is not None and previous != here:
        raise UsageError(f"{out} holds the results of {previous}, another corpus with the same "
                         f"name as {here}; give another folder with --out")
    return out


def check_corpus_columns(args: argparse.Namespace) -> None:
    """Usage errors found in the corpus's headers, before any document is read: a table
    without the text column, and ``--group-by`` / ``--date-column`` columns the
    documents will not have (:func:`analysis.run.groups.check_columns`)."""
    from analysis.corpus import corpus_columns
    from analysis.run.checks import GroupingError, check_columns
    from analysis.run.engines import metadata_columns

    wanted = [c for c in (args.group_by, args.date_column) if c]
    if not wanted and not Path(args.corpus).is_file():
        return
    columns = corpus_columns(args.corpus, text_column=args.text_column,
                             id_column=args.id_column, encoding=args.encoding, wanted=wanted)
    try:
        check_columns(metadata_columns(columns), group_by=args.group_by,
                      date_column=args.date_column, where=display_path(args.corpus))
    except GroupingError as err:
        raise UsageError(str(err)) from None


def _grouping(args: argparse.Namespace) -> dict[str, str | None]:
    """The grouping options, recorded in the manifest (the figures command reuses them)."""
    return {"group_by": args.group_by, "date_column": args.date_column,
            "period": args.period}


def file_lines(groups: dict[str, list[str]], width: int = 100) -> list[str]:
    """The files of :func:`analysis.run.summary.written_files` as wrapped lines, a group a
    line (figures as ``name.png/.svg``).

    Examples
    --------
    >>> file_lines({"tables": ["quotes.csv"], "figures": ["figures/a.png", "figures/a.svg"]})
    ['tables           quotes.csv', 'figures/         a.png/.svg']
    """
    import textwrap

    lines = []
    for group, files in groups.items():
        shown: list[str] = []
        if group == "figures":  # all in one folder: name it once
            group, files = "figures/", [f.split("/", 1)[-1] for f in files]
        if group == "report":
            files = [f"{f} (open it in a browser)" for f in files]
        for rel in files:
            stem, _, ext = rel.rpartition(".")
            if shown and ext == "svg" and shown[-1] == f"{stem}.png":
                shown[-1] += "/.svg"
            else:
                shown.append(rel)
        lines += textwrap.wrap(", ".join(shown), width=width, initial_indent=f"{group:<17}",
                               subsequent_indent=" " * 17, break_on_hyphens=False)
    return lines


def _header(path: Path) -> list[str]:
    """The column names of a table written by a run, from its header or schema."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return list(pq.ParquetFile(path).schema_arrow.names)
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def _figures_and_report(folder: Path, args: argparse.Namespace, *,
                        stance_target: str | None, timings: dict[str, float],
                        words: WordCounts | None = None) -> tuple[list[Path], Path | None]:
    """Draw the figures (from the tables read back in chunks: flat memory) and write
    ``report.html`` (from the tables read back, the sentences only those it shows) into the run's (temporary) folder;
    their CPU seconds go to ``timings``."""
    from analysis.figures.report import report_tables, write_report

    t0 = time.process_time()
    timings["figures"] = timings["report"] = 0.0
    figures = [] if args.no_figures else _figures_into(
        folder, group_by=args.group_by, date_column=args.date_column, period=args.period,
        stance_target=stance_target, formats=args.figure_format, words=words)
    t1 = time.process_time()
    timings["figures"] = t1 - t0
    if args.no_report:
        return figures, None
    tables = report_tables(folder)
    path = write_report(folder, tables=tables, group_by=args.group_by,
                        source=display_path(os.path.abspath(args.corpus)),
                        figures=[] if args.no_figures else None,
                        figures_note="This run drew no figures (--no-figures); python -m "
                                     "analysis figures draws them." if args.no_figures else None)
    timings["report"] = time.process_time() - t1
    return figures, path


def _figures_into(folder: Path, *, group_by: str | None = None,
                  date_column: str | None = None, period: str = "M",
                  stance_target: str | None = None, formats: list[str] | None = None,
                  words: WordCounts | None = None,
                  tables: Mapping[str, Any] | None = None) -> list[Path]:
    from analysis.figures import reproduce
    from analysis.run.folders import FIGURES_FOLDER

    return reproduce(folder if tables is None else tables, folder / FIGURES_FOLDER,
                     group_by=group_by, date_column=date_column, period=period,
                     target=stance_target, tables_out=folder, formats=_formats(formats),
                     words=words)


def _formats(formats: list[str] | None) -> tuple[str, ...]:
    """The figure formats asked for (each once, in order), or the default."""
    from analysis.figures.style import DEFAULT_FORMATS

    return tuple(dict.fromkeys(formats)) if formats else DEFAULT_FORMATS


def _print_profile(timings: dict[str, float]) -> None:
    """Seconds (CPU, summed over workers) per stage and their shares of the total."""
    total = sum(timings.values()) or 1.0
    print("  profile    CPU seconds per stage (summed over workers):")
    for stage, seconds in timings.items():
        print(f"    {stage:<11} {seconds:8.2f} s  {100 * seconds / total:5.1f} %")
    print(f"    {'total':<11} {total:8.2f} s")


def figures_command(args: argparse.Namespace) -> int:
    """Redraw the figures of a run's tables where ``run`` puts them: ``figures/`` and the
    tables by group at the top of ``--out`` (default: the tables' folder).  The grouping
    options default to those the run recorded in its manifest."""
    from analysis.figures import reproduce
    from analysis.run.checks import GroupingError, check_columns
    from analysis.run.folders import FIGURES_FOLDER, amend_folder, read_manifest
    tables = Path(args.tables)
    if not (tables / "quotes.csv").exists() and not (tables / "quotes.parquet").exists():
        print_error(f"error: no tables in {tables}; run `python -m analysis run --out {tables}` "
                    f"first")
        return 1
    recorded = read_manifest(tables)
    group_by = args.group_by if args.group_by is not None else recorded.get("group_by")
    date_column = (args.date_column if args.date_column is not None
                   else recorded.get("date_column"))
    period = args.period or recorded.get("period") or "M"
    documents = next((p for p in (tables / "documents.parquet", tables / "documents.csv")
                      if p.exists()), None)
    if documents is not None and (group_by or date_column):
        try:  # the header only: a usage error before anything is drawn
            columns = _header(documents)
            check_columns(columns, group_by=group_by, date_column=date_column,
                          where=f"the documents table {documents}")
        except GroupingError as err:
            raise UsageError(str(err)) from None
    out = Path(args.out) if args.out else tables
    try:
        with amend_folder(out, manifest={"group_by": group_by, "date_column": date_column,
                                         "period": period}) as target:
            written = reproduce(tables, target.tmp / FIGURES_FOLDER, group_by=group_by,
                                date_column=date_column, period=period,
                                tables_out=target.tmp, formats=_formats(args.figure_format))
    except (OutputError, UsageError):
        raise
    except GroupingError as err:
        raise UsageError(str(err)) from None
    except Exception as err:
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        print_error(f"error: drawing the figures failed ({type(err).__name__}: {err}); the figures "
                    f"in {out} are as they were; set ANALYSIS_DEBUG=1 for the traceback")
        return 1
    groups = written_files(out)
    n_figures = sum(p.suffix in (".png", ".svg", ".pdf") for p in written)
    print(f"{n_figures} figure files written to {out / FIGURES_FOLDER}")
    for line in file_lines({k: v for k, v in groups.items()
                            if k in ("by-group tables", "figures")}):
        print(f"  {line}")
    return 0
