"""Speaker mentions and entities: what is a name, what kind of speaker it is, and the
casing evidence learned from news (analysis.quotes.mentions, .resolve, .casing)."""

import pytest

from analysis.quotes.casing import count_case, document_case, lower_share, main, write
from analysis.quotes.extract import analyse_quotes_by_rules
from analysis.quotes.mentions import _suffix_class, find_mentions
from analysis.resources import data_text
from analysis.text import build


def _mentions(text):
    doc = build(text)
    return [(m.text, m.kind, m.category) for m in find_mentions(text, doc.sentences, doc.tokens)]


def _speakers(text):
    return [(q.speaker, q.speaker_category) for q in analyse_quotes_by_rules(text)[0]]


@pytest.mark.parametrize(("text", "not_names"), [
    ("Authored by three economists, the study said growth would slow.", ["Authored"]),
    ("Finally, the minister said the talks had failed.", ["Finally"]),
    ("Besides Lahav, the committee said the report was wrong.", ["Besides Lahav", "Besides"]),
    ("Rival Hillary Clinton said the plan was reckless.", ["Rival Hillary Clinton", "Rival"]),
    ("McConnell said Tuesday the plan was dead.", ["Tuesday"]),
    ("A judge in Spanish court said the extradition could proceed.", ["in Spanish court"]),
])
def test_words_capitalised_by_position_are_not_names(text, not_names):
    texts = [m[0] for m in _mentions(text)]
    assert not set(texts) & set(not_names), texts


def test_names_survive_at_a_sentence_start():
    for text, name in [("Senator Jane Park criticized the plan.", "Jane Park"),
                       ("Amnesty International described the arrests as unlawful.",
                        "Amnesty International"),
                       ("US President Donald Trump left.", "Donald Trump"),
                       ("Secretary of State Linda Gray told the committee.", "Linda Gray")]:
        assert name in [m[0] for m in _mentions(text)], text


def test_the_article_itself_is_evidence():
    # "Reprising" is written in lower case later on; "Lahav" capitalised mid-sentence
    text = "Reprising the role, she won. Critics kept reprising it. Lahav met Lahav's aides."
    assert "Reprising" not in [m[0] for m in _mentions(text)]
    assert ("Lahav", "name", "other") in _mentions(text)


def test_description_before_a_name_is_its_title():
    text = ("Local shop owner Priya Nair called the plan reckless and said she would close "
            "her store.")
    assert _speakers(text) == [("Priya Nair", "person")]


@pytest.mark.parametrize(("text", "speaker", "category"), [
    ("The Foreign Ministry said the talks would resume.", "Foreign Ministry", "org"),
    ("Officials said the talks would resume.", "Officials", "other"),
    ("The central bank said rates would rise.", "The central bank", "org"),
    ("Anadolu Agency reported that the talks would resume.", "Anadolu Agency", "org"),
    ("According to the Met Office, the storm will reach the coast.", "Met Office", "org"),
    ("According to police, the storm will reach the coast.", "police", "other"),
    ("Minister Klaus Berger said the plan was dead.", "Klaus Berger", "person"),
    ("Energy UK, which represents suppliers, said the plan was wrong.", "Energy UK", "org"),
])
def test_speakers_keep_their_category(text, speaker, category):
    quotes, speakers = analyse_quotes_by_rules(text)
    assert [(q.speaker, q.speaker_category) for q in quotes] == [(speaker, category)]
    assert [(s.name, s.category) for s in speakers] == [(speaker, category)]


@pytest.mark.parametrize(("old", "new"), [("midfielder", "winger"), ("club", "federation"),
                                          ("midfielder", "playmaker"), ("club", "association")])
def test_role_nouns_by_class_not_list(old, new):
    text = ("Manchester United sacked manager Erik Holm on Sunday. “Erik has given everything "
            "to this club,” the club said in a statement.\nCaptain Bruno Silva admitted the "
            "squad had let the coach down. “We have to look at ourselves,” the midfielder "
            "said after the loss.")
    assert _speakers(text.replace(f"the {old} said", f"the {new} said")) == _speakers(text)


def test_suffix_classes():
    assert [_suffix_class(w) for w in ("winger", "federation", "wingers", "spokeswoman",
                                       "chairman", "plan")] == ["", "o", "p", "f", "m", None]


def test_first_person_stays_unresolved():
    text = "Mayor Ana Ruiz spoke first. “We will rebuild,” I said."
    assert _speakers(text) == [("I", "person")]


def test_casing_counts_are_learned_and_shipped_without_text(tmp_path):
    (tmp_path / "a.txt").write_text("Finally, the vote came. He finally voted for Smith.\n"
                                    "Smith said the vote was final.", encoding="utf-8")
    counts = count_case([(tmp_path / "a.txt").read_text(encoding="utf-8")])
    assert counts["finally"] == (1, 0) and counts["smith"] == (0, 1)
    out = tmp_path / "casing.tsv"
    assert write(counts, out, source="a test folder") == 9  # words ever in lower case
    lines = [x for x in out.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    assert all(len(x.split("\t")) == 3 for x in lines) and "smith" not in out.read_text()
    main([str(tmp_path), "--out", str(tmp_path / "again.tsv")])
    assert (tmp_path / "again.tsv").read_text(encoding="utf-8").split("\n# Rebuild")[1] == \
        out.read_text(encoding="utf-8").split("\n# Rebuild")[1]


def test_shipped_casing_has_provenance_and_sense():
    header = [x for x in data_text("quotes/casing.tsv").splitlines() if x.startswith("#")]
    assert any("PolNeAR" in line for line in header) and any("Rebuild" in x for x in header)
    assert lower_share("however") > 0.9 and lower_share("obama") is None


def test_document_case_counts_mid_sentence_words_only():
    doc = build("Finally it rained. Then finally it stopped: Rain, rain.")
    assert document_case(doc.tokens)["finally"] == (1, 0)
    assert "rain" in document_case(doc.tokens) and document_case(doc.tokens)["rain"] == (1, 0)
