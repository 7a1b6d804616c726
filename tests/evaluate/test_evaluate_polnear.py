"""The PolNeAR reader and the gold units, on the invented sample in tests/data/polnear_sample."""

import os
import shutil
from pathlib import Path

import pytest

from analysis.corpus.polnear import (
    PolnearError,
    parse_ann,
    polnear_part,
    polnear_split,
    read_polnear,
)
from analysis.evaluate.units import (
    canonical_agrees,
    cue_class,
    gold_units,
    quoted_segments,
    source_keys,
)
from analysis.paths import REPO

SAMPLE = REPO / "tests" / "data" / "polnear_sample"
BRIDGE = "daily-planet_2016-05-10_harbour-bridge-vote"
BUDGET = "river-herald_2016-07-14_school-budget"
REAL = Path(os.environ.get("ANALYSIS_DATA", "/nonexistent")) / "polnear-train"


def _article(article_id, **kwargs):
    return next(a for a in read_polnear(SAMPLE, **kwargs) if a.id == article_id)


def test_reads_every_article_with_first_annotator_and_metadata():
    articles = read_polnear(SAMPLE)
    assert [a.id for a in articles] == sorted(a.id for a in articles)
    assert len(articles) == 4
    bridge = articles[0]
    assert (bridge.id, bridge.annotator, bridge.annotators) == (BRIDGE, "a1", ("a1", "b2"))
    assert bridge.meta["publisher"] == "daily-planet"
    assert bridge.meta["title"] == "Council Delays Harbour Bridge Vote"
    assert bridge.document.text == bridge.text
    assert {a.id: a.part for a in articles}[BUDGET] == "validation"


def test_every_piece_points_into_the_text():
    for article in read_polnear(SAMPLE, annotators="all"):
        for attribution in article.attributions:
            for piece in attribution.source + attribution.cue + attribution.content:
                assert article.text[piece.start:piece.end] == piece.text
        for piece in article.discarded:
            assert article.text[piece.start:piece.end] == piece.text


def test_discontinuous_pronoun_multiline_and_sourceless_attributions():
    bridge = _article(BRIDGE)
    split, pronoun, multiline = bridge.attributions
    assert len(split.content) == 2 and split.source_text == "Mayor Ada Quint"
    assert split.content_text.startswith("“We need") and split.content_text.endswith("bridge.”")
    assert pronoun.source_text == "She" and pronoun.cue_text == "added"
    assert "\n\n" in multiline.content_text  # brat wrote it over three lines
    budget = _article(BUDGET)
    assert budget.attributions[2].source == () and budget.attributions[2].cue_text == "was reported"
    assert budget.discarded[0].text.startswith("Editor’s note")


def test_all_annotators_and_parts():
    assert [(a.id, a.annotator) for a in read_polnear(SAMPLE, annotators="all")][:2] == [
        (BRIDGE, "a1"), (BRIDGE, "b2")]
    assert [a.id for a in read_polnear(SAMPLE, part="other")] == [
        "daily-planet_2016-10-01_late-article"]
    split = polnear_split(read_polnear(SAMPLE))
    assert [len(split[p]) for p in ("fit", "validation", "other")] == [1, 2, 1]
    assert [polnear_part(d) for d in ("2015-11-01", "2016-06-30", "2016-07-01", "2016-09-30",
                                      "2016-10-01")] == ["fit", "fit", "validation",
                                                         "validation", "other"]


@pytest.fixture
def folder(tmp_path):
    shutil.copytree(SAMPLE, tmp_path / "p")
    return tmp_path / "p"


@pytest.mark.parametrize("line, message", [
    ("X1\tSource 0 5\tScore", "unrecognised line"),
    ("T90\tSource 0 five\tCounc", "not 'START END' pairs"),
    ("T90\tSource 9 2\tx", "outside the article text"),
    ("T90\tSource 0 5\tCounx", "differs from the text"),
    ("T90 Source 0 5 Counc", "text-bound line needs"),
    ("E90\tAttribution:T4 Speaker:T1", "role 'Speaker'"),
    ("E90\tAttribution:T4 Source:T99", "'T99', which no T line"),
    ("E90\tQuote:T4 Source:T1", "event type 'Quote'"),
    ("E90", "an event line needs"),
    ("T1\tSource 0 5\tCounc", "duplicate id T1"),
])
def test_malformed_lines_name_file_and_line(folder, line, message):
    ann = folder / "attributions" / f"{BRIDGE}_a1.ann"
    lines = ann.read_text(encoding="utf-8").splitlines()
    ann.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    with pytest.raises(PolnearError, match=message) as err:
        read_polnear(folder)
    assert f"{ann}:{len(lines) + 1}" in str(err.value)


def test_folder_problems_are_named(folder, tmp_path):
    with pytest.raises(PolnearError, match="text/ and attributions/"):
        read_polnear(tmp_path / "nowhere")
    (folder / "attributions" / "lost-article_a1.ann").write_text("", encoding="utf-8")
    with pytest.raises(PolnearError, match=r"no text/lost-article\.txt"):
        read_polnear(folder)
    with pytest.raises(PolnearError, match="part must be one of"):
        read_polnear(SAMPLE, part="test")


def test_metadata_optional_and_dates_checked(folder):
    (folder / "metadata.tsv").unlink()
    articles = read_polnear(folder)
    assert articles[0].meta == {"publisher": "daily-planet", "publication_date": "2016-05-10"}
    (folder / "text" / "undated.txt").write_text("No date here.", encoding="utf-8")
    with pytest.raises(PolnearError, match="no publication_date"):
        read_polnear(folder)


def test_crlf_text_keeps_offsets():
    text = "Title\r\n\r\nAnn said it rained."
    ann = "T1\tSource 9 12\tAnn\nT2\tCue 13 17\tsaid\nT3\tContent 18 27\tit rained\n" \
          "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n"
    (attribution,), _ = parse_ann(ann, text)
    assert attribution.content_text == "it rained"


# --------------------------------------------------------------------------- gold units
@pytest.mark.parametrize("text, expected", [
    ("He said “no” and ‘never’.", ["“no”", "‘never’"]),
    ('She said "yes," then "no."', ['"yes,"', '"no."']),
    ("He called it ''a farce.'' Then left.", ["''a farce.''"]),
    ("Trump’s aides’ plan is Clinton’s", []),
    ("“Open at the end\n“Closed.”", ["“Open at the end", "“Closed.”"]),
    ("continues here,” he said.", ["continues here,”"]),
    ("“Outer ‘inner’ words.”", ["“Outer ‘inner’ words.”"]),
])
def test_quoted_segments(text, expected):
    assert [text[a:b] for a, b in quoted_segments(text, [(0, len(text))])] == expected


def test_gold_units_of_the_sample():
    units = gold_units(_article(BRIDGE))
    assert [(u.group, u.kind) for u in units] == [("quoted", "direct")] * 2 + [
        ("indirect", "indirect")] + [("quoted", "direct")] * 2
    assert all(u.source_text in ("Mayor Ada Quint", "She", "she") for u in units)
    assert units[2].source_type == "pronoun" and units[2].source_key == "quint"
    ferry = gold_units(_article("river-herald_2016-08-02_ferry-strike"))
    assert [(u.kind, u.text, u.cue_class) for u in ferry] == [
        ("direct", "“The rota is broken and management knows it.”", "speech"),
        ("indirect", "crossings will resume on Friday", "speech"),
        ("partial", "“nightmare”", "speech")]


def test_cue_classes_and_source_keys():
    assert [cue_class(c) for c in ("told", "was first reported by", "believes", "plans to",
                                   "is eager", "’s been ratcheting up", "Her advice:")] == [
        "speech", "speech", "belief", "intention", "intention", "other", "speech"]
    keys = source_keys(["Republican presidential nominee Donald Trump", "Critics", "she",
                        "Clinton’s campaign", "she", "some of his advisers", "they",
                        "The New York Times", "the President"])
    assert keys == [("name", "trump"), ("name", "critics"), ("pronoun", "trump"),
                    ("name", "clinton"), ("pronoun", "trump"), ("description", "advisers"),
                    ("pronoun", "clinton"), ("name", "times"), ("name", "president")]
    assert canonical_agrees("Donald J. Trump", "trump")
    assert not canonical_agrees("Trump campaign aide", "clinton")


@pytest.mark.skipif(not REAL.is_dir(), reason="set ANALYSIS_DATA to the shared data folder")
def test_real_polnear_reads_and_splits():
    articles = read_polnear(REAL)  # checks every annotated string against its text
    split = polnear_split(articles)
    assert len(articles) == 840 and len(split["validation"]) == 183
    assert all(a.annotator is not None for a in articles)
    assert sum(len(a.annotators) > 1 for a in articles) == 16
