"""NewsMTSC reader and its frozen validation protocol.

NewsMTSC (Hamborg & Donnay 2021) gives news sentences with the sentiment *toward*
each marked person: 2 negative, 4 neutral, 6 positive.  It is for development and
evaluation only and is never copied into the package.

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

import json
from pathlib import Path

import pandas as pd

from analysis.stance.data import bucket

__all__ = ["LABELS", "POLARITY", "article_key", "load_newsmtsc"]

#: Class labels in model order.
LABELS = ("negative", "neutral", "positive")
#: NewsMTSC polarity codes -> labels.
POLARITY = {2: "negative", 4: "neutral", 6: "positive"}


def article_key(gid: str) -> str:
    """The article part of a NewsMTSC ``primary_gid`` (its first three fields)."""
    return "_".join(gid.split("_")[:3])


def load_newsmtsc(folder: str | Path) -> pd.DataFrame:
    """One row per target mention: ``gid``, ``text``, ``start``, ``end``, ``label``,
    ``others`` (the other targets' spans in the sentence) and ``bucket`` (0-4).

    ``folder`` holds NewsMTSC's ``train.jsonl`` (``primary_gid``,
    ``sentence_normalized``, ``targets`` with ``from``, ``to``, ``polarity``).
    """
    path = Path(folder) / "train.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; pass the NewsMTSC folder holding "
                                f"train.jsonl (see its README)")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text, gid = record["sentence_normalized"], record["primary_gid"]
                spans = [(int(t["from"]), int(t["to"])) for t in record["targets"]]
                labels = [POLARITY[int(t["polarity"])] for t in record["targets"]]
            except (ValueError, KeyError, TypeError) as err:
                raise ValueError(f"{path}, line {number}: not a NewsMTSC record "
                                 f"({type(err).__name__}: {err})") from None
            part = bucket(article_key(gid), 5)
            for k, (span, label) in enumerate(zip(spans, labels, strict=True)):
                rows.append({"gid": gid, "text": text, "start": span[0], "end": span[1],
                             "label": label, "others": [s for j, s in enumerate(spans) if j != k],
                             "bucket": part})
    return pd.DataFrame(rows)
