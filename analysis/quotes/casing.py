"""Is a capitalised word a name? Evidence from how the word is written mid-sentence.

A word that opens a sentence is capitalised whatever it is (``Finally``, ``Authored``,
``Besides``, ``Local``); in the middle of a sentence only names and the words of names
are.  So the share of a word's mid-sentence occurrences written in lower case tells a
name from an ordinary word:

* **in the article itself** (:func:`document_case`): ``Reprising`` opens a sentence, but
  ``reprising`` appears later in lower case; ``Trump`` appears capitalised mid-sentence;
* **in news at large** (:func:`lower_share`): counts learned from a corpus and shipped
  in ``analysis/data/quotes/casing.tsv`` (word, lower-case count, capitalised count;
  no text).

A *mid-sentence* occurrence is a word token that follows a word, number, abbreviation,
clitic or comma of the same sentence (not a quotation mark, colon, dash or bracket,
after which a capital may open a quoted sentence), outside sentences written in title
case (headlines) and not in capitals throughout.

Rebuild the counts (deterministic; a PolNeAR folder uses its fit months only, so the
validation months stay unseen)::

    python -m analysis.quotes.casing /work/shared/data/polnear-train

Examples
--------
>>> lower_share("finally") > 0.9, lower_share("president") > 0.5, lower_share("trump") < 0.01
(True, True, True)
>>> from analysis.text import build
>>> document_case(build("Reprising the role, he won. He kept reprising it.").tokens)["reprising"]
(1, 0)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

from analysis.paths import DATA
from analysis.resources import data_text
from analysis.text import Token, build, fold

__all__ = ["case_counts", "count_case", "document_case", "lower_share", "main", "mid_sentence_words"]

_FILE = "quotes/casing.tsv"
#: Token kinds after which a word stands in the middle of a sentence.
_CONTINUING_KINDS = frozenset({"word", "number", "abbreviation", "clitic"})
#: A sentence with at least this many words longer than three letters, of which at least
#: :data:`HEADLINE_SHARE` are capitalised, is a headline in title case and is not counted.
HEADLINE_MIN_WORDS = 3
HEADLINE_SHARE = 0.7
#: Words seen fewer times than this in the corpus are not shipped (one lower-case use
#: is already evidence: names are rarely written in lower case).
MIN_COUNT = 1


def _sentences(toks: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Token ranges of the sentences (tokens carry their sentence index)."""
    a = 0
    for k in range(1, len(toks) + 1):
        if k == len(toks) or toks[k].sentence != toks[a].sentence:
            yield a, k
            a = k


def _is_headline(toks: Sequence[Token], a: int, b: int) -> bool:
    long_words = [t.text for t in toks[a:b] if t.kind == "word" and len(t.text) > 3]
    caps = sum(w[:1].isupper() for w in long_words)
    return len(long_words) >= HEADLINE_MIN_WORDS and caps >= HEADLINE_SHARE * len(long_words)


def mid_sentence_words(toks: Sequence[Token]) -> Iterator[tuple[str, bool]]:
    """``(folded word, written in lower case)`` for every mid-sentence word of ``toks``
    (the tokens of a document, :attr:`analysis.text.TextDoc.tokens`).

    Examples
    --------
    >>> list(mid_sentence_words(build("Finally, Ana Ruiz spoke: “Yes.”").tokens))
    [('ana', False), ('ruiz', False), ('spoke', True)]
    """
    folded: dict[str, str] = {}
    for text in _mid_sentence_texts(toks):
        word = folded.get(text)
        if word is None:
            word = folded[text] = fold(text)
        yield word, text[:1].islower()


def _mid_sentence_texts(toks: Sequence[Token]) -> list[str]:
    """The texts of the mid-sentence words of ``toks``, in order (one pass, no fold)."""
    out: list[str] = []
    continuing = _CONTINUING_KINDS
    kinds = [t.kind for t in toks]
    texts = [t.text for t in toks]
    for a, b in _sentences(toks):
        if _is_headline_of(kinds, texts, a, b):
            continue
        for k in range(a + 1, b):
            if kinds[k] != "word":
                continue
            text = texts[k]
            if text[:1].isalpha() and not (len(text) > 1 and text.isupper()) and (
                    kinds[k - 1] in continuing or texts[k - 1] == ","):
                out.append(text)
    return out


def _is_headline_of(kinds: Sequence[str], texts: Sequence[str], a: int, b: int) -> bool:
    """:func:`_is_headline` from the tokens' kinds and texts."""
    long_words = [w for kind, w in zip(kinds[a:b], texts[a:b], strict=True)
                  if kind == "word" and len(w) > 3]
    if len(long_words) < HEADLINE_MIN_WORDS:
        return False
    caps = sum(w[:1].isupper() for w in long_words)
    return caps >= HEADLINE_SHARE * len(long_words)


def document_case(toks: Sequence[Token]) -> dict[str, tuple[int, int]]:
    """``word -> (lower-case count, capitalised count)`` over the mid-sentence words of a
    document's tokens: the article's own evidence of what is a name."""
    return case_counts([t.kind for t in toks], [t.text for t in toks],
                       [t.sentence for t in toks])[0]


def case_counts(kinds: Sequence[str], texts: Sequence[str], sents: Sequence[int],
                lows: Sequence[str] | None = None
                ) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """:func:`document_case` and the same counts with headlines counted too, in one pass.

    Parameters
    ----------
    kinds, texts, sents : sequence
        The kind, text and sentence index of every token of a document.
    lows : sequence of str, optional
        The tokens folded (:attr:`analysis.text.TextDoc.folded`), when made already.

    Returns
    -------
    body : dict
        ``folded word -> (lower, capitalised)`` over the mid-sentence words outside
        headlines (:func:`document_case`), in the order the words are first seen.
    every : dict
        The same over every sentence, headlines included.
    """
    continuing = _CONTINUING_KINDS
    folded: dict[str, str] = {}
    body: dict[str, list[int]] = {}
    every: dict[str, list[int]] = {}
    n = len(kinds)
    a = 0
    while a < n:
        b, sent = a + 1, sents[a]
        while b < n and sents[b] == sent:
            b += 1
        headline = _is_headline_of(kinds, texts, a, b)
        for k in range(a + 1, b):
            if kinds[k] != "word":
                continue
            text = texts[k]
            if not text[:1].isalpha() or (len(text) > 1 and text.isupper()) or (
                    kinds[k - 1] not in continuing and texts[k - 1] != ","):
                continue
            if lows is not None:
                word = lows[k]
            else:
                word = folded.get(text)
                if word is None:
                    word = folded[text] = fold(text)
            side = 0 if text[:1].islower() else 1
            c = every.get(word)
            if c is None:
                c = every[word] = [0, 0]
            c[side] += 1
            if not headline:
                c = body.get(word)
                if c is None:
                    c = body[word] = [0, 0]
                c[side] += 1
        a = b
    return _as_pairs(body), _as_pairs(every)


def _as_pairs(counts: dict[str, list[int]]) -> dict[str, tuple[int, int]]:
    return {w: (c[0], c[1]) for w, c in counts.items()}


def count_case(texts: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Mid-sentence ``(lower, capitalised)`` counts of every word over ``texts``."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for text in texts:
        for word, is_lower in mid_sentence_words(build(text).tokens):
            (lower if is_lower else upper)[word] += 1
    return {w: (lower[w], upper[w]) for w in lower.keys() | upper.keys()}


@cache
def _shipped() -> dict[str, tuple[int, int]]:
    out = {}
    for line in data_text(_FILE).splitlines():
        if not line or line.startswith("#"):
            continue
        word, lower, upper = line.split("\t")
        out[word] = (int(lower), int(upper))
    return out


def lower_share(word: str) -> float | None:
    """Share of the mid-sentence occurrences of ``word`` (folded, lower case) written in
    lower case in the shipped news counts; ``None`` for a word not seen there."""
    counts = _shipped().get(word)
    if counts is None:
        return None
    return counts[0] / (counts[0] + counts[1])


def count(word: str) -> int:
    """How often ``word`` was seen mid-sentence in the shipped news counts."""
    lower, upper = _shipped().get(word, (0, 0))
    return lower + upper


def write(counts: dict[str, tuple[int, int]], out: str | Path, *, source: str,
          min_count: int = MIN_COUNT) -> int:
    """Write the counts of words seen at least ``min_count`` times that are written in
    lower case at least once (an always-capitalised word is a name, as an unseen word
    is taken to be); returns the number of words written."""
    rows = sorted((w, lo, up) for w, (lo, up) in counts.items()
                  if lo + up >= min_count and lo > 0 and "\t" not in w)
    header = (
        "# How often each word is written in lower case and capitalised in the middle of a\n"
        "# sentence in news text: word (folded, lower case)<TAB>lower-case count<TAB>"
        "capitalised count.\n"
        "# A high lower-case share means a capitalised occurrence at a sentence start is\n"
        "# an ordinary word, not a name (analysis/quotes/mentions.py).\n"
        f"# Learned from {source};\n"
        f"# words seen at least {min_count} time(s) and written in lower case at least once.\n"
        "# Counts only: no text of the corpus.\n"
        "# Rebuild: python -m analysis.quotes.casing DIR (analysis/quotes/casing.py).\n")
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "".join(f"{w}\t{lo}\t{up}\n" for w, lo, up in rows),
                    encoding="utf-8")
    return len(rows)


def _texts(folder: Path, part: str) -> tuple[list[str], str]:
    """The texts of a PolNeAR folder's ``part`` (by its metadata), or of every ``.txt``
    file of a plain folder, and how the header names them."""
    if (folder / "text").is_dir() and (folder / "metadata.tsv").exists():
        from analysis.corpus.polnear import article_meta as _meta_for
        from analysis.corpus.polnear import polnear_part
        from analysis.corpus.polnear import read_metadata as _metadata

        table = _metadata(folder)
        files = sorted((folder / "text").glob("*.txt"))
        chosen = [p for p in files if part == "all" or
                  polnear_part(_meta_for(p.stem, table)["publication_date"]) == part]
        texts = [p.read_bytes().decode("utf-8") for p in chosen]
        return texts, (f"the {len(texts)} '{part}' articles of the PolNeAR folder "
                       f"{folder.name}/\n# (publication months as analysis/polnear.py splits "
                       f"them)")
    files = sorted(folder.rglob("*.txt")) if folder.is_dir() else []
    if not files:
        raise SystemExit(f"no .txt files under {folder}; give a PolNeAR folder (text/ and "
                         f"metadata.tsv) or a folder of plain-text articles")
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    return texts, f"{len(texts)} articles in {folder.name}/"


def main(argv: list[str] | None = None) -> None:
    """``python -m analysis.quotes.casing DIR [--part fit] [--out FILE] [--min-count N]``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis.quotes.casing",
        description="Count how often each word is written in lower case mid-sentence and "
                    "write analysis/data/quotes/casing.tsv (or --out).")
    parser.add_argument("dir", help="a PolNeAR folder (text/, metadata.tsv) or a folder of "
                                    ".txt articles")
    parser.add_argument("--part", default="fit", choices=["fit", "validation", "other", "all"],
                        help="for a PolNeAR folder: which months to learn from "
                             "(default: %(default)s)")
    parser.add_argument("--out", default=str(DATA / _FILE),
                        help="output file (default: %(default)s)")
    parser.add_argument("--min-count", type=int, default=MIN_COUNT,
                        help="minimum mid-sentence occurrences (default: %(default)s)")
    args = parser.parse_args(argv)
    texts, source = _texts(Path(args.dir), args.part)
    n = write(count_case(texts), args.out, source=source, min_count=args.min_count)
    print(f"wrote {n} words from {len(texts)} articles to {args.out}")


if __name__ == "__main__":
    main(sys.argv[1:])
