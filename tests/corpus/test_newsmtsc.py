"""NewsMTSC reader: one split shared by the targeted model and the hybrid's news part."""

import json
import os
from pathlib import Path

import pytest

from analysis.corpus.newsmtsc import (
    HELD_OUT,
    article_bucket,
    article_key,
    read_newsmtsc,
    sentence_polarity,
)
from analysis.stance.data import bucket

DATA = Path(os.environ.get("ANALYSIS_DATA", "/work/shared/data"))


def _write(folder, records):
    (folder / "train.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n",
                                        encoding="utf-8")


def test_sentence_polarity_keeps_sentences_whose_targets_agree(tmp_path):
    _write(tmp_path, [
        {"primary_gid": "a_1_1_0_X", "sentence_normalized": "Ann beat Bob.",
         "targets": [{"from": 0, "to": 3, "polarity": 6}, {"from": 9, "to": 12, "polarity": 2}]},
        {"primary_gid": "a_1_1_1_X", "sentence_normalized": "Ann and Bob won.",
         "targets": [{"from": 0, "to": 3, "polarity": 6}, {"from": 8, "to": 11, "polarity": 6}]},
        {"primary_gid": "b_2_2_0_Y", "sentence_normalized": "Cy spoke.",
         "targets": [{"from": 0, "to": 2, "polarity": 4}]},
    ])
    mentions = read_newsmtsc(tmp_path)
    assert len(mentions) == 5 and set(mentions.label) == {"negative", "neutral", "positive"}
    sentences = sentence_polarity(mentions)
    assert sentences.text.tolist() == ["Ann and Bob won.", "Cy spoke."]
    assert sentences.polarity.tolist() == [1, 0]
    assert sentences.bucket.tolist() == [article_bucket("a_1_1_1_X"), article_bucket("b_2_2_0_Y")]


def test_bad_records_say_where(tmp_path):
    (tmp_path / "train.jsonl").write_text('{"primary_gid": "a"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 1: not a NewsMTSC record"):
        read_newsmtsc(tmp_path)
    with pytest.raises(FileNotFoundError, match=r"train\.jsonl"):
        read_newsmtsc(tmp_path / "missing")


@pytest.mark.skipif(not (DATA / "newsmtsc-train").is_dir(), reason="NewsMTSC not available")
def test_split_is_the_stance_hash_by_article_and_sentences_inherit_it():
    mentions = read_newsmtsc(DATA / "newsmtsc-train")
    assert (mentions.gid.map(lambda g: bucket(article_key(g), 5)) == mentions.bucket).all()
    sentences = sentence_polarity(mentions)
    assert 7000 < len(sentences) < mentions.gid.nunique()
    assert set(sentences.gid) <= set(mentions.gid)
    held = set(sentences.gid[sentences.bucket == HELD_OUT])
    assert held == set(mentions.gid[mentions.bucket == HELD_OUT]) & set(sentences.gid)
