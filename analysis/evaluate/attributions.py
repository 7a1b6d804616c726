"""Scoring any quote extractor against gold attributions of real news (PolNeAR).

The protocol is described in :mod:`analysis.evaluate`; this module computes it.  Every
comparison of a prediction with a gold unit becomes one row of an *outcomes* table
(``match``, ``missed``, ``spurious`` or ``boundary``); every score is a count over
those rows, so each figure can be traced to the rows behind it.

Examples
--------
>>> from analysis.paths import REPO
>>> sample = REPO / "tests" / "data" / "polnear_sample"
>>> def extractor(text):  # a stand-in that finds one quote and its speaker
...     start = text.find("“The rota")
...     return [] if start < 0 else [{"start": start, "end": text.index("”", start) + 1,
...             "kind": "direct", "speaker": "Bea Okafor",
...             "speaker_start": text.index("Bea"), "speaker_end": text.index(" was blunt")}]
>>> report = evaluate_polnear(sample, extractor=extractor)
>>> report.scores()[["group", "precision", "recall", "speaker_accuracy", "n_gold"]].round(3)
                    group  precision  recall  speaker_accuracy  n_gold
0                  quoted        1.0   0.333               1.0       3
1                indirect        NaN   0.000               NaN       3
2  indirect (speech cues)        NaN   0.000               NaN       2
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.corpus.polnear import PARTS, Article, read_polnear
from analysis.evaluate.matching import MEASURES, match
from analysis.evaluate.units import GoldUnit, canonical_agrees, gold_units

__all__ = ["KINDS", "OUTCOME_COLUMNS", "Extractor", "PolnearReport", "Scoring",
           "annotator_agreement", "default_extractor", "evaluate_polnear", "predict", "report_of",
           "score_article", "score_units"]

#: Predicted kinds and the group each is scored in.
KINDS = {"direct": "quoted", "partial": "quoted", "indirect": "indirect"}
#: Columns of :attr:`PolnearReport.outcomes`, one row per match, miss, false alarm or
#: boundary error.
OUTCOME_COLUMNS = [
    "doc_id", "publisher", "group", "outcome", "overlap", "gold_kind", "pred_kind", "rule",
    "cue_class", "source_type", "speaker_ok", "canonical_ok", "gold_start", "gold_end",
    "gold_text", "gold_source", "gold_cue", "pred_start", "pred_end", "pred_text",
    "pred_mention", "pred_speaker", "pred_cue_class", "pred_p_quote", "pred_p_speaker"]
_BY = ("kind", "rule", "publisher", "cue_class", "source_type")
_ERROR_NAMES = {"missed": "missed", "spurious": "spurious", "boundary": "boundary"}

Extractor = Callable[[str], Iterable[Any]]


def default_extractor(attributions: str = "all") -> Extractor:
    """The package's quote engine, :func:`analysis.quotes.extract_quotes`, reporting
    ``attributions`` (``all`` for PolNeAR's scheme, ``speech`` for speech sets)."""
    from functools import partial

    from analysis.quotes import extract_quotes

    return partial(extract_quotes, attributions=attributions)


def _prediction(q: Any, text: str, where: str) -> dict[str, Any]:
    def get(key: str) -> Any:
        return q.get(key) if isinstance(q, Mapping) else getattr(q, key, None)

    start, end, kind = get("start"), get("end"), get("kind")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise ValueError(f"{where}: a predicted quote needs integer start <= end within the "
                         f"text (length {len(text)}); got start={start!r}, end={end!r}")
    if kind not in KINDS:
        raise ValueError(f"{where}: predicted kind {kind!r} is not one of {sorted(KINDS)}")
    s0, s1 = get("speaker_start"), get("speaker_end")
    has_mention = isinstance(s0, int) and isinstance(s1, int) and 0 <= s0 < s1 <= len(text)
    return {"start": start, "end": end, "kind": kind, "pieces": get("pieces"),
            "speaker": get("speaker") or None, "cue_class": get("cue_class"),
            "p_quote": get("p_quote"), "p_speaker": get("p_speaker"),
            "speaker_start": s0 if has_mention else None,
            "speaker_end": s1 if has_mention else None, "rule": get("rule") or "unknown",
            "text": text[start:end], "mention": text[s0:s1] if has_mention else None}


def _speaker_ok(pred: dict[str, Any], unit: GoldUnit) -> bool | None:
    if not unit.source:
        return None
    if pred["speaker_start"] is None:
        return False
    return any(pred["speaker_start"] < b and a < pred["speaker_end"] for a, b in unit.source)


@dataclass(frozen=True)
class Scoring:
    """What scoring one document needs besides its units and predictions: its id and
    text, a publisher for breakdowns, stretches to ignore (``discarded``) and
    quotations nobody is quoted in (``unattributed``), the thresholds, the overlap
    ``measure`` (:data:`analysis.evaluate.matching.MEASURES`) and, optionally, how a
    predicted canonical speaker is compared with a unit (default: its ``source_key``
    word, :func:`~analysis.evaluate.units.canonical_agrees`); ``mixed``: an unmatched
    indirect prediction sharing characters with a quoted unit is a mixed quotation
    reported with its frame and counts neither way (PolNeAR scores the quotation)."""

    doc_id: str
    text: str
    publisher: str = ""
    discarded: tuple[tuple[int, int], ...] = ()
    unattributed: tuple[tuple[int, int], ...] = ()
    quoted_threshold: float = 0.5
    indirect_threshold: float = 0.3
    measure: str = "longer"
    canonical: Callable[[str | None, GoldUnit], bool | None] | None = None
    mixed: bool = True


def _row(doc: Scoring, group: str, outcome: str, pred: dict[str, Any] | None,
         unit: GoldUnit | None) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(OUTCOME_COLUMNS)
    row.update(doc_id=doc.doc_id, publisher=doc.publisher, group=group, outcome=outcome)
    if unit is not None:
        row.update(gold_kind=unit.kind, cue_class=unit.cue_class, source_type=unit.source_type,
                   gold_start=unit.start, gold_end=unit.end, gold_text=unit.text,
                   gold_source=unit.source_text, gold_cue=unit.cue)
    if pred is not None:
        row.update(pred_kind=pred["kind"], rule=pred["rule"], pred_start=pred["start"],
                   pred_end=pred["end"], pred_text=pred["text"], pred_mention=pred["mention"],
                   pred_speaker=pred["speaker"], pred_cue_class=pred["cue_class"],
                   pred_p_quote=pred["p_quote"], pred_p_speaker=pred["p_speaker"])
    if pred is not None and unit is not None:
        row["overlap"] = round(MEASURES[doc.measure](pred, unit), 3)
        if outcome == "match":
            row["speaker_ok"] = _speaker_ok(pred, unit)
            if doc.canonical is not None:
                row["canonical_ok"] = doc.canonical(pred["speaker"], unit)
            else:
                row["canonical_ok"] = (None if unit.source_key is None
                                       else canonical_agrees(pred["speaker"], unit.source_key))
    return row


def _overlap_chars(pred: dict[str, Any], unit: GoldUnit) -> bool:
    """The prediction shares characters with the unit."""
    return any(min(pred["end"], b) > max(pred["start"], a) for a, b in unit.pieces)


def _inside(pred: dict[str, Any], stretches: Iterable[tuple[int, int]]) -> bool:
    """Half or more of the prediction lies in the given stretches (excluded text)."""
    inside = sum(max(0, min(pred["end"], b) - max(pred["start"], a)) for a, b in stretches)
    return inside > 0 and inside >= 0.5 * (pred["end"] - pred["start"])


def score_article(article: Article, predictions: Iterable[Any], *,
                  quoted_threshold: float = 0.5,
                  indirect_threshold: float = 0.3) -> list[dict[str, Any]]:
    """Outcome rows of one article's predicted quotes against its gold units.

    Parameters
    ----------
    article : Article
        The article with its gold attributions.
    predictions : iterable
        Quote records or dicts with ``start``, ``end``, ``kind`` and optionally
        ``speaker``, ``speaker_start``, ``speaker_end``, ``rule``, ``pieces``.
    quoted_threshold, indirect_threshold : float
        Minimum overlap (shared characters over the longer span) for a match.

    Returns
    -------
    list of dict
        One row per match, miss, spurious prediction or boundary error, with the
        columns of :data:`OUTCOME_COLUMNS`.

    Raises
    ------
    ValueError
        For a prediction without valid offsets or with an unknown kind.

    Examples
    --------
    >>> from analysis.paths import REPO
    >>> from analysis.corpus.polnear import read_polnear
    >>> article = read_polnear(REPO / "tests" / "data" / "polnear_sample", part="fit")[0]
    >>> rows = score_article(article, [{"start": 36, "end": 60, "kind": "direct"}])
    >>> [(r["group"], r["outcome"]) for r in rows][:3]
    [('quoted', 'boundary'), ('quoted', 'missed'), ('quoted', 'missed')]
    """
    doc = Scoring(article.id, article.text, article.meta.get("publisher", ""),
                   tuple((d.start, d.end) for d in article.discarded),
                   quoted_threshold=quoted_threshold, indirect_threshold=indirect_threshold)
    return score_units(doc, gold_units(article), predictions)


def score_units(doc: Scoring, units: list[GoldUnit],
                predictions: Iterable[Any]) -> list[dict[str, Any]]:
    """Outcome rows of one document's predictions against gold units (see
    :func:`score_article`; :mod:`analysis.evaluate.speech` scores its sets with it).

    Predictions mostly inside ``doc.discarded`` are ignored; an unmatched quoted
    prediction with no speaker that overlaps one of ``doc.unattributed`` (quotation
    marks around words nobody says: a title, a scare quote) at the quoted threshold
    counts neither for nor against (outcome ``unattributed``).
    """
    text = doc.text
    preds = [_prediction(q, text, f"{doc.doc_id}: prediction {n}")
             for n, q in enumerate(predictions)]
    preds = [p for p in preds if not _inside(p, doc.discarded)]
    overlap_of = MEASURES[doc.measure]
    rows: list[dict[str, Any]] = []
    for group, threshold in (("quoted", doc.quoted_threshold),
                             ("indirect", doc.indirect_threshold)):
        ps = sorted((p for p in preds if KINDS[p["kind"]] == group),
                    key=lambda p: (p["start"], p["end"]))
        gs = [u for u in units if u.group == group]
        pairs = match(ps, gs, threshold=threshold, measure=doc.measure)
        rows += [_row(doc, group, "match", ps[i], gs[j]) for i, j in pairs]
        # unmatched predictions and units that still overlap: one boundary error each
        left_p = [p for i, p in enumerate(ps) if i not in {a for a, _ in pairs}]
        left_g = [u for j, u in enumerate(gs) if j not in {b for _, b in pairs}]
        near = match(left_p, left_g, threshold=1e-9, measure=doc.measure)
        rows += [_row(doc, group, "boundary", left_p[i], left_g[j]) for i, j in near]
        rows += [_row(doc, group, "missed", None, u)
                 for j, u in enumerate(left_g) if j not in {b for _, b in near}]
        for i, p in enumerate(left_p):
            if i in {a for a, _ in near}:
                continue
            if group == "indirect" and doc.mixed and any(_overlap_chars(p, u) for u in units
                                           if u.group == "quoted"):
                rows.append(_row(doc, "mixed", "mixed", p, None))
            elif group == "quoted" and p["speaker"] is None and any(
                    overlap_of(p, {"start": a, "end": b}) >= threshold
                    for a, b in doc.unattributed):
                rows.append(_row(doc, "unattributed", "unattributed", p, None))
            else:
                rows.append(_row(doc, group, "spurious", p, None))
    rows.sort(key=lambda r: (r["group"] != "quoted", min(
        x for x in (r["gold_start"], r["pred_start"]) if x is not None)))
    return rows


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")


def _metrics(rows: pd.DataFrame, pred_in: pd.Series, gold_in: pd.Series, *,
             speakers_of: str = "pred") -> dict[str, Any]:
    """P/R/F1 over the rows in scope; speaker figures over matches in the pred (or gold) scope."""
    matched = rows.outcome.eq("match")
    n_pred, n_gold = int(pred_in.sum()), int(gold_in.sum())
    tp_pred, tp_gold = int((matched & pred_in).sum()), int((matched & gold_in).sum())
    precision, recall = _ratio(tp_pred, n_pred), _ratio(tp_gold, n_gold)
    if n_pred and n_gold:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    else:
        f1 = float("nan")
    scope = matched & (pred_in if speakers_of == "pred" else gold_in)
    speaker = rows.speaker_ok[scope].dropna()
    canonical = rows.canonical_ok[scope].dropna()
    return {"precision": precision, "recall": recall, "f1": f1,
            "speaker_accuracy": _ratio(int(speaker.sum()), len(speaker)),
            "canonical_agreement": _ratio(int(canonical.sum()), len(canonical)),
            "n_pred": n_pred, "n_pred_matched": tp_pred, "n_gold": n_gold,
            "n_gold_matched": tp_gold, "n_speaker": len(speaker),
            "n_canonical": len(canonical)}


@dataclass(frozen=True)
class PolnearReport:
    """Outcomes of an evaluation and the tables computed from them.

    ``outcomes`` has one row per match, miss, spurious prediction and boundary error
    (columns :data:`OUTCOME_COLUMNS`); ``failures`` lists ``(doc_id, message)`` for
    articles the extractor failed on (scored with no predictions) or that have no
    annotation file (not scored).
    """

    outcomes: pd.DataFrame
    n_documents: int
    part: str
    failures: tuple[tuple[str, str], ...] = ()

    def scores(self) -> pd.DataFrame:
        """Precision, recall, F1, speaker accuracy and canonical agreement per group.

        Groups: ``quoted`` (direct + partial against quoted segments), ``indirect``
        (against contents without quotation marks) and ``indirect (speech cues)`` (the
        indirect contents whose cue is a speech verb or phrase; predictions matched to
        other contents are left out of it, unmatched ones count as false alarms).
        """
        o = self.outcomes
        has_pred, has_gold = o.pred_start.notna(), o.gold_start.notna()
        rows = []
        for group in ("quoted", "indirect"):
            g = o.group.eq(group)
            rows.append({"group": group, **_metrics(o, g & has_pred, g & has_gold)})
        g = o.group.eq("indirect")
        speech = o.cue_class.eq("speech")
        other_match = o.outcome.eq("match") & ~speech
        rows.append({"group": "indirect (speech cues)",
                     **_metrics(o, g & has_pred & ~other_match, g & has_gold & speech)})
        return pd.DataFrame(rows)

    def by(self, what: str) -> pd.DataFrame:
        """Scores per ``kind``, ``rule``, ``publisher``, ``cue_class`` or ``source_type``.

        ``kind``: precision over predictions of that kind, recall over gold units of that
        kind (a gold quoted segment is ``direct`` when its content is all quotation,
        else ``partial``).  ``rule``: precision and speaker figures of the quotes each
        rule or model produced (``unknown`` when a quote does not say).  ``cue_class``
        and ``source_type``: recall and speaker figures over gold units of that class.
        ``publisher``: every figure within each publisher's articles.  Speaker figures
        are over the matches of the row's predictions (of its gold units for
        ``cue_class`` and ``source_type``).
        """
        if what not in _BY:
            raise ValueError(f"cannot break scores down by {what!r}; choose one of {list(_BY)}")
        o = self.outcomes
        has_pred, has_gold = o.pred_start.notna(), o.gold_start.notna()
        none = pd.Series(False, index=o.index)
        rows = []
        for group in ("quoted", "indirect"):
            g = o.group.eq(group)
            if what == "kind":
                values = sorted(set(o.pred_kind[g].dropna()) | set(o.gold_kind[g].dropna()))
                masks = [(v, g & has_pred & o.pred_kind.eq(v), g & has_gold & o.gold_kind.eq(v))
                         for v in values]
            elif what == "rule":
                masks = [(v, g & has_pred & o.rule.eq(v), none)
                         for v in sorted(set(o.rule[g].dropna()))]
            elif what == "publisher":
                masks = [(v, g & has_pred & o.publisher.eq(v), g & has_gold & o.publisher.eq(v))
                         for v in sorted(set(o.publisher[g]))]
            else:
                masks = [(v, none, g & has_gold & o[what].eq(v))
                         for v in sorted(set(o[what][g].dropna()))]
            of = "gold" if what in ("cue_class", "source_type") else "pred"
            rows += [{"group": group, what: v, **_metrics(o, p, q, speakers_of=of)}
                     for v, p, q in masks]
        table = pd.DataFrame(rows)
        drop = {"rule": ["recall", "f1", "n_gold", "n_gold_matched"],
                "cue_class": ["precision", "f1", "n_pred", "n_pred_matched"],
                "source_type": ["precision", "f1", "n_pred", "n_pred_matched"]}.get(what, [])
        return table.drop(columns=drop)

    def errors(self, n: int | None = None) -> pd.DataFrame:
        """The error listing: misses, spurious quotes, boundary errors and speaker errors.

        ``boundary``: a prediction and a unit that overlap, but less than the threshold
        (counted as a miss and a false alarm); ``wrong speaker``: a match whose speaker
        mention misses the gold source; ``no speaker``: a match without speaker mention.

        Columns: doc, error, group, kind (gold kind, else predicted), gold content, gold
        source, predicted text, predicted speaker mention and name, rule, overlap.  In
        document order; ``n`` rows at most, spread evenly over the listing when smaller.
        """
        o = self.outcomes
        wrong = o.outcome.eq("match") & o.speaker_ok.eq(False)
        bad = o[(o.outcome.ne("match") & o.outcome.ne("mixed")) | wrong].copy()
        speaker_error = bad.pred_mention.isna().map({True: "no speaker", False: "wrong speaker"})
        bad["error"] = bad.outcome.map(_ERROR_NAMES).fillna(speaker_error)
        bad["kind"] = bad.gold_kind.fillna(bad.pred_kind)
        table = bad.rename(columns={"doc_id": "doc", "gold_text": "gold_content",
                                    "pred_text": "predicted", "pred_mention": "predicted_mention",
                                    "pred_speaker": "predicted_speaker"})
        table = table[["doc", "error", "group", "kind", "gold_content", "gold_source",
                       "gold_cue", "predicted", "predicted_mention", "predicted_speaker",
                       "rule", "overlap"]].reset_index(drop=True)
        if n is not None and n <= 0:
            return table.iloc[:0]
        if n is not None and len(table) > n:
            step = len(table) / n
            table = table.iloc[[int(k * step) for k in range(n)]].reset_index(drop=True)
        return table

    def error_counts(self) -> pd.DataFrame:
        """Number of errors per group, error type and kind, most frequent first."""
        table = self.errors()
        counts = table.groupby(["group", "error", "kind"]).size().rename("n").reset_index()
        return counts.sort_values(["n", "group", "error", "kind"],
                                  ascending=[False, True, True, True]).reset_index(drop=True)


def predict(extractor: Extractor, doc_id: str, text: str,
            failures: list[tuple[str, str]]) -> list[Any]:
    """The extractor's quotes of one document; when it fails, none, and the failure is
    recorded (one document must not stop an evaluation)."""
    try:
        return list(extractor(text))
    except Exception as err:
        failures.append((doc_id, f"extractor failed ({type(err).__name__}: {err}); scored "
                                 f"with no predictions"))
        return []


def report_of(rows: list[dict[str, Any]], n: int, part: str,
              failures: list[tuple[str, str]]) -> PolnearReport:
    """The report of outcome rows (:func:`score_units`) over ``n`` documents."""
    outcomes = pd.DataFrame(rows, columns=OUTCOME_COLUMNS)
    for column in ("speaker_ok", "canonical_ok"):
        outcomes[column] = outcomes[column].astype("boolean")
    for column in ("gold_start", "gold_end", "pred_start", "pred_end"):
        outcomes[column] = outcomes[column].astype("Int64")
    return PolnearReport(outcomes, n, part, tuple(failures))


def _articles(source: str | Path | Iterable[Article], part: str) -> list[Article]:
    if part not in PARTS:
        raise ValueError(f"part must be one of {list(PARTS)}; got {part!r}")
    if isinstance(source, str | Path):
        return read_polnear(source, part=part)
    return [a for a in source if part == "all" or a.part == part]


def evaluate_polnear(source: str | Path | Iterable[Article], *,
                     extractor: Extractor | None = None, part: str = "validation",
                     quoted_threshold: float = 0.5,
                     indirect_threshold: float = 0.3) -> PolnearReport:
    """Score a quote extractor on the articles of a PolNeAR folder (or on given articles).

    Parameters
    ----------
    source : str, Path or iterable of Article
        A PolNeAR folder (read with :func:`~analysis.corpus.polnear.read_polnear`) or articles.
    extractor : callable, optional
        ``text -> quotes`` (records or dicts with ``start``, ``end``, ``kind``,
        ``speaker``, ``speaker_start``, ``speaker_end`` and optionally ``rule``); the
        default is :func:`analysis.quotes.extract_quotes` with ``attributions="all"``
        (PolNeAR's scheme).
    part : {"validation", "fit", "other", "all"}
        The articles to score; only ``validation`` figures are reported.
    quoted_threshold, indirect_threshold : float
        Minimum overlap for a match (0.5 and 0.3 of the longer span).

    Returns
    -------
    PolnearReport
        ``scores()``, ``by(...)``, ``errors()`` and the ``outcomes`` behind them.
    """
    extractor = extractor or default_extractor()
    rows: list[dict[str, Any]] = []
    failures: list[tuple[str, str]] = []
    n = 0
    for article in _articles(source, part):
        if article.annotator is None:
            failures.append((article.id, "no annotation file; not scored"))
            continue
        n += 1
        predictions = predict(extractor, article.id, article.text, failures)
        rows += score_article(article, predictions, quoted_threshold=quoted_threshold,
                              indirect_threshold=indirect_threshold)
    return report_of(rows, n, part, failures)


def _as_predictions(units: list[GoldUnit]) -> list[dict[str, Any]]:
    out = []
    for u in units:
        s0, s1 = (u.source[0][0], u.source[-1][1]) if u.source else (None, None)
        out.append({"start": u.start, "end": u.end, "pieces": u.pieces,
                    "kind": u.kind,
                    "speaker": u.source_key, "speaker_start": s0, "speaker_end": s1,
                    "rule": "annotator"})
    return out


def annotator_agreement(source: str | Path | Iterable[Article], *,
                        quoted_threshold: float = 0.5,
                        indirect_threshold: float = 0.3) -> PolnearReport:
    """Agreement between annotators of the same articles, scored like an extractor.

    For each article with several annotation files and each pair of its annotators,
    the second annotator's units are scored as predictions against the first's (F1 is
    symmetric; speaker figures use the second annotator's source mention and key).
    ``n_documents`` counts annotator pairs.

    Examples
    --------
    >>> from analysis.paths import REPO
    >>> report = annotator_agreement(REPO / "tests" / "data" / "polnear_sample")
    >>> report.n_documents, float(report.scores().set_index("group").loc["quoted", "f1"])
    (1, 1.0)
    """
    if isinstance(source, str | Path):
        source = read_polnear(source, annotators="all")
    by_id: dict[str, list[Article]] = {}
    for article in source:
        if article.annotator is not None:
            by_id.setdefault(article.id, []).append(article)
    rows: list[dict[str, Any]] = []
    pairs = 0
    for doc_id in sorted(by_id):
        for first, second in itertools.combinations(sorted(by_id[doc_id],
                                                           key=lambda a: a.annotator), 2):
            pairs += 1
            found = score_article(first, _as_predictions(gold_units(second)),
                                  quoted_threshold=quoted_threshold,
                                  indirect_threshold=indirect_threshold)
            for row in found:
                row["doc_id"] = f"{doc_id} ({first.annotator}/{second.annotator})"
            rows += found
    return report_of(rows, pairs, "agreement", [])
