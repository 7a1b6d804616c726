"""Corpus helpers for exploration: frequencies, concordance, collocations, statistics.

Each returns a DataFrame.  Stop words are scikit-learn's English list (shipped with
the package, no download).

Examples
--------
>>> from analysis.text.tokenise import tokenise
>>> sents, toks = tokenise("Talks failed. New talks start.")
>>> frequencies(toks).head(1).to_dict("records")
[{'word': 'talks', 'count': 2, 'share': 0.4}]
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from analysis.text.tokenise import Sentence, Token, fold

__all__ = ["collocation_finder_table", "collocation_table", "collocations", "concordance",
           "content_counts", "folded_words", "frequencies", "frequency_table", "sentence_lengths",
           "type_token_ratio"]

_WORD_KINDS = frozenset({"word", "number", "abbreviation"})


def folded_words(toks: Sequence[Token], stop_words: bool) -> list[str]:
    """The words of ``toks`` folded (:func:`~analysis.text.tokenise.fold`); punctuation,
    quotation marks and clitics dropped, and with ``stop_words=False`` English stop
    words and numbers too.

    Examples
    --------
    >>> from analysis.text.tokenise import tokens
    >>> folded_words(tokens("The talks aren’t over in 2024."), stop_words=False)
    ['talks']
    """
    out = []
    for t in toks:
        if t.kind not in _WORD_KINDS:
            continue
        w = fold(t.text)
        if not stop_words and (w in ENGLISH_STOP_WORDS or not any(c.isalpha() for c in w)):
            continue
        out.append(w)
    return out


@cache
def _stop_words() -> frozenset[str]:
    return frozenset(ENGLISH_STOP_WORDS)


def content_counts(doc: Any) -> dict[str, Counter[Any]]:
    """The content words of a document model (:class:`analysis.text.TextDoc`) and their
    bigrams within each sentence, counted from its own tokens: :func:`folded_words` with
    ``stop_words=False``, sentence by sentence (what the vocabulary figure counts).

    Examples
    --------
    >>> from analysis.text import build
    >>> counts = content_counts(build("The tram plan wins. Tram plan fails."))
    >>> counts["words"]["tram"], counts["bigrams"][("tram", "plan")]
    (2, 2)
    """
    stop = _stop_words()
    kinds = _WORD_KINDS
    keep: dict[str, bool] = {}
    words: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    toks, folded = doc.tokens, doc.folded
    for a, b in doc.sentence_tokens:
        kept = []
        for tok, w in zip(toks[a:b], folded[a:b], strict=True):
            if tok.kind in kinds:
                ok = keep.get(w)
                if ok is None:
                    ok = keep[w] = w not in stop and any(c.isalpha() for c in w)
                if ok:
                    kept.append(w)
        words.update(kept)
        if len(kept) > 1:
            bigrams.update(itertools.pairwise(kept))
    return {"words": words, "bigrams": bigrams}


def frequencies(toks: Sequence[Token], *, stop_words: bool = True, top: int | None = None
                ) -> pd.DataFrame:
    """Word counts (lower-cased; punctuation and clitics dropped), most frequent first.

    ``stop_words=False`` removes English stop words and numbers.  Ties are broken
    alphabetically, so the order is deterministic.
    """
    return frequency_table(folded_words(toks, stop_words), top)


def frequency_table(words: Iterable[str], top: int | None = None) -> pd.DataFrame:
    """:func:`frequencies` of words already folded and filtered."""
    counts = Counter(words)
    total = sum(counts.values()) or 1
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return pd.DataFrame([{"word": w, "count": c, "share": c / total} for w, c in rows],
                        columns=["word", "count", "share"])


def concordance(text: str, toks: Sequence[Token], keyword: str, *, width: int = 40
                ) -> pd.DataFrame:
    """Keyword in context: every token equal to ``keyword`` (case-insensitive).

    Examples
    --------
    >>> from analysis.text.tokenise import tokens
    >>> t = "We reject negotiations. Negotiations fail."
    >>> concordance(t, tokens(t), "negotiations")[["start", "end", "keyword"]].values.tolist()
    [[10, 22, 'negotiations'], [24, 36, 'Negotiations']]
    """
    key = keyword.lower()
    rows = []
    for t in toks:
        if t.text.lower() == key:
            left = text[max(0, t.start - width):t.start].replace("\n", " ")
            right = text[t.end:t.end + width].replace("\n", " ")
            rows.append({"sentence": t.sentence, "start": t.start, "end": t.end,
                         "left": left, "keyword": t.text, "right": right})
    return pd.DataFrame(rows, columns=["sentence", "start", "end", "left", "keyword", "right"])


def collocations(token_lists: Sequence[Sequence[Token]], *, measure: str = "pmi",
                 min_freq: int = 2, top: int = 20) -> pd.DataFrame:
    """Bigram collocations with NLTK's finder, scored by PMI or log-likelihood ratio.

    Stop words are removed before pairing; ``min_freq`` drops rare pairs (PMI
    overrates pairs seen once).
    """
    docs = [folded_words(toks, stop_words=False) for toks in token_lists]
    return collocation_table(docs, measure, min_freq, top)


def collocation_table(docs: Sequence[Sequence[str]], measure: str, min_freq: int,
                      top: int) -> pd.DataFrame:
    """:func:`collocations` of word lists already folded, stop words removed."""
    return collocation_finder_table(BigramCollocationFinder.from_documents(docs), measure,
                                    min_freq, top)


def collocation_finder_table(finder: BigramCollocationFinder, measure: str, min_freq: int,
                             top: int) -> pd.DataFrame:
    """:func:`collocation_table` from NLTK's finder, built from word and bigram counts
    already made (the vocabulary figure's, counted over a whole run); the finder's
    counts of bigrams under ``min_freq`` are dropped."""
    measures = BigramAssocMeasures()
    scorers = {"pmi": measures.pmi, "likelihood": measures.likelihood_ratio}
    if measure not in scorers:
        raise ValueError(f"unknown measure {measure!r}; choose 'pmi' or 'likelihood'")
    finder.apply_freq_filter(min_freq)
    scored = sorted(finder.score_ngrams(scorers[measure]), key=lambda x: (-x[1], x[0]))[:top]
    return pd.DataFrame([{"bigram": f"{a} {b}", "score": s, "count": finder.ngram_fd[(a, b)]}
                         for (a, b), s in scored], columns=["bigram", "score", "count"])


def type_token_ratio(toks: Sequence[Token]) -> float:
    """Distinct words over words (lower-cased; punctuation excluded)."""
    words = folded_words(toks, stop_words=True)
    return len(set(words)) / len(words) if words else 0.0


def sentence_lengths(sents: Sequence[Sentence], toks: Sequence[Token]) -> pd.DataFrame:
    """Words per sentence with summary statistics in ``describe()`` form."""
    counts = Counter(t.sentence for t in toks if t.kind in _WORD_KINDS)
    lengths = pd.Series([counts.get(s.index, 0) for s in sents], name="words")
    return lengths.describe().to_frame().T
