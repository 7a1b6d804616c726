"""The HTML report of a run: ``report.html``, one self-contained page read offline.

:func:`build_report` turns the tables of a run and its figure files into one HTML
string: the headline numbers (documents read, analysed and with problems by status,
quotes by kind, speakers, the most quoted), every figure with its title and caption,
a table of speakers (name, category, quotes, mean sentiment) in which each speaker
opens onto their quotes -- each shown in its sentence, with how it was found
(``found_by``, ``speaker_by``, the cue) and how sure the engine is (``p_quote``,
``p_speaker``, when the run's quotes carry them) -- and the documents with problems.
A run's ``--group-by`` column becomes a select box that filters speakers and quotes by
group; a text box filters by speaker name and a slider by minimum confidence.
:func:`write_report` writes it as ``report.html`` (``python -m analysis run`` does,
and ``python -m analysis report`` regenerates it from a run's folder).

The page needs no server and no network: the figures are PNG data URIs, the CSS and
the little JavaScript are inline, and a Content-Security-Policy admits nothing else
(only that style and that script, by hash; images only from data URIs), so the page
loads nothing from anywhere.  Every text from the corpus (article text, names,
metadata, messages) is escaped: an article is untrusted input.  The page is
deterministic -- no date, every order fixed by sort keys -- so the same tables give
byte-identical HTML.  Its size is bounded whatever the corpus: at most
:data:`MAX_SPEAKERS` speakers, :data:`MAX_QUOTES` quotes per speaker (spread evenly
over the groups, in reading order within each), :data:`MAX_PROBLEMS` problem
documents, :data:`MAX_CHARS` characters of context per quote; the page says what it
left out, and the counts it shows are always those of the whole tables.

Why here, in :mod:`analysis.figures`: the report presents the figures (it reads the
files :func:`~analysis.figures.registry.reproduce` writes, in the registry's order,
and their captions) next to the run's tables; :mod:`analysis.run` sits below the
figures and may not know them, and the command line (above both) only calls it.

Examples
--------
>>> import pandas as pd
>>> tables = {
...     "documents": pd.DataFrame({"doc_id": ["a"], "status": ["ok"], "message": [""],
...                                "outlet": ["<b>Post</b>"]}),
...     "quotes": pd.DataFrame({"doc_id": ["a"], "quote": [0], "start": [0], "end": [9],
...                             "text": ["“We won”"], "kind": ["direct"],
...                             "speaker": ["Ana Ruiz"], "sentiment": [0.5],
...                             "first_sentence": [0], "last_sentence": [0]}),
...     "sentences": pd.DataFrame({"doc_id": ["a"], "sentence": [0], "start": [0],
...                                "text": ["“We won” said Ana Ruiz."]})}
>>> page = build_report(tables, group_by="outlet")
>>> "&lt;b&gt;Post&lt;/b&gt;" in page and "<b>Post</b>" not in page
True
>>> page == build_report(tables, group_by="outlet")
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.figures.registry import FIGURES, load_tables
from analysis.figures.style import BLANK_NAME
from analysis.run.folders import REPORT, write_whole
from analysis.run.groups import NO_DATE, NO_VALUE, UNPARSEABLE, group_of

__all__ = ["MAX_CHARS", "MAX_GROUPS", "MAX_PROBLEMS", "MAX_QUOTES", "MAX_SPEAKERS", "NO_SPEAKER",
           "REPORT", "REPORT_TABLES", "FigureFile", "build_report", "figure_files", "headline",
           "read_figure", "report_tables", "write_report"]

#: The tables the report reads (not the markers nor the portrayal).
REPORT_TABLES = ("documents", "quotes", "sentences", "speakers")
#: Speakers listed (the most quoted; the quotes with no speaker are listed besides).
MAX_SPEAKERS = 500
#: Quotes listed per speaker (spread evenly over the groups, in reading order in each).
MAX_QUOTES = 50
#: Groups offered by the group filter (a column with more values is not offered).
MAX_GROUPS = 200
#: Documents with problems listed.
MAX_PROBLEMS = 1000
#: Characters of a quote's sentence(s) shown (a window around the quote beyond that).
MAX_CHARS = 1500
#: Label of the row of quotes whose speaker was not found.
NO_SPEAKER = "(no speaker found)"
#: Speakers named in the headline numbers.
TOP = 10
#: Steps of the confidence slider (0, 0.05, ..., 1).
BINS = 20
#: Quote kinds in display order (others follow, sorted).
KINDS = ("direct", "partial", "indirect")
#: Speaker key of the quotes with no speaker (no name is this).
_NONE = "\uffff"  # a noncharacter (a NUL would not survive pandas' strings)


@dataclass(frozen=True)
class FigureFile:
    """A figure as the report shows it: its name, title, caption and PNG bytes."""

    name: str
    title: str
    caption: str
    png: bytes
    width: int
    height: int


def read_figure(path: str | Path) -> FigureFile:
    """A PNG figure file with the title and caption :func:`~analysis.figures.style.save`
    put in its metadata (an older file without them: its name as title).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from analysis.figures.style import new_figure, save, titled
    >>> stem = pathlib.Path(tempfile.mkdtemp()) / "demo"
    >>> png = save(titled(new_figure(3, 2), "What is shown", "how; n = 2"), stem)[0]
    >>> f = read_figure(png)
    >>> f.title, f.caption, f.width
    ('What is shown', 'how; n = 2', 360)
    """
    from PIL import Image

    path = Path(path)
    data = path.read_bytes()
    with Image.open(path) as image:
        texts = dict(getattr(image, "text", {}) or {})
        width, height = image.size
    title = texts.get("Title") or path.stem.replace("_", " ").capitalize()
    return FigureFile(path.stem, title, texts.get("Description", ""), data, width, height)


def figure_files(folder: str | Path) -> list[Path]:
    """The PNG figures in ``folder``: those of the registry in its order, then the
    others (by group, over time) by name; ``[]`` when there is no such folder."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    pngs = {p.stem: p for p in folder.glob("*.png")}
    first = [pngs.pop(name) for name in FIGURES if name in pngs]
    return first + [pngs[name] for name in sorted(pngs)]


# ----------------------------------------------------------------------------- numbers

def _frame(tables: Mapping[str, pd.DataFrame], name: str, columns: Iterable[str] = ()
           ) -> pd.DataFrame:
    frame = tables.get(name)
    if frame is None:
        return pd.DataFrame(columns=list(columns))
    return frame


def _missing(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _text(value: Any) -> str:
    """A cell as text; missing -> ''."""
    return "" if _missing(value) else str(value)


def _texts(values: pd.Series) -> pd.Series:
    """A column as text (object dtype); missing -> ''."""
    return values.astype("string").fillna("").astype(object)


def _number(value: Any) -> float | None:
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def _speaker_names(quotes: pd.DataFrame) -> pd.Series:
    """The speaker of every quote as text; blank names made visible; None when none."""
    if "speaker" not in quotes:
        return pd.Series([None] * len(quotes), index=quotes.index, dtype=object)
    missing = quotes["speaker"].isna()
    names = _texts(quotes["speaker"])
    names = names.where(missing | names.str.strip().ne(""), BLANK_NAME)
    return names.where(~missing, None)


def headline(tables: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """The headline numbers of a run, as the report shows them.

    Keys: ``documents``, ``analysed``, ``problems`` (documents whose status is not
    ``ok``), ``status`` (documents by status), ``quotes``, ``kind`` (quotes by kind),
    ``speakers`` (distinct speaker names), ``unattributed`` (quotes with no speaker)
    and ``top`` (the most quoted speakers as ``(name, quotes)``, ties by name).

    Examples
    --------
    >>> import pandas as pd
    >>> h = headline({"documents": pd.DataFrame({"doc_id": ["a", "b"],
    ...                                          "status": ["ok", "empty"]}),
    ...               "quotes": pd.DataFrame({"doc_id": ["a", "a"], "kind": ["direct", "partial"],
    ...                                       "speaker": ["Ruiz", None]})})
    >>> h["analysed"], h["problems"], h["status"], h["top"]
    (1, 1, {'empty': 1, 'ok': 1}, [('Ruiz', 1)])
    """
    docs = _frame(tables, "documents", ["doc_id", "status"])
    quotes = _frame(tables, "quotes", ["doc_id", "kind", "speaker"])
    status = _texts(docs["status"]) if "status" in docs else pd.Series([], dtype=object)
    by_status = {k: int(v) for k, v in sorted(status.value_counts().items())}
    kinds = _texts(quotes["kind"]) if "kind" in quotes else pd.Series([], dtype=object)
    counts = kinds.value_counts()
    by_kind = {k: int(counts.get(k, 0)) for k in KINDS}
    by_kind.update({k: int(v) for k, v in sorted(counts.items()) if k not in KINDS})
    names = _speaker_names(quotes).dropna()
    per = names.value_counts()
    top = sorted(((str(k), int(v)) for k, v in per.items()), key=lambda kv: (-kv[1], kv[0]))
    return {"documents": len(docs), "analysed": by_status.get("ok", 0),
            "problems": len(docs) - by_status.get("ok", 0), "status": by_status,
            "quotes": len(quotes), "kind": by_kind, "speakers": len(per),
            "unattributed": len(quotes) - len(names), "top": top[:TOP]}


def _group_order(labels: Iterable[str]) -> list[str]:
    special = [NO_VALUE, NO_DATE, UNPARSEABLE]
    values = set(labels)
    return sorted(v for v in values if v not in special) + [v for v in special if v in values]


def _steps(p: pd.Series) -> pd.Series:
    """Slider step each confidence reaches: the largest k with p >= k / BINS, compared as
    the page's script compares (BINS for a missing confidence: every step keeps it).

    Examples
    --------
    >>> _steps(pd.Series([0.0, 0.149, 0.15, 0.999, 1.0, float("nan")])).tolist()
    [0, 2, 3, 19, 20, 20]
    """
    values = p.to_numpy(dtype=float)
    k = np.clip(np.floor(np.nan_to_num(values, nan=1.0) * BINS), 0, BINS).astype(int)
    k -= (k > 0) & (values < k / BINS)
    k += (k < BINS) & (values >= (k + 1) / BINS)
    return pd.Series(np.where(np.isnan(values), BINS, k), index=p.index)


def _confidence(quotes: pd.DataFrame) -> pd.Series:
    """The lower of ``p_quote`` and ``p_speaker`` (either missing: the other; NaN: none)."""
    present = [c for c in ("p_quote", "p_speaker") if c in quotes]
    if not present:
        return pd.Series(np.nan, index=quotes.index)
    values = quotes[present].apply(pd.to_numeric, errors="coerce").astype(float)
    return values.min(axis=1, skipna=True)


# ----------------------------------------------------------------------------- rendering

_e = html.escape


def _fmt_int(n: int) -> str:
    return f"{n:,}"


def _fmt_mean(s: float, m: int) -> str:
    if not m:
        return "–"
    x = s / m
    return ("−" if x < 0 else "+") + f"{abs(x):.2f}"


def _fmt_p(value: Any) -> str:
    x = _number(value)
    return "–" if x is None else f"{x:.2f}"


def _plural(n: int, unit: str) -> str:
    return f"{n:,} {unit}" + ("" if n == 1 else "s")


def _context(q: Mapping[str, Any], sentences: Mapping[tuple[str, int], tuple[int, str]],
             max_chars: int) -> str:
    """The quote's sentence(s) as HTML: the quote, its cue and the speaker's mention marked."""
    doc = _text(q["doc_id"])
    qs, qe = int(q["start"]), int(q["end"])
    pieces: list[tuple[int, str]] = []
    first, last = _number(q.get("first_sentence")), _number(q.get("last_sentence"))
    if first is not None and last is not None:
        for i in range(int(first), int(last) + 1):
            if (doc, i) in sentences:
                pieces.append(sentences[(doc, i)])
    if not pieces or not (pieces[0][0] <= qs and qe <= pieces[-1][0] + len(pieces[-1][1])):
        pieces = [(qs, _text(q.get("text")))]
    marks = [("q", qs, qe)]
    for cls, a, b in (("cue", "cue_start", "cue_end"), ("who", "speaker_start", "speaker_end")):
        start, end = _number(q.get(a)), _number(q.get(b))
        if start is not None and end is not None and end > start:
            marks.append((cls, int(start), int(end)))
    lo, hi = pieces[0][0], pieces[-1][0] + len(pieces[-1][1])
    if hi - lo > max_chars:  # a window around the quote (its start when it is longer)
        if qe - qs >= max_chars:
            lo, hi = qs, qs + max_chars
        else:
            room = (max_chars - (qe - qs)) // 2
            lo, hi = max(lo, qs - room), min(hi, qe + room)
    out = ["… "] if lo > pieces[0][0] else []
    for n, (start, text) in enumerate(pieces):
        a, b = max(start, lo), min(start + len(text), hi)
        if a >= b:
            continue
        if n and out and not out[-1].endswith(" "):
            out.append(" ")
        cuts = sorted({a, b, *(x for _, s, e in marks for x in (s, e) if a < x < b)})
        for x, y in pairwise(cuts):
            piece = _e(text[x - start:y - start])
            classes = " ".join(c for c, s, e in marks if s <= x and y <= e)
            out.append(f'<span class="{classes}">{piece}</span>' if classes else piece)
    rest = pieces[-1][0] + len(pieces[-1][1]) - hi
    if rest > 0:
        out.append(f"… <small>({_plural(rest, 'more character')})</small>")
    return "".join(out)


def _how(q: Mapping[str, Any], speaker: str | None) -> str:
    """How the quote was found, as HTML lines."""
    lines = [f"content: {_e(_text(q.get('found_by')) or '–')}"]
    mention = _text(q.get("speaker_mention"))
    if speaker is not None:
        said = f" (as “{_e(mention)}”)" if mention and mention != speaker else ""
        lines.append(f"speaker: {_e(_text(q.get('speaker_by')) or '–')}{said}")
    cue = _text(q.get("cue"))
    if cue:
        cls = _text(q.get("cue_class"))
        lines.append(f"cue: “{_e(cue)}”" + (f" ({_e(cls)})" if cls else ""))
    if _text(q.get("stance")):
        lines.append(f"stance toward “{_e(_text(q.get('target')))}”: "
                     f"{_e(_text(q.get('stance')))}")
    return "<br>".join(lines)


def _section(ident: str, title: str, body: str) -> str:
    return f'<section id="{ident}">\n<h2>{_e(title)}</h2>\n{body}\n</section>'


def _numbers_html(h: Mapping[str, Any]) -> str:
    def item(key: str, label: str, value: int) -> str:
        return (f'<div><dt>{_e(label)}</dt><dd data-key="{_e(key)}" data-value="{value}">'
                f"{_fmt_int(value)}</dd></div>")

    cards = "".join([item("documents", "documents read", h["documents"]),
                     item("analysed", "analysed", h["analysed"]),
                     item("problems", "with problems", h["problems"]),
                     item("quotes", "quotes", h["quotes"]),
                     item("speakers", "speakers (distinct names)", h["speakers"]),
                     item("unattributed", "quotes with no speaker found", h["unattributed"])])
    status = "".join(f'<tr><td>{_e(k)}</td><td class="num" data-key="status:{_e(k)}" '
                     f'data-value="{v}">{_fmt_int(v)}</td></tr>' for k, v in h["status"].items())
    kinds = "".join(f'<tr><td>{_e(k)}</td><td class="num" data-key="kind:{_e(k)}" '
                    f'data-value="{v}">{_fmt_int(v)}</td></tr>' for k, v in h["kind"].items())
    top = "".join(f'<li><span class="name">{_e(name)}</span> '
                  f'<span class="num" data-key="top" data-speaker="{_e(name)}" '
                  f'data-value="{n}">{_fmt_int(n)}</span></li>' for name, n in h["top"])
    return (f'<dl class="numbers">{cards}</dl>\n<div class="cols">'
            f'<table class="small"><caption>Documents by status</caption>'
            f"<thead><tr><th>status</th><th>documents</th></tr></thead><tbody>{status}"
            f"</tbody></table>"
            f'<table class="small"><caption>Quotes by kind</caption>'
            f"<thead><tr><th>kind</th><th>quotes</th></tr></thead><tbody>{kinds}</tbody></table>"
            f'<div><p class="caption">Most quoted speakers (quotes)</p>'
            f'<ol class="top">{top}</ol></div></div>')


def _groups_html(docs: pd.DataFrame, quotes: pd.DataFrame, labels: list[str], by: str) -> str:
    ok = _texts(docs["status"]).eq("ok") if "status" in docs else pd.Series(False,
                                                                            index=docs.index)
    n_docs = docs.groupby("_group").size()
    n_ok = ok.groupby(docs["_group"]).sum()
    n_quotes = quotes.groupby("_group").size()
    n_speakers = quotes.groupby("_group")["_speaker"].nunique()
    rows = []
    for label in labels:
        cells = [int(x.get(label, 0)) for x in (n_docs, n_ok, n_quotes, n_speakers)]
        rows.append(f"<tr><td>{_e(label)}</td>"
                    + "".join(f'<td class="num">{_fmt_int(c)}</td>' for c in cells) + "</tr>")
    return (f'<table class="small"><caption>By {_e(by)}</caption><thead><tr>'
            f"<th>{_e(by)}</th><th>documents</th><th>analysed</th><th>quotes</th>"
            f"<th>speakers</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def _figures_html(figures: Sequence[FigureFile], note: str | None) -> str:
    if not figures:
        return f'<p class="note">{_e(note or "This run drew no figures.")}</p>'
    out = []
    for f in figures:
        data = base64.b64encode(f.png).decode("ascii")
        out.append(f'<figure id="fig-{_e(f.name)}"><img src="data:image/png;base64,{data}" '
                   f'alt="{_e(f.title)}" width="{f.width}" height="{f.height}">'
                   f"<figcaption><b>{_e(f.title)}</b> {_e(f.caption)} "
                   f"<small>({_e(f.name)}.png)</small></figcaption></figure>")
    return "\n".join(out)


def _problems_html(docs: pd.DataFrame, max_problems: int) -> str:
    if "status" not in docs:
        return '<p class="note">The documents table has no status column.</p>'
    bad = docs[docs["status"].map(_text) != "ok"]
    if not len(bad):
        return '<p class="note">Every document was read and analysed.</p>'
    bad = bad.assign(_id=bad["doc_id"].map(_text),
                     _source=bad["source"].map(_text) if "source" in bad else "")
    bad = bad.sort_values(["_id", "_source"], kind="stable")
    shown = bad.head(max_problems)
    rows = "".join(
        f'<tr class="doc" data-g="{_e(str(r["_gi"]))}"><td>{_e(r["_id"])}</td>'
        f"<td>{_e(_text(r['status']))}</td><td>{_e(_text(r.get('message')))}</td>"
        f"<td>{_e(r['_source'])}</td></tr>" for r in shown.to_dict("records"))
    more = (f'<p class="note">Listed: the first {_fmt_int(len(shown))} of '
            f"{_fmt_int(len(bad))} (by id); the documents table lists them all.</p>"
            if len(bad) > len(shown) else "")
    return (f"{more}<table><thead><tr><th>document</th><th>status</th><th>message</th>"
            f"<th>source</th></tr></thead><tbody>{rows}</tbody></table>")


_CSS = """
:root{--fg:#1b1b1b;--muted:#5b5b5b;--line:#d9d9d9;--bg2:#f5f5f2;--accent:#0072B2}
[hidden]{display:none!important}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
margin:0 auto;max-width:1200px;padding:0 1.2rem 4rem}
header{border-bottom:2px solid var(--fg);margin-bottom:1rem}
h1{font-size:1.6rem;margin:1.2rem 0 .2rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;
border-bottom:1px solid var(--line)}
nav a{margin-right:1rem;color:var(--accent)}
.note,.caption,small{color:var(--muted)}.note{margin:.3rem 0}
dl.numbers{display:flex;flex-wrap:wrap;gap:.6rem;margin:0}
dl.numbers div{background:var(--bg2);padding:.5rem .9rem;border-radius:6px;min-width:9rem}
dl.numbers dt{font-size:.8rem;color:var(--muted)}dl.numbers dd{margin:0;font-size:1.5rem;
font-weight:600}
.cols{display:flex;flex-wrap:wrap;gap:2rem;align-items:flex-start;margin-top:1rem}
table{border-collapse:collapse;width:100%}table.small{width:auto}
caption{text-align:left;color:var(--muted);padding-bottom:.2rem}
th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid var(--line)}
th{font-weight:600;background:var(--bg2)}td.num,th.num{text-align:right;
font-variant-numeric:tabular-nums}
ol.top{margin:.2rem 0;padding-left:1.5rem}ol.top .num{color:var(--muted)}
figure{margin:1.2rem 0;border-bottom:1px solid var(--line);padding-bottom:.8rem}
figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:.9rem;margin-top:.3rem}
.filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;background:var(--bg2);
padding:.6rem .8rem;border-radius:6px;position:sticky;top:0;z-index:1}
.filters label{display:flex;gap:.4rem;align-items:center}.filters select{max-width:22rem}
#shown{font-weight:600}
tbody.sp>tr.head>td{background:#fff}
button.open{font:inherit;background:none;border:0;padding:0;cursor:pointer;color:var(--accent);
text-align:left}
button.open::before{content:"▸ ";display:inline-block;width:1em}
button.open[aria-expanded="true"]::before{content:"▾ "}
.js tr.qs:not(.open){display:none}
tr.qs>td{background:var(--bg2);padding:.4rem .6rem .8rem 1.6rem}
table.quotes td{font-size:.9rem;background:#fff}
table.quotes td.ctx{max-width:42rem}
span.q{background:#fff2b3}span.cue{font-weight:700}span.who{text-decoration:underline}
.kind{font-size:.8rem;padding:0 .3rem;border-radius:3px;background:#e8eef6}
.more{margin:.3rem 0 0}.aliases{margin:0 0 .4rem}
td.how{font-size:.8rem;color:var(--muted);white-space:nowrap}
"""

_JS = """
(function () {
  "use strict";
  var d = document, BINS = %(bins)d, MAXQ = %(maxq)d;
  d.documentElement.classList.add("js");
  var group = d.getElementById("f-group"), name = d.getElementById("f-name");
  var conf = d.getElementById("f-conf"), confOut = d.getElementById("f-conf-value");
  var shown = d.getElementById("shown");
  var speakers = Array.prototype.slice.call(d.querySelectorAll("tbody.sp"));
  var stats = speakers.map(function (tb) { return JSON.parse(tb.getAttribute("data-stats")); });
  function fmt(s, m) {
    if (!m) { return "\\u2013"; }
    var x = s / m;
    return (x < 0 ? "\\u2212" : "+") + Math.abs(x).toFixed(2);
  }
  function num(n) { return n.toLocaleString("en-US"); }
  function apply() {
    var g = group ? group.value : "";
    var k = conf ? parseInt(conf.value, 10) : 0;
    var q = name ? name.value.trim().toLowerCase() : "";
    if (confOut) { confOut.textContent = (k / BINS).toFixed(2); }
    var nSpeakers = 0, nQuotes = 0;
    speakers.forEach(function (tb, i) {
      var n = 0, s = 0, m = 0;
      stats[i].forEach(function (r) {
        if ((g === "" || r[0] === +g) && r[1] >= k) { n += r[2]; s += r[3]; m += r[4]; }
      });
      var show = n > 0 && (q === "" || tb.getAttribute("data-name").indexOf(q) >= 0);
      tb.hidden = !show;
      if (!show) { return; }
      nSpeakers += 1; nQuotes += n;
      tb.querySelector("td.n").textContent = num(n);
      tb.querySelector("td.s").textContent = fmt(s, m);
      var listed = 0;
      Array.prototype.forEach.call(tb.querySelectorAll("tr.q"), function (tr) {
        var v = (g === "" || tr.getAttribute("data-g") === g) &&
          +tr.getAttribute("data-b") >= k;
        tr.hidden = !v;
        if (v) { listed += 1; }
      });
      tb.querySelector(".more").textContent = listed < n ? "Listed here: " + num(listed) +
        " of these " + num(n) + " quotes (at most " + MAXQ + " per speaker); the quotes " +
        "table has them all." : "";
    });
    shown.textContent = num(nSpeakers) + " of " + num(speakers.length) + " speakers, " +
      num(nQuotes) + " quotes";
    shown.setAttribute("data-speakers", nSpeakers);
    shown.setAttribute("data-quotes", nQuotes);
    Array.prototype.forEach.call(d.querySelectorAll("tr.doc"), function (tr) {
      tr.hidden = !(g === "" || tr.getAttribute("data-g") === g);
    });
  }
  function toggle(tb, open) {
    var b = tb.querySelector("button.open");
    b.setAttribute("aria-expanded", open ? "true" : "false");
    tb.querySelector("tr.qs").classList.toggle("open", open);
  }
  speakers.forEach(function (tb) {
    tb.querySelector("button.open").addEventListener("click", function (ev) {
      toggle(tb, ev.currentTarget.getAttribute("aria-expanded") !== "true");
    });
  });
  d.getElementById("expand-all").addEventListener("click", function () {
    speakers.forEach(function (tb) { if (!tb.hidden) { toggle(tb, true); } });
  });
  d.getElementById("collapse-all").addEventListener("click", function () {
    speakers.forEach(function (tb) { toggle(tb, false); });
  });
  [group, name, conf].forEach(function (el) {
    if (el) { el.addEventListener("input", apply); el.addEventListener("change", apply); }
  });
  apply();
})();
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()
                                         ).decode("ascii") + "'"


@dataclass
class _Groups:
    """The group of every document and quote, and whether the page filters by them."""

    by: str | None = None
    labels: tuple[str, ...] = ()
    filtering: bool = False
    note: str = ""


def _with_groups(data: Mapping[str, pd.DataFrame], docs: pd.DataFrame, quotes: pd.DataFrame,
                 by: str | None, max_groups: int) -> _Groups:
    """Add ``_doc``, ``_group`` and ``_gi`` (index of the group in the select box) to the
    documents and quotes (in place)."""
    quotes["_doc"] = _texts(quotes["doc_id"])
    docs["_doc"] = _texts(docs["doc_id"])
    groups = _Groups(by)
    if by:
        of = group_of(data, by)
        docs["_group"] = docs["_doc"].map(of).fillna(NO_VALUE)
        quotes["_group"] = quotes["_doc"].map(of).fillna(NO_VALUE)
        labels = _group_order(docs["_group"])
        groups.labels = tuple(labels)
        groups.filtering = len(labels) <= max_groups
        if not groups.filtering:
            groups.note = (f"Filtering by {by} is offered for up to {max_groups} groups; "
                           f"this run has {len(labels):,}.")
    index = {label: i for i, label in enumerate(groups.labels)}
    for frame in (docs, quotes):
        frame["_gi"] = (frame["_group"].map(index).fillna(0).astype(int) if groups.filtering
                        else 0)
    return groups


def _with_keys(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes with their speaker (``_speaker``; ``_key``: :data:`_NONE` for none),
    confidence step (``_bin``), sentiment (``_sent``) and position (``_qi``), sorted by
    speaker and reading order."""
    quotes["_speaker"] = _speaker_names(quotes)
    quotes["_key"] = quotes["_speaker"].fillna(_NONE)
    quotes["_bin"] = _steps(_confidence(quotes))
    sentiment = (pd.to_numeric(quotes["sentiment"], errors="coerce").astype(float)
                 if "sentiment" in quotes else pd.Series(float("nan"), index=quotes.index))
    quotes["_sent"] = sentiment.round(6)
    quotes["_qi"] = pd.to_numeric(quotes["quote"], errors="coerce") if "quote" in quotes else 0
    return quotes.sort_values(["_key", "_doc", "_qi"], kind="stable")


def _stats(quotes: pd.DataFrame) -> dict[str, list[list[Any]]]:
    """Per speaker key: ``[group, confidence step, quotes, sum of sentiment, quotes scored]``
    rows, from which the page's script computes counts and means under any filter."""
    stats = (quotes.assign(_has=quotes["_sent"].notna(), _s=quotes["_sent"].fillna(0.0))
             .groupby(["_key", "_gi", "_bin"], sort=True)
             .agg(n=("_doc", "size"), s=("_s", "sum"), m=("_has", "sum")).reset_index())
    out: dict[str, list[list[Any]]] = {}
    for key, gi, b, n, s, m in zip(stats["_key"], stats["_gi"], stats["_bin"], stats["n"],
                                   stats["s"], stats["m"], strict=True):
        out.setdefault(key, []).append([int(gi), int(b), int(n), round(float(s), 6), int(m)])
    return out


def _chosen(quotes: pd.DataFrame, keys: list[str], max_quotes: int) -> pd.DataFrame:
    """At most ``max_quotes`` quotes per speaker key: taken in turn from each group, in
    reading order within it; returned in reading order."""
    chosen = quotes[quotes["_key"].isin(keys)].copy()
    chosen["_rank"] = chosen.groupby(["_key", "_gi"]).cumcount()
    chosen = chosen.sort_values(["_key", "_rank", "_gi", "_doc", "_qi"], kind="stable")
    chosen = chosen[chosen.groupby("_key").cumcount() < max_quotes]
    return chosen.sort_values(["_key", "_doc", "_qi"], kind="stable")


def _contexts(sentences: pd.DataFrame | Path | None, chosen: pd.DataFrame
              ) -> dict[tuple[str, int], tuple[int, str]]:
    """``(doc_id, sentence) -> (start, text)`` for the sentences of the ``chosen`` quotes;
    ``sentences`` is the table, or the path of a run's table, read in chunks for just
    those sentences (a run's sentences table is the largest: not held whole)."""
    wanted = {(_text(d), i) for d, a, b in zip(chosen["_doc"], chosen.get(
        "first_sentence", pd.Series(dtype=float)), chosen.get(
        "last_sentence", pd.Series(dtype=float)), strict=False)
        if _number(a) is not None and _number(b) is not None
        for i in range(int(_number(a)), int(_number(b)) + 1)}
    if sentences is None or not wanted:
        return {}
    if isinstance(sentences, Path):
        from analysis.figures.summary import read_chunks

        chunks = read_chunks(sentences, "sentences", ["doc_id", "sentence", "start", "text"])
    else:
        chunks = iter([sentences]) if len(sentences) else iter([])
    out = {}
    docs = {d for d, _ in wanted}
    for chunk in chunks:
        chunk = chunk[_texts(chunk["doc_id"]).isin(docs)]
        for d, i, s, t in zip(chunk["doc_id"], chunk["sentence"], chunk["start"], chunk["text"],
                              strict=True):
            key = (_text(d), int(i))
            if key in wanted:
                out[key] = (int(s), _text(t))
    return out


def report_tables(folder: str | Path) -> dict[str, Any]:
    """The tables of a run that the report reads (:data:`REPORT_TABLES`), from ``folder``:
    documents, quotes and speakers whole, the sentences as the path of their table (read
    in chunks, only the sentences of the quotes shown)."""
    folder = Path(folder)
    data: dict[str, Any] = load_tables(folder, [n for n in REPORT_TABLES if n != "sentences"])
    for suffix in (".parquet", ".csv"):
        if (folder / f"sentences{suffix}").exists():
            data["sentences"] = folder / f"sentences{suffix}"
            break
    return data


def _aliases(speakers: pd.DataFrame | None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    if speakers is None or "aliases" not in speakers or "speaker" not in speakers:
        return out
    for name, value in zip(speakers["speaker"].map(_text), speakers["aliases"].map(_text),
                           strict=True):
        if value:
            out.setdefault(name, set()).update(a for a in value.split("; ") if a)
    return out


def _categories(quotes: pd.DataFrame, speakers: pd.DataFrame | None) -> dict[str, str]:
    """Each speaker's most frequent category among their quotes (ties by name)."""
    out: dict[str, str] = {}
    if "speaker_category" in quotes:
        counts = (quotes[quotes["_key"] != _NONE]
                  .assign(_cat=quotes["speaker_category"].map(_text))
                  .groupby(["_key", "_cat"]).size().rename("n").reset_index()
                  .sort_values(["_key", "n", "_cat"], ascending=[True, False, True],
                               kind="stable")
                  .drop_duplicates("_key"))
        out = dict(zip(counts["_key"], counts["_cat"], strict=True))
    elif speakers is not None and "category" in speakers and "speaker" in speakers:
        for name, value in sorted(zip(speakers["speaker"].map(_text),
                                      speakers["category"].map(_text), strict=True)):
            out.setdefault(name, value)
    return out


def _quote_row(q: Mapping[str, Any], speaker: str | None, groups: _Groups,
               p_cols: list[str], context: Mapping[tuple[str, int], tuple[int, str]],
               max_chars: int) -> str:
    group = f"<br>{_e(_text(q['_group']))}" if groups.labels else ""
    cells = [f'<td>{_e(q["_doc"])} <small>#{_e(_text(q.get("quote")))}{group}</small></td>',
             f'<td><span class="kind">{_e(_text(q.get("kind")))}</span></td>',
             f'<td class="ctx">{_context(q, context, max_chars)}</td>',
             f'<td class="how">{_how(q, speaker)}</td>',
             *(f'<td class="num">{_fmt_p(q.get(c))}</td>' for c in p_cols)]
    return (f'<tr class="q" data-g="{int(q["_gi"])}" data-b="{int(q["_bin"])}">'
            + "".join(cells) + "</tr>")


def _speaker_tbody(name: str, category: str, aliases: set[str], stats: list[list[Any]],
                   quote_rows: list[str], p_cols: list[str], max_quotes: int,
                   none: bool = False) -> str:
    """One speaker: the row (name, category, quotes, mean sentiment) and, below it, the
    row that opens onto their quotes."""
    n = sum(r[2] for r in stats)
    s = 0.0
    for r in stats:  # in the script's order, so that both show the same mean
        s += r[3]
    m = sum(r[4] for r in stats)
    also = sorted(aliases - {name})
    alias_html = (f'<p class="aliases"><small>also named: {_e("; ".join(also[:12]))}'
                  f"{' …' if len(also) > 12 else ''}</small></p>" if also else "")
    more = (f"Listed here: {len(quote_rows):,} of these {n:,} quotes (at most {max_quotes} "
            f"per speaker); the quotes table has them all." if len(quote_rows) < n else "")
    head = "".join(f'<th class="num">{c}</th>' for c in p_cols)
    search = "\n".join([name, *also]).lower()
    return (f'<tbody class="sp{" none" if none else ""}" data-name="{_e(search)}" '
            f'data-stats="{_e(json.dumps(stats, separators=(",", ":")))}">'
            f'<tr class="head"><td><button class="open" type="button" aria-expanded="false">'
            f"{_e(name)}</button></td><td>{_e(category)}</td>"
            f'<td class="num n">{_fmt_int(n)}</td><td class="num s">{_fmt_mean(s, m)}</td></tr>'
            f'<tr class="qs"><td colspan="4">{alias_html}<table class="quotes"><thead><tr>'
            f"<th>document</th><th>kind</th><th>quote, in its sentence</th><th>how found</th>"
            f"{head}</tr></thead><tbody>{''.join(quote_rows)}</tbody></table>"
            f'<p class="more note">{_e(more)}</p></td></tr></tbody>')


def _speakers_html(data: Mapping[str, pd.DataFrame], quotes: pd.DataFrame, groups: _Groups, *,
                   max_speakers: int, max_quotes: int, max_chars: int) -> str:
    """The filters and the table of speakers, each opening onto their quotes."""
    totals = quotes.groupby("_key").size()
    named = [k for _, k in sorted((-int(n), k) for k, n in totals.items() if k != _NONE)]
    keys = named[:max_speakers] + ([_NONE] if _NONE in totals.index else [])
    listed = quotes[quotes["_key"].isin(keys)]
    stats = _stats(listed)
    chosen = _chosen(listed, keys, max_quotes)
    context = _contexts(data.get("sentences"), chosen)
    aliases = _aliases(data.get("speakers"))
    categories = _categories(listed, data.get("speakers"))
    p_cols = [c for c in ("p_quote", "p_speaker") if c in quotes]
    by_key: dict[str, list[dict[str, Any]]] = {}
    for q in chosen.to_dict("records"):
        by_key.setdefault(q["_key"], []).append(q)
    rows = []
    for key in keys:
        none = key == _NONE
        name = NO_SPEAKER if none else key
        quote_rows = [_quote_row(q, None if none else name, groups, p_cols, context, max_chars)
                      for q in by_key.get(key, [])]
        rows.append(_speaker_tbody(name, "" if none else categories.get(key, ""),
                                   set() if none else aliases.get(name, set()),
                                   stats.get(key, []), quote_rows, p_cols, max_quotes, none))

    filters = ['<label>Speaker name <input id="f-name" type="search" '
               'placeholder="part of a name"></label>']
    if groups.filtering:
        options = "".join(f'<option value="{i}">{_e(label)}</option>'
                          for i, label in enumerate(groups.labels))
        filters.insert(0, f'<label>{_e(groups.by or "")} <select id="f-group">'
                          f'<option value="">(all)</option>{options}</select></label>')
    if p_cols:
        filters.append('<label>Minimum confidence <input id="f-conf" type="range" min="0" '
                       f'max="{BINS}" step="1" value="0"><output id="f-conf-value">0.00'
                       "</output></label>")
    n_listed = sum(r[2] for k in keys for r in stats.get(k, []))
    filters.append(f'<span id="shown" data-speakers="{len(keys)}" data-quotes="{n_listed}">'
                   f"{len(keys):,} of {len(keys):,} speakers, {n_listed:,} quotes</span>"
                   '<button id="expand-all" type="button">Expand all</button>'
                   '<button id="collapse-all" type="button">Collapse all</button>')
    caps = []
    if len(named) > max_speakers:
        caps.append(f"the {max_speakers:,} most quoted of {len(named):,} speakers are listed "
                    f"(ties by name)")
    caps.append(f"each speaker lists at most {max_quotes} quotes"
                + (", taken in turn from each group" if groups.filtering else "")
                + " in reading order (document id, then position); the counts and means are "
                  "those of all their quotes")
    confidence = (
        "Confidence: <b>p_quote</b> is the probability that the quote is an attribution of its "
        "kind, <b>p_speaker</b> that its speaker is the one annotators of news mark as the "
        "source; both are calibrated on annotated news (PolNeAR). The slider keeps the quotes "
        "whose lower of the two reaches it." if p_cols else
        "This run's quotes carry no confidence (columns p_quote and p_speaker), so there is "
        "no confidence filter.")
    return (f'<div class="filters">{"".join(filters)}</div>'
            + (f'<p class="note">{_e(groups.note)}</p>' if groups.note else "")
            + f'<p class="note">Click a speaker for their quotes: each in its sentence (the '
              f'quote <span class="q">highlighted</span>, the cue in <span class="cue">bold'
              f'</span>, the mention that names the speaker <span class="who">underlined'
              f"</span>), how it was found (content: <i>marks</i> — quotation marks paired, "
              f"<i>tagger</i> — the attribution tagger learned from annotated news, or a named "
              f"rule; speaker: the learned <i>ranker</i> or a named rule). {confidence} Mean "
              f"sentiment is that of the quotes (−1 to 1). To keep the page small, "
              f"{'; '.join(caps)}.</p>"
            + '<table class="speakers"><thead><tr><th>speaker</th><th>category</th>'
              '<th class="num">quotes</th><th class="num">mean sentiment</th></tr></thead>'
            + "".join(rows) + "</table>")


def _page(h: Mapping[str, Any], sections: list[str], source: str | None, max_quotes: int
          ) -> str:
    script = _JS % {"bins": BINS, "maxq": max_quotes}
    csp = (f"default-src 'none'; img-src data:; style-src {_hash(_CSS)}; "
           f"script-src {_hash(script)}; base-uri 'none'; form-action 'none'")
    about = f"Corpus: {_e(source)}. " if source else ""
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="analysis (python -m analysis run)">',
        '<link rel="icon" href="data:,">',
        "<title>Who is quoted, saying what: report of a run</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header><h1>Who is quoted, saying what</h1>",
        f'<p class="note">{about}{_plural(h["documents"], "document")} read, '
        f'{_fmt_int(h["analysed"])} analysed; {_plural(h["quotes"], "quote")} from '
        f'{_plural(h["speakers"], "speaker")}. The tables beside this page hold every row '
        f"(columns: <code>python -m analysis columns</code>); regenerate this page with "
        f"<code>python -m analysis report --tables FOLDER</code>.</p>",
        '<nav><a href="#numbers">In numbers</a><a href="#figures">Figures</a>'
        '<a href="#speakers">Speakers</a><a href="#problems">Problems</a></nav></header>',
        "<main>",
        *sections,
        "</main>",
        f"<script>{script}</script>",
        "</body>",
        "</html>",
        ""])


def build_report(tables: Mapping[str, pd.DataFrame] | Any,
                 figures: Sequence[str | Path | FigureFile] = (), *,
                 group_by: str | None = None, source: str | None = None,
                 figures_note: str | None = None, max_speakers: int = MAX_SPEAKERS,
                 max_quotes: int = MAX_QUOTES, max_groups: int = MAX_GROUPS,
                 max_problems: int = MAX_PROBLEMS, max_chars: int = MAX_CHARS) -> str:
    """The report of a run as one self-contained HTML page (a string).

    Parameters
    ----------
    tables : mapping of table name to DataFrame, or :class:`analysis.run.pipeline.Tables`
        The tables of a run (``documents``, ``quotes`` and ``sentences`` are read;
        ``speakers`` for aliases).  The quotes' ``cue_class``, ``p_quote`` and
        ``p_speaker`` are shown when present; without ``p_quote``/``p_speaker`` there
        is no confidence column and no confidence slider.
    figures : sequence of PNG paths (or :class:`FigureFile`)
        The figures to show, in order (:func:`figure_files` gives a run's).
    group_by : str, optional
        A column of the documents table: a select box filters speakers, quotes and
        problem documents by its value (not offered beyond ``max_groups`` values).
    source : str, optional
        What was analysed (the corpus), shown in the header.
    figures_note : str, optional
        Said in place of the figures when there are none (``--no-figures``).
    max_speakers, max_quotes, max_groups, max_problems, max_chars : int
        The caps that bound the page's size (see the module's docstring).

    Raises
    ------
    analysis.run.groups.GroupingError
        When ``group_by`` is not a column of the documents table (naming those there are).
    """
    data = dict(tables.items())
    docs = _frame(data, "documents", ["doc_id", "status", "message"]).copy()
    quotes = _frame(data, "quotes", ["doc_id", "quote", "start", "end", "text", "kind",
                                     "speaker"]).copy()
    h = headline(data)
    groups = _with_groups(data, docs, quotes, group_by, max_groups)
    quotes = _with_keys(quotes)
    numbers = _numbers_html(h) + (_groups_html(docs, quotes, list(groups.labels),
                                               group_by or "") if groups.labels else "")
    figs = [f if isinstance(f, FigureFile) else read_figure(f) for f in figures]
    sections = [
        _section("numbers", "In numbers", numbers),
        _section("figures", "Figures", _figures_html(figs, figures_note)),
        _section("speakers", "Speakers and their quotes",
                 _speakers_html(data, quotes, groups, max_speakers=max_speakers,
                                max_quotes=max_quotes, max_chars=max_chars)),
        _section("problems", "Documents with problems", _problems_html(docs, max_problems))]
    return _page(h, sections, source, max_quotes)


def write_report(folder: str | Path, out: str | Path | None = None, *,
                 tables: Mapping[str, pd.DataFrame] | Any | None = None,
                 figures: Sequence[str | Path | FigureFile] | None = None,
                 group_by: str | None = None, source: str | None = None,
                 figures_note: str | None = None) -> Path:
    """Write the report of the run in ``folder`` to ``out`` (default ``folder/report.html``).

    The tables are read from ``folder`` unless given (:func:`load_tables`, exactly as
    written) and the figures are ``folder/figures/*.png`` unless given.  The file is
    written whole or not at all (a temporary file renamed).  Returns its path.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from analysis.run.output import write_tables
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "results"
    >>> _ = write_tables([{"documents": [{"doc_id": "a", "status": "ok"}]}], out)
    >>> write_report(out).name
    'report.html'
    """
    folder = Path(folder)
    data = report_tables(folder) if tables is None else tables
    figs = figure_files(folder / "figures") if figures is None else figures
    page = build_report(data, figs, group_by=group_by, source=source, figures_note=figures_note)
    path = folder / REPORT if out is None else Path(out)
    write_whole(path, page.encode("utf-8"))
    return path
