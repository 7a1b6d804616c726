"""Notebook helpers: an article as HTML with quotes highlighted and speakers marked.

Examples
--------
>>> html = quotes_html("‘No,’ he said.")
>>> "<mark" in html and "he" in html
True
"""

from __future__ import annotations

import html as _html
from typing import Any

import pandas as pd

from analysis.quotes import Quote, analyse_quotes

__all__ = ["quotes_frame", "quotes_html", "speakers_frame"]

_COLOURS = {"direct": "#cfe3f7", "partial": "#fbe3c4", "indirect": "#d9f0d3"}


def quotes_html(text: str, quotes: list[Quote] | None = None) -> str:
    """HTML of ``text`` with quotes shaded by kind, speaker mentions bold, cues underlined.

    Indirect quotes that contain a partial quote are shaded up to it; every element
    carries a ``title`` with the resolved speaker.
    """
    if quotes is None:
        quotes = analyse_quotes(text)[0]
    events: list[tuple[int, int, str]] = []  # (pos, order, html)
    for q in quotes:
        tip = _html.escape(f"{q.kind}: {q.speaker or 'unknown speaker'}"
                           + (f" ({q.cue})" if q.cue else ""), quote=True)
        colour = _COLOURS[q.kind]
        events.append((q.start, 1, f'<mark style="background:{colour}" title="{tip}">'))
        events.append((q.end, 0, "</mark>"))
        if q.speaker_start is not None and not (q.start <= q.speaker_start < q.end):
            events.append((q.speaker_start, 2,
                           f'<b title="{_html.escape(q.speaker or "", quote=True)}">'))
            events.append((q.speaker_end, 0, "</b>"))
        if q.cue_start is not None and not (q.start <= q.cue_start < q.end):
            events.append((q.cue_start, 2, "<u>"))
            events.append((q.cue_end, 0, "</u>"))
    events = sorted(set(events))
    out, pos = [], 0
    for at, _, tag in events:
        out.append(_html.escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(_html.escape(text[pos:]))
    legend = " ".join(f'<mark style="background:{c}">{k}</mark>' for k, c in _COLOURS.items())
    body = "".join(out).replace("\n", "<br>\n")
    return (f'<div style="font-family:Georgia,serif;line-height:1.6">{body}'
            f'<p style="font-size:85%">{legend} · <b>speaker mention</b> · <u>cue</u></p></div>')


def quotes_frame(text: str, quotes: list[Quote] | None = None) -> pd.DataFrame:
    """One row per quote: kind, speaker, the mention that attributes it, cue and its
    class, how the content and the speaker were found, how sure the engine is
    (``p_quote``, ``p_speaker``), and the text.

    Examples
    --------
    >>> quotes_frame("“No,” he said.")[["kind", "speaker", "mention", "found_by"]].values.tolist()
    [['direct', 'he', 'he', 'marks']]
    """
    if quotes is None:
        quotes = analyse_quotes(text)[0]
    rows = [{"kind": q.kind, "speaker": q.speaker,
             "mention": text[q.speaker_start:q.speaker_end]
             if q.speaker_start is not None else None,
             "category": q.speaker_category, "cue": q.cue, "cue_class": q.cue_class,
             "found_by": q.rule, "speaker_by": q.speaker_rule, "p_quote": q.p_quote,
             "p_speaker": q.p_speaker, "start": q.start, "end": q.end,
             "text": q.text} for q in quotes]
    columns = ["kind", "speaker", "mention", "category", "cue", "cue_class", "found_by",
               "speaker_by", "p_quote", "p_speaker", "start", "end", "text"]
    return pd.DataFrame(rows, columns=columns)


def speakers_frame(speakers: list[Any]) -> pd.DataFrame:
    """One row per speaker: canonical name, category, aliases and number of quotes.

    Examples
    --------
    >>> from analysis.quotes import analyse_quotes
    >>> speakers_frame(analyse_quotes("“No,” said Jane Doe.")[1]).speaker.tolist()
    ['Jane Doe']
    """
    return pd.DataFrame([{"speaker": s.name, "category": s.category,
                          "aliases": "; ".join(s.aliases), "quotes": s.n_quotes}
                         for s in speakers], columns=["speaker", "category", "aliases", "quotes"])
