"""The ``report`` command: ``report.html`` again, from the tables and figures of a run.

``python -m analysis report --tables DIR`` reads the tables a run wrote into ``DIR``
exactly as written (:func:`analysis.figures.load_tables`) and its ``figures/``, and
writes the page (:mod:`analysis.figures.report`) as ``DIR/report.html`` -- under the
folder's lock and listed in its manifest, so the next run may still replace the folder
-- or as ``--out FILE``.  The group filter is the run's ``--group-by`` (read from the
folder's manifest) unless ``--group-by`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from analysis.cli.streams import print_error
from analysis.run.folders import MANIFEST, REPORT, OutputError, add_file, write_whole

__all__ = ["report_command"]


def _manifest(folder: Path) -> dict:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def report_command(args: argparse.Namespace) -> int:
    from analysis.figures.report import build_report, figure_files, report_tables
    from analysis.run.groups import GroupingError

    tables = Path(args.tables)
    if not any((tables / f"{name}.{fmt}").exists() for name in ("documents", "quotes")
               for fmt in ("csv", "parquet")):
        print_error(f"error: no tables in {tables}; run `python -m analysis run --out {tables}` "
                    f"first")
        return 1
    manifest = _manifest(tables)
    group_by = args.group_by or manifest.get("group_by") or None
    out = Path(args.out) if args.out else tables / REPORT
    if out.is_dir():
        out = out / REPORT
    try:
        data = report_tables(tables)
        figures = figure_files(tables / "figures")
        page = build_report(data, figures, group_by=group_by, source=manifest.get("corpus"),
                            figures_note=None if figures else
                            f"No figures in {tables / 'figures'}; python -m analysis figures "
                            f"--tables {tables} draws them.")
    except GroupingError as err:
        print_error(f"error: {err}")
        return 2
    except Exception as err:
        if os.environ.get("ANALYSIS_DEBUG"):
            raise
        print_error(f"error: building the report failed ({type(err).__name__}: {err}); set "
                    f"ANALYSIS_DEBUG=1 for the traceback")
        return 1
    data_bytes = page.encode("utf-8")
    if Path(os.path.abspath(out)) == Path(os.path.abspath(tables / REPORT)):
        add_file(tables, REPORT, data_bytes)  # raises OutputError (exit 2)
    else:
        try:
            write_whole(out, data_bytes)
        except OSError as err:
            raise OutputError(f"cannot write {out} ({err.strerror}); give another --out"
                              ) from None
    print(f"report written to {out} ({len(data_bytes) / 1e6:.1f} MB, {len(figures)} figures"
          + (f", by {group_by}" if group_by else "") + ")")
    return 0
