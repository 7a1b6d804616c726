"""Figures a reviewer accepts: nothing clipped, subsets and n stated, no spread for n = 1."""

import subprocess
import sys
import warnings

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.container import ErrorbarContainer

from analysis import figures
from analysis.figures import registry
from analysis.figures.style import save
from analysis.run.groups import GroupingError

SPEAKERS = [f"Speaker Number {i:02d} of the Long-Named Regional Authority" for i in range(20)]


def _tables():
    """Invented tables: 10 documents, 20 speakers (one quoted once), 2 outlets, 3 months."""
    docs = [f"doc-{i:02d}" for i in range(10)]
    quotes = []
    for n, speaker in enumerate(SPEAKERS):
        for k in range(1 if n == 19 else 2 + n % 3):
            quotes.append({"doc_id": docs[(n + k) % 10], "quote": len(quotes),
                           "speaker": speaker, "kind": ["direct", "indirect"][k % 2],
                           "sentiment": round(((n * 7 + k * 3) % 11 - 5) / 10, 2),
                           "stance": ["against", "none"][k % 2],
                           "first_sentence": k, "last_sentence": k})
    quotes.append({**quotes[0], "quote": len(quotes), "speaker": None})
    sentences = pd.DataFrame([{"doc_id": d, "sentence": s, "sentiment": (s % 5 - 2) / 5,
                               "text": f"The council met on day {s} and the tram plan moved on."}
                              for d in docs for s in range(6)])
    markers = []
    for d in docs:
        units = [("(document)", 300), (SPEAKERS[0], 60)] + ([(SPEAKERS[1], 22)]
                                                            if d == docs[0] else [])
        for unit, words in units:
            for category in ["hedge", "booster", "self_mention"]:
                count = 3 if (unit == SPEAKERS[1] and category == "self_mention") else 1
                markers.append({"doc_id": d, "unit": unit, "category": category,
                                "count": count, "n_tokens": words})
    documents = pd.DataFrame({"doc_id": docs, "status": "ok",
                              "outlet": ["Courier", "Post"] * 5,
                              "date": ["2024-01-03", "2024-01-20", "2024-02-11", "2024-03-01",
                                       "2024-03-09", "2024-03-30", "2024-01-15", "2024-02-02",
                                       "n.d.", "2024-03-03"]})
    portrayal = pd.DataFrame([{"doc_id": docs[n % 10], "person": speaker, "n_mentions": 3,
                               "n_quoted": 1, "n_reporter": 2, "n_negative": n % 2,
                               "n_neutral": 1, "n_positive": 1 - n % 2}
                              for n, speaker in enumerate(SPEAKERS)])
    return {"documents": documents, "quotes": pd.DataFrame(quotes), "sentences": sentences,
            "markers": pd.DataFrame(markers), "portrayal": portrayal}


TABLES = _tables()


def _every_figure():
    for name, (fn, needs) in figures.FIGURES.items():
        yield name, lambda fn=fn, needs=needs: fn(*(TABLES[n] for n in needs))
    yield "by_group", lambda: figures.grouped_figures(TABLES, "outlet", date_column="date")


def _caption(fig):
    return fig.get_supxlabel().replace("\n", " ")


def test_import_changes_no_global_state():
    code = ("import sys, matplotlib as m\n"
            "before = {k: m.rcParams._get(k) for k in m.rcParams}\n"
            "import analysis.figures\n"
            "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
            "after = {k: m.rcParams._get(k) for k in m.rcParams}\n"
            "assert before == after, {k for k in before if before[k] != after[k]}\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.parametrize(("name", "make"), list(_every_figure()), ids=lambda x: x
                         if isinstance(x, str) else "")
def test_nothing_is_clipped(name, make):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. "constrained_layout not applied"
        made = make()
        for fig in made.values() if isinstance(made, dict) else [made]:
            renderer = FigureCanvasAgg(fig).get_renderer()
            fig.draw(renderer)
            box = fig.get_tightbbox(renderer)
            width, height = fig.get_size_inches()
            assert box.x0 >= -0.02 and box.y0 >= -0.02, (name, box)
            assert box.x1 <= width + 0.02 and box.y1 <= height + 0.02, (name, box)
            assert fig.get_suptitle() and _caption(fig)


def test_subsets_are_stated():
    quotes = TABLES["quotes"]
    assert "top 15 of 20 speakers" in _caption(figures.quotes_per_speaker(quotes))
    assert "top 5 of 20 speakers" in _caption(figures.sentiment_by_speaker(quotes, top=5))
    assert "All 20 speakers shown" in _caption(figures.stance_by_speaker(quotes, top=30))
    along = figures.sentiment_along_article(TABLES["sentences"], quotes)
    assert "first 8 of 10 documents" in _caption(along)
    words = _caption(figures.top_words(TABLES["sentences"]))
    assert "60 sentences in 10 documents" in words


def test_counts_beside_rates_and_no_spread_for_one_quote():
    quotes = TABLES["quotes"]
    fig = figures.sentiment_by_speaker(quotes, top=20)
    ax = fig.axes[0]
    n_texts = [t.get_text() for t in ax.texts]
    assert n_texts[0] == "n = 1"  # the speaker quoted once is last, drawn at the bottom
    spreads = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
    assert len(spreads) == 19  # one per speaker with two or more quotes
    stance = figures.stance_by_speaker(quotes).axes[0]
    assert all(t.get_text().startswith("n = ") for t in stance.texts)
    per_group = figures.sentiment_by_group(TABLES["documents"], quotes, by="outlet").axes[0]
    outlet = quotes.doc_id.map(TABLES["documents"].set_index("doc_id").outlet)
    expected = [f"n = {n} quotes" for n in outlet.value_counts().sort_index()[::-1]]
    assert [t.get_text().split(",")[0] for t in per_group.texts] == expected


def test_legends_only_for_what_is_drawn():
    quotes = TABLES["quotes"].assign(kind="direct")
    legend = figures.quotes_per_speaker(quotes).axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["direct"]
    stance = figures.stance_by_speaker(TABLES["quotes"]).axes[0].get_legend()
    assert [t.get_text() for t in stance.get_texts()] == ["against", "none"]


def test_stance_names_its_target_or_says_there_is_none():
    quotes = TABLES["quotes"]
    assert "“the tram”" in figures.stance_by_speaker(quotes, target="the tram").get_suptitle()
    recorded = figures.stance_by_speaker(quotes.assign(target="bus lanes"))
    assert "“bus lanes”" in recorded.get_suptitle()
    assert "not recorded" in figures.stance_by_speaker(quotes).get_suptitle()
    absent = figures.stance_by_speaker(quotes.drop(columns=["stance"]))
    assert "computed only when a target is given" in _caption(absent)


def test_marker_profile_leaves_out_short_quotes_and_shows_counts():
    fig = figures.marker_profile(TABLES["markers"])
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["whole texts (3,000 words)", f"{SPEAKERS[0]} (600 words)"]
    assert "at least 100 words (1 of 2)" in _caption(fig)
    assert sorted({t.get_text() for t in ax.texts}) == ["10"]  # raw counts above the bars
    short = figures.marker_profile(TABLES["markers"], min_tokens=1000)
    assert len(short.axes[0].get_legend().get_texts()) == 1


def test_over_time_reports_undated_documents():
    fig = figures.quotes_over_time(TABLES["documents"], TABLES["quotes"], date_column="date",
                                   by="outlet")
    caption = _caption(fig)
    assert "9 of 10 documents dated" in caption and "'n.d.'" in caption
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()] == ["2024-01", "2024-02",
                                                                     "2024-03"]


def test_learning_curve_states_the_last_step():
    curve = figures.learning_curve_table([40, 80, 120], [[0.4, 0.5], [0.6, 0.6], [0.62, 0.6]])
    fig = figures.learning_curve(curve, metric="F_avg", data="the teaching set")
    assert "(80 → 120 examples): +0.010" in _caption(fig)
    assert "2 cross-validation folds" in _caption(fig)


def test_figure_tables_without_stance():
    tables = {**TABLES, "quotes": TABLES["quotes"].drop(columns=["stance"])}
    speakers = figures.figure_tables(tables)["figure_speakers"]
    assert list(speakers.columns) == ["speaker", "n_quotes", "sentiment_mean", "sentiment_sd"]
    assert speakers.set_index("speaker").loc[SPEAKERS[19], "sentiment_sd"] != \
        speakers.set_index("speaker").loc[SPEAKERS[19], "sentiment_sd"]  # NaN for one quote


def test_reproduce_checks_the_group_column_before_writing(tmp_path):
    out = tmp_path / "figures"
    with pytest.raises(GroupingError) as err:
        figures.reproduce(TABLES, out, group_by="publisher")
    assert "['outlet', 'date', 'status']" in str(err.value)
    assert not out.exists()


def test_grouped_files_and_stable_svg(tmp_path, monkeypatch):
    # Every figure is drawn in test_nothing_is_clipped; here one suffices besides the groups.
    monkeypatch.setattr(registry, "FIGURES", {"marker_profile": figures.FIGURES["marker_profile"]})
    written = figures.reproduce(TABLES, tmp_path, "outlet", date_column="date",
                                formats=("png", "svg"))
    names = [p.name for p in written]
    assert names[:2] == ["marker_profile.png", "marker_profile.svg"]
    assert {"who_is_quoted_by_group.svg", "quotes_over_time.png", "by_group_speakers.csv",
            "by_group_sentiment.csv", "over_time.csv", "undated.csv",
            "figure_speakers.csv"} <= set(names)
    again = figures.grouped_figures(TABLES, "outlet", date_column="date")["quotes_over_time"]
    (tmp_path / "again").mkdir()
    svg = save(again, tmp_path / "again" / "quotes_over_time", ("png", "svg"))[1]
    assert svg.read_bytes() == (tmp_path / "quotes_over_time.svg").read_bytes()


def test_blank_speaker_names_are_visible():
    quotes = TABLES["quotes"].head(3).assign(speaker=["", "", "Ana"])
    labels = [t.get_text() for t in figures.quotes_per_speaker(quotes).axes[0].get_yticklabels()]
    assert labels == ["Ana", "(empty name)"]


# --------------------------------------------------------------------------- legends, names, bars
def _legends(fig):
    return [*fig.legends, *(ax.get_legend() for ax in fig.axes if ax.get_legend())]


def _overlap(a, b, tolerance: float = 0.5) -> bool:
    """Whether two display boxes share more than ``tolerance`` pixels each way."""
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > tolerance
            and min(a.y1, b.y1) - max(a.y0, b.y0) > tolerance)


@pytest.mark.parametrize(("name", "make"), list(_every_figure()), ids=lambda x: x
                         if isinstance(x, str) else "")
def test_legends_cover_no_text(name, make):
    """Every legend lies inside the figure and covers no text: not the title, the
    caption, a panel title, an axis label or a tick label (quoted_vs_portrayed's legend
    once sat on its caption)."""
    from matplotlib.text import Text

    made = make()
    for fig in made.values() if isinstance(made, dict) else [made]:
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        whole = fig.bbox
        for legend in _legends(fig):
            box = legend.get_window_extent(renderer)
            assert box.x0 >= whole.x0 - 1 and box.x1 <= whole.x1 + 1, (name, box, whole)
            assert box.y0 >= whole.y0 - 1 and box.y1 <= whole.y1 + 1, (name, box, whole)
            own = {id(t) for t in legend.findobj(Text)}
            for text in fig.findobj(Text):
                if id(text) in own or not text.get_visible() or not text.get_text().strip():
                    continue
                assert not _overlap(box, text.get_window_extent(renderer)), \
                    (name, text.get_text()[:60])


def test_quoted_vs_portrayed_has_its_legend_and_caption():
    fig = figures.quoted_vs_portrayed(TABLES["quotes"], TABLES["portrayal"])
    (legend,) = _legends(fig)
    assert [t.get_text() for t in legend.get_texts()] == ["negative", "neutral", "positive"]
    assert _caption(fig).startswith("Showing the top 15 of 20 persons")


def test_sentiment_along_article_names_documents_and_counts_from_one():
    documents = TABLES["documents"].assign(
        title=[f"Headline number {i} about the tram" for i in range(10)])
    fig = figures.sentiment_along_article(TABLES["sentences"], TABLES["quotes"],
                                          documents=documents)
    ax = fig.axes[0]
    assert all(line.get_xdata()[0] == 1 for line in ax.get_lines()[:8])
    assert "from 1" in ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == "Headline number 0 about the tram (6 sentences)"
    assert not any(label.startswith("doc-") for label in labels)
    # without a title: the file's name, a table's row, never a raw hash
    row = pd.Series({"file": "mine.csv", "row": 1})
    assert figures.document_name("mine:1", row) == "mine.csv, row 1"
    seed = pd.Series({"file": "000_eef1b9dedbf151ac.txt"})
    assert figures.document_name("000_eef1b9dedbf151ac", seed) == "000_eef1b9…"


def test_sentiment_along_article_represents_every_group():
    """Four outlets of uneven size (as in the demo): the first eight documents by id
    would leave two out; the figure takes documents from each outlet in turn."""
    ids = [f"{o}-{i}" for o, n in (("a", 6), ("b", 5), ("c", 3), ("d", 3)) for i in range(n)]
    sentences = pd.DataFrame([{"doc_id": d, "sentence": s, "sentiment": 0.1}
                              for d in ids for s in range(3)])
    documents = pd.DataFrame({"doc_id": ids, "outlet": [d[0].upper() for d in ids]})
    quotes = pd.DataFrame(columns=["doc_id", "first_sentence", "last_sentence"])
    plain = figures.sentiment_along_article(sentences, quotes, documents=documents)
    assert "the first 8 of 17 documents (by id)" in _caption(plain)
    fig = figures.sentiment_along_article(sentences, quotes, documents=documents, by="outlet")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert len(labels) == 8
    assert [sum(f"({o}, " in label for label in labels) for o in "ABCD"] == [2, 2, 2, 2]
    assert "taken in turn from each of the 4 values of 'outlet'" in _caption(fig)
    assert "8 of 17 documents" in _caption(fig)


def test_quotes_over_time_bars_sit_on_their_ticks():
    """In every month the bars drawn (outlets with quotes that month) are centred on
    the month's tick, also when an outlet has no quote that month."""
    fig = figures.quotes_over_time(TABLES["documents"], TABLES["quotes"], date_column="date",
                                   by="outlet")
    top, bottom = fig.axes[:2]
    ticks = list(bottom.get_xticks())
    centres = [bar.get_x() + bar.get_width() / 2 for bar in top.patches if bar.get_height() > 0]
    by_tick: dict[float, list[float]] = {}
    for x in centres:
        tick = min(ticks, key=lambda t: abs(t - x))
        assert abs(x - tick) < 0.5, (x, tick)
        by_tick.setdefault(tick, []).append(x)
    assert len(by_tick) == len(ticks)
    for tick, xs in by_tick.items():
        assert abs(sum(xs) / len(xs) - tick) < 1e-9, (tick, xs)
    # one month with a single outlet: its bar is on the tick itself
    one = TABLES["documents"].assign(outlet=lambda d: d.outlet.where(d.date != "2024-02-11",
                                                                     "Courier"))
    quotes = TABLES["quotes"][TABLES["quotes"].doc_id.isin(["doc-00", "doc-02", "doc-07"])]
    fig = figures.quotes_over_time(one, quotes, date_column="date", by="outlet")
    top, bottom = fig.axes[:2]
    lone = [bar.get_x() + bar.get_width() / 2 for bar in top.patches if bar.get_height() > 0]
    assert any(abs(x - t) < 1e-9 for x in lone for t in bottom.get_xticks())


@pytest.mark.parametrize("name", ["quoted_vs_portrayed", "sentiment_along_article"])
def test_redrawn_figures_are_byte_identical(tmp_path, name):
    fn, needs = figures.FIGURES[name]
    first = save(fn(*(TABLES[n] for n in needs)), tmp_path / "a")
    again = save(fn(*(TABLES[n] for n in needs)), tmp_path / "b")
    for a, b in zip(first, again, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def _files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_figures_from_chunks_equal_figures_from_whole_tables(tmp_path, monkeypatch):
    """The figures' numbers are accumulated chunk by chunk (flat memory): a table read in
    chunks of 7 rows gives the same files as a table read whole, from memory or from a
    folder written by a run (CSV and Parquet)."""
    from analysis.figures import summary
    from analysis.run.output import TableWriter

    whole = figures.reproduce(TABLES, tmp_path / "whole", formats=("png", "svg"))
    assert {p.name for p in whole} >= {"top_words.png", "figure_words.csv"}
    monkeypatch.setattr(summary, "CHUNK_ROWS", 7)
    figures.reproduce(TABLES, tmp_path / "chunks", formats=("png", "svg"))
    assert _files(tmp_path / "chunks") == _files(tmp_path / "whole")
    for fmt in ("csv", "parquet"):
        folder = tmp_path / f"tables-{fmt}"
        folder.mkdir()
        writer = TableWriter(folder, fmt=fmt, chunk_docs=3)
        for doc_id in TABLES["documents"]["doc_id"]:
            writer.add({name: frame[frame["doc_id"] == doc_id].to_dict("records")
                        for name, frame in TABLES.items()})
        writer.close()
        figures.reproduce(folder, tmp_path / f"from-{fmt}", formats=("png", "svg"))
        monkeypatch.setattr(summary, "CHUNK_ROWS", 100_000)
        figures.reproduce(figures.load_tables(folder), tmp_path / f"whole-{fmt}",
                          formats=("png", "svg"))
        monkeypatch.setattr(summary, "CHUNK_ROWS", 7)
        assert _files(tmp_path / f"from-{fmt}") == _files(tmp_path / f"whole-{fmt}"), fmt


def test_a_speaker_quoted_very_often_draws_a_sample_of_dots():
    from analysis.figures.style import MAX_DOTS

    n = 2 * MAX_DOTS + 1
    quotes = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n)], "speaker": "Ana",
                           "kind": "direct", "sentiment": [(i % 7 - 3) / 4 for i in range(n)]})
    fig = figures.sentiment_by_speaker(quotes)
    dots = fig.axes[0].collections[0].get_offsets()
    assert len(dots) == -(-n // 3)  # every third quote
    assert "one quote in 3" in _caption(fig)
    assert [t.get_text() for t in fig.axes[0].texts] == [f"n = {n:,}".replace(",", "")]
