"""The quote rules by name: every example and counterexample of the registry
(analysis.quotes.rules) runs through the rules, and every name the rules record is
registered."""

import json

import pytest

from analysis.paths import REPO
from analysis.quotes.extract import analyse_quotes_by_rules
from analysis.quotes.rules import RULES, Case, Rule, check, known, rule, trace

CASES = [pytest.param(name, case, False, id=f"{name}-example-{n}")
         for name, r in RULES.items() for n, case in enumerate(r.examples)]
COUNTER = [pytest.param(name, case, True, id=f"{name}-counter-{n}")
           for name, r in RULES.items() for n, case in enumerate(r.counterexamples)]


@pytest.mark.parametrize(("name", "case", "counter"), CASES + COUNTER)
def test_rule_cases(name, case, counter):
    assert check(name, case, counter=counter) == []


def test_every_rule_has_examples_and_a_description():
    for r in RULES.values():
        assert r.examples and len(r.description) > 20


def test_the_rules_of_the_issue_are_registered():
    expected = {"marks", "cue_after", "cue_before", "colon_intro", "according_to_after",
                "according_to", "partial_cue", "inherit_previous", "inherit_next",
                "that_clause", "final_cue", "adding_that", "title_naming", "title_possessor",
                "scare_quote", "direct_sentence", "direct_clause", "direct_unclosed",
                "partial", "dateline"}
    assert expected <= set(RULES)


def _passages():
    for name in ("quotes_dev.json", "quotes_heldout.json"):
        yield from json.loads((REPO / "tests" / "data" / name).read_text(encoding="utf-8"))


def test_every_recorded_name_is_registered():
    names = set()
    for p in _passages():
        names.update(f.rule for f in trace(p["text"]))
        for q in analyse_quotes_by_rules(p["text"])[0]:
            assert known(q.rule) and (q.speaker_rule is None or known(q.speaker_rule)), q
    assert names <= set(RULES), names - set(RULES)
    assert len(names) >= 15  # the passages exercise most rules


def test_check_reports_what_is_wrong():
    wrong = Case("“It’s done,” said Steve Cowan.", "“It’s done,”", speaker="Jane Doe")
    (problem,) = check("cue_after", wrong)
    assert "'Steve Cowan'" in problem and "'Jane Doe'" in problem
    assert check("cue_before", Case(wrong.text, wrong.quote))  # a different rule fired
    assert check("cue_after", Case(wrong.text, wrong.quote), counter=True)
    assert "not in the text" in check("cue_after", Case("x", "y"))[0]


def test_registry_errors_name_the_fix():
    with pytest.raises(KeyError, match="cue_after"):
        rule("cue_afer")
    with pytest.raises(ValueError, match="no example"):
        Rule("x", ("content",), "does nothing", ())
    with pytest.raises(ValueError, match="steps"):
        Rule("x", ("parse",), "does nothing", (Case("a"),))


def test_trace_shows_dropped_spans_and_datelines():
    got = [(f.rule, f.text.strip()) for f in trace(
        "LONDON (Reuters) - The so-called “reform” passed on Monday.")]
    assert ("dateline", "LONDON (Reuters) -") in got
    assert ("scare_quote", "“reform”") in got


class _Counting(tuple):
    """Token tuple that counts every lookup: the work the rules do."""

    reads = 0

    def __getitem__(self, k):
        _Counting.reads += 1
        return tuple.__getitem__(self, k)


def _work(text):
    from analysis.quotes.document import QuoteDoc
    from analysis.quotes.extract import rule_quotes
    from analysis.quotes.mentions import find_mentions
    from analysis.quotes.resolve import resolve_mentions
    from analysis.text import build

    model = build(text)
    _Counting.reads = 0
    find_mentions(text, model.sentences, _Counting(model.tokens))
    d = QuoteDoc(model)
    d.toks = _Counting(d.toks)
    raw = rule_quotes(d)
    resolve_mentions(d, {r.mention.start for r in raw if r.mention is not None})
    return _Counting.reads


@pytest.mark.parametrize("unit", [
    "The minister said \"yes\" and 'no' ",
    "Smith said the plan, adding that it failed, ",
    "“A,” he said. ",
    "It it it saying “x y z.” according to the the ",
    "Officials, who said nothing, told reporters “no” ",
    "Finally Local Rival owner the winger said ",
])
def test_rules_work_grows_linearly(unit):
    """Doubling a hostile text doubles the tokens the rules read (issue 15: no per-quote
    scan of whole sentences)."""
    small, large = _work(unit * 150), _work(unit * 300)
    assert large <= 2.2 * small, (small, large)
