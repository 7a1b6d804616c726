"""Build tests/data/quotes_heldout.json: a second passage set, in styles the first
(make_quotes_dev.py) does not cover: multi-paragraph and interrupted quotes, straight
marks, organisations and groups as speakers, present-tense and "according to"
attributions, long appositives, non-quotes, mostly indirect speech, whole articles.

The passages were written for this project.  They are regression tests of the named
rules (tests/quotes/test_quotes.py checks that the rules find every quote with its speaker),
not a quality estimate: the rules were revised on them.  Quality is measured on
annotated news nobody here wrote (``python -m analysis evaluate --polnear DIR``).
Speakers are canonical: a name without its article ("Health Ministry"), a description
as written ("the mayor").
Each entry: text, then (quote text, kind, speaker); offsets are computed here.
Run: python tests/data/make_quotes_heldout.py
"""

import json
from pathlib import Path

from make_quotes_dev import passage

#: Single passages: interrupted and multi-paragraph quotes, straight marks, organisations
#: and groups as speakers, "according to", relative clauses, adjuncts before "that".
SINGLE = [
("“We are not going anywhere,” she said, “until the water is clean.”",
 [("“We are not going anywhere,”", "direct", "she"),
  ("“until the water is clean.”", "direct", "she")]),
('"The numbers do not add up," said Kevin Walsh, 52, a retired accountant from Leeds.',
 [('"The numbers do not add up,"', "direct", "Kevin Walsh")]),
("The Health Ministry said in a statement that 14 people had been taken to hospital.",
 [("14 people had been taken to hospital", "indirect", "Health Ministry")]),
("Officials said the bridge would remain closed until at least March.",
 [("the bridge would remain closed until at least March", "indirect", "Officials")]),
("“This is the worst drought in forty years,” according to Maria Santos, who runs the "
 "regional water board.",
 [("“This is the worst drought in forty years,”", "direct", "Maria Santos")]),
("Judge Helen Marsh did not mince words. “The defendant showed no remorse,” she wrote in "
 "her ruling. “None at all.”",
 [("“The defendant showed no remorse,”", "direct", "Helen Marsh"),
  ("“None at all.”", "direct", "Helen Marsh")]),
("Dr. Ravi Menon, an epidemiologist at the University of Toronto, says the virus is "
 "spreading faster than expected.",
 [("the virus is spreading faster than expected", "indirect", "Ravi Menon")]),
("“I have never seen anything like it,” a firefighter, who asked not to be named, told "
 "reporters.",
 [("“I have never seen anything like it,”", "direct", "a firefighter")]),
("The coach put it simply: “We lost because we did not run.”",
 [("“We lost because we did not run.”", "direct", "The coach")]),
("“Is this really the best we can do?” asked Councillor Fatima Noor.",
 [("“Is this really the best we can do?”", "direct", "Fatima Noor")]),
("Amnesty International described the arrests as “a chilling attack on free speech.”",
 [("“a chilling attack on free speech.”", "partial", "Amnesty International")]),
("Secretary of State Linda Gray told the committee that the embassy had been warned twice.",
 [("the embassy had been warned twice", "indirect", "Linda Gray")]),
("“Nobody told us anything,” said one resident, Joe Briggs. “We found out on Facebook.”",
 [("“Nobody told us anything,”", "direct", "Joe Briggs"),
  ("“We found out on Facebook.”", "direct", "Joe Briggs")]),
("The bank’s chief economist, Sarah Lind, expects inflation to fall. “The worst is behind "
 "us,” she said on Thursday.",
 [("“The worst is behind us,”", "direct", "Sarah Lind")]),
("“Our patience has limits,” the ministry warned in a statement posted online.",
 [("“Our patience has limits,”", "direct", "the ministry")]),
("Mr. Tanaka, who founded the company in 1998, said it would not cut jobs.",
 [("it would not cut jobs", "indirect", "Tanaka")]),
("Protesters chanted “No more war” outside the parliament building.",
 []),
("“We did everything right,” said the airline’s chief executive, Oscar Lindqvist. "
 "“The engine simply failed.”",
 [("“We did everything right,”", "direct", "Oscar Lindqvist"),
  ("“The engine simply failed.”", "direct", "Oscar Lindqvist")]),
("Residents have called the new tower an “eyesore” and a “monument to greed.”",
 [("“eyesore”", "partial", "Residents"), ("“monument to greed.”", "partial", "Residents")]),
("In a post on X, the senator wrote: “I will vote no.”",
 [("“I will vote no.”", "direct", "the senator")]),
("“The club has let us down,” said Anne-Marie O’Connor, chair of the supporters’ trust. "
 "“Ticket prices have doubled in five years.”\n"
 "The club declined to comment.",
 [("“The club has let us down,”", "direct", "Anne-Marie O’Connor"),
  ("“Ticket prices have doubled in five years.”", "direct", "Anne-Marie O’Connor")]),
("Police said a 34-year-old man had been arrested. “Inquiries are continuing,” a police "
 "spokesperson added.",
 [("a 34-year-old man had been arrested", "indirect", "Police"),
  ("“Inquiries are continuing,”", "direct", "a police spokesperson")]),
("The new law is, in the words of its author, “long overdue.”",
 [("“long overdue.”", "partial", "its author")]),
("“We expect a decision next week,” EU trade commissioner Jonas Eriksen told Reuters.",
 [("“We expect a decision next week,”", "direct", "Jonas Eriksen")]),
("Farmers warn that the new rules will drive small producers out of business.",
 [("the new rules will drive small producers out of business", "indirect", "Farmers")]),
("‘It’s madness,’ said Tom Hughes, whose shop lies on the flooded high street. ‘We’ve "
 "lost everything.’",
 [("‘It’s madness,’", "direct", "Tom Hughes"), ("‘We’ve lost everything.’", "direct",
                                                 "Tom Hughes")]),
("The company’s founder, Li Wei, announced on Monday that she would step down.",
 [("she would step down", "indirect", "Li Wei")]),
("“I’m not resigning,” the prime minister insisted.",
 [("“I’m not resigning,”", "direct", "the prime minister")]),
]


#: More single passages: appositions, offices, ages between commas, compound descriptions.
MORE = [
("“We are confident in our case,” the company’s lawyer, Mark Stein, told the court on Friday.",
 [("“We are confident in our case,”", "direct", "Mark Stein")]),
("The mayor’s office said it was reviewing the footage.",
 [("it was reviewing the footage", "indirect", "The mayor’s office")]),
("“It’s heartbreaking,” said Priya Shah, whose son was injured in the crash.",
 [("“It’s heartbreaking,”", "direct", "Priya Shah")]),
("Scientists warned on Wednesday that the reef could vanish within a decade.",
 [("the reef could vanish within a decade", "indirect", "Scientists")]),
("“The data is clear,” wrote Dr. Amy Ford in the journal Nature. “We need action now.”",
 [("“The data is clear,”", "direct", "Amy Ford"), ("“We need action now.”", "direct", "Amy Ford")]),
("President Macron told reporters: “France will not give in to threats.”",
 [("“France will not give in to threats.”", "direct", "Macron")]),
("A spokeswoman for the airline, Julia Brandt, declined to comment on the lawsuit.",
 []),
("“We’re not there yet,” cautioned Federal Reserve Chair Jerome Powell.",
 [("“We’re not there yet,”", "direct", "Jerome Powell")]),
("Kenji Watanabe, 71, a retired teacher, said he had voted for the same party for fifty years.",
 [("he had voted for the same party for fifty years", "indirect", "Kenji Watanabe")]),
("“This is a betrayal,” the union said in a statement. “Our members deserve better.”",
 [("“This is a betrayal,”", "direct", "the union"), ("“Our members deserve better.”", "direct", "the union")]),
("The defence minister, Ana Petrova, denied that troops had crossed the border.",
 [("troops had crossed the border", "indirect", "Ana Petrova")]),
("“I love this city,” she told the crowd, before announcing her candidacy.",
 [("“I love this city,”", "direct", "she")]),
("Hospital officials confirmed that three patients remained in critical condition.",
 [("three patients remained in critical condition", "indirect", "Hospital officials")]),
("According to a police report, the driver had been drinking.",
 [("the driver had been drinking", "indirect", "a police report")]),
("“It was chaos,” recalled Marco Rossi, a waiter. “People were running everywhere.”",
 [("“It was chaos,”", "direct", "Marco Rossi"), ("“People were running everywhere.”", "direct", "Marco Rossi")]),
("Opposition leader Kwame Mensah called the election result “a sham” and vowed to challenge it.",
 [("“a sham”", "partial", "Kwame Mensah")]),
("“Prices will come down,” the minister promised. Few believed him.",
 [("“Prices will come down,”", "direct", "the minister")]),
("The senator wrote in a letter to colleagues that the bill was “dead on arrival.”",
 [("the bill was “dead on arrival.”", "indirect", "The senator"), ("“dead on arrival.”", "partial", "The senator")]),
("Sarah Okafor has no doubts. “We will win this,” the 34-year-old activist said.",
 [("“We will win this,”", "direct", "Sarah Okafor")]),
("“Nobody is above the law,” Attorney General Merrick Stone said at a news conference.",
 [("“Nobody is above the law,”", "direct", "Merrick Stone")]),
]


#: Non-quotes among quotes (a song title, a nickname, a scare quote) and bare clauses.
NON_QUOTES = [
("The band played “Bohemian Rhapsody” twice during the encore.", []),
("Known as “the Iron Lady,” Thatcher dominated British politics.", []),
("“Where is the money?” shouted a protester. Police moved in.",
 [("“Where is the money?”", "direct", "a protester")]),
("Microsoft said on Monday it would cut 10,000 jobs. “These are difficult decisions,” its chief executive, Satya Nadella, wrote in a memo to staff.",
 [("it would cut 10,000 jobs", "indirect", "Microsoft"), ("“These are difficult decisions,”", "direct", "Satya Nadella")]),
("The company said its profits had doubled. It added that it would hire 500 workers.",
 [("its profits had doubled", "indirect", "The company"), ("it would hire 500 workers", "indirect", "The company")]),
("“Absolutely not,” Ms. Chen replied when asked whether she would resign.",
 [("“Absolutely not,”", "direct", "Chen")]),
("Greta Lind and her husband, Paul, run the bakery. “We start at 4 a.m.,” Paul said.",
 [("“We start at 4 a.m.,”", "direct", "Paul")]),
("“The results speak for themselves,” said coach Diego Alvarez, whose team has won six straight games.",
 [("“The results speak for themselves,”", "direct", "Diego Alvarez")]),
("In a televised address, the king urged calm. “We will overcome this together,” he said.",
 [("“We will overcome this together,”", "direct", "the king")]),
("Environmental groups say the pipeline threatens drinking water for millions.",
 [("the pipeline threatens drinking water for millions", "indirect", "Environmental groups")]),
("“It’s a good start, but it’s not enough,” said Lucia Romano of the Green Party. “We need binding targets.”",
 [("“It’s a good start, but it’s not enough,”", "direct", "Lucia Romano"), ("“We need binding targets.”", "direct", "Lucia Romano")]),
("The minister’s so-called “reforms” have been widely criticised.", []),
("Rivera told the Guardian that he had received death threats.",
 [("he had received death threats", "indirect", "Rivera")]),
("“We’re going to fight this all the way,” the family’s lawyer, Dana Brooks, told reporters outside the courthouse.",
 [("“We’re going to fight this all the way,”", "direct", "Dana Brooks")]),
("Asked about the leak, a White House official said: “We don’t comment on intelligence matters.”",
 [("“We don’t comment on intelligence matters.”", "direct", "a White House official")]),
]


#: Mostly indirect speech; an indirect question ("Chen asked whether ...") is reported speech.
INDIRECT = [
("The central bank’s governor, Elena Marsh, signalled on Thursday that rates would stay high.",
 [("rates would stay high", "indirect", "Elena Marsh")]),
("Union leaders say they will strike next month unless pay is raised.",
 [("they will strike next month unless pay is raised", "indirect", "Union leaders")]),
("The report found that emissions had risen for a third year.",
 [("emissions had risen for a third year", "indirect", "The report")]),
("Chen asked whether the agency had consulted residents.",  # an indirect question is
 [("whether the agency had consulted residents", "indirect", "Chen")]),  # reported speech
("Prosecutors allege that the former mayor accepted bribes worth $2 million.",
 [("the former mayor accepted bribes worth $2 million", "indirect", "Prosecutors")]),
("The airline blamed the delays on staff shortages.",
 []),
("Residents told the BBC they had been without power for three days.",
 [("they had been without power for three days", "indirect", "Residents")]),
("He believes the market will recover by spring, the analyst Tom Reyes said.",
 [("He believes the market will recover by spring", "indirect", "Tom Reyes")]),
("“We are not going to be intimidated,” said the group’s director, Amira Haddad, adding that the campaign would continue.",
 [("“We are not going to be intimidated,”", "direct", "Amira Haddad"),
  ("the campaign would continue", "indirect", "Amira Haddad")]),
("Officials at the ministry of health, who spoke on condition of anonymity, said the outbreak was under control.",
 [("the outbreak was under control", "indirect", "Officials at the ministry of health")]),
("Witnesses described hearing two loud explosions shortly after midnight.",
 []),
("Smith, the club’s captain, insisted the team could still win the league.",
 [("the team could still win the league", "indirect", "Smith")]),
("The court ruled that the law was unconstitutional.",
 [("the law was unconstitutional", "indirect", "The court")]),
("Experts have long warned the dam could fail in a major flood.",
 [("the dam could fail in a major flood", "indirect", "Experts")]),
("The ministry denied the allegations, calling them “baseless.”",
 [("“baseless.”", "partial", "The ministry")]),
]


#: Whole wire-style articles: pronoun chains, appositions, coordinated verbs, "according
#: to" after a partial quote; sport ("the club said", "the midfielder said"), a court
#: ruling, health, a city council ("the 61-year-old said").
A1 = ("NAIROBI, Kenya (AP) — Kenya’s president on Tuesday defended a new housing tax that has sparked protests across the country.\n"
"“This levy will build homes for millions of Kenyans,” President William Ruto said at a rally in Nakuru. “Those who oppose it have no plan.”\n"
"Opposition leader Raila Odinga called the tax “daylight robbery” and urged supporters to keep marching.\n"
"“We will not stop until it is repealed,” he told reporters later. Odinga said the government had ignored a court order suspending the levy.\n"
"Ruto’s spokesman, Hussein Mohamed, dismissed the claims. The president respects the courts, he said.\n"
"Economists are divided. Jane Wanjiru, an analyst at a Nairobi bank, said the levy would slow consumer spending. “Households are already stretched,” she said.")
A1_Q = [
 ("“This levy will build homes for millions of Kenyans,”", "direct", "William Ruto"),
 ("“Those who oppose it have no plan.”", "direct", "William Ruto"),
 ("“daylight robbery”", "partial", "Raila Odinga"),
 ("“We will not stop until it is repealed,”", "direct", "Raila Odinga"),
 ("the government had ignored a court order suspending the levy", "indirect", "Raila Odinga"),
 ("The president respects the courts", "indirect", "Hussein Mohamed"),
 ("the levy would slow consumer spending", "indirect", "Jane Wanjiru"),
 ("“Households are already stretched,”", "direct", "Jane Wanjiru"),
]
A2 = ("The European Commission on Wednesday proposed sweeping limits on plastic packaging.\n"
"“We are drowning in plastic,” the EU’s environment commissioner, Sofia Lindgren, told a news conference in Brussels. "
"She said the rules would cut packaging waste by 15 percent by 2040.\n"
"Industry groups reacted angrily. The proposal was “rushed and unworkable,” according to Packaging Europe, a trade association.\n"
"Its director general, Marc Dubois, warned that thousands of jobs were at risk. “Nobody asked us,” Dubois said.\n"
"Environmental campaigners welcomed the plan but said it did not go far enough.")
A2_Q = [
 ("“We are drowning in plastic,”", "direct", "Sofia Lindgren"),
 ("the rules would cut packaging waste by 15 percent by 2040", "indirect", "Sofia Lindgren"),
 ("“rushed and unworkable,”", "partial", "Packaging Europe"),
 ("thousands of jobs were at risk", "indirect", "Marc Dubois"),
 ("“Nobody asked us,”", "direct", "Marc Dubois"),
 ("it did not go far enough", "indirect", "Environmental campaigners"),
]
A3 = ("MANCHESTER, England — Manchester United sacked manager Erik Lund on Sunday after a run of six defeats, ending a turbulent two-year spell.\n"
"“Erik has given everything to this club,” the club said in a statement. “We thank him and wish him well.”\n"
"Lund, 54, told the BBC last week that he still had the players’ backing. “The dressing room is with me,” he said then.\n"
"Captain Bruno Silva admitted the squad had let the coach down. “We have to look at ourselves,” the midfielder said after Saturday’s loss. “It’s on us.”\n"
"Former United defender Gary Neville was scathing. The decision was “years too late,” he wrote on X.")
A3_Q = [
 ("“Erik has given everything to this club,”", "direct", "Manchester United"),
 ("“We thank him and wish him well.”", "direct", "Manchester United"),
 ("he still had the players’ backing", "indirect", "Erik Lund"),
 ("“The dressing room is with me,”", "direct", "Erik Lund"),
 ("the squad had let the coach down", "indirect", "Bruno Silva"),
 ("“We have to look at ourselves,”", "direct", "Bruno Silva"),
 ("“It’s on us.”", "direct", "Bruno Silva"),
 ("The decision was “years too late,”", "indirect", "Gary Neville"),
 ("“years too late,”", "partial", "Gary Neville"),
]
A4 = ("A federal judge in Texas on Friday blocked a state law requiring age checks on social media platforms.\n"
"Judge Alan Pryor wrote that the law was “likely unconstitutional” because it restricted adults’ access to lawful speech. "
"The state attorney general’s office said it would appeal.\n"
"“Today’s ruling protects the free speech rights of millions of Texans,” said Priya Nair, a lawyer for NetChoice, the tech industry group that brought the case.\n"
"Supporters of the law, including several parent groups, argue that platforms have failed to protect children. "
"“We are disappointed but not surprised,” said Karen Holt, who founded Parents for Safe Tech after her daughter was bullied online. "
"She added that the group would keep pressing lawmakers.")
A4_Q = [
 ("the law was “likely unconstitutional” because it restricted adults’ access to lawful speech", "indirect", "Alan Pryor"),
 ("“likely unconstitutional”", "partial", "Alan Pryor"),
 ("it would appeal", "indirect", "The state attorney general’s office"),
 ("“Today’s ruling protects the free speech rights of millions of Texans,”", "direct", "Priya Nair"),
 ("platforms have failed to protect children", "indirect", "Supporters of the law"),
 ("“We are disappointed but not surprised,”", "direct", "Karen Holt"),
 ("the group would keep pressing lawmakers", "indirect", "Karen Holt"),
]
A5 = ("Health officials in Ohio on Monday confirmed three new cases of measles, all in unvaccinated children.\n"
"“This is entirely preventable,” said Dr. Laura Kim, the state’s chief medical officer. “Vaccines are safe and they work.”\n"
"Kim urged parents to check their children’s records before the school year begins. She said clinics would offer free shots through September.\n"
"Some parents remain wary. Mark Jensen, a father of three in Columbus, said he had read online that the vaccine caused side effects. “I just want to be careful,” he said.\n"
"Kim’s spokeswoman, Ana Ortiz, said the department would hold information sessions in every county. “We want to answer every question,” Ortiz said.")
A5_Q = [
 ("“This is entirely preventable,”", "direct", "Laura Kim"),
 ("“Vaccines are safe and they work.”", "direct", "Laura Kim"),
 ("clinics would offer free shots through September", "indirect", "Laura Kim"),
 ("he had read online that the vaccine caused side effects", "indirect", "Mark Jensen"),
 ("“I just want to be careful,”", "direct", "Mark Jensen"),
 ("the department would hold information sessions in every county", "indirect", "Ana Ortiz"),
 ("“We want to answer every question,”", "direct", "Ana Ortiz"),
]
A6 = ("The city council voted 7-2 on Thursday to ban cars from the old town centre, a plan that has divided residents for years.\n"
"Mayor Tom Becker hailed the vote as “a new chapter for our city.” He told reporters that the ban would take effect in June.\n"
"Councillor Rita Moss, who voted against, warned that small shops would suffer. “Our traders were not consulted,” she said. “This will cost jobs.”\n"
"Shop owner Paolo Ricci agreed. “Half my customers come by car,” the 61-year-old said, standing outside his bakery. “Where will they park?”\n"
"Becker dismissed the concerns. Footfall had risen in every city that had tried it, he said.")
A6_Q = [
 ("“a new chapter for our city.”", "partial", "Tom Becker"),
 ("the ban would take effect in June", "indirect", "Tom Becker"),
 ("small shops would suffer", "indirect", "Rita Moss"),
 ("“Our traders were not consulted,”", "direct", "Rita Moss"),
 ("“This will cost jobs.”", "direct", "Rita Moss"),
 ("“Half my customers come by car,”", "direct", "Paolo Ricci"),
 ("“Where will they park?”", "direct", "Paolo Ricci"),
 ("Footfall had risen in every city that had tried it", "indirect", "Tom Becker"),
]
ARTICLES = [(A1, A1_Q), (A2, A2_Q), (A3, A3_Q), (A4, A4_Q), (A5, A5_Q), (A6, A6_Q)]
PASSAGES = SINGLE + MORE + NON_QUOTES + INDIRECT + ARTICLES


def build() -> list[dict]:
    return [passage(f"held{n:02d}", text, quotes) for n, (text, quotes) in enumerate(PASSAGES)]


if __name__ == "__main__":
    out = Path(__file__).with_name("quotes_heldout.json")
    out.write_text(json.dumps(build(), ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(PASSAGES)} passages written to {out}")
