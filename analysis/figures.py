"""Figures: one function per figure, tables in, matplotlib Figure out.

Every figure uses the Okabe–Ito colour-blind-safe palette, labelled axes and a title
that says what is shown.  :func:`reproduce` reads the tables written by
``python -m analysis run`` and writes every figure as PNG and SVG; output is
deterministic (fixed SVG hash salt, no timestamps).

Examples
--------
>>> from analysis.pipeline import analyse
>>> from analysis.paths import SEEDS
>>> fig = quotes_per_speaker(analyse(SEEDS, progress=False).quotes)
>>> fig.axes[0].get_xlabel()
'quotes'
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

__all__ = ["FIGURES", "PALETTE", "figure_tables", "load_tables", "reproduce"]

#: Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
           "#000000"]
_KIND_COLOURS = {"direct": PALETTE[0], "partial": PALETTE[1], "indirect": PALETTE[2]}
_STANCE_COLOURS = {"favor": PALETTE[2], "against": PALETTE[3], "none": "#999999"}

plt.rcParams.update({"svg.hashsalt": "analysis", "figure.dpi": 100, "savefig.dpi": 120,
                     "axes.spines.top": False, "axes.spines.right": False,
                     "font.size": 10})


def _empty(fig: Figure, ax, message: str) -> Figure:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return fig


def _speaker_order(quotes: pd.DataFrame, top: int) -> list[str]:
    counts = quotes.dropna(subset=["speaker"]).groupby("speaker").size()
    return sorted(counts.index, key=lambda s: (-counts[s], s))[:top]


def _stacked_bars(ax, quotes: pd.DataFrame, order: list[str], column: str,
                  colours: dict[str, str], *, shares: bool) -> None:
    """One horizontal bar per speaker (first in ``order`` on top), stacked by ``column``."""
    table = (quotes[quotes.speaker.isin(order)].groupby(["speaker", column]).size()
             .unstack(fill_value=0).reindex(index=order[::-1], columns=list(colours),
                                            fill_value=0))
    if shares:
        table = table.div(table.sum(axis=1), axis=0)
    left = pd.Series(0.0, index=table.index)
    for value, colour in colours.items():
        ax.barh(table.index, table[value], left=left, color=colour, label=value)
        left += table[value]


def _speaker_figure(quotes: pd.DataFrame, top: int):
    """``(fig, ax, speakers)``: the top speakers, first on top, and a figure tall enough
    for the title, the axis label, the legend and one row per speaker."""
    order = _speaker_order(quotes, top)
    fig, ax = plt.subplots(figsize=(7, 2.0 + 0.4 * max(1, len(order))))
    return fig, ax, order


def quotes_per_speaker(quotes: pd.DataFrame, *, top: int = 15) -> Figure:
    """Horizontal bars: number of quotes per speaker, stacked by kind."""
    fig, ax, order = _speaker_figure(quotes, top)
    if not order:
        return _empty(fig, ax, "no attributed quotes")
    _stacked_bars(ax, quotes, order, "kind", _KIND_COLOURS, shares=False)
    ax.set_xlabel("quotes")
    ax.set_title("Who is quoted: quotes per speaker, by kind")
    ax.legend(frameon=False, loc="lower right")
    fig.tight_layout()
    return fig


def sentiment_by_speaker(quotes: pd.DataFrame, *, top: int = 15) -> Figure:
    """Mean quote sentiment per speaker with ±1 standard deviation and each quote as a dot."""
    fig, ax, order = _speaker_figure(quotes, top)
    if not order:
        return _empty(fig, ax, "no attributed quotes")
    for y, speaker in enumerate(order[::-1]):
        values = quotes.loc[quotes.speaker == speaker, "sentiment"]
        ax.scatter(values, [y] * len(values), color=PALETTE[5], s=18, zorder=2)
        sd = values.std() if len(values) > 1 else 0.0
        ax.errorbar(values.mean(), y, xerr=sd, fmt="o", color=PALETTE[0], capsize=4, zorder=3)
    ax.set_yticks(range(len(order)), order[::-1])
    ax.axvline(0, color="#777777", lw=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("sentiment of quotes (hybrid scorer, −1 to 1)")
    ax.set_title("How quotes sound: mean ± SD per speaker (dots: single quotes)")
    fig.tight_layout()
    return fig


def stance_by_speaker(quotes: pd.DataFrame, *, top: int = 15) -> Figure:
    """Share of each speaker's quotes classified favor / against / none toward the target."""
    fig, ax, order = _speaker_figure(quotes, top)
    if not order:
        return _empty(fig, ax, "no attributed quotes")
    _stacked_bars(ax, quotes, order, "stance", _STANCE_COLOURS, shares=True)
    ax.set_xlabel("share of the speaker's quotes")
    ax.set_xlim(0, 1)
    ax.set_title("Stance toward the target by speaker (teaching classifier)")
    ax.legend(frameon=False, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    fig.tight_layout()
    return fig


def sentiment_along_article(sentences: pd.DataFrame, quotes: pd.DataFrame) -> Figure:
    """Sentence sentiment in reading order, per document; quoted sentences marked."""
    fig, ax = plt.subplots(figsize=(8, 3.5))
    if sentences.empty:
        return _empty(fig, ax, "no sentences")
    for n, (doc_id, sents) in enumerate(sorted(sentences.groupby("doc_id"), key=lambda x: x[0])):
        if n >= 8:
            break
        colour = PALETTE[n % len(PALETTE)]
        ax.plot(sents["sentence"], sents["sentiment"], marker="o", ms=3, color=colour,
                label=str(doc_id)[:30])
        quoted = set()
        for q in quotes[quotes.doc_id == doc_id].itertuples():
            if pd.notna(q.first_sentence):
                quoted.update(range(int(q.first_sentence), int(q.last_sentence) + 1))
        mask = sents["sentence"].isin(quoted)
        ax.scatter(sents.loc[mask, "sentence"], sents.loc[mask, "sentiment"], s=60,
                   facecolors="none", edgecolors=colour)
    ax.axhline(0, color="#777777", lw=0.8)
    ax.set_xlabel("sentence (reading order)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("sentiment (−1 to 1)")
    ax.set_ylim(-1, 1)
    ax.set_title("Sentiment along the article (circles: sentences with quotes)")
    ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def marker_profile(markers: pd.DataFrame) -> Figure:
    """Stance markers per 1,000 words for each speaker and for whole documents."""
    fig, ax = plt.subplots(figsize=(8, 3.8))
    speakers = markers[markers.unit != "(document)"]
    if speakers.empty:
        return _empty(fig, ax, "no speakers")
    grouped = speakers.groupby(["unit", "category"])[["count", "n_tokens"]].sum()
    rates = (1000 * grouped["count"] / grouped["n_tokens"].where(grouped["n_tokens"] > 0)
             ).unstack(fill_value=0).fillna(0)
    units = sorted(rates.index)[:8]
    categories = list(dict.fromkeys(markers.category))
    width = 0.8 / len(units)
    for n, unit in enumerate(units):
        xs = [i + n * width for i in range(len(categories))]
        ax.bar(xs, [rates.loc[unit].get(c, 0) for c in categories], width=width,
               color=PALETTE[n % len(PALETTE)], label=unit)
    ax.set_xticks([i + 0.4 - width / 2 for i in range(len(categories))],
                  [c.replace("_", " ") for c in categories])
    ax.set_ylabel("markers per 1,000 words")
    ax.set_title("Stance-marker profile of each speaker's quotes")
    ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig


def top_words(sentences: pd.DataFrame, *, top: int = 20) -> Figure:
    """The most frequent content words and bigram collocations (log-likelihood)."""
    from analysis.textstats import collocations, frequencies
    from analysis.tokenise import tokens

    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 4.5))
    toks = [tokens(text) for text in sentences["text"]]
    flat = [t for ts in toks for t in ts]
    freq = frequencies(flat, stop_words=False, top=top)
    left.barh(freq["word"][::-1], freq["count"][::-1], color=PALETTE[0])
    left.set_xlabel("count")
    left.set_title("Most frequent content words")
    coll = collocations(toks, measure="likelihood", min_freq=2, top=12)
    if coll.empty:
        _empty(fig, right, "no bigram occurs twice")
    else:
        right.barh(coll["bigram"][::-1], coll["score"][::-1], color=PALETTE[1])
        right.set_xlabel("log-likelihood ratio")
        right.set_title("Collocations (bigrams seen ≥ 2 times)")
    fig.tight_layout()
    return fig


def figure_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The small tables behind the figures (committed for the seeds as expected values)."""
    q = tables["quotes"]
    per_speaker = (q.dropna(subset=["speaker"]).groupby("speaker")
                   .agg(n_quotes=("quote", "size"), sentiment_mean=("sentiment", "mean"),
                        n_against=("stance", lambda s: int((s == "against").sum())),
                        n_favor=("stance", lambda s: int((s == "favor").sum())),
                        n_none=("stance", lambda s: int((s == "none").sum())))
                   .reset_index().sort_values("speaker", kind="stable"))
    per_speaker["sentiment_mean"] = per_speaker["sentiment_mean"].round(6)
    sentences = tables["sentences"][["doc_id", "sentence", "sentiment"]].copy()
    sentences["sentiment"] = sentences["sentiment"].round(6)
    markers = tables["markers"][["doc_id", "unit", "category", "count", "n_tokens"]]
    return {"figure_speakers": per_speaker.reset_index(drop=True),
            "figure_sentences": sentences.reset_index(drop=True),
            "figure_markers": markers.reset_index(drop=True)}


#: Figure name -> (function, tables it needs).
FIGURES: dict[str, tuple[Callable[..., Figure], tuple[str, ...]]] = {
    "quotes_per_speaker": (quotes_per_speaker, ("quotes",)),
    "sentiment_by_speaker": (sentiment_by_speaker, ("quotes",)),
    "stance_by_speaker": (stance_by_speaker, ("quotes",)),
    "sentiment_along_article": (sentiment_along_article, ("sentences", "quotes")),
    "marker_profile": (marker_profile, ("markers",)),
    "top_words": (top_words, ("sentences",)),
}


def load_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read the tables written by ``run`` (CSV or Parquet) from ``folder``."""
    folder = Path(folder)
    out = {}
    for name in ("documents", "sentences", "quotes", "speakers", "markers"):
        csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
        if parquet.exists():
            out[name] = pd.read_parquet(parquet)
        elif csv.exists():
            out[name] = pd.read_csv(csv)
    return out


def reproduce(tables: str | Path | dict[str, pd.DataFrame], out: str | Path) -> list[Path]:
    """Write every figure (PNG and SVG) and its backing tables (CSV) into ``out``."""
    data = load_tables(tables) if isinstance(tables, str | Path) else tables
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (fn, needs) in FIGURES.items():
        fig = fn(*(data[n] for n in needs))
        for ext in ("png", "svg"):
            path = out / f"{name}.{ext}"
            fig.savefig(path, metadata={"Date": None} if ext == "svg" else {"Software": None})
            written.append(path)
        plt.close(fig)
    for name, frame in figure_tables(data).items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    return written


_TOWARD_COLOURS = {"negative": PALETTE[3], "neutral": "#999999", "positive": PALETTE[2]}


def quoted_vs_portrayed(quotes: pd.DataFrame, portrayal: pd.DataFrame, *,
                        top: int = 15) -> Figure:
    """How each person sounds when quoted vs how the reporter's text presents them.

    Left: mean sentiment of the person's quotes (hybrid scorer), ±1 SD when there are
    at least two quotes.  Right: shares of the person's mentions in the reporter's own
    text that are negative / neutral / positive toward them
    (:func:`analysis.portrayal.portrayal`, the NewsMTSC-trained model).  ``portrayal``
    is the per-mention table or its summary (:func:`analysis.portrayal.portrayal_summary`,
    any number of documents); people are ordered by quotes + reporter mentions.

    Examples
    --------
    >>> q = pd.DataFrame({"speaker": ["A", "A", "B"], "sentiment": [0.2, -0.4, 0.1]})
    >>> p = pd.DataFrame({"entity": ["A", "C"], "n_reporter": [2, 1], "n_negative": [1, 0],
    ...                   "n_neutral": [1, 0], "n_positive": [0, 1]})
    >>> fig = quoted_vs_portrayed(q, p)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['C (0 quotes, 1 mention)', 'B (1 quote, 0 mentions)', 'A (2 quotes, 2 mentions)']
    """
    if "voice" in portrayal.columns:
        from analysis.portrayal import portrayal_summary

        portrayal = portrayal_summary(portrayal)
    counts = (portrayal.groupby("entity")[["n_reporter", "n_negative", "n_neutral",
                                             "n_positive"]].sum()
              if len(portrayal) else pd.DataFrame(columns=["n_reporter"]))
    said = quotes.dropna(subset=["speaker"]).groupby("speaker")["sentiment"]
    n_quotes = said.size()
    people = sorted(set(n_quotes.index) | set(counts.index[counts["n_reporter"] > 0]),
                    key=lambda p: (-(n_quotes.get(p, 0) + counts["n_reporter"].get(p, 0)), p))
    people = people[:top]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 2.0 + 0.4 * max(1, len(people))),
                                      sharey=True)
    if not people:
        _empty(fig, right, "")
        return _empty(fig, left, "no quoted or mentioned people")
    order = people[::-1]

    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    labels = [f"{p} ({plural(int(n_quotes.get(p, 0)), 'quote')}, "
              f"{plural(int(counts['n_reporter'].get(p, 0)), 'mention')})" for p in order]
    for y, person in enumerate(order):
        if person in n_quotes.index:
            values = said.get_group(person)
            left.scatter(values, [y] * len(values), color=PALETTE[5], s=18, zorder=2)
            spread = values.std() if len(values) > 1 else None
            left.errorbar(values.mean(), y, xerr=spread, fmt="o", color=PALETTE[0],
                          capsize=4 if spread is not None else 0, zorder=3)
    left.set_yticks(range(len(order)), labels)
    left.axvline(0, color="#777777", lw=0.8)
    left.set_xlim(-1, 1)
    left.set_xlabel("sentiment of the person's quotes (hybrid, −1 to 1)")
    left.set_title(f"Quoted: how they sound (n = {int(n_quotes.reindex(people).sum())} quotes;"
                   f"\nmean ± SD, SD only for n ≥ 2)", fontsize=9)
    shown = counts.reindex(order).fillna(0)
    total = shown["n_reporter"].where(shown["n_reporter"] > 0)
    start = pd.Series(0.0, index=range(len(order)))
    for label, colour in _TOWARD_COLOURS.items():
        share = (shown[f"n_{label}"] / total).fillna(0).to_numpy()
        right.barh(range(len(order)), share, left=start, color=colour, label=label)
        start += share
    right.set_xlim(0, 1)
    right.set_xlabel("share of mentions in the reporter's text")
    right.set_title(f"Portrayed: sentiment toward them (NewsMTSC model;\nn = "
                    f"{int(shown['n_reporter'].sum())} mentions in the reporter's text)",
                    fontsize=9)
    right.legend(frameon=False, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.18))
    fig.tight_layout()
    return fig
