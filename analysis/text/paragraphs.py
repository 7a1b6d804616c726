"""Paragraphs: the one definition of a paragraph in the package, as character spans.

A paragraph is a run of non-blank lines in which a line that ends mid-clause and is
continued in lower case is joined to the next (a hard-wrapped line).  Sentences never
cross a paragraph (:mod:`analysis.text.sentences`), quotation marks are paired within
one (:mod:`analysis.text.marks`), and :class:`analysis.text.TextDoc` lists them.

Examples
--------
>>> paragraph_spans("One line, and\\nits wrapped end.\\n\\nTwo.")
[(0, 30), (32, 36)]
"""

from __future__ import annotations

import re

__all__ = ["paragraph_spans"]

_LINE_RE = re.compile(r"[^\n]+")
#: Where a hard-wrapped line may end mid-clause (its next line starting in lower case).
_CONTINUES = frozenset(",;-–—(abcdefghijklmnopqrstuvwxyz")


def paragraph_spans(view: str) -> list[tuple[int, int]]:
    """Paragraph-like blocks: lines, with hard-wrapped lines joined.

    A line joins the block before it when exactly one line break separates them, the
    block ends mid-clause (a lower-case letter, comma, semicolon, dash or open bracket,
    then only spaces or tabs) and the line starts in lower case.  Each character is
    looked at a bounded number of times (linear in ``len(view)``).
    """
    blocks: list[tuple[int, int]] = []
    for match in _LINE_RE.finditer(view):
        start, end = match.span()
        while start < end and view[start] == " ":
            start += 1
        while end > start and view[end - 1] == " ":
            end -= 1
        if start == end:
            continue
        if blocks:
            prev_start, prev_end = blocks[-1]
            if view[start].islower() and view.count("\n", prev_end, start) == 1:
                last = prev_end - 1
                while last > prev_start and view[last] in " \t\f\v":
                    last -= 1
                if view[last] in _CONTINUES:
                    blocks[-1] = (prev_start, end)
                    continue
        blocks.append((start, end))
    return blocks
