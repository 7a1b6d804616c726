"""The linear-time VADER gives the vaderSentiment package's numbers exactly."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from analysis.sentiment.vader import VaderText, _but, polarity_scores, vader_tuple
from analysis.text import tokenise

PACKAGE = SentimentIntensityAnalyzer()

# Lexicon words (with equal valences, to exercise the package's `list.index` in its
# `but` rule), boosters, dampeners, negations, idiom parts, emoticons, emoji (one
# with "!" in its description), capitals, punctuation and separators.
PIECES = [
    "good", "great", "bad", "horrible", "love", "hate", "happy", "sad", "nice", "fun", "kind",
    "no", "not", "never", "without", "doubt", "nor", "or", "isn't", "ain't", "cannot", "n't",
    "very", "extremely", "kind of", "sort of", "kinda", "barely", "least", "at", "the",
    "but", "BUT", "so", "this", "the shit", "the bomb", "bad ass", "kiss of death",
    "to die for", "yeah right", "bus stop", "beating heart", "just enough", "sort", "of",
    "GOOD", "Great", "HATE", "NOT", "VERY", "OK", ":)", ":(", ":D", "<3", "no.", "lol",
    "😁", "💘", "😡", "🆙", "ℹ", "©", "!", "?", "!!", "???", ".", ",", "'", '"', "“", "”", "’",
    "-", "(", ")", "#", "@", "x", "it", "was", "a",
]
SEPARATORS = [" ", " ", " ", "", "\n", "\t", "  ", "\u00a0", "\u2003"]


@st.composite
def texts(draw):
    parts = draw(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)),
                          max_size=40))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts),
                         max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


def _package(text):
    scores = PACKAGE.polarity_scores(text)
    return scores["neg"], scores["neu"], scores["pos"], scores["compound"]


@settings(max_examples=400, deadline=None)
@given(texts())
@example("good great good but good good great")
@example("GOOD good, but bad bad 😁good ℹnice")
@example("I never so much as liked it, without a doubt the best")
def test_equal_to_the_package_on_random_texts(text):
    expected = _package(text)
    assert vader_tuple(text) == expected
    assert polarity_scores(text) == dict(zip(("neg", "neu", "pos", "compound"), expected,
                                             strict=True))
    _, toks = tokenise(text)
    assert VaderText(text, toks).scores() == expected
    assert VaderText(text).scores() == expected


@settings(max_examples=200, deadline=None)
@given(texts(), st.data())
def test_any_span_of_a_document_equals_the_package_on_that_span(text, data):
    doc = VaderText(text, tokenise(text)[1])
    for _ in range(4):  # several spans of one document share its memo of word valences
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, len(text)))
        assert doc.scores(start, end) == _package(text[start:end])


def test_sentences_of_a_document_scored_from_its_tokens():
    text = ("It was GOOD, really good! But the ending, honestly, was not great 😡. "
            "“Kind of a mess,” she said. He said it was the bomb!!! Was it?? No.")
    sents, toks = tokenise(text)
    doc = VaderText(text, toks)
    for s in sents:
        assert doc.scores(s.start, s.end) == _package(s.text)


def test_but_reproduces_the_first_equal_value_rule():
    # sentiments [1.9, 0.95] before a "but": the package halves position 0 twice
    values = [1.9, 0.95]
    _but([0, 1], values, 5)
    assert values == [0.475, 0.95]


@pytest.mark.parametrize("n", [300, 2_000])
def test_long_texts_are_exact(n):
    text = " ".join(["not very good but", "GREAT", "kind of bad", "no", "never so happy"]
                    * (n // 10))
    assert vader_tuple(text) == _package(text)
