"""The ``notebooks`` command: execute the teaching notebooks and store their outputs, so
that they read online with every table and figure, and check that the stored figures
are the ones the code draws now.

Notebooks are executed with nbclient in a fresh kernel whose working folder is the
notebook's own, with the environment variables that point at private data unset
(:data:`PRIVATE`): the stored outputs are those any reader of a fresh clone gets.  No
timings are recorded and cell ids are normalised, so re-executing unchanged code
changes nothing but what the code draws.  Figures are compared by their pixels
(:func:`same_image`), which is robust to PNG encoders writing the same picture in
different bytes.

Examples
--------
>>> [p.name for p in notebook_paths()][:2]
['01-tokenisation.ipynb', '02-quote-extraction.ipynb']
>>> same_image(b"", b"")
False
"""

from __future__ import annotations

import argparse
import base64
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from analysis.cli.streams import print_error
from analysis.paths import REPO

__all__ = ["PRIVATE", "TOLERANCE", "compare_figures", "execute_notebook", "notebook_paths",
           "notebooks_command", "same_image"]

#: Environment variables that make notebooks read private data (they stay unset while
#: the stored outputs are made and checked).
PRIVATE = ("ANALYSIS_DATA", "ANALYSIS_HUTTO", "POLNEAR", "RATINGS")
#: Largest root-mean-square difference (0-255 scale) between two renderings of one figure.
TOLERANCE = 2.0


def notebook_paths() -> list[Path]:
    """The chapters, then their worked solutions, in reading order."""
    folder = REPO / "notebooks"
    return sorted(folder.glob("*.ipynb")) + sorted((folder / "solutions").glob("*.ipynb"))


@contextmanager
def _public_environment() -> Iterator[None]:
    saved = {k: os.environ.pop(k) for k in PRIVATE if k in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def execute_notebook(path: str | Path, *, timeout: int = 900):
    """The notebook at ``path`` executed top to bottom (a new ``NotebookNode``; the file
    is not written), without private data, timings or volatile metadata."""
    import nbformat
    from nbclient import NotebookClient
    from nbformat.validator import normalize

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    with _public_environment():
        NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    nb.metadata.pop("widgets", None)
    return nbformat.from_dict(normalize(nb)[1])


def _images(nb) -> list[list[bytes]]:
    """The PNG images of each code cell."""
    return [[base64.b64decode(out["data"]["image/png"]) for out in cell.get("outputs", [])
             if "image/png" in out.get("data", {})]
            for cell in nb.cells if cell.cell_type == "code"]


def same_image(a: bytes, b: bytes, *, tolerance: float = TOLERANCE) -> bool:
    """Whether two PNG images show the same picture (same size, pixels within
    ``tolerance`` root-mean-square)."""
    import numpy as np
    from matplotlib.image import imread

    try:
        x, y = imread(io.BytesIO(a), format="png"), imread(io.BytesIO(b), format="png")
    except (ValueError, OSError, SyntaxError):
        return False
    if x.shape != y.shape:
        return False
    return float(np.sqrt(np.mean((x.astype(float) - y.astype(float)) ** 2)) * 255) <= tolerance


def compare_figures(stored, fresh) -> list[str]:
    """What differs between the figures of a stored notebook and a fresh execution, as
    messages (empty: the stored figures are the ones the code draws now)."""
    problems = []
    cells = [c for c in stored.cells if c.cell_type == "code"]
    for n, (old, new) in enumerate(zip(_images(stored), _images(fresh), strict=True)):
        first = cells[n].source.strip().splitlines()[0] if cells[n].source.strip() else ""
        if len(old) != len(new):
            problems.append(f"code cell {n} ({first!r}): {len(old)} stored figures, "
                            f"{len(new)} drawn now")
        elif not all(same_image(a, b) for a, b in zip(old, new, strict=True)):
            problems.append(f"code cell {n} ({first!r}): the stored figure differs from the "
                            f"one drawn now")
    return problems


def notebooks_command(args: argparse.Namespace) -> int:
    import nbformat

    paths = notebook_paths() if not args.only else [
        p for p in notebook_paths() if any(k in p.name for k in args.only)]
    if not args.execute and not args.check:
        for path in paths:
            print(path.relative_to(REPO))
        return 0
    failed = 0
    for path in paths:
        stored = nbformat.read(path, as_version=4)
        fresh = execute_notebook(path)
        if args.check:
            problems = compare_figures(stored, fresh)
            for problem in problems:
                print_error(f"{path.name}: {problem}")
            failed += bool(problems)
        if args.execute:
            nbformat.write(fresh, path)
            print(f"executed {path.relative_to(REPO)}")
    if failed:
        print_error(f"error: {failed} notebooks store figures the code no longer draws; run "
                    f"python -m analysis notebooks --execute")
    return 1 if failed else 0


def add_parser(sub) -> None:
    """The ``notebooks`` subcommand's arguments."""
    p = sub.add_parser("notebooks", help="execute the notebooks and store their outputs",
                       description="List the teaching notebooks (chapters and worked "
                                   "solutions); with --execute, run each top to bottom and "
                                   "store its outputs; with --check, say whether the stored "
                                   "figures are the ones the code draws now.")
    p.add_argument("--execute", action="store_true", help="execute and write the outputs")
    p.add_argument("--check", action="store_true",
                   help="compare the stored figures with a fresh execution (exit 1 if not)")
    p.add_argument("--only", nargs="*", default=[], metavar="NAME",
                   help="only the notebooks whose file names contain one of these")

