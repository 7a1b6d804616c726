"""NewsMTSC for sentiment toward a person, and its frozen validation protocol.

NewsMTSC (Hamborg & Donnay 2021) gives news sentences with the sentiment *toward*
each marked person: 2 negative, 4 neutral, 6 positive.  It is for development and
evaluation only and is never copied into the package.  The reader and the split live
in :mod:`analysis.corpus.newsmtsc`, shared with the ``hybrid`` sentence scorer's news
adjustments (:mod:`analysis.sentiment.fit`), so that neither model is evaluated on
sentences the other was fitted on.

Protocol, fixed before tuning: every sentence gets the bucket (0-4) of a SHA-1 hash
of its *article* key -- the first three ``_``-separated fields of ``primary_gid``
(``allsides_1000_401``, ``polusa_v1_18421313``), so that sentences of one article
never sit on both sides of a split.  Bucket 0 (about 20 %) is the held-out test part,
reported and never used for choosing anything; bucket 1 is the development part on
which settings are compared while fitting on buckets 2-4; the final model is fitted
on buckets 1-4 before scoring bucket 0, and the shipped model on all five.

Examples
--------
>>> article_key("allsides_1000_401_25_Reality Leigh Winner_0_6")
'allsides_1000_401'
"""

from __future__ import annotations

from analysis.corpus.newsmtsc import LABELS, POLARITY, article_key
from analysis.corpus.newsmtsc import read_newsmtsc as load_newsmtsc

__all__ = ["LABELS", "POLARITY", "article_key", "load_newsmtsc"]
