import numpy as np
import pandas as pd
import pytest
from afinn import Afinn
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.model_selection import cross_validate

from analysis.sentiment import METHODS, afinn_raw, polarity, score
from analysis.stance import StanceClassifier, count_markers, f_avg
from analysis.stance.teaching import load_teaching_data


@pytest.mark.parametrize("method", METHODS)
def test_scorers_range_and_sign(method):
    pos, neg = polarity(["A wonderful, excellent success.", "A horrible, tragic failure."],
                        method=method)
    assert -1 <= neg < 0 < pos <= 1


def test_score_components():
    frame = score(["Good news.", "Bad news."])
    assert list(frame.columns)[-2:] == ["ensemble", "hybrid"] and len(frame) == 2
    assert np.allclose(frame.ensemble,
                       frame[["vader", "vader_balance", "afinn", "textblob"]].mean(axis=1))
    assert np.allclose(frame.vader_balance, frame.vader_pos - frame.vader_neg)


AFINN_PIECES = ["bad", "luck", "cover", "up", "not", "good", "can't", "stand", "kind", "of",
                "once", "in", "a", "lifetime", "naïve", "Good", "GREAT", "ill", "fated", "x9"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(AFINN_PIECES), st.sampled_from(list(" -'\n\t.,!"))),
                max_size=30))
def test_afinn_raw_matches_the_afinn_package(parts):
    text = "".join(parts)
    assert afinn_raw(text) == Afinn(language="en").score(text)


def test_markers_on_tokens_not_substrings():
    counts = count_markers("The mayor may perhaps agree; we certainly won't.")
    assert counts["hedge"] == 2 and counts["booster"] == 1 and counts["negation"] == 1
    assert counts["self_mention"] == 1


def test_estimator_contract_and_determinism():
    data = load_teaching_data()
    X, y = data[["text", "target"]], data["stance"]
    clf = StanceClassifier(C=3.0, random_state=1)
    assert clone(clf).get_params() == clf.get_params()
    fast = {"char_ngrams": (3, 4), "random_state": 0}  # the contract, not the settings
    a = StanceClassifier(**fast).fit(X, y).predict_proba(X)
    b = StanceClassifier(**fast).fit(X, y).predict_proba(X)
    assert np.array_equal(a, b)
    result = cross_validate(StanceClassifier(char_ngrams=None), X, y, cv=3)
    assert len(result["test_score"]) == 3
    with pytest.raises(ValueError, match="'text' and 'target'"):
        StanceClassifier().fit(pd.DataFrame({"x": [1]}), ["favor"])


def test_f_avg():
    assert f_avg(["favor", "against"], ["favor", "against"]) == 1.0
