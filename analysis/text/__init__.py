"""The text layer: the document model, built once per document.

Public API
----------
:func:`build`, :class:`TextDoc`, :class:`Paragraph` (:mod:`~analysis.text.document`)
    A text's paragraphs, sentences, tokens and quotation marks, with the indexes
    between them; every later stage reads this.
:class:`Sentence`, :func:`sentences`, :func:`punkt_tokenizer`, :data:`MAX_SENTENCE_CHARS` (:mod:`~analysis.text.sentences`)
    Sentences as offset spans (Punkt with the project's parameters and rules).
:class:`Token`, :func:`tokens`, :func:`tokenise`, :func:`fold` (:mod:`~analysis.text.tokenise`)
    Word tokens as offset spans; ``fold`` is a token as lexicons list it.
:class:`Mark`, :func:`classify_marks`, :func:`quote_view` (:mod:`~analysis.text.marks`)
    The role of every quotation mark and apostrophe; the same-length matching view.

Modules, lowest first (each imports only those before it):
:mod:`~analysis.text.paragraphs` (the one definition of a paragraph),
:mod:`~analysis.text.marks`, :mod:`~analysis.text.punkt` (learned Punkt parameters;
``python -m analysis.text.punkt DIR`` rebuilds them), :mod:`~analysis.text.sentences`,
:mod:`~analysis.text.tokenise`, :mod:`~analysis.text.document`; and
:mod:`~analysis.text.stats` (frequencies, concordance, collocations for exploration).

Examples
--------
>>> doc = build("“Yes,” she said. He left.")
>>> [s.text for s in doc.sentences]
['“Yes,” she said.', 'He left.']
"""

from analysis.text.document import Paragraph, TextDoc, build
from analysis.text.marks import Mark, classify_marks, quote_view
from analysis.text.sentences import MAX_SENTENCE_CHARS, Sentence, punkt_tokenizer, sentences
from analysis.text.tokenise import Token, fold, tokenise, tokens

__all__ = ["MAX_SENTENCE_CHARS", "Mark", "Paragraph", "Sentence", "TextDoc", "Token", "build",
           "classify_marks", "fold", "punkt_tokenizer", "quote_view", "sentences", "tokenise",
           "tokens"]
