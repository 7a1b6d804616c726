"""report.html opened and used in a real browser: Debian's Chromium driven by Playwright.

``python -m analysis run`` on the demo corpus (four outlets) with ``--group-by outlet``
writes the page; the browser opens it from ``file://`` and the test checks what a
researcher sees: the headline numbers equal the tables', every figure image loaded,
filtering by outlet, by name and by confidence changes the visible rows as the tables
say, opening a speaker shows their quotes, nothing is logged to the console as an
error and no request leaves the page.  A page built from hostile tables (``<script>``
in an article, a name and the metadata) runs none of it.

Needs Chromium (``apt-get install -y chromium``) and Playwright's Python package
(``pip install -r requirements.txt``; Playwright's own browser download is not used).
Without them the tests are skipped, saying which command installs what is missing.
"""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.figures import load_tables
from analysis.figures.report import BINS, build_report
from analysis.paths import REPO
from analysis.run.groups import DEMO_CORPUS, group_of

CHROMIUM = os.environ.get("ANALYSIS_CHROMIUM", "/usr/bin/chromium")
#: Headless, and nothing of Chromium's own that would reach the network.
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright's Python package is missing: pip install -r requirements.txt "
                    "(or pip install playwright); its own browser download is not needed")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"Chromium is missing at {CHROMIUM}: apt-get install -y chromium (Debian; "
                    f"or set ANALYSIS_CHROMIUM to a Chromium binary)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from a file, recording console errors, page errors, dialogs and
    every request."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and
                     self.errors.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def shown(self) -> tuple[int, int]:
        s = self.page.locator("#shown")
        return int(s.get_attribute("data-speakers")), int(s.get_attribute("data-quotes"))

    def visible_speakers(self) -> dict[str, int]:
        """Name -> quotes shown in its row, for the speaker rows not hidden."""
        return self.page.evaluate("""() => Object.fromEntries(
            Array.from(document.querySelectorAll('tbody.sp:not([hidden])')).map(tb =>
              [tb.querySelector('button.open').textContent,
               parseInt(tb.querySelector('td.n').textContent.replace(/,/g, ''), 10)]))""")

    def visible_quote_rows(self) -> int:
        """Quote rows a reader sees (after Expand all): laid out, not hidden."""
        return self.page.evaluate("""() => Array.from(document.querySelectorAll('tr.q'))
            .filter(tr => tr.offsetParent !== null).length""")

    def set(self, selector: str, value: str) -> None:
        self.page.evaluate("""([sel, v]) => { const el = document.querySelector(sel);
            el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }""",
                           [selector, value])

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "results"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    subprocess.run([sys.executable, "-m", "analysis", "run", str(DEMO_CORPUS), "--out",
                    str(out), "--group-by", "outlet", "--quiet"], check=True, cwd=REPO,
                   env=env, stdout=subprocess.DEVNULL)
    return out


@pytest.fixture(scope="module")
def demo_tables(demo_run):
    return load_tables(demo_run)


@pytest.fixture
def demo(browser, demo_run, demo_tables):
    """The demo run's report in a new page (each test starts from the page as loaded)."""
    opened = Opened(browser, demo_run / "report.html")
    yield opened, demo_tables
    opened.close()


def test_opens_offline_without_errors(demo):
    opened, _ = demo
    assert opened.errors == []
    assert opened.requests == [opened.url]  # the file itself; figures are data URIs
    assert opened.dialogs == []


def test_headline_numbers_are_the_tables(demo):
    opened, tables = demo
    docs, quotes = tables["documents"], tables["quotes"]
    shown = opened.page.evaluate("""() => Object.fromEntries(
        Array.from(document.querySelectorAll('[data-key]:not([data-key=top])')).map(e =>
          [e.dataset.key, parseInt(e.textContent.replace(/,/g, ''), 10)]))""")
    speakers = quotes["speaker"].dropna()
    expected = {"documents": len(docs), "analysed": int((docs["status"] == "ok").sum()),
                "problems": int((docs["status"] != "ok").sum()), "quotes": len(quotes),
                "speakers": speakers.nunique(), "unattributed": int(quotes["speaker"].isna().sum()),
                **{f"status:{k}": int(v) for k, v in docs["status"].value_counts().items()},
                **{f"kind:{k}": int((quotes["kind"] == k).sum())
                   for k in ("direct", "partial", "indirect")}}
    assert shown == expected
    top = opened.page.evaluate("""() => Array.from(document.querySelectorAll(
        '[data-key=top]')).map(e => [e.dataset.speaker, parseInt(e.textContent, 10)])""")
    counts = speakers.value_counts()
    assert top == [[k, int(counts[k])] for k in
                   sorted(counts.index, key=lambda k: (-counts[k], k))[:10]]


def test_every_figure_loaded(demo, demo_run):
    opened, _ = demo
    images = opened.page.evaluate("""() => Array.from(document.images).map(i =>
        [i.complete, i.naturalWidth, i.alt])""")
    assert len(images) == len(list((demo_run / "figures").glob("*.png"))) >= 7
    assert all(done and width > 0 and alt for done, width, alt in images), images


def test_filter_by_outlet(demo):
    opened, tables = demo
    quotes = tables["quotes"].dropna(subset=["speaker"])
    outlet = quotes["doc_id"].astype(str).map(group_of(tables, "outlet"))
    opened.page.click("#expand-all")
    everyone = opened.visible_speakers()
    assert everyone == {k: int(v) for k, v in quotes["speaker"].value_counts().items()}
    for name in sorted(outlet.unique()):
        opened.page.select_option("#f-group", label=name)
        expected = quotes[outlet == name]["speaker"].value_counts()
        assert opened.visible_speakers() == {k: int(v) for k, v in expected.items()}, name
        assert opened.shown() == (len(expected), int(expected.sum()))
        assert opened.visible_quote_rows() == int(expected.sum())
    opened.page.select_option("#f-group", value="")
    assert opened.visible_speakers() == everyone
    opened.page.click("#collapse-all")
    assert opened.visible_quote_rows() == 0


def test_filter_by_name_and_outlet(demo):
    opened, tables = demo
    quotes = tables["quotes"].dropna(subset=["speaker"])
    aliases = tables["speakers"].groupby("speaker")["aliases"].agg(
        lambda a: "; ".join(a.dropna()))
    matching = {s for s in quotes["speaker"].unique()
                if "okafor" in (s + "; " + aliases.get(s, "")).lower()}
    assert matching
    opened.set("#f-name", "Okafor")
    assert set(opened.visible_speakers()) == matching
    outlet = quotes["doc_id"].astype(str).map(group_of(tables, "outlet"))
    for name in sorted(outlet.unique()):
        opened.page.select_option("#f-group", label=name)
        expected = quotes[(outlet == name) & quotes["speaker"].isin(matching)]
        assert opened.shown() == (expected["speaker"].nunique(), len(expected))
    opened.page.select_option("#f-group", value="")
    opened.set("#f-name", "no such person")
    assert opened.visible_speakers() == {} and opened.shown() == (0, 0)
    opened.set("#f-name", "")
    assert len(opened.visible_speakers()) == quotes["speaker"].nunique()


def test_opening_a_speaker_shows_their_quotes(demo):
    opened, tables = demo
    first = opened.page.locator("tbody.sp").first
    name = first.locator("button.open").inner_text()
    rows = first.locator("tr.q")
    assert not rows.first.is_visible()
    first.locator("button.open").click()
    n = int((tables["quotes"]["speaker"] == name).sum())
    assert rows.count() == n and all(rows.nth(i).is_visible() for i in range(n))
    assert first.locator("span.q").count() == n  # each quote marked in its sentence
    first.locator("button.open").click()
    assert not rows.first.is_visible()


HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def hostile_tables() -> dict[str, pd.DataFrame]:
    """Hostile text everywhere the corpus reaches the page; confidence on every quote."""
    text = f"“{HOSTILE},” said Ana Ruiz."
    docs = pd.DataFrame({"doc_id": ["a", "b", HOSTILE], "status": ["ok", "ok", "malformed"],
                         "message": ["", "", HOSTILE], "outlet": ["Post", HOSTILE, "Post"]})
    quotes = pd.DataFrame({
        "doc_id": ["a", "a", "b", "b"], "quote": [0, 1, 0, 1],
        "start": [0, 0, 0, 0], "end": [len(HOSTILE) + 3] * 4, "text": [f"“{HOSTILE},”"] * 4,
        "kind": ["direct", "direct", "partial", "indirect"],
        "speaker": ["Ana Ruiz", HOSTILE, "Ana Ruiz", None],
        "speaker_mention": [HOSTILE] * 4, "cue": [HOSTILE] * 4, "found_by": [HOSTILE] * 4,
        "speaker_by": [HOSTILE] * 4, "cue_class": [HOSTILE] * 4,
        "first_sentence": [0] * 4, "last_sentence": [0] * 4, "sentiment": [0.5, -0.5, 0.1, 0],
        "p_quote": [0.95, 0.7, 0.52, 0.9], "p_speaker": [0.9, 0.3, 0.61, None]})
    sentences = pd.DataFrame({"doc_id": ["a", "b"], "sentence": [0, 0], "start": [0, 0],
                              "text": [text, text]})
    speakers = pd.DataFrame({"doc_id": ["a"], "speaker": ["Ana Ruiz"], "aliases": [HOSTILE],
                             "category": [HOSTILE]})
    return {"documents": docs, "quotes": quotes, "sentences": sentences, "speakers": speakers}


def test_hostile_text_runs_nothing_and_confidence_filters(browser, tmp_path):
    data = hostile_tables()
    path = tmp_path / "report.html"
    path.write_text(build_report(data, group_by="outlet"), encoding="utf-8")
    opened = Opened(browser, path)
    try:
        opened.page.click("#expand-all")
        assert opened.page.evaluate("() => window.__pwned") is None
        assert opened.dialogs == [] and opened.errors == []
        assert opened.requests == [opened.url]
        assert opened.page.locator("img").count() == 0  # none of the corpus's <img> exist
        assert HOSTILE in opened.page.inner_text("#speakers")
        assert HOSTILE in opened.page.inner_text("#problems")
        q = data["quotes"]
        low = q[["p_quote", "p_speaker"]].min(axis=1)
        for step in (0, 10, 12, 18, BINS):
            opened.set("#f-conf", str(step))
            keep = low >= step / BINS
            assert opened.shown() == (q.loc[keep, "speaker"].fillna("").nunique(),
                                      int(keep.sum())), step
            assert opened.visible_quote_rows() == int(keep.sum())
            assert opened.page.inner_text("#f-conf-value") == f"{step / BINS:.2f}"
        opened.set("#f-conf", "0")
        opened.page.select_option("#f-group", label=HOSTILE)
        assert opened.shown() == (2, 2)  # Ana Ruiz and the quote with no speaker
        assert opened.page.locator("tr.doc:not([hidden])").count() == 0  # Post's problem
        assert opened.errors == []
    finally:
        opened.close()
