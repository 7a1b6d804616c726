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

__all__ = ["top_words"]


def top_words(sentences: pd.DataFrame, *, top: int = 20) -> Figure:
    """The most frequent content words and the bigram collocations (log-likelihood).

    Examples
    --------
    >>> s = pd.DataFrame({"text": ["Tram plan wins.", "Tram plan fails."]})  # text is enough
    >>> top_words(s).axes[1].get_title(loc="left")
    'Collocations: bigrams seen ≥ 2 times (1 of 1)'
    """
    from analysis.text import Sentence, tokens
    from analysis.text.stats import collocation_table, folded_words, frequency_table

    fig = new_figure(9.5, 5.4)
    left, right = new_axes(fig, 1, 2, 1), new_axes(fig, 1, 2, 2)
    # each row is one sentence already: tokenised as one, not split again
    docs = [folded_words(tokens(text, [Sentence(0, len(text), text, 0)]), stop_words=False)
            for text in sentences["text"]]
    every = frequency_table(w for words in docs for w in words)
    freq = every.head(top)
    left.barh(freq["word"][::-1], freq["count"][::-1], color=PALETTE[0])
    left.set_xlabel("count")
    left.xaxis.set_major_locator(MaxNLocator(integer=True))
    left.set_title(f"Most frequent content words ({len(freq)} of {len(every):,})", loc="left",
                   fontsize=10)
    coll = collocation_table(docs, "likelihood", 2, top=max(1, sum(map(len, docs))))
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
    where = (f" in {plural(sentences.doc_id.nunique(), 'document')}" if "doc_id" in sentences
             else "")
    note = (f"{plural(len(sentences), 'sentence')}{where}; {n_words:,} content words "
            f"(lower-cased; English stop words and numbers removed). Collocations: NLTK's "
            f"log-likelihood ratio over the same words; ×n: times the bigram occurs.")
    return titled(fig, "The vocabulary: frequent words and collocations", note)
