"""Usage checks of a run's grouping options, made before anything is analysed.

Light on purpose (no pandas, no models): the command line checks ``--group-by`` and
``--date-column`` against the columns read from the corpus's headers
(:func:`analysis.corpus.corpus_columns`) within a moment of starting, even on a corpus
of 100,000 rows.

Examples
--------
>>> check_columns(["file", "folder", "outlet"], group_by="outlet", date_column="status")
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from analysis.run.tables import TABLES

__all__ = ["GroupingError", "check_columns", "suggestion"]

#: Columns of ``documents`` the pipeline computes; every other column is metadata.
_COMPUTED = tuple(TABLES["documents"].names())


class GroupingError(ValueError):
    """A group or date column that the tables do not have, or cannot be grouped by."""


def suggestion(name: str, columns: Iterable[str]) -> str:
    """`` (did you mean 'outlet'?)`` for a near miss (case, a typo), else ``''``.

    Examples
    --------
    >>> suggestion("Outlet", ["date", "outlet"]), suggestion("zzz", ["outlet"])
    (" (did you mean 'outlet'?)", '')
    """
    columns = list(columns)
    same = [c for c in columns if c.casefold() == name.casefold()]
    close = same or difflib.get_close_matches(name, columns, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def check_columns(columns: Iterable[str], *, group_by: str | None = None,
                  date_column: str | None = None, where: str = "the corpus") -> None:
    """Check ``group_by`` and ``date_column`` against the metadata ``columns`` of a
    corpus, before anything is analysed; the computed columns of the documents table
    (``status``, ``n_quotes``, ...) may be grouped by too.

    Raises
    ------
    GroupingError
        Naming the column, a near miss when there is one (``Outlet`` -> ``outlet``),
        and the columns there are.

    Examples
    --------
    >>> check_columns(["file", "folder", "row", "outlet", "date"], group_by="Outlet")
    Traceback (most recent call last):
    ...
    analysis.run.checks.GroupingError: --group-by 'Outlet': the corpus has no such column (did you mean 'outlet'?); its metadata columns are ['file', 'folder', 'row', 'outlet', 'date']
    >>> check_columns(["file", "folder", "outlet"], group_by="n_quotes")  # computed: fine
    """
    columns = list(columns)
    known = columns + [c for c in _COMPUTED if c != "doc_id" and c not in columns]
    for option, column in (("--group-by", group_by), ("--date-column", date_column)):
        if column and column not in known:
            raise GroupingError(f"{option} {column!r}: {where} has no such column"
                                f"{suggestion(column, known)}; its metadata columns are "
                                f"{columns}")
