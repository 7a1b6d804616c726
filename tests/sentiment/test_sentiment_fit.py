import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.sentiment import polarity
from analysis.sentiment.fit import (
    ANCHORED_GATES,
    NEWS_FIT_DOMAIN,
    TRAIN_DOMAINS,
    HybridModel,
    Settings,
    choose,
    choose_settings,
    cross_validate,
    cv_table,
    features,
    leave_one_domain_out,
    sentence_agreement,
    settings_grid,
    shipped_model,
    train,
)


def _toy_frame():
    good = ["a wonderful film", "great fun", "lovely and warm", "a superb story"]
    bad = ["a dreadful film", "awful and dull", "a terrible story", "boring mess"]
    plain = ["a film about a town", "the story of a trip"]
    rows = [(d, 3.0, t) for d in TRAIN_DOMAINS for t in good]
    rows += [(d, -3.0, t) for d in TRAIN_DOMAINS for t in bad]
    rows += [(d, -1.0, t) for d in TRAIN_DOMAINS for t in plain]
    rows += [("nytEditorialSnippets", 3.0, "never used for fitting")]
    return pd.DataFrame(rows, columns=["domain", "rating", "text"])


def _toy_news(frame):
    good = ["a wonderful cure", "great news for the town", "a superb win"]
    bad = ["a dreadful crash", "awful losses", "a terrible defeat"]
    rows = [(NEWS_FIT_DOMAIN, 1.0, t, b) for b in (1, 2) for t in good]
    rows += [(NEWS_FIT_DOMAIN, -1.0, t, b) for b in (1, 2) for t in bad]
    rows += [(NEWS_FIT_DOMAIN, 1.0, "held out and never fitted", 0)]
    news = pd.DataFrame(rows, columns=["domain", "rating", "text", "bucket"])
    return pd.concat([frame.assign(bucket=-1), news], ignore_index=True)


@pytest.mark.parametrize("gate", ["evidence", "strength", "none"])
def test_train_uses_training_domains_only_and_round_trips(gate):
    frame = _toy_frame()
    model = train(frame, alpha=1.0, min_df=1, gate=gate)
    assert model.meta["n_train"] == 30 and "never" not in model.terms and model.gate == gate
    again = HybridModel.from_json(model.to_json())
    data = features(["a wonderful story", "a dreadful mess", "a film about a trip"])
    args = data.words.tolist(), data.ensemble.to_numpy(), data.evidence.tolist()
    pred = model.predict(*args)
    assert np.allclose(pred, again.predict(*args), atol=1e-5)
    assert pred[0] > 0 > pred[1]
    if gate in ANCHORED_GATES:  # no lexical evidence: exactly 0, whatever the ratings said
        assert pred[2] == 0
    else:
        assert pred[2] < 0


def test_cross_validation_chooses_an_anchored_gate():
    frame = _toy_frame()
    cv = leave_one_domain_out(frame, alphas=(1.0,), min_df=1)
    assert set(cv.gate) == {"evidence", "strength", "none"} and len(cv) == 9
    assert choose(cv)[0] in ANCHORED_GATES


@pytest.mark.parametrize("copy", [0.0, 1.0])
def test_news_is_fitted_on_its_fit_buckets_only(copy):
    frame = _toy_news(_toy_frame())
    model = train(frame, alpha=1.0, min_df=1, news_weight=1.0, news_copy=copy)
    assert model.meta["n_by_domain"] == {"movieReviewSnippets": 10, "tweets": 10,
                                         "amazonReviewSnippets": 10, NEWS_FIT_DOMAIN: 12}
    assert "held" not in model.terms and "never" not in model.terms
    assert "newsmtsc" in model.meta["source"].lower() and model.meta["news_copy"] == copy
    without = train(frame, alpha=1.0, min_df=1)
    assert without.meta["n_train"] == 30 and "crash" not in without.terms


def test_cross_validation_holds_out_each_domain_and_news_bucket():
    frame = _toy_news(_toy_frame())
    grid = [Settings(1.0), Settings(1.0, 1.0, 0.5, 1.0)]
    cv = cross_validate(frame, grid, min_df=1)
    assert len(cv) == 2 * 5 and set(cv.held_out) == {*TRAIN_DOMAINS, "newsmtsc:1",
                                                      "newsmtsc:2"}
    assert list(cv_table(cv).columns) == [*TRAIN_DOMAINS, NEWS_FIT_DOMAIN, "mean"]
    assert choose_settings(cv) in grid
    assert len(settings_grid()) == 39 and settings_grid()[0].news_weight == 0


def test_sentence_agreement_reads_scores_with_a_fixed_band():
    out = sentence_agreement([0.04, -0.04, 0.06, -0.06], [0, 0, 1, -1])
    assert out["macro_f1"] == 1.0 and out["n"] == 4


def test_shipped_model_is_the_default_bounded_and_centred():
    model = shipped_model()
    assert len(model.terms) == len(model.idf) == len(model.coef)
    assert "hutto" in model.meta["source"].lower() and model.gate in ANCHORED_GATES
    assert "bucket 0 held out" in model.meta["source"]
    values = polarity(["Wonderful!!!", "Terrible, awful, horrible disaster.", ""])
    assert all(-1 <= v <= 1 for v in values) and values[0] > 0 > values[1] and values[2] == 0
    with pytest.raises(ValueError, match="2 texts but 1"):
        model.predict([["a"], ["b"]], [0.0])
    with pytest.raises(ValueError, match="one evidence flag per text"):
        model.predict([["a"]], [0.0])


def test_old_model_files_load_ungated():
    data = shipped_model().to_json()
    del data["gate"]
    assert HybridModel.from_json(data).gate == "none"


HUTTO = os.environ.get("ANALYSIS_HUTTO")  # .../hutto_ICWSM_2014 (vaderSentiment sdist)


@pytest.mark.skipif(not HUTTO or not Path(HUTTO).is_dir(),
                    reason="set ANALYSIS_HUTTO to the unpacked hutto_ICWSM_2014 folder")
def test_no_nyt_sentence_without_lexical_evidence_scores_negative():
    from analysis.sentiment import score_rows
    from analysis.sentiment.document import has_evidence
    from analysis.sentiment.fit import NEWS_DOMAIN, load_ratings

    news = load_ratings(HUTTO, [NEWS_DOMAIN])
    rows = score_rows(news.text.tolist()[:1500])
    assert all(r[-1] == 0 for r in rows if not has_evidence(r))
