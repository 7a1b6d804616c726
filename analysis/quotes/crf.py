"""A linear-chain CRF for token tagging, stored as JSON and decoded with NumPy.

The attribution tagger labels every token as part of a **source**, a **cue**, a
**content** or none (``B-``/``I-`` prefixes mark where a span begins).  It is
trained with ``sklearn-crfsuite`` (:mod:`analysis.quotes.train`); what ships is a
text file of weights, read here, so that tagging needs neither crfsuite nor pickles.

Features are *templates*: a template gives every token one string value (its
lower-cased word, its shape, whether it lies inside quotation marks, ...), and the
model has a weight per (template, offset, value, label) -- offset ``-1`` reads the
value of the token before.  Because the weights are grouped by template, scoring
is vectorised: each token's value is looked up once per template, and the scores of
all tokens for one (template, offset) come from one NumPy indexing operation.

Decoding is Viterbi; :meth:`CRF.marginals` gives the posterior probability of each
label at each token (forward-backward), which explanations and the speaker ranker use.

Examples
--------
>>> crf = CRF.from_weights(
...     labels=["O", "B-CUE"],
...     state={("w", 0, "said", "B-CUE"): 3.0, ("w", -1, "he", "B-CUE"): 1.0,
...            ("w", 0, "he", "O"): 1.0, ("w", 0, "it", "O"): 1.0},
...     transitions={})
>>> crf.tag([{"w": "he"}, {"w": "said"}, {"w": "it"}])
['O', 'B-CUE', 'O']
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["CRF", "Template"]

#: A template's value for one token; ``None`` means "no value" (contributes nothing).
Values = Sequence[str | None]


@dataclass(frozen=True)
class Template:
    """Weights of one feature template: its vocabulary and a matrix per offset.

    ``weights[offset]`` has shape ``(len(vocabulary) + 1, n_labels)``; row 0 is the
    all-zero row used for unknown values and for positions outside the sequence.
    """

    name: str
    vocabulary: Mapping[str, int]
    weights: Mapping[int, np.ndarray]


@dataclass(frozen=True)
class CRF:
    """A linear-chain CRF: labels, transition weights and feature templates.

    Build it with :meth:`from_weights` (from crfsuite's learned weights) or
    :meth:`load` (from the shipped JSON).
    """

    labels: tuple[str, ...]
    transitions: np.ndarray  # (n_labels, n_labels): from row label to column label
    templates: Mapping[str, Template]
    meta: Mapping[str, Any]

    # ------------------------------------------------------------------ building
    @classmethod
    def from_weights(cls, labels: Sequence[str],
                     state: Mapping[tuple[str, int, str, str], float],
                     transitions: Mapping[tuple[str, str], float],
                     meta: Mapping[str, Any] | None = None) -> CRF:
        """Build from ``{(template, offset, value, label): weight}`` and
        ``{(from_label, to_label): weight}``."""
        labels = tuple(labels)
        index = {label: i for i, label in enumerate(labels)}
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in transitions.items():
            trans[index[a], index[b]] = w
        vocab: dict[str, dict[str, int]] = {}
        for (name, _offset, value, _label) in state:
            words = vocab.setdefault(name, {})
            if value not in words:
                words[value] = len(words) + 1
        mats: dict[str, dict[int, np.ndarray]] = {}
        for (name, offset, value, label), w in state.items():
            by_offset = mats.setdefault(name, {})
            if offset not in by_offset:
                by_offset[offset] = np.zeros((len(vocab[name]) + 1, len(labels)))
            by_offset[offset][vocab[name][value], index[label]] = w
        templates = {name: Template(name, vocab[name], mats[name]) for name in sorted(vocab)}
        return cls(labels, trans, templates, dict(meta or {}))

    # ------------------------------------------------------------------ storage
    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: labels, transitions, and per template its vocabulary and
        the non-zero weights as ``[value index, label index, weight]`` triples."""
        out: dict[str, Any] = {"format": "analysis.crf/1", "labels": list(self.labels),
                               "transitions": np.round(self.transitions, 6).tolist(),
                               "meta": dict(self.meta), "templates": {}}
        for name, tpl in self.templates.items():
            words = sorted(tpl.vocabulary, key=tpl.vocabulary.__getitem__)
            offsets = {}
            for offset, mat in sorted(tpl.weights.items()):
                rows, cols = np.nonzero(mat)
                offsets[str(offset)] = [[int(r), int(c), round(float(mat[r, c]), 6)]
                                        for r, c in zip(rows, cols, strict=True)]
            out["templates"][name] = {"vocabulary": words, "weights": offsets}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CRF:
        """Inverse of :meth:`to_json`."""
        if data.get("format") != "analysis.crf/1":
            raise ValueError(f"not a CRF weights file (format {data.get('format')!r}, expected "
                             f"'analysis.crf/1'); rebuild it with python -m analysis.quotes.train")
        labels = tuple(data["labels"])
        templates = {}
        for name, tpl in data["templates"].items():
            vocab = {w: i + 1 for i, w in enumerate(tpl["vocabulary"])}
            mats = {}
            for offset, triples in tpl["weights"].items():
                mat = np.zeros((len(vocab) + 1, len(labels)))
                for r, c, w in triples:
                    mat[r, c] = w
                mats[int(offset)] = mat
            templates[name] = Template(name, vocab, mats)
        return cls(labels, np.asarray(data["transitions"], dtype=float), templates,
                   dict(data.get("meta", {})))

    def save(self, path: str | Path) -> None:
        """Write the weights as (gzipped, when the name ends in ``.gz``) JSON."""
        path = Path(path)
        text = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
        if path.suffix == ".gz":
            with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
                handle.write(text)
        else:
            path.write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> CRF:
        """Read weights written by :meth:`save`."""
        path = Path(path)
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            return cls.from_json(json.load(handle))

    # ------------------------------------------------------------------ scoring
    def encode(self, values: Mapping[str, Values]) -> dict[str, np.ndarray]:
        """Each template's values as vocabulary indices (0 for unknown or ``None``);
        done once per document, then sliced per sequence by :meth:`emissions`."""
        ids = {}
        for name, tpl in self.templates.items():
            vals = values.get(name)
            if vals is None:
                continue
            ids[name] = np.fromiter(map(tpl.vocabulary.get, vals, itertools.repeat(0)),
                                    dtype=np.int64, count=len(vals))
        return ids

    def emissions(self, ids: Mapping[str, np.ndarray], a: int, b: int) -> np.ndarray:
        """Label scores ``(b - a, n_labels)`` of the sequence of tokens ``a..b``.

        Offsets that fall outside ``[a, b)`` contribute nothing, as in training.
        """
        n = b - a
        scores = np.zeros((max(n, 0), len(self.labels)))
        if n <= 0:
            return scores
        for name, column in ids.items():
            seq = column[a:b]
            for offset, mat in self.templates[name].weights.items():
                if offset == 0:
                    scores += mat[seq]
                elif offset > 0:
                    if offset < n:
                        scores[:n - offset] += mat[seq[offset:]]
                elif -offset < n:
                    scores[-offset:] += mat[seq[:n + offset]]
        return scores

    def emissions_ranges(self, ids: Mapping[str, np.ndarray],
                         ranges: Sequence[tuple[int, int]]) -> np.ndarray:
        """The emissions of several sequences, concatenated: equal to stacking
        :meth:`emissions` of each range, computed with one NumPy operation per
        (template, offset) for all of them."""
        index = np.concatenate([np.arange(a, b) for a, b in ranges]) if ranges else \
            np.zeros(0, dtype=np.int64)
        seq = np.concatenate([np.full(b - a, i) for i, (a, b) in enumerate(ranges)]) \
            if ranges else np.zeros(0, dtype=np.int64)
        n = len(index)
        scores = np.zeros((n, len(self.labels)))
        if n == 0:
            return scores
        # for each offset, the token each row reads, or ``n`` (a padding position whose
        # value is 0, the all-zero row) outside the row's sequence: adding that zero row
        # leaves the score as it was, so every row sums the same terms in the same order
        shifted: dict[int, np.ndarray] = {}
        padded = np.zeros(n + 1, dtype=np.int64)
        identity = n == len(next(iter(ids.values()), ())) and \
            bool(np.array_equal(index, np.arange(n)))
        for name, column in ids.items():
            col = column if identity else column[index]
            padded[:n] = col
            for offset, mat in self.templates[name].weights.items():
                if offset == 0:
                    scores += mat.take(col, axis=0)  # = mat[col], without fancy indexing
                    continue
                if mat[0].any():  # no all-zero row 0: skip outside positions instead
                    src = np.arange(n) + offset
                    ok = (src >= 0) & (src < n)
                    ok[ok] = seq[src[ok]] == seq[ok]
                    scores[np.nonzero(ok)[0]] += mat[col[src[ok]]]
                    continue
                src = shifted.get(offset)
                if src is None:
                    src = np.arange(n) + offset
                    ok = (src >= 0) & (src < n)
                    ok[ok] = seq[src[ok]] == seq[ok]
                    src[~ok] = n
                    shifted[offset] = src
                scores += mat.take(padded[src], axis=0)
        return scores

    def tag_scores(self, emissions: np.ndarray) -> list[str]:
        """Viterbi decoding of one sequence's emission scores."""
        n = len(emissions)
        if n == 0:
            return []
        back = np.zeros((n, len(self.labels)), dtype=np.int64)
        delta = emissions[0].copy()
        trans = self.transitions
        for k in range(1, n):
            cand = delta[:, None] + trans
            back[k] = cand.argmax(axis=0)
            delta = cand.max(axis=0) + emissions[k]
        best = [int(delta.argmax())]
        for k in range(n - 1, 0, -1):
            best.append(int(back[k, best[-1]]))
        best.reverse()
        return [self.labels[i] for i in best]

    def tag_many(self, ids: Mapping[str, np.ndarray],
                 ranges: Sequence[tuple[int, int]], *, chunk: int = 256,
                 bias: Mapping[str, float] | None = None) -> list[list[str]]:
        """Viterbi decoding of many sequences at once (token ranges into ``ids``).

        The same labels as :meth:`tag_scores` on each range.  Sequences are sorted by
        length and decoded side by side in chunks of ``chunk``, one NumPy step per
        position of a chunk instead of one per token.  ``bias`` adds a constant to the
        score of the labels it names at every token.
        """
        ranges = list(ranges)
        out: list[list[str]] = [[] for _ in ranges]
        if not ranges:
            return out
        flat = self.emissions_ranges(ids, ranges)
        if bias:  # a per-label offset: trades precision against recall of a label
            for label, value in bias.items():
                flat[:, self.labels.index(label)] += value
        starts = np.cumsum([0] + [b - a for a, b in ranges])
        order = sorted(range(len(ranges)), key=lambda i: ranges[i][1] - ranges[i][0])
        for lo in range(0, len(order), chunk):
            group = order[lo:lo + chunk]
            decoded = self._viterbi_batch([flat[starts[i]:starts[i + 1]] for i in group])
            for i, labels in zip(group, decoded, strict=True):
                out[i] = labels
        return out

    def _viterbi_batch(self, emissions: Sequence[np.ndarray]) -> list[list[str]]:
        """Viterbi decoding of sequences side by side; the same arithmetic as
        :meth:`tag_scores` on each.  When the sequences come shortest first (as
        :meth:`tag_many` orders them), the sequences still running at a position are
        a suffix of the batch, and each step works on that suffix alone."""
        m = len(self.labels)
        lengths = np.array([len(e) for e in emissions])
        longest = int(lengths.max(initial=0))
        if longest == 0:
            return [[] for _ in emissions]
        count = len(emissions)
        if count > 1 and bool((np.diff(lengths) < 0).any()):
            order = sorted(range(count), key=lambda i: len(emissions[i]))
            decoded = self._viterbi_batch([emissions[i] for i in order])
            out: list[list[str]] = [[] for _ in emissions]
            for i, labels in zip(order, decoded, strict=True):
                out[i] = labels
            return out
        # position-major: the live sequences at position t are em[t, first[t]:], contiguous
        em = np.zeros((longest, count, m))
        for i, e in enumerate(emissions):
            em[:len(e), i] = e
        back = np.zeros((longest, count, m), dtype=np.intp)
        delta = em[0].copy()
        # to[j, i]: the transition from label i to label j, so that the previous label
        # is the last (contiguous) axis of each step's scores
        to = np.ascontiguousarray(self.transitions.T)[None, :, :]
        # first[t]: the first sequence (lengths ascending) still running at position t
        first = np.searchsorted(lengths, np.arange(longest), side="right").tolist()
        # the best score of each (sequence, label) is read at its argmax (flat index
        # ``row * m + previous label``): one gather instead of a max reduction over an
        # axis of m, which NumPy does several times slower
        rows = np.arange(count * m, dtype=np.intp) * m
        for t in range(1, longest):
            lo = first[t]
            live = delta[lo:]
            cand = live[:, None, :] + to
            best = back[t, lo:]
            cand.argmax(axis=2, out=best)
            np.add(cand.ravel().take(rows[:best.size] + best.ravel()).reshape(best.shape),
                   em[t, lo:], out=live)
        ends = delta.argmax(axis=1).tolist()
        names = self.labels
        out = []
        for i, n in enumerate(lengths.tolist()):
            if n == 0:
                out.append([])
                continue
            steps = back[:n, i].tolist()
            cur = ends[i]
            path = [cur]
            for t in range(n - 1, 0, -1):
                cur = steps[t][cur]
                path.append(cur)
            path.reverse()
            out.append([names[j] for j in path])
        return out

    def marginals_scores(self, emissions: np.ndarray) -> np.ndarray:
        """Posterior label probabilities ``(n, n_labels)`` by forward-backward."""
        n, m = emissions.shape
        if n == 0:
            return np.zeros((0, m))
        trans = self.transitions
        alpha = np.zeros((n, m))
        beta = np.zeros((n, m))
        alpha[0] = emissions[0]
        for k in range(1, n):
            alpha[k] = _logsumexp(alpha[k - 1][:, None] + trans, axis=0) + emissions[k]
        for k in range(n - 2, -1, -1):
            beta[k] = _logsumexp(trans + (emissions[k + 1] + beta[k + 1])[None, :], axis=1)
        log_z = _logsumexp(alpha[-1], axis=0)
        return np.exp(alpha + beta - log_z)

    def tag(self, items: Sequence[Mapping[str, str | None]]) -> list[str]:
        """Tag one sequence given as per-token ``{template: value}`` dicts (slow path,
        for examples and tests; the engine encodes whole documents)."""
        names = {name for item in items for name in item}
        ids = self.encode({name: [item.get(name) for item in items] for name in names})
        return self.tag_scores(self.emissions(ids, 0, len(items)))

    @classmethod
    def from_crfsuite(cls, model: Any, meta: Mapping[str, Any] | None = None) -> CRF:
        """Convert a fitted ``sklearn_crfsuite.CRF`` whose attributes are
        ``template@offset:value`` (see :func:`analysis.quotes.features.crfsuite_items`)."""
        state = {}
        for (attr, label), weight in model.state_features_.items():
            key, _, value = attr.partition(":")
            name, _, offset = key.partition("@")
            state[(name, int(offset), value, label)] = weight
        return cls.from_weights(model.classes_, state, model.transition_features_, meta)


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = x.max(axis=axis, keepdims=True)
    return (top + np.log(np.exp(x - top).sum(axis=axis, keepdims=True))).squeeze(axis)
