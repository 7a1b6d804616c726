"""Build tests/data/quotes_dev.json from the passages below (offsets computed here).

The passages are news-style text written for this project to cover every quotation
pattern the rules claim to handle.  They are regression tests of the named rules
(tests/quotes/test_quotes.py), not a quality estimate: the rules were developed on them.
Each entry: text, then (quote text, kind, speaker).
Run: python tests/data/make_quotes_dev.py
"""

import json
from pathlib import Path

P = [
("“We will not back down,” said Maria Lopez, the union’s president.",
 [("“We will not back down,”", "direct", "Maria Lopez")]),
("Governor Tom Reed said: “The budget is balanced.”",
 [("“The budget is balanced.”", "direct", "Tom Reed")]),
("“The water is safe,” the mayor said. “We tested it twice.”",
 [("“The water is safe,”", "direct", "the mayor"), ("“We tested it twice.”", "direct", "the mayor")]),
("Senator Jane Park criticized the plan. “It is reckless and unfunded,” she said.",
 [("“It is reckless and unfunded,”", "direct", "Jane Park")]),
("“I can’t comment on that,” said Steve Cowan, a spokesman for the department.",
 [("“I can’t comment on that,”", "direct", "Steve Cowan")]),
("The company called the impact “pretty minimal” in a statement on Tuesday.",
 [("“pretty minimal”", "partial", "The company")]),
("Prime Minister Anna Berg said the talks had failed.",
 [("the talks had failed", "indirect", "Anna Berg")]),
("Berg told reporters that the government would appeal the ruling.",
 [("the government would appeal the ruling", "indirect", "Berg")]),
("The economy will shrink next year, the central bank’s governor warned.",
 [("The economy will shrink next year", "indirect", "the central bank’s governor")]),
("According to Dr. Lee Chan, the vaccine is safe for children.",
 [("the vaccine is safe for children", "indirect", "Lee Chan")]),
("‘They aren’t listening to the farmers’ concerns,’ said Peter O’Neill, a grain farmer.",
 [("‘They aren’t listening to the farmers’ concerns,’", "direct", "Peter O’Neill")]),
("Coach Sam Miller was blunt. \"We played badly,\" he said. \"No excuses.\"",
 [("\"We played badly,\"", "direct", "Sam Miller"), ("\"No excuses.\"", "direct", "Sam Miller")]),
("The film “Gone With the Wind” returns to cinemas this week.",
 []),
("Critics described the so-called ‘reform’ as a tax rise.",
 [("‘reform’", "partial", "Critics")]),
("“This is a historic day for our city. We have waited decades,” Mayor Rosa Diaz said at the opening.",
 [("“This is a historic day for our city. We have waited decades,”", "direct", "Rosa Diaz")]),
("Chancellor Olaf Weber spoke on Monday.\n“We must invest in rail,” Weber said.\n“The roads are full.”",
 [("“We must invest in rail,”", "direct", "Olaf Weber"), ("“The roads are full.”", "direct", "Olaf Weber")]),
("In an interview with the BBC, President Lula Silva said that Brazil would host the summit.",
 [("Brazil would host the summit", "indirect", "Lula Silva")]),
("“He told me ‘no’ twice,” said Karen White, the plaintiff.",
 [("“He told me ‘no’ twice,”", "direct", "Karen White")]),
("Foreign Minister Ahmed Saleh insisted that the border would stay open.",
 [("the border would stay open", "indirect", "Ahmed Saleh")]),
("The minister, Ahmed Saleh, added: “We have no plans to close it.”",
 [("“We have no plans to close it.”", "direct", "Ahmed Saleh")]),
("Residents said the storm had destroyed dozens of homes.",
 [("the storm had destroyed dozens of homes", "indirect", "Residents")]),
("“Prices will keep rising,” warned economist Laura Kim of Harbor Bank.",
 [("“Prices will keep rising,”", "direct", "Laura Kim")]),
("“We’re proud of the team,” the club’s chairman, David Okafor, said on Twitter.",
 [("“We’re proud of the team,”", "direct", "David Okafor")]),
("Police Chief Mark Hill announced that two suspects had been arrested.",
 [("two suspects had been arrested", "indirect", "Mark Hill")]),
("Hill said the investigation was continuing. “We are following every lead,” he added.",
 [("the investigation was continuing", "indirect", "Hill"), ("“We are following every lead,”", "direct", "Hill")]),
("The report, titled “A Nation at Risk,” was published in 1983.",
 []),
("In the ’90s, the town had three factories.",
 []),
("“Our schools need teachers, not slogans,” said Ana Ruiz. “Give us the funds and we will deliver.”",
 [("“Our schools need teachers, not slogans,”", "direct", "Ana Ruiz"), ("“Give us the funds and we will deliver.”", "direct", "Ana Ruiz")]),
("Queen Sofia thanked the volunteers. “You are the heart of this country,” she said.",
 [("“You are the heart of this country,”", "direct", "Sofia")]),
("The Joneses’ house was the first to flood, neighbours said.",
 [("The Joneses’ house was the first to flood", "indirect", "neighbours")]),
("‘The deal is dead,’ said Trade Secretary Liam Fox. ‘Nobody in Brussels wants it.’",
 [("‘The deal is dead,’", "direct", "Liam Fox"), ("‘Nobody in Brussels wants it.’", "direct", "Liam Fox")]),
("Analyst Priya Nair wrote that the merger would cut costs by a fifth.",
 [("the merger would cut costs by a fifth", "indirect", "Priya Nair")]),
("“Enough is enough,” tweeted Congresswoman Ella Grant.",
 [("“Enough is enough,”", "direct", "Ella Grant")]),
("General Omar Haddad denied the claims. He said the troops had never entered the village.",
 [("the troops had never entered the village", "indirect", "Omar Haddad")]),
("“Every child deserves a safe school,” the principal, Helen Cho, told parents.",
 [("“Every child deserves a safe school,”", "direct", "Helen Cho")]),
("The senator’s office released a statement. “The senator is recovering well and thanks everyone for their support,” it said.",
 # "it" is the office: an organisation speaks through "it"
 [("“The senator is recovering well and thanks everyone for their support,”", "direct",
   "The senator’s office")]),
("“I never said that,” Ms. Ortiz replied.",
 [("“I never said that,”", "direct", "Ortiz")]),
("Dr. Alan Reyes, the hospital’s director, said the ward would reopen on Monday.",
 [("the ward would reopen on Monday", "indirect", "Alan Reyes")]),
("The president called the protests “a disgrace” and left.",
 [("“a disgrace”", "partial", "The president")]),
("“We will rebuild,” Mayor John Carter said. “Stronger than before.”\nCarter thanked the firefighters.",
 [("“We will rebuild,”", "direct", "John Carter"), ("“Stronger than before.”", "direct", "John Carter")]),
("Union leader Grace Mbeki said the strike would go ahead. “Our members have voted,” she said.",
 [("the strike would go ahead", "indirect", "Grace Mbeki"), ("“Our members have voted,”", "direct", "Grace Mbeki")]),
("“It’s a mistake,” said Paul Dubois. “A big one,” added his colleague, Marie Laurent.",
 [("“It’s a mistake,”", "direct", "Paul Dubois"), ("“A big one,”", "direct", "Marie Laurent")]),
]


def passage(doc_id: str, text: str, quotes: list[tuple]) -> dict:
    """One passage record; each quote is searched from the previous quote's start (a
    partial quote may sit inside an indirect one)."""
    recs = []
    pos = 0
    for qtext, kind, speaker in quotes:
        start = text.index(qtext, pos)
        pos = start + 1
        recs.append({"start": start, "end": start + len(qtext), "text": qtext,
                     "kind": kind, "speaker": speaker})
    return {"id": doc_id, "text": text, "quotes": recs}


def build() -> list[dict]:
    return [passage(f"dev{n:02d}", text, quotes) for n, (text, quotes) in enumerate(P)]


if __name__ == "__main__":
    out = Path(__file__).with_name("quotes_dev.json")
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(P)} passages written to {out}")
