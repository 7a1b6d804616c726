"""Gold units of a PolNeAR article: quoted segments and indirect contents.

The PolNeAR annotation is converted into the two kinds of unit that are scored apart:

Quoted segments
    The quotations of the article text, mark to mark inclusive, found line by line
    (:func:`quoted_segments`): ``“…”``, and straight ``"…"`` or doubled apostrophes
    ``\'\'…\'\'`` (the New York Times texts of PolNeAR), toggling; ``‘…’`` only outside
    double marks, opening at a word start and closing before a non-letter (headline
    style).  A quotation left open at the end of a line (running on into the next
    paragraph) ends there; a closing mark with no opening mark starts the segment at the
    line's first character.  Straight single quotes, ``„…“`` and ``«…»`` are not read as
    marks.  A quotation is gold when a gold content covers at least one character inside
    its marks; it belongs to the attribution whose content covers most of it (so a
    quotation whose content an annotator cut short, or left without its marks, is still
    scored mark to mark).  A content with marks that the line-level pairing does not
    resolve keeps the segments found inside the content itself.  A segment is
    ``direct`` when its content holds nothing but quotation, else ``partial`` (a mixed
    content: ``said the budget was “balanced.”``).  Each carries its attribution's
    source.
Indirect contents
    Gold contents with no quotation, as a whole (all pieces), kind ``indirect``.

Each unit also carries the class of its cue (:func:`cue_class`) and a key for canonical
speaker agreement (:func:`source_keys`).

Examples
--------
>>> from analysis.paths import REPO
>>> from analysis.corpus.polnear import read_polnear
>>> article = read_polnear(REPO / "tests" / "data" / "polnear_sample", part="fit")[0]
>>> [(u.kind, u.text, u.source_key) for u in gold_units(article)]  # doctest: +NORMALIZE_WHITESPACE
[('direct', '“We need more time to read the engineers’ report,”', 'quint'),
 ('direct', '“Nobody should rush a bridge.”', 'quint'),
 ('indirect', 'that the vote would take place in June', 'quint'),
 ('direct', '“The engineers were clear.', 'quint'),
 ('direct', '“We will not cut corners,”', 'quint')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.corpus.polnear import Article, Piece
from analysis.quotes.cues import cue_class
from analysis.resources import word_list

__all__ = ["PRONOUNS", "GoldUnit", "canonical_agrees", "cue_class", "gold_units", "quoted_segments",
           "source_keys"]

#: Mentions that are pronouns: their key is that of the nearest preceding named source.
PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his",
                      "she", "her", "it", "its", "they", "them", "their", "himself",
                      "herself", "themselves", "itself"})
_PERSONAL = frozenset({"i", "me", "my", "he", "him", "his", "himself", "she", "her", "herself"})
_PARTIES = frozenset({"democratic", "democrat", "republican", "gop", "independent", "libertarian",
                      "u.s.", "us", "american", "former", "then", "acting", "late"})
_WORD_RE = re.compile(r"[^\W_][\w’'.\-]*")
_MARK_RE = re.compile(r"''|[“”\"‘’]")
_RUN_RE = re.compile(r"[A-Z][\w’'.\-]*(?:[ \t]+(?:(?:de|del|van|von|al|bin|la|le|da|di)[ \t]+)?"
                     r"[A-Z][\w’'.\-]*)*")
#: How far back (characters) a pronoun's antecedent is looked for in the text.
_ANTECEDENT_WINDOW = 2000
_PARTICLES = frozenset({"de", "del", "della", "da", "di", "van", "von", "der", "den", "la", "le",
                        "du", "dos", "bin", "ibn", "al", "el", "abu"})
_CUTS = frozenset({"who", "which", "that", "of", "for", "at", "from", "in", "with", "on", "and",
                   "whose", "whom", "to", "by", "including"})
_QUANTIFIERS = frozenset({"some", "many", "most", "all", "one", "two", "three", "few", "several",
                          "none", "each", "both", "half", "majority", "dozens", "hundreds",
                          "thousands", "millions", "any", "more", "other", "others"})
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "his", "her",
                          "its", "their", "our", "my", "your", "some", "many", "most", "all",
                          "other", "another", "such", "both", "each", "every", "any"})


@dataclass(frozen=True, slots=True)
class GoldUnit:
    """One gold unit to be matched by a predicted quote.

    ``group`` is ``quoted`` or ``indirect``; ``kind`` is ``direct``, ``partial`` or
    ``indirect``; ``pieces`` are ``(start, end)`` offsets; ``source`` the source
    pieces (empty when the attribution has none); ``source_type`` is ``name``,
    ``pronoun``, ``description`` or ``none``; ``source_key`` the word a predicted
    canonical name must contain to agree (``None`` when undetermined).
    """

    doc_id: str
    group: str
    kind: str
    pieces: tuple[tuple[int, int], ...]
    text: str
    source: tuple[tuple[int, int], ...]
    source_text: str
    source_type: str
    source_key: str | None
    cue: str
    cue_class: str
    attribution: str

    @property
    def start(self) -> int:
        """First character of the unit."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """One past the last character of the unit."""
        return self.pieces[-1][1]


def _line_segments(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    double = single = None
    for found in _MARK_RE.finditer(text, lo, hi):
        k, mark = found.start(), found.group(0)
        if mark not in "‘’":
            opening = mark == "“" or (mark != "”" and double is None)
            if opening and double is None:
                double, single = k, None
            elif not opening and double is not None:
                out.append((double, found.end()))
                double = None
            elif not opening and not out:  # the piece starts inside a quotation
                first = lo + len(text[lo:k]) - len(text[lo:k].lstrip())
                out.append((first, found.end()))
        elif double is None and mark == "‘":
            if (k == lo or not text[k - 1].isalnum()) and k + 1 < hi and \
                    not text[k + 1].isspace():
                single = k if single is None else single
        elif double is None and single is not None and \
                (k + 1 == hi or not text[k + 1].isalnum()):
            out.append((single, k + 1))
            single = None
    if double is not None:
        end = len(text[:hi].rstrip())
        out.append((double, max(end, double + 1)))
    return out


def quoted_segments(text: str, pieces: tuple[Piece, ...] | list[tuple[int, int]]
                    ) -> list[tuple[int, int]]:
    """Quotation-mark-delimited segments (mark to mark) inside the given pieces of text.

    Examples
    --------
    >>> t = 'He said the plan was “dead” and ‘over’. “We go on,” he said.'
    >>> [t[a:b] for a, b in quoted_segments(t, [(0, len(t))])]
    ['“dead”', '‘over’', '“We go on,”']
    >>> t = "He called it ''a farce.'' ''"
    >>> [t[a:b] for a, b in quoted_segments(t, [(0, len(t) - 3)])]
    ["''a farce.''"]
    >>> t = '“First paragraph.\\n\\n“Second one.”'
    >>> [t[a:b] for a, b in quoted_segments(t, [(0, len(t))])]
    ['“First paragraph.', '“Second one.”']
    """
    out = []
    for piece in pieces:
        a, b = (piece.start, piece.end) if isinstance(piece, Piece) else piece
        line_start = a
        while line_start < b:
            line_end = text.find("\n", line_start, b)
            line_end = b if line_end < 0 else line_end
            if line_end > line_start:
                out.extend(_line_segments(text, line_start, line_end))
            line_start = line_end + 1
    return out


def _fold(word: str) -> str:
    word = word.casefold().replace("’", "'")
    return word[:-2] if word.endswith("'s") else word.rstrip("'")


def _name(mention: str) -> tuple[str | None, bool]:
    """The head of the first name in a mention, and whether it looks like a person's."""
    prefixes = word_list("evaluate/name_prefixes.txt")
    runs: list[list[str]] = [[]]
    for found in re.finditer(r"[^\W_][\w’'.\-]*|[^\w\s]", mention):
        tok = found.group(0)
        if tok[0].isupper() or (tok.casefold() in _PARTICLES and runs[-1]):
            runs[-1].append(tok)
        elif runs[-1]:
            runs.append([])
    function = _DETERMINERS | _QUANTIFIERS | _CUTS | PRONOUNS
    best: tuple[str | None, bool] = (None, False)
    title = None
    for run in runs:
        while run and run[-1].casefold() in _PARTICLES:
            run.pop()
        core = list(run)
        titled = False
        while core and (_fold(core[0]) in prefixes or _fold(core[0]) in function):
            titled = titled or _fold(core[0]) not in function | _PARTIES
            core.pop(0)
        if len(core) >= 2:
            return _fold(core[-1]), _fold(run[0]) != "the"
        if core and best[0] is None:
            best = (_fold(core[0]), titled)
        elif run and not core and title is None and _fold(run[-1]) not in function:
            title = _fold(run[-1])  # a title alone: "the President"
    return best if best[0] else (title, False)


def _description_head(mention: str) -> str | None:
    words = [_fold(w) for w in _WORD_RE.findall(mention.split(",")[0])]
    chunk: list[str] = []
    for word in words:
        if word in _CUTS:
            if word == "of" and chunk and all(w in _QUANTIFIERS | _DETERMINERS for w in chunk):
                chunk = []
                continue
            if chunk:
                break
            continue
        chunk.append(word)
    content = [w for w in chunk if w not in _DETERMINERS]
    return (content or chunk or [None])[-1]


def _mention_type(mention: str) -> str:
    words = [w.casefold() for w in _WORD_RE.findall(mention)]
    if not words:
        return "none"
    if all(w in PRONOUNS for w in words):
        return "pronoun"
    return "name" if _name(mention)[0] else "description"


def source_keys(mentions: list[str]) -> list[tuple[str, str | None]]:
    """``(type, key)`` of each source mention of an article, in text order.

    The key of a **name** is its head: the last word of its first run of two or more
    capitalised words once titles and party words are dropped (``Republican nominee
    Donald Trump`` → ``trump``; ``Sen. Ted Cruz (R-Texas)`` → ``cruz``; ``Clinton’s
    campaign`` → ``clinton``), else its first capitalised word.  A **pronoun** takes the
    key of the nearest preceding named source mention — for *he*, *she* and *I* the
    nearest that looks like a person's name (two or more capitalised words, a title
    before it, or a surname already seen so).  A **description** keys on its head noun
    (``a spokesman for the campaign`` → ``spokesman``; ``some of his advisers`` →
    ``advisers``).

    Limits (PolNeAR has no coreference, so pronoun keys are a guess): a pronoun whose
    antecedent is not a source, or not the nearest named one, gets a wrong key — which
    is why :func:`gold_units` keeps a pronoun's key only when the nearest person-like name
    in the text before it (outside quotations, within 2,000 characters) agrees; in a
    hand check of twelve disagreements left after that on the fit months, nine keys were
    right, and about a third of pronoun sources keep a key.  Organisations with
    person-like names (``Tea Party``) count as persons; a person's organisation conflates
    with the person (``the Trump campaign``); a sentence-initial common noun
    (``Critics``) reads as a name, with the same key; a description agrees only with a
    predicted name containing its head noun.

    Examples
    --------
    >>> source_keys(["Sen. Ted Cruz (R-Texas)", "the GOP", "he", "a spokesman for the campaign",
    ...              "they", ""])  # doctest: +NORMALIZE_WHITESPACE
    [('name', 'cruz'), ('name', 'gop'), ('pronoun', 'cruz'), ('description', 'spokesman'),
     ('pronoun', 'gop'), ('none', None)]
    """
    out: list[tuple[str, str | None]] = []
    last_name = last_person = None
    persons: set[str] = set()
    for mention in mentions:
        kind = _mention_type(mention)
        if kind == "name":
            key, personal = _name(mention)
            if personal or key in persons:
                persons.add(key)
                last_person = key
            last_name = key
            out.append((kind, key))
        elif kind == "pronoun":
            singular = _fold(_WORD_RE.findall(mention)[0]) in _PERSONAL
            out.append((kind, last_person if singular else last_name))
        elif kind == "description":
            out.append((kind, _description_head(mention)))
        else:
            out.append((kind, None))
    return out


def _outside(text: str, pieces: tuple[Piece, ...], segments: list[tuple[int, int]]) -> str:
    """The characters of the pieces that lie outside every segment."""
    out = []
    for piece in pieces:
        k = piece.start
        for a, b in sorted(segments):
            if a < piece.end and b > k:
                out.append(text[k:max(k, a)])
                k = max(k, b)
        out.append(text[k:piece.end])
    return "".join(out)


def _text_antecedent(text: str, pos: int, singular: bool, persons: set[str]) -> str | None:
    """Key of the nearest name before ``pos`` outside quotations (a person's if singular)."""
    lo = max(0, pos - _ANTECEDENT_WINDOW)
    quoted = quoted_segments(text, [(lo, pos)])
    for found in reversed(list(_RUN_RE.finditer(text, lo, pos))):
        if any(a <= found.start() < b for a, b in quoted):
            continue
        key, personal = _name(found.group(0))
        if key is not None and (not singular or personal or key in persons):
            return key
    return None


def gold_units(article: Article) -> list[GoldUnit]:
    """Quoted segments and indirect contents of an article, in text order.

    Examples
    --------
    >>> from analysis.paths import REPO
    >>> from analysis.corpus.polnear import read_polnear
    >>> article = read_polnear(REPO / "tests" / "data" / "polnear_sample", part="validation")[0]
    >>> [(u.kind, u.text, u.cue_class, u.source_type) for u in gold_units(article)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('partial', '“balanced, fair and overdue.”', 'speech', 'name'),
     ('indirect', 'the new plan will shrink class sizes', 'belief', 'description'),
     ('indirect', 'that two trustees left early', 'speech', 'none')]
    """
    text = article.text
    ordered = sorted(article.attributions,
                     key=lambda a: (a.source[0].start if a.source else -1, a.id))
    keys = dict(zip([a.id for a in ordered], source_keys([a.source_text for a in ordered]),
                    strict=True))
    persons = {k for a in ordered for t, k in [keys[a.id]] if t == "name" and _name(
        a.source_text)[1]}
    for a in ordered:
        kind, key = keys[a.id]
        if kind == "pronoun" and key is not None:  # keep the guess only when two guesses agree
            singular = _fold(_WORD_RE.findall(a.source_text)[0]) in _PERSONAL
            if _text_antecedent(text, a.source[0].start, singular, persons) != key:
                keys[a.id] = (kind, None)
    owner: dict[str, list[tuple[int, int]]] = {}
    for a, b in quoted_segments(text, [(0, len(text))]):
        covered = [(sum(max(0, min(b - 1, p.end) - max(a + 1, p.start)) for p in att.content),
                    att.id) for att in article.attributions]
        most, ident = max(covered, key=lambda c: c[0], default=(0, ""))
        if most > 0:
            owner.setdefault(ident, []).append((a, b))
    units = []
    for attribution in article.attributions:
        if not attribution.content:
            continue
        source = tuple((p.start, p.end) for p in attribution.source)
        kind_of_source, key = keys[attribution.id]
        common = dict(doc_id=article.id, source=source, source_text=attribution.source_text,
                      source_type=kind_of_source, source_key=key, cue=attribution.cue_text,
                      cue_class=cue_class(attribution.cue_text), attribution=attribution.id)
        segments = owner.get(attribution.id) or quoted_segments(text, attribution.content)
        if not segments:
            pieces = tuple((p.start, p.end) for p in attribution.content)
            units.append(GoldUnit(group="indirect", kind="indirect", pieces=pieces,
                                  text=attribution.content_text, **common))
            continue
        outside = _outside(text, attribution.content, segments)
        kind = "partial" if any(ch.isalnum() for ch in outside) else "direct"
        units.extend(GoldUnit(group="quoted", kind=kind, pieces=((a, b),), text=text[a:b],
                              **common) for a, b in segments)
    units.sort(key=lambda u: (u.start, u.end, u.group))
    return units


def canonical_agrees(speaker: str | None, key: str) -> bool:
    """Whether a predicted canonical speaker name contains the gold key word.

    Case, possessive ``’s`` and a final plural ``s`` are ignored.

    Examples
    --------
    >>> canonical_agrees("Ted Cruz", "cruz"), canonical_agrees("the spokesmen", "spokesman")
    (True, False)
    >>> canonical_agrees("Senate Democrats", "democrat"), canonical_agrees(None, "cruz")
    (True, False)
    """
    if not speaker:
        return False
    words = {_fold(w).rstrip(".") for w in _WORD_RE.findall(speaker)}
    return key in words or key.rstrip("s") in {w.rstrip("s") for w in words}
