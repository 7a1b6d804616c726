import math

import pandas as pd
import pytest

from analysis.figures import quoted_vs_portrayed
from analysis.targeted.portrayal import (
    PORTRAYAL_COLUMNS,
    SUMMARY_COLUMNS,
    portrayal,
    portrayal_summary,
)
from analysis.text import sentences

TEXT = ("Critics said Ann Lee ran a corrupt, wasteful office. "
        "“Lee is honest and brave,” said Bo Park. "
        "Park, a respected and popular judge, won the award.")


def _mentions():
    return [(TEXT.index("Ann Lee"), TEXT.index("Ann Lee") + 7, "Ann Lee"),
            (TEXT.index("Lee is"), TEXT.index("Lee is") + 3, "Ann Lee"),
            (TEXT.index("Bo Park"), TEXT.index("Bo Park") + 7, "Bo Park"),
            (TEXT.index("Park,"), TEXT.index("Park,") + 4, "Bo Park")]


def _quotes():
    a = TEXT.index("“")
    return [(a, TEXT.index("”") + 1)]


def test_rows_voice_and_offsets():
    sents = sentences(TEXT)
    rows = portrayal(TEXT, sents, _quotes(), _mentions())
    assert list(rows.columns) == PORTRAYAL_COLUMNS
    assert rows.voice.tolist() == ["reporter", "quoted", "reporter", "reporter"]
    assert rows.sentence.tolist() == [0, 1, 1, 2]
    for r in rows.itertuples():
        assert TEXT[r.start:r.end] == r.text
    assert rows.label.tolist()[0] == "negative" and rows.label.tolist()[3] == "positive"


def test_summary_counts_reporter_text_only():
    rows = portrayal(TEXT, sentences(TEXT), _quotes(), _mentions())
    summary = portrayal_summary(rows)
    assert list(summary.columns) == SUMMARY_COLUMNS
    lee = summary.set_index("entity").loc["Ann Lee"]
    assert (lee.n_mentions, lee.n_quoted, lee.n_reporter) == (2, 1, 1)
    assert lee.n_negative + lee.n_neutral + lee.n_positive == lee.n_reporter
    assert math.isclose(lee.share_negative + lee.share_neutral + lee.share_positive, 1.0)
    by_doc = portrayal_summary(rows.assign(doc_id="d1"), by=["doc_id"])
    assert list(by_doc.columns) == ["doc_id", *SUMMARY_COLUMNS]


def test_only_quoted_mentions_have_no_shares():
    rows = pd.DataFrame({"entity": ["X"], "voice": ["quoted"], "label": ["positive"]})
    summary = portrayal_summary(rows)
    assert summary.n_reporter.tolist() == [0] and math.isnan(summary.share_positive[0])


def test_records_work_like_pairs():
    from analysis.corpus import Document  # noqa: F401  (records of the package have start/end)

    class M:
        def __init__(self, start, end, entity):
            self.start, self.end, self.entity = start, end, entity

    pairs = portrayal(TEXT, sentences(TEXT), _quotes(), _mentions())
    recs = portrayal(TEXT, sentences(TEXT), _quotes(), [M(*m) for m in _mentions()])
    pd.testing.assert_frame_equal(pairs, recs)


def test_bad_input_messages():
    with pytest.raises(ValueError, match=r"mentions\[0\] = \(0, 3\) has no entity name"):
        portrayal(TEXT, sentences(TEXT), [], [(0, 3)])
    with pytest.raises(ValueError, match=r"quotes\[0\] = \(5, 2\) is not a span"):
        portrayal(TEXT, sentences(TEXT), [(5, 2)], _mentions())
    with pytest.raises(ValueError, match="lack the columns"):
        portrayal_summary(pd.DataFrame({"entity": []}))
    empty = portrayal(TEXT, sentences(TEXT), [], [])
    assert list(empty.columns) == PORTRAYAL_COLUMNS and empty.empty
    assert portrayal_summary(empty).empty


def test_quoted_vs_portrayed_figure():
    rows = portrayal(TEXT, sentences(TEXT), _quotes(), _mentions())
    quotes = pd.DataFrame({"speaker": ["Bo Park"], "sentiment": [0.6]})
    fig = quoted_vs_portrayed(quotes, rows)
    left, right = fig.axes[:2]
    right_title = right.get_title(loc="left").replace("\n", " ")
    assert "n = 1 quotes" in left.get_title() and "n = 3 mentions" in right_title
    labels = [t.get_text() for t in left.get_yticklabels()]
    assert labels == ["Ann Lee (0 quotes, 1 mention)", "Bo Park (1 quote, 2 mentions)"]
    # one quote: a point without a spread
    assert all(len(c.get_segments()) == 0 or all(abs(s[0][0] - s[1][0]) == 0
                                                 for s in c.get_segments())
               for c in left.collections if hasattr(c, "get_segments"))
    empty = quoted_vs_portrayed(quotes.iloc[:0], rows.iloc[:0])
    assert "no quoted or mentioned people" in empty.axes[0].texts[0].get_text()
