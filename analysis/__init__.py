"""Discourse analysis of news articles: who is quoted, saying what, how, with what
sentiment and stance.

The package is organised in layers, each a small module: :mod:`analysis.corpus`
(loading), :mod:`analysis.tokenise` (sentences and tokens as offset spans),
:mod:`analysis.quotes` (quotations and speakers), :mod:`analysis.sentiment` (with the
learned :mod:`analysis.sentiment.fit`), :mod:`analysis.stance`, :mod:`analysis.evaluate`, :mod:`analysis.pipeline` (stages into
tables, whose columns :mod:`analysis.run.tables` documents), :mod:`analysis.run.engines` (serial,
processes, Dask), :mod:`analysis.run.output` (atomic table writing),
:mod:`analysis.figures` and :mod:`analysis.quotes.display`.
"""

__version__ = "0.1.0"
