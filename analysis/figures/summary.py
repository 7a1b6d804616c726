"""What the figures of a run rest on, accumulated table chunk by table chunk.

:class:`FigureData` reads a run's tables in chunks -- a folder written by ``python -m
analysis run`` (:meth:`FigureData.from_folder`) or tables in memory
(:meth:`FigureData.from_tables`) -- and keeps only what the figures draw: counts per
speaker, kind, stance label and marker category, the words and bigrams of the
vocabulary figure, the sentences of the first documents, the sentiment of each speaker
(mean and spread), and, in a second pass once the speakers a figure shows are known,
the sentiment of each of their quotes.  Memory grows with the number of distinct
speakers, marker units and words -- not with the number of rows -- so the figures of a
million documents need about what the figures of a thousand need.  Every figure
function (:mod:`analysis.figures.quotes`, ...) reads its numbers from here, so a figure
is the same whether it is drawn from tables in memory or from a folder.

The words of the vocabulary figure are counted by the run from each document's own
tokens (:func:`analysis.text.stats.content_counts`; the stages pass them on); tables without them (tables in
memory, or a folder written before) have their sentences' text tokenised instead, which
gives the same words.

Examples
--------
>>> import pandas as pd
>>> q = pd.DataFrame({"doc_id": ["a", "a", "b"], "speaker": ["Ana", "Ana", None],
...                   "kind": ["direct", "indirect", "direct"],
...                   "sentiment": [0.5, 0.1, 0.0]})
>>> data = FigureData.from_tables({"quotes": q})
>>> data.n_quotes, data.quote_documents, data.speaker_order(15)
(3, 2, (['Ana'], 1))
>>> data.values["Ana"].tolist()
[0.5, 0.1]
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.figures.style import BLANK_NAME

__all__ = ["CHUNK_ROWS", "COLUMNS", "DOCUMENT_UNIT", "FigureData", "WordCounts", "read_chunks"]

#: Rows read (or handed on) at a time.
CHUNK_ROWS = 25_000
#: Unit label of the document rows of the markers table.
DOCUMENT_UNIT = "(document)"


# ------------------------------------------------------------------------------- words


@dataclass
class WordCounts:
    """Content words and bigrams (within a sentence) counted over sentences, as the
    vocabulary figure reads them (:func:`analysis.text.stats.folded_words` with stop
    words and numbers removed)."""

    words: Counter[str] = field(default_factory=Counter)
    bigrams: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, other: Mapping[str, Any]) -> None:
        """Add the counts of one document (:func:`analysis.text.stats.content_counts`)."""
        self.words.update(other["words"])
        self.bigrams.update(other["bigrams"])

    def add_words(self, sentence_words: Sequence[str]) -> None:
        """Count one sentence's words (already folded and filtered)."""
        self.words.update(sentence_words)
        self.bigrams.update(itertools.pairwise(sentence_words))

    def frame(self) -> pd.DataFrame:
        """Every word and every bigram seen at least twice, with their counts (the
        bigrams seen once never reach the figure): ``kind``, ``term``, ``count``."""
        rows = [("word", w, c) for w, c in sorted(self.words.items())]
        rows += [("bigram", f"{a} {b}", c) for (a, b), c in sorted(
            item for item in self.bigrams.items() if item[1] >= 2)]
        return pd.DataFrame(rows, columns=["kind", "term", "count"])

    @classmethod
    def read(cls, path: str | Path) -> WordCounts:
        """The counts :meth:`frame` wrote to ``path`` (CSV)."""
        out = cls()
        frame = pd.read_csv(path, dtype={"kind": str, "term": str, "count": "int64"},
                            keep_default_na=False, na_values=[])
        for kind, term, count in frame.itertuples(index=False):
            if kind == "word":
                out.words[term] = int(count)
            else:
                a, _, b = term.partition(" ")
                out.bigrams[(a, b)] = int(count)
        return out


# ------------------------------------------------------------------------- distinct ids


class _DistinctIds:
    """How many distinct values were seen under each flag, counted by 64-bit hash
    (:func:`pandas.util.hash_array`): 9 bytes per distinct value, whatever the rows."""

    def __init__(self) -> None:
        self._hashes: list[np.ndarray] = []
        self._flags: list[np.ndarray] = []
        self._pending = 0
        self._unique = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint8))

    def add(self, values: pd.Series, flag: int) -> None:
        values = values.dropna()
        if values.empty:
            return
        hashes = np.unique(pd.util.hash_array(values.astype(str).to_numpy(dtype=object)))
        self._hashes.append(hashes)
        self._flags.append(np.full(len(hashes), flag, dtype=np.uint8))
        self._pending += len(hashes)
        if self._pending > 1_000_000:
            self._compact()

    def _compact(self) -> None:
        hashes = np.concatenate([self._unique[0], *self._hashes])
        flags = np.concatenate([self._unique[1], *self._flags])
        order = np.argsort(hashes, kind="stable")
        hashes, flags = hashes[order], flags[order]
        starts = np.flatnonzero(np.r_[True, hashes[1:] != hashes[:-1]])
        self._unique = (hashes[starts], np.bitwise_or.reduceat(flags, starts)
                        if len(hashes) else flags)
        self._hashes, self._flags, self._pending = [], [], 0

    def count(self, flag: int) -> int:
        if self._pending:
            self._compact()
        return int(np.count_nonzero(self._unique[1] & flag))


_QUOTES, _SENTENCES, _MARKERS = 1, 2, 4


# ------------------------------------------------------------------------ reading chunks


def read_chunks(path: str | Path, name: str, columns: Sequence[str],
                chunk_rows: int | None = None) -> Iterator[pd.DataFrame]:
    """The ``columns`` of a table written by ``run`` (those it has), ``chunk_rows`` rows
    (default :data:`CHUNK_ROWS`) at a time, read as :func:`analysis.run.output.read_table`
    reads them (no guessing of missing values: a speaker ``NA`` stays ``NA``; the quote
    put before CSV cells a spreadsheet would run taken off, as ``restore_formulas=True``
    does)."""
    from analysis.run.tables import TABLES, restore

    chunk_rows = chunk_rows or CHUNK_ROWS
    path = Path(path)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        handle = pq.ParquetFile(path)
        present = [c for c in columns if c in handle.schema_arrow.names]
        for batch in handle.iter_batches(batch_size=chunk_rows, columns=present):
            yield batch.to_pandas()
        return
    header = list(pd.read_csv(path, nrows=0, encoding="utf-8").columns)
    present = [c for c in columns if c in header]
    declared = {c.name: c.dtype for c in TABLES[name].columns} if name in TABLES else {}
    dtypes = {c: (str if declared.get(c, "string") == "string" else
                  "Int64" if declared[c] in ("int64", "Int64") else
                  "boolean" if declared[c] == "boolean" else "float64") for c in present}
    reader = pd.read_csv(path, usecols=present, dtype=dtypes, keep_default_na=False,
                         na_values=[""], encoding="utf-8", chunksize=chunk_rows)
    with reader:
        for chunk in reader:
            for c, t in dtypes.items():
                if t == "Int64" and declared.get(c) == "int64" and not chunk[c].isna().any():
                    chunk[c] = chunk[c].astype("int64")
                elif t is str:
                    chunk[c] = chunk[c].map(restore, na_action="ignore")
            yield chunk[present]


def _frame_chunks(frame: pd.DataFrame, columns: Sequence[str]) -> Iterator[pd.DataFrame]:
    chunk_rows = CHUNK_ROWS
    present = [c for c in columns if c in frame.columns]
    for k in range(0, max(len(frame), 1), chunk_rows):
        yield frame.iloc[k:k + chunk_rows][present]


# ----------------------------------------------------------------------------- the data

#: The columns each table is read for.
COLUMNS = {
    "quotes": ("doc_id", "speaker", "kind", "sentiment", "stance", "target", "stance_target",
               "first_sentence", "last_sentence"),
    "sentences": ("doc_id", "sentence", "sentiment", "text"),
    "markers": ("doc_id", "unit", "category", "count", "n_tokens"),
    "portrayal": ("person", "entity", "voice", "label", "n_reporter", "n_negative",
                  "n_neutral", "n_positive"),
}

def _columns(name: str, words: WordCounts | None) -> tuple[str, ...]:
    """The columns read of table ``name``: the sentences' text only when the words of the
    vocabulary figure are still to be counted (a long text column is most of the table)."""
    if name == "sentences" and words is not None:
        return tuple(c for c in COLUMNS[name] if c != "text")
    return COLUMNS[name]


_PORTRAYAL_COUNTS = ["n_reporter", "n_negative", "n_neutral", "n_positive"]


def _blank(speakers: pd.Series) -> pd.Series:
    return speakers.notna() & (speakers.astype(str).str.strip() == "")


@dataclass
class _Moments:
    """Count, mean and sum of squared deviations of a speaker's sentiment, merged
    chunk by chunk (Chan et al.'s pairwise update; a single chunk keeps pandas' own
    numbers)."""

    n: int = 0
    mean: float = math.nan
    m2: float = 0.0

    def merge(self, n: int, mean: float, m2: float) -> None:
        if n == 0:
            return
        if self.n == 0:
            self.n, self.mean, self.m2 = n, mean, m2
            return
        total = self.n + n
        delta = mean - self.mean
        self.mean = self.mean + delta * n / total
        self.m2 = self.m2 + m2 + delta * delta * self.n * n / total
        self.n = total


class FigureData:
    """The figures' numbers, accumulated from a run's tables chunk by chunk (see module
    docs).

    Parameters
    ----------
    top : int
        Speakers (and people) whose every quote's sentiment is kept for the speaker
        figures.
    max_documents : int
        Documents whose sentences the figure along the article draws (the first by id).
    along : tuple, optional
        The documents that figure draws, chosen beforehand
        (:func:`analysis.figures.sentiment.along_selection`: the ids, their groups and the
        caption's words); ``max_documents`` is then not used.
    """

    def __init__(self, *, top: int = 15, max_documents: int = 8,
                 along: tuple[list[Any], dict[Any, str], str] | None = None) -> None:
        self.top = top
        self.max_documents = max_documents
        self.along = along
        self.tables: set[str] = set()
        # quotes
        self.n_quotes = 0
        self.n_attributed = 0
        self.raw_counts: dict[Any, int] = {}
        self.kinds: dict[Any, Counter[str]] = {}
        self.stances: dict[Any, Counter[str]] = {}
        self.quote_columns: set[str] = set()
        self.any_stance = False
        self.targets: dict[str, set[str]] = {}
        self.moments: dict[Any, _Moments] = {}
        self.values: dict[Any, np.ndarray] = {}  # named speaker -> every quote's sentiment
        self.raw_values: dict[Any, np.ndarray] = {}  # raw speaker -> the same
        self.quoted: dict[Any, set[int]] = {}  # shown document -> sentences with a quote
        # sentences
        self.n_sentences = 0
        self.sentence_columns: set[str] = set()
        self.first_docs: dict[Any, list[pd.DataFrame]] = {}
        self.words: WordCounts | None = None
        # markers
        self.marker_counts: dict[Any, dict[Any, int]] = {}
        self.marker_words: dict[Any, int] = {}
        self.categories: dict[Any, None] = {}
        self._run: tuple[Any, set[Any]] = (None, set())
        self.n_marker_rows = 0
        # portrayal
        self.portrayed: dict[Any, np.ndarray] = {}
        self._ids = _DistinctIds()

    # -------------------------------------------------------------------- building

    @classmethod
    def from_tables(cls, tables: Mapping[str, pd.DataFrame], *, words: WordCounts | None = None,
                    on_chunk: Callable[[str, pd.DataFrame], None] | None = None,
                    **options: Any) -> FigureData:
        """From tables in memory (any of ``quotes``, ``sentences``, ``markers``,
        ``portrayal``); ``words`` when counted already (else the sentences' text is
        tokenised); ``on_chunk(name, chunk)`` sees every chunk read (the figure tables
        are written from it)."""
        frames = {n: tables[n] for n in COLUMNS if n in tables and tables[n] is not None}
        return cls._collect(lambda n: _frame_chunks(frames[n], _columns(n, words)), set(frames),
                            words, on_chunk, options)

    @classmethod
    def from_folder(cls, folder: str | Path, *, words: WordCounts | None = None,
                    on_chunk: Callable[[str, pd.DataFrame], None] | None = None,
                    **options: Any) -> FigureData:
        """From the tables a run wrote into ``folder`` (CSV or Parquet), read in chunks."""
        folder = Path(folder)
        paths = {}
        for name in COLUMNS:
            for suffix in (".parquet", ".csv"):
                if (folder / f"{name}{suffix}").exists():
                    paths[name] = folder / f"{name}{suffix}"
                    break
        return cls._collect(lambda n: read_chunks(paths[n], n, _columns(n, words)), set(paths),
                            words, on_chunk, options)

    @classmethod
    def _collect(cls, chunks: Callable[[str], Iterable[pd.DataFrame]], names: set[str],
                 words: WordCounts | None, on_chunk: Callable[[str, pd.DataFrame], None] | None,
                 options: Mapping[str, Any]) -> FigureData:
        data = cls(**options)
        data.tables = names
        data.words = words
        tokenise = words is None
        if tokenise and "sentences" in names:
            data.words = WordCounts()
        for name in ("portrayal", "markers", "sentences", "quotes"):
            if name not in names:
                continue
            add = getattr(data, f"_add_{name}")
            for chunk in chunks(name):
                if name == "sentences":
                    add(chunk, tokenise)
                else:
                    add(chunk)
                if on_chunk is not None:
                    on_chunk(name, chunk)
        if "quotes" in names:  # the second pass: every quote of the speakers shown
            data._select()
            for chunk in chunks("quotes"):
                data._add_quote_values(chunk)
            data._finish_values()
        return data

    # ---------------------------------------------------------------------- quotes

    def _add_quotes(self, chunk: pd.DataFrame) -> None:
        self.quote_columns.update(chunk.columns)
        self.n_quotes += len(chunk)
        if "doc_id" in chunk:
            self._ids.add(chunk["doc_id"], _QUOTES)
        if "speaker" not in chunk:
            return
        said = chunk[chunk["speaker"].notna()]
        self.n_attributed += len(said)
        for speaker, n in said.groupby("speaker", sort=False).size().items():
            self.raw_counts[speaker] = self.raw_counts.get(speaker, 0) + int(n)
        if "kind" in said:
            for (speaker, kind), n in said.groupby(["speaker", "kind"], sort=False).size().items():
                self.kinds.setdefault(speaker, Counter())[kind] += int(n)
        if "stance" in chunk:
            self.any_stance |= bool(chunk["stance"].notna().any())
            for (speaker, label), n in said.groupby(["speaker", "stance"],
                                                    sort=False).size().items():
                self.stances.setdefault(speaker, Counter())[label] += int(n)
        for column in ("target", "stance_target"):
            if column in chunk:
                self.targets.setdefault(column, set()).update(
                    str(v) for v in chunk[column].dropna().unique())
        if "sentiment" in said:
            values = said["sentiment"].astype(float)
            groups = values.groupby(said["speaker"], sort=False)
            stats = pd.DataFrame({"n": groups.count(), "mean": groups.mean(),
                                  "var": groups.var(ddof=0)})
            for speaker, row in stats.iterrows():
                n = int(row["n"])
                self.moments.setdefault(speaker, _Moments()).merge(
                    n, float(row["mean"]), float(row["var"]) * n if n else 0.0)

    def named_counts(self) -> dict[Any, int]:
        """Quotes per speaker, blank names merged under :data:`BLANK_NAME`."""
        out: dict[Any, int] = {}
        for speaker, n in self.raw_counts.items():
            key = BLANK_NAME if _is_blank(speaker) else speaker
            out[key] = out.get(key, 0) + n
        return out

    def speaker_order(self, top: int) -> tuple[list[Any], int]:
        """The ``top`` most quoted speakers (ties by name) and the number of speakers."""
        counts = self.named_counts()
        order = sorted(counts, key=lambda s: (-counts[s], s))
        return order[:top], len(order)

    def named_kinds(self) -> dict[Any, Counter[str]]:
        return _merge_named(self.kinds)

    def named_stances(self) -> dict[Any, Counter[str]]:
        return _merge_named(self.stances)

    @property
    def quote_documents(self) -> int:
        """Distinct documents with a quote."""
        return self._ids.count(_QUOTES)

    def people(self, top: int) -> tuple[list[Any], int]:
        """The ``top`` people by quotes + mentions in the reporter's text (raw names), and
        how many there are (:func:`analysis.figures.portrayal.quoted_vs_portrayed`)."""
        reported = {p: int(c[0]) for p, c in self.portrayed.items() if c[0] > 0}
        everyone = set(self.raw_counts) | set(reported)
        order = sorted(everyone, key=lambda p: (-(self.raw_counts.get(p, 0)
                                                 + reported.get(p, 0)), p))
        return order[:top], len(everyone)

    def _select(self) -> None:
        self._wanted_named = set(self.speaker_order(self.top)[0])
        self._wanted_raw = {p for p in self.people(self.top)[0] if p in self.raw_counts}
        self._named_parts: dict[Any, list[np.ndarray]] = {}
        self._raw_parts: dict[Any, list[np.ndarray]] = {}

    def _add_quote_values(self, chunk: pd.DataFrame) -> None:
        if "doc_id" in chunk and self.first_docs and {"first_sentence",
                                                      "last_sentence"} <= set(chunk.columns):
            mine = chunk[chunk["doc_id"].isin(list(self.first_docs))]
            for doc_id, first, last in zip(mine["doc_id"], mine["first_sentence"],
                                           mine["last_sentence"], strict=True):
                if pd.notna(first):
                    self.quoted.setdefault(doc_id, set()).update(
                        range(int(first), int(last) + 1))
        if "speaker" not in chunk or "sentiment" not in chunk:
            return
        said = chunk[chunk["speaker"].notna()]
        blank = _blank(said["speaker"])
        named = said["speaker"].mask(blank, BLANK_NAME) if blank.any() else said["speaker"]
        values = said["sentiment"].astype(float)
        for parts, keys, wanted in ((self._named_parts, named, self._wanted_named),
                                    (self._raw_parts, said["speaker"], self._wanted_raw)):
            mask = keys.isin(list(wanted))
            if not mask.any():
                continue
            for speaker, group in values[mask].groupby(keys[mask], sort=False):
                parts.setdefault(speaker, []).append(group.to_numpy(dtype=float))

    def _finish_values(self) -> None:
        for parts, out in ((self._named_parts, self.values), (self._raw_parts, self.raw_values)):
            for speaker, arrays in parts.items():
                out[speaker] = np.concatenate(arrays)
        # a speaker whose name is not blank is the same under both keys: one array
        for speaker, values in self.raw_values.items():
            if speaker in self.values and np.array_equal(self.values[speaker], values,
                                                         equal_nan=True):
                self.raw_values[speaker] = self.values[speaker]
        del self._named_parts, self._raw_parts

    def speaker_table(self) -> pd.DataFrame:
        """Per speaker: quotes, sentiment mean and SD (ddof 1), and stance counts when
        the quotes carry stance (the ``figure_speakers`` table)."""
        rows = []
        stance = "stance" in self.quote_columns
        for speaker in sorted(self.raw_counts):
            m = self.moments.get(speaker, _Moments())
            row = {"speaker": speaker, "n_quotes": self.raw_counts[speaker],
                   "sentiment_mean": m.mean if m.n else math.nan,
                   "sentiment_sd": math.sqrt(m.m2 / (m.n - 1)) if m.n > 1 else math.nan}
            if stance:
                counts = self.stances.get(speaker, Counter())
                row.update({f"n_{label}": int(counts.get(label, 0))
                            for label in ("against", "favor", "none")})
            rows.append(row)
        columns = ["speaker", "n_quotes", "sentiment_mean", "sentiment_sd"] + (
            ["n_against", "n_favor", "n_none"] if stance else [])
        out = pd.DataFrame(rows, columns=columns)
        out[["sentiment_mean", "sentiment_sd"]] = (
            out[["sentiment_mean", "sentiment_sd"]].astype(float).round(6))
        return out

    def stance_target(self) -> str | None:
        """The stance target recorded in the quotes table, if any."""
        for column in ("target", "stance_target"):
            values = sorted(self.targets.get(column, ()))
            if values:
                return "; ".join(values)
        return None

    # ------------------------------------------------------------------- sentences

    def _add_sentences(self, chunk: pd.DataFrame, tokenise: bool) -> None:
        self.sentence_columns.update(chunk.columns)
        self.n_sentences += len(chunk)
        if tokenise and "text" in chunk and self.words is not None:
            from analysis.text import Sentence, tokens
            from analysis.text.stats import folded_words

            for text in chunk["text"]:
                # each row is one sentence already: tokenised as one, not split again
                self.words.add_words(folded_words(
                    tokens(text, [Sentence(0, len(text), text, 0)]), stop_words=False))
        if "doc_id" not in chunk:
            return
        self._ids.add(chunk["doc_id"], _SENTENCES)
        if not {"sentence", "sentiment"} <= set(chunk.columns):
            return
        if self.along is not None and not self.first_docs:
            self.first_docs = {d: [] for d in self.along[0]}
        for doc_id in chunk["doc_id"].dropna().unique():
            if self.along is not None:
                break  # the documents were chosen beforehand
            if doc_id in self.first_docs:
                continue
            if len(self.first_docs) >= self.max_documents:
                last = max(self.first_docs, key=str, default=None)
                if last is None or str(doc_id) >= str(last):
                    continue
                del self.first_docs[last]
            self.first_docs[doc_id] = []
        mine = chunk[chunk["doc_id"].isin(list(self.first_docs))]
        for doc_id, rows in mine.groupby("doc_id", sort=False):
            self.first_docs[doc_id].append(rows[["sentence", "sentiment"]])

    @property
    def sentence_documents(self) -> int:
        """Distinct documents with a sentence."""
        return self._ids.count(_SENTENCES)

    def first_documents(self) -> dict[Any, pd.DataFrame]:
        """The sentences (``sentence``, ``sentiment``) of the documents drawn along the
        article: the ``along`` choice in its order, else the first documents by id."""
        order = (self.along[0] if self.along is not None
                 else sorted(self.first_docs, key=str))
        return {d: pd.concat(self.first_docs[d], ignore_index=True)
                for d in order if self.first_docs.get(d)}

    # --------------------------------------------------------------------- markers

    def _add_markers(self, chunk: pd.DataFrame) -> None:
        self.n_marker_rows += len(chunk)
        if chunk.empty:
            return
        self._ids.add(chunk["doc_id"], _MARKERS)
        self.categories.update(dict.fromkeys(chunk["category"]))
        for (unit, category), n in chunk.groupby(["unit", "category"],
                                                 sort=False)["count"].sum().items():
            counts = self.marker_counts.setdefault(unit, {})
            counts[category] = counts.get(category, 0) + int(n)
        # the words of each unit: once per unit of a document (its rows are consecutive)
        ids = chunk["doc_id"].astype(str).to_numpy(dtype=object)
        previous, seen = self._run
        runs = np.cumsum(np.r_[ids[0] != previous, ids[1:] != ids[:-1]])
        first = chunk.assign(_run=runs).drop_duplicates(["_run", "unit"])
        for run, unit, n in zip(first["_run"], first["unit"], first["n_tokens"], strict=True):
            if run == 0:
                if unit in seen:
                    continue
                seen.add(unit)
            self.marker_words[unit] = self.marker_words.get(unit, 0) + int(n)
        last_run = runs[-1]
        tail = set(first.loc[first["_run"] == last_run, "unit"])
        self._run = (ids[-1], (seen | tail) if last_run == 0 else tail)

    @property
    def marker_documents(self) -> int:
        """Distinct documents with marker counts."""
        return self._ids.count(_MARKERS)

    # ------------------------------------------------------------------- portrayal

    def _add_portrayal(self, chunk: pd.DataFrame) -> None:
        if "voice" in chunk.columns:
            from analysis.targeted.portrayal import portrayal_summary

            chunk = portrayal_summary(chunk)
        if "person" in chunk.columns and "entity" not in chunk.columns:
            chunk = chunk.rename(columns={"person": "entity"})
        if chunk.empty:
            return
        sums = chunk.groupby("entity", sort=False)[_PORTRAYAL_COUNTS].sum()
        for entity, row in zip(sums.index, sums.to_numpy(dtype=np.int64), strict=True):
            known = self.portrayed.get(entity)
            self.portrayed[entity] = row if known is None else known + row

    def portrayal_counts(self) -> pd.DataFrame:
        """Per person (index, sorted): mentions in the reporter's text and how many were
        negative, neutral, positive."""
        people = sorted(self.portrayed)
        return pd.DataFrame([self.portrayed[p] for p in people], index=pd.Index(
            people, name="entity"), columns=_PORTRAYAL_COUNTS).astype("int64") if people \
            else pd.DataFrame(columns=_PORTRAYAL_COUNTS)


def _is_blank(value: Any) -> bool:
    return str(value).strip() == ""


def _merge_named(by_raw: Mapping[Any, Counter[str]]) -> dict[Any, Counter[str]]:
    out: dict[Any, Counter[str]] = {}
    for speaker, counts in by_raw.items():
        key = BLANK_NAME if _is_blank(speaker) else speaker
        out.setdefault(key, Counter()).update(counts)
    return out
