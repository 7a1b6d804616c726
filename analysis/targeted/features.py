"""Named features of a target mention in its sentence, for sentiment toward the target.

Every feature has a readable name, so a prediction can be explained by the features
that pushed it (:meth:`analysis.targeted.model.TargetSentimentClassifier.explain`).
The target's own tokens are masked (``<T>``) and so are other targets in the
sentence (``<O>``): the model learns from what surrounds a person, not from who
the person is.

Families (``…`` is a lower-cased word; ``±`` is ``pos`` or ``neg``):

``w=…``
    the sentence's words (a bag, as an n-gram baseline would use), target masked;
``L1=…``, ``R1=…``, ``L3=…``, ``R3=…``
    the word right before / after the target and the words within three tokens;
``lex:±``, ``lex:L.near:±`` ... ``lex:R.far:±``
    evaluative words -- a word's valence is the mean of its VADER and AFINN scores
    through :func:`analysis.sentiment.polarity` -- summed over the sentence and by
    side (left / right of the target) and distance (``near`` up to 3 tokens, ``mid``
    up to 8, ``far`` beyond);
``lex:clause:±``
    evaluative words in the target's clause (no ``,;:`` or quotation mark between);
``lex:negated:±``
    evaluative words after a negation within three tokens (their sign flipped first);
``lex:quoted:±``, ``lex:reported:±``, ``lex:own:±``
    whether the evaluation sits inside quotation marks, after a reporting verb
    (``data/reporting_verbs.txt``: someone else's words), or in the writer's own text;
``speaks``, ``speaks&lex:±``
    the target is the subject of a reporting verb (``Smith said``) -- evaluations in
    what a person says are not necessarily about that person;
``in_quote``, ``first``, ``n_other``
    the target is inside a quotation; it opens the sentence (a subject); how many
    other targets the sentence has;
``s:vader``, ``s:afinn``, ``s:textblob``, ``s:hybrid``
    the whole sentence's lexicon scores (:func:`analysis.sentiment.score_rows`).

Examples
--------
>>> text = "Critics said Smith was corrupt and incompetent."
>>> f = featurise([text], [(13, 18)])[0]
>>> f["L1=said"], f["speaks"] if "speaks" in f else 0, f["lex:R.near:neg"] > 0
(1.0, 0, True)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from typing import Any

from analysis.resources import word_list, word_map
from analysis.sentiment import COMPONENTS, score_rows, valences
from analysis.text import classify_marks, fold, tokens
from analysis.text.paragraphs import paragraph_spans

__all__ = ["featurise", "featurise_in"]

_CLAUSE = frozenset(",;:()–—")
_OPEN, _CLOSE = "“‘«„", "”’»"
_SENTENCE = (("s:vader", "vader"), ("s:afinn", "afinn"), ("s:textblob", "textblob"),
             ("s:hybrid", "hybrid"))


@cache
def _negations() -> frozenset[str]:
    return frozenset(word_list("stance/negation.txt")) | {"n't", "never", "no"}


@cache
def _reporting() -> frozenset[str]:
    return frozenset(word_map("reporting_verbs.txt")) | {"according"}


@dataclass(frozen=True)
class _Sentence:
    """Token-level facts of one text, shared by all its mentions."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    valence: list[float]
    quoted: list[bool]
    boundary: list[bool]
    reporting: list[bool]
    negated: list[bool]
    scores: dict[str, float]


#: Sentence scores (``analysis.sentiment.COMPONENTS`` rows) a caller already has, by
#: sentence text: the pipeline scores every sentence once and passes them here.
_KNOWN_ROWS: ContextVar[Mapping[str, Sequence[float]] | None] = ContextVar("known_rows",
                                                                          default=None)


@contextmanager
def known_sentence_scores(rows: Mapping[str, Sequence[float]]) -> Iterator[None]:
    """Within the block, sentences whose text is a key of ``rows`` take those sentiment
    components instead of being scored again (the same numbers: the pipeline's
    :func:`analysis.sentiment.score_document` equals :func:`analysis.sentiment.score_rows`).

    Examples
    --------
    >>> with known_sentence_scores({}):
    ...     len(featurise(["Smith won."], [(0, 5)]))
    1
    """
    token = _KNOWN_ROWS.set(rows)
    try:
        yield
    finally:
        _KNOWN_ROWS.reset(token)


def _analyse(texts: list[str]) -> list[_Sentence]:
    toks = [tokens(t) for t in texts]
    return _facts(texts, [[(t.start, t.end, t.kind, t.text) for t in ts] for ts in toks],
                  [[fold(t.text) for t in ts] for ts in toks])


def _facts(texts: Sequence[str], toks: Sequence[Sequence[tuple[int, int, str, str]]],
           words: Sequence[Sequence[str]]) -> list[_Sentence]:
    """The token-level facts of each text, from its tokens (``(start, end, kind, text)``,
    offsets into the text) and their folded words."""
    valence_of = dict(zip(sorted({w for ws in words for w in ws}),
                          valences(sorted({w for ws in words for w in ws})), strict=True))
    known = _KNOWN_ROWS.get() or {}
    todo = [k for k, t in enumerate(texts) if t not in known]
    scored = dict(zip(todo, score_rows([texts[k] for k in todo], [words[k] for k in todo]),
                      strict=True)) if todo else {}
    rows = [scored[k] if k in scored else known[t] for k, t in enumerate(texts)]
    index = {name: COMPONENTS.index(component) for name, component in _SENTENCE}
    negation, reporting = _negations(), _reporting()
    out = []
    for ts, ws, row in zip(toks, words, rows, strict=True):
        quoted, depth = [], False
        for _, _, kind, text in ts:
            if kind == "quote":
                depth = (True if text in _OPEN else False if text in _CLOSE else not depth)
                quoted.append(False)
            else:
                quoted.append(depth)
        boundary = [kind == "quote" or text in _CLAUSE for _, _, kind, text in ts]
        # a negation among the three words before, and no clause boundary among them
        neg = [w in negation for w in ws]
        negated = [(neg[i - 1] or (i > 1 and neg[i - 2]) or (i > 2 and neg[i - 3])) and not (
            boundary[i - 1] or (i > 1 and boundary[i - 2]) or (i > 2 and boundary[i - 3]))
            if i else False for i in range(len(ws))]
        out.append(_Sentence([t[0] for t in ts], [t[1] for t in ts], list(ws),
                             [valence_of[w] for w in ws], quoted, boundary,
                             [w in reporting for w in ws], negated,
                             {name: float(row[i]) for name, i in index.items()}))
    return out


def _context_tokens(doc: Any, lo: int, hi: int
                    ) -> tuple[list[tuple[int, int, str, str]], list[str]]:
    """The tokens of the document's text ``[lo, hi)`` (whole sentences), offsets from ``lo``,
    as :func:`analysis.text.tokens` gives them for that text alone: the document's own
    tokens, with each quotation mark's role read within the text alone (as it would be)."""
    a, b = doc.token_range(lo, hi)
    ts = doc.tokens[a:b]
    out = [(t.start - lo, t.end - lo, t.kind, t.text) for t in ts]
    if any(t[2] in ("quote", "apostrophe") for t in out):
        text = doc.text[lo:hi]
        view = doc.view[lo:hi]
        roles = {m.start: m.role for m in classify_marks(text, paragraph_spans(view))}
        out = [(s, e, ("apostrophe" if roles.get(s) == "apostrophe" else "quote")
                if kind in ("quote", "apostrophe") else kind, t) for s, e, kind, t in out]
    return out, list(doc.folded[a:b])


def _distance(d: int) -> str:
    return "near" if d <= 3 else "mid" if d <= 8 else "far"


def _mention(s: _Sentence, start: int, end: int,
             others: Sequence[tuple[int, int]]) -> dict[str, float]:
    n = len(s.words)
    target = [i for i in range(n) if s.starts[i] < end and s.ends[i] > start]
    other = {i for a, b in others for i in range(n) if s.starts[i] < b and s.ends[i] > a}
    f: dict[str, float] = dict(s.scores)
    f["n_other"] = float(len(others))
    if not target:  # a span between tokens: treat the nearest token as the target
        target = [min(range(n), key=lambda i: abs(s.starts[i] - start))] if n else []
    if not target:
        return f
    first, last = target[0], target[-1]
    masked = ["<T>" if first <= i <= last else "<O>" if i in other else w
              for i, w in enumerate(s.words)]
    for w in set(masked):
        f[f"w={w}"] = 1.0
    if first > 0:
        f[f"L1={masked[first - 1]}"] = 1.0
    if last + 1 < n:
        f[f"R1={masked[last + 1]}"] = 1.0
    for i in range(max(0, first - 3), first):
        f[f"L3={masked[i]}"] = 1.0
    for i in range(last + 1, min(n, last + 4)):
        f[f"R3={masked[i]}"] = 1.0
    if first <= 1:
        f["first"] = 1.0
    if s.quoted[first]:
        f["in_quote"] = 1.0
    speaks = any(s.reporting[i] for i in range(last + 1, min(n, last + 4))) or (
        first >= 1 and s.reporting[first - 1] and (first == 1 or s.boundary[first - 2]))
    if speaks:
        f["speaks"] = 1.0
    reported_from = next((i for i in range(n) if s.reporting[i]), n)
    for i, v in enumerate(s.valence):
        if v == 0.0 or first <= i <= last or i in other:
            continue
        if s.negated[i]:
            v = -v
            sign = "pos" if v > 0 else "neg"
            _add(f, f"lex:negated:{sign}", abs(v))
        sign = "pos" if v > 0 else "neg"
        size = abs(v)
        side, gap = ("L", first - i) if i < first else ("R", i - last)
        _add(f, f"lex:{sign}", size)
        _add(f, f"lex:{side}.{_distance(gap)}:{sign}", size)
        lo, hi = (i, first) if i < first else (last + 1, i)
        if not any(s.boundary[lo:hi]):
            _add(f, f"lex:clause:{sign}", size)
        voice = "quoted" if s.quoted[i] else "reported" if i > reported_from else "own"
        _add(f, f"lex:{voice}:{sign}", size)
        if speaks:
            _add(f, f"speaks&lex:{sign}", size)
    return f


def _add(f: dict[str, float], key: str, value: float) -> None:
    f[key] = f.get(key, 0.0) + value


def featurise(texts: Sequence[str], spans: Sequence[tuple[int, int]],
              others: Sequence[Sequence[tuple[int, int]]] | None = None) -> list[dict[str, float]]:
    """Named features for each target mention ``texts[k][spans[k][0]:spans[k][1]]``.

    Parameters
    ----------
    texts : sequence of str
        The sentence of each mention (a text may repeat; it is analysed once).
    spans : sequence of (start, end)
        Character offsets of each target mention in its text.
    others : sequence of sequences of (start, end), optional
        For each mention, the other targets of its sentence (masked as ``<O>``).

    Examples
    --------
    >>> f = featurise(["Smith praised Jones."] * 2, [(0, 5), (14, 19)], [[(14, 19)], [(0, 5)]])
    >>> f[0]["R3=<O>"], f[1]["L3=<O>"], f[1]["L1=praised"]
    (1.0, 1.0, 1.0)
    """
    if len(texts) != len(spans):
        raise ValueError(f"got {len(texts)} texts but {len(spans)} spans")
    others = others if others is not None else [()] * len(texts)
    if len(others) != len(texts):
        raise ValueError(f"got {len(texts)} texts but {len(others)} lists of other targets")
    unique = list(dict.fromkeys(texts))
    analysed = dict(zip(unique, _analyse(unique), strict=True))
    return [_mention(analysed[t], int(a), int(b), o)
            for t, (a, b), o in zip(texts, spans, others, strict=True)]


def featurise_in(doc: Any, contexts: Sequence[tuple[int, int]],
                 spans: Sequence[tuple[int, int]],
                 others: Sequence[Sequence[tuple[int, int]]]) -> list[dict[str, float]]:
    """:func:`featurise` for mentions of a document model (:class:`analysis.text.TextDoc`):
    each mention's context is ``doc.text[lo:hi]`` (whole sentences) and its span and the
    other targets are offsets into that context.  The same features as
    :func:`featurise` on the context texts, from the document's own tokens (no text is
    tokenised again).

    Examples
    --------
    >>> from analysis.text import build
    >>> doc = build("Fans cheered. Critics said Smith was corrupt and incompetent.")
    >>> text = doc.text[14:]
    >>> featurise_in(doc, [(14, 61)], [(13, 18)], [()]) == featurise([text], [(13, 18)])
    True
    """
    if not len(contexts) == len(spans) == len(others):
        raise ValueError(f"got {len(contexts)} contexts, {len(spans)} spans and "
                         f"{len(others)} lists of other targets")
    unique = list(dict.fromkeys(contexts))
    parts = [_context_tokens(doc, lo, hi) for lo, hi in unique]
    facts = _facts([doc.text[lo:hi] for lo, hi in unique], [t for t, _ in parts],
                   [w for _, w in parts])
    analysed = dict(zip(unique, facts, strict=True))
    return [_mention(analysed[c], int(a), int(b), o)
            for c, (a, b), o in zip(contexts, spans, others, strict=True)]
