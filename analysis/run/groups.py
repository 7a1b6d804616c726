"""Tables by group: compare outlets, authors or months on the tables of a run.

Every function here is pure: it takes the tables of a run (a mapping of table name
to DataFrame, or :class:`analysis.run.pipeline.Tables`) and returns a new, tidy
DataFrame.  The group of a quote, sentence or speaker is the value of a column
of the ``documents`` table (which carries the corpus's metadata columns, such as
``outlet`` or ``date``) for its ``doc_id``.

Nothing is dropped silently: documents with no value in the group column form
the group ``(no value)``; documents whose date cannot be read form the periods
``(no date)`` and ``(unparseable date)``, listed by :func:`undated`.

One module of about 500 lines on purpose: a period is one more group (over time is
grouping by a parsed date), and every function shares the same reading of the
documents table (:func:`group_of`) and the same rule for missing values.

Examples
--------
>>> import pandas as pd
>>> tables = {
...     "documents": pd.DataFrame({"doc_id": ["a", "b", "c"],
...                                "outlet": ["Post", "Post", "Courier"],
...                                "date": ["2024-01-09", "2024-02-01", "n.d."]}),
...     "quotes": pd.DataFrame({"doc_id": ["a", "a", "b", "c"],
...                             "speaker": ["Okafor", "Brandt", "Okafor", "Okafor"],
...                             "kind": ["direct", "partial", "direct", "indirect"],
...                             "sentiment": [0.2, -0.4, 0.1, 0.0]})}
>>> speaker_counts(tables, "outlet")[["outlet", "speaker", "n_quotes"]].values.tolist()
[['Courier', 'Okafor', 1], ['Post', 'Okafor', 2], ['Post', 'Brandt', 1]]
>>> over_time(tables, "date")[["period", "n_documents", "n_quotes"]].values.tolist()
[['2024-01', 1, 2], ['2024-02', 1, 1], ['(unparseable date)', 1, 1]]
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analysis.paths import DATA
from analysis.run.checks import GroupingError, check_columns, suggestion
from analysis.run.tables import TABLES

__all__ = ["DEMO_CORPUS", "KINDS", "NO_DATE", "NO_VALUE", "PERIODS", "UNPARSEABLE", "GroupingError",
           "check_columns", "document_counts", "group_of", "group_tables", "groupable_columns", "kind_counts",
           "over_time", "parse_dates", "period_of", "sentiment_summary", "speaker_counts",
           "undated", "with_metadata"]

#: The invented multi-outlet demo corpus (CSV: id, outlet, date, title, text; see its README).
DEMO_CORPUS = DATA / "demo" / "articles.csv"
#: Group label of documents with no value in the group column.
NO_VALUE = "(no value)"
#: Period label of documents with no date.
NO_DATE = "(no date)"
#: Period label of documents whose date could not be read.
UNPARSEABLE = "(unparseable date)"
#: Periods :func:`over_time` accepts (pandas period aliases) and what they mean.
PERIODS = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
#: Quote kinds in display order.
KINDS = ("direct", "partial", "indirect")

_YEAR_ONLY = re.compile(r"\s*\d{4}\s*")
#: Columns of ``documents`` the pipeline computes; every other column is metadata.
_COMPUTED = tuple(TABLES["documents"].names())


def _tables(tables: Any) -> dict[str, pd.DataFrame]:
    if isinstance(tables, Mapping):
        return dict(tables)
    if hasattr(tables, "items"):  # analysis.run.pipeline.Tables
        return dict(tables.items())
    raise TypeError(f"expected the tables of a run (a dict of DataFrames or Tables), got "
                    f"{type(tables).__name__}")


def _documents(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    if "documents" not in tables:
        raise GroupingError(f"no documents table among the tables {sorted(tables)}; grouping "
                            f"needs it (it holds the metadata columns such as outlet or date)")
    return tables["documents"]


def groupable_columns(documents: pd.DataFrame) -> list[str]:
    """The columns of ``documents`` one may group by: metadata first, then computed ones.

    Examples
    --------
    >>> groupable_columns(pd.DataFrame(columns=["doc_id", "status", "n_quotes", "outlet"]))
    ['outlet', 'status', 'n_quotes']
    """
    meta = [c for c in documents.columns if c not in _COMPUTED]
    computed = [c for c in documents.columns if c in _COMPUTED and c != "doc_id"]
    return meta + computed


def _column(documents: pd.DataFrame, column: str, what: str) -> pd.Series:
    if column not in documents.columns:
        meta = [c for c in documents.columns if c not in _COMPUTED]
        hint = (f"the metadata columns are {meta}" if meta else
                "the documents table has no metadata columns: a table corpus (CSV, JSON lines, "
                "Parquet) keeps its other columns, or join them with "
                "analysis.run.groups.with_metadata(tables, 'corpus.csv')")
        raise GroupingError(f"cannot {what} {column!r}: the documents table has no such "
                            f"column{suggestion(column, documents.columns)}; {hint}; every "
                            f"column: {groupable_columns(documents)}")
    ids = documents["doc_id"].astype(str)
    values = documents[column]
    clash = (pd.DataFrame({"id": ids, "v": values.astype(str)}).drop_duplicates()
             .loc[lambda f: f.id.duplicated(keep=False), "id"].unique())
    if len(clash):
        raise GroupingError(f"cannot {what} {column!r}: documents {list(clash[:5])} appear "
                            f"more than once with different values; give every document a "
                            f"unique id (--id-column)")
    return pd.Series(values.to_numpy(), index=ids, name=column).groupby(level=0).first()


def _label(value: Any) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return NO_VALUE
    text = str(value).strip()
    return text or NO_VALUE


def group_of(tables: Any, by: str) -> pd.Series:
    """The group label of every document: ``doc_id`` (as text) -> label of column ``by``.

    Labels are text; missing or empty values become :data:`NO_VALUE`.  Raises
    :class:`GroupingError` naming the available columns when ``by`` does not exist.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": [1, 2], "outlet": ["Post", None]})
    >>> group_of({"documents": docs}, "outlet").to_dict()
    {'1': 'Post', '2': '(no value)'}
    >>> group_of({"documents": docs}, "outlett")
    Traceback (most recent call last):
    ...
    analysis.run.checks.GroupingError: cannot group by 'outlett': the documents table has no such column (did you mean 'outlet'?); the metadata columns are ['outlet']; every column: ['outlet']
    """
    column = _column(_documents(_tables(tables)), by, "group by")
    return column.map(_label).rename(by)


def _with_group(table: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """``table`` with the group column added (rows of unknown documents: NO_VALUE)."""
    out = table.copy()
    out[groups.name] = table["doc_id"].astype(str).map(groups).fillna(NO_VALUE).to_numpy()
    return out


def _order(labels: pd.Series | list[str]) -> list[str]:
    """Group labels sorted as text, the special labels last."""
    special = [NO_VALUE, NO_DATE, UNPARSEABLE]
    values = list(dict.fromkeys(labels))
    return (sorted(v for v in values if v not in special)
            + [v for v in special if v in values])


def _sorted(frame: pd.DataFrame, by: str, *then: str, ascending: tuple[bool, ...] = ()
            ) -> pd.DataFrame:
    rank = {g: i for i, g in enumerate(_order(frame[by]))}
    keys = ["_rank", *then]
    frame = frame.assign(_rank=frame[by].map(rank))
    order = [True, *(ascending or (True,) * len(then))]
    return (frame.sort_values(keys, ascending=order, kind="stable").drop(columns="_rank")
            .reset_index(drop=True))


def document_counts(tables: Any, by: str) -> pd.DataFrame:
    """Per group: documents (all, analysed), sentences, words, quotes, attributed quotes, speakers.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> document_counts(example_tables(), "outlet").to_dict("records")[0]
    {'outlet': 'Courier', 'n_documents': 1, 'n_analysed': 1, 'n_sentences': 3, 'n_tokens': 40, 'n_quotes': 1, 'n_attributed': 1, 'n_speakers': 1}
    """
    tables = _tables(tables)
    groups = group_of(tables, by)
    docs = _with_group(_documents(tables), groups)
    status = docs["status"] if "status" in docs else pd.Series("ok", index=docs.index)
    docs = docs.assign(_ok=(status == "ok").astype(int))
    agg = {"n_documents": ("doc_id", "size"), "n_analysed": ("_ok", "sum")}
    for col in ("n_sentences", "n_tokens"):
        if col in docs:
            agg[col] = (col, "sum")
    out = docs.groupby(by, sort=False).agg(**agg)
    quotes = _with_group(tables.get("quotes", pd.DataFrame(columns=["doc_id", "speaker"])),
                         groups)
    attributed = quotes.dropna(subset=["speaker"])
    out["n_quotes"] = quotes.groupby(by).size().reindex(out.index, fill_value=0)
    out["n_attributed"] = attributed.groupby(by).size().reindex(out.index, fill_value=0)
    out["n_speakers"] = (attributed.groupby(by)["speaker"].nunique()
                         .reindex(out.index, fill_value=0))
    return _sorted(out.reset_index().astype({c: "int64" for c in out.columns}), by)


def speaker_counts(tables: Any, by: str) -> pd.DataFrame:
    """Who is quoted by which group: one row per group and speaker.

    Columns: the group column, ``speaker``, ``n_quotes``, ``n_documents`` (documents
    of the group that quote the speaker) and ``share`` (of the group's attributed
    quotes).  Quotes without a speaker are left out here and counted by
    :func:`document_counts` (``n_quotes`` minus ``n_attributed``).  Sorted by
    group, then most quoted first, then name.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> speaker_counts(example_tables(), "outlet").to_dict("records")[1]
    {'outlet': 'Post', 'speaker': 'Okafor', 'n_quotes': 2, 'n_documents': 2, 'share': 0.666667}
    """
    tables = _tables(tables)
    groups = group_of(tables, by)
    quotes = _with_group(tables["quotes"], groups).dropna(subset=["speaker"])
    out = (quotes.groupby([by, "speaker"])
           .agg(n_quotes=("doc_id", "size"), n_documents=("doc_id", "nunique")).reset_index())
    totals = out.groupby(by)["n_quotes"].transform("sum")
    out["share"] = (out["n_quotes"] / totals).round(6)
    return _sorted(out, by, "n_quotes", "speaker", ascending=(False, True))


def _summary(values: pd.Series) -> dict[str, float]:
    values = values.dropna()
    n = len(values)
    return {"n": n, "mean": values.mean() if n else np.nan,
            "sd": values.std(ddof=1) if n > 1 else np.nan,
            "median": values.median() if n else np.nan,
            "min": values.min() if n else np.nan, "max": values.max() if n else np.nan}


def sentiment_summary(tables: Any, by: str, *, unit: str = "quotes",
                      column: str | None = None) -> pd.DataFrame:
    """Sentiment per group: ``n``, ``n_documents``, ``mean``, ``sd``, ``median``, ``min``, ``max``.

    ``unit`` is what each value describes: ``"quotes"`` (what is quoted),
    ``"sentences"`` (the whole text) or ``"documents"`` (one mean per article, so
    that a long article with many quotes counts once).  ``column`` is the score
    column: by default ``sentiment`` (the package's default scorer; ``vader``,
    ``afinn``, ``textblob`` are the lexicons), ``sentiment_mean`` for documents.
    The standard deviation is empty (NaN) for a group of one: there is no spread
    to report.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> sentiment_summary(example_tables(), "outlet")[["outlet", "n", "mean", "sd"]].values.tolist()
    [['Courier', 1, 0.0, nan], ['Post', 3, -0.033333, 0.321455]]
    """
    tables = _tables(tables)
    units = {"quotes": "sentiment", "sentences": "sentiment", "documents": "sentiment_mean"}
    if unit not in units:
        raise ValueError(f"unit must be one of {list(units)}, not {unit!r}")
    column = column or units[unit]
    table = tables[unit]
    if column not in table:
        raise GroupingError(f"the {unit} table has no column {column!r}; its columns are "
                            f"{list(table.columns)}")
    data = _with_group(table, group_of(tables, by))
    rows = []
    for group, part in data.groupby(by, sort=False):
        rows.append({by: group, "n_documents": part["doc_id"].nunique(),
                     **_summary(part[column])})
    out = pd.DataFrame(rows, columns=[by, "n_documents", "n", "mean", "sd", "median", "min",
                                      "max"])
    out[["mean", "sd", "median", "min", "max"]] = out[["mean", "sd", "median", "min",
                                                       "max"]].astype(float).round(6)
    return _sorted(out[[by, "n", "n_documents", "mean", "sd", "median", "min", "max"]], by)


def kind_counts(tables: Any, by: str) -> pd.DataFrame:
    """Direct, partial and indirect quotes per group: ``n`` and ``share`` of the group's quotes.

    Every kind appears for every group (``n`` = 0 when absent), so rows line up.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> kind_counts(example_tables(), "outlet").query("outlet == 'Post'")[["kind", "n"]].values.tolist()
    [['direct', 2], ['partial', 1], ['indirect', 0]]
    """
    tables = _tables(tables)
    quotes = _with_group(tables["quotes"], group_of(tables, by))
    kinds = list(KINDS) + sorted(set(quotes["kind"].dropna()) - set(KINDS))
    counts = quotes.groupby([by, "kind"]).size()
    groups = _order(quotes[by]) if len(quotes) else []
    index = pd.MultiIndex.from_product([groups, kinds], names=[by, "kind"])
    out = counts.reindex(index, fill_value=0).rename("n").reset_index()
    totals = out.groupby(by)["n"].transform("sum")
    out["share"] = (out["n"] / totals.where(totals > 0)).fillna(0.0).round(6)
    return out


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates read from text as they come in news metadata; ``NaT`` where that fails.

    ISO dates (``2024-03-18``, with or without time and zone), written dates
    (``18 March 2024``, ``March 18, 2024``, ``June 2024`` = 1 June) and
    ``MM/DD/YYYY`` (month first, as pandas reads it) are read; a zone is dropped
    and the local date kept.  A bare year (``2024``) is *not* read as 1 January:
    it is too coarse for months and left to the caller (``NaT``).  Values that are
    already dates pass through.

    Examples
    --------
    >>> parse_dates(pd.Series(["2024-03-18", "18 March 2024", "2024-03-18T23:30-05:00",
    ...                        "n.d.", "2024", None])).dt.strftime("%Y-%m-%d").tolist()
    ['2024-03-18', '2024-03-18', '2024-03-18', nan, nan, nan]
    """
    if pd.api.types.is_datetime64_any_dtype(values):
        dates = pd.to_datetime(values)
        return dates.dt.tz_localize(None) if dates.dt.tz is not None else dates
    parsed: dict[Any, pd.Timestamp] = {}
    for value in pd.unique(values.to_numpy(dtype=object)):
        parsed[value] = _parse_one(value)
    return pd.Series([parsed[v] for v in values.to_numpy(dtype=object)], index=values.index,
                     dtype="datetime64[ns]", name=values.name)


def _parse_one(value: Any) -> pd.Timestamp:
    if isinstance(value, pd.Timestamp):
        return value.tz_localize(None) if value.tz is not None else value
    text = _label(value)
    if text == NO_VALUE or _YEAR_ONLY.fullmatch(text):
        return pd.NaT
    try:
        stamp = pd.Timestamp(text)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT
    if stamp is pd.NaT:
        return pd.NaT
    return stamp.tz_localize(None) if stamp.tz is not None else stamp


def period_of(tables: Any, date_column: str, *, period: str = "M") -> pd.Series:
    """The period label of every document (``doc_id`` as text -> ``2024-03`` for months).

    Documents without a date get :data:`NO_DATE`, those whose date cannot be read
    :data:`UNPARSEABLE`; ``period`` is one of :data:`PERIODS`.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "date": ["2024-03-18", "", "soon"]})
    >>> period_of({"documents": docs}, "date", period="Q").tolist()
    ['2024Q1', '(no date)', '(unparseable date)']
    """
    if period not in PERIODS:
        raise GroupingError(f"unknown period {period!r}; choose one of {list(PERIODS)} "
                            f"({', '.join(PERIODS.values())})")
    raw = _column(_documents(_tables(tables)), date_column, "read dates from")
    dates = parse_dates(raw)
    missing = raw.map(_label) == NO_VALUE
    labels = dates.dt.to_period(period).astype(str)
    labels[dates.isna()] = UNPARSEABLE
    labels[missing] = NO_DATE
    return labels.rename("period")


def undated(tables: Any, date_column: str) -> pd.DataFrame:
    """The documents whose date is missing or could not be read, with the value found.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "date": ["2024-03-18", "n.d."]})
    >>> undated({"documents": docs}, "date").to_dict("records")
    [{'doc_id': 'b', 'date': 'n.d.', 'problem': '(unparseable date)'}]
    """
    labels = period_of(tables, date_column)
    raw = _column(_documents(_tables(tables)), date_column, "read dates from")
    bad = labels[labels.isin([NO_DATE, UNPARSEABLE])]
    return pd.DataFrame({"doc_id": bad.index, date_column: raw.reindex(bad.index).to_numpy(),
                         "problem": bad.to_numpy()})


def over_time(tables: Any, date_column: str, *, by: str | None = None, period: str = "M",
              column: str = "sentiment") -> pd.DataFrame:
    """Documents, quotes and quote sentiment per period (and per group when ``by`` is given).

    Columns: ``period``, the group column if any, ``n_documents``, ``n_quotes``,
    ``sentiment_n``, ``sentiment_mean``, ``sentiment_sd`` (empty for n < 2).
    Periods with no document are absent; undated documents are rows
    :data:`NO_DATE` / :data:`UNPARSEABLE` at the end, never dropped.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> over_time(example_tables(), "date", by="outlet")[["period", "outlet", "n_quotes"]].values.tolist()
    [['2024-01', 'Post', 2], ['2024-02', 'Post', 1], ['(unparseable date)', 'Courier', 1]]
    """
    tables = _tables(tables)
    periods = period_of(tables, date_column, period=period)
    keys = ["period", *([by] if by else [])]
    docs = _documents(tables)[["doc_id"]].copy()
    docs["period"] = docs["doc_id"].astype(str).map(periods).to_numpy()
    quotes = tables["quotes"].copy()
    quotes["period"] = quotes["doc_id"].astype(str).map(periods).fillna(NO_DATE).to_numpy()
    if by:
        groups = group_of(tables, by)
        docs, quotes = _with_group(docs, groups), _with_group(quotes, groups)
    rows = []
    for key, part in docs.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        mine = quotes
        for k, v in zip(keys, key, strict=True):
            mine = mine[mine[k] == v]
        stats = _summary(mine[column]) if column in mine else _summary(pd.Series(dtype=float))
        rows.append({**dict(zip(keys, key, strict=True)), "n_documents": len(part),
                     "n_quotes": len(mine), "sentiment_n": stats["n"],
                     "sentiment_mean": stats["mean"], "sentiment_sd": stats["sd"]})
    out = pd.DataFrame(rows, columns=[*keys, "n_documents", "n_quotes", "sentiment_n",
                                      "sentiment_mean", "sentiment_sd"])
    out[["sentiment_mean", "sentiment_sd"]] = (out[["sentiment_mean", "sentiment_sd"]]
                                               .astype(float).round(6))
    rank = {p: i for i, p in enumerate(_order(out["period"]))}
    out = out.assign(_rank=out["period"].map(rank))
    if by:
        group_rank = {g: i for i, g in enumerate(_order(out[by]))}
        out = out.assign(_group=out[by].map(group_rank))
    return (out.sort_values(["_rank", *(["_group"] if by else [])], kind="stable")
            .drop(columns=["_rank", *(["_group"] if by else [])]).reset_index(drop=True))


def group_tables(tables: Any, by: str | None = None, *, date_column: str | None = None,
                 period: str = "M") -> dict[str, pd.DataFrame]:
    """Every grouped table, by file stem, for writing beside the figures.

    With ``by``: ``by_group_documents``, ``by_group_speakers``,
    ``by_group_sentiment`` (quotes), ``by_group_sentence_sentiment``,
    ``by_group_document_sentiment`` (one mean per document, when the documents
    table has ``sentiment_mean``) and ``by_group_kinds``; with ``date_column``: ``over_time`` (per group when ``by``
    is given too) and ``undated`` (documents whose date is missing or unreadable).
    Raises :class:`GroupingError` (naming the columns there are) before anything is
    computed if a column does not exist.

    Examples
    --------
    >>> from analysis.run.groups import example_tables
    >>> sorted(group_tables(example_tables(), "outlet", date_column="date"))
    ['by_group_documents', 'by_group_kinds', 'by_group_sentence_sentiment', 'by_group_sentiment', 'by_group_speakers', 'over_time', 'undated']
    """
    tables = _tables(tables)
    if by:
        group_of(tables, by)
    if date_column:
        period_of(tables, date_column, period=period)
    out: dict[str, pd.DataFrame] = {}
    if by:
        out["by_group_documents"] = document_counts(tables, by)
        out["by_group_speakers"] = speaker_counts(tables, by)
        out["by_group_sentiment"] = sentiment_summary(tables, by, unit="quotes")
        if "sentences" in tables:
            out["by_group_sentence_sentiment"] = sentiment_summary(tables, by,
                                                                   unit="sentences")
        if "sentiment_mean" in tables["documents"]:
            out["by_group_document_sentiment"] = sentiment_summary(tables, by,
                                                                   unit="documents")
        out["by_group_kinds"] = kind_counts(tables, by)
    if date_column:
        out["over_time"] = over_time(tables, date_column, by=by, period=period)
        out["undated"] = undated(tables, date_column)
    return out


def with_metadata(tables: Any, metadata: str | Path | pd.DataFrame, *, id_column: str = "id",
                  text_column: str | None = "text") -> dict[str, pd.DataFrame]:
    """The tables with the metadata columns of a corpus table joined onto ``documents``.

    ``metadata`` is the corpus file (CSV, JSON lines or Parquet) or a DataFrame;
    its ``id_column`` matches ``doc_id`` and its ``text_column`` is left out.  Only
    columns that ``documents`` does not have yet are added, so this is a no-op on
    tables that already carry the metadata (as the pipeline's do when it keeps a
    corpus's columns).  Nothing else changes; the input is not modified.

    Examples
    --------
    >>> docs = pd.DataFrame({"doc_id": ["a", "b"], "status": ["ok", "ok"]})
    >>> meta = pd.DataFrame({"id": ["b", "a"], "outlet": ["Post", "Courier"], "text": ["…", "…"]})
    >>> with_metadata({"documents": docs}, meta)["documents"].to_dict("records")
    [{'doc_id': 'a', 'status': 'ok', 'outlet': 'Courier'}, {'doc_id': 'b', 'status': 'ok', 'outlet': 'Post'}]
    """
    tables = _tables(tables)
    if not isinstance(metadata, pd.DataFrame):
        metadata = _read_metadata(Path(metadata))
    if id_column not in metadata.columns:
        raise GroupingError(f"the metadata has no id column {id_column!r}; its columns are "
                            f"{list(metadata.columns)}; name it with id_column=")
    documents = _documents(tables)
    new = [c for c in metadata.columns
           if c not in (id_column, text_column) and c not in documents.columns]
    if not new:
        return tables
    meta = metadata.assign(_key=metadata[id_column].astype(str)).drop_duplicates("_key")
    meta = meta.set_index("_key")[new]
    joined = documents.copy()
    keys = joined["doc_id"].astype(str)
    for col in new:
        joined[col] = keys.map(meta[col]).to_numpy()
    return {**tables, "documents": joined}


def _read_metadata(path: Path) -> pd.DataFrame:
    readers = {".csv": lambda p: pd.read_csv(p, dtype=str, keep_default_na=False),
               ".tsv": lambda p: pd.read_csv(p, sep="\t", dtype=str, keep_default_na=False),
               ".jsonl": lambda p: pd.read_json(p, lines=True, dtype=False),
               ".parquet": pd.read_parquet}
    if path.suffix.lower() not in readers:
        raise GroupingError(f"{path}: cannot read metadata from a {path.suffix or 'suffix-less'}"
                            f" file; give a .csv, .tsv, .jsonl or .parquet table")
    if not path.is_file():
        raise GroupingError(f"{path}: no such file")
    return readers[path.suffix.lower()](path)


def example_tables() -> dict[str, pd.DataFrame]:
    """A tiny set of tables for the examples (invented)."""
    return {
        "documents": pd.DataFrame({"doc_id": ["a", "b", "c"], "status": ["ok"] * 3,
                                   "n_sentences": [4, 2, 3], "n_tokens": [60, 25, 40],
                                   "outlet": ["Post", "Post", "Courier"],
                                   "date": ["2024-01-09", "2024-02-01", "n.d."]}),
        "quotes": pd.DataFrame({"doc_id": ["a", "a", "b", "c"],
                                "speaker": ["Okafor", "Brandt", "Okafor", "Okafor"],
                                "kind": ["direct", "partial", "direct", "indirect"],
                                "sentiment": [0.2, -0.4, 0.1, 0.0]}),
        "sentences": pd.DataFrame({"doc_id": ["a", "b", "c"], "sentiment": [0.1, 0.0, -0.2]}),
    }
