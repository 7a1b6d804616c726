import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone

from analysis.targeted import TargetSentimentClassifier, shipped_model, toward
from analysis.targeted.features import featurise

DATA = Path(os.environ.get("ANALYSIS_DATA", "/work/shared/data"))


def test_toward_one_record_per_span_in_order_with_offsets():
    text = "The mayor praised Ann Lee. Critics called Bo Park a liar and a fraud."
    spans = [(42, 49), (18, 25)]
    out = toward(text, spans)
    assert [(r.start, r.end) for r in out] == spans
    for r in out:
        assert text[r.start:r.end] == r.text
        assert r.label in ("negative", "neutral", "positive")
        assert abs(r.p_negative + r.p_neutral + r.p_positive - 1) < 1e-12
    assert out[0].label == "negative"


def test_same_sentence_two_targets_can_differ():
    text = "Smith praised the brave and honest Jones, while critics mocked the corrupt Smith."
    a, b = text.index("Jones"), text.rindex("Smith")
    out = toward(text, [(a, a + 5), (b, b + 5)])
    assert out[0].p_positive > out[1].p_positive
    assert out[1].p_negative > out[0].p_negative


def test_other_targets_are_masked():
    f = featurise(["Ann met Bo."], [(0, 3)], [[(8, 10)]])[0]
    assert "w=<O>" in f and "w=bo" not in f and "w=<T>" in f


def test_explain_names_features():
    r = toward("Voters loved Ann Lee, a brilliant leader.", [(13, 20)], explain=3)[0]
    assert 0 < len(r.evidence) <= 3
    names = set(shipped_model().features_)
    assert all(name in names and value > 0 for name, value in r.evidence)


def test_sentences_given_or_not_agree():
    text = "Ann Lee won. Critics said Bo Park failed badly."
    spans = [(0, 7), (26, 33)]
    assert toward(text, spans) == toward(text, spans, sentences=[(0, 12), (13, 47)])


@pytest.mark.parametrize("spans, message", [
    ([(5, 3)], r"spans\[0\] = \(5, 3\) is not a span"),
    ([(0, 99)], r"need 0 <= start < end <= 10"),
    ([("a",)], r"neither a \(start, end\) pair"),
])
def test_bad_spans_say_what_is_wrong(spans, message):
    with pytest.raises(ValueError, match=message):
        toward("Ann spoke.", spans)


def test_no_spans_no_rows():
    assert toward("Nothing here.", []) == []


def _tiny():
    X = pd.DataFrame({"text": ["Critics slammed Smith for the corrupt deal.",
                               "Fans praised Jones for a brilliant gift.",
                               "Smith arrived on Monday."] * 4,
                      "start": [16, 12, 0] * 4, "end": [21, 17, 5] * 4})
    return X, ["negative", "positive", "neutral"] * 4


def test_estimator_contract_save_load_exact(tmp_path):
    X, y = _tiny()
    clf = TargetSentimentClassifier(C=1.0, min_df=1)
    assert clone(clf).get_params() == clf.get_params()
    clf.fit(X, y)
    path = clf.save(tmp_path / "m.json.gz")
    again = TargetSentimentClassifier.load(path)
    assert np.array_equal(clf.predict_proba(X), again.predict_proba(X))
    assert clf.score(X, y) == 1.0
    with pytest.raises(ValueError, match="labels must be in"):
        TargetSentimentClassifier().fit(X, ["bad"] * len(X))
    with pytest.raises(ValueError, match="columns 'text', 'start', 'end'"):
        TargetSentimentClassifier().fit(pd.DataFrame({"text": ["x"]}), ["neutral"])


def test_shipped_model_identical_on_every_load():
    from importlib import resources

    from analysis.stance.weights import read_json
    from analysis.targeted.model import MODEL_FILE

    raw = (resources.files("analysis") / "data" / MODEL_FILE).read_bytes()
    X = pd.DataFrame({"text": ["Critics called Bo Park a liar.", "Ann Lee won praise."],
                      "start": [15, 0], "end": [22, 7]})
    first = TargetSentimentClassifier.from_json(read_json(raw)).predict_proba(X)
    second = TargetSentimentClassifier.from_json(read_json(raw)).predict_proba(X)
    assert np.array_equal(first, second)
    assert np.array_equal(first, shipped_model().predict_proba(X))
    assert "held_out_macro_f1" in shipped_model().meta_


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab “”'\".,!?-\n")) | st.characters(),
               min_size=1, max_size=60), st.data())
def test_any_text_any_span(text, data):
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, len(text)))
    r = toward(text, [(a, b)])[0]
    assert r.text == text[a:b] and r.label in ("negative", "neutral", "positive")


@pytest.mark.skipif(not (DATA / "newsmtsc-train").is_dir(), reason="NewsMTSC not available")
def test_newsmtsc_split_is_by_article_and_stable():
    from analysis.targeted.data import article_key, load_newsmtsc

    frame = load_newsmtsc(DATA / "newsmtsc-train")
    keys = frame.gid.map(article_key)
    assert (keys.groupby(frame.bucket.to_numpy()).nunique().sum() == keys.nunique())
    assert 0.17 < (frame.bucket == 0).mean() < 0.23
    for row in frame.head(200).itertuples():
        assert row.text[row.start:row.end]
