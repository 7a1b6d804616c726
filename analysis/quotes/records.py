"""The records the quote engine returns: :class:`Quote` and :class:`Speaker`, and the
:class:`Draft` of a quote while the rules and models are still finding it.

Examples
--------
>>> Draft(0, 5, "direct", None, None, True, "marks", None).kind
'direct'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from analysis.quotes.mentions import Mention

__all__ = ["Draft", "Quote", "Speaker"]


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or a piece of reported speech.

    ``text == doc_text[start:end]``.  ``kind`` is ``direct``, ``partial`` or
    ``indirect``.  ``speaker`` is the canonical name (or the description when the
    speaker is never named), ``speaker_start``/``speaker_end`` the mention that
    attributes the quote, ``cue`` the reporting verb, ``sentences`` the indices of the
    sentences the quote touches, ``medium`` the medium named in the attribution
    (``on X``), ``closed`` False for a quotation closed at a paragraph end by policy.
    ``rule`` names what found the content (``marks`` for quotation marks paired, a
    rule such as ``that_clause``, or ``tagger`` for the learned tagger) and
    ``speaker_rule`` what chose the speaker (a rule such as ``cue_after`` or
    ``inherit_previous``, or ``ranker`` for the learned ranker); the rules are listed
    in :mod:`analysis.quotes.rules`.  ``speaker_category`` is the category of the
    speaker's entity: ``person``, ``org`` or ``other`` (a group, or no evidence).
    ``cue_class`` is the class of the cue (:mod:`analysis.quotes.cues`: ``speech``,
    ``belief``, ``intention``, ``other``; a quotation without a cue is ``speech``, a
    report without one ``other``).  ``p_quote`` is the calibrated probability that the
    quote is an attribution of its kind, ``p_speaker`` that its speaker is right (None
    where no model gave one).
    """

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    sentences: tuple[int, ...]
    medium: str | None = None
    closed: bool = True
    rule: str = "marks"
    speaker_rule: str | None = None
    speaker_category: str | None = None
    cue_class: str | None = None
    p_quote: float | None = None
    p_speaker: float | None = None



@dataclass(frozen=True, slots=True)
class Speaker:
    """An entity that is quoted: canonical name, the other ways it is mentioned, its
    category (``person``, ``org`` or ``other``), counts."""

    name: str
    aliases: tuple[str, ...]
    category: str
    n_quotes: int



@dataclass
class Draft:
    """A quote while it is being found: span, kind, speaker mention, cue token, the
    names of the rules (or models) that found the content, the speaker and the kind,
    and the ``evidence`` the models gave (their probabilities, for
    :mod:`analysis.quotes.confidence`)."""

    start: int
    end: int
    kind: str
    mention: Mention | None
    cue: int | None
    closed: bool
    rule: str
    speaker_rule: str | None
    kind_rule: str | None = None
    evidence: dict[str, Any] = field(default_factory=dict)

