"""Pairing quotation marks into quotation spans.

Policy (stated, not guessed):

* marks are classified by :func:`analysis.text.marks.classify_marks` and paragraphs are
  those of the document model (:mod:`analysis.text`: a hard-wrapped line that
  continues a clause belongs to the same paragraph); apostrophes never open or
  close anything;
* a closing mark closes the innermost open mark of the same kind (single/double);
  only outermost quotations are returned, so nested quotes (``“He told me ‘no’,”``)
  lie inside their container and returned spans never overlap;
* a quotation still open at the end of a paragraph continues into the next
  paragraph when that paragraph begins with an opening mark of the same kind (the
  news convention for multi-paragraph quotes); otherwise it is a typo and the
  quotation is closed at the end of its paragraph (``closed=False``), so an
  unbalanced mark never swallows the article;
* an opening mark that *re-opens* (:mod:`analysis.text.marks`: the same kind already open,
  after a sentence's final punctuation and before a capital) closes the open quotation
  just after that punctuation (``closed=False``) and opens a new one: extracted text
  that lost its paragraph breaks (``… lives. "Next year …," the director added.``)
  gives two quotations, not one that runs on;
* a closing mark with nothing open is ignored.

Examples
--------
>>> [(s.start, s.end, s.closed) for s in quote_spans('“A,” he said. “B')]
[(0, 4, True), (14, 16, False)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.text.marks import Mark, sentence_end_before

__all__ = ["ENDINGS", "QuoteSpan", "quote_spans"]


#: Why a quotation ends where it does: its closing mark, a mark that re-opens (the
#: paragraph break before it was lost), or the end of its paragraph (a mark never closed).
ENDINGS = ("mark", "reopened", "unclosed")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """An outermost quotation from its opening mark to its closing mark inclusive.

    ``closed`` is False when no closing mark ends it; ``ended_by`` says what does
    (one of :data:`ENDINGS`).
    """

    start: int
    end: int
    closed: bool
    ended_by: str = "mark"


def quote_spans(text: str, marks: Sequence[Mark] | None = None,
                paragraphs: Sequence[tuple[int, int]] | None = None) -> list[QuoteSpan]:
    """Outermost quotation spans of ``text`` in order (see module docs for the policy).

    Parameters
    ----------
    text : str
        The original text.
    marks, paragraphs : optional
        The document model's marks and paragraph spans (:mod:`analysis.text`); computed
        here when not given.

    Examples
    --------
    >>> text = "“First paragraph.\\n“Second paragraph,” she said."
    >>> [text[s.start:s.end] for s in quote_spans(text)]
    ['“First paragraph.\\n“Second paragraph,”']
    >>> text = 'He said: "We will go. "Next year," he added.'
    >>> [(text[s.start:s.end], s.closed) for s in quote_spans(text)]
    [('"We will go.', False), ('"Next year,"', True)]
    >>> text = "“We will not back down,\\nwhatever it costs,” said Maria Lopez."
    >>> [text[s.start:s.end] for s in quote_spans(text)]
    ['“We will not back down,\\nwhatever it costs,”']
    """
    if paragraphs is None or marks is None:
        from analysis.text import build

        doc = build(text)
        paragraphs = [(p.start, p.end) for p in doc.paragraphs]
        marks = doc.marks
    live = [m for m in marks if m.role != "apostrophe"]
    spans: list[QuoteSpan] = []
    carry: tuple[int, str, int] | None = None  # (start, kind, end of its last paragraph)
    i = 0
    for para_start, para_end in paragraphs:
        while i < len(live) and live[i].start < para_start:
            i += 1
        j = i
        while j < len(live) and live[j].start < para_end:
            j += 1
        pmarks = live[i:j]
        stack: list[Mark] = []
        outer = -1
        if carry is not None:
            first = pmarks[0] if pmarks else None
            if (first is not None and first.start == para_start and first.role == "open"
                    and first.kind == carry[1]):
                stack, outer, pmarks = [first], carry[0], pmarks[1:]
            else:
                spans.append(QuoteSpan(carry[0], carry[2], False, "unclosed"))
            carry = None
        for mark in pmarks:
            if mark.reopens and any(m.kind == mark.kind for m in stack):
                end = sentence_end_before(text, mark.start)
                spans.append(QuoteSpan(outer, end if end is not None else mark.start, False,
                                       "reopened"))
                stack = []
            if mark.role == "open":
                if not stack:
                    outer = mark.start
                stack.append(mark)
            elif any(m.kind == mark.kind for m in stack):
                while stack[-1].kind != mark.kind:
                    stack.pop()
                stack.pop()
                if not stack:
                    spans.append(QuoteSpan(outer, mark.end, True))
        if stack:
            carry = (outer, stack[0].kind, para_end)
        i = j
    if carry is not None:
        spans.append(QuoteSpan(carry[0], carry[2], False, "unclosed"))
    return spans
