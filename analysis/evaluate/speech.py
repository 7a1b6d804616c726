"""Scoring quote extraction on gold sets annotated for speech (quotations and reported speech).

A *speech* set answers the researcher's question "who is quoted, saying what": every
quotation-mark span and every piece of indirect *speech* (verbs of communication,
``according to``), but no beliefs or intentions (``he thinks``, ``she wants to``),
which PolNeAR's broader attribution scheme also counts (:mod:`analysis.evaluate`).

Format (the project's BBC development set uses it): a folder with ``texts/NAME.txt``
(UTF-8; offsets are Python string indices) and ``gold/NAME.json``, a list of records
with ``kind`` (``direct``, ``partial``, ``other`` — quotation marks around words
nobody is quoted as saying — or ``indirect``), ``start``, ``end``, ``speaker`` (the
canonical name, a short description when never named, or null), ``speaker_start``
and ``speaker_end`` (the attributing mention, null for an unattributed
continuation) and ``cue``.

Protocol (the set's own):

1. **Quoted spans** — predicted ``direct`` + ``partial`` against gold ``direct`` +
   ``partial``, one-to-one at **intersection over union >= 0.5**
   (:func:`analysis.evaluate.matching.iou`).  An unmatched prediction without a
   speaker that overlaps an ``other`` record at that threshold counts neither way.
2. **Indirect spans** — predicted ``indirect`` against gold ``indirect`` at IoU >= 0.5.
3. **Speaker** on matched units, two ways: ``speaker_accuracy``, the predicted mention
   shares a character with the gold mention (units with a mention); and
   ``canonical_agreement`` (the set's headline speaker figure), the predicted
   canonical speaker names the gold one (:func:`same_speaker`), for every matched
   unit.

Outcomes, breakdowns (by kind, rule, cue class, source type) and the error listing are
those of :class:`~analysis.evaluate.attributions.PolnearReport`.

Examples
--------
>>> import json, tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "texts").mkdir(); (root / "gold").mkdir()
>>> text = '"We will win," said Ana Ruiz. She said the vote was close.'
>>> _ = (root / "texts" / "a.txt").write_text(text, encoding="utf-8")
>>> gold = [{"kind": "direct", "start": 0, "end": 14, "speaker": "Ana Ruiz",
...          "speaker_start": 20, "speaker_end": 28, "cue": "said"},
...         {"kind": "indirect", "start": 39, "end": 57, "speaker": "Ana Ruiz",
...          "speaker_start": 30, "speaker_end": 33, "cue": "said"}]
>>> _ = (root / "gold" / "a.json").write_text(json.dumps(gold), encoding="utf-8")
>>> report = evaluate_speech(root)
>>> report.scores()[["group", "f1", "canonical_agreement"]].round(2).values.tolist()
[['quoted', 1.0, 1.0], ['indirect', 1.0, 1.0], ['indirect (speech cues)', 1.0, 1.0]]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis.evaluate.attributions import (
    Extractor,
    PolnearReport,
    Scoring,
    default_extractor,
    predict,
    report_of,
    score_units,
)
from analysis.evaluate.units import GoldUnit, cue_class

__all__ = ["SpeechDocument", "evaluate_speech", "read_speech_set", "same_speaker",
           "speech_units"]

#: Words ignored when comparing speaker names (titles, determiners, offices).
_STOP = frozenset(
    ["a", "an", "the", "of", "for", "to", "in", "on", "at", "by", "with", "and", "or", "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "his", "her", "their", "its", "former", "president", "minister", "foreign", "secretary", "senator", "sen", "rep", "gov", "governor", "chief"])
_WORDS = re.compile(r"[a-z0-9]+")
#: Word overlap (Jaccard) at which two descriptions name the same speaker.
DESCRIPTION_OVERLAP = 0.3


def _words(name: str | None) -> list[str]:
    return [w for w in _WORDS.findall((name or "").lower().replace("’", "'"))
            if w not in _STOP]


def same_speaker(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted canonical speaker names the gold speaker.

    A gold name (capitalised) agrees when its last word is among the predicted
    speaker's words; a gold description (``a spokesman for the firm``) when the two
    share at least :data:`DESCRIPTION_OVERLAP` of their words; no gold speaker agrees
    only with no prediction.  Titles and determiners are ignored.

    Examples
    --------
    >>> same_speaker("Patricia Hewitt", "Patricia Hewitt"), same_speaker("Ms Hewitt", "Patricia Hewitt")
    (True, True)
    >>> same_speaker("Gordon Brown", "Patricia Hewitt"), same_speaker(None, None)
    (False, True)
    >>> same_speaker("a spokesman", "a spokesman for the firm")
    True
    """
    if gold is None:
        return predicted is None
    g, p = _words(gold), set(_words(predicted))
    if not g or not p:
        return False
    if gold[:1].isupper():
        return g[-1] in p
    return len(set(g) & p) / len(set(g) | p) >= DESCRIPTION_OVERLAP


@dataclass(frozen=True)
class SpeechDocument:
    """One document of a speech set: its name, text and gold records."""

    name: str
    text: str
    records: tuple[Mapping[str, Any], ...]


def read_speech_set(folder: str | Path) -> list[SpeechDocument]:
    """The documents of a speech set (``texts/`` + ``gold/``), sorted by name.

    Raises
    ------
    ValueError
        When the folder lacks ``gold/*.json``, a gold file has no text beside it, or a
        record's offsets fall outside its text (naming the file and the record).
    """
    folder = Path(folder)
    golds = sorted((folder / "gold").glob("*.json"))
    if not golds:
        raise ValueError(f"{folder}: no gold/*.json files; a speech set is a folder with "
                         f"texts/NAME.txt and gold/NAME.json")
    out = []
    for path in golds:
        text_path = folder / "texts" / f"{path.stem}.txt"
        if not text_path.is_file():
            raise ValueError(f"{path}: no text {text_path} beside it")
        text = text_path.read_text(encoding="utf-8")
        records = json.loads(path.read_text(encoding="utf-8"))
        for n, r in enumerate(records):
            if not (0 <= r["start"] <= r["end"] <= len(text)):
                raise ValueError(f"{path}: record {n} has offsets {r['start']}..{r['end']} "
                                 f"outside its text (length {len(text)})")
        out.append(SpeechDocument(path.stem, text, tuple(records)))
    return out


def _source_type(mention: str | None) -> str:
    if not mention:
        return "none"
    words = mention.split()
    if len(words) == 1 and words[0].lower() in {"he", "she", "they", "it", "we", "i"}:
        return "pronoun"
    return "name" if any(w[:1].isupper() for w in words if w.lower() != "the") else \
        "description"


def speech_units(doc: SpeechDocument) -> tuple[list[GoldUnit], list[tuple[int, int]]]:
    """The gold units of a document (``other`` records apart: returned second).

    Examples
    --------
    >>> doc = SpeechDocument("a", '"Hi," he said.', ({"kind": "direct", "start": 0, "end": 5,
    ...     "speaker": "Ana Ruiz", "speaker_start": 6, "speaker_end": 8, "cue": "said"},))
    >>> units, other = speech_units(doc)
    >>> units[0].group, units[0].source_type, units[0].source_key, other
    ('quoted', 'pronoun', 'Ana Ruiz', [])
    """
    units, other = [], []
    for r in doc.records:
        if r["kind"] == "other":
            other.append((r["start"], r["end"]))
            continue
        s0, s1 = r.get("speaker_start"), r.get("speaker_end")
        source = ((s0, s1),) if isinstance(s0, int) and isinstance(s1, int) else ()
        mention = doc.text[s0:s1] if source else None
        cue = r.get("cue") or ""
        units.append(GoldUnit(
            doc_id=doc.name, group="indirect" if r["kind"] == "indirect" else "quoted",
            kind=r["kind"], pieces=((r["start"], r["end"]),),
            text=doc.text[r["start"]:r["end"]], source=source, source_text=mention or "",
            source_type=_source_type(mention), source_key=r.get("speaker"), cue=cue,
            cue_class=cue_class(cue) if cue else "none", attribution=""))
    units.sort(key=lambda u: (u.start, u.end, u.group))
    return units, other


def _canonical(predicted: str | None, unit: GoldUnit) -> bool:
    return same_speaker(predicted, unit.source_key)


def evaluate_speech(source: str | Path | Iterable[SpeechDocument], *,
                    extractor: Extractor | None = None,
                    threshold: float = 0.5) -> PolnearReport:
    """Score a quote extractor on a speech set (see module docs).

    Parameters
    ----------
    source : path or iterable of SpeechDocument
        The set's folder (``texts/`` + ``gold/``) or its documents.
    extractor : callable, optional
        ``text -> quotes``; the default is :func:`analysis.quotes.extract_quotes`
        (the speech scheme).
    threshold : float
        Minimum intersection over union for a match, quoted and indirect alike.

    Returns
    -------
    PolnearReport
        With ``part`` ``"speech"``: ``scores()``, ``by(...)``, ``errors()``.
    """
    extractor = extractor or default_extractor("speech")
    docs = read_speech_set(source) if isinstance(source, str | Path) else list(source)
    rows: list[dict[str, Any]] = []
    failures: list[tuple[str, str]] = []
    for doc in docs:
        units, other = speech_units(doc)
        predictions = predict(extractor, doc.name, doc.text, failures)
        scoring = Scoring(doc.name, doc.text, doc.name.split("_")[0],
                          unattributed=tuple(other), quoted_threshold=threshold,
                          indirect_threshold=threshold, measure="iou", canonical=_canonical,
                          mixed=False)
        rows += score_units(scoring, units, predictions)
    return report_of(rows, len(docs), "speech", failures)
