"""Quotation marks and apostrophes: which mark opens, which closes, which is an apostrophe.

News text uses the same character, ``’``, as closing single quotation mark and as
apostrophe (``aren’t``, ``country’s``, ``Jones’``, ``’90s``), and straight marks
(``'`` and ``"``) for everything.  :func:`classify_marks` decides the role of every
mark from its neighbours and from the marks already open in the paragraph:

* between two letters or digits -> apostrophe (``aren’t``, ``O’Brien``);
* before ``\\d\\ds`` (``’90s``) -> apostrophe (elision);
* after space, start, bracket or dash and before a word -> opening mark;
* after a word and before space, punctuation or the end -> closing mark if a mark of
  the same kind is open, else apostrophe (``Jones’`` as plural possessive).  An open
  single quote is *not* closed by ``s’`` followed by a lower-case word when another
  closing candidate follows before the next opening mark (``‘the Joneses’ house is
  big,’``).

* an opening mark while a quotation opened by the same character is open, after a
  sentence's final punctuation and before a capital or a digit, *re-opens*: the open
  quotation lost its closing mark where a paragraph break was lost in extraction
  (``… with their lives. "Next year offers a chance," the director added.``), so the
  mark ends that quotation and opens the next (``Mark.reopens``;
  :mod:`analysis.quotes.spans` closes the earlier quotation after its last sentence,
  ``closed=False``).  English nests quotations in marks of the other kind, so the same
  mark inside itself is read as a lost break (a curly mark inside a straight
  quotation is not).

Known failure modes: a plural possessive at the very end of a quotation
(``‘... the Joneses’’``) and scare quotes around a word ending in ``s`` inside a longer
quotation are decided by the rules above and can be wrong; a mark typed the wrong way
round (``’Hello’``) is taken as opening when it stands before a word.

Examples
--------
>>> [(m.start, m.role) for m in classify_marks("‘We aren’t,’ he said of the Joneses’ dog.")]
[(0, 'open'), (8, 'apostrophe'), (11, 'close'), (35, 'apostrophe')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from analysis.text.paragraphs import paragraph_spans

__all__ = ["VIEW_REPLACEMENTS", "Mark", "classify_marks", "quote_view", "sentence_end_before"]

_SINGLE = "'‘’‚‛‹›"
_DOUBLE = '"“”„‟«»'
#: Two straight single marks (``''``) or two backticks (````` `` `````) written for a
#: double quotation mark, as in some newspaper archives and Treebank-style text, are one
#: mark; a lone mark is one character.
_MARK_RE = re.compile(f"''|``|[{re.escape(_SINGLE + _DOUBLE)}]")
_ELISION_RE = re.compile(r"\d\ds\b|(?:em|til|n|cause|tis|twas)\b", re.IGNORECASE)
_OPENERS_BEFORE = set(" \t\n\r\u00a0([{<-–—/") | set(_DOUBLE) | set(_SINGLE)

#: Same-length replacements of typographic marks by their straight forms (and of
#: carriage returns and no-break spaces by spaces, and of the one-character ellipsis
#: by a full stop): the *view* used for matching.
VIEW_REPLACEMENTS: tuple[tuple[str, str], ...] = (
    *((c, "'") for c in "‘’‚‛′‹›"),
    *((c, '"') for c in "“”„‟″«»"),
    ("\r", " "),
    ("\u00a0", " "),
    ("…", "."),  # one-character ellipsis: Punkt knows only . ? ! as sentence ends
)


def quote_view(text: str) -> str:
    """Return a same-length copy of ``text`` with straight quote marks and spaces.

    Offsets into the view are offsets into ``text``.

    Examples
    --------
    >>> quote_view("‘aren’t’\\r\\n")
    "'aren't' \\n"
    """
    # ``str.replace`` per character is ~50x faster than ``str.translate`` with a
    # dict on non-ASCII text, and a no-op replace costs one scan.
    for old, new in VIEW_REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation mark or apostrophe in a text.

    ``kind`` is ``single`` or ``double``; ``role`` is ``open``, ``close`` or
    ``apostrophe``; ``char`` is the mark as written (two characters for ``''``);
    ``reopens`` is True for an opening mark that ends a quotation of its kind left open
    (see module docs).
    """

    start: int
    char: str
    kind: str
    role: str
    reopens: bool = False

    @property
    def end(self) -> int:
        """One past the mark's last character."""
        return self.start + len(self.char)


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def classify_marks(text: str, paragraphs: Sequence[tuple[int, int]] | None = None) -> list[Mark]:
    """Classify every quotation mark and apostrophe of ``text`` (see module docs).

    Parameters
    ----------
    text : str
        The original text.
    paragraphs : sequence of (start, end), optional
        The document's paragraphs (:attr:`analysis.text.TextDoc.paragraphs`); marks
        left open at the end of one are reset at the start of the next.  By default
        the paragraphs of :mod:`analysis.text.paragraphs` are computed here.

    Examples
    --------
    >>> [m.role for m in classify_marks('"Stop," she said, "it\\'s late."')]
    ['open', 'close', 'open', 'apostrophe', 'close']
    """
    if paragraphs is None:
        paragraphs = paragraph_spans(quote_view(text))
    para_starts = [p[0] for p in paragraphs]
    marks: list[Mark] = []
    found = list(_MARK_RE.finditer(text))
    depth = {"single": 0, "double": 0}
    opened: dict[str, list[str]] = {"single": [], "double": []}  # characters still open
    para = -1
    for n, match in enumerate(found):
        i = match.start()
        here = bisect.bisect_right(para_starts, i) - 1
        if here != para:  # new paragraph: marks left open are reopened there
            depth = {"single": 0, "double": 0}
            opened = {"single": [], "double": []}
            para = here
        ch = match.group()
        kind = "single" if ch in _SINGLE else "double"
        prev = text[i - 1] if i > 0 else " "
        j = match.end()
        nxt = text[j] if j < len(text) else " "
        limit = para_starts[here + 1] if here + 1 < len(para_starts) else len(text)
        if ch == "``":
            role = "open"
        else:  # '' reads as a straight double mark
            role = _role(text, i, '"' if ch == "''" else ch, kind, prev, nxt, depth, found, n,
                         limit)
        reopens = (role == "open" and depth[kind] > 0 and opened[kind][-1:] == [ch]
                   and _after_sentence_end(text, i, nxt))
        if role == "open" and not reopens:
            depth[kind] += 1
            opened[kind].append(ch)
        elif role == "close":
            depth[kind] = max(0, depth[kind] - 1)
            del opened[kind][-1:]
        marks.append(Mark(i, ch, kind, role, reopens))
    return marks


#: Characters that end a sentence before a re-opening mark (``… lives. "Next``).
_SENTENCE_FINAL = frozenset(".!?…")


def sentence_end_before(text: str, i: int) -> int | None:
    """End (one past) of the sentence-final punctuation that stands, after white
    space, before position ``i``; None when there is none or no space between.

    Examples
    --------
    >>> sentence_end_before('lives. "Next', 7), sentence_end_before('lives."Next', 6)
    (6, None)
    """
    k = i
    while k > 0 and text[k - 1] in " \t\n\u00a0":
        k -= 1
    if k == i or k == 0:
        return None
    j = k
    while j > 0 and text[j - 1] in ")]":  # "(as he put it.)"
        j -= 1
    return k if j > 0 and text[j - 1] in _SENTENCE_FINAL else None


def _after_sentence_end(text: str, i: int, nxt: str) -> bool:
    """An opening mark at ``i`` starts a new sentence: a capital or digit follows, and
    sentence-final punctuation and white space precede it."""
    return (nxt.isupper() or nxt.isdigit()) and sentence_end_before(text, i) is not None


#: How many later marks the plural-possessive check (``the Joneses’ house``) looks at.
_LOOKAHEAD = 32


def _role(text: str, i: int, ch: str, kind: str, prev: str, nxt: str,
          depth: dict[str, int], found: list[re.Match[str]], n: int, limit: int) -> str:
    if kind == "double":
        after_text = not prev.isspace() and prev not in "([{<-–—/"
        before_gap = nxt.isspace() or nxt in ".,;:!?)]}" or i + 1 >= len(text)
        if ch in "“‟" and depth["double"] and after_text and before_gap:
            return "close"  # German „…“: the high mark closes a low-9 quotation
        if ch == "„":
            return "open"
        if ch in "«»" and depth["double"] and after_text and before_gap:
            return "close"  # «…» and »…« alike: a guillemet after a word closes
        if ch in "“‟«»":
            return "open"
        if ch == "”":
            return "close"
        if prev in _OPENERS_BEFORE and not nxt.isspace():
            return "open"
        if not prev.isspace() and (nxt.isspace() or not _is_word(nxt)):
            return "close" if depth["double"] else "open" if _is_word(nxt) else "close"
        return "close" if depth["double"] else "open"
    if _is_word(prev) and _is_word(nxt):
        return "apostrophe"
    if prev in _OPENERS_BEFORE and ch != "‘" and _ELISION_RE.match(text, i + 1):
        return "apostrophe"
    if ch == "‘" or (prev in _OPENERS_BEFORE and not nxt.isspace()):
        return "open"
    if prev.isspace() and nxt.isspace():
        return "apostrophe"
    # a closing candidate: after a word or punctuation
    if not depth["single"]:
        return "apostrophe"
    if prev in "sS" and nxt == " " and i + 2 < len(text) and text[i + 2].islower():
        for later in found[n + 1:n + 1 + _LOOKAHEAD]:
            j = later.start()
            c = text[j]
            if j >= limit:
                break  # the next paragraph: nothing there closes this mark
            if c not in _SINGLE:
                continue
            p = text[j - 1]
            q = text[j + 1] if j + 1 < len(text) else " "
            if p in _OPENERS_BEFORE and not q.isspace():
                break  # a new quotation opens first: this mark closes the old one
            if not (_is_word(p) and _is_word(q)):
                return "apostrophe"
    return "close"
