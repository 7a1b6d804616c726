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
