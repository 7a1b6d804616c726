"""Readers and frozen validation protocols for the annotated stance corpora.

The corpora are for development and evaluation only and are never copied into the
package; what ships is what is learned from them.  Each corpus has a validation
protocol fixed *before* any setting was tuned:

SemEval-2016 Task 6 (tweets, five targets)
    ``train.tsv`` for fitting and for cross-validated tuning; ``val.tsv`` is the
    held-out split whose F_avg is reported.  (The official test split is scored
    elsewhere.)
GWSD (Luo, Card & Jurafsky 2020; news sentences on global warming)
    a fixed part held out: the sentences whose ``id`` falls in bucket 0 of
    :func:`bucket` with 5 buckets (a SHA-1 hash, so the split does not depend on
    row order or on a random generator) -- 396 of 1,850 sentences, as ``id`` groups
    sentences into 50 batches.  Tuning uses the other 1,454 only.

GWSD's target, the proposition that climate change is a serious concern, is the same
as SemEval's *Climate Change is a Real Concern*, so both get that target name
(:data:`CLIMATE`) and differ only in their ``domain`` column (``tweets`` or
``news``).

Examples
--------
>>> bucket("t0", 5), bucket("t0", 5) == bucket("t0", 5)
(3, True)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["CLIMATE", "LABELS", "SEMEVAL_TARGETS", "bucket", "gwsd_split", "load_gwsd", "load_semeval",
           "soft_labels"]

#: Stance labels, in the order of the classifier's classes and of soft labels.
LABELS = ("against", "favor", "none")
#: The SemEval-2016 climate target; GWSD sentences are given this target name.
CLIMATE = "Climate Change is a Real Concern"
#: The five SemEval-2016 Task 6 targets (the targets the shipped model knows).
SEMEVAL_TARGETS = ("Atheism", CLIMATE, "Feminist Movement", "Hillary Clinton",
                   "Legalization of Abortion")


def bucket(key: str, n: int) -> int:
    """A stable bucket in ``range(n)`` for ``key`` (first 8 bytes of its SHA-1).

    Examples
    --------
    >>> sorted({bucket(str(i), 5) for i in range(50)})
    [0, 1, 2, 3, 4]
    """
    digest = hashlib.sha1(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n


def _read_tsv(path: Path, columns: set[str], hint: str) -> pd.DataFrame:
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found; {hint}")
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    missing = sorted(columns - set(frame.columns))
    if missing:
        raise ValueError(f"{path} lacks the columns {missing}; found {list(frame.columns)}")
    return frame


def load_semeval(folder: str | Path, split: str = "train") -> pd.DataFrame:
    """SemEval-2016 stance tweets: columns ``text``, ``target``, ``stance``, ``domain``.

    ``folder`` holds ``train.tsv`` and ``val.tsv`` (columns text, target, stance);
    ``split`` is ``train`` or ``val``.
    """
    if split not in ("train", "val"):
        raise ValueError(f"split must be 'train' or 'val'; got {split!r}")
    frame = _read_tsv(Path(folder) / f"{split}.tsv", {"text", "target", "stance"},
                      "pass the folder of the SemEval-2016 stance data (train.tsv, val.tsv)")
    return frame[["text", "target", "stance"]].assign(domain="tweets")


def load_gwsd(folder: str | Path) -> pd.DataFrame:
    """GWSD news sentences: ``id``, ``text``, ``target`` (:data:`CLIMATE`), ``stance``,
    ``domain`` (``news``), ``held_out`` (the frozen 20 %, see :func:`gwsd_split`),
    ``confidence`` (the authors' label-model posterior of the given label) and the
    three posteriors ``p_against``, ``p_favor``, ``p_none`` (:func:`soft_labels`).

    GWSD's ``id`` is not a sentence id: it takes 50 values (t0-t49) shared by 7-49
    sentences each, so the held-out part is 10 whole ``id`` groups (396 sentences).
    """
    frame = _read_tsv(Path(folder) / "train.tsv", {"id", "text", "stance"},
                      "pass the folder of GWSD (train.tsv with id, text, stance)")
    out = frame[["id", "text", "stance"]].assign(
        target=CLIMATE, domain="news", held_out=gwsd_split(frame["id"]))
    posterior = {"favor": "p_agree", "against": "p_disagree", "none": "p_neutral"}
    if set(posterior.values()) <= set(frame.columns):
        probs = frame[list(posterior.values())].apply(pd.to_numeric, errors="coerce")
        bad = probs.isna().any(axis=1) | (probs < 0).any(axis=1) | (probs.sum(axis=1) <= 0)
        if bad.any():
            raise ValueError(f"{folder}/train.tsv: {int(bad.sum())} rows have posteriors "
                             f"(p_agree, p_neutral, p_disagree) that are not non-negative "
                             f"numbers with a positive sum, e.g. row {int(bad.idxmax()) + 2}")
        out["confidence"] = [probs.at[i, posterior.get(s, "p_neutral")]
                             for i, s in zip(frame.index, frame["stance"], strict=True)]
        for label, column in posterior.items():
            out[f"p_{label}"] = probs[column].to_numpy()
    return out


def soft_labels(frame: pd.DataFrame) -> np.ndarray:
    """Soft labels for :meth:`StanceClassifier.fit` (``label_proba``): GWSD's label-model
    posteriors (``p_against``, ``p_favor``, ``p_none``) where a row has them, else its
    ``stance`` as a certain label.

    Examples
    --------
    >>> soft_labels(pd.DataFrame({"stance": ["favor", "none"],
    ...                           "p_against": [None, 0.1], "p_favor": [None, 0.2],
    ...                           "p_none": [None, 0.7]})).tolist()
    [[0.0, 1.0, 0.0], [0.1, 0.2, 0.7]]
    """
    columns = [f"p_{label}" for label in LABELS]
    hard = np.array([[float(s == label) for label in LABELS] for s in frame["stance"]])
    if not set(columns) <= set(frame.columns):
        return hard
    probs = frame[columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    known = ~np.isnan(probs).any(axis=1)
    return np.where(known[:, None], probs, hard)


def gwsd_split(ids) -> list[bool]:
    """``True`` for the GWSD sentences held out for evaluation (bucket 0 of 5 by id).

    Examples
    --------
    >>> gwsd_split(["t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"])
    [False, True, False, True, False, False, False, False]
    """
    return [bucket(str(i), 5) == 0 for i in ids]
