"""The GUM reader: text rebuilt from tokens, gold mentions as spans, chains, the split."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from analysis.corpus.gum import heldout_ids, parse_gum, read_gum_folder

# Written for these tests (not GUM text): a multiword token, SpaceAfter=No, two paragraphs,
# nested mentions, a one-word mention, a chain of three.
CONLLU = """# newdoc id = GUM_news_test
# meta::genre = news
# newpar
# sent_id = GUM_news_test-1
# text = Ana Ruiz's team won.
1	Ana	Ana	PROPN	NNP	Number=Sing	4	nmod:poss	_	Entity=(1-organization-new-sssss-cf1-4-coref(2-person-new-sssss-cf1-1,2-coref
2-3	Ruiz's	_	_	_	_	_	_	_	_
2	Ruiz	Ruiz	PROPN	NNP	Number=Sing	1	flat	_	_
3	's	's	PART	POS	_	1	case	_	Entity=2)
4	team	team	NOUN	NN	Number=Sing	5	nsubj	_	Entity=1)
5	won	win	VERB	VBD	_	0	root	_	SpaceAfter=No
6	.	.	PUNCT	.	_	5	punct	_	_

# newpar
# sent_id = GUM_news_test-2
# text = She smiled (again).
1	She	she	PRON	PRP	Number=Sing	2	nsubj	_	Entity=(2-person-giv:act-sssss-cf1-1-ana)
2	smiled	smile	VERB	VBD	_	0	root	_	_
3	(	(	PUNCT	-LRB-	_	4	punct	_	SpaceAfter=No
4	again	again	ADV	RB	_	2	advmod	_	SpaceAfter=No
5	)	)	PUNCT	-RRB-	_	4	punct	_	SpaceAfter=No
6	.	.	PUNCT	.	_	2	punct	_	_
# sent_id = GUM_news_test-3
# text = Ruiz left.
1	Ruiz	Ruiz	PROPN	NNP	Number=Sing	2	nsubj	_	Entity=(2-person-giv:inact-sssss-cf1-1-coref)
2	left	leave	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_
"""


def test_text_is_rebuilt_from_tokens_paragraphs_and_sentences():
    doc = parse_gum(CONLLU)
    assert doc.id == "GUM_news_test" and doc.genre == "news"
    assert doc.text == "Ana Ruiz's team won.\n\nShe smiled (again). Ruiz left."
    assert [doc.text[a:b] for a, b in doc.paragraphs] == [
        "Ana Ruiz's team won.", "She smiled (again). Ruiz left."]
    assert [doc.text[a:b] for a, b in doc.sentences] == [
        "Ana Ruiz's team won.", "She smiled (again).", "Ruiz left."]


def test_words_of_a_multiword_token_get_their_own_offsets():
    doc = parse_gum(CONLLU)
    assert [(w.form, doc.text[w.start:w.end]) for w in doc.words[:3]] == [
        ("Ana", "Ana"), ("Ruiz", "Ruiz"), ("'s", "'s")]


def test_mentions_nest_and_chains_collect_them():
    doc = parse_gum(CONLLU)
    assert [(m.text, m.etype, m.entity, m.link) for m in doc.mentions] == [
        ("Ana Ruiz's team", "organization", 1, "coref"),
        ("Ana Ruiz's", "person", 2, "coref"),
        ("She", "person", 2, "ana"),
        ("Ruiz", "person", 2, "coref"),
    ]
    assert doc.chains == {1: (0,), 2: (1, 2, 3)}
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text


def test_head_is_the_word_whose_dependency_leaves_the_mention():
    doc = parse_gum(CONLLU)
    assert [m.head_text for m in doc.mentions] == ["team", "Ana", "She", "Ruiz"]


def test_malformed_input_is_reported_with_the_line():
    with pytest.raises(ValueError, match=r"line 2 .*10 tab-separated columns"):
        parse_gum("# newdoc id = d\n1\tAna\n")
    with pytest.raises(ValueError, match="entity 7 closed but not open"):
        parse_gum("1\tA\ta\tX\tX\t_\t0\troot\t_\tEntity=7)\n")
    with pytest.raises(ValueError, match="opened but never closed"):
        parse_gum("# newdoc id = d\n1\tA\ta\tX\tX\t_\t0\troot\t_\tEntity=(7-time-new-s-c-1-sgl\n")


def test_split_is_stratified_by_genre_and_stable():
    ids = [f"GUM_{genre}_{k}" for genre in ("news", "bio", "vlog") for k in range(11)]
    held = heldout_ids(ids)
    assert held == heldout_ids(list(reversed(ids)))
    assert {i.split("_")[1] for i in held} == {"news", "bio", "vlog"}
    assert len(held) == 3 * 2  # round(0.2 * 11) per genre
    assert heldout_ids(["GUM_court_x"]) == {"GUM_court_x"}  # at least one per genre


def test_unknown_part_and_missing_folder_are_explained(tmp_path):
    with pytest.raises(ValueError, match="part must be"):
        read_gum_folder(tmp_path, part="test")
    with pytest.raises(FileNotFoundError, match=r"no \.conllu files"):
        read_gum_folder(tmp_path)


_SHARED = Path(os.environ.get("ANALYSIS_DATA", "/work/shared/data"))


@pytest.mark.skipif(not (_SHARED / "gum-train-entities").is_dir(),
                    reason="set ANALYSIS_DATA to the shared data folder to run")
def test_rebuilt_texts_equal_the_sentence_export():
    """The reader rebuilds exactly the texts of the gum-train-sentences export."""
    docs = read_gum_folder(_SHARED / "gum-train-entities")
    ref = {}
    with (_SHARED / "gum-train-sentences" / "documents.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            ref[d["id"]] = d
    assert len(docs) == 107
    for doc in docs:
        assert doc.text == ref[doc.id]["text"], doc.id
        assert [list(s) for s in doc.sentences] == ref[doc.id]["sentences"], doc.id
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text
