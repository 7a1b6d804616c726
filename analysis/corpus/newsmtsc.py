"""Reading NewsMTSC and its frozen split: news sentences with sentiment toward people.

NewsMTSC (Hamborg & Donnay 2021) gives news sentences with the sentiment *toward*
each marked person: 2 negative, 4 neutral, 6 positive.  It is for development and
evaluation only and is never copied into the package; what ships is what is learned
from it.  Two models learn from it: sentiment toward a person
(:mod:`analysis.targeted`, from every target mention) and the news adjustments of the
``hybrid`` sentence scorer (:mod:`analysis.sentiment.fit`, from
:func:`sentence_polarity`).  Both use the one split defined here, so that neither is
ever fitted on the sentences the other is evaluated on.

Split, fixed before any tuning: every sentence gets the bucket (0-4) of a SHA-1 hash
of its *article* key -- the first three ``_``-separated fields of ``primary_gid``
(``allsides_1000_401``, ``polusa_v1_18421313``), so that sentences of one article
never sit on both sides of a split (:func:`article_bucket`, the same hash as
:func:`analysis.stance.data.bucket`).  Bucket 0 (about 20 %) is the held-out test
part, reported and never used for choosing anything.

Examples
--------
>>> article_key("allsides_1000_401_25_Reality Leigh Winner_0_6")
'allsides_1000_401'
>>> article_bucket("allsides_1000_401_25_Reality Leigh Winner_0_6") in range(5)
True
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

__all__ = ["HELD_OUT", "LABELS", "N_BUCKETS", "POLARITY", "article_bucket", "article_key",
           "read_newsmtsc", "sentence_polarity"]

#: Class labels in model order.
LABELS = ("negative", "neutral", "positive")
#: NewsMTSC polarity codes -> labels.
POLARITY = {2: "negative", 4: "neutral", 6: "positive"}
#: Number of buckets of the split, and the held-out test bucket.
N_BUCKETS, HELD_OUT = 5, 0


def article_key(gid: str) -> str:
    """The article part of a NewsMTSC ``primary_gid`` (its first three fields)."""
    return "_".join(gid.split("_")[:3])


def article_bucket(gid: str) -> int:
    """The bucket (0-4) of a sentence's article: first 8 bytes of the key's SHA-1, mod 5."""
    digest = hashlib.sha1(article_key(gid).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % N_BUCKETS


def read_newsmtsc(folder: str | Path) -> pd.DataFrame:
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
            part = article_bucket(gid)
            for k, (span, label) in enumerate(zip(spans, labels, strict=True)):
                rows.append({"gid": gid, "text": text, "start": span[0], "end": span[1],
                             "label": label, "others": [s for j, s in enumerate(spans) if j != k],
                             "bucket": part})
    return pd.DataFrame(rows)


def sentence_polarity(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence whose targets all carry the same label: ``gid``, ``text``,
    ``label``, ``polarity`` (-1, 0, 1) and ``bucket``.

    NewsMTSC labels the sentiment toward each person, not the sentence.  When every
    target of a sentence is presented the same way, that label is taken as the
    sentence's polarity (7,357 of 7,758 sentences); sentences whose targets disagree
    (``Obama praised X and attacked Y``) have no sentence label and are left out.  It
    stays an approximation: a sentence neutral toward its one target can still sound
    negative (``"I think they made a mistake," he said.``).

    Examples
    --------
    >>> mentions = pd.DataFrame({"gid": ["a_1_1_0", "a_1_1_0", "b_2_2_0"],
    ...                          "text": ["X hit Y.", "X hit Y.", "Z won."],
    ...                          "label": ["negative", "positive", "positive"],
    ...                          "bucket": [3, 3, 1]})
    >>> sentence_polarity(mentions)[["gid", "label", "polarity", "bucket"]].values.tolist()
    [['b_2_2_0', 'positive', 1, 1]]
    """
    grouped = mentions.groupby("gid", sort=False).agg(
        text=("text", "first"), label=("label", "first"), n_labels=("label", "nunique"),
        bucket=("bucket", "first"))
    agree = grouped[grouped.n_labels == 1].drop(columns="n_labels").reset_index()
    agree.insert(3, "polarity", agree.label.map({"negative": -1, "neutral": 0, "positive": 1}))
    return agree
