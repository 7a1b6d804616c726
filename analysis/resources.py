"""Reading the package's data files (lexicons and parameters) in one place.

Every lexicon is a UTF-8 text file in ``analysis/data`` with ``#`` comment lines that
state its source and licence.  Files are read once and cached.

Examples
--------
>>> "u.s" in word_list("abbreviations.txt")
True
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = ["data_text", "word_list", "word_map"]


@cache
def data_text(name: str) -> str:
    """Return the text of the package data file ``name``.

    Raises
    ------
    FileNotFoundError
        Naming the file and the folder searched, if the package was installed without it.
    """
    path = resources.files("analysis") / "data" / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(
            f"package data file {name!r} not found in {path}; reinstall the package "
            f"with `pip install -e .` from the repository root"
        ) from None


@cache
def word_list(name: str) -> frozenset[str]:
    """Entries of a one-entry-per-line data file, comments and blanks dropped.

    Examples
    --------
    >>> "mr" in word_list("abbreviations.txt")
    True
    """
    return frozenset(word_map(name))


@cache
def word_map(name: str) -> dict[str, str]:
    """Entries of a data file whose lines are ``entry<TAB>value`` (value may be empty).

    Examples
    --------
    >>> word_map("reporting_verbs.txt")["said"]
    'say'
    """
    out: dict[str, str] = {}
    for line in data_text(name).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("\t")
        out[key.strip()] = value.strip()
    return out
