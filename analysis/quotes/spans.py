"""Pairing quotation marks into quotation spans.

Policy (stated, not guessed):

* marks are classified by :func:`analysis.marks.classify_marks`; apostrophes never
  open or close anything;
* a closing mark closes the innermost open mark of the same kind (single/double);
  only outermost quotations are returned, so nested quotes (``“He told me ‘no’,”``)
  lie inside their container and returned spans never overlap;
* a quotation still open at the end of a paragraph continues into the next
  paragraph when that paragraph begins with an opening mark of the same kind (the
  news convention for multi-paragraph quotes); otherwise it is a typo and the
  quotation is closed at the end of its paragraph (``closed=False``), so an
  unbalanced mark never swallows the article;
* a closing mark with nothing open is ignored.

Examples
--------
>>> [(s.start, s.end, s.closed) for s in quote_spans('“A,” he said. “B')]
[(0, 4, True), (14, 16, False)]
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis.marks import Mark, classify_marks

__all__ = ["QuoteSpan", "quote_spans"]


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """An outermost quotation from its opening mark to its closing mark inclusive."""

    start: int
    end: int
    closed: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line, without surrounding white space.

    Examples
    --------
    >>> paragraphs("  One.\\r\\n\\nTwo.")
    [(2, 6), (9, 13)]
    """
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def quote_spans(text: str, marks: list[Mark] | None = None) -> list[QuoteSpan]:
    """Outermost quotation spans of ``text`` in order (see module docs for the policy).

    Examples
    --------
    >>> text = "“First paragraph.\\n“Second paragraph,” she said."
    >>> [text[s.start:s.end] for s in quote_spans(text)]
    ['“First paragraph.\\n“Second paragraph,”']
    """
    if marks is None:
        marks = classify_marks(text)
    live = [m for m in marks if m.role != "apostrophe"]
    spans: list[QuoteSpan] = []
    carry: tuple[int, str, int] | None = None  # (start, kind, end of its last paragraph)
    i = 0
    for para_start, para_end in paragraphs(text):
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
                spans.append(QuoteSpan(carry[0], carry[2], False))
            carry = None
        for mark in pmarks:
            if mark.role == "open":
                if not stack:
                    outer = mark.start
                stack.append(mark)
            elif any(m.kind == mark.kind for m in stack):
                while stack[-1].kind != mark.kind:
                    stack.pop()
                stack.pop()
                if not stack:
                    spans.append(QuoteSpan(outer, mark.start + 1, True))
        if stack:
            carry = (outer, stack[0].kind, para_end)
        i = j
    if carry is not None:
        spans.append(QuoteSpan(carry[0], carry[2], False))
    return spans
