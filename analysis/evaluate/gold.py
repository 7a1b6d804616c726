"""Quote extraction against gold JSON annotations (the seed and the passage sets).

Gold files are JSON: ``{"doc_id": ..., "quotes": [{"start", "end", "kind",
"speaker", "text"}, ...]}`` beside the article (``<doc>.gold.json`` next to
``<doc>.txt``), or a development set (a JSON list of such objects, each with its
``text``).

Matching: a predicted and a gold quote match when their character overlap divided
by the longer of the two spans is at least ``threshold`` (default 0.5); each quote
matches at most once, best overlap first.  Scores are given separately for quoted
speech (``direct`` + ``partial``), for ``indirect`` speech, and for all: precision,
recall, F1 of spans, and *speaker accuracy* — the share of matched quotes whose
speaker equals the gold speaker (ignoring case, spacing and a leading *the*).

Examples
--------
>>> gold = [{"start": 0, "end": 10, "kind": "direct", "speaker": "A"}]
>>> pred = [{"start": 0, "end": 9, "kind": "direct", "speaker": "a"}]
>>> s = score_quotes(pred, gold)
>>> s.loc[s.group == "quoted", ["precision", "recall", "f1", "speaker_accuracy"]].values.tolist()
[[1.0, 1.0, 1.0, 1.0]]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.evaluate.matching import match
from analysis.quotes import extract_quotes

__all__ = ["GROUPS", "Report", "evaluate_corpus", "evaluate_devset", "load_gold", "score_quotes"]

GROUPS = {"quoted": ("direct", "partial"), "indirect": ("indirect",),
          "all": ("direct", "partial", "indirect")}


@dataclass(frozen=True)
class Report:
    """Scores per group and the table of errors, for ``n_documents`` documents."""

    scores: pd.DataFrame
    errors: pd.DataFrame
    n_documents: int


def _as_dict(q: Any) -> dict[str, Any]:
    return q if isinstance(q, Mapping) else asdict(q)


def _same_speaker(a: str | None, b: str | None) -> bool:
    """Equal ignoring case, spacing, apostrophe form and a leading *the*."""
    def norm(s):
        words = s.casefold().replace("’", "'").split() if s else []
        return " ".join(words[1:] if words[:1] == ["the"] and len(words) > 1 else words)
    return norm(a) == norm(b)


def _score_group(pred, gold, kinds, threshold, doc_id, errors) -> dict[str, Any]:
    p = [q for q in pred if q["kind"] in kinds]
    g = [q for q in gold if q["kind"] in kinds]
    pairs = match(p, g, threshold=threshold)
    right = 0
    for i, j in pairs:
        if _same_speaker(p[i].get("speaker"), g[j].get("speaker")):
            right += 1
        elif errors is not None:
            errors.append({"doc_id": doc_id, "error": "wrong speaker", "kind": g[j]["kind"],
                           "text": g[j].get("text", ""), "gold_speaker": g[j].get("speaker"),
                           "predicted_speaker": p[i].get("speaker")})
    if errors is not None:
        matched_p = {i for i, _ in pairs}
        matched_g = {j for _, j in pairs}
        errors.extend({"doc_id": doc_id, "error": "missed", "kind": q["kind"],
                       "text": q.get("text", ""), "gold_speaker": q.get("speaker"),
                       "predicted_speaker": None}
                      for j, q in enumerate(g) if j not in matched_g)
        errors.extend({"doc_id": doc_id, "error": "spurious", "kind": q["kind"],
                       "text": q.get("text", ""), "gold_speaker": None,
                       "predicted_speaker": q.get("speaker")}
                      for i, q in enumerate(p) if i not in matched_p)
    return {"n_pred": len(p), "n_gold": len(g), "n_matched": len(pairs),
            "n_speaker_right": right}


def _finish(counts: dict[str, dict[str, int]]) -> pd.DataFrame:
    rows = []
    for group, c in counts.items():
        precision = c["n_matched"] / c["n_pred"] if c["n_pred"] else float("nan")
        recall = c["n_matched"] / c["n_gold"] if c["n_gold"] else float("nan")
        f1 = (2 * precision * recall / (precision + recall)
              if c["n_matched"] else (0.0 if c["n_gold"] or c["n_pred"] else float("nan")))
        rows.append({"group": group, "precision": precision, "recall": recall, "f1": f1,
                     "speaker_accuracy": c["n_speaker_right"] / c["n_matched"]
                     if c["n_matched"] else float("nan"), **c})
    return pd.DataFrame(rows)


def score_quotes(pred: Iterable[Any], gold: Iterable[Any], *, threshold: float = 0.5,
                 doc_id: str = "", errors: list[dict[str, Any]] | None = None) -> pd.DataFrame:
    """Precision, recall, F1 and speaker accuracy of one document's quotes."""
    pred = [_as_dict(q) for q in pred]
    gold = [_as_dict(q) for q in gold]
    counts = {name: _score_group(pred, gold, kinds, threshold, doc_id,
                                 errors if name != "all" else None)
              for name, kinds in GROUPS.items()}
    return _finish(counts)


def _accumulate(items: Iterable[tuple[str, list[Any], list[Any]]], threshold: float) -> Report:
    totals = {g: {"n_pred": 0, "n_gold": 0, "n_matched": 0, "n_speaker_right": 0}
              for g in GROUPS}
    errors: list[dict[str, Any]] = []
    n = 0
    for doc_id, pred, gold in items:
        n += 1
        frame = score_quotes(pred, gold, threshold=threshold, doc_id=doc_id, errors=errors)
        for row in frame.itertuples():
            for key in totals[row.group]:
                totals[row.group][key] += getattr(row, key)
    columns = ["doc_id", "error", "kind", "text", "gold_speaker", "predicted_speaker"]
    return Report(_finish(totals), pd.DataFrame(errors, columns=columns), n)


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold documents from a ``.gold.json`` file (one object) or a dev set (a list).

    Raises
    ------
    ValueError
        Naming the file and the record that is malformed.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: cannot read gold annotations ({err})") from None
    docs = data if isinstance(data, list) else [data]
    for n, doc in enumerate(docs):
        for k, q in enumerate(doc.get("quotes", [])):
            missing = {"start", "end", "kind"} - set(q)
            if missing:
                raise ValueError(f"{path}: document {n} quote {k} lacks {sorted(missing)}")
    return docs


def evaluate_corpus(folder: str | Path, *, threshold: float = 0.5) -> Report:
    """Score :func:`~analysis.quotes.extract_quotes` on every ``<doc>.gold.json`` in a folder.

    Examples
    --------
    >>> from analysis.paths import SEEDS
    >>> report = evaluate_corpus(SEEDS)
    >>> report.scores.set_index("group").loc["quoted", ["recall", "speaker_accuracy"]].tolist()
    [1.0, 1.0]
    """
    folder = Path(folder)

    def items():
        for gold_path in sorted(folder.rglob("*.gold.json")):
            text_path = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
            if not text_path.exists():
                continue
            text = text_path.read_text(encoding="utf-8-sig")
            gold = load_gold(gold_path)[0]
            yield gold.get("doc_id", text_path.stem), extract_quotes(text), gold["quotes"]

    return _accumulate(items(), threshold)


def evaluate_devset(path: str | Path, *, threshold: float = 0.5) -> Report:
    """Score extraction on a development set: a JSON list of ``{id, text, quotes}``.

    Examples
    --------
    >>> from analysis.paths import REPO
    >>> report = evaluate_devset(REPO / "tests" / "data" / "quotes_dev.json")
    >>> report.n_documents >= 40
    True
    """
    docs = load_gold(path)
    return _accumulate(((d.get("id", str(n)), extract_quotes(d["text"]), d["quotes"])
                        for n, d in enumerate(docs)), threshold)
