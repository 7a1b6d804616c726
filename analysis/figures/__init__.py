"""Figures: one function per figure, tables in, matplotlib Figure out; one module per family.

Figures are built with matplotlib's object API, so importing this package changes no
global state (no backend switch, no ``rcParams``).  In Jupyter a figure shows when it
is the value of a cell (or passed to ``display``); :func:`reproduce` writes every
figure as PNG and SVG with no backend at all.  Output is deterministic: fixed sort
orders, a fixed SVG hash salt and no dates in the files, so SVGs are byte-identical
from run to run.

Every figure says what it shows in its title and, in a caption below, how it was
measured (method, target), how many units it rests on (n) and whether it shows a
subset ("top 15 of 63 speakers").  Rates and means carry their n; no spread is drawn
for a single value.  Colours are the Okabe–Ito colour-blind-safe palette.

Public API
----------
Quotes (:mod:`~analysis.figures.quotes`)
    :func:`quotes_per_speaker`
Sentiment (:mod:`~analysis.figures.sentiment`)
    :func:`sentiment_by_speaker`, :func:`sentiment_along_article`, :func:`document_name`
    (a document's readable name in a legend)
Stance (:mod:`~analysis.figures.stance`)
    :func:`stance_by_speaker`, :func:`marker_profile`
Words (:mod:`~analysis.figures.words`)
    :func:`top_words`
Portrayal (:mod:`~analysis.figures.portrayal`)
    :func:`quoted_vs_portrayed`
Groups and time (:mod:`~analysis.figures.groups`)
    :func:`who_is_quoted_by_group`, :func:`sentiment_by_group`, :func:`kinds_by_group`,
    :func:`quotes_over_time`, :func:`grouped_figures`
Learning curves (:mod:`~analysis.figures.learning`)
    :func:`learning_curve`, :func:`learning_curve_table`
Every figure of a run (:mod:`~analysis.figures.registry`)
    :data:`FIGURES`, :func:`figure_tables`, :func:`load_tables`, :func:`reproduce`
Shared style (:mod:`~analysis.figures.style`)
    :data:`PALETTE`, and the helpers every family uses (title and caption, saving).

Examples
--------
>>> from analysis.run.pipeline import analyse
>>> from analysis.paths import SEEDS
>>> fig = quotes_per_speaker(analyse(SEEDS, progress=False).quotes)
>>> fig.axes[0].get_xlabel(), fig.get_suptitle()
('quotes', 'Who is quoted: quotes per speaker, by kind')
"""

from analysis.figures.groups import (
    grouped_figures,
    kinds_by_group,
    quotes_over_time,
    sentiment_by_group,
    who_is_quoted_by_group,
)
from analysis.figures.learning import learning_curve, learning_curve_table
from analysis.figures.portrayal import quoted_vs_portrayed
from analysis.figures.quotes import quotes_per_speaker
from analysis.figures.registry import FIGURES, figure_tables, load_tables, reproduce
from analysis.figures.sentiment import (
    document_name,
    sentiment_along_article,
    sentiment_by_speaker,
)
from analysis.figures.stance import marker_profile, stance_by_speaker
from analysis.figures.style import PALETTE
from analysis.figures.words import top_words

__all__ = [
    "FIGURES",
    "PALETTE",
    "document_name",
    "figure_tables",
    "grouped_figures",
    "kinds_by_group",
    "learning_curve",
    "learning_curve_table",
    "load_tables",
    "marker_profile",
    "quoted_vs_portrayed",
    "quotes_over_time",
    "quotes_per_speaker",
    "reproduce",
    "sentiment_along_article",
    "sentiment_by_group",
    "sentiment_by_speaker",
    "stance_by_speaker",
    "top_words",
    "who_is_quoted_by_group",
]
