"""What a mention names, and what a pronoun refers to: two models learned from GUM.

**Mention types.**  Every mention (a span of the text: a name, a description, a
pronoun) gets a probability for each of six types, :data:`TYPES`:

``person``
    one person (``Barbara Stocking``, ``the spokesman``, ``she``);
``org``
    an organisation (``Oxfam``, ``the ministry``, ``the Supreme Court``);
``group``
    several people (``officials``, ``the family``, ``Ana and Bo``, ``they``);
``place``
    a place, country or region (``Israel``, ``Gaza``, ``the city``);
``work``
    a named thing that is none of these: a work, product, software, law, language or
    named event (``Internet Explorer``, ``Citizen Kane``, ``World War II``);
``other``
    anything else: times, abstract and concrete things described in common nouns.

Speakers are persons, organisations and groups (:data:`SPEAKER_TYPES`).  The model is a
multinomial logistic regression (:class:`MentionTyper`) over features computed from the
text alone, with the project's tokens: the words of the mention (its head is the last
word before a preposition, relative or comma), their shape and capitalisation, the
head's ending, the words around the mention (``in``, ``of``, ``'s``, ``said``), whether
it opens a sentence, the project's lexicons (titles, role nouns, organisation words,
time words, collective nouns ``data/quotes/group_nouns.txt``, first names
``data/quotes/first_names.tsv``), how news writes the head in lower case
(:func:`analysis.quotes.casing.lower_share`), and how the article itself uses the head
word elsewhere (after a title, after ``in``, before ``said``).  Labels come from GUM's
gold entity types (see :mod:`analysis.quotes.train_types`).

**Pronoun antecedents.**  For a third-person subject pronoun (*he*, *she*, *they*, *it*)
each earlier mention in a window (:data:`MAX_SENTENCES_BACK` sentences,
:data:`MAX_CANDIDATES` mentions) is scored by a logistic regression over pair features
(:func:`pair_features`): the candidate's type probabilities, gender and number agreement
(pronouns, courtesy titles, gendered role nouns, first names; a surname inherits the
gender of the fuller name), distance in mentions and sentences, recency rank, whether the
candidate opens its sentence or speaks (next to a reporting verb), whether it is a name,
a description or a pronoun, same paragraph, and how often its head word was mentioned.
The best candidate is the antecedent (:func:`resolve_pronouns`).

Both models ship in ``data/quotes/typing.json.gz`` (JSON, gzip-compressed) with their
provenance and held-out figures; :func:`shipped_typing` loads them once.  Rebuild:
``python -m analysis.quotes.train_types /path/to/gum-train-entities``.

Not handled: cataphora (a pronoun before its antecedent), pleonastic *it* (it resolves
to something anyway; its probability is low), *him*/*her*/*his*, and the gender of first
names outside the 1990 US census lists.  Types come from one mention at a time, with the
article's evidence about its head word and a pull towards the type of the other mentions
with the same capitalised head word (:data:`SAME_NAME_WEIGHT`); they do not vote across a
coreference chain.  An organisation named by one bare word that no lexicon knows
(``Oxfam's Barbara Stocking``) is as likely a person as an organisation to the typer
(``Oxfam``: person 0.49, other 0.28, org 0.06): world knowledge it does not have.  *It*
was learned from GUM, where it mostly refers to things; in news it often refers to an
organisation, which the ranker weighs too little.

Examples
--------
>>> from analysis.text import build
>>> from analysis.quotes.mentions import find_mentions
>>> doc = build("Mary Lee met the ministers in Paris. They said she was right.")
>>> mentions = find_mentions(doc.text, doc.sentences, doc.tokens)
>>> [(m.text, best_type(t)) for m, t in zip(mentions, mention_types(doc, mentions))]
[('Mary Lee', 'person'), ('the ministers', 'group'), ('Paris', 'place'), ('They', 'group'), ('she', 'person')]
>>> [(mentions[a.pronoun].text, mentions[a.antecedent].text)
...  for a in resolve_pronouns(doc, mentions)]
[('They', 'the ministers'), ('she', 'Mary Lee')]
"""

from __future__ import annotations

import bisect
import gzip
import json
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from analysis.paths import DATA
from analysis.quotes.casing import lower_share
from analysis.quotes.lexicon import tagged
from analysis.quotes.mentions import doc_columns, titles
from analysis.resources import word_list, word_map
from analysis.text import TextDoc

__all__ = ["MAX_CANDIDATES", "MAX_SENTENCES_BACK", "RESOLVED_PRONOUNS", "SAME_NAME_WEIGHT",
           "SPEAKER_TYPES", "TYPES", "Antecedent", "AntecedentRanker", "MentionTyper",
           "best_type", "candidate_pairs", "explain_type", "first_names", "mention_features",
           "mention_types", "pair_features", "resolve_pronouns", "shipped_typing",
           "speaker_features"]

#: The mention types, in the order of the probability columns.
TYPES = ("person", "org", "group", "place", "work", "other")
#: The types that can speak.
SPEAKER_TYPES = frozenset({"person", "org", "group"})
#: Pronouns whose antecedent :func:`resolve_pronouns` looks for, by the group of pair
#: features they use.
RESOLVED_PRONOUNS = {"he": "hs", "she": "hs", "they": "they", "it": "it"}
#: Sentences before the pronoun's own in which antecedents are looked for ...
MAX_SENTENCES_BACK = 3
#: ... and at most this many nearest mentions among them.
MAX_CANDIDATES = 30

#: How far the type of a capitalised head word is shared by the document's mentions with the
#: same head word (0: each mention alone; chosen by cross-validation on the fit documents).
SAME_NAME_WEIGHT = 0.8

#: Where the shipped models are, in the package's data folder.
WEIGHTS = DATA / "quotes" / "typing.json.gz"
FORMAT = "analysis.typing/1"
_CLASSES = "quotes/closed_classes.tsv"
_WORDISH = frozenset({"word", "abbreviation", "number"})
_BREAK_PUNCT = frozenset({",", "(", ":", ";", "–", "—", "[", ")"})


class _Span(Protocol):
    start: int
    end: int


# --------------------------------------------------------------------------- lexicons


@cache
def _table(name: str) -> dict[str, str]:
    """A ``key<TAB>value`` data file of this module (``#`` comments, blank lines skipped)."""
    path = DATA / name
    if not path.exists():
        raise FileNotFoundError(f"data file {path} is missing; it ships with the package "
                                f"(analysis/data/{name})")
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("\t")
            out[key.strip()] = value.strip()
    return out


def first_names() -> dict[str, str]:
    """First name (lower case) -> ``m``, ``f`` or ``a`` (``data/quotes/first_names.tsv``)."""
    return _table("quotes/first_names.tsv")


def _places() -> dict[str, str]:
    """Place name (lower case) -> ``continent``, ``country``, ``state``, ``city`` or
    ``region`` (``data/quotes/places.tsv``)."""
    return _table("quotes/places.tsv")


def group_nouns() -> frozenset[str]:
    """Collective nouns of people (``data/quotes/group_nouns.txt``)."""
    return _lexicon_set("quotes/group_nouns.txt")


@cache
def _lexicon_set(name: str) -> frozenset[str]:
    return frozenset(_table(name))


@cache
def _title_words() -> frozenset[str]:
    """Last words of the titles (``president``, ``minister``, ``mr``), lower case, no
    period."""
    return frozenset(t[-1].lower().rstrip(".") for t in titles())


@cache
def _title_gender() -> dict[str, str]:
    return word_map("quotes/title_gender.tsv")


@cache
def _breaks() -> frozenset[str]:
    """Words after which a mention's head has been seen: prepositions, relatives."""
    return (tagged(_CLASSES, "preposition") | tagged(_CLASSES, "relative")) - {"'s"}


@cache
def _determiners() -> frozenset[str]:
    return (tagged(_CLASSES, "article") | tagged(_CLASSES, "possessive")
            | tagged(_CLASSES, "demonstrative") | tagged(_CLASSES, "quantifier"))


@cache
def _time_words() -> dict[str, str]:
    return word_map("quotes/time_words.tsv")


@cache
def _skippable() -> frozenset[str]:
    return frozenset(w for w in word_list("quotes/skippable.txt") if " " not in w)


_PLACE_PREPS = frozenset({"in", "at", "from", "to", "near", "across", "into", "throughout"})


def _share_bucket(share: float | None) -> str:
    if share is None:
        return "unseen"
    if share < 0.01:
        return "0"
    if share < 0.1:
        return "01"
    if share < 0.5:
        return "05"
    return "hi"


def _shape(text: str) -> str:
    """The word's shape: ``Xx`` (capitalised), ``X`` (capitals), ``x``, ``X.`` (an
    initialism), ``d`` (digits), ``xX`` (inner capital), ``-`` (hyphenated) or ``o``."""
    if any(c.isdigit() for c in text):
        return "d"
    if "." in text and text[:1].isupper():
        return "X."
    if "-" in text[1:]:
        return "-" + ("X" if text[:1].isupper() else "x")
    if len(text) > 1 and text.isupper():
        return "X"
    if text[:1].isupper():
        return "Xx"
    if text.islower():
        return "xX" if any(c.isupper() for c in text) else "x"
    return "xX" if any(c.isupper() for c in text) else "o"


# ------------------------------------------------------------------ document evidence


@dataclass(frozen=True, eq=False)
class DocInfo:
    """What the features read of a document, computed once per document; ``typed`` keeps,
    per typer, the typer's probabilities (before smoothing) and the head of each token
    span typed so far, so that the mentions and the speaker candidates of a document --
    most of them the same spans -- are featurised and scored once."""

    lows: tuple[str, ...]
    caps: tuple[bool, ...]
    initial: tuple[bool, ...]
    starts: list[int]
    case: dict[str, tuple[int, int]]
    evidence: dict[str, frozenset[str]]
    speaks: tuple[bool, ...]
    typed: dict[int, tuple[Any, dict[tuple[int, int], tuple[np.ndarray, int]]]] = field(
        default_factory=dict, repr=False)
    heads: dict[tuple[int, int], int] = field(default_factory=dict, repr=False)


@lru_cache(maxsize=8)
def doc_info(doc: TextDoc) -> DocInfo:
    toks = doc.tokens
    lows = doc.folded
    n = len(toks)
    columns = doc_columns(doc)
    texts, sents = columns.texts, columns.sents
    caps = tuple(columns.caps)
    initial = columns.initial
    verbs = word_map("reporting_verbs.txt")
    skip = _skippable()
    is_verb = [w in verbs for w in lows]
    # after[k]: the first token after k whose word is not skippable ("also", ...), or n
    after = [n] * n
    following = n
    for k in range(n - 1, -1, -1):
        after[k] = following
        if lows[k] not in skip:
            following = k
    speaks = [False] * n
    for k in range(n):
        j = after[k]
        if j < n and is_verb[j] and sents[j] == sents[k]:
            speaks[k] = True  # "Smith (also) said"
        elif k >= 2 and is_verb[k - 1] and texts[k - 2] in _REPORTED_ENDS:
            speaks[k] = True  # "…,” said Smith"
    titled = _title_words()
    evidence: dict[str, set[str]] = {}
    for k in range(n):
        if not caps[k] or initial[k]:
            continue
        flags = evidence.setdefault(lows[k], set())
        prev = lows[k - 1] if k else ""
        if prev.rstrip(".") in titled:
            flags.add("titled")
        if prev in _PLACE_PREPS:
            flags.add("in")
        if prev == "the":
            flags.add("the")
        if k + 1 < n and lows[k + 1] == "'s":
            flags.add("poss")
        if speaks[k]:
            flags.add("speaks")
    return DocInfo(lows, caps, tuple(initial), doc.token_starts, columns.case_all,
                   {w: frozenset(f) for w, f in evidence.items()}, tuple(speaks))


_OPENERS = frozenset({":", "—", "–", "("})
_REPORTED_ENDS = frozenset({",", "”", "\"", "’"})


def head_index(doc: TextDoc, info: DocInfo, a: int, b: int) -> tuple[int, int]:
    """``(head, cut)``: the head token of the mention spanning tokens ``[a, b)`` -- the
    last word before the first preposition, relative word or bracketing punctuation
    after its first token, a possessive ``'s`` left out -- and where the core ends."""
    toks, lows, breaks = doc.tokens, info.lows, _breaks()
    cut = b
    for k in range(a + 1, b):
        if lows[k] in breaks or toks[k].text in _BREAK_PUNCT:
            cut = k
            break
    head = -1
    for k in range(cut - 1, a - 1, -1):
        if toks[k].kind in _WORDISH:
            head = k
            break
    if head < 0:
        head = next((k for k in range(a, b) if toks[k].kind in _WORDISH), a)
    return head, cut


def _head(doc: TextDoc, info: DocInfo, a: int, b: int) -> int:
    """The head token of :func:`head_index`, remembered per span of the document."""
    head = info.heads.get((a, b))
    if head is None:
        head = info.heads[(a, b)] = head_index(doc, info, a, b)[0]
    return head


# -------------------------------------------------------------------------- features


def mention_features(doc: TextDoc, mentions: Sequence[_Span]) -> list[list[str]]:
    """The typer's features of each mention (anything with ``start``/``end`` character
    offsets into ``doc.text``): names of binary features, as the shipped weights know
    them.

    Examples
    --------
    >>> from analysis.text import build
    >>> doc = build("He met Mr. Ruiz in Lima.")
    >>> feats = mention_features(doc, [At(19, 23)])[0]
    >>> "h:lima" in feats, "p1:in" in feats
    (True, True)
    """
    info = doc_info(doc)
    return [_features(doc, info, *token_span(doc, info, m.start, m.end)) for m in mentions]


@dataclass(frozen=True, slots=True)
class At:
    """A bare span, for examples and tests."""

    start: int
    end: int


def token_span(doc: TextDoc, info: DocInfo, start: int, end: int) -> tuple[int, int]:
    n = len(doc.tokens)
    a = bisect.bisect_left(info.starts, start)
    b = bisect.bisect_left(info.starts, end)
    if a >= n:
        a = max(0, n - 1)
    return a, max(b, a + 1) if n else (0, 0)


@dataclass(frozen=True)
class _Lexicons:
    """The lexicons :func:`_features` reads, fetched once."""

    roles: dict[str, str]
    groups: frozenset[str]
    titled: frozenset[str]
    title_gender: dict[str, str]
    names: dict[str, str]
    places: dict[str, str]
    dets: frozenset[str]
    orgs: frozenset[str]
    times: dict[str, str]
    media: frozenset[str]


@cache
def _lexicons() -> _Lexicons:
    return _Lexicons(word_map("role_nouns.txt"), group_nouns(), _title_words(), _title_gender(),
                     first_names(), _places(), _determiners(), word_list("org_words.txt"),
                     _time_words(), word_list("media.txt"))


@lru_cache(maxsize=1 << 14)
def _head_shape(text: str) -> str:
    return _shape(text)


@lru_cache(maxsize=1 << 14)
def _share_feature(word: str) -> str:
    return f"ls:{_share_bucket(lower_share(word))}"


def _features(doc: TextDoc, info: DocInfo, a: int, b: int) -> list[str]:
    toks = doc.tokens
    if not toks:
        return []
    lex = _lexicons()
    lows, caps = info.lows, info.caps
    head, cut = head_index(doc, info, a, b)
    wordish = _WORDISH
    core = [k for k in range(a, cut) if toks[k].kind in wordish]
    hl, ht = lows[head], toks[head].text
    f = [f"h:{hl}", f"s3:{hl[-3:]}", f"s2:{hl[-2:]}", f"sh:{_head_shape(ht)}"]
    first = core[0] if core else head
    fl = lows[first]
    if first != head:
        f.append(f"f:{fl}")
        f.extend([f"w:{lows[k]}" for k in core[1:-1][:4]])
    n_core = len(core)
    f.append(f"n:{n_core if n_core < 4 else 4}")
    n_caps = 0
    for k in core:
        if caps[k]:
            n_caps += 1
    f.append(f"nc:{n_caps if n_caps < 3 else 3}")
    if cut < b:
        f.append(f"post:{lows[cut]}")
    if b - a > 1:
        for k in range(a, b):
            if lows[k] == "and" or lows[k] == "&":
                f.append("and")
                break
    sent = toks[a].sentence
    p1 = lows[a - 1] if a >= 1 and toks[a - 1].sentence == sent else "<s>"
    p2 = lows[a - 2] if a >= 2 and toks[a - 2].sentence == sent else "<s>"
    end_sent = toks[b - 1].sentence
    n = len(toks)
    n1 = lows[b] if b < n and toks[b].sentence == end_sent else "</s>"
    n2 = lows[b + 1] if b + 1 < n and toks[b + 1].sentence == end_sent else "</s>"
    f += [f"p1:{p1}", f"p2:{p2}", f"n1:{n1}", f"n2:{n2}", f"p21:{p2}_{p1}", f"n12:{n1}_{n2}"]
    if info.initial[first]:
        f.append("init")
        if n_caps == 1 and caps[first]:
            f.append("init_cap1")
    speaks = info.speaks
    if speaks[head] or (b - 1 != head and speaks[b - 1]):
        f.append("speaks")
    # lexicons
    role = lex.roles.get(hl)
    if role is not None:
        f.append(f"role:{role or 'u'}")
    if hl in lex.groups:
        f.append("groupnoun")
    titled = lex.titled
    if hl.rstrip(".") in titled:
        f.append("title_head")
    for k in core[:-1]:
        if lows[k].rstrip(".") in titled:
            f.append("title_in")
            break
    p1_bare = p1.rstrip(".")
    if p1_bare in titled:
        f.append("title_before")
    gender = lex.title_gender.get(fl.rstrip(".")) or lex.title_gender.get(p1_bare)
    if gender:
        f.append(f"tgender:{gender}")
    names = lex.names
    if caps[first] and first != head and fl in names:
        f.append(f"fname:{names[fl]}")
    elif caps[head] and hl in names and n_core == 1:
        f.append(f"fname1:{names[hl]}")
    places = lex.places
    dets = lex.dets
    key = " ".join([lows[k] for k in core if lows[k] not in dets])
    if key in places:
        f.append(f"gaz:{places[key]}")
    elif n_core > 1 and hl in places:
        f.append(f"gaz_head:{places[hl]}")
    orgs = lex.orgs
    for k in core:
        if toks[k].text in orgs:
            f.append("orgword")
            break
    time_class = lex.times.get(hl)
    if time_class is not None:
        f.append(f"time:{time_class}")
    if ht in lex.media:
        f.append("media")
    if hl in dets or fl in dets:
        f.append(f"det:{fl}")
    if caps[head]:
        f.append(_share_feature(hl))
        lower, upper = info.case.get(hl, (0, 0))
        if lower:
            f.append("doc_lower")
        if upper:
            f.append("doc_upper")
        flags = info.evidence.get(hl)
        if flags:
            f.extend([f"e:{flag}" for flag in sorted(flags)])
        if len(ht) > 1 and ht.isupper():
            f.append("acronym")
    elif ht.islower() and hl.endswith("s") and not hl.endswith(("ss", "us", "is")):
        f.append("plural_s")
        f.append(f"hb:{hl[:-1]}")
    return f


# ---------------------------------------------------------------------- the typer


class MentionTyper:
    """Multinomial logistic regression from mention features to :data:`TYPES`.

    A scikit-learn style estimator: :meth:`fit` learns ``vocabulary_`` (features seen at
    least ``min_count`` times), ``coef_`` (features x classes), ``intercept_`` and
    ``classes_``; prediction needs only NumPy.

    Parameters
    ----------
    C : float
        Inverse L2 regularisation strength of
        :class:`sklearn.linear_model.LogisticRegression`.
    min_count : int
        Features seen fewer times in the training mentions are dropped.
    max_iter : int
        Iterations of the L-BFGS solver.

    Examples
    --------
    >>> typer = MentionTyper(C=1.0, min_count=1).fit(
    ...     [["h:he"], ["h:it"], ["h:he"], ["h:paris"]], ["person", "other", "person", "place"])
    >>> typer.predict([["h:he"], ["h:paris"]])
    ['person', 'place']
    """

    def __init__(self, *, C: float = 1.0, min_count: int = 2, max_iter: int = 3000):
        self.C = C
        self.min_count = min_count
        self.max_iter = max_iter

    def fit(self, features: Sequence[Sequence[str]], labels: Sequence[str]) -> MentionTyper:
        """Learn the weights from feature lists and their labels (names in :data:`TYPES`).

        Raises
        ------
        ValueError
            When the lengths differ, a label is not a type, or fewer than two types occur.
        """
        from sklearn.linear_model import LogisticRegression

        if len(features) != len(labels):
            raise ValueError(f"{len(features)} feature lists but {len(labels)} labels; "
                             f"give one label per mention")
        unknown = sorted(set(labels) - set(TYPES))
        if unknown:
            raise ValueError(f"unknown labels {unknown[:5]}; labels must be among {TYPES}")
        if len(set(labels)) < 2:
            raise ValueError(f"need at least two types among the labels, got {set(labels)}")
        counts: dict[str, int] = {}
        for fs in features:
            for name in set(fs):
                counts[name] = counts.get(name, 0) + 1
        vocab = {name: i for i, name in enumerate(sorted(n for n, c in counts.items()
                                                         if c >= self.min_count))}
        x = _binary_matrix(features, vocab)
        model = LogisticRegression(C=self.C, max_iter=self.max_iter)
        model.fit(x, list(labels))
        self.vocabulary_ = vocab
        self.classes_ = tuple(str(c) for c in model.classes_)
        coef = np.asarray(model.coef_, dtype=float)
        if coef.shape[0] == 1:  # two classes: sklearn keeps one row
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-model.intercept_[0] / 2, model.intercept_[0] / 2])
        else:
            intercept = np.asarray(model.intercept_, dtype=float)
        self.coef_ = np.vstack([coef.T, np.zeros((1, coef.shape[0]))])  # + a zero row
        self.intercept_ = intercept
        return self

    def predict_proba(self, features: Sequence[Sequence[str]]) -> np.ndarray:
        """Probabilities, one row per mention, columns in ``classes_`` order."""
        vocab = self.vocabulary_
        zero = len(vocab)
        index: list[int] = []
        offsets: list[int] = []
        for fs in features:
            offsets.append(len(index))
            index.append(zero)  # never an empty segment
            index.extend(i for i in map(vocab.get, fs) if i is not None)
        if not offsets:
            return np.zeros((0, len(self.classes_)))
        scores = np.add.reduceat(self.coef_[index], offsets, axis=0) + self.intercept_
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def predict(self, features: Sequence[Sequence[str]]) -> list[str]:
        """The most probable type of each mention."""
        proba = self.predict_proba(features)
        return [self.classes_[i] for i in proba.argmax(axis=1)]

    def explain(self, features: Sequence[str], label: str) -> list[tuple[str, float]]:
        """Each known feature's contribution to the score of ``label`` against the mean of
        the classes, largest first."""
        col = self.classes_.index(label)
        out = []
        for name in features:
            i = self.vocabulary_.get(name)
            if i is not None:
                row = self.coef_[i]
                out.append((name, float(row[col] - row.mean())))
        return sorted(out, key=lambda kv: -abs(kv[1]))

    def to_json(self) -> dict[str, Any]:
        """The learned state as JSON-ready data (weights rounded to 5 decimals; features
        whose weights all round to zero are left out)."""
        names = sorted(self.vocabulary_, key=self.vocabulary_.get)
        weights = {}
        for name in names:
            row = [round(float(w), 5) for w in self.coef_[self.vocabulary_[name]]]
            if any(row):
                weights[name] = row
        return {"classes": list(self.classes_),
                "intercept": [round(float(b), 5) for b in self.intercept_],
                "params": {"C": self.C, "min_count": self.min_count},
                "weights": weights}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MentionTyper:
        """The typer :meth:`to_json` wrote."""
        params = data.get("params", {})
        out = cls(C=params.get("C", 1.0), min_count=params.get("min_count", 2))
        names = list(data["weights"])
        out.vocabulary_ = {name: i for i, name in enumerate(names)}
        out.classes_ = tuple(data["classes"])
        coef = np.array([data["weights"][n] for n in names], dtype=float).reshape(
            len(names), len(out.classes_))
        out.coef_ = np.vstack([coef, np.zeros((1, len(out.classes_)))])
        out.intercept_ = np.array(data["intercept"], dtype=float)
        return out


def _binary_matrix(features: Sequence[Sequence[str]], vocab: Mapping[str, int]):
    from scipy.sparse import csr_matrix

    indices: list[int] = []
    indptr = [0]
    for fs in features:
        indices.extend(sorted({vocab[n] for n in fs if n in vocab}))
        indptr.append(len(indices))
    data = np.ones(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(features), len(vocab)))


# ------------------------------------------------------------ the antecedent ranker


class AntecedentRanker:
    """Binary logistic regression over named pair features (pronoun, candidate): the
    probability that the candidate refers to what the pronoun refers to.

    Parameters
    ----------
    C : float
        Inverse L2 regularisation strength.
    max_iter : int
        Iterations of the L-BFGS solver.

    Examples
    --------
    >>> r = AntecedentRanker().fit([{"match": 1.0}, {"clash": 1.0}] * 3, [1, 0] * 3)
    >>> r.probability({"match": 1.0}) > 0.5 > r.probability({"clash": 1.0})
    True
    """

    def __init__(self, *, C: float = 1.0, max_iter: int = 3000):
        self.C = C
        self.max_iter = max_iter

    def fit(self, features: Sequence[Mapping[str, float]],
            labels: Sequence[int]) -> AntecedentRanker:
        """Learn weights from pair features and 0/1 labels (1: a true antecedent).

        Raises
        ------
        ValueError
            When the lengths differ or only one label occurs.
        """
        from sklearn.linear_model import LogisticRegression

        if len(features) != len(labels):
            raise ValueError(f"{len(features)} pairs but {len(labels)} labels")
        if len(set(labels)) < 2:
            raise ValueError("need both true (1) and false (0) antecedents to learn from")
        names = sorted({k for f in features for k in f})
        vocab = {k: i for i, k in enumerate(names)}
        x = _real_matrix(features, vocab)
        model = LogisticRegression(C=self.C, max_iter=self.max_iter)
        model.fit(x, list(labels))
        self.weights_ = {k: float(w) for k, w in zip(names, model.coef_[0], strict=True)}
        self.intercept_ = float(model.intercept_[0])
        return self

    def score(self, features: Mapping[str, float]) -> float:
        """The linear score (log-odds) of a pair."""
        get = self.weights_.get
        return self.intercept_ + sum([get(k, 0.0) * v for k, v in features.items()])

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability that the candidate is an antecedent."""
        s = self.score(features)
        return 1.0 / (1.0 + math.exp(-s)) if s > -500 else 0.0

    def explain(self, features: Mapping[str, float]) -> list[tuple[str, float]]:
        """Each feature's contribution (weight x value), largest first."""
        parts = [(k, self.weights_.get(k, 0.0) * v) for k, v in features.items()]
        return sorted(parts, key=lambda kv: -abs(kv[1]))

    def to_json(self) -> dict[str, Any]:
        """The learned state as JSON-ready data."""
        return {"intercept": round(self.intercept_, 6), "params": {"C": self.C},
                "weights": {k: round(w, 6) for k, w in sorted(self.weights_.items())}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AntecedentRanker:
        """The ranker :meth:`to_json` wrote."""
        out = cls(C=data.get("params", {}).get("C", 1.0))
        out.weights_ = dict(data["weights"])
        out.intercept_ = float(data["intercept"])
        return out


def _real_matrix(features: Sequence[Mapping[str, float]], vocab: Mapping[str, int]):
    from scipy.sparse import csr_matrix

    indices: list[int] = []
    data: list[float] = []
    indptr = [0]
    for f in features:
        for k in sorted(f, key=vocab.__getitem__):
            indices.append(vocab[k])
            data.append(f[k])
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(features), len(vocab)))


# ---------------------------------------------------------------- shipped models


@dataclass(frozen=True)
class _Models:
    typer: MentionTyper
    ranker: AntecedentRanker
    meta: dict[str, Any]


@cache
def shipped_typing(path: str | None = None) -> _Models:
    """The typer and the antecedent ranker of ``data/quotes/typing.json.gz`` (or ``path``;
    gzip-compressed or plain JSON),
    loaded once per process, with their provenance in ``meta``.

    Raises
    ------
    FileNotFoundError
        If the weights file is missing, with the command that rebuilds it.
    ValueError
        If the file is not a typing weights file.
    """
    file = Path(path) if path else WEIGHTS
    if not file.exists():
        raise FileNotFoundError(f"{file} is missing; rebuild it with `python -m "
                                f"analysis.quotes.train_types /path/to/gum-train-entities`")
    raw = file.read_bytes()
    data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    if data.get("format") != FORMAT:
        raise ValueError(f"{file} is not a typing weights file (format "
                         f"{data.get('format')!r}, expected {FORMAT!r}); rebuild it with "
                         f"python -m analysis.quotes.train_types")
    return _Models(MentionTyper.from_json(data["typer"]),
                   AntecedentRanker.from_json(data["antecedent"]), dict(data.get("meta", {})))


def mention_types(doc: TextDoc, mentions: Sequence[_Span], *,
                  typer: MentionTyper | None = None,
                  same_name_weight: float = SAME_NAME_WEIGHT) -> list[dict[str, float]]:
    """The probability of each type (:data:`TYPES`) for each mention.

    Parameters
    ----------
    doc : TextDoc
        The document model (:func:`analysis.text.build`).
    mentions : sequence
        Records with ``start``/``end`` character offsets into ``doc.text`` (mentions of
        :func:`analysis.quotes.mentions.find_mentions`, or any span).
    typer : MentionTyper, optional
        Defaults to the shipped one.
    same_name_weight : float
        How far mentions with the same capitalised head word share their type
        (:data:`SAME_NAME_WEIGHT`; 0 types each mention alone).

    Returns
    -------
    list of dict
        ``{type: probability}`` per mention, in the order of :data:`TYPES`.

    Examples
    --------
    >>> from analysis.text import build
    >>> doc = build("The ministry said officials in Gaza were safe.")
    >>> spans = [At(0, 12), At(18, 27), At(31, 35)]
    >>> [best_type(t) for t in mention_types(doc, spans)]
    ['org', 'group', 'place']
    """
    typer = typer or shipped_typing().typer
    info = doc_info(doc)
    spans = [token_span(doc, info, m.start, m.end) for m in mentions]
    # keyed by the typer (held, so that its id is not reused while the entry lives)
    known = info.typed.setdefault(id(typer), (typer, {}))[1]
    todo = list(dict.fromkeys(span for span in spans if span not in known))
    if todo:
        rows = typer.predict_proba([_features(doc, info, a, b) for a, b in todo])
        heads = [_head(doc, info, a, b) if doc.tokens else -1 for a, b in todo]
        known.update(zip(todo, zip(rows, heads, strict=True), strict=True))
    # each row is the typer's on its own span (the rows of predict_proba do not depend on
    # each other), so rows typed for another list of spans are the same
    proba = np.array([known[span][0] for span in spans]).reshape(len(spans),
                                                                 len(typer.classes_))
    if same_name_weight and len(spans) > 1:
        proba = _smooth(doc, info, spans, proba, same_name_weight,
                        heads=[known[span][1] for span in spans])
    order = [typer.classes_.index(t) for t in TYPES]
    rows = proba[:, order].round(4).tolist()
    return [dict(zip(TYPES, row, strict=True)) for row in rows]


def _smooth(doc: TextDoc, info: DocInfo, spans: Sequence[tuple[int, int]],
            proba: np.ndarray, weight: float, heads: Sequence[int] | None = None) -> np.ndarray:
    """Mentions whose head is the same capitalised word ("Belgium" ... "Belgium") lean
    towards one type: each one's log-probabilities move by ``weight`` towards their mean
    over the group.  ``heads``: the head token of each span, when known."""
    groups: dict[str, list[int]] = {}
    for i, (a, b) in enumerate(spans):
        if not doc.tokens:
            break
        head = heads[i] if heads is not None else head_index(doc, info, a, b)[0]
        if info.caps[head]:
            groups.setdefault(info.lows[head], []).append(i)
    shared = [idx for idx in groups.values() if len(idx) > 1]
    if not shared:
        return proba
    logp = np.log(proba + 1e-12)
    for idx in shared:
        logp[idx] = (1 - weight) * logp[idx] + weight * logp[idx].mean(axis=0)
    logp -= logp.max(axis=1, keepdims=True)
    out = np.exp(logp)
    return out / out.sum(axis=1, keepdims=True)


def speaker_features(probabilities: Mapping[str, float], *,
                     prefix: str = "type_") -> dict[str, float]:
    """A :func:`mention_types` row as named features for another model (the speaker
    ranker): one per type, and the probability that the mention can speak.

    Examples
    --------
    >>> speaker_features({"person": 0.7, "org": 0.1, "group": 0.0, "place": 0.2,
    ...                   "work": 0.0, "other": 0.0})["type_can_speak"]
    0.8
    """
    out = {f"{prefix}{t}": float(p) for t, p in probabilities.items()}
    out[f"{prefix}can_speak"] = round(sum(float(probabilities.get(t, 0.0))
                                          for t in SPEAKER_TYPES), 4)
    return out


def best_type(probabilities: Mapping[str, float]) -> str:
    """The most probable type of a :func:`mention_types` row.

    Examples
    --------
    >>> best_type({"person": 0.7, "org": 0.2, "other": 0.1})
    'person'
    """
    return max(probabilities, key=probabilities.__getitem__)


def explain_type(doc: TextDoc, mention: _Span, *, top: int = 8,
                 typer: MentionTyper | None = None) -> list[tuple[str, float]]:
    """Why a mention got its most probable type: the features that weigh most for it.

    Examples
    --------
    >>> from analysis.text import build
    >>> doc = build("He flew to Gaza.")
    >>> [name for name, _ in explain_type(doc, At(11, 15))][:1]
    ['gaz:city']
    """
    typer = typer or shipped_typing().typer
    feats = mention_features(doc, [mention])[0]
    label = typer.predict([feats])[0]
    return typer.explain(feats, label)[:top]


# ------------------------------------------------------------------- antecedents


@dataclass(frozen=True, slots=True)
class Antecedent:
    """A pronoun and what it refers to: indices into the mention list given to
    :func:`resolve_pronouns` (``antecedent`` ``None`` when no candidate was in the
    window), ``p`` the ranker's probability for that candidate, ``found_by`` how."""

    pronoun: int
    antecedent: int | None
    p: float
    found_by: str = "antecedent ranker (GUM)"


def gender_of(m: Any, by_last: dict[str, str]) -> str:
    """``m``, ``f``, ``p`` (plural) or ``""`` for a mention: its own (pronoun, title, role
    noun), a first name's, else the gender of an earlier name with the same last word."""
    gender = getattr(m, "gender", "") or ""
    if gender in ("m", "f", "p"):
        return gender
    if getattr(m, "kind", "") == "name":
        words = m.text.split()
        first = words[0].lower() if words else ""
        g = first_names().get(first, "") if len(words) > 1 else ""
        if g in ("m", "f"):
            return g
        return by_last.get(words[-1].lower(), "") if words else ""
    return ""


def pair_features(pronoun: str, cand: Any, cand_types: Mapping[str, float], *,
                  cand_gender: str, mentions_back: int, sentences_back: int, rank: int,
                  compatible_rank: int, subject: bool, speaks: bool, same_paragraph: bool,
                  salience: int, after_clause: bool) -> dict[str, float]:
    """Named features of one (pronoun, candidate) pair (see module docs).

    ``pronoun`` is the pronoun in lower case; ``cand`` a mention record (``kind``,
    ``gender``, ``text``); ``cand_types`` its :func:`mention_types` row; the keyword
    arguments describe where the candidate stands (see :func:`resolve_pronouns`).

    Examples
    --------
    >>> f = pair_features("she", _Kind("name"), {"person": 0.9, "place": 0.1},
    ...                   cand_gender="f", mentions_back=1, sentences_back=0, rank=1,
    ...                   compatible_rank=1, subject=True, speaks=False,
    ...                   same_paragraph=True, salience=0, after_clause=False)
    >>> f["hs:gender_match"], f["hs:t_person"]
    (1.0, 0.9)
    """
    g = RESOLVED_PRONOUNS[pronoun]
    own = {"he": "m", "she": "f", "they": "p", "it": "n"}[pronoun]
    f: dict[str, float] = {}
    for t, p in cand_types.items():
        f[f"{g}:t_{t}"] = float(p)
    kind = getattr(cand, "kind", "")
    f[f"{g}:kind_{kind}"] = 1.0
    if kind == "pronoun":
        form = cand.text.lower()
        f[f"{g}:same_pronoun"] = float(form == pronoun)
        if form != pronoun:
            f[f"{g}:other_pronoun_{RESOLVED_PRONOUNS.get(form, 'x')}"] = 1.0
    if own in ("m", "f"):
        if cand_gender == own:
            f["hs:gender_match"] = 1.0
        elif cand_gender in ("m", "f", "p", "n"):
            f["hs:gender_clash"] = 1.0
        else:
            f["hs:gender_unknown"] = 1.0
    elif own == "p":
        if cand_gender == "p":
            f["they:plural"] = 1.0
        elif cand_gender in ("m", "f"):
            f["they:singular_person"] = 1.0
    elif cand_gender in ("m", "f", "p"):
        f["it:personal"] = 1.0
    f[f"{g}:sent_{min(sentences_back, 3)}"] = 1.0
    f[f"{g}:log_mentions_back"] = math.log1p(mentions_back)
    f[f"{g}:rank_{min(rank, 5)}"] = 1.0
    f[f"{g}:compatible_rank_{min(compatible_rank, 4)}"] = 1.0
    if subject:
        f[f"{g}:subject"] = 1.0
    if speaks:
        f[f"{g}:speaks"] = 1.0
    if same_paragraph:
        f[f"{g}:same_paragraph"] = 1.0
    f[f"{g}:log_salience"] = math.log1p(salience)
    if after_clause and sentences_back == 0:
        f[f"{g}:same_sentence_after_clause"] = 1.0
    return f


@dataclass(frozen=True, slots=True)
class _Kind:
    """A stand-in mention for examples: only a kind."""

    kind: str
    gender: str = ""
    text: str = ""


def compatible(pronoun: str, gender: str, types: Mapping[str, float]) -> bool:
    """A cheap filter for the recency rank among compatible candidates."""
    best = best_type(types)
    if pronoun in ("he", "she"):
        own = "m" if pronoun == "he" else "f"
        return best == "person" and gender in ("", own)
    if pronoun == "they":
        return best in ("group", "org") or gender == "p"
    return best not in ("person", "group") and gender not in ("m", "f", "p")


def candidate_pairs(doc: TextDoc, mentions: Sequence[Any],
                    types: Sequence[Mapping[str, float]]
                    ) -> list[tuple[int, list[int], list[dict[str, float]]]]:
    """For every pronoun of :data:`RESOLVED_PRONOUNS` among ``mentions`` (records of
    :func:`analysis.quotes.mentions.find_mentions`, in text order): its index, the
    indices of its candidates (nearest first) and their :func:`pair_features`."""
    return list(_candidate_pairs(doc, mentions, types))


def _candidate_pairs(doc: TextDoc, mentions: Sequence[Any],
                     types: Sequence[Mapping[str, float]]
                     ) -> Iterator[tuple[int, list[int], list[dict[str, float]]]]:
    """:func:`candidate_pairs`, one pronoun at a time (a long document's pairs are not
    all held at once)."""
    info = doc_info(doc)
    toks = doc.tokens
    by_last: dict[str, str] = {}
    genders: list[str] = []
    heads: list[str] = []
    seen_heads: dict[str, int] = {}
    salience: list[int] = []
    for m in mentions:
        gender = gender_of(m, by_last)
        genders.append(gender)
        if getattr(m, "kind", "") == "name" and gender in ("m", "f"):
            by_last[m.text.split()[-1].lower()] = gender
        head = info.lows[_head(doc, info, *token_span(doc, info, m.start, m.end))] \
            if toks else ""
        heads.append(head)
        salience.append(seen_heads.get(head, 0))
        seen_heads[head] = seen_heads.get(head, 0) + 1
    first_of_sentence: set[int] = set()
    seen_sentences: set[int] = set()
    for i, m in enumerate(mentions):
        if m.sentence not in seen_sentences:
            seen_sentences.add(m.sentence)
            first_of_sentence.add(i)
    paragraph = doc.sentence_paragraphs
    for i, m in enumerate(mentions):
        form = m.text.lower()
        if getattr(m, "kind", "") != "pronoun" or form not in RESOLVED_PRONOUNS:
            continue
        cands: list[int] = []
        for j in range(i - 1, -1, -1):
            c = mentions[j]
            if m.sentence - c.sentence > MAX_SENTENCES_BACK or len(cands) >= MAX_CANDIDATES:
                break
            if c.end > m.start or (getattr(c, "kind", "") == "pronoun" and c.gender == "s"):
                continue
            cands.append(j)
        after_clause = m.first >= 1 and toks[m.first - 1].text == "," and info.speaks[m.first]
        feats = []
        compatible_seen = 0
        for rank, j in enumerate(cands, start=1):
            c = mentions[j]
            fits = compatible(form, genders[j], types[j])
            if fits:
                compatible_seen += 1
            head_tok = min(c.last, len(toks)) - 1
            feats.append(pair_features(
                form, c, types[j], cand_gender=genders[j], mentions_back=i - j,
                sentences_back=m.sentence - c.sentence, rank=rank,
                compatible_rank=compatible_seen if fits else 9,
                subject=j in first_of_sentence, speaks=bool(info.speaks[head_tok]),
                same_paragraph=paragraph[c.sentence] == paragraph[m.sentence],
                salience=salience[j], after_clause=after_clause))
        yield i, cands, feats


def resolve_pronouns(doc: TextDoc, mentions: Sequence[Any], *,
                     types: Sequence[Mapping[str, float]] | None = None,
                     ranker: AntecedentRanker | None = None) -> list[Antecedent]:
    """The antecedent of every *he*, *she*, *they* and *it* among ``mentions``.

    Parameters
    ----------
    doc : TextDoc
        The document model.
    mentions : sequence of Mention
        The mentions of :func:`analysis.quotes.mentions.find_mentions` (``kind``,
        ``gender``, ``first``, ``last``, ``sentence``), in text order.
    types : sequence of dict, optional
        Their :func:`mention_types` (computed when not given).
    ranker : AntecedentRanker, optional
        Defaults to the shipped one.

    Returns
    -------
    list of Antecedent
        One per pronoun, in text order; the antecedent is the candidate with the highest
        probability.

    Examples
    --------
    >>> from analysis.text import build
    >>> from analysis.quotes.mentions import find_mentions
    >>> doc = build("Mary Lee met the ministers. They said she was right.")
    >>> ms = find_mentions(doc.text, doc.sentences, doc.tokens)
    >>> [(ms[a.pronoun].text, ms[a.antecedent].text) for a in resolve_pronouns(doc, ms)]
    [('They', 'the ministers'), ('she', 'Mary Lee')]
    """
    ranker = ranker or shipped_typing().ranker
    if types is None:
        types = mention_types(doc, mentions)
    out = []
    for i, cands, feats in _candidate_pairs(doc, mentions, types):
        if not cands:
            out.append(Antecedent(i, None, 0.0))
            continue
        probs = [ranker.probability(f) for f in feats]
        best = max(range(len(cands)), key=lambda k: (probs[k], -k))
        out.append(Antecedent(i, cands[best], round(probs[best], 4)))
    return out
