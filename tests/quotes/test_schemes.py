"""The two attribution schemes, the confidence of every quote, and the commands that
show them (explain, evaluate --gold).  The texts are written here: regression tests of
named behaviour, not quality estimates."""

import json

from analysis.cli import main
from analysis.quotes import explain, extract_quotes
from analysis.quotes.cues import cue_class, is_clause_content

TEXT = ("Mayor Ana Ruiz said the bridge would reopen in May. She believes the repairs "
        "were overdue. The council wants to raise taxes, its leader said. “We will not "
        "wait,” Ruiz told reporters.")


def test_speech_is_the_default_and_all_adds_beliefs():
    speech = extract_quotes(TEXT)
    every = extract_quotes(TEXT, attributions="all")
    assert {q.text for q in speech} <= {q.text for q in every}
    assert all(q.cue_class == "speech" for q in speech)
    assert "the bridge would reopen in May" in {q.text for q in speech}
    assert not any(q.cue_class == "belief" for q in speech)


def test_every_quote_has_a_cue_class_and_probabilities():
    for q in extract_quotes(TEXT, attributions="all"):
        assert q.cue_class in ("speech", "belief", "intention", "other")
        assert 0.0 <= q.p_quote <= 1.0
        assert (q.p_speaker is None) == (q.speaker is None)


def test_no_indirect_report_without_a_cue():
    assert not [q for q in extract_quotes("The bridge will reopen in May after the repairs.",
                                          attributions="all") if q.kind == "indirect"]


def test_cue_classes_and_clauses():
    assert [cue_class(c) for c in ("told", "according to", "believes", "plans", ":")] == [
        "speech", "speech", "belief", "intention", "speech"]
    assert is_clause_content(["the", "talks", "failed"])
    assert not is_clause_content(["to", "resign"]) and not is_clause_content(["about", "it"])


def test_explain_shows_the_evidence(tmp_path, capsys):
    e = explain(TEXT)[0]
    text = str(e)
    assert "p_quote" in text and "candidates" in text and e.quote.p_speaker is not None
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    page = tmp_path / "a.html"
    assert main(["explain", str(path), "--quote", "0", "--html", str(page)]) == 0
    out = capsys.readouterr().out
    assert "[0]" in out and "p_speaker" in out and "<mark" in page.read_text(encoding="utf-8")
    assert main(["explain", str(path), "--quote", "99"]) == 2
    assert "quotes (0 to" in capsys.readouterr().err


def test_evaluate_a_speech_gold_set(tmp_path, capsys):
    (tmp_path / "texts").mkdir()
    (tmp_path / "gold").mkdir()
    text = "“We will not wait,” Ruiz told reporters. She said the vote was close."
    (tmp_path / "texts" / "a.txt").write_text(text, encoding="utf-8")
    gold = [{"kind": "direct", "start": 0, "end": 19, "speaker": "Ana Ruiz",
             "speaker_start": 20, "speaker_end": 24, "cue": "told"},
            {"kind": "indirect", "start": 50, "end": 68, "speaker": "Ana Ruiz",
             "speaker_start": 41, "speaker_end": 44, "cue": "said"}]
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    assert main(["evaluate", "--gold", str(tmp_path), "--reliability", "--by", "kind"]) == 0
    out = capsys.readouterr().out
    assert "speech gold set: 1 documents" in out and "reliability of p_quote" in out
    assert main(["evaluate", "--gold", str(tmp_path / "nope")]) == 1


def test_a_noun_phrase_after_a_verb_of_saying_is_not_speech():
    """The clause model (learned from GUM's complements of verbs of saying) keeps the
    clause and drops the object in the speech scheme; the all scheme keeps both."""
    plan = "The minister announced a new plan for the railways on Monday."
    clause = "The minister said the railways would be rebuilt."
    assert extract_quotes(plan) == [] and extract_quotes(plan, attributions="all")
    assert [q.text for q in extract_quotes(clause)] == ["the railways would be rebuilt"]
