import os
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.stance import LABELS, SHIPPED, StanceClassifier, shipped
from analysis.stance.classifier import _target_balanced
from analysis.stance.cues import CUES, cue_matrix
from analysis.stance.data import SEMEVAL_TARGETS, gwsd_split, load_gwsd, soft_labels
from analysis.stance.teaching import load_teaching_data
from analysis.stance.weights import read_json, write_json

DATA = Path(os.environ.get("ANALYSIS_DATA", "/work/shared/data"))
PROBE = pd.DataFrame({
    "text": ["Global warming is a hoax invented by alarmists.",
             "We must act now: the climate crisis is destroying our future.",
             "The committee meets on Tuesday.",
             "Talks with the US would betray the nation."],
    "target": [SEMEVAL_TARGETS[1], SEMEVAL_TARGETS[1], "Atheism", "negotiations with the US"]})


def _fresh(name):
    raw = (resources.files("analysis") / "data" / SHIPPED[name]).read_bytes()
    return StanceClassifier.from_json(read_json(raw))


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_models_identical_on_every_load(name):
    first, second = _fresh(name).predict_proba(PROBE), _fresh(name).predict_proba(PROBE)
    assert np.array_equal(first, second)
    assert np.array_equal(first, shipped(name).predict_proba(PROBE))
    assert np.allclose(first.sum(axis=1), 1.0)


def test_news_model_knows_the_semeval_targets_and_news():
    model = shipped("news")
    assert set(SEMEVAL_TARGETS) <= set(model.targets_)
    assert model.domains_ == ["news", "tweets"] and model.domain == "news"
    assert "held_out" in model.meta_ and "rebuild" in model.meta_


def test_pipeline_loads_and_never_fits(monkeypatch):
    from analysis.run import stages

    def refuse(*args, **kwargs):
        raise AssertionError("the pipeline must not fit a stance model")

    monkeypatch.setattr(StanceClassifier, "fit", refuse)
    stages.stance_model.cache_clear()
    try:
        assert stages.stance_model() is shipped("teaching")
        assert stages.stance_model(SEMEVAL_TARGETS[0]) is shipped("news")
    finally:
        stages.stance_model.cache_clear()


def test_fit_save_load_your_own_target(tmp_path):
    data = load_teaching_data()
    X = data[["text", "target"]].assign(target="my target")
    clf = StanceClassifier(char_ngrams=(3, 3), random_state=0).fit(X, data.stance)
    path = clf.save(tmp_path / "mine.json.gz")
    again = StanceClassifier.load(path)
    assert again.get_params() == clf.get_params()
    assert np.array_equal(again.predict_proba(X), clf.predict_proba(X))
    unseen = again.predict_proba(X.assign(target="a target never seen").head(3))
    assert unseen.shape == (3, 3) and np.allclose(unseen.sum(axis=1), 1.0)


def test_words_only_and_no_cues_round_trip(tmp_path):
    data = load_teaching_data()
    X, y = data[["text", "target"]], data.stance
    clf = StanceClassifier(char_ngrams=None, cues=0.0).fit(X, y)
    again = StanceClassifier.load(clf.save(tmp_path / "m.json"))
    assert np.array_equal(again.predict_proba(X), clf.predict_proba(X))


def test_bad_inputs_say_what_is_wrong(tmp_path):
    with pytest.raises(ValueError, match="labels must be in"):
        StanceClassifier().fit(PROBE, ["yes"] * 4)
    with pytest.raises(ValueError, match="two different labels"):
        StanceClassifier().fit(PROBE, ["favor"] * 4)
    with pytest.raises(ValueError, match="class_weight must be"):
        StanceClassifier(class_weight="x").fit(PROBE, ["favor", "against"] * 2)
    with pytest.raises(ValueError, match="no shipped stance model 'nope'"):
        shipped("nope")
    with pytest.raises(FileNotFoundError, match="not found"):
        StanceClassifier.load(tmp_path / "missing.json")
    with pytest.raises(ValueError, match="not a stance model"):
        StanceClassifier.load(write_json({"format": "other"}, tmp_path / "x.json"))
    (tmp_path / "junk.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValueError, match="is not a saved model"):
        StanceClassifier.load(tmp_path / "junk.json")


def test_target_balanced_weights():
    w = _target_balanced(np.array(["a"] * 4 + ["b"] * 2),
                         np.array(["favor", "favor", "favor", "against", "none", "favor"]))
    assert np.isclose(w.mean(), 1.0)
    assert np.isclose(w[3], 3 * w[0])  # the rare label of target a weighs three of its common


def test_cues():
    names, values = cue_matrix(["The so-called experts claimed it, but it is a hoax!",
                                "It is not good.", ""])
    assert names == CUES and values.shape == (3, len(CUES))
    row = dict(zip(names, values[0], strict=True))
    assert row["distance"] > 0 and row["counter"] > 0 and row["dismiss"] > 0
    assert row["exclamation"] == 1.0
    negated = dict(zip(names, values[1], strict=True))
    assert negated["negative"] > 0 and negated["positive"] == 0  # "not good" flips
    assert not values[2].any()


def test_gwsd_split_is_stable_and_order_free():
    ids = [f"t{i}" for i in range(500)]
    assert gwsd_split(ids) == gwsd_split(ids[::-1])[::-1]
    assert 0.15 < np.mean(gwsd_split(ids)) < 0.25


@pytest.mark.skipif(not (DATA / "gwsd-train").is_dir(), reason="GWSD not available")
def test_gwsd_reader():
    frame = load_gwsd(DATA / "gwsd-train")
    assert set(frame.stance) == {"favor", "against", "none"}
    assert set(frame.domain) == {"news"} and 0.17 < frame.held_out.mean() < 0.23


def _teaching_Xy():
    data = load_teaching_data()
    return data[["text", "target"]], data["stance"].to_numpy()


def test_certain_soft_labels_fit_like_hard_labels():
    X, y = _teaching_Xy()
    fast = {"char_ngrams": None, "random_state": 0}
    onehot = np.array([[float(s == label) for label in LABELS] for s in y])
    by_labels = StanceClassifier(**fast).fit(X, y).predict_proba(X)
    by_proba = StanceClassifier(**fast).fit(X, None, label_proba=onehot).predict_proba(X)
    assert np.allclose(by_labels, by_proba, atol=1e-3)


def test_soft_labels_pull_towards_the_uncertain_label():
    X, y = _teaching_Xy()
    fast = {"char_ngrams": None, "random_state": 0}
    onehot = np.array([[float(s == label) for label in LABELS] for s in y])
    doubtful = 0.5 * onehot + 0.5 * np.array([0.0, 0.0, 1.0])  # half sure, half "none"
    sure = StanceClassifier(**fast).fit(X, y)
    unsure = StanceClassifier(**fast).fit(X, None, label_proba=pd.DataFrame(
        doubtful, columns=list(LABELS)))
    none = list(LABELS).index("none")
    assert unsure.predict_proba(X)[:, none].mean() > sure.predict_proba(X)[:, none].mean()


def test_bad_soft_labels_say_what_is_wrong():
    X, _ = _teaching_Xy()
    with pytest.raises(ValueError, match="label_proba must be 180 rows of 3"):
        StanceClassifier().fit(X, None, label_proba=np.ones((3, 3)))
    with pytest.raises(ValueError, match="label_proba lacks the columns"):
        StanceClassifier().fit(X, None, label_proba=pd.DataFrame({"favor": np.ones(180)}))
    with pytest.raises(ValueError, match="non-negative"):
        StanceClassifier().fit(X, None, label_proba=-np.ones((180, 3)))


def test_pivots_keep_only_ngrams_of_every_domain():
    X, y = _teaching_Xy()
    news = pd.DataFrame({"text": ["The talks on the nuclear deal resume.",
                                  "Sanctions on the deal were lifted by the talks."] * 3,
                         "domain": "news"})
    clf = StanceClassifier(pivots=2, char_ngrams=None, cues=0.0).fit(
        X.assign(domain="tweets"), y, unlabelled=news)
    vocabulary = set(clf.words_.vocabulary_)
    assert {"the", "talks", "deal"} <= vocabulary and "betray" not in vocabulary
    assert clf.domains_ == []  # the unlabelled texts choose words, not weights
    with pytest.raises(ValueError, match="lower pivots"):
        StanceClassifier(pivots=2, char_ngrams=None).fit(
            X.assign(domain="tweets"), y, unlabelled=news.assign(text="zzz"))
    with pytest.raises(ValueError, match="unlabelled must be a DataFrame"):
        StanceClassifier(pivots=2).fit(X, y, unlabelled=["text"])


def test_pruned_model_is_smaller_and_round_trips(tmp_path):
    X, y = _teaching_Xy()
    full = StanceClassifier(char_ngrams=(3, 3), random_state=0).fit(X, y)
    small = StanceClassifier(char_ngrams=(3, 3), prune=0.1, random_state=0).fit(X, y)
    assert len(small.chars_.vocabulary_) < len(full.chars_.vocabulary_) / 2
    again = StanceClassifier.load(small.save(tmp_path / "small.json.gz"))
    assert again.prune == 0.1
    assert np.array_equal(again.predict_proba(X), small.predict_proba(X))
    with pytest.raises(ValueError, match="prune must be >= 0"):
        StanceClassifier(prune=-1).fit(X, y)


@pytest.mark.skipif(not (DATA / "gwsd-train").is_dir(), reason="GWSD not available")
def test_gwsd_soft_labels():
    frame = load_gwsd(DATA / "gwsd-train")
    proba = soft_labels(frame)
    assert proba.shape == (len(frame), 3) and np.allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    assert (np.asarray(LABELS)[proba.argmax(axis=1)] == frame.stance.to_numpy()).mean() > 0.99


def test_batch_cv_never_splits_a_batch():
    from analysis.stance.train import batch_cv

    data = load_teaching_data()
    dev = data.assign(id=[f"b{i % 7}" for i in range(len(data))])

    def fit_predict(train, test):
        assert not set(train.id) & set(test.id)
        return np.where(test.text.str.contains("not|never|no "), "against", "favor")

    assert 0.0 <= batch_cv(dev, fit_predict) <= 1.0
