"""Finding people (and other speakers) mentioned in an article, without a parser.

Heuristics, each with its known failure modes:

Names
    Runs of capitalised tokens (with name particles such as ``al``, ``bin``, ``de``,
    ``van`` and initials such as ``E.``), minus sentence-initial function words.
    *Fails* on lower-case names (``bell hooks``) and merges adjacent names not
    separated by punctuation.
Titles
    A title from ``data/titles.txt`` inside or just before a run (``US President
    Donald Trump``, ``Foreign Minister Abbas Aragchi``, ``supreme leader Ali
    Khamenei``) marks a person; the title is kept apart from the name, so the
    canonical name is ``Donald Trump``.  A title alone (``the President``) is a
    description.
Organisations
    A run holding a word of ``data/org_words.txt`` (``Anadolu Agency``) or an
    all-capitals acronym (``IRNA``) is an organisation: quotable, but never the
    antecedent of *he* or *she*.  *Fails* on organisations with no such word.
Descriptions
    A role noun of ``data/role_nouns.txt`` with its determiner or possessor and up
    to three modifiers (``Iran’s supreme leader``, ``a spokesman for the
    department``, ``senior officials``).
Pronouns
    Subject pronouns *he*, *she*, *they*; gender comes from the pronoun.

Examples
--------
>>> from analysis.tokenise import tokenise
>>> text = "US President Donald Trump met Iran’s supreme leader. He left."
>>> sents, toks = tokenise(text)
>>> [(m.text, m.kind, m.title) for m in find_mentions(text, sents, toks)]
[('Donald Trump', 'name', 'US President'), ('Iran’s supreme leader', 'description', None), ('He', 'pronoun', None)]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from analysis.resources import word_list, word_map
from analysis.tokenise import Sentence, Token

__all__ = ["ORG", "OTHER", "PERSON", "Mention", "find_mentions", "titles"]

PERSON, ORG, OTHER = "person", "org", "other"
#: Pronouns that can stand for a speaker, with their gender: m, f, p (plural: a group or
#: an organisation) and n (*it*: an organisation, "the ministry said ... It added").
PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n"}
_PARTICLES = {"al", "bin", "ibn", "de", "del", "della", "da", "van", "von", "der", "den", "la",
              "le", "du", "dos", "el", "abu", "bint", "di"}
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "one", "two", "three",
                "several", "some", "many", "other", "another", "this", "that", "these", "those"}
_AGE_NOUN_RE = re.compile(r"\d{1,3}-year-old")
_INDEFINITE = {"a", "an", "one", "two", "three", "several", "some", "many", "other", "another"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of a possible speaker.

    ``kind`` is ``name``, ``description`` or ``pronoun``; ``first``/``last`` are token
    indices (inclusive, exclusive); ``title`` is the title before a name;
    ``category`` is ``person``, ``org`` or ``other`` (no evidence either way);
    ``gender`` is ``m``, ``f``, ``p`` (plural) or ``""``; ``role`` is the role noun
    of a description; ``definite`` tells a definite description from an indefinite one.
    """

    start: int
    end: int
    text: str
    kind: str
    first: int
    last: int
    sentence: int
    title: str | None = None
    category: str = OTHER
    lead: int = -1
    gender: str = ""
    role: str | None = None
    definite: bool = True


@cache
def titles() -> tuple[tuple[str, ...], ...]:
    """Titles as token tuples, longest first.

    Examples
    --------
    >>> ("Foreign", "Minister") in titles()
    True
    """
    out = set()
    for title in word_list("titles.txt"):
        out.add(tuple(title.split()))
    return tuple(sorted(out, key=len, reverse=True))


@cache
def _title_words_lower() -> frozenset[str]:
    return frozenset(" ".join(t).lower() for t in titles())


def _is_cap(tok: Token) -> bool:
    return tok.kind in ("word", "abbreviation") and tok.text[:1].isupper()


@cache
def _titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for title in titles():  # longest first, and kept in that order
        index.setdefault(title[0], []).append(title)
    return {first: tuple(group) for first, group in index.items()}


@cache
def _title_prefixes_before_of() -> frozenset[tuple[str, ...]]:
    """Word tuples that precede ``of`` inside a title: ("Secretary",) for "Secretary of State"."""
    out = set()
    for title in titles():
        for k, word in enumerate(title):
            if word == "of" and k > 0:
                out.add(title[:k])
    return frozenset(out)


def _match_title(words: list[str], at: int) -> int:
    """Length of the longest title starting at ``words[at]`` (0 if none)."""
    candidates = _titles_by_first_word().get(words[at]) if at < len(words) else None
    for title in candidates or ():
        n = len(title)
        if tuple(words[at:at + n]) == title:
            return n
    return 0


def find_mentions(text: str, sents: list[Sentence], toks: list[Token]) -> list[Mention]:
    """Name, description and pronoun mentions in text order (see module docs).

    Examples
    --------
    >>> from analysis.tokenise import tokenise
    >>> t = "Aragchi, a spokesman for the ministry, said so."
    >>> [m.text for m in find_mentions(t, *tokenise(t))]
    ['Aragchi', 'a spokesman for the ministry']
    """
    starters = word_list("not_names.txt")
    orgs = word_list("org_words.txt")
    roles = word_map("role_nouns.txt")
    verbs = word_map("reporting_verbs.txt")
    mentions: list[Mention] = []
    n = len(toks)
    sent_first = {s.index: None for s in sents}
    for i, tok in enumerate(toks):
        if sent_first.get(tok.sentence, 0) is None:
            sent_first[tok.sentence] = i
    i = 0
    while i < n:
        tok = toks[i]
        low = tok.text.lower()
        if low in PRONOUNS and tok.kind == "word":
            mentions.append(Mention(tok.start, tok.end, tok.text, "pronoun", i, i + 1,
                                    tok.sentence,
                                    category={"they": OTHER, "it": ORG}.get(low, PERSON),
                                    gender=PRONOUNS[low]))
            i += 1
            continue
        if _is_cap(tok) and sent_first.get(tok.sentence) == i and low in roles \
                and roles[low] in ("p", "") and (i + 1 >= n or not _is_cap(toks[i + 1])):
            # a sentence-initial role noun: "Officials at the ministry said", "Police said"
            mention = _description(text, toks, i, roles, verbs)
            if mention is not None:
                mentions.append(mention)
                i = mention.last
                continue
        if _is_cap(tok):
            j = _run_end(text, toks, i)
            words = [t.text for t in toks[i:j]]
            k = 0  # drop sentence-initial function words and ordinary capitalised words
            while k < len(words) and sent_first.get(toks[i + k].sentence) == i + k and (
                    words[k].lower() in starters or words[k].lower() in verbs):
                k += 1
            if k < len(words):
                mention = _name_mention(text, toks, i + k, j, words[k:], orgs, roles)
                if mention is not None:
                    mentions.append(mention)
            i = j
            continue
        if _AGE_NOUN_RE.fullmatch(low) and i >= 1 and toks[i - 1].text.lower() in _DETERMINERS \
                and not (i + 1 < n and toks[i + 1].text.lower() in roles):
            # "the 61-year-old said": an age used as a noun names a person
            det = toks[i - 1]
            mentions.append(Mention(det.start, tok.end, text[det.start:tok.end], "description",
                                    i - 1, i + 1, tok.sentence, category=PERSON,
                                    role="person",
                                    definite=det.text.lower() not in _INDEFINITE))
            i += 1
            continue
        if tok.kind == "word" and low in roles and tok.text.islower():
            mention = _description(text, toks, i, roles, verbs)
            if mention is not None:
                # a description built on a possessor name replaces that name mention
                while mentions and mentions[-1].first >= mention.first:
                    mentions.pop()
                mentions.append(mention)
                i = mention.last
                continue
        i += 1
    return mentions


def _run_end(text: str, toks: list[Token], i: int) -> int:
    """End (exclusive) of the run of capitalised tokens starting at ``i``."""
    j = i + 1
    n = len(toks)
    while j < n:
        prev, tok = toks[j - 1], toks[j]
        gap = text[prev.end:tok.start]
        if gap not in ("", " "):
            break
        if gap == "" and tok.text == "." and len(prev.text) == 1 and prev.text.isupper():
            j += 1  # an initial: "E."
            continue
        if gap == "" and not (prev.text == "." or tok.text.startswith("-")):
            break
        if _is_cap(tok):
            j += 1
            continue
        if tok.text.lower() in _PARTICLES and j + 1 < n and _is_cap(toks[j + 1]):
            j += 1
            continue
        if tok.text == "of" and j + 1 < n and _is_cap(toks[j + 1]) and (
                prev.text in word_list("org_words.txt") or
                tuple(t.text for t in toks[i:j]) in _title_prefixes_before_of()):
            j += 1  # "Bank of England", "Secretary of State Linda Gray"
            continue
        break
    # do not end a name on a dangling initial's period
    return j


def _name_mention(text: str, toks: list[Token], i: int, j: int, words: list[str],
                  orgs: frozenset[str], roles: dict[str, str]) -> Mention | None:
    title = None
    name_from = i
    lead = i
    for k in range(len(words)):
        length = _match_title(words, k)
        if length:
            title_end = k + length
            if title_end < len(words) and words[title_end] != ".":
                title = " ".join(words[:title_end]).replace(" .", ".")
                name_from = i + title_end
            else:  # a bare title: a description such as "the President"
                return _bare_title(toks, i, j, words)
            break
    else:
        # a lower-case title just before the run: "supreme leader Ali Khamenei"
        if i >= 1 and toks[i - 1].text.islower() and \
                roles.get(toks[i - 1].text.lower(), "x") not in ("x", "o", "p"):
            title = toks[i - 1].text
            lead = i - 1
    name_toks = toks[name_from:j]
    if not name_toks:
        return None
    start, end = name_toks[0].start, name_toks[-1].end
    name = text[start:end]
    if any(w in orgs for w in (t.text for t in name_toks)):
        category = ORG
    elif title is not None:
        category = PERSON
    elif len(name_toks) == 1 and (len(name) < 2 or name.isupper()):
        category = ORG if len(name) > 1 else OTHER
    else:
        category = OTHER
    gender = ""
    if title:
        first_title_word = title.split()[0].rstrip(".").lower()
        gender = {"mr": "m", "mrs": "f", "ms": "f", "king": "m", "queen": "f",
                  "prince": "m", "princess": "f", "ayatollah": "m", "pope": "m",
                  "sheikh": "m"}.get(first_title_word, "")
    return Mention(start, end, name, "name", name_from, j, name_toks[0].sentence, title=title,
                   category=category, gender=gender, lead=lead)


def _bare_title(toks: list[Token], i: int, j: int, words: list[str]) -> Mention | None:
    first = i
    if i >= 1 and toks[i - 1].text.lower() in _DETERMINERS:
        first = i - 1
    role = words[-1].lower()
    return Mention(toks[first].start, toks[j - 1].end,
                   "".join(_join(toks[first:j])), "description", first, j, toks[i].sentence,
                   category=PERSON, role=role,
                   definite=toks[first].text.lower() not in _INDEFINITE)


def _join(toks: list[Token]) -> list[str]:
    out = []
    for a, b in itertools.pairwise(toks):
        out.append(a.text + (" " if b.start > a.end else ""))
    out.append(toks[-1].text)
    return out


def _description(text: str, toks: list[Token], i: int, roles: dict[str, str],
                 verbs: dict[str, str]) -> Mention | None:
    """A description headed by the role noun at token ``i``."""
    first = i
    k = i - 1
    modifiers = 0
    definite = True
    while k >= 0 and toks[k].sentence == toks[i].sentence:
        t = toks[k]
        low = t.text.lower()
        if t.kind == "clitic" and low.endswith("s") and k >= 1:
            first = k - 1  # possessor: "Iran’s", "the central bank’s"
            if _is_cap(toks[k - 1]):
                break
            k -= 2
            continue
        if low in _DETERMINERS:
            first = k
            definite = low not in _INDEFINITE
            break
        if t.text.islower() and k >= 1 and _is_cap(toks[k - 1]) and \
                toks[k - 1].text.lower() not in _DETERMINERS:
            break  # "Manchester United sacked manager …": a name, then its verb
        if t.kind == "word" and (t.text.islower() or _is_cap(t)) and modifiers < 4 \
                and (low not in verbs or (k >= 1 and toks[k - 1].text.lower() in _DETERMINERS)) \
                and low not in PRONOUNS:  # "the state attorney general’s office"
            modifiers += 1
            first = k
            k -= 1
            continue
        break
    if first == i and toks[i].text.lower() not in roles:
        return None
    if first == i and roles.get(toks[i].text.lower()) != "p":
        return None  # a bare singular role noun ("leader") is not a speaker mention
    # a compound whose head is a later role noun: "a police report", "the union leader"
    while i + 1 < len(toks) and toks[i + 1].sentence == toks[i].sentence and \
            toks[i + 1].kind == "word" and toks[i + 1].text.islower() and \
            toks[i + 1].text in roles:
        i += 1
    last = i + 1
    # "a spokesman for the department": keep the attachment of indefinite descriptions
    if last + 1 < len(toks) and toks[last].text in ("for", "of", "at", "with") \
            and toks[last].sentence == toks[i].sentence:
        m = last + 1
        while m < len(toks) and m - last <= 4 and toks[m].sentence == toks[i].sentence and \
                toks[m].kind in ("word", "abbreviation") and toks[m].text.lower() not in verbs:
            m += 1
        if m > last + 1 and toks[m - 1].text.lower() not in _DETERMINERS:
            last = m
    start, end = toks[first].start, toks[last - 1].end
    gender = roles.get(toks[i].text.lower(), "")
    category = {"p": OTHER, "o": ORG, "d": OTHER}.get(gender, PERSON)
    gender = {"o": "p", "d": ""}.get(gender, gender)
    return Mention(start, end, text[start:end], "description", first, last, toks[i].sentence,
                   category=category, gender=gender,
                   role=toks[i].text.lower(), definite=definite)
