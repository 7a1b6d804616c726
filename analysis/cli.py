"""The command line: ``python -m analysis <command>``; each command is a thin wrapper.

Exit status: 0 when the command ran (problems with single documents are reported
and listed in the documents table, not fatal); 1 when nothing could be processed
(no document, none analysed, or the run failed); 2 for usage errors — a bad
option, a corpus path that does not exist or is not a corpus, an output folder
that cannot be used or is locked by another run, an unreachable Dask scheduler —
reported in one line before anything is read or written; 130 when interrupted.

``run`` writes into a temporary folder beside ``--out`` and puts it in place only
when every table and figure is complete: a failed, interrupted or killed run
leaves the previous results exactly as they were (see :mod:`analysis.run.output`).
"""

from __future__ import annotations

import argparse
import csv
import errno
import json
import os
import signal
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import suppress
from itertools import chain
from pathlib import Path
from typing import Any

from analysis.corpus import (
    DEFAULT_MAX_DOC_MB,
    CorpusError,
    Document,
    Failure,
    display_path,
    empty_reason,
    iter_corpus,
)
from analysis.paths import RESULTS, SEEDS
from analysis.run.engines import ENGINES, MAX_WORKERS, EngineError
from analysis.run.output import OutputError
from analysis.run.tables import TABLES

__all__ = ["main"]

#: Problems with single documents printed on standard error before the rest are counted.
MAX_WARNINGS = 20
#: Default of ``run --doc-timeout``: generous (an article takes well under a second).
DOC_TIMEOUT = 300.0



class _Usage(Exception):
    """A usage error found after parsing (exit 2, one line)."""

class _Parser(argparse.ArgumentParser):
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
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be a number of seconds (0: no limit), got "
                                         f"{text!r}")
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
    p.add_argument("--period", default="M", choices=["D", "W", "M", "Q", "Y"],
                   help="period of the over-time figures (default: M, months)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    run.add_argument("--out", default=str(RESULTS),
                     help="output folder, replaced as a whole (default: results/); it must be "
                          "new, empty, or written by an earlier run")
    run.add_argument("--format", choices=["csv", "parquet"], default="csv",
                     help="table format (parquet for large corpora)")
    run.add_argument("--engine", choices=ENGINES, default=None,
                     help="where documents are analysed: serial (one process, the default), "
                          "processes (a pool on this machine) or dask (a local cluster, or "
                          "the one at --scheduler); all give identical tables")
    run.add_argument("--workers", type=_workers, default=None,
                     help="worker processes (default: all cores; 2 for a local Dask cluster)")
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
                          f"with status timeout (default: {DOC_TIMEOUT:g}; 0: no limit; not "
                          f"with dask)")
    run.add_argument("--tokens", action="store_true", help="also write the tokens table")
    run.add_argument("--no-figures", action="store_true", help="do not draw figures")
    run.add_argument("--quiet", action="store_true", help="no progress bar")

    for name, helptext in [("sentences", "print sentences with offsets (JSON lines)"),
                           ("tokens", "print tokens with offsets (JSON lines)"),
                           ("quotes", "print quotes with speakers and cues (JSON lines)"),
                           ("sentiment", "print every scorer's sentiment per sentence (CSV; "
                                         "columns: python -m analysis columns sentence_scores)"),
                           ("markers", "print stance-marker counts per document (CSV, the "
                                       "markers table's columns)")]:
        p = sub.add_parser(name, help=helptext, description=helptext.capitalize() + ".")
        _corpus_args(p)

    fig = sub.add_parser("figures", help="regenerate every figure from the tables",
                         description="Regenerate every figure (PNG and SVG) from tables "
                                     "written by `run`.")
    fig.add_argument("--tables", default=str(RESULTS), help="folder with the tables")
    fig.add_argument("--out", default=None, help="figure folder (default: TABLES/figures)")
    _group_args(fig, "also draw by this metadata column of the documents table")
    sub.add_parser("targets", help="list the stance targets of the shipped stance models",
                   description="List the stance targets the shipped stance models were "
                               "trained on (usable with run --target).")

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
                                    "folder; see analysis.evaluate for the protocol).")
    ev.add_argument("corpus", nargs="?", default=str(SEEDS),
                    help="folder with <doc>.txt and <doc>.gold.json, or a passage-set .json "
                         "file (default: seeds; ignored with --polnear)")
    ev.add_argument("--polnear", metavar="DIR", default=None,
                    help="a PolNeAR folder (text/, attributions/, metadata.tsv), e.g. "
                         "/work/shared/data/polnear-train")
    ev.add_argument("--part", choices=["validation", "fit", "all"], default="validation",
                    help="with --polnear: which articles (default: validation, 2016-07-01 to "
                         "2016-09-30; fit = up to 2016-06-30)")
    ev.add_argument("--by", action="append", default=[], metavar="WHAT",
                    choices=["kind", "rule", "publisher", "cue_class", "source_type"],
                    help="with --polnear: also break the scores down by kind, rule, publisher, "
                         "cue_class or source_type (repeatable)")
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


# --------------------------------------------------------------------------- streams
class _SafeStream:
    """A standard stream that stops writing, without an error, once its reader has gone
    (``run ... | head -1``): the run goes on and writes complete results."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.gone = False

    def _gone(self) -> None:
        self.gone = True
        try:  # later writes, and the flush at exit, go nowhere
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, self._stream.fileno())
            os.close(null)
        except (OSError, ValueError, AttributeError):
            pass

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._gone()
            except OSError as err:
                if err.errno != errno.EPIPE:
                    raise
                self._gone()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._gone()
            except OSError as err:
                if err.errno != errno.EPIPE:
                    raise
                self._gone()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class _Reporter:
    """Warnings for bad documents on standard error, the first MAX_WARNINGS in full."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, failure: Failure) -> None:
        self.n += 1
        if self.n <= MAX_WARNINGS:
            _err(f"warning: {failure.message}")
        elif self.n == MAX_WARNINGS + 1:
            _err("warning: more documents with problems; each is listed with its status and "
                 "message in the documents table")


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    _err(f"warning: {message}")


# --------------------------------------------------------------------------- commands
def _items(args: argparse.Namespace, exclude: Sequence[Path] = ()) -> Iterator[Document | Failure]:
    """The corpus, checked now (a bad path raises CorpusError before anything is read)."""
    return iter_corpus(args.corpus, text_column=args.text_column, id_column=args.id_column,
                       encoding=args.encoding, max_doc_mb=args.max_doc_mb, exclude=exclude)


def _nonempty(items: Iterator[Document | Failure], corpus: str,
              exclude: Sequence[Path] = ()) -> Iterator[Document | Failure] | None:
    """``items`` again, or None (after saying why) when the corpus holds no document."""
    first = next(items, None)
    if first is None:
        _err(f"error: {empty_reason(corpus, exclude=exclude)}; nothing to analyse")
        return None
    return chain([first], items)


def _print_jsonl(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


def _per_document(args: argparse.Namespace) -> int:
    from analysis.text import sentences, tokenise

    items = _nonempty(_items(args), args.corpus)
    if items is None:
        return 1
    report = _Reporter()
    ok = 0
    writer = None
    if args.command in ("sentiment", "markers"):
        table = "sentence_scores" if args.command == "sentiment" else "markers"
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(TABLES[table].names())
    for item in items:
        if isinstance(item, Failure):
            report(item)
            continue
        ok += 1
        if args.command == "sentences":
            _print_jsonl([{"doc_id": item.id, "sentence": s.index, "start": s.start,
                           "end": s.end, "text": s.text} for s in sentences(item.text)])
        elif args.command == "tokens":
            _print_jsonl([{"doc_id": item.id, "sentence": t.sentence, "token": i,
                           "start": t.start, "end": t.end, "text": t.text, "kind": t.kind}
                          for i, t in enumerate(tokenise(item.text)[1])])
        elif args.command == "quotes":
            _print_jsonl(_quote_rows(item))
        elif args.command == "sentiment":
            writer.writerows(_sentence_scores(item))
        else:
            writer.writerows(_document_markers(item))
        sys.stdout.flush()
    if not ok:
        _err(f"error: none of the {report.n} documents could be read (see the warnings "
             f"above)")
    return 0 if ok else 1


def _quote_rows(doc: Document) -> list[dict[str, Any]]:
    """The quotes table's columns that need no scoring (same names)."""
    from analysis.quotes import extract_quotes

    return [{"doc_id": doc.id, "quote": n, "start": q.start, "end": q.end, "text": q.text,
             "kind": q.kind, "speaker": q.speaker, "speaker_start": q.speaker_start,
             "speaker_end": q.speaker_end,
             "speaker_mention": doc.text[q.speaker_start:q.speaker_end]
             if q.speaker_start is not None else None,
             "cue": q.cue, "cue_start": q.cue_start, "cue_end": q.cue_end, "medium": q.medium,
             "first_sentence": q.sentences[0] if q.sentences else None,
             "last_sentence": q.sentences[-1] if q.sentences else None, "closed": q.closed}
            for n, q in enumerate(extract_quotes(doc))]


def _spans(text: str) -> tuple[list[Any], list[Any], list[tuple[int, int]]]:
    """Sentences, tokens and each sentence's token range, as the pipeline makes them
    (the document model, :func:`analysis.text.build`, where the package has it)."""
    from analysis.text import build

    model = build(text)
    return list(model.sentences), list(model.tokens), list(model.sentence_tokens)


def _sentence_scores(doc: Document) -> Iterator[list[Any]]:
    """Rows of the ``sentence_scores`` table for one document, streamed.

    Scored as the pipeline scores its sentences table: each sentence's own tokens,
    folded, go to :func:`analysis.sentiment.score_rows` (a test checks the values).
    """
    from analysis.sentiment import COMPONENTS, DEFAULT_METHOD, score_rows
    from analysis.text import fold

    sents, toks, bounds = _spans(doc.text)
    scores = score_rows([s.text for s in sents],
                        [[fold(t.text) for t in toks[a:b]] for a, b in bounds])
    extra = TABLES["sentence_scores"].names()[len(TABLES["sentences"].columns):]
    for s, (a, b), c in zip(sents, bounds, scores, strict=True):
        by = dict(zip(COMPONENTS, c, strict=True))
        yield [doc.id, s.index, s.start, s.end, s.text, b - a, by[DEFAULT_METHOD],
               by["vader"], by["afinn"], by["textblob"], *(by[k] for k in extra)]


def _document_markers(doc: Document) -> list[list[Any]]:
    """Rows of the markers table for the unit ``(document)``."""
    from analysis.stance.markers import CATEGORIES, count_markers_in_tokens

    counts = count_markers_in_tokens([t.text for t in _spans(doc.text)[1]])
    n = counts["tokens"]
    return [[doc.id, "(document)", c, counts[c], n, 1000 * counts[c] / n if n else 0.0]
            for c in CATEGORIES]


class _NothingAnalysed(Exception):
    pass


class _Stopped(BaseException):
    """SIGTERM or SIGHUP: unwind like Ctrl-C so that nothing half-written stays."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_on_signals() -> None:
    def stop(signum, frame):
        raise _Stopped(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            with suppress(ValueError):  # not the main thread: leave signals alone
                signal.signal(getattr(signal, name), stop)


def _run(args: argparse.Namespace) -> int:
    from analysis.run.engines import open_engine, result_status
    from analysis.run.groups import GroupingError
    from analysis.run.output import TableWriter, check_output, replace_folder
    from analysis.run.stages import STAGES, stance_target

    if args.stance_model and not args.target:
        raise _Usage("--stance-model needs --target (the target the model was fitted for)")
    if args.stance_model and not Path(args.stance_model).is_file():
        raise _Usage(f"--stance-model {args.stance_model}: no such file")
    try:
        spec = stance_target(args.target, args.stance_model)
    except ValueError as err:
        raise _Usage(str(err)) from None
    out = check_output(args.out, inputs=[args.corpus])
    items = _nonempty(_items(args, exclude=[out]), args.corpus, exclude=[out])
    if items is None:
        return 1
    engine = args.engine or ("dask" if args.scheduler else "serial")
    if args.workers and engine == "serial":
        _err("note: --workers has no effect with the serial engine; add --engine processes")
    report = _Reporter()

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
                         doc_timeout=args.doc_timeout) as started, \
                replace_folder(out, inputs=[args.corpus],
                               manifest={"corpus": display_path(os.path.abspath(args.corpus)),
                                         "format": args.format}) as target:
            for note in target.notes:
                _err(f"note: {note}")
            writer = TableWriter(target.tmp, fmt=args.format, with_tokens=args.tokens,
                                 stance=spec is not None)
            timings = dict.fromkeys((*STAGES, "writing"), 0.0)
            try:
                results = started.results(tracked())
                if not args.quiet:
                    from tqdm.auto import tqdm

                    results = tqdm(results, desc="documents", unit="doc", mininterval=0.5,
                                   file=sys.stderr)
                for result in results:
                    for stage, seconds in result.get("_timings", {}).items():
                        timings[stage] += seconds
                    t0 = time.process_time()
                    writer.add(result)
                    timings["writing"] += time.process_time() - t0
                    if result_status(result) in ("error", "timeout"):
                        report(Failure("", "", "error", result["documents"][0]["message"]))
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
            figures = [] if args.no_figures else _figures_into(
                target.tmp, group_by=args.group_by, date_column=args.date_column,
                period=args.period, stance_target=spec.text if spec else None)
            timings["figures"] = time.process_time() - t0
    except _NothingAnalysed as err:
        _err(f"error: none of the {err.args[0]} documents could be analysed (see the "
             f"warnings above); {kept}")
        return 1
    except KeyboardInterrupt:
        _err(f"interrupted; {kept}")
        return 130
    except _Stopped as err:
        _err(f"stopped by signal {err.signum}; {kept}")
        return 128 + err.signum
    except (CorpusError, OutputError, EngineError):
        raise
    except GroupingError as err:
        _err(f"error: {err}; {kept}")
        return 2
    except Exception as err:
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        _err(f"error: the run failed ({type(err).__name__}: {err}); {kept}; set "
             f"ANALYSIS_DEBUG=1 for the traceback and please report it")
        return 1
    problems = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s != "ok")
    print(f"{n_all} documents read: {n_ok} analysed, {n_all - n_ok} with problems"
          + (f" ({problems}; see the documents table)" if problems else ""))
    for name, path in paths.items():
        print(f"  {name:<10} {out / path.name}")
    if figures:
        print(f"  figures    {len(figures)} files in {out / 'figures'}")
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


def _figures_into(folder: Path, *, group_by: str | None = None,
                  date_column: str | None = None, period: str = "M",
                  stance_target: str | None = None) -> list[Path]:
    from analysis.figures import reproduce

    return reproduce(folder, folder / "figures", group_by=group_by, date_column=date_column,
                     period=period, target=stance_target)


def _print_profile(timings: dict[str, float]) -> None:
    """Seconds (CPU, summed over workers) per stage and their shares of the total."""
    total = sum(timings.values()) or 1.0
    print("  profile    CPU seconds per stage (summed over workers):")
    for stage, seconds in timings.items():
        print(f"    {stage:<11} {seconds:8.2f} s  {100 * seconds / total:5.1f} %")
    print(f"    {'total':<11} {total:8.2f} s")


def _targets() -> int:
    from analysis.run.stages import shipped_targets

    for name in shipped_targets():
        print(name)
    return 0


def _figures(args: argparse.Namespace) -> int:
    from analysis.figures import reproduce
    from analysis.run.output import replace_folder

    tables = Path(args.tables)
    if not (tables / "quotes.csv").exists() and not (tables / "quotes.parquet").exists():
        _err(f"error: no tables in {tables}; run `python -m analysis run --out {tables}` "
             f"first")
        return 1
    out = Path(args.out) if args.out else tables / "figures"
    try:
        with replace_folder(out, kind="figures") as target:
            written = reproduce(tables, target.tmp, group_by=args.group_by,
                                date_column=args.date_column, period=args.period)
    except OutputError:
        raise
    except Exception as err:
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        _err(f"error: drawing the figures failed ({type(err).__name__}: {err}); the figures "
             f"in {out} are as they were; set ANALYSIS_DEBUG=1 for the traceback")
        return 1
    print(f"{len(written)} figure files written to {out}")
    return 0


def _table(frame) -> str:
    return frame.round(3).to_string(index=False)


def _evaluate_polnear(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.corpus.polnear import PolnearError
    from analysis.evaluate import annotator_agreement, evaluate_polnear, regex_baseline

    extractor = regex_baseline if args.baseline else None
    name = "regex baseline" if args.baseline else "analysis.quotes.extract_quotes"
    try:
        report = evaluate_polnear(args.polnear, extractor=extractor, part=args.part,
                                  quoted_threshold=args.threshold,
                                  indirect_threshold=args.indirect_threshold)
        agreement = annotator_agreement(args.polnear, quoted_threshold=args.threshold,
                                        indirect_threshold=args.indirect_threshold
                                        ) if args.agreement else None
    except (PolnearError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    for doc_id, message in report.failures:
        print(f"warning: {doc_id}: {message}", file=sys.stderr)
    if report.n_documents == 0:
        print(f"error: no annotated articles in the {args.part} part of {args.polnear}",
              file=sys.stderr)
        return 1
    with pd.option_context("display.width", 250, "display.max_colwidth", 80):
        print(f"PolNeAR {args.part}: {report.n_documents} articles in {args.polnear}; "
              f"extractor: {name}; overlap >= {args.threshold} (quoted), "
              f">= {args.indirect_threshold} (indirect)")
        print(_table(report.scores()))
        for what in args.by:
            print(f"\nby {what}:")
            print(_table(report.by(what)))
        if args.errors is not None:
            counts = report.error_counts()
            print("\nerrors by type:")
            print(counts.to_string(index=False))
            listing = report.errors(None if args.errors < 0 else args.errors)
            if len(listing):
                print(f"\nerrors ({len(listing)} of {int(counts.n.sum())}):")
                print(listing.to_string(index=False))
        if agreement is not None:
            print(f"\nannotator agreement: {agreement.n_documents} annotator pairs on the "
                  f"articles annotated several times (second annotator scored against the "
                  f"first)")
            print(_table(agreement.scores()))
    return 0


def _columns(args: argparse.Namespace) -> int:
    from analysis.run.tables import describe, markdown

    print(markdown() if args.markdown else describe(args.table))
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    if args.polnear is not None:
        return _evaluate_polnear(args)
    from analysis.evaluate import evaluate_corpus, evaluate_devset

    path = Path(args.corpus)
    if path.is_file() and path.suffix == ".json":
        try:
            report = evaluate_devset(path, threshold=args.threshold)
        except (ValueError, KeyError, TypeError) as err:
            print(f"error: {path}: not a passage set ({type(err).__name__}: {err}); expected a "
                  f"JSON list of objects with 'id', 'text' and 'quotes'", file=sys.stderr)
            return 1
    else:
        report = evaluate_corpus(args.corpus, threshold=args.threshold)
    if report.n_documents == 0:
        print(f"error: no <doc>.gold.json files beside .txt files in {args.corpus}",
              file=sys.stderr)
        return 1
    print(report.scores.to_string(index=False))
    if args.errors is not None and len(report.errors):
        print()
        errors = report.errors if args.errors < 0 else report.errors.head(args.errors)
        print(errors.to_string(index=False))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status.

    Standard streams, signal handlers and the warning printer are restored on return,
    so that ``main`` can be called from Python (the tests do).
    """
    args = _parser().parse_args(argv)
    saved = (sys.stdout, sys.stderr, warnings.showwarning,
             {name: signal.getsignal(getattr(signal, name))
              for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)})
    sys.stderr = _SafeStream(sys.stderr)
    if args.command in ("run", "figures", "columns"):
        sys.stdout = _SafeStream(sys.stdout)
    warnings.showwarning = _show_warning
    try:
        return _dispatch(args)
    finally:
        sys.stdout, sys.stderr, warnings.showwarning = saved[:3]
        for name, handler in saved[3].items():
            if handler is not None:
                signal.signal(getattr(signal, name), handler)


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "run":
            return _run(args)
        if args.command == "figures":
            return _figures(args)
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "columns":
            return _columns(args)
        if args.command == "targets":
            return _targets()
        return _per_document(args)
    except (CorpusError, OutputError, EngineError, _Usage) as err:
        _err(f"error: {err}")
        return 2
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:  # `... | head`: the reader has all it wants
        _SafeStream(sys.stdout)._gone()
        return 0
