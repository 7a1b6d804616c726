"""A deliberately naive quote extractor, the floor any real extractor must beat.

It pairs double quotation marks (``“…”``, ``"…"`` or ``''…''``) within a line, calls every pair a
``direct`` quote, and takes as speaker the capitalised word nearest to the quotation
(by characters, outside every quotation, in the same line).  No cues, no indirect
speech, no pronouns, no single marks.

Examples
--------
>>> text = '“We will win,” said Ada Quint. Later she left.'
>>> [(q["text"], q["speaker"]) for q in regex_baseline(text)]
[('“We will win,”', 'Ada')]
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["regex_baseline"]

_PAIR_RE = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"|''[^\n]*?''")
_CAPITAL_RE = re.compile(r"\b[A-Z][\w’'-]*")


def regex_baseline(text: str) -> list[dict[str, Any]]:
    """Quotes found by pairing marks, each with the nearest capitalised word as speaker.

    Examples
    --------
    >>> regex_baseline('No quotes here.')
    []
    """
    pairs = [(m.start(), m.end()) for m in _PAIR_RE.finditer(text)]
    inside = [False] * (len(text) + 1)
    for a, b in pairs:
        inside[a:b] = [True] * (b - a)
    out = []
    for a, b in pairs:
        line_start = text.rfind("\n", 0, a) + 1
        line_end = text.find("\n", b)
        line_end = len(text) if line_end < 0 else line_end
        best = None
        for found in _CAPITAL_RE.finditer(text, line_start, line_end):
            if inside[found.start()]:
                continue
            distance = a - found.end() if found.end() <= a else found.start() - b
            if best is None or distance < best[0]:
                best = (distance, found)
        speaker = best[1] if best else None
        out.append({"start": a, "end": b, "text": text[a:b], "kind": "direct",
                    "speaker": speaker.group(0) if speaker else None,
                    "speaker_start": speaker.start() if speaker else None,
                    "speaker_end": speaker.end() if speaker else None, "rule": "baseline"})
    return out
