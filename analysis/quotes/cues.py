"""Classes of attribution cues, and the evidence a reported clause needs to be speech.

A researcher asking *who is quoted* means speech: quotations, and clauses reported by a
verb or phrase of communication (``said``, ``told``, ``according to``, a colon after a
source).  PolNeAR's attribution scheme (what the tagger learned) also counts beliefs
(``he thinks``), intentions (``she wants to``) and the objects of verbs (``asked about
the plan``).  Every quote therefore carries the class of its cue,
``data/quotes/cue_classes.txt``:

``speech``
    verbal or written communication (say, tell, according to, tweet, a colon);
``belief``
    belief, knowledge, perception and evidence (think, know, see, show);
``intention``
    intention, desire and support (want, plan, hope, refuse);
``other``
    anything else (a word the lexicon does not list).

Two schemes (:data:`SCHEMES`) select what the engine reports: ``speech`` (the default:
every quotation, and indirect speech — a speech cue and a clause as content) and
``all`` (PolNeAR's: every attribution the engine finds, each with its class).

Examples
--------
>>> [cue_class(c) for c in ["has said", "According to", "thinks", "wants", "hoisted", ":"]]
['speech', 'speech', 'belief', 'intention', 'other', 'speech']
>>> is_clause_content(["the", "talks", "had", "failed"]), is_clause_content(["to", "resign"])
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from analysis.resources import word_list, word_map

__all__ = ["CUE_CLASSES", "SCHEMES", "cue_class", "is_clause_content"]

#: The classes a cue may have.
CUE_CLASSES = ("speech", "belief", "intention", "other")
#: Attribution schemes: what :func:`analysis.quotes.analyse_quotes` reports.
SCHEMES = {
    "speech": "quotations, and indirect speech: a clause reported by a speech cue",
    "all": "every attribution found (PolNeAR's scheme: speech, beliefs, intentions), "
           "each with its cue class",
}
_CUE_WORD_RE = re.compile(r"[a-z][a-z'\-]*|:")


@cache
def _classes() -> dict[str, str]:
    return word_map("quotes/cue_classes.txt")


def cue_class(cue: str) -> str:
    """``speech``, ``belief``, ``intention`` or ``other``: the class of a cue's first
    listed word (``data/quotes/cue_classes.txt``); a cue with no listed word but a colon
    (``Her advice:``) is ``speech``."""
    classes = _classes()
    words = _CUE_WORD_RE.findall(cue.casefold().replace("’", "'"))
    for word in words:
        found = classes.get(word)
        if found:
            return found
    return "speech" if ":" in words else "other"


@cache
def _object_starts() -> frozenset[str]:
    """Words that open an object or a complement, not a reported clause
    (``data/quotes/object_starts.txt``: ``asked about the plan``, ``pledged to resign``)."""
    return word_list("quotes/object_starts.txt")


def is_clause_content(words: Sequence[str]) -> bool:
    """Whether a reported content (its words, lower case) reads as a clause: it does
    not open with a preposition or an infinitive ``to`` (``agreed to key changes``,
    ``warned of delays``, ``pledged to resign`` report no speech)."""
    return bool(words) and words[0] not in _object_starts()
