import numpy as np
import pandas as pd
import pytest

from analysis.sentiment import polarity, score_rows
from analysis.sentiment_model import TRAIN_DOMAINS, HybridModel, shipped_model, train


def _toy_frame():
    good = ["a wonderful film", "great fun", "lovely and warm", "a superb story"]
    bad = ["a dreadful film", "awful and dull", "a terrible story", "boring mess"]
    rows = [(d, 3.0, t) for d in TRAIN_DOMAINS for t in good]
    rows += [(d, -3.0, t) for d in TRAIN_DOMAINS for t in bad]
    rows += [("nytEditorialSnippets", 3.0, "never used for fitting")]
    return pd.DataFrame(rows, columns=["domain", "rating", "text"])


def test_train_uses_training_domains_only_and_round_trips():
    model = train(_toy_frame(), alpha=1.0, min_df=1)
    assert model.meta["n_train"] == 24 and "never" not in model.terms
    again = HybridModel.from_json(model.to_json())
    texts = ["a wonderful story", "a dreadful mess"]
    assert np.allclose(model.predict(texts, [0.5, -0.5]), again.predict(texts, [0.5, -0.5]),
                       atol=1e-5)
    assert model.predict(texts, [0.5, -0.5])[0] > 0 > model.predict(texts, [0.5, -0.5])[1]


def test_shipped_model_is_the_default_and_bounded():
    model = shipped_model()
    assert len(model.terms) == len(model.idf) == len(model.coef)
    assert "hutto" in model.meta["source"].lower()
    values = polarity(["Wonderful!!!", "Terrible, awful, horrible disaster.", ""])
    assert all(-1 <= v <= 1 for v in values) and values[0] > 0 > values[1]
    with pytest.raises(ValueError, match="2 texts but 1"):
        model.predict(["a", "b"], [0.0])


def test_score_rows_with_and_without_words_agree():
    from analysis.sentiment import pattern_words

    texts = ["It isn’t good at all.", "What a great, happy result!"]
    assert score_rows(texts) == score_rows(texts, [pattern_words(t) for t in texts])
