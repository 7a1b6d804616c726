"""The document model: one definition of paragraphs, sentences, tokens and mark roles."""

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.quotes import extract_quotes, quote_spans
from analysis.text import build

HARD_WRAPPED = ("“We will not back down from this fight,\nwhatever it costs us,” said "
                "Maria Lopez.")


def _check(text: str) -> None:
    doc = build(text)
    for unit in (*doc.paragraphs, *doc.sentences, *doc.tokens):
        assert text[unit.start:unit.end] == unit.text
    # sentences lie inside their paragraph, in order
    for s, p in zip(doc.sentences, doc.sentence_paragraphs, strict=True):
        para = doc.paragraphs[p]
        assert para.start <= s.start and s.end <= para.end
    # token ranges of the sentences partition the tokens
    k = 0
    for i, (a, b) in enumerate(doc.sentence_tokens):
        assert a == k
        assert all(t.sentence == i for t in doc.tokens[a:b])
        k = b
    assert k == len(doc.tokens)
    # a token's quote/apostrophe kind is the role of its mark
    roles = {m.start: m.role for m in doc.marks}
    for t in doc.tokens:
        if t.kind == "apostrophe":
            assert roles[t.start] == "apostrophe"
        if t.kind == "quote" and t.start in roles:
            assert roles[t.start] in ("open", "close")


def test_hard_wrapped_quotation_is_one_quote_and_one_paragraph():
    doc = build(HARD_WRAPPED)
    assert len(doc.paragraphs) == 1 and len(doc.sentences) == 1
    (quote,) = extract_quotes(doc)
    assert quote.text == HARD_WRAPPED[:HARD_WRAPPED.index("”") + 1]
    assert quote.closed and quote.speaker == "Maria Lopez"


def test_blank_line_starts_a_paragraph_and_resets_marks():
    doc = build("He said “no.\n\nShe said ‘yes,’ twice.")
    assert [p.text for p in doc.paragraphs] == ["He said “no.", "She said ‘yes,’ twice."]
    assert [m.role for m in doc.marks] == ["open", "open", "close"]


def test_low_nine_quotation_marks_close_with_a_high_mark():
    text = "„Wir schaffen das“, sagte Angela Merkel. Then she left."
    doc = build(text)
    assert [m.role for m in doc.marks] == ["open", "close"]
    (span,) = quote_spans(text, doc.marks, [(p.start, p.end) for p in doc.paragraphs])
    assert text[span.start:span.end] == "„Wir schaffen das“"


def test_indexes():
    doc = build("One two.\n\nThree four five.")
    assert doc.paragraph_at(doc.text.index("Three")) == 1
    assert doc.sentence_at(doc.text.index("four")) == 1
    a, b = doc.token_range(doc.text.index("Three"), len(doc.text))
    assert [t.text for t in doc.tokens[a:b]] == ["Three", "four", "five", "."]
    assert doc.folded[:2] == ("one", "two")


def test_seed_invariants():
    from analysis.paths import SEEDS

    text = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    _check(text)


_ALPHABET = st.sampled_from([*"ab AB.,;:!?\n\n-—()’‘“”\"'„«»…\r\u00a0\u0301é1",
                             "Mr.", "U.S.", " said ", "He ", "n’t", "\n\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_offsets_and_indexes_hold_on_random_text(text):
    _check(text)
