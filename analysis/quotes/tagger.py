"""The attribution tagger: which tokens are a source, a cue or a content.

A linear-chain CRF (:mod:`analysis.quotes.crf`) trained on annotated news
(:mod:`analysis.quotes.train`) labels every token of a document, one paragraph
at a time, with ``B-``/``I-`` + ``SRC`` (who), ``CUE`` (the reporting verb or
phrase) or ``CON`` (what is attributed), or ``O``.  The quote engine reads its
content spans as indirect and paraphrased speech, its cue spans as cues, and its
source spans as evidence for the speaker ranker.

What it learned from: PolNeAR (Newell, Margolin & Ruths 2018), 2016 US election
news from seven publishers; its notion of attribution (PARC) includes beliefs and
intentions (*he thinks*, *she wants to*), not only speech.  It is weakest on text
unlike that: other domains, other languages, transcripts.

Examples
--------
>>> from analysis.text import build
>>> doc = build("The senator said the bill would pass easily.")
>>> tags = tag(doc)
>>> tags.labels[:3]
('B-SRC', 'I-SRC', 'B-CUE')
>>> [doc.text[s:e] for s, e in tags.spans("CON")]
['the bill would pass easily']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from analysis.paths import DATA
from analysis.quotes.crf import CRF
from analysis.quotes.features import encoded_values, sequences
from analysis.quotes.mentions import Mention
from analysis.quotes.spans import QuoteSpan
from analysis.text import TextDoc

#: Offset added to the content labels' scores: above 0 the tagger finds more content
#: (recall) at some cost in precision.  Chosen on the fit articles with taggers that did
#: not see them (cross-fitting), never on the validation months.
CONTENT_BIAS = 0.1

__all__ = ["CONTENT_BIAS", "Tags", "indirect_spans", "shipped_tagger", "tag", "tag_documents"]


@cache
def shipped_tagger() -> CRF:
    """The tagger shipped in ``data/quotes/tagger.json.gz`` (loaded once per process).

    Raises
    ------
    FileNotFoundError
        If the weights are missing, with the command that rebuilds them.
    """
    path = DATA / "quotes" / "tagger.json.gz"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing; rebuild it with `python -m "
                                f"analysis.quotes.train /path/to/polnear-train`")
    return CRF.load(path)


@dataclass(frozen=True)
class Tags:
    """The tagger's label for every token of a document, with their character offsets."""

    doc: TextDoc
    labels: tuple[str, ...]

    def spans(self, role: str) -> list[tuple[int, int]]:
        """Character spans of the maximal runs labelled ``role`` (``SRC``, ``CUE``, ``CON``);
        a ``B-`` label starts a new run."""
        out: list[tuple[int, int]] = []
        for a, b in self.token_spans(role):
            out.append((self.doc.tokens[a].start, self.doc.tokens[b - 1].end))
        return out

    def token_spans(self, role: str) -> list[tuple[int, int]]:
        """Token ranges ``(a, b)`` of the runs labelled ``role``."""
        out: list[tuple[int, int]] = []
        start = None
        of_role = {label for label in set(self.labels) if label.endswith(role)}
        begins = {label for label in of_role if label.startswith("B-")}
        for k, label in enumerate(self.labels):
            inside = label in of_role
            if start is not None and (not inside or label in begins):
                out.append((start, k))
                start = None
            if inside and start is None:
                start = k
        if start is not None:
            out.append((start, len(self.labels)))
        return out


def tag(doc: TextDoc, *, crf: CRF | None = None, spans: Sequence[QuoteSpan] | None = None,
        mentions: Sequence[Mention] | None = None) -> Tags:
    """Label every token of ``doc`` (see module docs).

    Parameters
    ----------
    doc : TextDoc
        The document model.
    crf : CRF, optional
        The tagger (default: :func:`shipped_tagger`).
    spans, mentions : optional
        The document's quotations and speaker mentions, when already found.
    """
    return tag_documents([doc], crf=crf, spans=[spans], mentions=[mentions])[0]


def tag_documents(docs: Sequence[TextDoc], *, crf: CRF | None = None,
                  spans: Sequence[Sequence[QuoteSpan] | None] | None = None,
                  mentions: Sequence[Sequence[Mention] | None] | None = None) -> list[Tags]:
    """:func:`tag` for several documents at once: the same labels, decoded together
    (one NumPy step per token position for all their paragraphs), which is several
    times faster per document than one at a time."""
    crf = crf or shipped_tagger()
    spans = spans if spans is not None else [None] * len(docs)
    mentions = mentions if mentions is not None else [None] * len(docs)
    parts: dict[str, list[np.ndarray]] = {}
    ranges: list[tuple[int, int]] = []
    offset = 0
    for doc, sp, me in zip(docs, spans, mentions, strict=True):
        # each document's columns encoded as they are made: the same indices as encoding
        # the batch's columns joined, without holding every column of strings at once
        for name, ids in encoded_values(crf, doc, sp, me).items():
            parts.setdefault(name, []).append(ids)
        ranges.extend((a + offset, b + offset) for a, b in sequences(doc))
        offset += len(doc.tokens)
    encoded = {name: np.concatenate(arrays) for name, arrays in parts.items()}
    del parts
    labels: list[str] = ["O"] * offset
    bias = {label: CONTENT_BIAS for label in ("B-CON", "I-CON") if label in crf.labels} \
        if CONTENT_BIAS else None
    for (a, b), tags in zip(ranges, crf.tag_many(encoded, ranges, bias=bias), strict=True):
        labels[a:b] = tags
    out = []
    offset = 0
    for doc in docs:
        out.append(Tags(doc, tuple(labels[offset:offset + len(doc.tokens)])))
        offset += len(doc.tokens)
    return out


def indirect_spans(tags: Tags, *, inside: Sequence[bool] | None = None,
                   min_tokens: int = 3) -> list[tuple[int, int]]:
    """Content spans of indirect and paraphrased speech: runs of content tokens with at
    least ``min_tokens`` tokens outside quotation marks.

    A run without quotation marks is reported when it has ``min_tokens`` tokens.  A
    run that holds a quotation (a *mixed* quotation: ``said the plan was “a
    disaster”``) is reported when ``inside`` (for each token, whether it lies in a
    quotation) is given and ``min_tokens`` of its words lie outside the marks; the
    quotation itself is reported apart, by the marks.
    """
    doc = tags.doc
    out = []
    for a, b in tags.token_spans("CON"):
        toks = doc.tokens[a:b]
        if any(t.kind == "quote" for t in toks):
            if inside is None:
                continue
            words = sum(1 for k in range(a, b)
                        if not inside[k] and doc.tokens[k].kind in ("word", "number"))
            if words < min_tokens:
                continue
        elif b - a < min_tokens:
            continue
        out.append((toks[0].start, toks[-1].end))
    return out
