"""The vocabulary figure: frequent content words and bigram collocations."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.figures.style import (
    PALETTE,
    new_axes,
    new_figure,
    plural,
    titled,
)
from analysis.figures.summary import FigureData, WordCounts

__all__ = ["draw_top_words", "top_words"]


def top_words(sentences: pd.DataFrame, *, top: int = 20) -> Figure:
    """The most frequent content words and the bigram collocations (log-likelihood).

    Examples
    --------
    >>> s = pd.DataFrame({"text": ["Tram plan wins.", "Tram plan fails."]})  # text is enough
    >>> top_words(s).axes[1].get_title(loc="left")
    'Collocations: bigrams seen ≥ 2 times (1 of 1)'
    """
    return draw_top_words(FigureData.from_tables({"sentences": sentences}), top=top)


def draw_top_words(data: FigureData, *, top: int = 20) -> Figure:
    """:func:`top_words` from the run's figure data (:mod:`analysis.figures.summary`):
    the word and bigram counts the run made from each document's tokens."""
    from nltk.collocations import BigramCollocationFinder
    from nltk.probability import FreqDist

    from analysis.text.stats import collocation_finder_table, frequency_table

    fig = new_figure(9.5, 5.4)
    left, right = new_axes(fig, 1, 2, 1), new_axes(fig, 1, 2, 2)
    counts = data.words if data.words is not None else WordCounts()
    every = frequency_table(counts.words)
    freq = every.head(top)
    left.barh(freq["word"][::-1], freq["count"][::-1], color=PALETTE[0])
    left.set_xlabel("count")
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    left.set_title(f"Most frequent content words ({len(freq)} of {len(every):,})", loc="left",
                   fontsize=10)
    finder = BigramCollocationFinder(FreqDist(counts.words), FreqDist(
        {pair: n for pair, n in counts.bigrams.items() if n >= 2}))
    coll = collocation_finder_table(finder, "likelihood", 2, top=max(1, finder.N))
    shown = coll.head(12)
    if shown.empty:
        right.text(0.5, 0.5, "no bigram occurs twice", ha="center", va="center",
                   transform=right.transAxes)
        right.set_axis_off()
    else:
        bars = right.barh(shown["bigram"][::-1], shown["score"][::-1], color=PALETTE[1])
        right.bar_label(bars, labels=[f"×{c}" for c in shown["count"][::-1]], fontsize=7,
                        padding=2)
        right.set_xlabel("log-likelihood ratio")
        right.set_title(f"Collocations: bigrams seen ≥ 2 times ({len(shown)} of {len(coll)})",
                        loc="left", fontsize=10)
    n_words = int(every["count"].sum())
    where = (f" in {plural(data.sentence_documents, 'document')}"
             if "doc_id" in data.sentence_columns else "")
    note = (f"{plural(data.n_sentences, 'sentence')}{where}; {n_words:,} content words "
            f"(lower-cased; English stop words and numbers removed). Collocations: NLTK's "
            f"log-likelihood ratio over the same words; ×n: times the bigram occurs.")
    return titled(fig, "The vocabulary: frequent words and collocations", note)
