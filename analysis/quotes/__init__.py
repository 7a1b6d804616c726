"""Quotations, their speakers and reporting cues (see :mod:`analysis.quotes.extract`)."""

from analysis.quotes.extract import Quote, Speaker, analyse_quotes, extract_quotes
from analysis.quotes.spans import QuoteSpan, quote_spans

__all__ = ["Quote", "QuoteSpan", "Speaker", "analyse_quotes", "extract_quotes", "quote_spans"]
