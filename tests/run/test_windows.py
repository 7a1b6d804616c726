"""A long document analysed in windows of whole paragraphs (analysis.run.windows)."""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest

from analysis.corpus import Document
from analysis.paths import SEEDS
from analysis.run import windows as W
from analysis.run.stages import analyse_batch
from analysis.text.marks import quote_view
from analysis.text.paragraphs import paragraph_spans

SEED = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8")
DEMO = pd.read_csv(SEEDS.parent / "analysis" / "data" / "demo" / "articles.csv")


def _long_text() -> str:
    """The seed article and the demo articles (all written for this project), one after
    another: about 18,000 characters."""
    return "\n\n".join([SEED, *DEMO["text"]])


@pytest.mark.parametrize("seed", range(20))
def test_windows_tile_the_text_at_paragraph_starts(seed):
    rng = random.Random(seed)
    paragraphs = [" ".join("word" for _ in range(rng.randint(1, 40)))
                  for _ in range(rng.randint(1, 60))]
    text = "".join(p + "\n" * rng.randint(1, 3) for p in paragraphs)
    size, before, after = rng.randint(1, 400), rng.randint(0, 300), rng.randint(0, 300)
    found = W.windows(text, size, before, after)
    starts = {a for a, _ in paragraph_spans(quote_view(text))}
    assert found[0].start == found[0].own_start == 0 and found[-1].end == len(text)
    assert found[-1].own_end == len(text)
    for w, nxt in itertools.pairwise(found):
        assert w.own_end == nxt.own_start and nxt.own_start in starts
        assert w.own_end - w.own_start >= size  # only the last part may be shorter
    for w in found:
        assert w.start <= w.own_start <= w.own_end <= w.end
        assert w.start == 0 or w.start in starts
        assert w.start == 0 or w.own_start - w.start >= before
        assert w.end == len(text) or w.end - w.own_end >= after


def test_a_short_text_is_one_window_and_bad_sizes_are_refused():
    assert W.windows("Short.") == [W.Window(0, 0, 6, 6)]
    with pytest.raises(ValueError, match="size=0"):
        W.windows("Short.", size=0)


def test_windowed_analysis_keeps_sentences_tokens_quotes_and_offsets(monkeypatch):
    """With windows of about 1,500 characters (the default is 100,000), the long text
    gives the rows the whole gives: sentences, tokens, sentiment, stance markers of the
    document, and the quotes (spans, kinds, cues); offsets into the whole text."""
    text = _long_text()
    monkeypatch.setattr(W, "LONG_CHARS", 10**9)
    whole = analyse_batch([Document("d", text)], with_tokens=True)[0]
    monkeypatch.setattr(W, "WINDOW_CHARS", 1_500)
    monkeypatch.setattr(W, "LONG_CHARS", 1_500)
    assert len(W.windows(text)) > 5
    windowed = analyse_batch([Document("d", text)], with_tokens=True)[0]
    for name in ("sentences", "tokens"):
        assert pd.DataFrame(windowed[name]).equals(pd.DataFrame(whole[name])), name
    a, b = pd.DataFrame(whole["documents"]), pd.DataFrame(windowed["documents"])
    assert a.equals(b)
    doc_markers = [r for r in windowed["markers"] if r["unit"] == "(document)"]
    assert doc_markers == [r for r in whole["markers"] if r["unit"] == "(document)"]
    keys = ["quote", "start", "end", "text", "kind", "cue", "cue_start", "first_sentence",
            "last_sentence", "sentiment"]
    assert pd.DataFrame(windowed["quotes"])[keys].equals(pd.DataFrame(whole["quotes"])[keys])
    for q in windowed["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        if q["speaker_start"] is not None:
            assert text[q["speaker_start"]:q["speaker_end"]] == q["speaker_mention"]
    for s in windowed["sentences"]:
        assert text[s["start"]:s["end"]] == s["text"]
    # every speaker row adds up its quotes; portrayal counts are whole numbers per person
    quotes = pd.DataFrame(windowed["quotes"])
    for row in windowed["speakers"]:
        assert row["n_quotes"] == int((quotes["speaker"] == row["speaker"]).sum())
    assert len({r["person"] for r in windowed["portrayal"]}) == len(windowed["portrayal"])


def test_windowed_speakers_name_one_person_once(monkeypatch):
    """A surname in a late window is the full name given in an early one."""
    first = "“We will build it,” said Mayor Ana Ruiz on Monday."
    filler = "\n\n".join(f"The council met for the {n}th time and read the budget." for n in
                         range(60))
    late = "“It is on time,” Ruiz said."
    text = "\n\n".join([first, filler, late])
    monkeypatch.setattr(W, "WINDOW_CHARS", 1_000)
    monkeypatch.setattr(W, "LONG_CHARS", 1_000)
    monkeypatch.setattr(W, "CONTEXT_BEFORE", 200)
    rows = analyse_batch([Document("d", text)])[0]
    assert [q["speaker"] for q in rows["quotes"]] == ["Ana Ruiz", "Ana Ruiz"]
    assert [(s["speaker"], s["n_quotes"]) for s in rows["speakers"]] == [("Ana Ruiz", 2)]


def test_a_text_without_paragraph_breaks_is_still_read_in_windows(monkeypatch):
    """One long line (a transcript saved without line breaks): cut at sentence ends, never
    after an abbreviation; every sentence and quote keeps its offsets."""
    line = " ".join(f"Dr. Lee met the council on day {n}. “We are ready,” said Mr. Okafor "
                    f"of the U.S. office." for n in range(120))
    found = W.windows(line, 2_000, 300, 100)
    assert len(found) > 5
    for w in found[1:]:
        assert line[w.own_start - 2:w.own_start] == ". " and line[w.own_start - 5:w.own_start] \
            not in ("Dr. ", "Mr. ") and line[w.own_start].isupper()
    monkeypatch.setattr(W, "WINDOW_CHARS", 2_000)
    monkeypatch.setattr(W, "LONG_CHARS", 2_000)
    rows = analyse_batch([Document("d", line)])[0]
    assert rows["documents"][0]["status"] == "ok"
    assert len(rows["quotes"]) == 120
    for q in rows["quotes"]:
        assert line[q["start"]:q["end"]] == q["text"] and q["speaker"] == "Okafor"
    for s in rows["sentences"]:
        assert line[s["start"]:s["end"]] == s["text"]


def test_explain_reads_a_long_text_as_the_main_job_does(monkeypatch):
    """`explain` numbers the quotes of a long text as the quotes table does: the same
    spans, kinds, speakers and sentences, window by window."""
    text = _long_text()
    monkeypatch.setattr(W, "WINDOW_CHARS", 1_500)
    monkeypatch.setattr(W, "LONG_CHARS", 1_500)
    rows = analyse_batch([Document("d", text)])[0]["quotes"]
    explained = W.explain_text(text, n_candidates=1)
    assert [(e.quote.start, e.quote.end, e.quote.kind, e.quote.speaker,
             e.quote.sentences[0] if e.quote.sentences else None) for e in explained] == \
        [(q["start"], q["end"], q["kind"], q["speaker"], q["first_sentence"]) for q in rows]
