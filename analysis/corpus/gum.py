"""Reading GUM documents with gold entities and coreference (CoNLL-U, GUM 11 notation).

GUM (the Georgetown University Multilayer corpus, Zeldes 2017) annotates every mention of
an entity -- names, descriptions, pronouns -- with its type (``person``,
``organization``, ``place``, ``time``, ``event``, ``abstract``, ``object``,
``substance``, ``animal``, ``plant``) and its coreference chain.  :func:`read_gum`
turns one ``.conllu`` file into a :class:`GumDocument`: the running text rebuilt from
the tokens, and every gold mention as a character span into that text.

The text is rebuilt as the project's ``gum-train-sentences`` export rebuilds it, so the
two agree character for character:

1. tokens are joined with one space, except after a token whose MISC column has
   ``SpaceAfter=No``; a multiword token (``7-8 Bernoulli's``) contributes its surface
   form once, and its words get the offsets of their forms inside it;
2. sentences of one paragraph (``# newpar`` opens a paragraph) are joined with one space;
3. paragraphs are separated by a blank line.

Entities (MISC ``Entity=``): ``(3-organization-new-sssss-cf1-5-coref-Wiki_Id`` opens a
mention of entity 3 of type ``organization``; ``3)`` closes the most recent open mention
of entity 3 on a later token; ``(4-time-...)`` is a one-token mention.  Mentions nest.
The fields after the type (information status, salience, centering, minimal span, link
type, Wikipedia identifier) are kept only as ``link`` (``coref``, ``sgl`` for a
singleton, ``ana``, ``appos``, ``pred``, ``cata``, ``disc``).

The head of a mention is its syntactic head: the first of its words whose dependency
head lies outside the mention.

Not handled: GUM's bridging and split-antecedent annotations (dropped in the export), and
enhanced dependencies.

Examples
--------
>>> conllu = '''# newdoc id = GUM_news_demo
... # meta::genre = news
... # newpar
... 1;Ana;Ana;PROPN;NNP;Number=Sing;3;nsubj;_;Entity=(1-person-new-sssss-cf1-1,2-coref
... 2;Ruiz;Ruiz;PROPN;NNP;Number=Sing;1;flat;_;Entity=1)
... 3;said;say;VERB;VBD;_;0;root;_;_
... 4;she;she;PRON;PRP;Number=Sing;5;nsubj;_;Entity=(1-person-giv:act-sssss-cf1-1-ana)
... 5;won;win;VERB;VBD;_;3;ccomp;_;SpaceAfter=No
... 6;.;.;PUNCT;.;_;3;punct;_;_
... '''.replace(";", "\\t")
>>> doc = parse_gum(conllu)
>>> doc.text
'Ana Ruiz said she won.'
>>> [(m.text, m.etype, m.entity, m.head_text) for m in doc.mentions]
[('Ana Ruiz', 'person', 1, 'Ana'), ('she', 'person', 1, 'she')]
>>> doc.chains[1]
(0, 1)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GumDocument", "GumMention", "GumWord", "heldout_ids", "parse_gum", "read_gum",
           "read_gum_folder"]

#: Share of each genre's documents held out (see :func:`heldout_ids`).
HELDOUT_SHARE = 0.2
_ENTITY_RE = re.compile(r"\(([^()]+)\)?|(\d+)\)")


@dataclass(frozen=True, slots=True)
class GumWord:
    """A syntactic word: its span in the rebuilt text, form, lemma, UPOS, features,
    dependency head (index into the document's words, -1 for the root) and relation,
    sentence and paragraph indices."""

    start: int
    end: int
    form: str
    lemma: str
    upos: str
    feats: str
    head: int
    deprel: str
    sentence: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class GumMention:
    """A gold mention: ``text == doc.text[start:end]``; ``first``/``last`` are word
    indices (inclusive, exclusive); ``head`` the index of its head word; ``entity`` the
    chain it belongs to; ``etype`` GUM's entity type; ``link`` GUM's link type."""

    start: int
    end: int
    text: str
    entity: int
    etype: str
    link: str
    first: int
    last: int
    head: int
    head_text: str
    sentence: int


@dataclass(frozen=True, eq=False)
class GumDocument:
    """A GUM document: id, genre, rebuilt text, words, mentions in text order (by start,
    longest first) and chains (entity -> mention indices in text order)."""

    id: str
    genre: str
    text: str
    words: tuple[GumWord, ...]
    mentions: tuple[GumMention, ...]
    chains: dict[int, tuple[int, ...]]
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[tuple[int, int], ...]


def heldout_ids(doc_ids: Iterable[str], *, share: float = HELDOUT_SHARE) -> frozenset[str]:
    """The held-out documents, fixed before any tuning: in each genre (``GUM_<genre>_...``),
    the documents sorted by the SHA-1 of their id, the first ``round(share * n)`` (at least
    one).  Stratified, so every genre is validated; a hash, so no one chooses.

    Examples
    --------
    >>> ids = [f"GUM_news_{k}" for k in range(10)] + ["GUM_bio_a", "GUM_bio_b"]
    >>> sorted(heldout_ids(ids))
    ['GUM_bio_a', 'GUM_news_2', 'GUM_news_5']
    """
    by_genre: dict[str, list[str]] = {}
    for doc_id in doc_ids:
        parts = doc_id.split("_")
        by_genre.setdefault(parts[1] if len(parts) > 2 else "", []).append(doc_id)
    out: set[str] = set()
    for members in by_genre.values():
        members.sort(key=lambda i: hashlib.sha1(i.encode("utf-8")).hexdigest())
        out.update(members[:max(1, round(share * len(members)))])
    return frozenset(out)


def read_gum(path: str | Path) -> GumDocument:
    """Read one GUM ``.conllu`` file (see :func:`parse_gum`)."""
    path = Path(path)
    return parse_gum(path.read_text(encoding="utf-8"), default_id=path.stem)


def read_gum_folder(folder: str | Path, *, part: str = "all") -> list[GumDocument]:
    """Every ``*.conllu`` file under ``folder`` (or its ``documents/``), sorted by name,
    keeping the documents of ``part`` (``fit``, ``heldout`` or ``all``).

    Raises
    ------
    FileNotFoundError
        If the folder holds no ``.conllu`` file.
    ValueError
        For an unknown ``part``.
    """
    if part not in ("fit", "heldout", "all"):
        raise ValueError(f"part must be 'fit', 'heldout' or 'all', got {part!r}")
    root = Path(folder)
    files = sorted(root.glob("*.conllu")) or sorted((root / "documents").glob("*.conllu"))
    if not files:
        raise FileNotFoundError(f"no .conllu files in {root} or {root / 'documents'}; give "
                                f"the gum-train-entities folder")
    docs = [read_gum(p) for p in files]
    held = heldout_ids(d.id for d in docs)
    return [d for d in docs if part == "all" or (d.id in held) == (part == "heldout")]


def parse_gum(conllu: str, *, default_id: str = "") -> GumDocument:
    """Parse the CoNLL-U text of one GUM document (see module docs).

    Raises
    ------
    ValueError
        On a token line without ten columns, or an ``Entity`` close with no open mention
        of that entity (both name the line).
    """
    doc_id, genre = default_id, ""
    words: list[GumWord] = []
    pieces: list[str] = []  # the text, as pieces joined at the end
    pos = 0
    paragraphs: list[list[int]] = []
    sentences: list[list[int]] = []
    new_par = True
    sent_words: list[tuple[int, str, str, str, str, int, str, str]] = []
    # word fields before offsets are known: (id, form, lemma, upos, feats, head, deprel, misc)
    surfaces: dict[int, tuple[int, str, str]] = {}  # first word id -> (last id, form, misc)
    opened: dict[int, list[tuple[int, str, str]]] = {}  # entity -> stack of (word, type, link)
    raw_mentions: list[tuple[int, int, int, str, str]] = []
    line_no = 0

    def flush_sentence() -> None:
        nonlocal pos, new_par
        if not sent_words:
            return
        if new_par or not paragraphs:
            if paragraphs:
                pieces.append("\n\n")
                pos += 2
            paragraphs.append([pos, pos])
            new_par = False
        elif sentences:
            pieces.append(" ")
            pos += 1
        sent_start = pos
        base = len(words)
        ids = [w[0] for w in sent_words]
        index_of = {wid: base + k for k, wid in enumerate(ids)}
        k = 0
        while k < len(sent_words):
            wid = sent_words[k][0]
            if wid in surfaces:
                last_id, form, misc = surfaces[wid]
                group = [w for w in sent_words[k:] if w[0] <= last_id]
                spans = _word_spans(form, [w[1] for w in group])
                for w, (a, b) in zip(group, spans, strict=True):
                    words.append(_word(w, pos + a, pos + b, index_of, len(sentences),
                                       len(paragraphs) - 1))
                pos += len(form)
                pieces.append(form)
                k += len(group)
            else:
                w = sent_words[k]
                misc = w[7]
                words.append(_word(w, pos, pos + len(w[1]), index_of, len(sentences),
                                   len(paragraphs) - 1))
                pos += len(w[1])
                pieces.append(w[1])
                k += 1
            if k < len(sent_words) and "SpaceAfter=No" not in misc.split("|"):
                pieces.append(" ")
                pos += 1
        sentences.append([sent_start, pos])
        paragraphs[-1][1] = pos
        sent_words.clear()
        surfaces.clear()

    for line in conllu.splitlines():
        line_no += 1
        if not line.strip():
            flush_sentence()
            continue
        if line.startswith("#"):
            flush_sentence()  # comments come before a sentence: a missing blank line
            if line.startswith("# newdoc id"):
                doc_id = line.split("=", 1)[1].strip()
            elif line.startswith("# meta::genre"):
                genre = line.split("=", 1)[1].strip()
            elif line.strip() == "# newpar" or line.startswith("# newpar "):
                new_par = True
            continue
        cols = line.split("\t")
        if len(cols) != 10:
            raise ValueError(f"line {line_no} of {doc_id or 'the document'}: expected 10 "
                             f"tab-separated columns, got {len(cols)}: {line[:60]!r}")
        wid = cols[0]
        if "-" in wid:
            a, b = wid.split("-")
            surfaces[int(a)] = (int(b), cols[1], cols[9])
            continue
        if "." in wid:
            continue  # an empty node
        sent_words.append((int(wid), cols[1], cols[2], cols[3], cols[5], int(cols[6]),
                           cols[7], cols[9]))
        index = len(words) + len(sent_words) - 1
        for field in cols[9].split("|"):
            if field.startswith("Entity="):
                _entities(field[len("Entity="):], index, opened, raw_mentions, line_no,
                          doc_id)
    flush_sentence()
    open_left = [e for e, stack in opened.items() if stack]
    if open_left:
        raise ValueError(f"{doc_id}: entities {open_left[:5]} opened but never closed")
    text = "".join(pieces)
    mentions = _mentions(text, words, raw_mentions)
    chains: dict[int, list[int]] = {}
    for k, m in enumerate(mentions):
        chains.setdefault(m.entity, []).append(k)
    return GumDocument(doc_id, genre, text, tuple(words), tuple(mentions),
                       {e: tuple(v) for e, v in chains.items()},
                       tuple((a, b) for a, b in paragraphs),
                       tuple((a, b) for a, b in sentences))


def _word(w: tuple[int, str, str, str, str, int, str, str], start: int, end: int,
          index_of: dict[int, int], sentence: int, paragraph: int) -> GumWord:
    head = index_of.get(w[5], -1) if w[5] else -1
    return GumWord(start, end, w[1], w[2], w[3], w[4], head, w[6], sentence, paragraph)


def _word_spans(surface: str, forms: list[str]) -> list[tuple[int, int]]:
    """Offsets of the words of a multiword token inside its surface form: each form
    found in order (``Bernoulli`` + ``'s``); where a form is not found (a contraction
    spelt otherwise), the rest of the surface."""
    out = []
    at = 0
    for k, form in enumerate(forms):
        found = surface.find(form, at)
        if found == at:
            out.append((at, at + len(form)))
            at += len(form)
        else:
            end = len(surface) if k == len(forms) - 1 else at
            out.append((at, max(end, at)))
    if out and out[-1][1] < len(surface):
        out[-1] = (out[-1][0], len(surface))
    return out


def _entities(value: str, index: int, opened: dict[int, list[tuple[int, str, str]]],
              raw: list[tuple[int, int, int, str, str]], line_no: int, doc_id: str) -> None:
    """Apply one ``Entity=`` value at word ``index``: opens, closes, one-word mentions."""
    for m in _ENTITY_RE.finditer(value):
        if m.group(1) is not None:
            fields = m.group(1).split("-")
            entity, etype = int(fields[0]), fields[1]
            link = fields[6] if len(fields) > 6 else ""
            if m.group(0).endswith(")"):
                raw.append((index, index + 1, entity, etype, link))
            else:
                opened.setdefault(entity, []).append((index, etype, link))
        else:
            entity = int(m.group(2))
            stack = opened.get(entity)
            if not stack:
                raise ValueError(f"line {line_no} of {doc_id}: entity {entity} closed but "
                                 f"not open")
            first, etype, link = stack.pop()
            raw.append((first, index + 1, entity, etype, link))


def _mentions(text: str, words: list[GumWord],
              raw: Iterable[tuple[int, int, int, str, str]]) -> list[GumMention]:
    out = []
    for first, last, entity, etype, link in raw:
        head = _head(words, first, last)
        start, end = words[first].start, words[last - 1].end
        out.append(GumMention(start, end, text[start:end], entity, etype, link, first, last,
                              head, words[head].form, words[first].sentence))
    out.sort(key=lambda m: (m.start, -m.end, m.entity))
    return out


def _head(words: list[GumWord], first: int, last: int) -> int:
    """The first word of ``[first, last)`` whose dependency head lies outside it."""
    for k in range(first, last):
        if not first <= words[k].head < last:
            return k
    return first
