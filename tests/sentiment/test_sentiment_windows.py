"""score_document scores a long document in windows: the same numbers as all at once."""

from analysis.paths import SEEDS
from analysis.quotes import extract_quotes
from analysis.sentiment import score_document
from analysis.text import build

SEED = (SEEDS / "000_eef1b9dedbf151ac.txt").read_text(encoding="utf-8")


def test_windows_give_the_same_rows():
    text = "\n\n".join([SEED, "“Great!” he said. İstanbul was awful, not bad 😀!", SEED])
    model = build(text)
    quotes = extract_quotes(model)
    spans = [(s.start, s.end) for s in model.sentences] + [(q.start, q.end) for q in quotes]
    ranges = list(model.sentence_tokens) + [model.token_range(q.start, q.end) for q in quotes]
    whole = score_document(text, model.tokens, spans, ranges, window=10**9)
    for window in (1, 50, 400, 3000):
        assert score_document(text, model.tokens, spans, ranges, window=window) == whole
