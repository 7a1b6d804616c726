"""Quotations, their speakers and reporting cues: the engine that explains itself.

Public API
----------
:func:`extract_quotes`, :func:`analyse_quotes` (quotes and speakers of a text; the
``attributions`` scheme: ``"speech"``, the default, or ``"all"``), :func:`explain` (the
evidence for each quote, :class:`Explanation`), the records :class:`Quote` and
:class:`Speaker`, and :func:`quote_spans` / :class:`QuoteSpan` (quotation marks paired).

The engine by stage (:mod:`analysis.quotes.engine` runs them):

* **marks and kinds** -- :mod:`~analysis.quotes.spans` pairs quotation marks (re-opened
  and unclosed quotations included), :mod:`~analysis.quotes.kinds` decides direct,
  partial or title, :mod:`~analysis.quotes.reported` (learned) keeps the quotations
  that hold someone's words;
* **cues and speakers** -- :mod:`~analysis.quotes.speakers` (rules), the CRF
  :mod:`~analysis.quotes.tagger` (learned: source, cue, content), the speaker
  :mod:`~analysis.quotes.ranker` (learned), :mod:`~analysis.quotes.cues` (cue classes
  and the speech scheme);
* **indirect clauses** -- :mod:`~analysis.quotes.indirect` (rules) beside the tagger;
* **inheritance** -- :mod:`~analysis.quotes.inherit`;
* **mentions and entities** -- :mod:`~analysis.quotes.mentions`,
  :mod:`~analysis.quotes.mention_types` (learned types and pronoun antecedents),
  :mod:`~analysis.quotes.resolve`;
* **records** -- :mod:`~analysis.quotes.document` (what the rules read),
  :mod:`~analysis.quotes.records`, :mod:`~analysis.quotes.assemble`;
* **confidence** -- :mod:`~analysis.quotes.confidence` (calibrated ``p_quote`` and
  ``p_speaker``);
* the rules alone -- :mod:`~analysis.quotes.extract`, registered with examples in
  :mod:`~analysis.quotes.rules`; training -- :mod:`~analysis.quotes.train`,
  :mod:`~analysis.quotes.train_types`.
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
