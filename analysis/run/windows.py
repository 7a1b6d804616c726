"""A long document as bounded windows of whole paragraphs, each read with its context.

Every stage holds a document whole while it works on it -- its tokens, the quote
engine's spans, mentions and candidates, the sentiment of its spans -- so the memory of
one document grows with its length (about 150 MB per MB of text).  A document longer
than :data:`LONG_CHARS` characters (a report, a transcript, a book) is therefore
analysed window by window: each window *owns* a run of whole paragraphs of about
:data:`WINDOW_CHARS` characters and is analysed together with the paragraphs around it
(at least :data:`CONTEXT_BEFORE` characters before, :data:`CONTEXT_AFTER` after), so
that a pronoun finds its antecedent, a quotation its speaker and a quotation that runs
on past the end of the window its closing mark, as in the whole document.  Of each
window the pipeline keeps what starts in the part it owns (sentences, quotes, person
mentions, tokens, marker counts), moves the offsets into the whole text and numbers the
sentences and quotes on (:mod:`analysis.run.stages`).  Memory is then bounded by the
window, not the document.

What this can change, and how much it does, is measured (``benchmarks/long_document.py``
compares the windowed analysis with the whole on long documents of real articles):
sentences, tokens, sentiment and stance markers are the same by construction
(sentences never cross a paragraph; the scorers read one span at a time); the quote
engine's decisions read at most a few paragraphs around a quotation, except one: a
surname is resolved to the full name given earlier in the *document* (``Mr Smith`` ->
``John Smith``), which a window sees only within its context.

Examples
--------
>>> text = "\\n\\n".join(f"Paragraph {i} has some words in it." for i in range(6))
>>> [(w.start, w.own_start, w.own_end, w.end) for w in windows(text, size=70, before=40,
...                                                             after=20)]
[(0, 0, 70, 103), (0, 70, 140, 173), (70, 140, 208, 208)]
>>> all(text[w.own_start:w.own_end].startswith("Paragraph") for w in windows(text, 70))
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from analysis.text.marks import quote_view
from analysis.text.paragraphs import paragraph_spans

__all__ = ["CONTEXT_AFTER", "CONTEXT_BEFORE", "LONG_CHARS", "WINDOW_CHARS", "Window",
           "explain_text", "one_name_each", "windows"]

#: The longest document analysed whole (a long-form article is); a longer one is read in
#: windows.
LONG_CHARS = 100_000
#: Characters a window owns (at least; whole paragraphs): the memory of a window's
#: analysis is about proportional to it, the context read twice inversely (50,000 against
#: 100,000: 1 MB of text +74 MB instead of +106 at the same speed; 25,000: +57 MB, 16 %
#: slower).
WINDOW_CHARS = 50_000
#: Characters of context read before the part a window owns (at least; whole paragraphs).
CONTEXT_BEFORE = 6_000
#: Characters of context read after it (at least; whole paragraphs).
CONTEXT_AFTER = 2_000


#: A likely sentence end inside a paragraph (in the quote view): a lower-case word of three
#: letters or more, a full stop, question or exclamation mark, closing marks, space, and a
#: capital -- where a paragraph longer than a window is cut (never after an abbreviation
#: such as ``Mr.`` or ``U.S.``).
_SENTENCE_END = re.compile(r"[a-z]{3}[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z])")


def _pieces(view: str, blocks: list[tuple[int, int]], size: int) -> list[tuple[int, int]]:
    """``blocks`` with every one longer than ``size`` cut at likely sentence ends
    (:data:`_SENTENCE_END`) into pieces of at least ``size`` characters (the last of a
    paragraph may be shorter): a text without
    paragraph breaks (one long line) is still read in windows.

    Examples
    --------
    >>> text = "One two three. " * 4 + "Four five."
    >>> _pieces(text, [(0, len(text))], 20)
    [(0, 30), (30, 60), (60, 70)]
    """
    out = []
    for a, b in blocks:
        while b - a > size:
            m = _SENTENCE_END.search(view, a + size, b)
            if m is None:
                break
            out.append((a, m.end()))
            a = m.end()
        out.append((a, b))
    return out


@dataclass(frozen=True, slots=True)
class Window:
    """``text[start:end]`` is analysed; what starts in ``[own_start, own_end)`` is kept.

    ``start <= own_start <= own_end <= end``; the owned parts of a document's windows
    tile it: the first starts at 0, each starts where the one before ends, the last
    ends at the end of the text.
    """

    start: int
    own_start: int
    own_end: int
    end: int

    def owns(self, position: int) -> bool:
        """Whether what starts at ``position`` (an offset into the window's text) is
        this window's.

        Examples
        --------
        >>> Window(10, 20, 30, 40).owns(10), Window(10, 20, 30, 40).owns(5)
        (True, False)
        """
        return self.own_start <= self.start + position < self.own_end


def windows(text: str, size: int | None = None, before: int | None = None,
            after: int | None = None) -> list[Window]:
    """The windows of ``text``: one, the whole text, when it is at most ``size``
    characters; else runs of whole paragraphs (:func:`analysis.text.paragraphs.
    paragraph_spans`, the blocks sentences are split within) of at least ``size``
    characters each, with whole paragraphs of context around them.  A paragraph longer
    than ``size`` is cut at likely sentence ends (:func:`_pieces`): its sentences near a
    cut may then be split as the text after the cut reads alone.

    ``size``, ``before``, ``after``: default :data:`WINDOW_CHARS`,
    :data:`CONTEXT_BEFORE`, :data:`CONTEXT_AFTER` (read when called).  Raises ValueError
    for a size that is not positive or a negative context.
    """
    size = WINDOW_CHARS if size is None else size
    before = CONTEXT_BEFORE if before is None else before
    after = CONTEXT_AFTER if after is None else after
    if size <= 0 or before < 0 or after < 0:
        raise ValueError(f"a window needs a positive size and contexts of 0 or more "
                         f"characters; got size={size}, before={before}, after={after}")
    if len(text) <= size:
        return [Window(0, 0, len(text), len(text))]
    view = quote_view(text)
    blocks = _pieces(view, paragraph_spans(view), size)
    if not blocks:
        return [Window(0, 0, len(text), len(text))]
    # the owned parts: paragraphs taken until a part is at least `size` long; a part
    # begins where its first paragraph begins (the text before the first paragraph
    # belongs to the first part, the space after the last to the last)
    starts, firsts = [0], [0]
    for k, (a, _) in enumerate(blocks):
        if k > firsts[-1] and a - starts[-1] >= size:
            starts.append(a)
            firsts.append(k)
    ends = [*starts[1:], len(text)]
    out = []
    for n, (own_start, own_end) in enumerate(zip(starts, ends, strict=True)):
        k = firsts[n]  # back over whole paragraphs until `before` characters are read
        while k > 0 and own_start - blocks[k][0] < before:
            k -= 1
        start = 0 if n == 0 or k == 0 else own_start if before == 0 else blocks[k][0]
        j = firsts[n + 1] if n + 1 < len(firsts) else len(blocks)
        while j < len(blocks) and blocks[j][1] - own_end < after:
            j += 1  # on over whole paragraphs until `after` characters are read
        end = (own_end if after == 0 and j < len(blocks) else
               blocks[j][1] if j < len(blocks) else len(text))
        out.append(Window(start, own_start, own_end, max(end, own_end)))
    return out


def one_name_each(names: list[str | None]) -> dict[str, str]:
    """The speakers' canonical names the windows of a long document gave (in order of
    appearance),
    clustered as the quote engine clusters the names of one document
    (:func:`analysis.quotes.resolve.name_entities`: the same last word, and one of them a
    single word or the end of the other) -- a window knows only the names in its reach,
    so ``Brafman`` in a late window is ``Ben Brafman`` of an early one -- each mapped to
    the fullest name of its cluster.

    Examples
    --------
    >>> one_name_each(["Ben Brafman", "Brafman", None, "Jeb Bush", "Bush", "Ana"])
    {'Brafman': 'Ben Brafman', 'Bush': 'Jeb Bush'}
    """
    clusters: list[list[str]] = []
    by_last: dict[str, list[list[str]]] = {}
    seen: set[str] = set()
    for name in names:
        if name is None or name in seen or not name.split():
            continue
        seen.add(name)
        words = name.split()
        match = None
        for cluster in reversed(by_last.get(words[-1], ())):
            full = max(cluster, key=lambda n: len(n.split())).split()
            if len(words) == 1 or len(full) == 1 or \
                    (len(words) < len(full) and full[-len(words):] == words) or \
                    (len(full) < len(words) and words[-len(full):] == full):
                match = cluster
                break
        if match is None:
            match = []
            clusters.append(match)
            by_last.setdefault(words[-1], []).append(match)
        match.append(name)
    out = {}
    for cluster in clusters:
        best = max(cluster, key=lambda n: len(n.split()))  # the first of the longest
        out.update({name: best for name in cluster if name != best})
    return out


def explain_text(text: str, *, n_candidates: int = 4, attributions: str = "speech") -> list[Any]:
    """:func:`analysis.quotes.explain` on ``text`` as the main job reads it: whole, or
    for a text over :data:`LONG_CHARS` characters window by window (the quotes each
    window owns, their offsets and sentence numbers moved into the whole text, speakers'
    names clustered across windows), so that quote ``n`` is the quotes table's quote
    ``n`` and a long file needs a window's memory.

    Examples
    --------
    >>> [e.quote.speaker for e in explain_text("“No,” said Ana Ruiz.")]
    ['Ana Ruiz']
    """
    from analysis.quotes import explain
    from analysis.text import build

    if len(text) <= LONG_CHARS:
        return explain(text, n_candidates=n_candidates, attributions=attributions)
    out = []
    n_sentences = 0
    for window in windows(text):
        model = build(text[window.start:window.end])
        owned = [s.index for s in model.sentences if window.owns(s.start)]
        base = n_sentences - (owned[0] if owned else 0)
        for e in explain(model, n_candidates=n_candidates, attributions=attributions):
            if window.owns(e.quote.start):
                out.append(replace(e, quote=_moved(e.quote, window.start, base)))
        n_sentences += len(owned)
    names = one_name_each([e.quote.speaker for e in out])
    return [replace(e, quote=replace(e.quote, speaker=names[e.quote.speaker]))
            if e.quote.speaker in names else e for e in out]


def _moved(quote: Any, shift: int, base: int) -> Any:
    """A window's quote with its offsets ``shift`` characters on and its sentences
    numbered from ``base`` on."""
    moved = {key: getattr(quote, key) + shift
             for key in ("start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end")
             if getattr(quote, key) is not None}
    return replace(quote, sentences=tuple(i + base for i in quote.sentences), **moved)
