"""Fuzzing: random Unicode through the whole analysis, random bytes through the loaders.

The offset invariant (``text[start:end] == row text``) must hold for every sentence,
token and quote whatever the input: combining marks, emoji with modifiers and
joiners, CRLF and lone CR, no-break spaces, right-to-left text and marks, and every
kind of quotation mark.  Sizes stay small (a few hundred characters) so the suite
stays fast; the scaling of big inputs is ``benchmarks/adversarial.py``'s job.
Examples are derandomised (the same on every run, as the project's tests must be);
change ``max_examples`` locally to search further.
"""

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analysis.corpus import Document, Failure, read_table
from analysis.run.stages import analyse_document

PIECES = [
    "The minister said", " ", " ", "\n", "\r\n", "\r", "\n\n", "\u00a0", "\u2009", "\t",
    ".", ",", "!", "?", "…", ":", ";", "—", "-", "(", ")", "[", "]",
    '"', "'", "“", "”", "‘", "’", "«", "»", "„", "‚", "‹", "›", "「", "」", "`",
    "e\u0301", "\u0301", "\u0308", "😀", "👍🏽", "👩\u200d👩\u200d👧", "🇮🇷",
    "שלום", "مرحبا", "\u200f", "\u200e", "\u202e", "\u200b", "\ufeff",
    "Mr.", "Dr.", "U.S.", "J. R. R.", "she said", "he told reporters", "according to",
    "Khamenei", "Iran", "never", "we", "not", "1.5", "2024", "e.g.", "http://x.org/a.b",
    "İ", "ß", "Σ", "ﬁ", "ǅ",
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=60).map("".join),
    st.text(min_size=1, max_size=200),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=40).map("".join),
)
FUZZ = settings(max_examples=40, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Load lexicons and models once, outside the timed examples."""
    analyse_document(Document("w", "‘Yes,’ she said."))


@FUZZ
@given(TEXTS)
def test_offsets_hold_on_random_unicode(text):
    rows = analyse_document(Document("f", text), with_tokens=True)
    (doc,) = rows["documents"]
    if not text.strip():
        return
    assert doc["status"] == "ok", doc["message"]
    for table in ("sentences", "tokens", "quotes"):
        for row in rows[table]:
            assert text[row["start"]:row["end"]] == row["text"], (table, row)
    for row in rows["quotes"]:
        if row["speaker_start"] is not None:
            assert text[row["speaker_start"]:row["speaker_end"]] == row["speaker_mention"]
        if row["cue_start"] is not None:
            assert 0 <= row["cue_start"] < row["cue_end"] <= len(text)
    starts = [r["start"] for r in rows["sentences"]]
    assert starts == sorted(starts)


@FUZZ
@given(st.binary(max_size=300), st.sampled_from(["csv", "tsv", "jsonl"]))
def test_loaders_account_for_random_bytes(tmp_path_factory, data, kind):
    path = tmp_path_factory.mktemp("fuzz") / f"t.{kind}"
    header = b"id\ttext\n" if kind == "tsv" else b"id,text\n" if kind == "csv" else b""
    path.write_bytes(header + data)
    for item in read_table(path):
        assert isinstance(item, Document | Failure)
        item.id.encode("utf-8")
        json.dumps({k: v for k, v in item.meta.items()}, ensure_ascii=False).encode("utf-8")
        if isinstance(item, Failure):
            assert item.message.startswith(str(path)), item.message


@settings(FUZZ, max_examples=15)
@given(st.lists(st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.none()),
                min_size=1, max_size=5))
@example([2**63, -(2**63) - 1, float("inf"), "\x00", ""])
def test_metadata_of_any_value_is_written(tmp_path_factory, values):
    from analysis.run.engines import _attach
    from analysis.run.output import TableWriter

    docs = [Document(f"d{i}", "Fine.", {str(v) or "x": v, "other": v, "status": v})
            for i, v in enumerate(values)]
    for fmt in ("csv", "parquet"):
        writer = TableWriter(tmp_path_factory.mktemp("meta"), fmt=fmt)
        for doc in docs:
            writer.add(_attach({"documents": [{"doc_id": doc.id, "status": "ok"}]}, doc))
        assert writer.close()["documents"].exists()
