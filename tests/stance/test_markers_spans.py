"""count_markers_in_spans (the pipeline's) equals count_markers_in_tokens on each span."""

import random

from analysis.stance.markers import count_markers_in_spans, count_markers_in_tokens, lexicon


def test_spans_equal_tokens_on_random_spans():
    rng = random.Random(0)
    vocabulary = [*sorted({w for key in lexicon() for w in key}), "the", "Mayor", "said", "it", "was", "“", "’", "don’t", "DON'T", "3", "_", ","]
    for _ in range(200):
        words = [rng.choice(vocabulary) for _ in range(rng.randint(0, 60))]
        spans = [(0, len(words))]
        for _ in range(5):
            a = rng.randint(0, len(words))
            spans.append((a, rng.randint(a, len(words))))
        assert count_markers_in_spans(words, spans) == [
            count_markers_in_tokens(words[a:b]) for a, b in spans]
