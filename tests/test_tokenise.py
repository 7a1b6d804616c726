import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from sentence_cases import CASES

from analysis.paths import SEEDS
from analysis.tokenise import sentences, tokens

SEED = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8")


def test_hard_cases_at_least_98_percent():
    assert len(CASES) >= 60
    right = sum([s.text for s in sentences(t)] == expected for t, expected in CASES)
    assert right / len(CASES) >= 0.98


def test_seed_sentences_and_apostrophes():
    sents = sentences(SEED)
    assert len(sents) == 18
    assert sents[3].text.endswith("what they want.’")
    toks = tokens(SEED)
    texts = [t.text for t in toks]
    assert "n’t" in texts and texts[texts.index("n’t") - 1] == "are"
    assert ("country", "’s") in itertools.pairwise(texts)
    coercive = next(i for i, t in enumerate(texts) if t == "coercive")
    assert [toks[coercive - 1].kind, toks[coercive + 1].kind] == ["quote", "quote"]


def test_treebank_conventions():
    assert [t.text for t in tokens("I don't know Iran's plan.")] == [
        "I", "do", "n't", "know", "Iran", "'s", "plan", "."]


TEXT = st.text(alphabet=st.sampled_from(list("ab Cd.!?‘’'\"“”,\n ()eU.S1")), max_size=120)


@settings(max_examples=150, deadline=None)
@given(TEXT)
def test_offsets_reproduce_text_and_cover_without_overlap(text):
    sents = sentences(text)
    pos = 0
    for s in sents:
        assert text[s.start:s.end] == s.text and s.start >= pos
        assert not text[pos:s.start].strip()
        pos = s.end
    assert not text[pos:].strip()
    for t in tokens(text, sents):
        assert text[t.start:t.end] == t.text


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab Cd.‘’'\"“”,s9")), max_size=80))
def test_curly_and_straight_tokenise_alike(text):
    straight = text.translate(str.maketrans("‘’“”", "''\"\""))
    assert [(t.start, t.end) for t in tokens(text)] == [(t.start, t.end) for t in tokens(straight)]
