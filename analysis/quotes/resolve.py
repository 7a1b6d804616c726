"""Mentions to entities: who each speaker mention refers to, and what kind of speaker it is.

Every mention of a document (:mod:`analysis.quotes.mentions`) resolves to an entity with
a canonical name and a category:

* **names** are clustered (a surname, or a shorter form that ends the fuller one, joins
  the fullest name: ``Aragchi`` -> ``Abbas Aragchi``);
* **descriptions** go to a name in apposition (``Jane Wanjiru, an analyst,``), to the
  latest person whose title shares their role noun (``the minister`` after ``Foreign
  Minister Abbas Aragchi``), to the last person named for an age used as a noun (``the
  34-year-old``), to the subject of the sentence before when they speak and name no one
  new (``the midfielder said``; ``the club said`` -> the last organisation), or, for a
  definite description that opens an article, to the titled person named at the start of
  one of the next sentences;
* **pronouns** go to the latest compatible mention (*he*/*she*: a person of that gender;
  *they*: a group or organisation; *it*: an organisation).

Categories (:data:`~analysis.quotes.mentions.PERSON`, ``ORG``, ``OTHER`` for groups and
anything without evidence): a name is an organisation when it holds an organisation word
(``Met Office``, ``Anadolu Agency``) or an acronym, or a ``which`` clause follows it; a
person when it has a title, stands in apposition with a person description, is followed
by ``who``, or is quoted (a single name that speaks is a person unless evidence says
otherwise).  A description takes the class of its role noun (``the ministry``: org;
``officials``: group; ``the spokesman``: person); a pronoun the category of what it
resolves to, else its own (*he*: person, *they*: group, *it*: organisation).

The search windows are named parameters below.

Examples
--------
>>> from analysis.quotes.document import QuoteDoc
>>> from analysis.text import build
>>> d = QuoteDoc(build("Foreign Minister Abbas Aragchi spoke. The minister said no. He left."))
>>> out = resolve_mentions(d, set())
>>> sorted({name for name, _ in out.values()})
['Abbas Aragchi']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analysis.quotes.inherit import take_turns
from analysis.quotes.lexicon import tagged
from analysis.quotes.mention_types import SPEAKER_TYPES, first_names, resolve_pronouns
from analysis.quotes.mentions import ORG, OTHER, PERSON, Mention
from analysis.quotes.records import Draft
from analysis.resources import word_map

if TYPE_CHECKING:
    from analysis.quotes.document import QuoteDoc

__all__ = [
    "CATAPHORA_MENTIONS",
    "CATAPHORA_OFFSET",
    "CATAPHORA_SENTENCES",
    "NOT_SPEAKER_PROBABILITY",
    "PRONOUN_PROBABILITY",
    "PRONOUN_WINDOW",
    "RUNNING_PARAGRAPHS",
    "continue_speakers",
    "name_entities",
    "resolve_mentions",
    "resolve_speakers",
    "speaker_category",
]

#: How many earlier mentions a pronoun (or an age used as a noun) looks back through for
#: its antecedent (by rule, where the learned resolver is unsure).
PRONOUN_WINDOW = 60
#: How many paragraphs after the last mention of a speaker a *he*/*she* attributing a
#: quote may continue that speaker (:func:`continue_speakers`).
RUNNING_PARAGRAPHS = 1
#: The learned antecedent of a pronoun (:func:`analysis.quotes.mention_types.resolve_pronouns`)
#: is taken when its probability is at least this (on GUM's held-out documents such
#: answers covered 70% of pronouns at 0.68 accuracy); below it the rule decides.
PRONOUN_PROBABILITY = 0.5
#: A name entity whose mentions the typer finds, on average, this likely to be a place,
#: a work or another thing that cannot speak takes that type.
NOT_SPEAKER_PROBABILITY = 0.8
#: For a definite description that opens an article: how many later mentions, and within
#: how many sentences after its own, are searched for the titled person it announces.
CATAPHORA_MENTIONS = 30
CATAPHORA_SENTENCES = 2
#: ... and how many tokens at most may stand before that person in its sentence.
CATAPHORA_OFFSET = 1
_CLASSES = "quotes/closed_classes.tsv"
_AGE_RE = re.compile(r"\b\d{1,3}-year-old\b")


@dataclass
class _Entity:
    canonical: str
    names: list[str]
    category: str
    gender: str
    titles: set[str]
    title_words: set[str] = field(default_factory=set)


def name_entities(d: QuoteDoc, speakers: set[int]) -> dict[int, _Entity]:
    """Cluster name mentions into entities; keys are mention start offsets.

    Names of one entity share their last word, so candidates are looked up by it (no
    scan of every entity per mention)."""
    by_mention: dict[int, _Entity] = {}
    by_last: dict[str, list[_Entity]] = {}
    for m in d.mentions:
        if m.kind != "name":
            continue
        words = m.text.split()
        match = None
        for ent in reversed(by_last.get(words[-1], ())):
            ent_words = ent.canonical.split()
            if words == ent_words or (words[-1] == ent_words[-1] and
                                      (len(words) == 1 or len(ent_words) == 1)) or \
                    (len(words) < len(ent_words) and ent.canonical.endswith(" " + m.text)):
                match = ent
                break
        category = m.category
        relative = _relative_after(d, m)
        if category == OTHER and relative == "thing":
            category = ORG  # "Energy UK, which represents suppliers, said"
        elif category == OTHER and (m.start in speakers or _in_apposition(d, m) or
                                    relative == "person"):
            category = PERSON
        if match is None:
            match = _Entity(m.text, [], category, m.gender, set())
            by_last.setdefault(words[-1], []).append(match)
        elif len(words) > len(match.canonical.split()):
            match.canonical = m.text
        match.names.append(m.text if m.title is None else f"{m.title} {m.text}")
        if m.title:
            match.titles.add(m.title)
            match.title_words.update(m.title.lower().split())
        if (category == PERSON and match.category == OTHER) or category == ORG:
            match.category = category if match.category != ORG else ORG
        match.gender = match.gender or m.gender
        by_mention[m.start] = match
    return by_mention


def _relative_after(d: QuoteDoc, m: Mention) -> str | None:
    """``person`` (", who …") or ``thing`` (", which …") when a relative clause follows
    the mention after a comma (``data/quotes/closed_classes.tsv``)."""
    if m.last + 1 < len(d.toks) and d.toks[m.last].text == ",":
        word = d.toks[m.last + 1].text.lower()
        if word in tagged(_CLASSES, "personal"):
            return "person"
        if word in tagged(_CLASSES, "nonpersonal"):
            return "thing"
    return None


def _apposed(d: QuoteDoc, m: Mention) -> list[Mention]:
    """Mentions in apposition with ``m``, each side closed by a comma:
    ", the bank’s economist, Sarah Lind," / "Sarah Lind, an economist, said"."""
    def comma(k: int) -> bool:
        return 0 <= k < len(d.toks) and d.toks[k].text == ","

    out = []
    if comma(m.first - 1) and comma(m.last):
        before = d.ending_at.get(m.first - 1)
        if before is not None:
            out.append(before)
    if comma(m.last):
        after = d.starting_at.get(m.last + 1)
        if after is not None and comma(after.last):
            out.append(after)
    return out


def _in_apposition(d: QuoteDoc, m: Mention) -> bool:
    """A name next to a person description -- evidence that the name is a person."""
    roles = word_map("role_nouns.txt")
    return any(o.kind == "description" and roles.get((o.role or "").lower()) not in ("o", None)
               for o in _apposed(d, m))


def resolve_mentions(d: QuoteDoc, speakers: set[int]
                     ) -> dict[int, tuple[str | None, _Entity | None]]:
    """Map each mention start offset to (canonical speaker, entity)."""
    by_mention = name_entities(d, speakers)
    _type_entities(d, by_mention)
    out: dict[int, tuple[str | None, _Entity | None]] = {}
    for m in d.mentions:
        if m.kind == "name":
            ent = by_mention[m.start]
            out[m.start] = (ent.canonical, ent)
    latest: dict[str, _Entity] = {}  # title word -> most recent person entity bearing it
    first_person = next((i for i, p in enumerate(d.mentions) if p.kind == "name" and
                         by_mention[p.start].category == PERSON), len(d.mentions))
    subjects = _sentence_subjects(d)
    for idx, m in enumerate(d.mentions):
        if m.kind == "description":
            ent = _apposed_name(d, m, by_mention) or \
                _resolve_description(d, idx, by_mention, latest, first_person) or \
                _named_organisation(d, idx, by_mention)
            if ent is None and m.definite and m.start in speakers:
                ent = _anaphoric_description(d, idx, by_mention, subjects)
            if ent is not None:
                ent.names.append(m.text)
                out[m.start] = (ent.canonical, ent)
            else:
                out[m.start] = (m.text, None)
        ent = by_mention.get(m.start)
        if ent is not None and ent.category == PERSON:
            for word in ent.title_words:
                latest[word] = ent
    learned = {a.pronoun: a for a in resolve_pronouns(d.model, d.mentions, types=d.types)}
    for idx, m in enumerate(d.mentions):
        if m.kind == "pronoun":
            found = learned.get(idx)
            if found is not None and found.antecedent is not None and \
                    found.p >= PRONOUN_PROBABILITY and not (
                        _after_clause(d, m) and
                        d.mentions[found.antecedent].sentence == m.sentence):
                antecedent = d.mentions[found.antecedent]
                name, ent = out.get(antecedent.start, (None, None))
                if m.gender in ("m", "f") and ent is not None and \
                        ent.category not in (PERSON, OTHER):
                    name = None  # he or she is a person, not "the Terrorism Bill"
                if name is not None:
                    out[m.start] = (name, ent)
                    continue
            out[m.start] = _resolve_pronoun(d, idx, out, speakers, subjects)
    return out


def _type_entities(d: QuoteDoc, by_mention: dict[int, _Entity]) -> None:
    """Give each name entity the type its mentions most likely have (the learned typer,
    :mod:`analysis.quotes.mention_types`, summed over the entity's mentions), where
    the rules found no evidence (category ``other``) or the typer is sure it cannot
    speak (a place, a work: ``Rangers``, ``the Terrorism Bill``)."""
    totals: dict[int, dict[str, float]] = {}
    ents: dict[int, _Entity] = {}
    for m, probs in zip(d.mentions, d.types, strict=True):
        ent = by_mention.get(m.start)
        if ent is None:
            continue
        acc = totals.setdefault(id(ent), dict.fromkeys(probs, 0.0))
        ents[id(ent)] = ent
        for t, p in probs.items():
            acc[t] += p
    genders = first_names()
    for key, acc in totals.items():
        ent = ents[key]
        if not ent.gender and ent.category in (PERSON, OTHER):
            first = ent.canonical.split()[0].lower()
            if len(ent.canonical.split()) > 1 and genders.get(first) in ("m", "f"):
                ent.gender = genders[first]  # "Jane Wanjiru": a woman's first name
        n = sum(acc.values()) or 1.0
        best = max(acc, key=lambda t: (acc[t], t))
        if ent.category == OTHER or (best not in SPEAKER_TYPES and
                                     acc[best] / n >= NOT_SPEAKER_PROBABILITY):
            ent.category = best


def resolve_speakers(d: QuoteDoc, raw: Sequence[Draft]
                     ) -> dict[int, tuple[str | None, _Entity | None]]:
    """The resolution stage for the drafts ``raw`` (in place for their speakers): every
    mention to an entity (:func:`resolve_mentions`); a relative pronoun chosen as a
    speaker (``Weaver, who said``) takes its antecedent's entity; speaker continuity
    (:func:`continue_speakers`); turns in an exchange
    (:func:`analysis.quotes.inherit.take_turns`).  Returns mention start -> (name,
    entity).

    Examples
    --------
    >>> from analysis.quotes.document import QuoteDoc
    >>> from analysis.quotes.extract import rule_quotes
    >>> from analysis.text import build
    >>> d = QuoteDoc(build("“No,” said Ann Lee. “Never,” she added."))
    >>> raw = rule_quotes(d)
    >>> resolved = resolve_speakers(d, raw)
    >>> [resolved[r.mention.start][0] for r in raw]
    ['Ann Lee', 'Ann Lee']
    """
    speakers = {r.mention.start for r in raw if r.mention is not None}
    antecedents = {}
    by_first: dict[int, Mention] = {}
    for x in reversed(d.mentions):
        by_first[x.first] = x
    for r in raw:
        m = r.mention
        if m is not None and m.kind == "relative":
            antecedent = by_first.get(m.lead)
            if antecedent is not None:
                antecedents[m.start] = antecedent
                speakers.add(antecedent.start)
    resolved = resolve_mentions(d, speakers)
    for start, antecedent in antecedents.items():
        resolved[start] = resolved.get(antecedent.start, (antecedent.text, None))
    continue_speakers(d, [(r.mention, r.start, r.end) for r in raw if r.mention is not None],
                      resolved)
    take_turns(d, raw, resolved)
    return resolved


def continue_speakers(d: QuoteDoc, attributions: Sequence[tuple[Mention, int, int]],
                      resolved: dict[int, tuple[str | None, _Entity | None]]) -> None:
    """Speaker continuity, in place: a *he* or *she* that attributes a quote
    (``attributions``: the speaker mention and the content's start and end, of every
    quote) refers to the person last quoted or, if someone
    quoted earlier is named again after them, to that person -- unless another person
    of that gender has been named since, or the run is more than
    :data:`RUNNING_PARAGRAPHS` paragraphs old (``shadow home secretary Ann Lee said …
    He said …``; ``Lee remarked … Trump hinted … The agency reported Lee’s criticism.
    ‘…,’ he challenged``).  News reports a speaker's words in a run, and the pronoun
    continues it.  A person named inside what is reported does not break the run (it is
    what is said, not who speaks), and one named inside a clause reported before its
    speaker (``The president …, he said``) does not take it over.  Otherwise the
    resolver's answer stands.

    Examples
    --------
    >>> from analysis.quotes.document import QuoteDoc
    >>> from analysis.text import build
    >>> d = QuoteDoc(build("Ann Lee said no. Bo Kim, the mayor, was away. Lee’s aide "
    ...                    "left. “Never,” she said."))
    >>> she = [m for m in d.mentions if m.text == "she"]
    >>> resolved = resolve_mentions(d, {m.start for m in d.mentions})
    >>> continue_speakers(d, [(d.mentions[0], 8, 15), (she[0], 57, 66)], resolved)
    >>> resolved[she[0].start][0]
    'Ann Lee'
    """
    paragraphs = d.model.sentence_paragraphs
    attributing = {m.start for m, _, _ in attributions}
    spans = sorted((a, b, m.start >= b) for m, a, b in attributions)
    starts = [a for a, _, _ in spans]
    quoted: set[int] = set()  # ids of the entities quoted so far
    last: tuple[str | None, _Entity] | None = None  # whose run it is
    named_in = -1  # the paragraph where they were last named
    rival = False  # another person of their gender named since
    by_gender: dict[str, tuple[str | None, _Entity, int]] = {}  # the last quoted of each
    asks: dict[int, bool] = {}  # the mention attributes a question
    for m, a, b in attributions:
        asks[m.start] = asks.get(m.start, False) or d.text[a:b].rstrip("”’\"' .").endswith("?")
    asked = False  # the last speaker asked a question
    for m in d.mentions:
        name, ent = resolved.get(m.start, (None, None))
        para = paragraphs[m.sentence]
        k = bisect.bisect_right(starts, m.start) - 1
        reported = m.start not in attributing and k >= 0 and m.end <= spans[k][1]
        if last is not None and m.kind != "pronoun" and ent is not None and \
                ent.category == PERSON:
            if id(ent) in quoted and not (reported and spans[k][2]):
                # the speaker, or someone quoted before, named again -- but not inside a
                # clause whose own speaker comes after it ("The president …, he said")
                last, named_in, rival = (name, ent), para, False
            elif m.kind == "name" and not reported and _compatible(ent.gender, last[1].gender):
                rival = True  # someone else named (not inside what is reported)
        if m.start not in attributing:
            continue
        if m.kind == "pronoun" and m.gender in ("m", "f") and last is not None and \
                not rival and para - named_in <= RUNNING_PARAGRAPHS and \
                _compatible(last[1].gender, m.gender):
            known = by_gender.get(m.gender)
            if not last[1].gender and known is not None and (asks[m.start] or asked) and \
                    para - known[2] <= RUNNING_PARAGRAPHS + 1:
                # in an exchange of questions and answers, "she asked" is the woman
                # quoted a turn before, not the last speaker whose gender nothing says
                # ("“Is that right?” she asked. “No,” Lee said. “Then who?” she asked")
                resolved[m.start] = known[:2]
            else:
                resolved[m.start] = last
            name, ent = resolved[m.start]
        if ent is not None and ent.category == PERSON and name:
            last, named_in, rival = (name, ent), para, False
            asked = asks[m.start]
            quoted.add(id(ent))
            if ent.gender in ("m", "f"):
                by_gender[ent.gender] = (name, ent, para)


def _compatible(a: str, b: str) -> bool:
    """Two genders that may be one person's (either unknown, or the same)."""
    return not a or not b or a == b


def _sentence_subjects(d: QuoteDoc) -> set[int]:
    """Start offsets of the first mention of each sentence (its likely subject)."""
    seen: set[int] = set()
    out: set[int] = set()
    for m in d.mentions:
        if m.sentence not in seen:
            seen.add(m.sentence)
            out.add(m.start)
    return out


def _anaphoric_description(d: QuoteDoc, idx: int, by_mention: dict[int, _Entity],
                           subjects: set[int]) -> _Entity | None:
    """A definite description that speaks and names no one new points back to the subject
    of the sentence before: "Captain Bruno Silva admitted … “…,” the midfielder said";
    an organisation noun ("the club said") to the last organisation named."""
    m = d.mentions[idx]
    for j in range(idx - 1, -1, -1):
        prev = d.mentions[j]
        if prev.sentence < m.sentence - 1:
            break
        ent = by_mention.get(prev.start)
        if ent is None or prev.start not in subjects or prev.sentence == m.sentence:
            continue
        if m.category == ORG and ent.category != PERSON:
            ent.category = ORG  # "Manchester United ... the club said": an organisation
            return ent
        if m.category == PERSON and ent.category == PERSON and (
                not m.gender or not ent.gender or m.gender == ent.gender):
            return ent
    return None


def _apposed_name(d: QuoteDoc, m: Mention, by_mention: dict[int, _Entity]) -> _Entity | None:
    """The entity of a name in apposition with a description: "Jane Wanjiru, an
    analyst," / "the EU’s environment commissioner, Sofia Lindgren,", or right after
    it, as a title before a name ("conservative activist Brent Bozell")."""
    for other in _apposed(d, m):
        if other.kind == "name" and other.start in by_mention:
            return by_mention[other.start]
    after = d.starting_at.get(m.last)
    if after is not None and after.kind == "name" and after.first == m.last and \
            after.start in by_mention and not m.definite and m.gender != "p":
        return by_mention[after.start]
    # "Brent Bozell, PTC president and conservative activist said": descriptions joined
    # by "and" after a name and its comma, the closing comma left out
    k = m.first - 1
    while k > 0 and d.toks[k].text.lower() == "and":
        before = d.ending_at.get(k)
        if before is None or before.kind != "description":
            return None
        k = before.first - 1
    if k > 0 and d.toks[k].text == "," and m.last < len(d.toks) and d.cues[m.last]:
        name = d.ending_at.get(k)
        if name is not None and name.kind == "name" and name.start in by_mention and \
                d.first_word[name.sentence] == name.first:  # the subject, not "Besides X,"
            return by_mention[name.start]
    return None


def _named_organisation(d: QuoteDoc, idx: int,
                        by_mention: dict[int, _Entity]) -> _Entity | None:
    """The organisation a definite description names by its head noun: "the agency"
    after "Anadolu Agency", "the council" after "Darlington Council" -- the latest
    named organisation within :data:`PRONOUN_WINDOW` mentions with that word in its name."""
    m = d.mentions[idx]
    head = (m.role or "").lower()
    if not m.definite or not head or m.text.lower().split()[-1] != head:
        return None  # "the (state-run news) agency", not "the agency's report"
    for j in range(idx - 1, max(0, idx - PRONOUN_WINDOW) - 1, -1):
        ent = by_mention.get(d.mentions[j].start)
        if ent is not None and ent.category == ORG and \
                head in ent.canonical.lower().split():
            return ent
    return None


def _resolve_description(d: QuoteDoc, idx: int, by_mention: dict[int, _Entity],
                         latest: dict[str, _Entity], first_person: int) -> _Entity | None:
    """The person a description refers to: the latest one bearing its role as a title
    ("the minister" after "Foreign Minister Abbas Aragchi"), or, for an article that
    opens with a definite description, the titled person named right after it."""
    m = d.mentions[idx]
    role = (m.role or "").lower()
    if m.gender == "p" or not role:
        return None
    if role in latest:
        return latest[role]
    if m.definite and _AGE_RE.search(m.text) and idx > 0:
        # "the 34-year-old activist" points back to the last person named
        for j in range(idx - 1, max(0, idx - PRONOUN_WINDOW) - 1, -1):
            ent = by_mention.get(d.mentions[j].start)
            if ent is not None and ent.category != ORG and (
                    not ent.gender or not m.gender or ent.gender == m.gender):
                return ent
    if not m.definite or first_person < idx:
        return None  # someone is already named: a definite description is not cataphoric
    for nxt in d.mentions[idx + 1:idx + CATAPHORA_MENTIONS]:
        if nxt.sentence > m.sentence + CATAPHORA_SENTENCES:
            break
        ent = by_mention.get(nxt.start)
        first_of_sentence = d.sent_tok[nxt.sentence][0]
        if ent is not None and nxt.title and ent.category == PERSON and \
                nxt.first - first_of_sentence <= CATAPHORA_OFFSET:
            return ent
    return None


def _after_clause(d: QuoteDoc, m: Mention) -> bool:
    """``CLAUSE, he said``: the pronoun's antecedent is not inside the reported clause."""
    return (m.first >= 1 and d.toks[m.first - 1].text == "," and
            m.last < len(d.toks) and d.cues[m.last])


def _resolve_pronoun(d: QuoteDoc, idx: int, out, speakers: set[int] = frozenset(),
                     subjects: set[int] = frozenset()) -> tuple[str | None, _Entity | None]:
    """The antecedent of a pronoun among the mentions just before it.

    *he*/*she*: the latest person (a name, or a description such as *the king*) of a
    compatible gender; *they*: the latest group or organisation; *it*: the latest
    organisation; *I*/*we* (the writer): nothing.  A pronoun may also continue an
    earlier pronoun of the same form.
    """
    m = d.mentions[idx]
    if m.gender == "s":
        return None, None  # "I", "we": the writer, named nowhere
    after_clause = _after_clause(d, m)
    for j in range(idx - 1, max(0, idx - PRONOUN_WINDOW) - 1, -1):
        prev = d.mentions[j]
        if after_clause and prev.sentence == m.sentence:
            continue
        name, ent = out.get(prev.start, (None, None))
        category = ent.category if ent is not None else prev.category
        if m.gender in ("p", "n"):
            if prev.kind == "pronoun":
                if prev.gender == m.gender and name is not None:
                    return name, ent
                continue
            if category == ORG or (m.gender == "p" and prev.gender == "p"):
                return name, ent
            continue
        if prev.kind == "pronoun":
            if prev.gender == m.gender and name is not None:
                return name, ent
            continue
        if category != PERSON or prev.gender == "p":
            continue
        gender = ent.gender if ent is not None else prev.gender
        if gender and gender != m.gender:
            continue
        if ent is None and (prev.kind != "description" or (
                prev.start not in speakers and prev.start not in subjects)):
            continue  # "her daughter" inside a clause is not what "she said" refers to
        return name, ent
    return None, None


def speaker_category(mention: Mention, resolved: dict[int, tuple[str | None, _Entity | None]]
                     ) -> str:
    """The category of the entity a speaker mention resolves to, else the mention's own.

    An unresolved pronoun keeps its own (*he*: person); a description its role noun's.
    """
    ent = resolved.get(mention.start, (None, None))[1]
    if ent is not None:
        return ent.category
    if mention.kind == "pronoun" and mention.gender in ("m", "f"):
        return PERSON
    return mention.category
