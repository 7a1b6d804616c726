"""The corpus layer: documents from text files, folders and tables, every input accounted for.

A corpus is a stream of :class:`Document` records and, for input that could not be
read, :class:`Failure` records with a status (:data:`STATUSES`); both carry the
document's id, so every input is a row of the ``documents`` table.  Only a bad
*corpus* raises (:class:`CorpusError`), when :func:`iter_corpus` is called.

Public API
----------
:func:`iter_corpus`, :func:`load_corpus`, :func:`empty_reason`, :func:`corpus_columns`,
:func:`kind_of`, :data:`SIDECAR_NAMES` (:mod:`~analysis.corpus.folders`)
    A ``.txt`` file, a table, or a folder of them (walked in order, sidecar metadata joined);
    the metadata columns its documents carry, from headers only.
:func:`read_text_file`, :data:`TEXT_SUFFIXES` (:mod:`~analysis.corpus.textfiles`)
    One plain-text file.
:func:`read_table`, :data:`TABLE_SUFFIXES` (:mod:`~analysis.corpus.tabular`)
    CSV, TSV, JSON lines and Parquet, one document per row, streamed.
:func:`decode`, :func:`binary_kind`, :func:`check_encoding` (:mod:`~analysis.corpus.decoding`)
    Bytes to text; binary files told from text.
:class:`Document`, :class:`Failure`, :class:`CorpusError`, :class:`CorpusWarning`, :data:`STATUSES`, :data:`LOADER_COLUMNS`, :func:`metadata_name`, :func:`display_path`, :func:`distinct_ids`, :data:`DEFAULT_MAX_DOC_MB` (:mod:`~analysis.corpus.records`)
    The records, the metadata rules, distinct ids.
:mod:`~analysis.corpus.polnear`
    The PolNeAR corpus of annotated attributions (brat), read for training and evaluation.
:mod:`~analysis.corpus.newsmtsc`
    NewsMTSC (sentiment toward people in news sentences) and its frozen article split,
    read by the targeted model and the hybrid sentence scorer's fitting.

Examples
--------
>>> from analysis.paths import SEEDS
>>> docs = [d for d in iter_corpus(SEEDS) if isinstance(d, Document)]
>>> docs[0].id, docs[0].meta["file"]
('000_eef1b9dedbf151ac', '000_eef1b9dedbf151ac.txt')
>>> docs[0].text.startswith('Tehran:')
True
"""

from analysis.corpus.decoding import binary_kind, check_encoding, decode
from analysis.corpus.folders import (
    SIDECAR_NAMES,
    corpus_columns,
    empty_reason,
    iter_corpus,
    kind_of,
    load_corpus,
)
from analysis.corpus.records import (
    DEFAULT_MAX_DOC_MB,
    LOADER_COLUMNS,
    STATUSES,
    CorpusError,
    CorpusWarning,
    Document,
    Failure,
    display_path,
    distinct_ids,
    metadata_name,
)
from analysis.corpus.tabular import TABLE_SUFFIXES, read_table
from analysis.corpus.textfiles import TEXT_SUFFIXES, read_text_file

__all__ = ["DEFAULT_MAX_DOC_MB", "LOADER_COLUMNS", "SIDECAR_NAMES", "STATUSES", "TABLE_SUFFIXES",
           "TEXT_SUFFIXES", "CorpusError", "CorpusWarning", "Document", "Failure", "binary_kind",
           "check_encoding", "corpus_columns", "decode", "display_path", "distinct_ids",
           "empty_reason", "iter_corpus", "kind_of", "load_corpus", "metadata_name", "read_table",
           "read_text_file"]
