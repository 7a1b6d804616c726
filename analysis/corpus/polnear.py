"""Reading a PolNeAR-style corpus: news articles with gold attributions in brat standoff.

A folder holds ``text/<article>.txt`` (UTF-8; offsets count characters of the text as
stored, line endings included), ``attributions/<article>_<annotator>.ann`` (brat
standoff) and, optionally, ``metadata.tsv`` (one row per article keyed by
``filename``: publisher, publication_date, author, title, ...).  Without the table,
the publisher and date are taken from the file name (``<publisher>_<YYYY-MM-DD>_...``).

An attribution (PARC; Newell, Margolin & Ruths, LREC 2018) links a **source** (the
mention of who, possibly absent), a **cue** (the reporting verb or phrase) and a
**content** (what is attributed: a statement, a belief, an intention).  Each part is
kept as a tuple of :class:`Piece` records, since brat spans may be discontinuous
(``Content 10 20;30 40``); every piece satisfies ``text[piece.start:piece.end] ==
piece.text``, and the reader checks the annotated string of every line against the
article text.  Brat writes an annotated string that spans a line break over several
lines; such continuation lines are read as part of their entity.

``Discard`` entities mark stretches that the annotators excluded (editor's notes,
copyright lines); they are kept in :attr:`Article.discarded` so that an evaluation can
ignore predictions there.  ``Discuss`` entities (a flag for discussion among
annotators), notes (``#``), attributes and relations are read and ignored.

The evaluation protocol, fixed before any tuning: articles published up to
2016-06-30 are for fitting and development (``fit``), those from 2016-07-01 to
2016-09-30 for validation (``validation``, 183 articles in the training compartment);
anything later is ``other``.  See :func:`polnear_part`.

Examples
--------
>>> from analysis.paths import REPO
>>> articles = read_polnear(REPO / "tests" / "data" / "polnear_sample", part="validation")
>>> [(a.meta["publisher"], len(a.attributions)) for a in articles]
[('river-herald', 3), ('river-herald', 3)]
>>> first = articles[0].attributions[0]
>>> first.source[0].text, first.cue[0].text, first.content[0].text
('Treasurer Omar Lindqvist', 'said', 'the budget was “balanced, fair and overdue.”')
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from analysis.corpus.records import Document

__all__ = [
    "FIT_END",
    "PARTS",
    "VALIDATION_END",
    "VALIDATION_START",
    "Article",
    "Attribution",
    "Piece",
    "PolnearError",
    "article_meta",
    "parse_ann",
    "polnear_part",
    "polnear_split",
    "read_metadata",
    "read_polnear",
]

#: Last publication date of the ``fit`` part (inclusive).
FIT_END = date(2016, 6, 30)
#: First and last publication dates of the ``validation`` part (inclusive).
VALIDATION_START, VALIDATION_END = date(2016, 7, 1), date(2016, 9, 30)
#: The parts a reader or an evaluation can select.
PARTS = ("fit", "validation", "other", "all")

_ROLES = ("Source", "Cue", "Content")
_TRIGGERS = ("Attribution", "Attribution-no-source")
_IGNORED_LINES = ("#", "A", "R", "N", "M", "*")
_NAME_RE = re.compile(r"^(?P<publisher>[^_]+)_(?P<date>\d{4}-\d{2}-\d{2})_")


class PolnearError(ValueError):
    """A PolNeAR folder, metadata row or annotation line that cannot be read."""


@dataclass(frozen=True, slots=True)
class Piece:
    """One contiguous stretch of an annotated span: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Attribution:
    """One gold attribution relation (a brat event).

    ``source`` is empty when the attribution has no source (``Attribution-no-source``,
    passive or implicit sources); ``content`` may be empty in the rare relation whose
    annotator linked no content.  Pieces are in text order.  ``line`` is the line of
    the event in the ``.ann`` file.
    """

    id: str
    source: tuple[Piece, ...]
    cue: tuple[Piece, ...]
    content: tuple[Piece, ...]
    line: int

    @property
    def content_text(self) -> str:
        """The content pieces joined by a space (brat's own rendering)."""
        return " ".join(p.text for p in self.content)

    @property
    def source_text(self) -> str:
        """The source pieces joined by a space; empty when there is no source."""
        return " ".join(p.text for p in self.source)

    @property
    def cue_text(self) -> str:
        """The cue pieces joined by a space."""
        return " ".join(p.text for p in self.cue)


@dataclass(frozen=True)
class Article:
    """An article with one annotator's attributions.

    ``annotator`` is the annotator whose file was read (``None`` when the article has
    no annotation file); ``annotators`` lists every annotator of the article in
    sorted order.
    """

    id: str
    text: str
    meta: Mapping[str, str] = field(compare=False)
    annotator: str | None
    attributions: tuple[Attribution, ...]
    discarded: tuple[Piece, ...] = ()
    annotators: tuple[str, ...] = ()

    @property
    def document(self) -> Document:
        """The article as a corpus :class:`~analysis.corpus.Document`."""
        return Document(self.id, self.text, dict(self.meta))

    @property
    def part(self) -> str:
        """``fit``, ``validation`` or ``other`` (see :func:`polnear_part`)."""
        return polnear_part(self.meta.get("publication_date", ""))


def polnear_part(published: str | date) -> str:
    """The evaluation part of an article published on ``published`` (ISO date).

    Examples
    --------
    >>> polnear_part("2016-06-30"), polnear_part("2016-07-01"), polnear_part("2016-10-02")
    ('fit', 'validation', 'other')
    """
    if isinstance(published, str):
        try:
            published = date.fromisoformat(published.strip()[:10])
        except ValueError:
            raise PolnearError(f"publication date {published!r} is not an ISO date "
                               f"(YYYY-MM-DD); fix the metadata row or the file name") from None
    if published <= FIT_END:
        return "fit"
    if VALIDATION_START <= published <= VALIDATION_END:
        return "validation"
    return "other"


def polnear_split(articles: list[Article]) -> dict[str, list[Article]]:
    """Articles grouped by part: ``{"fit": [...], "validation": [...], "other": [...]}``.

    Examples
    --------
    >>> from analysis.paths import REPO
    >>> split = polnear_split(read_polnear(REPO / "tests" / "data" / "polnear_sample"))
    >>> {part: len(items) for part, items in split.items()}
    {'fit': 1, 'validation': 2, 'other': 1}
    """
    out: dict[str, list[Article]] = {"fit": [], "validation": [], "other": []}
    for article in articles:
        out[article.part].append(article)
    return out


# --------------------------------------------------------------------------- .ann lines
def _pieces(offsets: str, text: str, where: str) -> tuple[tuple[int, int], ...]:
    out = []
    for chunk in offsets.split(";"):
        bounds = chunk.split()
        if len(bounds) != 2 or not all(b.isdigit() for b in bounds):
            raise PolnearError(f"{where}: offsets {offsets!r} are not 'START END' pairs "
                               f"separated by ';'")
        start, end = int(bounds[0]), int(bounds[1])
        if not start <= end <= len(text):
            raise PolnearError(f"{where}: span {start}-{end} is outside the article text "
                               f"(length {len(text)}) or reversed; is this the .ann file of "
                               f"this article?")
        out.append((start, end))
    return tuple(out)  # in file order: brat joins the annotated string in this order


def _short(s: str, n: int = 60) -> str:
    return repr(s if len(s) <= n else s[:n] + "…")


def parse_ann(ann: str, text: str, *, path: str = "<ann>"
              ) -> tuple[tuple[Attribution, ...], tuple[Piece, ...]]:
    """Attributions and discarded stretches of one brat ``.ann`` file.

    Parameters
    ----------
    ann : str
        The content of the ``.ann`` file.
    text : str
        The article text its offsets point into.
    path : str
        Named in error messages.

    Returns
    -------
    attributions, discarded
        Attributions in the order of their events; ``Discard`` pieces in text order.

    Raises
    ------
    PolnearError
        Naming the file and line: an unknown line type, bad offsets, an annotated string
        that differs from the text at its offsets, a duplicate id, an event that names an
        unknown entity or role.

    Examples
    --------
    >>> text = "Ann said it rained."
    >>> ann = "T1\\tSource 0 3\\tAnn\\nT2\\tCue 4 8\\tsaid\\nT3\\tContent 9 18\\tit rained\\n"
    >>> ann += "E1\\tAttribution:T2 Source:T1 Cue:T2 Content:T3\\n"
    >>> (a,), _ = parse_ann(ann, text)
    >>> a.source_text, a.cue_text, a.content_text
    ('Ann', 'said', 'it rained')
    >>> parse_ann("T1\\tCue 4 8\\tsays\\n", text, path="x.ann")
    Traceback (most recent call last):
    ...
    analysis.corpus.polnear.PolnearError: x.ann:1: annotated string 'says' differs from the text at 4-8 ('said'); the .ann file does not belong to this text or was edited
    """
    lines = ann.split("\n")
    entities: dict[str, tuple[str, tuple[tuple[int, int], ...], int]] = {}
    events: list[tuple[str, list[str], int]] = []
    i = 0
    while i < len(lines):
        line, lineno = lines[i].rstrip("\r"), i + 1
        where = f"{path}:{lineno}"
        i += 1
        if not line.strip() or line.startswith(_IGNORED_LINES):
            continue
        ident = line.split("\t", 1)[0]
        if line.startswith("T"):
            fields = line.split("\t", 2)
            if len(fields) != 3 or " " not in fields[1]:
                raise PolnearError(f"{where}: a text-bound line needs 'ID<TAB>TYPE START END"
                                   f"<TAB>TEXT'; got {_short(line)}")
            kind, offsets = fields[1].split(" ", 1)
            spans = _pieces(offsets, text, where)
            shown, expected = fields[2], " ".join(text[a:b] for a, b in spans)
            while shown != expected and i < len(lines) and expected.startswith(shown + "\n"):
                shown += "\n" + lines[i].rstrip("\r")  # brat keeps line breaks of the span
                i += 1
            if shown != expected:
                first = f"{spans[0][0]}-{spans[-1][1]}"
                raise PolnearError(f"{where}: annotated string {_short(shown)} differs from "
                                   f"the text at {first} ({_short(expected)}); the .ann file "
                                   f"does not belong to this text or was edited")
            if ident in entities:
                raise PolnearError(f"{where}: duplicate id {ident}")
            entities[ident] = (kind, spans, lineno)
        elif line.startswith("E"):
            fields = line.split("\t")
            args = fields[1].split() if len(fields) > 1 else []
            if not args or any(":" not in a for a in args):
                raise PolnearError(f"{where}: an event line needs 'ID<TAB>TYPE:TRIGGER "
                                   f"ROLE:ID ...'; got {_short(line)}")
            events.append((ident, args, lineno))
        else:
            raise PolnearError(f"{where}: unrecognised line {_short(line)}; brat standoff "
                               f"lines start with T, E, A, R, N, M, * or #")

    def pieces(ids: list[str]) -> tuple[Piece, ...]:
        spans = sorted(s for ident in ids for s in entities[ident][1])
        return tuple(Piece(a, b, text[a:b]) for a, b in spans)

    attributions = []
    for ident, args, lineno in events:
        trigger, _, _ = args[0].partition(":")
        if trigger not in _TRIGGERS:
            raise PolnearError(f"{path}:{lineno}: event type {trigger!r} is not one of "
                               f"{list(_TRIGGERS)}")
        roles: dict[str, list[str]] = {r: [] for r in _ROLES}
        for arg in args[1:]:
            role, _, ref = arg.partition(":")
            base = role.rstrip("0123456789")  # brat numbers repeated roles: Content2
            if base not in roles:
                raise PolnearError(f"{path}:{lineno}: role {role!r} is not one of "
                                   f"{list(_ROLES)} (numbered repeats such as Content2 are "
                                   f"allowed)")
            if ref not in entities:
                raise PolnearError(f"{path}:{lineno}: {role} refers to {ref!r}, which no "
                                   f"T line of the file defines")
            roles[base].append(ref)
        attributions.append(Attribution(ident, pieces(roles["Source"]), pieces(roles["Cue"]),
                                        pieces(roles["Content"]), lineno))
    discarded = pieces([k for k, (kind, _, _) in entities.items() if kind == "Discard"])
    return tuple(attributions), discarded


# --------------------------------------------------------------------------- folders
def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")  # bytes: keep \r\n so offsets hold
    except UnicodeDecodeError as err:
        raise PolnearError(f"{path}: not UTF-8 ({err}); PolNeAR texts are UTF-8") from None


def read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    """The rows of a PolNeAR folder's ``metadata.tsv`` by article (file name without
    ``.txt``); ``{}`` when there is none."""
    path = folder / "metadata.tsv"
    if not path.exists():
        return {}
    reader = csv.DictReader(io.StringIO(_read_text(path)), delimiter="\t",
                            quoting=csv.QUOTE_NONE)
    if not reader.fieldnames or "filename" not in reader.fieldnames:
        raise PolnearError(f"{path}: no 'filename' column; the header must name the columns "
                           f"(filename, publisher, publication_date, ...)")
    out = {}
    for lineno, row in enumerate(reader, start=2):
        name = (row.get("filename") or "").strip()
        if not name:
            raise PolnearError(f"{path}:{lineno}: empty filename")
        out[name.removesuffix(".txt")] = {k: (v or "").strip() for k, v in row.items() if k}
    return out


def article_meta(article: str, table: dict[str, dict[str, str]]) -> dict[str, str]:
    """An article's metadata: its row of ``table`` (:func:`read_metadata`), with the
    publisher and date taken from the file name (``<publisher>_<YYYY-MM-DD>_...``) where
    the row lacks them.

    Examples
    --------
    >>> article_meta("nyt_2016-10-02_x", {})["publication_date"]
    '2016-10-02'
    """
    meta = dict(table.get(article, {}))
    found = _NAME_RE.match(article)
    if found:
        meta.setdefault("publisher", found["publisher"])
        meta.setdefault("publication_date", found["date"])
    if not meta.get("publication_date"):
        raise PolnearError(f"article {article!r}: no publication_date in metadata.tsv and "
                           f"none in the file name (<publisher>_<YYYY-MM-DD>_...)")
    return meta


def read_polnear(folder: str | Path, *, part: str = "all",
                 annotators: str = "first") -> list[Article]:
    """Articles of a PolNeAR-style folder with their gold attributions.

    Parameters
    ----------
    folder : str or Path
        The folder holding ``text/``, ``attributions/`` and (optionally) ``metadata.tsv``.
    part : {"all", "fit", "validation", "other"}
        Which articles to read (see :func:`polnear_part`).
    annotators : {"first", "all"}
        ``first``: one article per text, annotated by the first annotator in sorted
        order; ``all``: one :class:`Article` per annotation file, to measure agreement.

    Returns
    -------
    list of Article
        Sorted by article id (then annotator).

    Raises
    ------
    PolnearError
        For a missing folder, an annotation file without its text, bad metadata or a
        malformed annotation line (naming the file and line).

    Examples
    --------
    >>> from analysis.paths import REPO
    >>> sample = REPO / "tests" / "data" / "polnear_sample"
    >>> [(a.annotator, a.annotators) for a in read_polnear(sample, part="fit")]
    [('a1', ('a1', 'b2'))]
    >>> len(read_polnear(sample, part="fit", annotators="all"))
    2
    """
    folder = Path(folder)
    if part not in PARTS:
        raise PolnearError(f"part must be one of {list(PARTS)}; got {part!r}")
    if annotators not in ("first", "all"):
        raise PolnearError(f"annotators must be 'first' or 'all'; got {annotators!r}")
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise PolnearError(f"{folder}: expected a PolNeAR folder with text/ and attributions/ "
                           f"sub-folders (e.g. /work/shared/data/polnear-train)")
    texts = {p.stem: p for p in sorted(text_dir.glob("*.txt"))}
    files: dict[str, list[tuple[str, Path]]] = {}
    for path in sorted(ann_dir.glob("*.ann")):
        article, sep, who = path.stem.rpartition("_")
        if not sep or article not in texts:
            raise PolnearError(f"{path}: no text/{article or path.stem}.txt for this "
                               f"annotation file; names must be <article>_<annotator>.ann")
        files.setdefault(article, []).append((who, path))
    table = read_metadata(folder)
    out = []
    for article, text_path in texts.items():
        meta = article_meta(article, table)
        if part != "all" and polnear_part(meta["publication_date"]) != part:
            continue
        text = _read_text(text_path)
        chosen = sorted(files.get(article, []))
        names = tuple(who for who, _ in chosen)
        if not chosen:
            out.append(Article(article, text, meta, None, (), (), ()))
            continue
        for who, path in chosen if annotators == "all" else chosen[:1]:
            attributions, discarded = parse_ann(_read_text(path), text, path=str(path))
            out.append(Article(article, text, meta, who, attributions, discarded, names))
    return out
