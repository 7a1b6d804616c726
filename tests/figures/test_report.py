"""report.html without a browser: escaping, self-containment, determinism, caps, numbers.

The page in a real browser (filters, images, console, network) is checked by
``test_report_browser.py``.
"""

import base64
import json
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

from analysis.cli import main
from analysis.figures.report import (
    BINS,
    NO_SPEAKER,
    build_report,
    figure_files,
    headline,
    read_figure,
)
from analysis.figures.style import new_axes, new_figure, save, titled
from analysis.paths import SEEDS
from analysis.run.folders import MANIFEST, foreign_files
from analysis.run.groups import GroupingError

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


class Page(HTMLParser):
    """Tags with their attributes, and the text, of a page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [a for t, a in self.tags
                if t == tag and (cls is None or cls in a.get("class", "").split())]


def tables(confidence: bool = True) -> dict[str, pd.DataFrame]:
    """Three documents (one with a problem), hostile text in an article, a name and metadata."""
    text_a = "“We will win,” said Ana Ruiz. She left early."
    text_b = f"The mayor said {HOSTILE} was fine."
    documents = pd.DataFrame({
        "doc_id": ["a", "b", "c"], "source": ["a.txt", "b.txt", "c.txt"],
        "status": ["ok", "ok", "malformed"],
        "message": ["", "", f"row 3: {HOSTILE}"],
        "outlet": ["Courier", HOSTILE, None]})
    sentences = pd.DataFrame({
        "doc_id": ["a", "a", "b"], "sentence": [0, 1, 0], "start": [0, 30, 0],
        "text": [text_a[:29], text_a[30:], text_b]})
    quotes = pd.DataFrame({
        "doc_id": ["a", "b", "b"], "quote": [0, 0, 1],
        "start": [0, 15, 0], "end": [14, 15 + len(HOSTILE), 9],
        "text": [text_a[:14], HOSTILE, text_b[:9]],
        "kind": ["direct", "indirect", "partial"],
        "speaker": ["Ana Ruiz", f"Mayor {HOSTILE}", None],
        "speaker_start": [20, 4, None], "speaker_end": [28, 9, None],
        "speaker_mention": ["Ana Ruiz", "mayor", None],
        "cue": ["said", "said", None], "cue_start": [15, 10, None], "cue_end": [19, 14, None],
        "first_sentence": [0, 0, 0], "last_sentence": [0, 0, 0],
        "speaker_category": ["person", "person", None],
        "found_by": ["marks", "tagger", "marks"], "speaker_by": ["ranker", "ranker", None],
        "sentiment": [0.5, -0.25, 0.0]})
    if confidence:
        quotes["cue_class"] = ["speech", "speech", None]
        quotes["p_quote"] = [0.97, 0.62, 0.4]
        quotes["p_speaker"] = [0.91, 0.55, None]
    speakers = pd.DataFrame({"doc_id": ["a", "b"], "speaker": ["Ana Ruiz", f"Mayor {HOSTILE}"],
                             "aliases": ["Ruiz; Ana Ruiz", ""], "category": ["person"] * 2})
    return {"documents": documents, "sentences": sentences, "quotes": quotes,
            "speakers": speakers}


def many(n_speakers: int = 8, per: int = 5) -> dict[str, pd.DataFrame]:
    """Speaker i has i + 1 quotes (at most ``per``), spread over two outlets."""
    quotes, sentences, docs = [], [], []
    for i in range(n_speakers):
        for k in range(min(per, i + 1)):
            doc = f"d{i:02d}-{k}"
            docs.append({"doc_id": doc, "status": "ok", "outlet": "AP" if k < 3 else "BBC"})
            sentences.append({"doc_id": doc, "sentence": 0, "start": 0,
                              "text": f"“Words {i}-{k},” said Person {i}."})
            quotes.append({"doc_id": doc, "quote": 0, "start": 0, "end": 12 + len(str(i)),
                           "text": f"“Words {i}-{k},”", "kind": "direct",
                           "speaker": f"Person {i}", "first_sentence": 0, "last_sentence": 0,
                           "sentiment": 0.1 * k})
    return {"documents": pd.DataFrame(docs), "sentences": pd.DataFrame(sentences),
            "quotes": pd.DataFrame(quotes)}


def test_corpus_text_is_escaped():
    page = build_report(tables(), group_by="outlet")
    assert page.count("<script") == 1  # ours, at the end
    assert "<img src=x" not in page and "__pwned = 1</script>" not in page
    parsed = Page(page)
    assert all(a["src"].startswith("data:image/png;base64,") for a in parsed.all("img"))
    assert not any(k.startswith("on") for _, a in parsed.tags for k in a)
    text = "".join(parsed.text)
    assert HOSTILE in text  # shown as text: in the quote, the name, the outlet, the message
    options = [a for t, a in parsed.tags if t == "option"]
    assert len(options) == 4  # (all), Courier, the hostile outlet, (no value)


def test_self_contained_and_locked_down(tmp_path):
    fig = titled(new_figure(3, 2), "A title", "A caption with <b>markup</b>; n = 3")
    new_axes(fig).plot([0, 1], [0, 1])
    png = save(fig, tmp_path / "quotes_per_speaker")[0]
    page = build_report(tables(), [png], group_by="outlet")
    parsed = Page(page)
    urls = [a.get(k, "") for _, a in parsed.tags for k in ("src", "href") if k in a]
    assert urls and all(u.startswith(("data:", "#")) for u in urls), urls
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", page)
    csp = next(a["content"] for a in parsed.all("meta") if a.get("http-equiv"))
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    img = parsed.all("img")[0]
    assert base64.b64decode(img["src"].split(",", 1)[1]) == png.read_bytes()
    assert img["alt"] == "A title"
    assert "A caption with <b>markup</b>; n = 3" in "".join(parsed.text)


def test_figures_carry_title_and_caption(tmp_path):
    fig = titled(new_figure(3, 2), "What is shown", "how it was measured;\nn = 3")
    (png, svg, pdf) = save(fig, tmp_path / "top_words", ("png", "svg", "pdf"))
    f = read_figure(png)
    assert (f.title, f.caption, f.name) == ("What is shown", "how it was measured; n = 3",
                                            "top_words")
    assert "What is shown" in svg.read_text()
    assert b"What is shown" in pdf.read_bytes()
    save(titled(new_figure(3, 2), "B", "b"), tmp_path / "a_grouped_one")
    save(titled(new_figure(3, 2), "C", "c"), tmp_path / "quotes_per_speaker")
    assert [p.stem for p in figure_files(tmp_path)] == ["quotes_per_speaker", "top_words",
                                                        "a_grouped_one"]
    assert figure_files(tmp_path / "none") == []


def test_deterministic_whatever_the_row_order():
    data = many()
    page = build_report(data, group_by="outlet")
    assert page == build_report(many(), group_by="outlet")
    shuffled = {k: v.sample(frac=1, random_state=3).reset_index(drop=True)
                for k, v in data.items()}
    assert build_report(shuffled, group_by="outlet") == page
    assert not re.search(r"20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d", page)  # no date or time


def test_caps_bound_the_page_and_say_so():
    page = build_report(many(8, 5), group_by="outlet", max_speakers=3, max_quotes=2)
    parsed = Page(page)
    bodies = parsed.all("tbody", "sp")
    assert len(bodies) == 3
    assert len(parsed.all("tr", "q")) == 6
    text = " ".join("".join(parsed.text).split())
    assert "the 3 most quoted of 8 speakers are listed" in text
    assert "Listed here: 2 of these 5 quotes (at most 2 per speaker)" in text
    # the counts are those of all quotes, not of the quotes listed
    stats = [json.loads(b["data-stats"]) for b in bodies]
    assert [sum(r[2] for r in s) for s in stats] == [5, 5, 5]


def test_capped_quotes_are_taken_from_every_group():
    page = build_report(many(8, 5), group_by="outlet", max_quotes=2)
    parsed = Page(page)
    first = re.search(r'<tbody class="sp".*?</tbody></table>', page, re.S).group(0)
    groups = re.findall(r'<tr class="q" data-g="(\d+)"', first)
    assert sorted(groups) == ["0", "1"]  # one AP, one BBC quote, not the first two AP ones
    assert len(parsed.all("option")) == 3


def test_headline_numbers_are_the_tables():
    data = tables()
    h = headline(data)
    assert (h["documents"], h["analysed"], h["problems"]) == (3, 2, 1)
    assert h["status"] == {"malformed": 1, "ok": 2}
    assert h["kind"] == {"direct": 1, "partial": 1, "indirect": 1}
    assert (h["quotes"], h["speakers"], h["unattributed"]) == (3, 2, 1)
    assert h["top"] == [("Ana Ruiz", 1), (f"Mayor {HOSTILE}", 1)]
    parsed = Page(build_report(data))
    shown = {a["data-key"]: int(a["data-value"]) for _, a in parsed.tags
             if "data-key" in a and a["data-key"] != "top"}
    assert shown == {"documents": 3, "analysed": 2, "problems": 1, "quotes": 3, "speakers": 2,
                     "unattributed": 1, "status:malformed": 1, "status:ok": 2,
                     "kind:direct": 1, "kind:partial": 1, "kind:indirect": 1}


def test_quote_shown_in_its_sentence_with_evidence_and_confidence():
    page = build_report(tables())
    parsed = Page(page)
    assert [a["data-b"] for a in parsed.all("tr", "q")] == [
        str(int(0.91 * BINS)), str(int(0.55 * BINS)), str(int(0.4 * BINS))]
    first = re.search(r'<tr class="q".*?</tr>', page, re.S).group(0)
    assert '<span class="q">“We will win,”</span> <span class="cue">said</span> ' \
           '<span class="who">Ana Ruiz</span>.' in first
    assert "content: marks" in first and "speaker: ranker" in first
    assert "cue: “said” (speech)" in first
    assert '<td class="num">0.97</td><td class="num">0.91</td>' in first
    assert 'id="f-conf"' in page and "<th class=\"num\">p_quote</th>" in page
    assert NO_SPEAKER in page


def test_works_without_confidence_columns():
    page = build_report(tables(confidence=False))
    assert 'id="f-conf"' not in page and "p_quote</th>" not in page
    assert "carry no confidence" in page
    assert {a["data-b"] for a in Page(page).all("tr", "q")} == {str(BINS)}


def test_long_sentences_are_windowed():
    data = many(1, 1)
    long = "x" * 3000 + " “Words 0-0,” said Person 0. " + "y" * 3000
    data["sentences"].loc[0, "text"] = long
    start = long.index("“")
    data["quotes"].loc[0, ["start", "end"]] = [start, start + 12]
    page = build_report(data, max_chars=200)
    ctx = re.search(r'<td class="ctx">(.*?)</td>', page, re.S).group(1)
    assert '<span class="q">“Words 0-0,”</span>' in ctx
    assert ctx.startswith("… ") and "more characters" in ctx and len(ctx) < 400


def test_group_filter_needs_a_real_column_and_few_groups():
    with pytest.raises(GroupingError, match="outlett"):
        build_report(tables(), group_by="outlett")
    page = build_report(tables(), group_by="outlet", max_groups=2)
    assert 'id="f-group"' not in page and "offered for up to 2 groups; this run has 3" in page


def test_empty_run():
    page = build_report({"documents": pd.DataFrame({"doc_id": ["a"], "status": ["empty"],
                                                    "message": ["no text"]})})
    assert "Every document" not in page and "no text" in page
    assert 'data-key="quotes" data-value="0"' in page


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "results"
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    return out


def test_run_writes_the_report_into_its_manifest(seed_run, tmp_path, capsys):
    page = (seed_run / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert len(Page(page).all("img")) == len(figure_files(seed_run / "figures")) > 0
    manifest = json.loads((seed_run / MANIFEST).read_text())
    assert "report.html" in manifest["files"] and manifest["group_by"] is None
    # regenerated from the folder: the same page
    assert main(["report", "--tables", str(seed_run), "--out", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == page
    assert "report written to" in capsys.readouterr().out


def test_report_command_keeps_the_folder_replaceable(seed_run, tmp_path):
    import shutil

    out = tmp_path / "results"
    shutil.copytree(seed_run, out)
    (out / "report.html").unlink()
    manifest = json.loads((out / MANIFEST).read_text())
    manifest["files"].remove("report.html")
    (out / MANIFEST).write_text(json.dumps(manifest))
    assert main(["report", "--tables", str(out)]) == 0
    assert (out / "report.html").exists() and foreign_files(out) == []
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet", "--no-figures",
                 "--no-report"]) == 0
    assert not (out / "report.html").exists()
    assert main(["report", "--tables", str(tmp_path / "nothing")]) == 1


def test_run_without_figures_still_reports(tmp_path, capsys):
    out = tmp_path / "results"
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet", "--no-figures"]) == 0
    assert "report     " in capsys.readouterr().out
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "drew no figures (--no-figures)" in page and "<img" not in page
    assert 'class="sp"' in page


def test_a_failing_report_leaves_the_previous_results(seed_run, tmp_path, monkeypatch, capsys):
    import shutil

    import analysis.figures.report

    out = tmp_path / "results"
    shutil.copytree(seed_run, out)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise ValueError("a report bug")

    monkeypatch.setattr(analysis.figures.report, "write_report", broken)
    assert main(["run", str(SEEDS), "--out", str(out), "--quiet", "--no-figures"]) == 1
    err = capsys.readouterr().err
    assert "a report bug" in err and "as they were" in err
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
