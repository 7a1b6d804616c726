"""The headline numbers of a run, counted while its results stream past, and what it wrote.

:class:`Headline` is fed each document's rows (as the engines give them) and keeps
only counts, so it costs no memory worth naming on any size of corpus:
documents by status, quotes by kind, the speakers quoted and the most quoted.
:func:`written_files` sorts the files of an output folder into the groups the
summary lists (tables, tables by group, figures, report).

Examples
--------
>>> h = Headline()
>>> h.add({"documents": [{"status": "ok"}],
...        "quotes": [{"kind": "direct", "speaker": "Ana"}, {"kind": "indirect",
...                   "speaker": "Ana"}, {"kind": "direct", "speaker": None}]})
>>> print("\\n".join(h.lines()))
documents  1 read: 1 ok
quotes     3: 2 direct, 1 indirect; 2 with a speaker
speakers   1 quoted; most quoted: Ana (2)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from analysis.run.folders import FIGURES_FOLDER, MANIFEST, is_by_group_table
from analysis.run.tables import OUTPUT_TABLES

__all__ = ["KINDS", "Headline", "written_files"]

#: Quote kinds, in the order the summary names them.
KINDS = ("direct", "partial", "indirect")


class Headline:
    """Counts of a run for its summary: fed one document's rows at a time.

    Parameters
    ----------
    top : int
        How many of the most quoted speakers :meth:`lines` names.
    """

    def __init__(self, *, top: int = 5) -> None:
        self.top = top
        self.statuses: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.speakers: Counter[str] = Counter()
        self.n_quotes = 0

    def add(self, result: Mapping[str, list[dict[str, Any]]]) -> None:
        """Count one document's rows (``documents`` and ``quotes``)."""
        for row in result.get("documents", []):
            self.statuses[str(row.get("status", ""))] += 1
        for row in result.get("quotes", []):
            self.n_quotes += 1
            self.kinds[str(row.get("kind"))] += 1
            speaker = row.get("speaker")
            if speaker is not None and speaker == speaker and str(speaker).strip():
                self.speakers[str(speaker)] += 1

    def most_quoted(self) -> list[tuple[str, int]]:
        """The ``top`` most quoted speakers with their quotes (ties by name)."""
        return sorted(self.speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:self.top]

    def lines(self) -> list[str]:
        """The headline numbers as lines of the run's summary."""
        n_docs = sum(self.statuses.values())
        order = ["ok", *sorted(s for s in self.statuses if s != "ok")]
        statuses = ", ".join(f"{self.statuses[s]:,} {s}" for s in order if self.statuses[s])
        kinds = [k for k in KINDS if self.kinds[k]] + sorted(
            k for k in self.kinds if k not in KINDS)
        by_kind = ", ".join(f"{self.kinds[k]:,} {k}" for k in kinds)
        attributed = sum(self.speakers.values())
        out = [f"documents  {n_docs:,} read: {statuses or 'none'}",
               f"quotes     {self.n_quotes:,}" + (f": {by_kind}; {attributed:,} with a speaker"
                                                   if self.n_quotes else "")]
        top = ", ".join(f"{name} ({n:,})" for name, n in self.most_quoted())
        out.append(f"speakers   {len(self.speakers):,} quoted"
                   + (f"; most quoted: {top}" if top else ""))
        return out


def written_files(folder: str | Path, paths: Iterable[Path] = ()) -> dict[str, list[str]]:
    """The files in an output folder, relative to it and grouped as the summary lists
    them: ``tables`` (in the order of ``paths``, the tables of the run, then any other),
    ``by-group tables``, ``figures`` and ``report``; empty groups left out.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ("quotes.csv", "documents.csv", "over_time.csv", "figures/a.svg"):
    ...     (out / name).parent.mkdir(exist_ok=True); _ = (out / name).write_text("")
    >>> written_files(out, [out / "documents.csv", out / "quotes.csv"])
    {'tables': ['documents.csv', 'quotes.csv'], 'by-group tables': ['over_time.csv'], 'figures': ['figures/a.svg']}
    """
    folder = Path(folder)
    order = {Path(p).name: i for i, p in enumerate(paths)}
    groups: dict[str, list[str]] = {"tables": [], "by-group tables": [], "figures": [],
                                    "report": []}
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name == MANIFEST or path.name.startswith("."):
            continue
        rel = path.relative_to(folder).as_posix()
        if rel.startswith(FIGURES_FOLDER + "/"):
            groups["figures"].append(rel)
        elif is_by_group_table(rel):
            groups["by-group tables"].append(rel)
        elif path.suffix == ".html":
            groups["report"].append(rel)
        else:
            groups["tables"].append(rel)
    tables = list(OUTPUT_TABLES)
    groups["tables"].sort(key=lambda r: (order.get(r, len(order)),
                                         tables.index(r.split(".")[0])
                                         if r.split(".")[0] in tables else len(tables), r))
    return {k: v for k, v in groups.items() if v}
