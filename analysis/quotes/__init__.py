"""Quotations, their speakers and reporting cues.

:func:`analyse_quotes` runs the engine (:mod:`analysis.quotes.engine`): rules pair
quotation marks and propose cues and speakers (:mod:`analysis.quotes.extract`), a
tagger learned from annotated news finds reported speech
(:mod:`analysis.quotes.tagger`), a learned ranker chooses each speaker
(:mod:`analysis.quotes.ranker`), and :func:`explain` shows the evidence.
"""

from analysis.quotes.engine import Explanation, analyse_quotes, explain
from analysis.quotes.records import Quote, Speaker
from analysis.quotes.spans import QuoteSpan, quote_spans

__all__ = ["Explanation", "Quote", "QuoteSpan", "Speaker", "analyse_quotes", "explain",
           "extract_quotes", "quote_spans"]


def extract_quotes(doc, *, attributions: str = "speech"):
    """Quotes of a document, a document model or a plain string, in text order.

    ``attributions``: ``"speech"`` (quotations and indirect speech, the default) or
    ``"all"`` (every attribution, PolNeAR's scheme; :mod:`analysis.quotes.cues`).

    Examples
    --------
    >>> [(q.text, q.kind, q.speaker) for q in extract_quotes("“We will win,” she said.")]
    [('“We will win,”', 'direct', 'she')]
    """
    from analysis.corpus import Document

    return analyse_quotes(doc.text if isinstance(doc, Document) else doc,
                          attributions=attributions)[0]
