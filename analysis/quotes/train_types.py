"""Learn the mention typer and the antecedent ranker from GUM, and measure them.

::

    python -m analysis.quotes.train_types /path/to/gum-train-entities [--out FILE]
        [--report FILE] [--polnear DIR] [--select]

reads the GUM documents with gold entities (:mod:`analysis.corpus.gum`), fits both models of
:mod:`analysis.quotes.mention_types` on the ``fit`` documents only, measures them on the
held-out documents (:func:`analysis.corpus.gum.heldout_ids`: per genre, a fifth of the
documents chosen by the SHA-1 of their id, fixed before any tuning), and writes
``data/quotes/typing.json.gz`` (JSON, gzip-compressed: weights, provenance, held-out
figures) and a report.  The figures are those of the weights as written (rounded to five
decimals and read back).
No text of the corpus is written: weights and counts only.

Labels (:func:`gum_label`), from GUM's entity types
    ``person`` -> ``person``, or ``group`` when the head word is plural (UD
    ``Number=Plur``: *officials*, *they*, *we*), a collective noun
    (``data/quotes/group_nouns.txt``) or coordinated (*Ana and Bo*);
    ``organization`` -> ``org``; ``place`` -> ``place``; ``object``, ``abstract``,
    ``event`` and ``substance`` with a proper-noun head (UPOS ``PROPN``) -> ``work`` (a
    named thing: a work, product, software, law, language or named event); everything
    else (``time``, ``animal``, ``plant``, and the common-noun things) -> ``other``.

What the typer learns from
    every gold mention of the fit documents, plus the mentions that the engine's finder
    (:func:`analysis.quotes.mentions.find_mentions`) finds there and that match a gold
    mention (same span, or nested with the same head, :func:`match_mentions`) with that
    mention's label, and those made only of adjectives in GUM (``Israeli``,
    ``Democratic``: capitalised modifiers, never mentions) as ``other``: the model sees
    the spans it will see at run time.

What the ranker learns from
    the engine's mentions outside quotations (what the resolver sees), the pronouns
    *he*, *she*, *they*, *it* among them that match a gold pronoun whose chain has an
    earlier mention, and each candidate in the window labelled 1 when it matches a gold
    mention of the same chain.  The candidates' type probabilities come from typers that
    did not see the document (:data:`FOLDS`-fold cross-fitting over the fit documents).

Settings (``C`` of both models, the typer's ``min_count``) were chosen by grouped
cross-validation inside the fit documents (``--select`` prints the grid); the
held-out documents are read only to report.
"""

from __future__ import annotations

import argparse
import bisect
import datetime
import gzip
import hashlib
import json
import platform
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from analysis.corpus.gum import GumDocument, GumMention, heldout_ids, read_gum_folder
from analysis.quotes import mention_types as qt
from analysis.quotes.document import QuoteDoc
from analysis.quotes.mentions import ORG, PERSON, Mention, find_mentions
from analysis.quotes.resolve import name_entities, resolve_mentions
from analysis.text import TextDoc, build

__all__ = ["FOLDS", "SOURCE_COMMIT", "engine_mentions", "gum_label", "main",
           "match_mentions"]

#: Folds of the cross-fitting (typer probabilities for the ranker's training pairs) and of
#: the settings' cross-validation.
FOLDS = 5
#: The GUM commit the shared folder was exported from (its README).
SOURCE_COMMIT = "afb41ee"
#: Settings chosen by cross-validation on the fit documents (``--select``).
TYPER_C = 1.0
TYPER_MIN_COUNT = 2
RANKER_C = 0.3
_WORK_TYPES = frozenset({"object", "abstract", "event", "substance"})
_GROUP_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves", "they", "them", "their",
                             "theirs", "themselves"})


# --------------------------------------------------------------------------- labels


def gum_label(doc: GumDocument, m: GumMention) -> str:
    """The type (:data:`analysis.quotes.mention_types.TYPES`) of a gold mention (see module docs).

    Examples
    --------
    >>> from analysis.corpus.gum import parse_gum
    >>> doc = parse_gum('''# newdoc id = GUM_news_x
    ... 1;Officials;official;NOUN;NNS;Number=Plur;2;nsubj;_;Entity=(1-person-new-s-c-1-sgl)
    ... 2;left;leave;VERB;VBD;_;0;root;_;_
    ... '''.replace(";", "\\t"))
    >>> gum_label(doc, doc.mentions[0])
    'group'
    """
    head = doc.words[m.head]
    if m.etype == "person":
        if "Number=Plur" in head.feats.split("|") or head.form.lower() in _GROUP_PRONOUNS \
                or head.lemma.lower() in qt.group_nouns():
            return "group"
        if any(doc.words[k].deprel == "conj" and doc.words[k].head == m.head
               for k in range(m.first, m.last)):
            return "group"
        return "person"
    if m.etype == "organization":
        return "org"
    if m.etype == "place":
        return "place"
    if m.etype in _WORK_TYPES and head.upos == "PROPN":
        return "work"
    return "other"


def is_name(doc: GumDocument, m: GumMention) -> bool:
    """A proper-name mention: its head word is a proper noun (UPOS ``PROPN``)."""
    return doc.words[m.head].upos == "PROPN"


# ------------------------------------------------------------- engine mentions, matching


def engine_mentions(model: TextDoc) -> tuple[list[Mention], list[Mention]]:
    """``(all, resolvable)``: the finder's mentions, and those the engine's resolver
    sees (outside quotations and datelines, :func:`quote_doc`)."""
    d = QuoteDoc(model)
    return list(d.all_mentions), list(d.mentions)


@dataclass(frozen=True, slots=True)
class _Gold:
    doc: GumDocument
    model: TextDoc
    labels: tuple[str, ...]
    head_index: dict[int, list[int]]  # gold head word start -> gold mention indices
    by_span: dict[tuple[int, int], int]
    word_starts: list[int]


def _gold(doc: GumDocument) -> _Gold:
    model = build(doc.text)
    labels = tuple(gum_label(doc, m) for m in doc.mentions)
    head_index: dict[int, list[int]] = {}
    by_span: dict[tuple[int, int], int] = {}
    for k, m in enumerate(doc.mentions):
        head_index.setdefault(doc.words[m.head].start, []).append(k)
        by_span.setdefault((m.start, m.end), k)
    return _Gold(doc, model, labels, head_index, by_span, [w.start for w in doc.words])


def match_mentions(g: _Gold, mentions: Sequence[Any]) -> list[tuple[int | None, str]]:
    """For each engine mention, the gold mention it matches and how: ``exact`` (same
    span), ``head`` (the spans nest, the gold mention's head word lies inside the
    mention and the mention's head token inside the gold mention; the closest in length
    wins), or ``(None, "")``."""
    info = qt.doc_info(g.model)
    out: list[tuple[int | None, str]] = []
    for m in mentions:
        k = g.by_span.get((m.start, m.end))
        if k is not None:
            out.append((k, "exact"))
            continue
        a, b = qt.token_span(g.model, info, m.start, m.end)
        head = g.model.tokens[qt.head_index(g.model, info, a, b)[0]]
        lo = bisect.bisect_left(g.word_starts, m.start)
        hi = bisect.bisect_left(g.word_starts, m.end)
        best, best_cost = None, None
        for w in range(lo, hi):  # gold heads inside the mention
            for k in g.head_index.get(g.word_starts[w], ()):
                gm = g.doc.mentions[k]
                nested = (gm.start <= m.start and m.end <= gm.end) or \
                    (m.start <= gm.start and gm.end <= m.end)
                if not nested or not gm.start <= head.start < gm.end:
                    continue
                cost = abs((gm.end - gm.start) - (m.end - m.start))
                if best_cost is None or cost < best_cost:
                    best, best_cost = k, cost
        out.append((best, "head" if best is not None else ""))
    return out


# --------------------------------------------------------------------------- typer data


def typer_examples(gold: Sequence[_Gold]) -> tuple[list[list[str]], list[str], list[int]]:
    """Features, labels and document numbers of the typer's training mentions: every gold
    mention, and every engine mention that matches one."""
    feats: list[list[str]] = []
    labels: list[str] = []
    groups: list[int] = []
    for n, g in enumerate(gold):
        gf = qt.mention_features(g.model, g.doc.mentions)
        feats += gf
        labels += g.labels
        groups += [n] * len(gf)
        found, _ = engine_mentions(g.model)
        extra: list[tuple[Mention, str]] = []
        for m, (k, _) in zip(found, match_mentions(g, found), strict=True):
            if k is None:
                if _adjective(g, m):
                    extra.append((m, "other"))  # "Israeli", "Democratic": no mention
            elif (m.start, m.end) != (g.doc.mentions[k].start, g.doc.mentions[k].end):
                extra.append((m, g.labels[k]))
        ef = qt.mention_features(g.model, [m for m, _ in extra])
        feats += ef
        labels += [label for _, label in extra]
        groups += [n] * len(ef)
    return feats, labels, groups


def _adjective(g: _Gold, m: Any) -> bool:
    """Every gold word of the span is an adjective (a demonym or a party's adjective
    capitalised: "Israeli", "Democratic"), which GUM never marks as a mention."""
    lo = bisect.bisect_left(g.word_starts, m.start)
    hi = bisect.bisect_left(g.word_starts, m.end)
    return hi > lo and all(g.doc.words[w].upos == "ADJ" for w in range(lo, hi))


def _folds(n_docs: int, folds: int = FOLDS) -> list[int]:
    """Fold of each document: by the SHA-1 of its position, fixed."""
    return [int(hashlib.sha1(str(i).encode()).hexdigest(), 16) % folds for i in range(n_docs)]


# ------------------------------------------------------------------------- ranker data


@dataclass
class _PronounCase:
    doc: int
    index: int               # pronoun index in the resolvable mentions
    form: str
    chain: int               # gold entity
    cands: list[int]
    feats: list[dict[str, float]]
    good: list[int]          # 1 if the candidate matches a gold mention of the chain


def pronoun_cases(gold: Sequence[_Gold], types_of: Callable[[int, _Gold, list[Mention]],
                  list[dict[str, float]]]) -> tuple[list[_PronounCase], dict[str, Any]]:
    """The eligible pronouns of each document (engine pronouns *he/she/they/it* matching a
    gold mention whose chain has an earlier mention) with their candidates."""
    cases = []
    counts: Counter[str] = Counter()
    for n, g in enumerate(gold):
        _, ms = engine_mentions(g.model)
        matches = match_mentions(g, ms)
        types = types_of(n, g, ms)
        for i, cands, feats in qt.candidate_pairs(g.model, ms, types):
            counts["pronouns"] += 1
            k, _ = matches[i]
            if k is None:
                counts["no gold mention"] += 1
                continue
            gm = g.doc.mentions[k]
            chain = g.doc.chains[gm.entity]
            if chain[0] == k or g.doc.mentions[chain[0]].start >= gm.start:
                counts["first of its chain"] += 1
                continue
            good = [int(matches[j][0] is not None and
                        g.doc.mentions[matches[j][0]].entity == gm.entity) for j in cands]
            counts["eligible"] += 1
            counts["antecedent in window"] += int(any(good))
            cases.append(_PronounCase(n, i, ms[i].text.lower(), gm.entity, cands, feats, good))
    return cases, dict(counts)


# --------------------------------------------------------------------------- scoring


def _prf(gold: Sequence[str], pred: Sequence[str], classes: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"n": len(gold),
                           "accuracy": _ratio(sum(a == b for a, b in zip(gold, pred,
                                                                         strict=True)),
                                              len(gold))}
    per = {}
    for c in classes:
        tp = sum(a == c and b == c for a, b in zip(gold, pred, strict=True))
        n_pred = sum(b == c for b in pred)
        n_gold = sum(a == c for a in gold)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        per[c] = {"precision": round(p, 3), "recall": round(r, 3),
                  "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "support": n_gold}
    out["per_class"] = per
    out["macro_f1"] = round(sum(v["f1"] for v in per.values()) / len(per), 3)
    out["confusion"] = {c: {d: sum(a == c and b == d for a, b in zip(gold, pred, strict=True))
                            for d in classes} for c in classes}
    return out


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


_COLLAPSE = {"person": PERSON, "org": ORG, "group": "other", "place": "other",
             "work": "other", "other": "other"}


def rule_type(feats: Sequence[str]) -> str:
    """A rule baseline over the same features: pronouns, titles, first names,
    organisation words and acronyms, role nouns, plurals, ``in``/``at`` before a
    capitalised word; ``other`` otherwise (the majority type)."""
    fs = set(feats)
    head = next((f[2:] for f in feats if f.startswith("h:")), "")
    if head in ("he", "she", "i", "me", "him", "her", "you", "his", "my", "your"):
        return "person"
    if head in _GROUP_PRONOUNS:
        return "group"
    if "orgword" in fs or "acronym" in fs or "role:o" in fs:
        return "org"
    if "title_in" in fs or "title_before" in fs or "tgender:m" in fs or "tgender:f" in fs \
            or any(f.startswith("fname") for f in fs) or "role:u" in fs or "role:m" in fs \
            or "role:f" in fs:
        return "person"
    if "role:p" in fs or "groupnoun" in fs:
        return "group"
    if "sh:Xx" in fs and ("p1:in" in fs or "p1:at" in fs or "p1:from" in fs or "e:in" in fs):
        return "place"
    return "other"


# --------------------------------------------------------------------------- training


def fit_typer(feats: Sequence[Sequence[str]], labels: Sequence[str], *, C: float = TYPER_C,
              min_count: int = TYPER_MIN_COUNT) -> qt.MentionTyper:
    return qt.MentionTyper(C=C, min_count=min_count).fit(feats, labels)


def _ranker_xy(cases: Sequence[_PronounCase]) -> tuple[list[dict[str, float]], list[int]]:
    x, y = [], []
    for c in cases:
        if any(c.good):  # a ranking lesson needs a right answer among the candidates
            x += c.feats
            y += c.good
    return x, y


def _choose(ranker: qt.AntecedentRanker, case: _PronounCase) -> int | None:
    """The position (in ``case.cands``) of the most probable candidate."""
    if not case.cands:
        return None
    probs = [ranker.probability(f) for f in case.feats]
    return max(range(len(probs)), key=lambda k: (probs[k], -k))


def select(gold: Sequence[_Gold]) -> dict[str, Any]:
    """Grouped cross-validation on the fit documents (folds by document): typer accuracy
    on the gold mentions for a grid of ``C`` x ``min_count`` x same-name weight, and
    ranker accuracy (antecedent in the gold chain) for a grid of ``C``."""
    feats, labels, groups = typer_examples(gold)
    fold_of = _folds(len(gold))
    out: dict[str, Any] = {"typer": {}, "ranker": {}}
    weights = (0.0, 0.5, 0.8)
    for C in (0.1, 0.3, 1.0, 3.0):
        for min_count in (1, 2):
            right = Counter()
            total = 0
            for f in range(FOLDS):
                tr = [i for i, g in enumerate(groups) if fold_of[g] != f]
                typer = fit_typer([feats[i] for i in tr], [labels[i] for i in tr], C=C,
                                  min_count=min_count)
                for n, g in enumerate(gold):
                    if fold_of[n] != f:
                        continue
                    total += len(g.labels)
                    for w in weights:
                        types = qt.mention_types(g.model, g.doc.mentions, typer=typer,
                                                 same_name_weight=w)
                        right[w] += sum(qt.best_type(t) == lab
                                        for t, lab in zip(types, g.labels, strict=True))
            for w in weights:
                key = f"C={C} min_count={min_count} same_name_weight={w}"
                out["typer"][key] = _ratio(right[w], total)
                print(f"typer {key}: {right[w] / total:.4f}", flush=True)
    cases = _crossfit_cases(gold, feats, labels, groups)
    for C in (0.1, 0.3, 1.0, 3.0):
        right_n = total = 0
        for f in range(FOLDS):
            tr = [c for c in cases if fold_of[c.doc] != f]
            te = [c for c in cases if fold_of[c.doc] == f]
            ranker = qt.AntecedentRanker(C=C).fit(*_ranker_xy(tr))
            for c in te:
                k = _choose(ranker, c)
                right_n += int(k is not None and bool(c.good[k]))
                total += 1
        out["ranker"][f"C={C}"] = _ratio(right_n, total)
        print(f"ranker C={C}: {right_n / total:.4f}", flush=True)
    return out


def _gold_only_mask(gold: Sequence[_Gold], groups: Sequence[int]) -> list[bool]:
    """True for the examples that are gold mentions (the first ones of each document)."""
    out, seen = [], Counter()
    for g in groups:
        out.append(seen[g] < len(gold[g].doc.mentions))
        seen[g] += 1
    return out


def _crossfit_cases(gold: Sequence[_Gold], feats, labels, groups) -> list[_PronounCase]:
    """Pronoun cases of the fit documents, with candidate types from typers fitted on the
    other folds."""
    fold_of = _folds(len(gold))
    typers = {}
    for f in range(FOLDS):
        tr = [i for i, g in enumerate(groups) if fold_of[g] != f]
        typers[f] = fit_typer([feats[i] for i in tr], [labels[i] for i in tr])

    def types_of(n: int, g: _Gold, ms: list[Mention]) -> list[dict[str, float]]:
        return qt.mention_types(g.model, ms, typer=typers[fold_of[n]])

    return pronoun_cases(gold, types_of)[0]


# ------------------------------------------------------------------------- evaluation


def evaluate_typer(typer: qt.MentionTyper, gold: Sequence[_Gold]) -> dict[str, Any]:
    """Held-out typing figures: gold mentions (all, names), the rule and majority
    baselines, the finder's recall, typing of the matched engine mentions, and the
    engine's current categories on them."""
    y, pred, rule, name_y, name_pred, name_rule = [], [], [], [], [], []
    for g in gold:
        feats = qt.mention_features(g.model, g.doc.mentions)
        p = [qt.best_type(t) for t in qt.mention_types(g.model, g.doc.mentions, typer=typer)]
        r = [rule_type(f) for f in feats]
        y += g.labels
        pred += p
        rule += r
        for k, m in enumerate(g.doc.mentions):
            if is_name(g.doc, m):
                name_y.append(g.labels[k])
                name_pred.append(p[k])
                name_rule.append(r[k])
    classes = list(qt.TYPES)
    majority = Counter(y).most_common(1)[0][0]
    out: dict[str, Any] = {
        "gold_mentions": _prf(y, pred, classes),
        "gold_names": _prf(name_y, name_pred, classes),
        "baseline_majority": {"type": majority,
                              "accuracy": _ratio(sum(a == majority for a in y), len(y)),
                              "accuracy_names": _ratio(sum(a == majority for a in name_y),
                                                       len(name_y))},
        "baseline_rules": {"accuracy": _prf(y, rule, classes)["accuracy"],
                           "accuracy_names": _prf(name_y, name_rule, classes)["accuracy"],
                           "macro_f1": _prf(y, rule, classes)["macro_f1"]},
    }
    out["engine"] = _evaluate_engine(typer, gold)
    return out


def _evaluate_engine(typer: qt.MentionTyper, gold: Sequence[_Gold]) -> dict[str, Any]:
    from analysis.quotes.resolve import speaker_category

    found_exact = found_head = total = 0
    by_label: Counter[str] = Counter()
    by_label_found: Counter[str] = Counter()
    y, pred, heur3, y_names, pred_names = [], [], [], [], []
    nonspeaker_names = nonspeaker_as_speaker = speaker_names = speaker_as_speaker = 0
    kinds: Counter[str] = Counter()
    for g in gold:
        d = QuoteDoc(g.model)
        resolved = resolve_mentions(d, set())
        found = list(d.all_mentions)
        matches = match_mentions(g, found)
        hit: dict[int, str] = {}
        for k, how in matches:
            if k is not None and (hit.get(k) != "exact"):
                hit[k] = how
        total += len(g.doc.mentions)
        for k, _m in enumerate(g.doc.mentions):
            by_label[g.labels[k]] += 1
            if k in hit:
                by_label_found[g.labels[k]] += 1
                found_exact += hit[k] == "exact"
                found_head += hit[k] == "head"
        types = qt.mention_types(g.model, found, typer=typer)
        outside = {m.start for m in d.mentions}
        for m, (k, _), t in zip(found, matches, types, strict=True):
            if k is None:
                kinds[f"{m.kind}: no gold match"] += 1
                continue
            kinds[f"{m.kind}: matched"] += 1
            label, best = g.labels[k], qt.best_type(t)
            y.append(label)
            pred.append(best)
            if m.start in outside:  # the resolver's categories exist for these
                heur3.append((_COLLAPSE[label], speaker_category(m, resolved), _COLLAPSE[best]))
            if m.kind == "name":
                y_names.append(label)
                pred_names.append(best)
                if label in qt.SPEAKER_TYPES:
                    speaker_names += 1
                    speaker_as_speaker += best in qt.SPEAKER_TYPES
                else:
                    nonspeaker_names += 1
                    nonspeaker_as_speaker += best in qt.SPEAKER_TYPES
    classes = list(qt.TYPES)
    speaker_labels = ("person", "org", "group")
    return {
        "finder_recall": {
            "all_gold": {"n": total, "exact": _ratio(found_exact, total),
                         "head": _ratio(found_head, total),
                         "exact_or_head": _ratio(found_exact + found_head, total)},
            "by_label": {lab: _ratio(by_label_found[lab], by_label[lab]) for lab in classes},
            "speaker_types": _ratio(sum(by_label_found[t] for t in speaker_labels),
                                    sum(by_label[t] for t in speaker_labels)),
        },
        "finder_mentions": dict(sorted(kinds.items())),
        "typing_on_matched": _prf(y, pred, classes),
        "typing_on_matched_names": _prf(y_names, pred_names, classes),
        "speaker_types_of_names": {
            "gold non-speaker names (place/work/other) typed as speaker":
                _ratio(nonspeaker_as_speaker, nonspeaker_names),
            "gold speaker names (person/org/group) typed as speaker":
                _ratio(speaker_as_speaker, speaker_names),
            "n_nonspeaker": nonspeaker_names, "n_speaker": speaker_names},
        "person_org_other": {
            "n": len(heur3),
            "current_heuristic": _ratio(sum(a == b for a, b, _ in heur3), len(heur3)),
            "typer": _ratio(sum(a == c for a, _, c in heur3), len(heur3)),
            "current_heuristic_per_class": _prf([a for a, _, _ in heur3],
                                                [b for _, b, _ in heur3],
                                                [PERSON, ORG, "other"])["per_class"],
            "typer_per_class": _prf([a for a, _, _ in heur3], [c for _, _, c in heur3],
                                    [PERSON, ORG, "other"])["per_class"]},
    }


def evaluate_pronouns(typer: qt.MentionTyper, ranker: qt.AntecedentRanker,
                      gold: Sequence[_Gold]) -> dict[str, Any]:
    """Held-out pronoun resolution: the ranker, the most recent compatible mention, the
    most recent mention, and the engine's current resolver."""
    def types_of(n: int, g: _Gold, ms: list[Mention]) -> list[dict[str, float]]:
        return qt.mention_types(g.model, ms, typer=typer)

    cases, counts = pronoun_cases(gold, types_of)
    systems = ("ranker", "recent_compatible", "recent", "current_resolver",
               "ranker_entity_level")
    right: dict[str, Counter[str]] = {s: Counter() for s in systems}
    n_by_form: Counter[str] = Counter()
    by_doc: dict[int, list[_PronounCase]] = {}
    for c in cases:
        by_doc.setdefault(c.doc, []).append(c)
    confident = Counter()
    for n, doc_cases in by_doc.items():
        g = gold[n]
        d = QuoteDoc(g.model)
        resolved = resolve_mentions(d, set())
        ms = d.mentions
        matches = match_mentions(g, ms)
        types = types_of(n, g, ms)
        genders = _genders(g.model, ms)
        chosen_by_ranker: dict[int, int | None] = {}
        for c in doc_cases:
            pos = _choose(ranker, c)
            chosen_by_ranker[c.index] = None if pos is None else c.cands[pos]
        for c in doc_cases:
            keys = (c.form, "all", "with antecedent in window") if any(c.good) else \
                (c.form, "all")
            for key in keys:
                n_by_form[key] += 1

            def correct(j: int | None, c: _PronounCase = c, g: _Gold = g,
                        matches: list[tuple[int | None, str]] = matches) -> bool:
                return j is not None and matches[j][0] is not None and \
                    g.doc.mentions[matches[j][0]].entity == c.chain

            k = chosen_by_ranker[c.index]
            ok = correct(k)
            for key in keys:
                right["ranker"][key] += ok
            if k is not None:
                p = ranker.probability(c.feats[c.cands.index(k)])
                if p >= 0.5:
                    confident["answered"] += 1
                    confident["right"] += ok
            compat = next((j for j in c.cands
                           if qt.compatible(c.form, genders[j], types[j])), None)
            recent = c.cands[0] if c.cands else None
            for key in keys:
                right["recent_compatible"][key] += correct(compat)
                right["recent"][key] += correct(recent)
            # the current resolver, judged by entity: right when the entity it picked has
            # an earlier mention in the gold chain (lenient: any mention of the entity)
            name, ent = resolved.get(ms[c.index].start, (None, None))
            ok_current = False
            if name is not None:
                for j in range(c.index - 1, -1, -1):
                    r_name, r_ent = resolved.get(ms[j].start, (None, None))
                    same = (r_ent is ent) if ent is not None else (r_name == name)
                    if same and correct(j):
                        ok_current = True
                        break
            for key in keys:
                right["current_resolver"][key] += ok_current
            # the ranker judged the same lenient way: the chosen mention's entity (through
            # earlier pronouns it chose) has a mention in the chain
            ok_entity = ok or _entity_ok(k, c, ms, resolved, chosen_by_ranker, correct)
            for key in keys:
                right["ranker_entity_level"][key] += ok_entity
    out: dict[str, Any] = {"counts": counts, "n": dict(n_by_form)}
    for s in systems:
        out[s] = {key: _ratio(right[s][key], n_by_form[key]) for key in n_by_form}
    out["oracle_antecedent_in_window"] = _ratio(counts.get("antecedent in window", 0),
                                                counts.get("eligible", 0))
    out["ranker_p_at_least_0.5"] = {"answered": _ratio(confident["answered"],
                                                       n_by_form["all"]),
                                    "accuracy": _ratio(confident["right"],
                                                       confident["answered"])}
    return out


def _entity_ok(k: int | None, c: _PronounCase, ms: list[Mention], resolved,
               chosen: dict[int, int | None], correct: Callable[[int | None], bool]) -> bool:
    seen = set()
    while k is not None and ms[k].kind == "pronoun" and k in chosen and k not in seen:
        if correct(k):
            return True
        seen.add(k)
        k = chosen[k]
    if k is None:
        return False
    if correct(k):
        return True
    ent = resolved.get(ms[k].start, (None, None))[1]
    if ent is None:
        return False
    return any(resolved.get(ms[j].start, (None, None))[1] is ent and correct(j)
               for j in range(c.index))


def _genders(model: TextDoc, ms: Sequence[Mention]) -> list[str]:
    by_last: dict[str, str] = {}
    out = []
    for m in ms:
        g = qt.gender_of(m, by_last)
        if m.kind == "name" and g in ("m", "f"):
            by_last[m.text.split()[-1].lower()] = g
        out.append(g)
    return out


def evaluate_surnames(gold: Sequence[_Gold]) -> dict[str, Any]:
    """The current name clustering (:mod:`analysis.quotes.resolve`) on later name
    mentions: a name whose gold chain has an earlier name mention found by the engine is
    right when the resolver puts both in one entity."""

    counts: Counter[str] = Counter()
    for g in gold:
        d = QuoteDoc(g.model)
        ents = name_entities(d, set())
        names = [m for m in d.mentions if m.kind == "name"]
        matches = match_mentions(g, names)
        for i, m in enumerate(names):
            k = matches[i][0]
            if k is None:
                continue
            chain = g.doc.mentions[k].entity
            earlier = [j for j in range(i) if matches[j][0] is not None and
                       g.doc.mentions[matches[j][0]].entity == chain]
            joined = [j for j in range(i) if ents[names[j].start] is ents[m.start]]
            if not earlier:
                counts["first name mention of its chain"] += 1
                counts["... wrongly joined to an earlier entity"] += bool(joined)
                continue
            shorter = len(m.text.split()) < max(len(names[j].text.split()) for j in earlier)
            key = "shorter form" if shorter else "same or longer form"
            counts[f"{key}: n"] += 1
            counts[f"{key}: joined to its chain"] += any(j in earlier for j in joined)
    return dict(counts)


def evaluate_polnear(typer: qt.MentionTyper, folder: str | Path) -> dict[str, Any]:
    """On PolNeAR's validation months: the share of the engine's name mentions inside a
    gold source span that the typer types as a speaker (person, org, group), and the
    share of all its name mentions typed as speakers."""
    from analysis.corpus.polnear import read_polnear

    articles = read_polnear(folder, part="validation")
    in_source = in_source_speaker = names = names_speaker = 0
    wrong: Counter[str] = Counter()
    for art in articles:
        model = build(art.text)
        found = [m for m in find_mentions(model.text, model.sentences, model.tokens)
                 if m.kind == "name"]
        types = qt.mention_types(model, found, typer=typer)
        spans = [(p.start, p.end) for a in art.attributions for p in a.source]
        for m, t in zip(found, types, strict=True):
            best = qt.best_type(t)
            names += 1
            names_speaker += best in qt.SPEAKER_TYPES
            if any(s <= m.start and m.end <= e for s, e in spans):
                in_source += 1
                in_source_speaker += best in qt.SPEAKER_TYPES
                if best not in qt.SPEAKER_TYPES:
                    wrong[best] += 1
    return {"articles": len(articles),
            "source names typed as speakers": _ratio(in_source_speaker, in_source),
            "source names": in_source,
            "source names typed otherwise": dict(wrong),
            "all names typed as speakers": _ratio(names_speaker, names), "names": names}


def speed(typer: qt.MentionTyper, ranker: qt.AntecedentRanker,
          gold: Sequence[_Gold]) -> dict[str, float]:
    """Mentions typed per second and pronouns resolved per second (features included),
    and characters per second of both together, on the given documents."""
    import time

    models = [g.model for g in gold]
    found = [engine_mentions(m)[1] for m in models]
    qt.doc_info.cache_clear()
    t0 = time.process_time()
    n_m = 0
    all_types = []
    for model, ms in zip(models, found, strict=True):
        all_types.append(qt.mention_types(model, ms, typer=typer))
        n_m += len(ms)
    t1 = time.process_time()
    n_p = 0
    for model, ms, ts in zip(models, found, all_types, strict=True):
        n_p += len(qt.resolve_pronouns(model, ms, types=ts, ranker=ranker))
    t2 = time.process_time()
    chars = sum(len(m.text) for m in models)
    return {"mentions": n_m, "mentions_per_s": round(n_m / max(t1 - t0, 1e-9)),
            "pronouns": n_p, "pronouns_per_s": round(n_p / max(t2 - t1, 1e-9)),
            "chars_per_s": round(chars / max(t2 - t0, 1e-9))}


# ------------------------------------------------------------------------------ main


def train(folder: str | Path) -> tuple[qt.MentionTyper, qt.AntecedentRanker, dict[str, Any]]:
    """Fit both models on the fit documents and measure them on the held-out ones."""
    docs = read_gum_folder(folder)
    held = heldout_ids(d.id for d in docs)
    fit_docs = [d for d in docs if d.id not in held]
    test_docs = [d for d in docs if d.id in held]
    fit_gold = [_gold(d) for d in fit_docs]
    test_gold = [_gold(d) for d in test_docs]
    feats, labels, groups = typer_examples(fit_gold)
    # measured as shipped: the weights as written to JSON and read back
    typer = qt.MentionTyper.from_json(fit_typer(feats, labels).to_json())
    cases = _crossfit_cases(fit_gold, feats, labels, groups)
    ranker = qt.AntecedentRanker.from_json(
        qt.AntecedentRanker(C=RANKER_C).fit(*_ranker_xy(cases)).to_json())
    report: dict[str, Any] = {
        "split": {"rule": "per genre, documents sorted by sha1(id); the first "
                          "round(0.2 * n) (at least one) are held out "
                          "(analysis.corpus.gum.heldout_ids)",
                  "heldout": sorted(held),
                  "fit_documents": len(fit_docs), "heldout_documents": len(test_docs),
                  "heldout_by_genre": dict(sorted(Counter(d.genre for d in test_docs).items()))},
        "training": {"typer_examples": len(labels),
                     "typer_labels": dict(sorted(Counter(labels).items())),
                     "typer_features": len(typer.vocabulary_),
                     "ranker_pronouns": sum(1 for c in cases if any(c.good)),
                     "ranker_pairs": sum(len(c.cands) for c in cases if any(c.good))},
        "typing": evaluate_typer(typer, test_gold),
        "pronouns": evaluate_pronouns(typer, ranker, test_gold),
        "surnames_current_resolver": evaluate_surnames(test_gold),
        "speed": speed(typer, ranker, test_gold),
    }
    return typer, ranker, report


def weights_json(typer: qt.MentionTyper, ranker: qt.AntecedentRanker,
                 report: dict[str, Any]) -> dict[str, Any]:
    """The shipped file: both models, provenance and the headline held-out figures."""
    import sklearn

    typing_ = report["typing"]
    pron = report["pronouns"]
    meta = {
        "source": "GUM (Georgetown University Multilayer corpus, Zeldes 2017, Language "
                  "Resources and Evaluation 51(3)), training documents with entities of "
                  "the CC BY genres, UniversalDependencies/UD_English-GUM at commit "
                  f"{SOURCE_COMMIT} (GUM 11); weights only, no text. Licence CC BY 4.0.",
        "split": report["split"]["rule"],
        "heldout_documents": report["split"]["heldout"],
        "fit_documents": report["split"]["fit_documents"],
        "trained": datetime.date.today().isoformat(),
        "sklearn": sklearn.__version__, "numpy": np.__version__,
        "python": platform.python_version(),
        "settings": {"typer_C": TYPER_C, "typer_min_count": TYPER_MIN_COUNT,
                     "ranker_C": RANKER_C, "folds": FOLDS},
        "heldout": {
            "typing_accuracy": typing_["gold_mentions"]["accuracy"],
            "typing_accuracy_names": typing_["gold_names"]["accuracy"],
            "typing_macro_f1": typing_["gold_mentions"]["macro_f1"],
            "typing_f1": {k: v["f1"] for k, v in
                          typing_["gold_mentions"]["per_class"].items()},
            "pronoun_accuracy": pron["ranker"].get("all"),
            "pronoun_accuracy_current_resolver_entity_level":
                pron["current_resolver"].get("all"),
            "pronoun_accuracy_ranker_entity_level": pron["ranker_entity_level"].get("all"),
        },
        "rebuild": "python -m analysis.quotes.train_types /path/to/gum-train-entities",
    }
    return {"format": qt.FORMAT, "meta": meta, "typer": typer.to_json(),
            "antecedent": ranker.to_json()}


def summary(report: dict[str, Any]) -> str:
    """The report's headline figures as Markdown."""
    t, e, p = report["typing"], report["typing"]["engine"], report["pronouns"]
    lines = [f"Held-out GUM documents: {report['split']['heldout_documents']} "
             f"({', '.join(f'{g} {n}' for g, n in report['split']['heldout_by_genre'].items())})",
             "", "| typing (held-out) | accuracy | macro F1 |", "|---|---|---|"]
    for key, label in (("gold_mentions", "all gold mentions"), ("gold_names", "gold names "
                       "(head PROPN)"), ):
        lines.append(f"| {label} (n={t[key]['n']}) | {t[key]['accuracy']:.3f} | "
                     f"{t[key]['macro_f1']:.3f} |")
    lines.append(f"| engine mentions matched to gold (n={e['typing_on_matched']['n']}) | "
                 f"{e['typing_on_matched']['accuracy']:.3f} | "
                 f"{e['typing_on_matched']['macro_f1']:.3f} |")
    lines.append(f"| engine name mentions matched (n={e['typing_on_matched_names']['n']}) | "
                 f"{e['typing_on_matched_names']['accuracy']:.3f} | "
                 f"{e['typing_on_matched_names']['macro_f1']:.3f} |")
    b = t["baseline_rules"]
    m = t["baseline_majority"]
    lines.append(f"| rule baseline, all / names | {b['accuracy']:.3f} / "
                 f"{b['accuracy_names']:.3f} | {b['macro_f1']:.3f} |")
    lines.append(f"| majority ({m['type']}), all / names | {m['accuracy']:.3f} / "
                 f"{m['accuracy_names']:.3f} | |")
    lines += ["", "| class | P | R | F1 | support | F1 on names |", "|---|---|---|---|---|---|"]
    for c, v in t["gold_mentions"]["per_class"].items():
        lines.append(f"| {c} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | "
                     f"{v['support']} | {t['gold_names']['per_class'][c]['f1']:.3f} |")
    lines += ["", "Confusion (gold rows, predicted columns), all gold mentions:", "",
              "| gold \\ pred | " + " | ".join(qt.TYPES) + " |",
              "|---" * (len(qt.TYPES) + 1) + "|"]
    for c, row in t["gold_mentions"]["confusion"].items():
        lines.append(f"| {c} | " + " | ".join(str(row[d]) for d in qt.TYPES) + " |")
    po = e["person_org_other"]
    lines += ["", f"Person / org / other on the engine's matched mentions (n={po['n']}): "
              f"current heuristic categories {po['current_heuristic']:.3f}, typer "
              f"{po['typer']:.3f}.",
              f"Finder recall of gold mentions: exact {e['finder_recall']['all_gold']['exact']:.3f}"
              f", exact or head {e['finder_recall']['all_gold']['exact_or_head']:.3f}; of gold "
              f"person/org/group mentions {e['finder_recall']['speaker_types']:.3f}.",
              f"Speaker types of engine names: {e['speaker_types_of_names']}", "",
              "| pronouns (held-out) | all | he | she | they | it |", "|---|---|---|---|---|---|"]
    for s_ in ("ranker", "ranker_entity_level", "current_resolver", "recent_compatible",
               "recent"):
        lines.append(f"| {s_} | " + " | ".join(f"{p[s_].get(k, 0):.3f}" for k in
                                                  ("all", "he", "she", "they", "it")) + " |")
    lines.append("| n | " + " | ".join(str(p["n"].get(k, 0)) for k in
                                        ("all", "he", "she", "they", "it")) + " |")
    window = "with antecedent in window"
    lines += ["", f"On the {p['n'].get(window, 0)} pronouns with an antecedent among the "
              f"candidates: " + ", ".join(f"{s_} {p[s_].get(window, 0):.3f}" for s_ in
                                         ("ranker", "ranker_entity_level", "current_resolver",
                                          "recent_compatible", "recent"))]
    lines += ["", f"Antecedent among the candidates (ceiling): "
              f"{p['oracle_antecedent_in_window']:.3f}; counts {p['counts']}; "
              f"ranker p >= 0.5: {p['ranker_p_at_least_0.5']}",
              f"Surnames (current resolver): {report['surnames_current_resolver']}",
              f"Speed: {report['speed']}"]
    if "polnear_validation" in report:
        lines.append(f"PolNeAR validation months: {report['polnear_validation']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """``python -m analysis.quotes.train_types DIR [--out FILE] [--report FILE]
    [--polnear DIR] [--select]``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis.quotes.train_types",
        description="Learn the mention typer and the pronoun antecedent ranker from GUM "
                    "and write data/quotes/typing.json.gz.")
    parser.add_argument("dir", help="the gum-train-entities folder (CoNLL-U files)")
    parser.add_argument("--out", default=str(qt.WEIGHTS),
                        help="weights file (default: %(default)s)")
    parser.add_argument("--report", default=None,
                        help="also write the full held-out report (JSON) here")
    parser.add_argument("--polnear", default=None,
                        help="a PolNeAR folder: also report how the typer types the names "
                             "inside gold sources of its validation months")
    parser.add_argument("--select", action="store_true",
                        help="only run the cross-validation on the fit documents that chose "
                             "the settings, and print it")
    args = parser.parse_args(argv)
    if args.select:
        docs = read_gum_folder(args.dir, part="fit")
        print(json.dumps(select([_gold(d) for d in docs]), indent=1))
        return
    typer, ranker, report = train(args.dir)
    if args.polnear:
        report["polnear_validation"] = evaluate_polnear(typer, args.polnear)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(weights_json(typer, ranker, report), ensure_ascii=False,
                       separators=(",", ":")) + "\n").encode("utf-8")
    # gzip without a time stamp: the same weights give the same bytes
    out.write_bytes(gzip.compress(data, mtime=0) if out.suffix == ".gz" else data)
    print(f"wrote {out} ({out.stat().st_size // 1024} kB)")
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.report}")
    print(summary(report))


if __name__ == "__main__":
    main(sys.argv[1:])
