"""Mention types and pronoun antecedents (analysis.quotes.mention_types): regression tests on
passages written for these tests.  They pin behaviour, not quality: quality is measured on
held-out GUM documents by ``python -m analysis.quotes.train_types`` (figures in the
weights file's ``meta``)."""

from __future__ import annotations

import gzip
import json
import time

import pytest

from analysis.quotes import mention_types as qt
from analysis.quotes.mentions import find_mentions
from analysis.text import build


def _typed(text: str) -> list[tuple[str, str]]:
    doc = build(text)
    mentions = find_mentions(doc.text, doc.sentences, doc.tokens)
    return [(m.text, qt.best_type(t)) for m, t in zip(mentions, qt.mention_types(doc, mentions),
                                                      strict=True)]


def _antecedents(text: str) -> list[tuple[str, str | None]]:
    doc = build(text)
    ms = find_mentions(doc.text, doc.sentences, doc.tokens)
    return [(ms[a.pronoun].text, None if a.antecedent is None else ms[a.antecedent].text)
            for a in qt.resolve_pronouns(doc, ms)]


def test_every_mention_gets_a_probability_per_type():
    doc = build("Mary Lee met the ministers in Paris. They said she was right.")
    ms = find_mentions(doc.text, doc.sentences, doc.tokens)
    rows = qt.mention_types(doc, ms)
    assert len(rows) == len(ms)
    for row in rows:
        assert tuple(row) == qt.TYPES
        assert sum(row.values()) == pytest.approx(1.0, abs=1e-3)


@pytest.mark.parametrize(("text", "expected"), [
    ("The Supreme Court ruled on Monday.", [("Supreme Court", "org")]),
    ("Microsoft said Internet Explorer would be retired.",
     [("Microsoft", "org"), ("Internet Explorer", "work")]),
    ("Israeli officials said they would respond. The ministry said it was ready.",
     [("Israeli officials", "group"), ("they", "group"), ("The ministry", "org"),
      ("it", "other")]),
    ("John Smith and Mary Jones met in Paris.",
     [("John Smith", "person"), ("Mary Jones", "person"), ("Paris", "place")]),
    ("Police in Ohio said a 34-year-old man was arrested.",
     [("Police", "org"), ("Ohio", "place"), ("a 34-year-old man", "person")]),
    ("Turkey's Anadolu Agency reported that Mr. Erdogan spoke.",
     [("Turkey", "place"), ("Anadolu Agency", "org"), ("Erdogan", "person")]),
])
def test_types_of_written_passages(text, expected):
    assert _typed(text) == expected


def test_places_countries_and_works_are_not_speaker_types():
    typed = dict(_typed("Oxfam's Barbara Stocking said Israel must act. She left for Gaza. "
                        "Microsoft said Internet Explorer would be retired."))
    assert typed["Barbara Stocking"] == "person"
    for name in ("Israel", "Gaza", "Internet Explorer"):
        assert typed[name] not in qt.SPEAKER_TYPES, name


def test_same_head_word_shares_its_type():
    doc = build("Belgium beat Wales 3-1. Belgium scored twice.")
    ms = [qt.At(0, 7), qt.At(24, 31)]
    alone = qt.mention_types(doc, ms, same_name_weight=0.0)
    shared = qt.mention_types(doc, ms)
    gap_alone = abs(alone[0]["place"] - alone[1]["place"])
    gap_shared = abs(shared[0]["place"] - shared[1]["place"])
    assert gap_shared <= gap_alone


@pytest.mark.parametrize(("text", "expected"), [
    ("Mary Lee met the ministers. They said she was right.",
     [("They", "the ministers"), ("she", "Mary Lee")]),
    ("John Smith and Mary Jones met in Paris. She said he was late.",
     [("She", "Mary Jones"), ("he", "John Smith")]),
    ("Police in Ohio said a 34-year-old man was arrested. He was charged on Friday.",
     [("He", "a 34-year-old man")]),
    ("Oxfam's Barbara Stocking said Israel must act. She left for Gaza.",
     [("She", "Barbara Stocking")]),
])
def test_antecedents_of_written_passages(text, expected):
    assert _antecedents(text) == expected


def test_pronoun_without_candidates_has_no_antecedent():
    doc = build("He left.")
    ms = find_mentions(doc.text, doc.sentences, doc.tokens)
    assert qt.resolve_pronouns(doc, ms) == [qt.Antecedent(0, None, 0.0)]


def test_empty_document_and_no_mentions():
    assert qt.mention_types(build(""), []) == []
    assert qt.resolve_pronouns(build(""), []) == []


def test_spans_at_the_edges_of_the_text():
    doc = build("Paris")
    assert qt.best_type(qt.mention_types(doc, [qt.At(0, 5)])[0]) in qt.TYPES
    doc = build("He said: Gaza")
    assert len(qt.mention_features(doc, [qt.At(9, 13), qt.At(0, 2)])) == 2


def test_explain_names_the_features_that_weigh_most():
    doc = build("He flew to Gaza.")
    reasons = qt.explain_type(doc, qt.At(11, 15), top=3)
    assert len(reasons) == 3
    assert all(isinstance(name, str) and isinstance(w, float) for name, w in reasons)


def test_typer_round_trips_through_json():
    typer = qt.MentionTyper(C=1.0, min_count=1).fit(
        [["h:he"], ["h:it"], ["h:he", "p1:said"], ["h:paris", "p1:in"]],
        ["person", "other", "person", "place"])
    again = qt.MentionTyper.from_json(json.loads(json.dumps(typer.to_json())))
    feats = [["h:he"], ["h:paris"], ["unknown"]]
    assert typer.predict(feats) == again.predict(feats)
    assert again.predict_proba(feats) == pytest.approx(typer.predict_proba(feats), abs=1e-4)


def test_fit_rejects_bad_input_with_the_reason():
    with pytest.raises(ValueError, match="2 feature lists but 1 labels"):
        qt.MentionTyper().fit([["a"], ["b"]], ["person"])
    with pytest.raises(ValueError, match="unknown labels \\['human'\\]"):
        qt.MentionTyper().fit([["a"], ["b"]], ["person", "human"])
    with pytest.raises(ValueError, match="both true"):
        qt.AntecedentRanker().fit([{"a": 1.0}], [1])


def test_missing_or_foreign_weights_file_is_explained(tmp_path):
    with pytest.raises(FileNotFoundError, match="train_types"):
        qt.shipped_typing(str(tmp_path / "none.json.gz"))
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "analysis.ranker/1"}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a typing weights file"):
        qt.shipped_typing(str(other))


def test_shipped_weights_state_their_provenance():
    path = qt.WEIGHTS
    meta = json.loads(gzip.decompress(path.read_bytes()))["meta"]
    assert "afb41ee" in meta["source"] and "GUM" in meta["source"]
    assert "sha1" in meta["split"] and len(meta["heldout_documents"]) == 21
    for key in ("trained", "sklearn", "heldout", "rebuild"):
        assert meta[key]
    assert 0 < meta["heldout"]["typing_accuracy"] <= 1


def test_thousands_of_mentions_per_second():
    text = " ".join(["Mary Lee met the ministers in Paris. They said she was right."] * 200)
    doc = build(text)
    ms = find_mentions(doc.text, doc.sentences, doc.tokens)
    qt.mention_types(doc, ms[:2])  # load the weights
    t0 = time.perf_counter()
    qt.mention_types(doc, ms)
    elapsed = time.perf_counter() - t0
    assert len(ms) >= 1000
    assert len(ms) / elapsed > 2000  # measured about 20,000 per second
