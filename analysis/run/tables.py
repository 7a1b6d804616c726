"""The data dictionary: every output table and every column, declared once.

Each table written by ``python -m analysis run`` (and each CSV printed by the
``sentiment`` and ``markers`` commands) is declared here with its grain (what one
row is) and, for every column, its type, unit, meaning and how it is computed.
The pipeline takes its column order from here, the Parquet writer its types, and
``python -m analysis columns [TABLE]`` and ``docs/columns.md`` print it; a test
checks that every column the pipeline writes is declared and vice versa.

Types are pandas/Arrow dtype names: ``string``, ``int64``, ``Int64`` (an integer
that may be missing), ``float64`` and ``boolean``.

Metadata columns
----------------
The ``documents`` table also carries the corpus's own metadata, after the fixed
columns: every column of a table corpus other than the text and id columns; for
files, ``file`` and ``folder`` (see :data:`analysis.corpus.LOADER_COLUMNS`); the columns of a
sidecar ``metadata.csv``/``metadata.tsv`` in a folder corpus.  A metadata column
whose name is already taken is renamed by :func:`analysis.corpus.metadata_name`.  They join every
other table on ``doc_id``.

CSV cells a spreadsheet would run
---------------------------------
CSV files follow RFC 4180: CRLF line ends, and a cell holding a comma, a quote or a line
break (a carriage return too) is quoted.  A text cell of a CSV output (a table, a
figure table, the CSV the ``sentiment`` and ``markers`` commands print) that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula
by a spreadsheet (``=HYPERLINK(...)`` in an outlet, ``@SUM(...)`` in an article): such
a cell is written with a single quote in front (``'=HYPERLINK(...)``, ``'-5 degrees``),
as OWASP advises for CSV exports, and so is a cell that already starts with quotes
followed by such a character (so that the quote can be taken off again without
doubt).  A text cell that is a plain number (``-0.5``, ``+3``) runs nothing and is
written as it is; numeric columns are numbers and never touched; column names follow
the same rule.  Parquet keeps every value exactly.
:func:`analysis.run.output.read_table` returns CSV cells as written, the quote
included, unless asked with ``restore_formulas=True`` (:func:`neutralise` and
:func:`restore` are the two directions).

Examples
--------
>>> column_names("markers")
['doc_id', 'unit', 'category', 'count', 'n_tokens', 'per_1000']
>>> TABLES["documents"].column("n_tokens").unit
'tokens'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from analysis.corpus import LOADER_COLUMNS, STATUSES

__all__ = ["DTYPES", "FORMULA_STARTS", "MARKER_CATEGORIES", "OUTPUT_TABLES", "TABLES", "Column",
           "Table", "column_names", "describe", "markdown", "neutralise", "restore"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV
#: Injection"): see "CSV cells a spreadsheet would run" in the module docs.
FORMULA_STARTS = frozenset("=+-@\t\r")

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _runs(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula (a plain number is not)."""
    return bool(text) and text[0] in FORMULA_STARTS and not _NUMBER.fullmatch(text)


def neutralise(value: Any) -> Any:
    """A value as a CSV cell a spreadsheet shows and never runs (other values as they are).

    Examples
    --------
    >>> neutralise("=HYPERLINK(A1)"), neutralise("-5 degrees"), neutralise("-0.5")
    ("'=HYPERLINK(A1)", "'-5 degrees", '-0.5')
    >>> neutralise("'=1"), neutralise("'quoted"), neutralise(-0.5)
    ("''=1", "'quoted", -0.5)
    """
    if not isinstance(value, str) or not value or value[0] not in FORMULA_STARTS | {"'"}:
        return value
    return "'" + value if _runs(value.lstrip("'")) else value


def restore(value: Any) -> Any:
    """The value :func:`neutralise` was given (the inverse: exact for every string).

    Examples
    --------
    >>> restore("'=1+1"), restore("''=1"), restore("'quoted"), restore("-0.5")
    ('=1+1', "'=1", "'quoted", '-0.5')
    """
    if isinstance(value, str) and value[:1] == "'" and _runs(value.lstrip("'")):
        return value[1:]
    return value


#: The dtypes a column may declare.
DTYPES = ("string", "int64", "Int64", "float64", "boolean")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    Parameters
    ----------
    name : str
        Column name (stable across versions and commands).
    dtype : str
        One of :data:`DTYPES`.
    meaning : str
        What the value is, in a sentence a reader of the table understands.
    unit : str
        Unit or scale (``characters``, ``[-1, 1]``, ...); empty for labels.
    method : str
        How it is computed and by which part of the package.
    stance : bool
        Written only when stance toward a target is computed (``--target``).

    Examples
    --------
    >>> Column("n_chars", "int64", "length of the text", "characters").unit
    'characters'
    """

    name: str
    dtype: str
    meaning: str
    unit: str = ""
    method: str = ""
    stance: bool = False

    def __post_init__(self) -> None:
        if self.dtype not in DTYPES:
            raise ValueError(f"column {self.name!r}: dtype {self.dtype!r} is not one of "
                             f"{list(DTYPES)}")


@dataclass(frozen=True)
class Table:
    """A table: its name, what one row is, its columns and a note for readers.

    Examples
    --------
    >>> TABLES["sentences"].grain
    'one row per sentence'
    """

    name: str
    grain: str
    columns: tuple[Column, ...]
    note: str = ""
    written_by: str = "run"

    def names(self, *, stance: bool = True) -> list[str]:
        """Column names in order; without the stance columns when ``stance`` is False
        (a run with no stance target).

        Examples
        --------
        >>> "p_favor" in TABLES["quotes"].names(stance=False)
        False
        """
        return [c.name for c in self.columns if stance or not c.stance]

    def column(self, name: str) -> Column:
        """The column called ``name``.

        Raises
        ------
        KeyError
            Naming the table and its columns.
        """
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"table {self.name!r} has no column {name!r}; its columns are "
                       f"{self.names()}")


#: Stance-marker categories (Hyland 2005; Biber & Finegan 1989) and what they count;
#: the same keys as :data:`analysis.stance.markers.CATEGORIES` (a test checks it).
MARKER_CATEGORIES = {
    "hedge": "hedges: words that withhold full commitment (may, perhaps, suggest)",
    "booster": "boosters: words that express certainty (certainly, clearly, of course)",
    "attitude": "attitude markers: the speaker's affect (unfortunately, remarkably)",
    "self_mention": "self-mentions: first-person pronouns and possessives (I, we, our)",
    "negation": "negations (not, n't, never, no)",
    "engagement": "engagement markers: addressing the reader (you, consider, note)",
}


_OFFSET = "character offset into the document's text (Python string index, end exclusive)"
_SENT = ("sentiment by the package's default method (analysis.sentiment.DEFAULT_METHOD; "
         "see notebook 03)")
_VADER = "VADER compound score (Hutto & Gilbert 2014, vaderSentiment package)"
_AFINN = "AFINN-165 valence sum squashed to [-1, 1] by x / sqrt(x^2 + 15)"
_TEXTBLOB = "pattern lexicon polarity (TextBlob's), mean over the words"
_POL = "[-1, 1]"
_TOWARD = ("sentiment toward the person in the mention's sentence, other people masked "
           "(analysis.targeted.toward: a model trained on NewsMTSC, Hamborg & Donnay 2021)")
_WORDS = ("tokens that contain a letter or digit (punctuation and quotation marks "
          "excluded), analysis.stance.markers.count_markers_in_tokens")


def _c(name: str, dtype: str, meaning: str, unit: str = "", method: str = "", *,
       stance: bool = False) -> Column:
    return Column(name, dtype, meaning, unit, method, stance)


_STANCE = ("the stance model of the target (analysis.stance.shipped, or the model given with "
           "--stance-model), StanceClassifier.predict_proba")


_FILES = {"hedge": "hedges.txt", "booster": "boosters.txt", "attitude": "attitude.txt",
          "self_mention": "self_mention.txt", "negation": "negation.txt",
          "engagement": "engagement.txt"}


def _markers(of: str) -> tuple[Column, ...]:
    return tuple(_c(k, "int64", f"{v}, in {of}", "count",
                    f"lexicon match on lower-cased tokens (data/stance/{_FILES[k]}); "
                    f"multi-word markers matched on token sequences")
                 for k, v in MARKER_CATEGORIES.items())


_DOC_ID = _c("doc_id", "string", "document id: the file path relative to the corpus root "
             "without suffix, or the table's id column, or FILE:ROW (the file without suffix "
             "and the row number); joins tables. Unique: an id already used by an earlier "
             "document gets the suffix #2, #3, ... (a, a#2, a#3) and the run warns, naming "
             "them", method="analysis.corpus.distinct_ids")

TABLES: dict[str, Table] = {t.name: t for t in [
    Table("documents", "one row per input document, analysed or not", (
        _DOC_ID,
        _c("source", "string", "where the document was read from: the file, and the row or "
           "line of a table"),
        _c("status", "string", "'ok', or what was wrong: " + ", ".join(STATUSES)),
        _c("message", "string", "what was wrong, with the values, and how to fix it; empty "
           "when there is nothing to say"),
        _c("n_chars", "int64", "length of the text", "characters",
           "len(text) after decoding; 0 when not analysed"),
        _c("n_sentences", "int64", "number of sentences", "sentences", "analysis.text.sentences"),
        _c("n_tokens", "int64", "number of tokens of the whole document, punctuation and "
           "quotation marks included (so it is larger than markers.n_tokens, which counts "
           "words only)", "tokens", "analysis.text.tokenise"),
        _c("n_quotes", "int64", "number of rows of this document in the quotes table",
           "quotes", "analysis.quotes"),
        _c("sentiment_mean", "float64", "mean of sentences.sentiment over the document's "
           "sentences (NaN when there is none)", _POL),
        _c("sentiment_sd", "float64", "sample standard deviation of sentences.sentiment "
           "(0 for one sentence, NaN when not analysed)", _POL),
    ), note="Followed by the corpus's metadata columns (see 'metadata columns')."),
    Table("sentences", "one row per sentence", (
        _DOC_ID,
        _c("sentence", "int64", "index of the sentence in its document, from 0"),
        _c("start", "int64", "first character of the sentence", "characters", _OFFSET),
        _c("end", "int64", "character after the sentence", "characters", _OFFSET),
        _c("text", "string", "the sentence, exactly text[start:end]"),
        _c("n_tokens", "int64", "tokens in the sentence, punctuation included", "tokens",
           "analysis.text.tokenise"),
        _c("sentiment", "float64", "sentiment of the sentence", _POL, _SENT),
        _c("vader", "float64", "VADER's score of the sentence", _POL, _VADER),
        _c("afinn", "float64", "AFINN's score of the sentence", _POL, _AFINN),
        _c("textblob", "float64", "pattern's score of the sentence", _POL, _TEXTBLOB),
    )),
    Table("quotes", "one row per quotation or piece of reported speech", (
        _DOC_ID,
        _c("quote", "int64", "index of the quote in its document, from 0, in text order"),
        _c("start", "int64", "first character: the opening mark of a direct or partial "
           "quote; the start of the reported clause of an indirect one", "characters",
           _OFFSET),
        _c("end", "int64", "character after the closing mark (or after the clause)",
           "characters", _OFFSET),
        _c("text", "string", "the quote, exactly text[start:end]"),
        _c("kind", "string", "'direct' (a whole clause in quotation marks), 'partial' (a "
           "quoted phrase inside the writer's sentence) or 'indirect' (reported speech "
           "without marks)", "", "analysis.quotes rules"),
        _c("speaker", "string", "canonical name of the speaker: the fullest name the article "
           "gives (a description when never named); empty when not found", "",
           "analysis.quotes: the learned ranker chooses the mention, then names, pronouns "
           "and descriptions are resolved to entities"),
        _c("speaker_start", "Int64", "first character of the mention that attributes the "
           "quote (a name, title, description or pronoun)", "characters", _OFFSET),
        _c("speaker_end", "Int64", "character after that mention", "characters", _OFFSET),
        _c("speaker_mention", "string", "the attributing mention, text[speaker_start:"
           "speaker_end] (e.g. 'he' where speaker is the resolved name)"),
        _c("cue", "string", "the reporting verb or phrase (said, told, according to)", "",
           "the tagger's cue, else a cue word (data/reporting_verbs.txt, "
           "data/quotes/cues.tsv)"),
        _c("cue_start", "Int64", "first character of the cue", "characters", _OFFSET),
        _c("cue_end", "Int64", "character after the cue", "characters", _OFFSET),
        _c("medium", "string", "the medium named in the attribution ('on Twitter'), if any",
           "", "data/media.txt"),
        _c("first_sentence", "Int64", "index of the first sentence the quote touches"),
        _c("last_sentence", "Int64", "index of the last sentence the quote touches"),
        _c("closed", "boolean", "False when the quotation was never closed and was ended at "
           "the paragraph end by policy", "", "analysis.quotes.spans"),
        _c("speaker_category", "string", "what the speaker is: 'person', 'org', 'group', "
           "'place', 'work' or 'other' ('other' also where nothing says)", "",
           "analysis.quotes: mentions resolved to entities, typed by rules and by a model "
           "learned from GUM (analysis.quotes.mention_types)"),
        _c("found_by", "string", "what found the content: 'marks' (quotation marks paired), "
           "'tagger' (the attribution tagger learned from annotated news), or "
           "'tagger+RULE' when a named rule found the same clause", "",
           "analysis.quotes.engine; analysis.quotes.explain(text) shows the evidence"),
        _c("speaker_by", "string", "what chose the speaker: 'ranker' (the learned ranker of "
           "candidate mentions) or a named rule ('inherit_previous', ...)", "",
           "analysis.quotes.ranker"),
        _c("cue_class", "string", "the class of the cue: 'speech' (said, told, according "
           "to, a colon), 'belief' (thinks, believes), 'intention' (wants, plans) or "
           "'other'; a quotation without a cue is 'speech', a report without one is not "
           "kept", "", "analysis.quotes.cues (data/quotes/cue_classes.txt)"),
        _c("p_quote", "float64", "probability that the quote is an attribution of its kind "
           "(calibrated on news the models did not learn from)", "[0, 1]",
           "analysis.quotes.confidence"),
        _c("p_speaker", "float64", "probability that the speaker mention is right "
           "(calibrated likewise; empty without a speaker)", "[0, 1]",
           "analysis.quotes.confidence"),
        _c("sentiment", "float64", "sentiment of the quote's text", _POL, _SENT),
        _c("vader", "float64", "VADER's score of the quote", _POL, _VADER),
        _c("afinn", "float64", "AFINN's score of the quote", _POL, _AFINN),
        _c("textblob", "float64", "pattern's score of the quote", _POL, _TEXTBLOB),
        _c("target", "string", "the stance target the next columns refer to (--target)",
           stance=True),
        _c("stance", "string", "predicted stance toward the target: 'favor', 'against' or "
           "'none' (the class with the highest probability)", "", _STANCE, stance=True),
        _c("p_favor", "float64", "probability of 'favor'", "[0, 1]", _STANCE, stance=True),
        _c("p_against", "float64", "probability of 'against'", "[0, 1]", _STANCE, stance=True),
        _c("p_none", "float64", "probability of 'none'", "[0, 1]", _STANCE, stance=True),
        _c("n_tokens", "int64", "words in the quote (not all tokens: see sentences.n_tokens)",
           "words", _WORDS),
        *_markers("the quote"),
    )),
    Table("speakers", "one row per speaker per document", (
        _DOC_ID,
        _c("speaker", "string", "canonical name (as in quotes.speaker)"),
        _c("aliases", "string", "the other ways the article names the speaker, '; '-separated"),
        _c("category", "string", "'person', 'org' or 'other'", "",
           "analysis.quotes.mentions"),
        _c("n_quotes", "int64", "quotes attributed to the speaker", "quotes"),
        _c("n_direct", "int64", "of which direct", "quotes"),
        _c("n_partial", "int64", "of which partial", "quotes"),
        _c("n_indirect", "int64", "of which indirect", "quotes"),
        _c("sentiment_mean", "float64", "mean of quotes.sentiment over the speaker's quotes "
           "(NaN when none)", _POL),
        _c("sentiment_sd", "float64", "sample standard deviation of quotes.sentiment (0 for "
           "one quote: not a spread)", _POL),
        _c("n_favor", "int64", "quotes with stance 'favor'", "quotes", stance=True),
        _c("n_against", "int64", "quotes with stance 'against'", "quotes", stance=True),
        _c("n_none", "int64", "quotes with stance 'none'", "quotes", stance=True),
        _c("n_tokens", "int64", "words in the speaker's quotes (sum of quotes.n_tokens)",
           "words", _WORDS),
        *_markers("the speaker's quotes"),
    )),
    Table("markers", "one row per unit (a whole document, or one speaker's quotes) and "
          "marker category", (
        _DOC_ID,
        _c("unit", "string", "'(document)' for the whole text, else the speaker's canonical "
           "name (their quotes only)"),
        _c("category", "string", "marker category: " + ", ".join(MARKER_CATEGORIES)),
        _c("count", "int64", "markers of the category in the unit", "count",
           "lexicon match (data/stance/)"),
        _c("n_tokens", "int64", "words in the unit: for '(document)' fewer than "
           "documents.n_tokens, which also counts punctuation", "words", _WORDS),
        _c("per_1000", "float64", "rate: 1000 * count / n_tokens (0 when n_tokens is 0); "
           "read it with n_tokens, a rate from a few words is noisy", "per 1,000 words"),
    )),
    Table("portrayal", "one row per person per document: how the document's sentences "
          "present each person it mentions, quoted or not", (
        _DOC_ID,
        _c("person", "string", "canonical name of the person (as in quotes.speaker and "
           "speakers.speaker, which it joins on with doc_id)"),
        _c("n_mentions", "int64", "mentions of the person (names, descriptions, pronouns "
           "resolved to them)", "mentions", "analysis.quotes.engine.analyse_many"),
        _c("n_quoted", "int64", "of which inside quotation marks (someone else's words)",
           "mentions"),
        _c("n_reporter", "int64", "of which in the reporter's own text", "mentions"),
        _c("n_negative", "int64", "reporter mentions presenting the person negatively",
           "mentions", _TOWARD),
        _c("n_neutral", "int64", "reporter mentions presenting the person neutrally",
           "mentions", _TOWARD),
        _c("n_positive", "int64", "reporter mentions presenting the person positively",
           "mentions", _TOWARD),
        _c("share_negative", "float64", "n_negative / n_reporter (NaN when n_reporter is 0)",
           "[0, 1]"),
        _c("share_neutral", "float64", "n_neutral / n_reporter", "[0, 1]"),
        _c("share_positive", "float64", "n_positive / n_reporter", "[0, 1]"),
        _c("net", "float64", "share_positive - share_negative", "[-1, 1]"),
    ), note="Read shares with n_reporter: a share from one or two mentions is noisy."),
    Table("tokens", "one row per token (written with --tokens only; large)", (
        _DOC_ID,
        _c("sentence", "int64", "index of the token's sentence"),
        _c("token", "int64", "index of the token in its document, from 0"),
        _c("start", "int64", "first character of the token", "characters", _OFFSET),
        _c("end", "int64", "character after the token", "characters", _OFFSET),
        _c("text", "string", "the token, exactly text[start:end]"),
        _c("kind", "string", "word, number, clitic, abbreviation, url, email, quote, "
           "apostrophe or punct", "", "analysis.text.tokenise"),
    )),
]}

# The `sentiment` command prints the sentences table's columns, then every other
# component of every scorer (analysis.sentiment.COMPONENTS) under its own name.
TABLES["sentence_scores"] = Table(
    "sentence_scores", "one row per sentence, printed by `python -m analysis sentiment CORPUS`",
    (*TABLES["sentences"].columns,
     _c("vader_neg", "float64", "VADER's share of negative sentiment", "[0, 1]", _VADER),
     _c("vader_neu", "float64", "VADER's share of neutral words", "[0, 1]", _VADER),
     _c("vader_pos", "float64", "VADER's share of positive sentiment", "[0, 1]", _VADER),
     _c("vader_balance", "float64", "vader_pos - vader_neg", _POL, _VADER),
     _c("afinn_raw", "float64", "AFINN-165 valence sum before squashing", "valence points",
        "afinn package lexicon"),
     _c("textblob_subjectivity", "float64", "pattern's subjectivity", "[0, 1]", _TEXTBLOB),
     _c("ensemble", "float64", "mean of vader, vader_balance, afinn and textblob", _POL,
        "analysis.sentiment 'ensemble'"),
     _c("hybrid", "float64", "the ensemble plus learned word weights", _POL,
        "analysis.sentiment.fit (ridge regression on rated tweets, reviews and news "
        "sentences)")),
    note="Same names as the sentences table; `sentiment` is the default method.",
    written_by="sentiment")

#: Tables written by ``python -m analysis run`` (``tokens`` only with ``--tokens``).
OUTPUT_TABLES = tuple(n for n, t in TABLES.items() if t.written_by == "run")


def column_names(table: str) -> list[str]:
    """Column names of ``table`` in order (metadata columns of ``documents`` excluded).

    Raises
    ------
    KeyError
        For an unknown table, naming the known ones.

    Examples
    --------
    >>> column_names("tokens")[:3]
    ['doc_id', 'sentence', 'token']
    """
    if table not in TABLES:
        raise KeyError(f"no table {table!r}; the tables are {list(TABLES)}")
    return TABLES[table].names()


def describe(table: str | None = None) -> str:
    """The data dictionary as plain text (all tables, or one).

    Examples
    --------
    >>> print(describe("markers").splitlines()[0])
    markers: one row per unit (a whole document, or one speaker's quotes) and marker category
    """
    names = [table] if table else list(TABLES)
    blocks = []
    for name in names:
        t = TABLES.get(name)
        if t is None:
            raise KeyError(f"no table {name!r}; the tables are {list(TABLES)}")
        lines = [f"{t.name}: {t.grain}"]
        width = max(len(c.name) for c in t.columns)
        for c in t.columns:
            unit = f" [{c.unit}]" if c.unit else ""
            how = f" ({c.method})" if c.method else ""
            lines.append(f"  {c.name:<{width}}  {c.dtype:<7}  {c.meaning}{unit}{how}")
        if t.note:
            lines.append(f"  note: {t.note}")
        if name == "documents":
            lines.append("  metadata columns: " + _metadata_text())
        blocks.append("\n".join(lines))
    if table is None:
        blocks.append("CSV cells a spreadsheet would run: " + _formula_text().replace("`", ""))
    return "\n\n".join(blocks)


def _formula_text() -> str:
    return ("CSV files follow RFC 4180 (CRLF line ends; a cell holding a comma, a quote or a "
            "line break, CR or LF, is quoted). In CSV files, a text cell that starts with `=`, `+`, `-`, `@`, a tab or a "
            "carriage return (which a spreadsheet would run as a formula: `=HYPERLINK(...)` "
            "in a metadata column, `@SUM(...)` in an article) is written with a single quote "
            "in front (`'=HYPERLINK(...)`, `'-5 degrees`), as OWASP advises; so is a cell "
            "already starting with quotes followed by such a character, so that the quote "
            "can be taken off without doubt. A text cell that is a plain number (`-0.5`) and "
            "every numeric column are written as they are; column names follow the same "
            "rule. Parquet keeps every value exactly. `analysis.run.output.read_table` "
            "returns CSV cells as written, quote included; `read_table(..., "
            "restore_formulas=True)` takes the quote off again (`analysis.run.tables.restore`).")


def _metadata_text() -> str:
    loader = "; ".join(f"{k}: {v}" for k, v in LOADER_COLUMNS.items())
    return ("after the fixed columns, every column of a table corpus other than its text and "
            "id; for documents read from files, " + loader + "; and the columns of a "
            "metadata.csv or metadata.tsv in the root of a folder corpus (its first column "
            "among id, doc_id, file, filename, path names the document). A name already "
            "taken gets the prefix meta_ (repeated until free).")


def markdown() -> str:
    """The data dictionary as Markdown (``docs/columns.md`` is this, regenerated by
    ``python -m analysis columns --markdown > docs/columns.md``).

    Examples
    --------
    >>> markdown().splitlines()[0]
    '# Data dictionary'
    """
    out = ["# Data dictionary", "",
           "Generated by `python -m analysis columns --markdown` from `analysis/run/tables.py`; "
           "do not edit by hand.", "",
           "Every table is long and tidy and joins on `doc_id`. Offsets are Python string "
           "indices into the document's text: `text[start:end]` is the span. Types are "
           "pandas/Arrow dtypes (`Int64`: an integer that may be missing).", "",
           "**CSV cells a spreadsheet would run**: " + _formula_text(), ""]
    for t in TABLES.values():
        command = ("`python -m analysis run`" if t.written_by == "run"
                   else f"`python -m analysis {t.written_by}`")
        out += [f"## `{t.name}`", "", f"{t.grain[0].upper()}{t.grain[1:]}; written by "
                f"{command}.", "",
                "| column | type | unit | meaning | how |", "| --- | --- | --- | --- | --- |"]
        out += [f"| `{c.name}` | {c.dtype} | {c.unit} | {c.meaning} | {c.method} |"
                .replace("\n", " ") for c in t.columns]
        if t.note:
            out += ["", t.note]
        if t.name == "documents":
            out += ["", "**Metadata columns**: " + _metadata_text(), "",
                    "**Status values**: " + "; ".join(f"`{k}`: {v}"
                                                     for k, v in STATUSES.items()) + "."]
        out.append("")
    return "\n".join(out)
