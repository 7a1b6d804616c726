"""Discourse analysis of news articles: who is quoted, saying what, how, with what
sentiment and stance.

The folder listing is the architecture.  Layers, lowest first; each imports only the
layers before it (``tests/test_layout.py`` checks it, and that there is no import
circle):

``paths``, ``resources``
    The base every layer reads: the repository's paths and the package's data files
    (lexicons, parameters and weights as text, each with its provenance).
:mod:`analysis.text`
    The document model, built once per document: paragraphs, sentences, tokens, the
    role of every quotation mark, and the indexes between them.
:mod:`analysis.corpus`
    Readers by format (text files and folders, tables, sidecar metadata; PolNeAR's
    annotated articles); every input a document or a failure with its status.
:mod:`analysis.quotes`, :mod:`analysis.sentiment`, :mod:`analysis.stance`, :mod:`analysis.targeted`
    Quotations and speakers; sentiment scorers and the hybrid model's fitting; stance
    markers and the stance classifier; sentiment toward a person, and portrayal.
:mod:`analysis.run`
    The main job: stages, engines (serial, processes, Dask), the output writer, the
    tables schema (the data dictionary), grouped tables.
:mod:`analysis.figures`, :mod:`analysis.evaluate`
    One function per figure (one module per family); gold readers, scoring, reports.
:mod:`analysis.cli`
    ``python -m analysis <command>``, one module per command.

Public API
----------
Each package's ``__init__`` states its own; here only ``__version__``.
"""

__version__ = "0.1.0"
