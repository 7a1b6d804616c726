"""The registry of the quote rules: every rule's name, what it does, and the texts that
show it working (examples) and holding back (counterexamples).

The rules themselves are functions of :mod:`analysis.quotes.extract`; each records its
name on what it produces (``Quote.rule``, ``Quote.speaker_rule``, the kind rule of each
quotation) or, when it drops a span, in the document's trace.  This module names them
once, says what each is for, and keeps the short texts -- written for this project --
that the test suite runs through the rules (``tests/test_rules.py``): an example must
make the rule fire on the given span with the given speaker and kind; a counterexample
must not make it fire there.

Steps: ``content`` (what is quoted or reported), ``speaker`` (who says it), ``kind``
(direct or partial), ``filter`` (a span that is not reported, or a stretch whose
mentions are not speakers).  :func:`trace` shows every rule that acted on a text.

Examples
--------
>>> rule("cue_after").description
'a reporting verb after the quotation, in its sentence, and the mention next to it'
>>> [(f.rule, f.text) for f in trace("The film “Star Wars” opened.")]
[('partial', '“Star Wars”'), ('scare_quote', '“Star Wars”')]
>>> check("cue_after", rule("cue_after").examples[0])
[]
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["MODELS", "RULES", "Case", "Firing", "Rule", "check", "known", "rule", "trace"]

#: Names recorded by the learned parts of the engine (not rules): ``tagger`` for a content
#: the CRF tagger found, ``ranker`` for a speaker the ranker chose; ``marks+tagger`` and
#: ``tagger+that_clause`` join a rule and a model that found the same content.
MODELS = frozenset({"tagger", "ranker"})
STEPS = ("content", "speaker", "kind", "filter")


@dataclass(frozen=True)
class Case:
    """A short text and the span in it that a rule must (or must not) act on.

    ``quote`` is the text of the span (its first occurrence; ``None``: anywhere in the
    text); for an example, ``speaker`` and ``kind`` are what the reported quote must
    have (``kind="none"``: nothing may be reported on that span).
    """

    text: str
    quote: str | None = None
    speaker: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Rule:
    """A named rule: its steps, a one-line description, examples and counterexamples."""

    name: str
    steps: tuple[str, ...]
    description: str
    examples: tuple[Case, ...]
    counterexamples: tuple[Case, ...] = ()

    def __post_init__(self) -> None:
        bad = [s for s in self.steps if s not in STEPS]
        if bad or not self.steps:
            raise ValueError(f"rule {self.name!r}: steps {self.steps!r} must be among {STEPS}")
        if not self.examples:
            raise ValueError(f"rule {self.name!r} has no example; give at least one text "
                             f"that shows it working")


RULES: dict[str, Rule] = {}


def register(r: Rule) -> Rule:
    """Add ``r`` to :data:`RULES` (names are unique)."""
    if r.name in RULES:
        raise ValueError(f"rule {r.name!r} is already registered")
    RULES[r.name] = r
    return r


def rule(name: str) -> Rule:
    """The registered rule called ``name``.

    Raises
    ------
    KeyError
        Naming the registered rules, when ``name`` is not one of them.
    """
    try:
        return RULES[name]
    except KeyError:
        raise KeyError(f"no quote rule named {name!r}; the rules are {sorted(RULES)}") from None


def known(name: str | None) -> bool:
    """Whether a recorded ``rule``/``speaker_rule`` value names registered rules or models
    (``"tagger+that_clause"`` joins two).

    Examples
    --------
    >>> known("tagger+that_clause"), known("cue_afterwards")
    (True, False)
    """
    return name is not None and all(p in RULES or p in MODELS for p in name.split("+"))


@dataclass(frozen=True)
class Firing:
    """A rule that acted on the characters ``[start, end)`` of a text."""

    rule: str
    start: int
    end: int
    text: str


def trace(text: str) -> list[Firing]:
    """Every rule that acted on ``text``, in text order: the content, speaker and kind
    rule of each quote found, and the filters that dropped a span or a stretch."""
    from analysis.quotes.document import QuoteDoc
    from analysis.quotes.extract import rule_quotes
    from analysis.quotes.resolve import resolve_speakers
    from analysis.text import build

    d = QuoteDoc(build(text))
    raw = rule_quotes(d)
    resolve_speakers(d, raw)  # speaker continuity and turns act on the drafts
    seen = set(d.fired)
    for r in raw:
        seen.update((name, r.start, r.end) for name in (r.rule, r.speaker_rule, r.kind_rule)
                    if name is not None)
    return [Firing(name, a, b, text[a:b])
            for name, a, b in sorted(seen, key=lambda f: (f[1], f[2], f[0]))]


def check(name: str, case: Case, *, counter: bool = False) -> list[str]:
    """What is wrong when ``case`` runs through the rules, as messages (empty: nothing).

    An example (``counter=False``) must make rule ``name`` fire on ``case.quote``, and
    the quote reported there must have ``case.speaker`` and ``case.kind``; a
    counterexample must not make it fire there (or anywhere, without ``quote``).
    """
    from analysis.quotes.extract import analyse_quotes_by_rules

    rule(name)
    text = case.text
    span = None
    if case.quote is not None:
        start = text.find(case.quote)
        if start < 0:
            return [f"{case.quote!r} is not in the text {text!r}; fix the case"]
        span = (start, start + len(case.quote))
    firings = trace(text)
    here = [f for f in firings if span is None or
            (f.start == span[0] and f.text.strip() == text[span[0]:span[1]].strip())]
    fired = any(f.rule == name for f in here)
    where = f"on {case.quote!r}" if span else "in the text"
    if counter:
        return [f"{name} fired {where} (counterexample): {text!r}"] if fired else []
    if not fired:
        return [f"{name} did not fire {where}; rules there: {[f.rule for f in here]}; "
                f"text: {text!r}"]
    if span is None or (case.speaker is None and case.kind is None):
        return []
    quotes = [q for q in analyse_quotes_by_rules(text)[0] if (q.start, q.end) == span]
    if case.kind == "none":
        return [f"{case.quote!r} was reported ({quotes[0].kind}); expected nothing"] \
            if quotes else []
    if not quotes:
        return [f"no quote reported on {case.quote!r}; text: {text!r}"]
    q = quotes[0]
    problems = []
    if case.speaker is not None and q.speaker != case.speaker:
        problems.append(f"{case.quote!r}: speaker {q.speaker!r} (by {q.speaker_rule}), "
                        f"expected {case.speaker!r}")
    if case.kind is not None and q.kind != case.kind:
        problems.append(f"{case.quote!r}: kind {q.kind!r}, expected {case.kind!r}")
    return problems


# --------------------------------------------------------------------------- content
register(Rule(
    "marks", ("content",),
    "a quotation is the text between paired quotation marks (analysis.quotes.spans)",
    (Case("“We will win,” Mayor Ana Ruiz said.", "“We will win,”", "Ana Ruiz", "direct"),
     Case("“We will not back down from this fight,\nwhatever it costs us,” said Maria Lopez.",
          "“We will not back down from this fight,\nwhatever it costs us,”", "Maria Lopez",
          "direct"),
     Case("``We will win,'' she said.", "``We will win,''", "she", "direct"),
     Case("''We will win,'' Mr. Lee said. ''Nobody doubts it.''", "''Nobody doubts it.''",
          "Lee", "direct"),
     Case('"It is over," said Ana Ruiz.', '"It is over,"', "Ana Ruiz", "direct")),
    (Case("The film “Star Wars” opened.", "“Star Wars”"),
     Case("In the ’90s, the town had three factories.")),
))
register(Rule(
    "reopened", ("content",),
    "an opening mark of the kind already open, after a sentence's end and before a "
    "capital, ends the open quotation after that sentence (a paragraph break lost in "
    "extraction) and opens the next",
    (Case('A spokesman said: "We have sent the papers. "Something has gone wrong," he added.',
          '"We have sent the papers.', "A spokesman", "direct"),
     Case("“The water is safe. “We tested it twice,” the mayor said.",
          "“The water is safe.", kind="direct")),
    (Case('He said: "We will go." "Next year," he added.', '"We will go."'),
     Case("She called it “a ‘so-called’ reform” on Monday.")),
))
register(Rule(
    "unclosed", ("content",),
    "a quotation whose mark never closes ends at the end of its paragraph (closed=False), "
    "unless the next paragraph opens with a mark of its kind (a quotation over paragraphs)",
    (Case("“We will fight on and on until the end, he said.\n\nThe crowd cheered.",
          "“We will fight on and on until the end, he said.", kind="direct"),),
    (Case("“We will fight on.\n“And we will win,” she said.", "“We will fight on.\n"),),
))
register(Rule(
    "that_clause", ("content", "speaker"),
    "X said (that) CLAUSE: the reported clause after a reporting verb, its subject as speaker",
    (Case("Prime Minister Anna Berg said the talks had failed.", "the talks had failed",
          "Anna Berg", "indirect"),
     Case("Berg told reporters that the government would appeal the ruling.",
          "the government would appeal the ruling", "Berg", "indirect"),
     Case("Residents told the BBC they had been without power for three days.",
          "they had been without power for three days", "Residents", "indirect"),
     Case("Local shop owner Priya Nair called the plan reckless and said she would close "
          "her store.", "she would close her store", "Priya Nair", "indirect"),
     Case("Besides Lahav, the committee said the report was wrong.", "the report was wrong",
          "the committee", "indirect"),
     Case("Finally, the minister said the talks had collapsed.", "the talks had collapsed",
          "the minister", "indirect"),
     Case("Senator Chris Murphy of Connecticut, who campaigned in his state, said she must "
          "focus on jobs.", "she must focus on jobs", "Chris Murphy", "indirect")),
    (Case("He argued the case before the court."),
     Case("The minister said goodbye to the staff.")),
))
register(Rule(
    "final_cue", ("content", "speaker"),
    "CLAUSE, X said.: a clause that ends in a comma and a reporting verb with its subject",
    (Case("The economy will shrink next year, the central bank’s governor warned.",
          "The economy will shrink next year", "the central bank’s governor", "indirect"),
     Case("The Joneses’ house was the first to flood, neighbours said.",
          "The Joneses’ house was the first to flood", "neighbours", "indirect")),
    (Case("In a televised address, the king urged calm."),
     Case("“We will not,” the minister said.")),
))
register(Rule(
    "according_to", ("content", "speaker"),
    "according to X: X is the source of the clause it frames, or of a partial quotation "
    "in its sentence; X may be a person, a group or an organisation",
    (Case("According to the Met Office, the storm will reach the coast on Friday.",
          "the storm will reach the coast on Friday", "Met Office", "indirect"),
     Case("According to police, the storm will reach the coast on Friday.",
          "the storm will reach the coast on Friday", "police", "indirect"),
     Case("The roads will stay closed until Monday, according to Dr. Lee Chan.",
          "The roads will stay closed until Monday", "Lee Chan", "indirect"),
     Case("The levy is “rushed and unworkable,” according to Packaging Europe.",
          "“rushed and unworkable,”", "Packaging Europe", "partial")),
    (Case("According to what we know, the plan failed."),),
))
register(Rule(
    "adding_that", ("content", "speaker"),
    "…, adding that CLAUSE: a participle continues the report of the same speaker",
    (Case("Minister Klaus Berger spoke. “Nobody likes it,” he said, adding that the "
          "alternative was blackouts.", "the alternative was blackouts", "Klaus Berger",
          "indirect"),
     Case("Mr Sunak's spokesman insisted the plan was 'working', adding that inflation had "
          "halved.", "inflation had halved", "Sunak's spokesman", "indirect")),
    (Case("“Nobody likes it,” he said. The alternative was blackouts."),),
))

# --------------------------------------------------------------------------- speaker
register(Rule(
    "cue_after", ("speaker",),
    "a reporting verb after the quotation, in its sentence, and the mention next to it",
    (Case("“It’s done,” said Steve Cowan, a spokesman.", "“It’s done,”", "Steve Cowan"),
     Case("“Prices will keep rising,” warned economist Laura Kim of Harbor Bank.",
          "“Prices will keep rising,”", "Laura Kim"),
     Case("“We’re proud of the team,” the club’s chairman, David Okafor, said on Twitter.",
          "“We’re proud of the team,”", "David Okafor"),
     Case("“It will not happen,” added another Senate Democrat.", "“It will not happen,”",
          "Senate Democrat"),
     Case("Captain Bruno Silva admitted the squad had let the coach down. “We have to look "
          "at ourselves,” the winger said after Saturday’s loss.",
          "“We have to look at ourselves,”", "Bruno Silva"),
     Case("Manchester United sacked manager Erik Holm on Monday. “Erik has given everything "
          "to this club,” the federation said in a statement.",
          "“Erik has given everything to this club,”", "Manchester United"),
     Case("“We tested it twice,” the host said.", "“We tested it twice,”", "the host"),
     Case("“Nobody saw it coming,” said former Gov. Bill Richardson of New Mexico.",
          "“Nobody saw it coming,”", "Bill Richardson")),
    (Case("“It is over.” The minister left the room.", "“It is over.”"),),
))
register(Rule(
    "cue_before", ("speaker",),
    "a reporting verb shortly before the quotation, in its sentence, and its subject",
    (Case("Governor Tom Reed said: “The budget is balanced.”", "“The budget is balanced.”",
          "Tom Reed"),
     Case("Aragchi, in a Friday interview, stated, ‘We will not negotiate.’",
          "‘We will not negotiate.’", "Aragchi")),
    (Case("Smith said on Monday at a crowded meeting in the town hall after a long debate "
          "about local taxes: “We are done.”", "“We are done.”"),),
))
register(Rule(
    "colon_intro", ("speaker",),
    "a quotation after a clause that ends in a colon: the subject of that clause",
    (Case("The coach put it simply: “We lost.”", "“We lost.”", "The coach"),
     Case("Smith said on Monday at a crowded meeting in the town hall after a long debate "
          "about local taxes: “We are done.”", "“We are done.”", "Smith")),
    (Case("Here is the plan: “Build more homes.”", "“Build more homes.”"),),
))
register(Rule(
    "according_to_after", ("speaker",),
    "“…,” according to X: the source named after the quotation",
    (Case("“The plan is dead,” according to Maria Santos.", "“The plan is dead,”",
          "Maria Santos"),
     Case("“Rates will rise,” according to the Met Office.", "“Rates will rise,”",
          "Met Office")),
    (Case("“The plan is dead,” Santos said, according to reports.", "“The plan is dead,”"),),
))
register(Rule(
    "partial_cue", ("speaker",),
    "a partial quotation takes the reporting verb of its sentence and that verb's subject",
    (Case("The company called the impact “pretty minimal” in a statement on Tuesday.",
          "“pretty minimal”", "The company", "partial"),
     Case("Critics described the so-called ‘reform’ as a tax rise.", "‘reform’", "Critics",
          "partial"),
     Case("McConnell said Tuesday the plan was “a disaster” for farmers.", "“a disaster”",
          "McConnell", "partial")),
    (Case("The “reform” was passed on Monday.", "“reform”"),),
))
register(Rule(
    "inherit_previous", ("speaker",),
    "a quotation that continues the one before (same paragraph, or a paragraph that opens "
    "with it) takes its speaker",
    (Case("“The water is safe,” the mayor said. “We tested it twice.”",
          "“We tested it twice.”", "the mayor"),
     Case("Chancellor Olaf Weber spoke on Monday.\n“We must invest in rail,” Weber said.\n"
          "“The roads are full.”", "“The roads are full.”", "Olaf Weber"),
     Case("Parties ''will conflate refugees with terrorism,'' Mr. Rahman said. ''This will "
          "put more pressure on governments.''",
          "''This will put more pressure on governments.''", "Rahman")),
    (Case("“We won,” the coach said.\n\nThe fans went home. “What a night.”",
          "“What a night.”"),),
))
register(Rule(
    "dialogue_turn", ("speaker",),
    "in an exchange of quotation paragraphs, one with no attribution that asks a question "
    "or answers one takes the speaker of the turn before the last (turns alternate)",
    (Case("Detective Jane Park interviewed the suspect, Tom Reed.\n\n“Where were you on "
          "Friday?” she asked.\n\n“At home,” he said.\n\n“Alone?”", "“Alone?”",
          "Jane Park", "direct"),
     Case("Senator Mary Cole questioned Lee.\n\n“Is that right?” she asked.\n\n“No,” Lee "
          "said.\n\n“Then who did?” she asked.\n\n“Nobody on my staff.”",
          "“Nobody on my staff.”", "Lee", "direct")),
    (Case("The mayor spoke. “The budget is balanced,” he said.\n\n“Schools will get "
          "more.”\n\n“Roads too.”", "“Roads too.”"),),
))
register(Rule(
    "inherit_next", ("speaker",),
    "a quotation with no attribution, followed in its paragraph by one that has it, takes "
    "that speaker",
    (Case("“Never.” “We will not give in,” said Ana Ruiz.", "“Never.”", "Ana Ruiz"),),
    (Case("“Never.” The crowd cheered. “We will not give in,” said Ana Ruiz.",
          "“Never.”"),),
))

# --------------------------------------------------------------------------- kind
register(Rule(
    "direct_sentence", ("kind",),
    "direct: the quotation opens its sentence or follows a cue, colon or 'that' (or a "
    "comma after a cue, or a comma before a capital) and ends in punctuation",
    (Case("“No excuses.” The coach left.", "“No excuses.”", kind="direct"),
     Case("“We are not going anywhere,” she said, “until the water is clean.”",
          "“until the water is clean.”", kind="direct")),
    (Case("The plan is “pretty minimal,” she said.", "“pretty minimal,”"),
     Case("House Speaker Paul Ryan says that no matter what the president does, “his word "
          "does not trump the law.”", "“his word does not trump the law.”")),
))
register(Rule(
    "direct_clause", ("kind",),
    "direct: three or more words, capitalised, after a cue, colon, comma or 'that', or "
    "opening the sentence",
    (Case("Union leader Grace Mbeki said “Our members have voted for a strike” on Friday.",
          "“Our members have voted for a strike”", kind="direct"),),
    (Case("He called the tower a “monument to greed.”", "“monument to greed.”"),),
))
register(Rule(
    "direct_unclosed", ("kind",),
    "direct: a quotation of three or more words still open at the end of its paragraph "
    "(closed there by policy)",
    (Case("The leader vowed to “fight on and on until the end\n\nThe crowd cheered.",
          "“fight on and on until the end", kind="direct"),),
    (Case("The leader vowed to “fight on” and left.", "“fight on”"),),
))
register(Rule(
    "partial", ("kind",),
    "partial: a quotation inside a sentence of the writer's (lower case, no opening clause)",
    (Case("The president called the protests “a disgrace” and left.", "“a disgrace”",
          "The president", "partial"),),
    (Case("“It’s done,” said Steve Cowan.", "“It’s done,”"),),
))

# --------------------------------------------------------------------------- filter
register(Rule(
    "title_naming", ("filter",),
    "a quotation after a naming word (titled, dubbed, known as) is a title or a name, "
    "not speech",
    (Case("The report, titled “A Nation at Risk,” was published in 1983.",
          "“A Nation at Risk,”", kind="none"),
     Case("The president’s car, known as “the Beast,” arrived.", "“the Beast,”",
          kind="none")),
    (Case("Critics described it as “a disaster” for the town.", "“a disaster”"),),
))
register(Rule(
    "title_possessor", ("filter",),
    "a quotation in title case after a possessor names a work: CNN's “State of the Union”",
    (Case("“It is overreach,” Cho told CNN's “State of the Union.”",
          "“State of the Union.”", kind="none"),),
    (Case("The minister's “final offer” was rejected by the union.", "“final offer”"),),
))
register(Rule(
    "scare_quote", ("filter",),
    "a partial quotation with no reporting verb and no 'according to' in its sentence "
    "(or a verb with no one who speaks) is a scare quote, not reported",
    (Case("The “reform” was passed on Monday.", "“reform”", kind="none"),
     Case("The so-called “experts” were wrong again.", "“experts”", kind="none")),
    (Case("Critics described the so-called ‘reform’ as a tax rise.", "‘reform’"),),
))
register(Rule(
    "dateline", ("filter",),
    "a wire dateline opening a paragraph (LONDON (Reuters) -), or a place and a colon "
    "opening the article (Tehran: …), names no speaker",
    (Case("LONDON (Reuters) - Prices will rise, the minister said.", "LONDON (Reuters) -"),
     Case("PARIS, June 3 (AFP) – The strike will go on, unions said.",
          "PARIS, June 3 (AFP) –"),
     Case("Tehran: Signaling it might reject talks, the leader declared that talks were "
          "over.", "Tehran: ")),
    (Case("London officials said the plan would go ahead."),),
))
