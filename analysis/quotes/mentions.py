"""Finding people (and other speakers) mentioned in an article, without a parser.

Heuristics, each with its known failure modes:

Names
    Runs of capitalised tokens (with name particles such as ``al``, ``bin``, ``de``,
    ``van``, ``data/quotes/name_particles.txt``, and initials such as ``E.``).  A word
    capitalised only because it opens a sentence (or a quotation) is not a name
    (``Finally``, ``Authored``, ``Besides Lahav``, ``Local shop owner Priya Nair``): a
    function word (``data/not_names.txt``) never is, and any other word is judged by
    evidence (:mod:`analysis.quotes.casing`) -- how the article writes it
    mid-sentence, else how often news writes it in lower case.  Weekday and month names
    are never names of speakers.  *Fails* on lower-case names (``bell hooks``) and
    merges adjacent names not separated by punctuation.
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
    A role noun of ``data/role_nouns.txt`` with its determiner or possessor and a few
    modifiers (``Iran’s supreme leader``, ``a spokesman for the department``,
    ``senior officials``); never across a preposition or conjunction.  An unlisted
    noun heads a description when the text shows it speaking (``the winger said``,
    ``said the federation``); its class (person, group, organisation, document) then
    comes from its ending (``data/quotes/role_suffixes.tsv``).  A description right
    before a name is the name's title (``Local shop owner Priya Nair``).
Pronouns
    Subject pronouns *he*, *she*, *they*, *it* (``data/quotes/pronouns.tsv``); gender
    comes from the pronoun.

Examples
--------
>>> from analysis.text import tokenise
>>> text = "US President Donald Trump met Iran’s supreme leader. He left."
>>> sents, toks = tokenise(text)
>>> [(m.text, m.kind, m.title) for m in find_mentions(text, sents, toks)]
[('Donald Trump', 'name', 'US President'), ('Iran’s supreme leader', 'description', None), ('He', 'pronoun', None)]
"""

from __future__ import annotations

import itertools
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from analysis.quotes.casing import case_counts, document_case, lower_share
from analysis.quotes.lexicon import tag_of, tagged
from analysis.resources import word_list, word_map
from analysis.text import Sentence, TextDoc, Token

__all__ = ["ORG", "OTHER", "PERSON", "DocColumns", "Mention", "doc_columns", "find_mentions", "initial_positions", "pronouns",
           "titles"]

PERSON, ORG, OTHER = "person", "org", "other"
_CLASSES = "quotes/closed_classes.tsv"

#: A capitalised word that opens a sentence is not a name when at least this share of
#: its mid-sentence occurrences in news are in lower case (``data/quotes/casing.tsv``).
NAME_LOWER_SHARE = 0.5
#: Most modifiers (adjectives, nouns) a description takes before its role noun:
#: "the state attorney general’s office".
MAX_MODIFIERS = 4
#: Most possessors chained before a role noun: "the party’s Senate leader’s spokesman".
MAX_POSSESSORS = 3
#: Most tokens of an attachment after a role noun: "a spokesman for the department".
MAX_ATTACHMENT = 4
_AGE_NOUN_RE = re.compile(r"\d{1,3}-year-old")


@cache
def pronouns() -> dict[str, str]:
    """Speaker pronouns and the gender or number they carry (``data/quotes/pronouns.tsv``):
    m, f, p (plural: a group or an organisation) and n (*it*: an organisation).

    Examples
    --------
    >>> pronouns()["they"]
    'p'
    """
    return word_map("quotes/pronouns.tsv")


@cache
def _determiners() -> frozenset[str]:
    return (tagged(_CLASSES, "article") | tagged(_CLASSES, "possessive")
            | tagged(_CLASSES, "demonstrative") | tagged(_CLASSES, "quantifier")
            | tagged(_CLASSES, "numeral"))


@cache
def _indefinite() -> frozenset[str]:
    return tagged(_CLASSES, "indefinite")


@cache
def _phrase_breaks() -> frozenset[str]:
    """Words a description never runs across: prepositions, conjunctions, relatives,
    auxiliaries ("a judge | in | Spanish court", "jobs | and | officials")."""
    return (tagged(_CLASSES, "preposition") | tagged(_CLASSES, "coordinator")
            | tagged(_CLASSES, "relative") | tagged(_CLASSES, "auxiliary"))


@cache
def _never_speakers() -> frozenset[str]:
    """Calendar names: capitalised, but never someone who speaks ("said Tuesday")."""
    return tagged("quotes/time_words.tsv", "day") | tagged("quotes/time_words.tsv", "month")


@cache
def _suffixes() -> tuple[tuple[str, str], ...]:
    """Noun endings and their role class, longest first (``data/quotes/role_suffixes.tsv``)."""
    table = word_map("quotes/role_suffixes.tsv")
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


def _suffix_class(noun: str) -> str | None:
    """The role class an unlisted noun's ending gives: '' (person), m, f, p, o or d
    (``None`` for an ending that tells nothing).

    Examples
    --------
    >>> _suffix_class("winger"), _suffix_class("federation"), _suffix_class("wingers")
    ('', 'o', 'p')
    """
    for ending, cls in _suffixes():
        if noun.endswith(ending) and len(noun) > len(ending) + 2:
            return cls
    if noun.endswith("s") and not noun.endswith("ss"):
        single = _suffix_class(noun[:-1])
        if single is not None:
            return "p"
    return None


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


_CAP_KINDS = frozenset({"word", "abbreviation"})


def _is_cap(tok: Token) -> bool:
    return tok.kind in _CAP_KINDS and tok.text[:1].isupper()


def _caps(toks: list[Token]) -> list[bool]:
    """:func:`_is_cap` of every token."""
    kinds = _CAP_KINDS
    return [t.kind in kinds and t.text[:1].isupper() for t in toks]


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


def initial_positions(toks: list[Token]) -> list[bool]:
    """Tokens capitalised by position: the first word of a sentence (after any opening
    marks) and the first word after an opening quotation mark, a colon or a dash."""
    out = [False] * len(toks)
    opening = True
    for k, tok in enumerate(toks):
        if k and tok.sentence != toks[k - 1].sentence:
            opening = True
        if tok.kind in ("quote", "punct"):
            opening = opening or tok.text in (":", "—", "–", "(") or tok.kind == "quote"
            continue
        out[k] = opening
        opening = False
    return out


@dataclass(frozen=True, eq=False)
class DocColumns:
    """What several steps read of a document's tokens, made once per document.

    Attributes
    ----------
    kinds, texts, sents : list
        Every token's kind, text and sentence index.
    lowered : list of str
        Every token's text in lower case (``str.lower``, not folded).
    caps : list of bool
        Whether each token is a capitalised word or abbreviation (:func:`_caps`).
    initial : list of bool
        :func:`initial_positions` of the tokens.
    case : dict
        :func:`analysis.quotes.casing.document_case` of the tokens.
    case_all : dict
        The same counts with headlines counted too.
    """

    kinds: list[str]
    texts: list[str]
    sents: list[int]
    lowered: list[str]
    caps: list[bool]
    initial: list[bool]
    case: dict[str, tuple[int, int]]
    case_all: dict[str, tuple[int, int]]


_COLUMNS: weakref.WeakKeyDictionary[TextDoc, DocColumns] = weakref.WeakKeyDictionary()


def doc_columns(doc: TextDoc) -> DocColumns:
    """The :class:`DocColumns` of ``doc``, kept as long as the document lives."""
    found = _COLUMNS.get(doc)
    if found is None:
        toks = doc.tokens
        kinds = [t.kind for t in toks]
        texts = [t.text for t in toks]
        sents = [t.sentence for t in toks]
        case, case_all = case_counts(kinds, texts, sents, doc.folded)
        found = _COLUMNS[doc] = DocColumns(kinds, texts, sents, _lowered(texts),
                                           _caps(toks), initial_positions(toks), case,
                                           case_all)
    return found


def _lowered(texts: Sequence[str]) -> list[str]:
    """Every text in lower case; a text already in lower case is kept as it is (the same
    string object, not a copy: a long document's columns stay small)."""
    out = []
    for text in texts:
        low = text.lower()
        out.append(text if low == text else low)
    return out


def _function_word(word: str) -> bool:
    """A function word (``data/not_names.txt``) or a reporting verb: never a name."""
    low = word.lower()
    return low in word_list("not_names.txt") or low in word_map("reporting_verbs.txt")


def _inner_runs(text: str, toks: list[Token], initial: list[bool],
                caps: list[bool] | None = None) -> frozenset[str]:
    """Runs of two or more capitalised words that stand mid-sentence somewhere in the
    article: such a run at a sentence start is a name as a whole ("Energy UK")."""
    if caps is None:
        caps = _caps(toks)
    out = set()
    k = 0
    n = len(toks)
    while k < n:
        if caps[k]:
            j = _run_end(text, toks, k, caps)
            if j - k > 1 and not initial[k]:
                out.add(" ".join(t.text for t in toks[k:j]))
            k = j
        else:
            k += 1
    return frozenset(out)


def _thing_follows(toks: list[Token], j: int) -> bool:
    """", which …" after a run: it names an organisation or a thing, as a whole."""
    return j + 1 < len(toks) and toks[j].text == "," and \
        toks[j + 1].text.lower() in tagged(_CLASSES, "nonpersonal")


def _ordinary_word(word: str, case: dict[str, tuple[int, int]]) -> bool:
    """A capitalised word in a capitalising position is an ordinary word, not a name: a
    function word or reporting verb, or a word the article writes in lower case
    mid-sentence at least as often as capitalised; with no such evidence in the
    article, a word that news writes in lower case mid-sentence most of the time."""
    if len(word) > 1 and word.isupper():
        return False  # an acronym ("US", "NATO") is capitalised wherever it stands
    if _function_word(word):
        return True
    low = word.lower().replace("’", "'")
    lower, upper = case.get(low, (0, 0))
    if lower or upper:
        return lower >= upper
    share = lower_share(low)
    return share is not None and share >= NAME_LOWER_SHARE


def _speaking_nouns(toks: list[Token], roles: dict[str, str],
                    verbs: dict[str, str], lows: list[str] | None = None) -> dict[int, str]:
    """Unlisted lower-case nouns that the text shows speaking, with the role class of
    their ending: a determiner and the noun right before a reporting verb ("the winger
    said") or right after one at the end of the clause ("said the federation.", not
    "said the absentee program is")."""
    dets = tagged(_CLASSES, "article") | tagged(_CLASSES, "possessive")
    if lows is None:
        lows = [t.text.lower() for t in toks]
    out: dict[int, str] = {}
    for k in _near_verbs(lows, verbs):
        tok = toks[k]
        low = lows[k]
        if tok.kind != "word" or low in roles or low in verbs or not tok.text.islower():
            continue
        before = k >= 2 and lows[k - 2] in verbs and lows[k - 1] in dets and (
            k + 1 == len(toks) or toks[k + 1].kind == "punct")  # "…,” said the winger."
        after = k + 1 < len(toks) and lows[k + 1] in verbs and \
            toks[k + 1].sentence == tok.sentence and \
            (lows[k - 1] in dets or toks[k - 1].kind == "clitic")
        if before or after:
            cls = _suffix_class(low)
            out[k] = "u" if cls is None else cls  # "the host said": some speaker
    return out


def _near_verbs(lows: Sequence[str], verbs: dict[str, str]) -> list[int]:
    """The tokens right before a reporting verb or two after one, in order (from 1): the
    only places :func:`_speaking_nouns` can find a speaking noun."""
    near: set[int] = set()
    n = len(lows)
    for k, low in enumerate(lows):
        if low in verbs:
            near.add(k - 1)
            near.add(k + 2)
    return sorted(k for k in near if 1 <= k < n)


def find_mentions(text: str, sents: list[Sentence], toks: list[Token], *,
                  columns: DocColumns | None = None) -> list[Mention]:
    """Name, description and pronoun mentions in text order (see module docs);
    ``columns``: the tokens' :func:`doc_columns`, when made already.

    Examples
    --------
    >>> from analysis.text import tokenise
    >>> t = "Aragchi, a spokesman for the ministry, said so."
    >>> [m.text for m in find_mentions(t, *tokenise(t))]
    ['Aragchi', 'a spokesman for the ministry']
    >>> t = "Finally, local shop owner Priya Nair left. “Bad,” said the winger."
    >>> [(m.text, m.title) for m in find_mentions(t, *tokenise(t))]
    [('Priya Nair', 'local shop owner'), ('the winger', None)]
    """
    orgs = word_list("org_words.txt")
    roles = word_map("role_nouns.txt")
    verbs = word_map("reporting_verbs.txt")
    lows = columns.lowered if columns is not None else [t.text.lower() for t in toks]
    caps = columns.caps if columns is not None else _caps(toks)
    speaking = _speaking_nouns(toks, roles, verbs, lows)
    if speaking:
        roles = {**roles, **{lows[k]: cls for k, cls in speaking.items()}}
    pron = pronouns()
    initial = columns.initial if columns is not None else initial_positions(toks)
    case = columns.case if columns is not None else document_case(toks)
    inner_runs = _inner_runs(text, toks, initial, caps)
    never = _never_speakers()
    plain: set[int] = set()  # capitalised tokens found not to be names
    mentions: list[Mention] = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        low = lows[i]
        if low in pron and tok.kind == "word":
            mentions.append(Mention(tok.start, tok.end, tok.text, "pronoun", i, i + 1,
                                    tok.sentence,
                                    category={"p": OTHER, "n": ORG, "s": PERSON}.get(
                                        pron[low], PERSON),
                                    gender=pron[low]))
            i += 1
            continue
        if caps[i] and initial[i] and low in roles \
                and roles[low] in ("p", "") and (i + 1 >= n or not caps[i + 1]):
            # a sentence-initial role noun: "Officials at the ministry said", "Police said"
            mention = _description(text, toks, i, roles, verbs, plain)
            if mention is not None:
                mentions.append(mention)
                i = mention.last
                continue
        if caps[i]:
            j = _run_end(text, toks, i, caps)
            words = [t.text for t in toks[i:j]]
            # drop words capitalised only by their position ("Finally", "Besides Lahav"),
            # never a title ("Senator Jane Park") or a word of an organisation's name
            # ("Amnesty International"; "Energy UK, which ..."; a run the article also
            # writes mid-sentence)
            k = 0
            org_name = len(words) > 1 and (words[-1] in orgs or " ".join(words) in inner_runs
                                           or _thing_follows(toks, j))
            while k < len(words) and initial[i + k] and (
                    _function_word(words[k]) or (not org_name and not _match_title(words, k)
                    and _ordinary_word(words[k], case))):
                plain.add(i + k)
                k += 1
            while k < len(words) and not caps[i + k]:
                k += 1  # a run never starts on a particle: "(Secretary) of State"
            if k < len(words) and not all(w.lower() in never for w in words[k:]):
                mention = _name_mention(text, toks, i + k, j, words[k:], orgs, roles)
                if mention is not None:
                    mentions.append(_with_title_description(mentions, mention, text, toks))
            i = j
            continue
        if low.endswith("-year-old") and _AGE_NOUN_RE.fullmatch(low) and i >= 1 and \
                toks[i - 1].text.lower() in _determiners() \
                and not (i + 1 < n and toks[i + 1].text.lower() in roles):
            # "the 61-year-old said": an age used as a noun names a person
            det = toks[i - 1]
            mentions.append(Mention(det.start, tok.end, text[det.start:tok.end], "description",
                                    i - 1, i + 1, tok.sentence, category=PERSON,
                                    role="person",
                                    definite=det.text.lower() not in _indefinite()))
            i += 1
            continue
        if tok.kind == "word" and low in roles and tok.text.islower():
            mention = _description(text, toks, i, roles, verbs, plain)
            if mention is not None:
                # a description built on a possessor name replaces that name mention
                while mentions and mentions[-1].first >= mention.first:
                    mentions.pop()
                mentions.append(mention)
                i = mention.last
                continue
        i += 1
    return mentions


def _with_title_description(mentions: list[Mention], name: Mention, text: str,
                            toks: list[Token]) -> Mention:
    """A name whose lower-case title ends a description just found ("Local shop owner
    Priya Nair", "the party’s nominee Donald Trump") takes the description as its title:
    the description is dropped and the name leads from its first token."""
    if name.lead != name.first - 1 or not mentions:
        return name
    desc = mentions[-1]
    if desc.kind != "description" or desc.last != name.first:
        return name
    mentions.pop()
    title = text[toks[desc.first].start:toks[desc.last - 1].end]
    return Mention(name.start, name.end, name.text, name.kind, name.first, name.last,
                   name.sentence, title=title, category=name.category, lead=desc.first,
                   gender=name.gender, role=name.role, definite=name.definite)


def _run_end(text: str, toks: list[Token], i: int, caps: list[bool]) -> int:
    """End (exclusive) of the run of capitalised tokens starting at ``i`` (``caps``:
    :func:`_caps` of the tokens)."""
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
        if caps[j]:
            j += 1
            continue
        if tok.text.lower() in word_list("quotes/name_particles.txt") and j + 1 < n and \
                caps[j + 1]:
            j += 1
            continue
        if tok.text == "of" and j + 1 < n and caps[j + 1] and (
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
        gender = tag_of("quotes/title_gender.tsv", first_title_word) or ""
    return Mention(start, end, name, "name", name_from, j, name_toks[0].sentence, title=title,
                   category=category, gender=gender, lead=lead)


def _bare_title(toks: list[Token], i: int, j: int, words: list[str]) -> Mention | None:
    first = i
    if i >= 1 and toks[i - 1].text.lower() in _determiners():
        first = i - 1
    role = words[-1].lower()
    return Mention(toks[first].start, toks[j - 1].end,
                   "".join(_join(toks[first:j])), "description", first, j, toks[i].sentence,
                   category=PERSON, role=role,
                   definite=toks[first].text.lower() not in _indefinite())


def _join(toks: list[Token]) -> list[str]:
    out = []
    for a, b in itertools.pairwise(toks):
        out.append(a.text + (" " if b.start > a.end else ""))
    out.append(toks[-1].text)
    return out


def _description(text: str, toks: list[Token], i: int, roles: dict[str, str],
                 verbs: dict[str, str], plain: set[int] = frozenset()) -> Mention | None:
    """A description headed by the role noun at token ``i`` (``plain``: capitalised
    tokens known not to be names, which may be modifiers: "Local shop owner")."""
    first = i
    k = i - 1
    modifiers = possessors = 0
    definite = True
    dets, breaks, pron = _determiners(), _phrase_breaks(), pronouns()
    while k >= 0 and toks[k].sentence == toks[i].sentence:
        t = toks[k]
        low = t.text.lower()
        if t.kind == "clitic" and low.endswith("s") and k >= 1 and possessors < MAX_POSSESSORS:
            first = k - 1  # possessor: "Iran’s", "the central bank’s"
            possessors += 1
            if _is_cap(toks[k - 1]):
                break
            k -= 2
            continue
        if low in dets:
            first = k
            definite = low not in _indefinite()
            break
        if t.text.islower() and k >= 1 and _is_cap(toks[k - 1]) and k - 1 not in plain and \
                toks[k - 1].text.lower() not in dets:
            break  # "Manchester United sacked manager …": a name, then its verb
        if t.kind == "word" and (t.text.islower() or _is_cap(t)) and modifiers < MAX_MODIFIERS \
                and (low not in verbs or (k >= 1 and toks[k - 1].text.lower() in dets)) \
                and low not in pron and low not in breaks:  # "the state attorney general’s office"
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
    # "a spokesman for the department", "a judge in Spanish court": keep the attachment
    attaching = tagged(_CLASSES, "attaching") if definite else \
        tagged(_CLASSES, "attaching") | tagged(_CLASSES, "attaching_indefinite")
    if last + 1 < len(toks) and toks[last].text in attaching \
            and toks[last].sentence == toks[i].sentence:
        m = last + 1
        while m < len(toks) and m - last <= MAX_ATTACHMENT and \
                toks[m].sentence == toks[i].sentence and \
                toks[m].kind in ("word", "abbreviation") and toks[m].text.lower() not in verbs:
            m += 1
        if m > last + 1 and toks[m - 1].text.lower() not in dets:
            last = m
    start, end = toks[first].start, toks[last - 1].end
    gender = roles.get(toks[i].text.lower(), "")
    category = {"p": OTHER, "o": ORG, "d": OTHER, "u": OTHER}.get(gender, PERSON)
    gender = {"o": "p", "d": "", "u": ""}.get(gender, gender)
    return Mention(start, end, text[start:end], "description", first, last, toks[i].sentence,
                   category=category, gender=gender,
                   role=toks[i].text.lower(), definite=definite)
