import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.model_selection import cross_validate

from analysis.stance import StanceClassifier, count_markers, f_avg
from analysis.stance.teaching import load_teaching_data


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
