"""Sentence splitting on real text: GUM gold boundaries, the project next to its peers.

Usage::

    python benchmarks/sentences.py DIR [--part dev|heldout|all] [--errors N] [--polnear DIR]

``DIR`` is the folder holding GUM's ``documents.jsonl`` (``gum-train-sentences``; see its
README).  Nothing from it is copied anywhere; this script only reads it.

Protocol (the README's): every system splits each whole document; a boundary is the start of
a predicted sentence moved past leading whitespace; gold boundaries are the starts of the
sentences that are not the first of their paragraph; paragraph starts are dropped from both
sides (paragraph breaks are given).  Precision, recall and F1 are micro-averaged over the
documents; ``exact`` is the share of documents whose in-paragraph boundaries are all right.
Speed is the UTF-8 size of the documents over the CPU time the system took to split them
all (one run, same process, same documents; CPU time because the machine may be shared).

The split is fixed and was fixed before any tuning: in each genre, the documents sorted by
id, the first ``2 * n // 3`` are ``dev`` (tune on these), the rest ``heldout`` (report these).

Systems, all run here on the same text:

* ``analysis``: :func:`analysis.text.sentences`;
* ``punkt``: NLTK's ``PunktSentenceTokenizer()`` with no parameters (NLTK's trained English
  model needs ``nltk_data``, which is not available offline);
* ``punkt+polnear``: the same class with the parameters this project learned from the
  PolNeAR training texts (``analysis/data/punkt``), before the project's own rules and hand
  lists; with ``--polnear DIR`` it is trained here from that folder instead;
* ``pysbd``: pySBD's rule-based English segmenter (``clean=False``);
* ``nupunkt``: nupunkt's default model (a Punkt trained on legal and financial text).

Rows: all genres, the five written genres of the held-out evaluation together (news,
interview, whow, voyage, bio), and each of those five.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

WRITTEN = ("news", "interview", "whow", "voyage", "bio")

Splitter = Callable[[str], Iterable[int]]


@dataclass(frozen=True)
class Doc:
    id: str
    genre: str
    text: str
    gold: frozenset[int]
    paragraph_starts: frozenset[int]


def load(folder: str | Path) -> list[Doc]:
    """Read ``documents.jsonl`` from ``folder`` (or the file itself), in file order."""
    path = Path(folder)
    if path.is_dir():
        path = path / "documents.jsonl"
    if not path.is_file():
        raise SystemExit(f"no documents.jsonl at {path}; give the gum-train-sentences folder")
    docs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            pstart = frozenset(s for s, _ in d["paragraphs"])
            gold = frozenset(s for s, _ in d["sentences"]) - pstart
            docs.append(Doc(d["id"], d["genre"], d["text"], gold, pstart))
    return docs


def split_parts(docs: list[Doc]) -> dict[str, list[Doc]]:
    """The fixed split: per genre, sorted by id, the first two thirds (rounded down) are dev."""
    parts: dict[str, list[Doc]] = {"dev": [], "heldout": []}
    for genre in sorted({d.genre for d in docs}):
        members = sorted((d for d in docs if d.genre == genre), key=lambda d: d.id)
        cut = 2 * len(members) // 3
        parts["dev"] += members[:cut]
        parts["heldout"] += members[cut:]
    parts["all"] = sorted(docs, key=lambda d: (d.genre, d.id))
    return parts


def boundaries(text: str, starts: Iterable[int], paragraph_starts: frozenset[int]) -> set[int]:
    """Predicted in-paragraph boundaries: starts moved past whitespace, paragraph starts out."""
    out = set()
    n = len(text)
    for i in starts:
        while i < n and text[i].isspace():
            i += 1
        if i < n and i not in paragraph_starts:
            out.add(i)
    return out


def _located(text: str, pieces: Iterable[str]) -> list[int]:
    """Start offsets of sentence strings found in order in ``text`` (for string-only APIs)."""
    pos, starts = 0, []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:  # the system changed the text; skip the piece rather than guess
            continue
        starts.append(at)
        pos = at + len(piece)
    return starts


def systems(polnear: str | None) -> dict[str, Splitter]:
    """The splitters by name, each returning sentence start offsets for a text."""
    import nupunkt
    import pysbd
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from analysis.text import sentences

    def trained(text: str) -> list[int]:
        if not hasattr(trained, "model"):
            from analysis.text import punkt as learned

            params = (learned.train(learned.read_texts(polnear)) if polnear
                      else learned.parameters())
            trained.model = PunktSentenceTokenizer(params)
        return [s for s, _ in trained.model.span_tokenize(text)]

    plain = PunktSentenceTokenizer()
    sbd = pysbd.Segmenter(language="en", clean=False)
    return {
        "analysis": lambda t: [s.start for s in sentences(t)],
        "punkt": lambda t: [s for s, _ in plain.span_tokenize(t)],
        "punkt+polnear": trained,
        "pysbd": lambda t: _located(t, sbd.segment(t)),
        "nupunkt": lambda t: [s for s, _ in nupunkt.sent_spans(t)],
    }


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    docs: int = 0
    size: int = 0
    seconds: float = 0.0

    def add(self, doc: Doc, pred: set[int], seconds: float) -> None:
        self.tp += len(doc.gold & pred)
        self.fp += len(pred - doc.gold)
        self.fn += len(doc.gold - pred)
        self.exact += pred == doc.gold
        self.docs += 1
        self.size += len(doc.text.encode("utf-8"))
        self.seconds += seconds

    def row(self) -> tuple[float, float, float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        speed = self.size / 1e6 / self.seconds if self.seconds else float("inf")
        return p, r, f, self.exact / self.docs if self.docs else 0.0, speed


def evaluate(docs: list[Doc], split: Splitter) -> dict[str, tuple[Doc, set[int], float]]:
    """Run ``split`` on every document; its boundaries and the seconds it took, by id."""
    out = {}
    for doc in docs:
        t = time.process_time()
        starts = list(split(doc.text))
        seconds = time.process_time() - t
        out[doc.id] = (doc, boundaries(doc.text, starts, doc.paragraph_starts), seconds)
    return out


def table(results: dict[str, dict[str, tuple[Doc, set[int], float]]]) -> str:
    """The side-by-side table: one block per slice, one line per system."""
    slices: list[tuple[str, Callable[[Doc], bool]]] = [
        ("all genres", lambda d: True),
        ("five written", lambda d: d.genre in WRITTEN),
        *((g, lambda d, g=g: d.genre == g) for g in WRITTEN),
    ]
    lines = [f"{'slice':<13} {'system':<14} {'docs':>4} {'bounds':>6} {'P':>6} {'R':>6} "
             f"{'F1':>6} {'exact':>6} {'MB/s':>7}"]
    for label, keep in slices:
        for name, runs in results.items():
            score = Score()
            for doc, pred, seconds in runs.values():
                if keep(doc):
                    score.add(doc, pred, seconds)
            if not score.docs:
                continue
            p, r, f, exact, speed = score.row()
            lines.append(f"{label:<13} {name:<14} {score.docs:>4} {score.tp + score.fn:>6} "
                         f"{p:6.4f} {r:6.4f} {f:6.4f} {exact:6.3f} {speed:7.3f}")
        lines.append("")
    return "\n".join(lines)


def errors(runs: dict[str, tuple[Doc, set[int], float]], limit: int) -> str:
    """The first ``limit`` wrong boundaries of one system, each in a short context."""
    out = []
    for doc, pred, _ in runs.values():
        for at in sorted((pred - doc.gold) | (doc.gold - pred)):
            kind = "FP" if at in pred else "FN"
            left = doc.text[max(0, at - 60):at].replace("\n", "¶")
            right = doc.text[at:at + 40].replace("\n", "¶")
            out.append(f"{kind} {doc.id}@{at}: {left} ‖ {right}")
    return "\n".join(out[:limit])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dir", help="folder with GUM's documents.jsonl")
    parser.add_argument("--part", choices=("dev", "heldout", "all"), default="heldout")
    parser.add_argument("--systems", default="analysis,punkt,punkt+polnear,pysbd,nupunkt",
                        help="comma-separated subset of the systems")
    parser.add_argument("--errors", type=int, default=0, metavar="N",
                        help="also list the first N boundary errors of 'analysis'")
    parser.add_argument("--polnear", metavar="DIR",
                        help="train the punkt+polnear peer here from this folder of .txt files")
    args = parser.parse_args(argv)

    docs = split_parts(load(args.dir))[args.part]
    available = systems(args.polnear)
    wanted = [s for s in args.systems.split(",") if s]
    unknown = sorted(set(wanted) - set(available))
    if unknown:
        raise SystemExit(f"unknown systems {unknown}; choose from {sorted(available)}")
    for name in wanted:  # warm up lazy caches so speed measures splitting only
        list(available[name]("Warm up. Mr. Smith came."))
    results = {name: evaluate(docs, available[name]) for name in wanted}
    print(f"GUM part {args.part!r}: {len(docs)} documents, "
          f"{sum(len(d.text.encode()) for d in docs) / 1e6:.2f} MB; in-paragraph boundaries")
    print(table(results))
    if args.errors and "analysis" in results:
        print(errors(results["analysis"], args.errors))


if __name__ == "__main__":
    main(sys.argv[1:])
