"""The learned parts of the quote engine: CRF storage and decoding, features, ranker."""

import itertools

import numpy as np
import pytest

from analysis.quotes.crf import CRF
from analysis.quotes.features import TEMPLATES, crfsuite_items, sequences, token_values
from analysis.quotes.ranker import shipped_ranker
from analysis.quotes.tagger import shipped_tagger, tag
from analysis.text import build


def _toy_crf(seed: int = 0) -> CRF:
    rng = np.random.default_rng(seed)
    labels = ["O", "B-CON", "I-CON", "B-SRC"]
    words = ["he", "said", "the", "plan", "failed", ".", "x"]
    state = {}
    for w in words:
        for offset in (-1, 0, 1):
            for label in labels:
                state[("w", offset, w, label)] = float(rng.normal())
    trans = {(a, b): float(rng.normal()) for a in labels for b in labels}
    return CRF.from_weights(labels, state, trans, {"toy": True})


def test_batched_viterbi_equals_one_sequence_at_a_time():
    crf = _toy_crf()
    rng = np.random.default_rng(1)
    words = ["he", "said", "the", "plan", "failed", ".", "x", "unknown"]
    column = [str(w) for w in rng.choice(words, size=60)]
    ids = crf.encode({"w": column})
    ranges = [(0, 7), (7, 8), (8, 30), (30, 30), (30, 60)]
    one = [crf.tag_scores(crf.emissions(ids, a, b)) for a, b in ranges]
    assert crf.tag_many(ids, ranges) == one
    flat = crf.emissions_ranges(ids, ranges)
    assert np.allclose(flat, np.concatenate([crf.emissions(ids, a, b) for a, b in ranges]))


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("ties", [False, True])
def test_fast_decoding_is_exactly_the_slow_path(seed, ties):
    # the batched emissions and Viterbi (padding row, suffix of live sequences, chunks)
    # give the same floats and labels as scoring each sequence alone, ties included
    rng = np.random.default_rng(seed)
    labels = ["O", "B-CON", "I-CON", "B-SRC", "I-SRC"]
    words = [f"w{k}" for k in range(12)]
    state = {}
    for template, offsets in (("w", (-2, -1, 0, 1, 2)), ("shape", (-1, 0, 1))):
        for w in words[:8]:
            for offset in offsets:
                for label in labels:
                    value = rng.integers(-2, 3) if ties else rng.normal()
                    state[(template, offset, w, label)] = float(value)
    trans = {(a, b): float(rng.integers(-1, 2) if ties else rng.normal())
             for a in labels for b in labels}
    crf = CRF.from_weights(labels, state, trans)
    n = 300
    column = {"w": [str(w) for w in rng.choice(words, size=n)],
              "shape": [None if k % 7 == 0 else str(w)
                        for k, w in enumerate(rng.choice(words, size=n))]}
    ids = crf.encode(column)
    cuts = sorted({0, n, *(int(c) for c in rng.integers(0, n, size=25))})
    ranges = list(itertools.pairwise(cuts))
    one = [crf.tag_scores(crf.emissions(ids, a, b)) for a, b in ranges]
    flat = crf.emissions_ranges(ids, ranges)
    slow = np.concatenate([crf.emissions(ids, a, b) for a, b in ranges])
    assert flat.tobytes() == slow.tobytes()
    assert crf.tag_many(ids, ranges) == one
    assert crf.tag_many(ids, ranges, chunk=3) == one
    shuffled = [ranges[k] for k in rng.permutation(len(ranges))]
    assert crf.tag_many(ids, shuffled) == [crf.tag_scores(crf.emissions(ids, a, b))
                                           for a, b in shuffled]
    subset = ranges[::2]  # not every token: the gathers by index, not the identity
    assert crf.emissions_ranges(ids, subset).tobytes() == np.concatenate(
        [crf.emissions(ids, a, b) for a, b in subset]).tobytes()
    crf.templates["w"].weights[-1][0, :] = 0.25  # a weight on unknown values: no padding row
    assert crf.emissions_ranges(ids, ranges).tobytes() == np.concatenate(
        [crf.emissions(ids, a, b) for a, b in ranges]).tobytes()


def test_viterbi_finds_the_best_path_by_brute_force():


    crf = _toy_crf(2)
    em = crf.emissions(crf.encode({"w": ["he", "said", "the", "plan"]}), 0, 4)
    m = len(crf.labels)

    def score(path):
        return sum(em[t, p] for t, p in enumerate(path)) + sum(
            crf.transitions[a, b] for a, b in itertools.pairwise(path))

    best = max(itertools.product(range(m), repeat=4), key=score)
    assert crf.tag_scores(em) == [crf.labels[i] for i in best]
    marg = crf.marginals_scores(em)
    assert np.allclose(marg.sum(axis=1), 1.0)


def test_json_round_trip(tmp_path):
    crf = _toy_crf()
    path = tmp_path / "crf.json.gz"
    crf.save(path)
    back = CRF.load(path)
    ids = back.encode({"w": ["he", "said", "the", "plan"]})
    assert back.tag_many(ids, [(0, 4)]) == crf.tag_many(crf.encode({"w": ["he", "said", "the",
                                                                         "plan"]}), [(0, 4)])
    with pytest.raises(ValueError, match="rebuild it"):
        CRF.from_json({"format": "other"})


def test_converted_crfsuite_model_decodes_as_crfsuite_does():
    sklearn_crfsuite = pytest.importorskip("sklearn_crfsuite")
    texts = ["He said the plan failed.", "The minister said talks would resume.",
             "Officials said the deal was off.", "It rained on Monday."]
    docs = [build(t) for t in texts]
    xs, ys = [], []
    for doc in docs:
        values = token_values(doc)
        xs.append(crfsuite_items(values, 0, len(doc.tokens)))
        words = [t.text for t in doc.tokens]
        ys.append(["B-SRC" if k == 0 and "said" in words else
                   "B-CUE" if w == "said" else
                   "B-CON" if k > 0 and words[k - 1] == "said" else
                   "I-CON" if "said" in words[:k] and w != "." else "O"
                   for k, w in enumerate(words)])
    model = sklearn_crfsuite.CRF(algorithm="lbfgs", max_iterations=50,
                                 all_possible_transitions=True)
    model.fit(xs, ys)
    ours = CRF.from_crfsuite(model)
    for doc, x in zip(docs, xs, strict=True):
        ids = ours.encode(token_values(doc))
        assert ours.tag_many(ids, [(0, len(doc.tokens))])[0] == model.predict_single(x)


def test_features_cover_every_template_and_sequences_partition_tokens():
    doc = build("“We will win,” said Mayor Ana Ruiz.\n\nShe left. Officials said so.")
    values = token_values(doc)
    assert set(values) == set(TEMPLATES)
    assert all(len(column) == len(doc.tokens) for column in values.values())
    ranges = sequences(doc)
    assert ranges[0][0] == 0 and ranges[-1][1] == len(doc.tokens)
    assert all(b1 == a2 for (_, b1), (a2, _) in itertools.pairwise(ranges))


def test_shipped_models_load_and_name_their_provenance():
    crf = shipped_tagger()
    assert {"O", "B-SRC", "B-CUE", "B-CON", "I-CON"} <= set(crf.labels)
    assert "PolNeAR" in crf.meta["trained_on"]
    ranker = shipped_ranker()
    assert "PolNeAR" in ranker.meta["trained_on"] and ranker.weights


def test_tagger_reads_a_plain_report():
    doc = build("The senator said the bill would pass easily.")
    tags = tag(doc)
    assert [doc.text[s:e] for s, e in tags.spans("CON")] == ["the bill would pass easily"]
    assert [doc.text[s:e] for s, e in tags.spans("SRC")] == ["The senator"]


def test_nearest_candidates_equal_a_sort_of_the_whole_window():
    # one long sentence with many mentions: the bounded selection of candidates_for
    # returns what sorting every candidate of the window returns
    from analysis.quotes.ranker import MAX_CANDIDATES, Context, candidates_for

    unit = "Mayor Ana Ruiz said “we will” and Bob Lee told Carl Diaz and officials “no”, "
    doc = build(unit * 30 + "she said.")
    ctx = Context.of(doc)
    n = len(doc.tokens)
    contents = [(s.start, s.end) for s in ctx.spans]
    contents += [(doc.tokens[k].start, doc.tokens[min(k + w, n - 1)].end)
                 for k in range(0, n, 37) for w in (1, 9, 60)]
    for content in contents:
        a, b = doc.token_range(*content)
        a = min(a, n - 1)
        b = max(min(b, n), a + 1)
        window = [c for c in ctx.candidates
                  if not (c.first >= a and c.last <= b and ctx.inside_quote[c.first])]
        window.sort(key=lambda c: (min(abs(c.first - a), abs(c.first - b)), c.first))
        assert len(window) > MAX_CANDIDATES
        assert candidates_for(ctx, content) == window[:MAX_CANDIDATES]
