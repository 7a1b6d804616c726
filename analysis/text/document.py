"""The document model: a text's paragraphs, sentences, tokens and quotation marks, built once.

Every later stage (quotes, sentiment, stance markers, the pipeline, the notebooks)
reads a :class:`TextDoc`; none of them re-derives paragraphs, sentences, tokens or
the role of a quotation mark.  All spans are character offsets into the original
text, which is never modified: ``doc.text[x.start:x.end] == x.text`` for every
paragraph, sentence and token.

What it holds
    ``text``
        The original text.
    ``view``
        A same-length copy used for matching (typographic quotes straight, ``\\r`` and
        no-break spaces as spaces, ``…`` as ``.``; :func:`analysis.text.marks.quote_view`).
    ``paragraphs``
        The one definition of a paragraph in the package: a run of non-blank lines in
        which a line that ends mid-clause and is continued in lower case is joined to
        the next (a hard-wrapped line; see :mod:`analysis.text.paragraphs`).  Sentences never
        cross a paragraph; quotation marks are paired within a paragraph (a quotation
        may continue into the next paragraph by the news convention, see
        :mod:`analysis.quotes.spans`).
    ``sentences``, ``tokens``
        As :mod:`analysis.text.sentences` and :mod:`analysis.text.tokenise` split them.
    ``marks``
        Every quotation mark and apostrophe with its role (``open``, ``close``,
        ``apostrophe``), classified once per paragraph (:mod:`analysis.text.marks`); a
        token's ``kind`` (``quote`` or ``apostrophe``) agrees with it.
    indexes
        ``sentence_tokens[i]`` is the token range ``(a, b)`` of sentence ``i``;
        :meth:`TextDoc.token_range`, :meth:`TextDoc.sentence_at` and
        :meth:`TextDoc.paragraph_at` map characters to tokens, sentences and
        paragraphs by binary search.

Examples
--------
>>> doc = build("“We will not back down,\\nwhatever it costs,” said Maria Lopez.\\n\\nShe left.")
>>> [p.text for p in doc.paragraphs]
['“We will not back down,\\nwhatever it costs,” said Maria Lopez.', 'She left.']
>>> [(m.char, m.role) for m in doc.marks]
[('“', 'open'), ('”', 'close')]
>>> doc.sentence_tokens
((0, 16), (16, 19))
>>> doc.tokens[doc.token_range(47, 58)[0]].text
'Maria'
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from analysis.text.marks import Mark, classify_marks, quote_view
from analysis.text.paragraphs import paragraph_spans
from analysis.text.sentences import Sentence, sentence_spans
from analysis.text.tokenise import Token, fold, make_tokens

__all__ = ["Paragraph", "TextDoc", "build"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph: ``text == doc_text[start:end]``; ``index`` counts from 0.

    Examples
    --------
    >>> build("One.\\n\\nTwo.").paragraphs[1]
    Paragraph(start=6, end=10, text='Two.', index=1)
    """

    start: int
    end: int
    text: str
    index: int


@dataclass(frozen=True, eq=False)
class TextDoc:
    """A text with its paragraphs, sentences, tokens and marks (see module docs).

    Build it with :func:`build`; the fields are tuples, so the model is immutable.
    """

    text: str
    view: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    marks: tuple[Mark, ...]
    sentence_tokens: tuple[tuple[int, int], ...]
    sentence_paragraphs: tuple[int, ...]

    @cached_property
    def token_starts(self) -> list[int]:
        """Start offset of every token (sorted), for binary search."""
        return [t.start for t in self.tokens]

    @cached_property
    def folded(self) -> tuple[str, ...]:
        """Every token as lexicons list it (:func:`analysis.text.tokenise.fold`).

        Examples
        --------
        >>> build("They aren’t.").folded
        ('they', 'are', "n't", '.')
        """
        return tuple(fold(t.text) for t in self.tokens)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices ``(a, b)`` of the tokens that start in ``[start, end)``.

        Examples
        --------
        >>> doc = build("Hi there. Bye.")
        >>> doc.token_range(3, 9)
        (1, 3)
        """
        starts = self.token_starts
        return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)

    def sentence_at(self, pos: int) -> int:
        """Index of the sentence that contains character ``pos`` (or the last one
        that starts before it; -1 before the first sentence).

        Examples
        --------
        >>> build("Hi there. Bye.").sentence_at(11)
        1
        """
        return bisect.bisect_right(self._sentence_starts, pos) - 1

    def paragraph_at(self, pos: int) -> int:
        """Index of the paragraph that contains character ``pos`` (or the last one
        that starts before it; -1 before the first paragraph).

        Examples
        --------
        >>> build("One.\\n\\nTwo.").paragraph_at(7)
        1
        """
        return bisect.bisect_right(self._paragraph_starts, pos) - 1


def build(text: str) -> TextDoc:
    """Build the document model of ``text`` (see module docs).

    Parameters
    ----------
    text : str
        The original text; never modified.

    Returns
    -------
    TextDoc

    Examples
    --------
    >>> doc = build("‘We aren’t,’ he said.")
    >>> [(t.text, t.kind) for t in doc.tokens if t.kind in ("quote", "apostrophe")]
    [('‘', 'quote'), ('’', 'quote')]
    >>> [t.text for t in doc.tokens][:4]
    ['‘', 'We', 'are', 'n’t']
    """
    view = quote_view(text)
    blocks = paragraph_spans(view)
    marks = classify_marks(text, blocks)
    spans = sentence_spans(view)
    sents = [Sentence(s, e, text[s:e], i) for i, (s, e) in enumerate(spans)]
    toks = make_tokens(text, view, sents, marks)
    paragraphs = tuple(Paragraph(s, e, text[s:e], i) for i, (s, e) in enumerate(blocks))
    ranges: list[tuple[int, int]] = []
    k = 0
    for s in sents:
        a = k
        while k < len(toks) and toks[k].sentence == s.index:
            k += 1
        ranges.append((a, k))
    starts = [p.start for p in paragraphs]
    sentence_paragraphs = tuple(max(0, bisect.bisect_right(starts, s.start) - 1) for s in sents)
    return TextDoc(text, view, paragraphs, tuple(sents), tuple(toks), tuple(marks),
                   tuple(ranges), sentence_paragraphs)
