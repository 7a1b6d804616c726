"""The word lists of the quote rules, read from ``analysis/data`` (one list per job).

Every list is a data file with a header that says what it is for and where its entries
come from; this module only reads them.  Files of the form ``word<TAB>tag,tag`` hold
word classes (``quotes/closed_classes.tsv``): :func:`tagged` gives the words of one tag.

Examples
--------
>>> sorted(tagged("quotes/closed_classes.tsv", "article"))
['a', 'an', 'the']
>>> "told" in words("reporting_verbs.txt"), tag_of("quotes/pronouns.tsv", "she")
(True, 'f')
"""

from __future__ import annotations

from functools import cache

from analysis.resources import word_list, word_map

__all__ = ["tag_of", "tagged", "words"]


def words(name: str) -> frozenset[str]:
    """The entries of a one-word-per-line (or ``word<TAB>value``) data file."""
    return word_list(name)


@cache
def tagged(name: str, tag: str) -> frozenset[str]:
    """Words of ``name`` (lines ``word<TAB>tag,tag``) that carry ``tag``.

    Raises
    ------
    ValueError
        When no word of the file carries the tag (a misspelt tag would otherwise give
        an empty class silently), naming the tags the file has.
    """
    table = word_map(name)
    out = frozenset(w for w, tags in table.items() if tag in tags.split(","))
    if not out:
        known = sorted({t for tags in table.values() for t in tags.split(",") if t})
        raise ValueError(f"no word of {name!r} is tagged {tag!r}; its tags are {known}")
    return out


def tag_of(name: str, word: str) -> str | None:
    """The value after the tab for ``word`` in ``name`` (``None`` if it is not listed)."""
    return word_map(name).get(word)


# --------------------------------------------------------------------------- word classes of the rules
#: Sentence-final punctuation (a clause or window never runs past it).
SENTENCE_FINAL = frozenset(".!?")


CLASSES = "quotes/closed_classes.tsv"


@cache
def skippable() -> frozenset[str]:
    return word_list("quotes/skippable.txt")


@cache
def skippable_after_cue() -> frozenset[str]:
    """Skippable words after a cue, where "on"/"in" open an adjunct instead."""
    return skippable() - tagged(CLASSES, "preposition")


@cache
def noun_determiners() -> frozenset[str]:
    """Before a cue word, these make it a noun: "a statement", "this report"."""
    return (tagged(CLASSES, "article") | tagged(CLASSES, "possessive")
            | tagged(CLASSES, "demonstrative"))


@cache
def determiners() -> frozenset[str]:
    """Determiners that open a speaker description ("another", "one", "the")."""
    return (noun_determiners() | tagged(CLASSES, "quantifier")
            | tagged(CLASSES, "numeral"))


@cache
def function_words() -> frozenset[str]:
    """Words that end the search for a postposed subject: "said on Monday", "said of"."""
    return word_list("not_names.txt") | tagged(CLASSES, "preposition")


@cache
def demonstratives() -> frozenset[str]:
    return tagged(CLASSES, "demonstrative")


@cache
def subject_determiners() -> frozenset[str]:
    """What may stand between a postposed cue and its subject: "said the minister"."""
    return tagged(CLASSES, "article") | tagged(CLASSES, "possessive")


def verb_frame(frame: str) -> frozenset[str]:
    return tagged("quotes/verb_frames.tsv", frame)

