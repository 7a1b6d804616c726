"""Punkt parameters learned from news text: train, filter, write and read them.

Punkt (Kiss & Strunk 2006) learns, without annotation, which period-final words are
abbreviations, which words start sentences, and in which case each word appears at the
start and in the middle of sentences (its *orthographic context*).  NLTK's
:class:`~nltk.tokenize.punkt.PunktTrainer` does the learning; this module trains it on
a folder of plain-text articles (the project used the 840 PolNeAR training articles),
filters what it learned by the rules below, and writes it as text files to
``analysis/data/punkt/``, which :mod:`analysis.text.sentences` merges with the hand lists.

Filters (what is shipped of what Punkt learned)

* abbreviation types: lower-case letters with internal ``.``, ``-`` or ``&`` only,
  at least two characters (single letters are initials, which Punkt treats apart),
  seen at least ``min_count`` times with their period;
* sentence starters: only words written in lower case in at least a tenth of their
  occurrences in the corpus, so a frequent name (``Clinton``, ``Trump``) is not taken
  as a sign that a sentence begins;
* orthographic context: the case flags of every word type of two or more letters seen
  at least ``min_count`` times (a single capital letter is mostly an initial, and
  Punkt's initial heuristic needs it to have no recorded context);
* collocations are not shipped: those learned from news are an initial and a surname
  (``R. Biden``), which the initial heuristic already handles.

Rebuild (deterministic: files are read in sorted order, output is sorted)::

    python -m analysis.text.punkt /work/shared/data/polnear-train/text

Examples
--------
>>> params = parameters()
>>> "calif" in params.abbrev_types and "however" in params.sent_starters
True
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from nltk.tokenize.punkt import (
    _ORTHO_BEG_LC,
    _ORTHO_BEG_UC,
    _ORTHO_MID_LC,
    _ORTHO_MID_UC,
    _ORTHO_UNK_LC,
    _ORTHO_UNK_UC,
    PunktParameters,
    PunktTrainer,
)

from analysis.paths import DATA
from analysis.resources import data_text
from analysis.text.marks import quote_view

__all__ = ["FLAGS", "parameters", "read_texts", "train", "write"]

#: Names of Punkt's orthographic-context flags, as written in ``ortho_context.tsv``.
#: ``U``/``L``: upper/lower case first letter; ``b``/``m``/``u``: seen at the beginning of a
#: sentence, in the middle, or where Punkt could not tell.
FLAGS: dict[str, int] = {
    "Ub": _ORTHO_BEG_UC, "Um": _ORTHO_MID_UC, "Uu": _ORTHO_UNK_UC,
    "Lb": _ORTHO_BEG_LC, "Lm": _ORTHO_MID_LC, "Lu": _ORTHO_UNK_LC,
}
_ABBREVIATION_RE = re.compile(r"[a-z][a-z.&-]*[a-z]")
_WORD_RE = re.compile(r"[a-z][a-z'-]*")
_FORM_RE = re.compile(r"[A-Za-z]+")
#: A line of running prose: it ends in sentence-final punctuation, perhaps followed by
#: closing marks.  Headlines, bylines and captions (title case, no final stop) would
#: teach Punkt that capitalised function words occur mid-sentence.
_PROSE_RE = re.compile(r"^.*[.!?][\"')\]]*[ \t]*$", re.MULTILINE)
_OUT = DATA / "punkt"


def read_texts(folder: str | Path) -> Iterator[str]:
    """The ``.txt`` files under ``folder`` (recursively, in sorted order), as text.

    Raises
    ------
    SystemExit
        If ``folder`` is not a folder or holds no ``.txt`` file, naming it.
    """
    root = Path(folder)
    files = sorted(root.rglob("*.txt")) if root.is_dir() else []
    if not files:
        raise SystemExit(f"no .txt files under {root}; give a folder of plain-text articles, "
                         f"e.g. .../polnear-train/text")
    for path in files:
        yield path.read_text(encoding="utf-8", errors="replace")


def train(texts: Iterable[str], *, min_count: int = 2) -> PunktParameters:
    """Train Punkt on ``texts`` and keep what passes the module's filters.

    Training runs on each text's quote view (straight marks), the form the splitter sees,
    and on its lines of prose only (lines that end in ``.``, ``!`` or ``?``, perhaps
    followed by closing marks): headlines and captions in title case would teach Punkt
    that capitalised function words occur mid-sentence.

    Examples
    --------
    >>> p = train(["He met Gov. Ann Lee. Gov. Lee said no. Then Gov. Lee left."] * 3)
    >>> "gov" in p.abbrev_types  # (a corpus this small teaches little else)
    True
    """
    trainer = PunktTrainer()
    forms: Counter[str] = Counter()
    for text in texts:
        view = "\n".join(_PROSE_RE.findall(quote_view(text)))
        trainer.train(view, finalize=False)
        forms.update(_FORM_RE.findall(view))
    trainer.finalize_training()
    learned = trainer.get_params()
    counts = trainer._type_fdist  # type counts; NLTK exposes no public accessor
    params = PunktParameters()
    params.abbrev_types = {
        t for t in learned.abbrev_types
        if _ABBREVIATION_RE.fullmatch(t) and counts[t + "."] >= min_count
    }
    params.sent_starters = {
        t for t in learned.sent_starters
        if _WORD_RE.fullmatch(t) and 10 * forms[t] >= forms[t] + forms[t.capitalize()]
    }
    for typ, flags in learned.ortho_context.items():
        if flags and len(typ) > 1 and _WORD_RE.fullmatch(typ) \
                and counts[typ] + counts[typ + "."] >= min_count:
            params.ortho_context[typ] = flags
    return params


def _header(source: str, what: str) -> str:
    return (f"# {what}\n# Learned by NLTK's PunktTrainer (Kiss & Strunk 2006) from\n# {source},\n"
            "# filtered as analysis/text/punkt.py states. Rebuild: python -m analysis.text.punkt DIR\n"
            "# README.md in this folder gives the provenance and how the lists are merged.\n")


def write(params: PunktParameters, out: str | Path = _OUT, *, source: str = "a news corpus"
          ) -> list[Path]:
    """Write ``params`` as the three text files of ``analysis/data/punkt`` (sorted lines)."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "abbreviations.txt": (_header(source, "Abbreviation types (lower case, no final period).")
                              + "".join(f"{t}\n" for t in sorted(params.abbrev_types))),
        "sentence_starters.txt": (_header(source, "Frequent sentence starters (lower case).")
                                  + "".join(f"{t}\n" for t in sorted(params.sent_starters))),
        "ortho_context.tsv": (
            _header(source, "Orthographic context: word type, TAB, the case positions seen: "
                    "U/L upper/lower\n# case first letter at the b(eginning), m(iddle) or "
                    "u(nknown position) of a sentence.")
            + "".join(f"{t}\t{' '.join(n for n, bit in FLAGS.items() if flags & bit)}\n"
                      for t, flags in sorted(params.ortho_context.items()))),
    }
    paths = []
    for name, content in files.items():
        path = folder / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


def _lines(name: str) -> Iterator[str]:
    for line in data_text(f"punkt/{name}").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n")


@cache
def _shipped() -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, int], ...]]:
    ortho = []
    for line in _lines("ortho_context.tsv"):
        typ, _, names = line.partition("\t")
        ortho.append((typ, sum(FLAGS[n] for n in names.split())))
    return (frozenset(_lines("abbreviations.txt")), frozenset(_lines("sentence_starters.txt")),
            tuple(ortho))


def parameters() -> PunktParameters:
    """A fresh :class:`PunktParameters` holding the shipped learned parameters only.

    :func:`analysis.text.sentences.punkt_tokenizer` merges these with the hand lists.
    """
    abbrevs, starters, ortho = _shipped()
    params = PunktParameters()
    params.abbrev_types = set(abbrevs)
    params.sent_starters = set(starters)
    for typ, flags in ortho:
        params.ortho_context[typ] = flags
    return params


def main(argv: list[str] | None = None) -> None:
    """``python -m analysis.text.punkt DIR [--out FOLDER] [--min-count N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis.text.punkt",
        description="Learn Punkt parameters from a folder of .txt articles and write them "
                    "to analysis/data/punkt (or --out).")
    parser.add_argument("dir", help="folder of plain-text articles (read recursively)")
    parser.add_argument("--out", default=str(_OUT), help="output folder (default: %(default)s)")
    parser.add_argument("--min-count", type=int, default=2,
                        help="minimum occurrences of a type to ship it (default: %(default)s)")
    parser.add_argument("--source", default=None,
                        help="how the header names the corpus (default: the folder name)")
    args = parser.parse_args(argv)
    texts = list(read_texts(args.dir))
    params = train(texts, min_count=args.min_count)
    source = args.source or f"{len(texts)} articles in {Path(args.dir).name}/"
    for path in write(params, args.out, source=source):
        print(f"wrote {path}")
    print(f"{len(params.abbrev_types)} abbreviation types, {len(params.sent_starters)} sentence "
          f"starters, {len(params.ortho_context)} word types with case context")


if __name__ == "__main__":
    main(sys.argv[1:])
