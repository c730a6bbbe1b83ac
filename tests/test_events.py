"""Events: PLOVER category, actor, target (or place) and certainty, read from one clause.

Each row is a sentence through the real pipeline and one event it must contain:
(sentence, action, actor, target or place, negated, modality). None as actor means no actor
may be named: the sentence gives none, and none may be borrowed from elsewhere.
"""
from __future__ import annotations

import json
from contextlib import redirect_stdout

import pytest
from corpus_fixtures import store_record

from newsgraph.cli.main import main
from newsgraph.extract.events.extractor import PloverEvents
from newsgraph.model import ArticleRecord, Event
from newsgraph.query import Filters, events
from newsgraph.store import Store

A, F, H, C = "asserted", "future", "hypothetical", "conditional"

EVENTS = [
    # AGREE
    ("Russia and Turkey signed a supply deal in Ankara on Monday.", "AGREE", "Russia", "Turkey", False, A),
    ("Iran agreed to a ceasefire with Iraq.", "AGREE", "Iran", "Iraq", False, A),
    ("Egypt accepted the peace proposal from Sudan.", "AGREE", "Egypt", "Sudan", False, A),
    ("Armenia reached an agreement with Azerbaijan.", "AGREE", "Armenia", "Azerbaijan", False, A),
    ("The United States and the European Union imposed sanctions on Russia and Belarus.",
     "SANCTION", "European Union", "Belarus", False, A),
    # CONSULT
    ("Turkey and Greece held talks in Athens on Thursday.", "CONSULT", "Greece", "Turkey", False, A),
    ("Vladimir Putin met Xi Jinping in Beijing on Tuesday.", "CONSULT", "Vladimir Putin", "Xi Jinping", False, A),
    ("Indian officials held talks with Pakistan in Geneva.", "CONSULT", "India", "Pakistan", False, A),
    ("The German chancellor visited Poland.", "CONSULT", "Germany", "Poland", False, A),
    ("Talks between Israel and Egypt resumed in Cairo.", "CONSULT", "Israel", "Egypt", False, A),
    ("France will host a summit with Germany next week.", "CONSULT", "France", "Germany", False, F),
    # SUPPORT
    ("Brazil praised Argentina for its decision.", "SUPPORT", "Brazil", "Argentina", False, A),
    ("Japan offered verbal support to the Philippines.", "SUPPORT", "Japan", "Philippines", False, A),
    ("Canada endorsed Mexico's bid.", "SUPPORT", "Canada", "Mexico", False, A),
    ("Germany expressed solidarity with Ukraine.", "SUPPORT", "Germany", "Ukraine", False, A),
    # CONCEDE
    ("Iran released two British prisoners.", "CONCEDE", "Iran", "United Kingdom", False, A),
    ("Iran has not yet released the detained British nationals.", "CONCEDE", "Iran", "United Kingdom", True, A),
    ("The United States lifted sanctions on Venezuela.", "CONCEDE", "United States", "Venezuela", False, A),
    ("Serbia apologized to Croatia.", "CONCEDE", "Serbia", "Croatia", False, A),
    ("Russia and China will not allow the United States to push Kazakhstan into turmoil.",
     "CONCEDE", "China", "United States", True, F),
    # COOPERATE
    ("India is cooperating with Japan on maritime security.", "COOPERATE", "India", "Japan", False, A),
    ("Russia and China are collaborating more closely on defense issues.", "COOPERATE", "China", "Russia", False, A),
    ("Spain formed a partnership with Morocco.", "COOPERATE", "Spain", "Morocco", False, A),
    ("Chinese firms have invested billions in Kazakhstan.", "COOPERATE", "China", "Kazakhstan", False, A),
    # AID
    ("China lent Russia $6bn.", "AID", "China", "Russia", False, A),
    ("The European Union sent humanitarian aid to Syria.", "AID", "European Union", "Syria", False, A),
    ("Turkey provided weapons to Azerbaijan.", "AID", "Turkey", "Azerbaijan", False, A),
    ("Norway donated vaccines to Kenya.", "AID", "Norway", "Kenya", False, A),
    ("Haiti was aided by the United States.", "AID", "United States", "Haiti", False, A),
    # RETREAT
    ("Russia withdrew its troops from Georgia.", "RETREAT", "Russia", "Georgia", False, A),
    ("American forces pulled out of Afghanistan.", "RETREAT", "United States", "Afghanistan", False, A),
    ("The withdrawal of Israeli troops from Gaza began on Sunday.", "RETREAT", "Israel", "Gaza", False, A),
    # REQUEST
    ("Kazakhstan asked Russia for military help.", "REQUEST", "Kazakhstan", "Russia", False, A),
    ("Ukraine urged Germany to send tanks.", "REQUEST", "Ukraine", "Germany", False, A),
    ("Mali's invitation to Russian mercenaries worried France.", "REQUEST", "Mali", "Russia", False, A),
    ("Kazakhstan's invitation for Russian military intervention surprised China.",
     "REQUEST", "Kazakhstan", "Russia", False, A),
    ("Tokayev asked the CSTO for help on Wednesday.", "REQUEST", "Tokayev",
     "Collective Security Treaty Organization", False, A),
    ("Poland called for sanctions against Belarus.", "REQUEST", "Poland", "Belarus", False, A),
    ("Lebanon appealed to France for assistance.", "REQUEST", "Lebanon", "France", False, A),
    # ACCUSE (coordination: both actors)
    ("China and Russia condemned the United States.", "ACCUSE", "China", "United States", False, A),
    ("China and Russia condemned the United States.", "ACCUSE", "Russia", "United States", False, A),
    ("Iran accused Israel of sabotage.", "ACCUSE", "Iran", "Israel", False, A),
    ("The United States blamed Russia for the cyberattack.", "ACCUSE", "United States", "Russia", False, A),
    ("India was criticized by Pakistan.", "ACCUSE", "Pakistan", "India", False, A),
    ("The condemnation of North Korea by Japan was swift.", "ACCUSE", "Japan", "North Korea", False, A),
    # REJECT
    ("Israel rejected the Egyptian proposal.", "REJECT", "Israel", "Egypt", False, A),
    ("Hungary opposed Sweden's membership.", "REJECT", "Hungary", "Sweden", False, A),
    ("Venezuela refused the offer from Colombia.", "REJECT", "Venezuela", "Colombia", False, A),
    ("Hungary did not oppose Finland's bid.", "REJECT", "Hungary", "Finland", True, A),
    # THREATEN
    ("North Korea threatened South Korea with missile strikes.", "THREATEN", "North Korea", "South Korea", False, A),
    ("Turkey warned Greece against drilling.", "THREATEN", "Turkey", "Greece", False, A),
    # PROTEST (the crowd is often unnamed: the place is what the event is about)
    ("Thousands protested in Kazakhstan against fuel prices.", "PROTEST", None, "Kazakhstan", False, A),
    ("Protests in Iran continued for a third week.", "PROTEST", None, "Iran", False, A),
    ("Riots in Almaty left dozens dead.", "PROTEST", None, "Almaty", False, A),
    ("Protests erupted in Kazakhstan on Sunday.", "PROTEST", None, "Kazakhstan", False, A),
    ("Protests that began in Almaty have turned violent.", "PROTEST", None, "Almaty", False, A),
    # SANCTION
    ("The European Union imposed sanctions on Belarus.", "SANCTION", "European Union", "Belarus", False, A),
    ("Australia expelled three Chinese diplomats.", "SANCTION", "Australia", "China", False, A),
    ("Lithuania recalled its ambassador from China.", "SANCTION", "Lithuania", "China", False, A),
    ("Russia was sanctioned by Britain.", "SANCTION", "United Kingdom", "Russia", False, A),
    # MOBILIZE (relative clause: the antecedent acts)
    ("Russia deployed troops to Belarus.", "MOBILIZE", "Russia", "Belarus", False, A),
    ("The CSTO dispatched peacekeepers to Kazakhstan.", "MOBILIZE", "Collective Security Treaty Organization",
     "Kazakhstan", False, A),
    ("Russia acted through the Collective Security Treaty Organization, which has dispatched troops to "
     "Kazakhstan.", "MOBILIZE", "Collective Security Treaty Organization", "Kazakhstan", False, A),
    ("The Russian intervention in Kazakhstan was swift.", "MOBILIZE", "Russia", "Kazakhstan", False, A),
    ("China would send troops to Myanmar.", "MOBILIZE", "China", "Myanmar", False, H),
    # COERCE
    ("Belarus arrested two Polish journalists.", "COERCE", "Belarus", "Poland", False, A),
    ("Chinese authorities detained a Canadian businessman.", "COERCE", "China", "Canada", False, A),
    ("Russia annexed Crimea in 2014.", "COERCE", "Russia", "Crimea", False, A),
    # ASSAULT
    ("Israel attacked Hamas in Gaza.", "ASSAULT", "Israel", "Hamas", False, A),
    ("Georgia was attacked by Russia.", "ASSAULT", "Russia", "Georgia", False, A),
    ("Government buildings in Almaty were stormed by protesters.", "ASSAULT", None, "Almaty", False, A),
    ("NATO warned Russia that an invasion of Ukraine would be met with sanctions.",
     "ASSAULT", None, "Ukraine", False, H),
    ("The Taliban takeover of Afghanistan shocked the world.", "ASSAULT", "Taliban", "Afghanistan", False, A),
    ("Azerbaijan shelled Armenian villages.", "ASSAULT", "Azerbaijan", "Armenia", False, A),
    ("Saudi Arabia launched airstrikes against Yemen.", "ASSAULT", "Saudi Arabia", "Yemen", False, A),
    ("The invasion of Ukraine by Russia began in February.", "ASSAULT", "Russia", "Ukraine", False, A),
    # negated, future, hypothetical, conditional
    ("China did not condemn Russia.", "ACCUSE", "China", "Russia", True, A),
    ("India never attacked Pakistan.", "ASSAULT", "India", "Pakistan", True, A),
    ("Japan refused to sanction Russia.", "SANCTION", "Japan", "Russia", True, A),
    ("Germany will send weapons to Ukraine.", "AID", "Germany", "Ukraine", False, F),
    ("France could impose sanctions on Iran.", "SANCTION", "France", "Iran", False, H),
    ("If Russia invades Ukraine, the United States will impose sanctions on Russia.",
     "ASSAULT", "Russia", "Ukraine", False, C),
    ("If Russia invades Ukraine, the United States will impose sanctions on Russia.",
     "SANCTION", "United States", "Russia", False, C),
    ("Brazil supported the plan without committing to send troops to Haiti.", "MOBILIZE", "Brazil", "Haiti", True, A),
    ("Kazakhstan may ask Russia for help.", "REQUEST", "Kazakhstan", "Russia", False, H),
    ("China is likely to criticise Japan.", "ACCUSE", "China", "Japan", False, H),
    ("Officials believe Russia attacked Ukraine.", "ASSAULT", "Russia", "Ukraine", False, H),
    ("Venezuela accused Colombia of invading Venezuelan territory.", "ASSAULT", "Colombia", "Venezuela", False, H),
    ("Venezuela claims Colombia invaded Ecuador.", "ASSAULT", "Colombia", "Ecuador", False, H),
    ("Iran denies that it is supplying weapons to Iraq.", "AID", "Iran", "Iraq", False, H),
    # pronouns: bound by the subject of the governing clause, never guessed from elsewhere
    ("Xi praised Tokayev, although he did not condemn Russia.", "ACCUSE", "Xi", "Russia", True, A),
    ("Russia said it had withdrawn troops from Belarus.", "RETREAT", "Russia", "Belarus", False, A),
    ("During his visit to China, Macron praised the Chinese president.", "CONSULT", "Macron", "China", False, A),
    ("Putin said he would meet Erdogan in Ankara.", "CONSULT", "Putin", "Erdogan", False, H),
    ("He criticized China on Monday.", "ACCUSE", None, "China", False, A),
]

# Issue 16: the verbs that carry politics, their nouns, and actors from the whole sentence.
POLITICS = [
    # send, deploy, mobilise (passive: the owner of the moved forces acts)
    ("Russia sent paratroopers to Kazakhstan.", "MOBILIZE", "Russia", "Kazakhstan", False, A),
    ("NATO deployed 3,000 troops to Estonia.", "MOBILIZE", "North Atlantic Treaty Organization", "Estonia",
     False, A),
    ("Russian troops were sent to Belarus.", "MOBILIZE", "Russia", "Belarus", False, A),
    ("The deployment of Russian troops to Syria began in September.", "MOBILIZE", "Russia", "Syria", False, A),
    # accuse, condemn, criticise, blame (an office noun acts for its body; "he" for the last person)
    ("A spokesman for the European Commission criticised Hungary.", "ACCUSE", "European Commission", "Hungary",
     False, A),
    ("Erdogan arrived in Athens on Monday. He criticised Greece.", "ACCUSE", "Erdogan", "Greece", False, A),
    # threaten: the threat is a fact, the threatened act is not
    ("Turkey threatened to impose sanctions on Sweden.", "THREATEN", "Turkey", "Sweden", False, A),
    ("Turkey threatened to impose sanctions on Sweden.", "SANCTION", "Turkey", "Sweden", False, H),
    ("The European Union's threat of sanctions against Iran worried markets.", "THREATEN", "European Union",
     "Iran", False, A),
    ("The European Union's threat of sanctions against Iran worried markets.", "SANCTION", None, "Iran", False, H),
    ("The United States warned of sanctions against Russia.", "SANCTION", None, "Russia", False, H),
    # sign, agree, ratify
    ("Chile ratified the treaty with Peru.", "AGREE", "Chile", "Peru", False, A),
    ("Serbia agreed in April to restore ties with Kosovo.", "AGREE", "Serbia", "Kosovo", False, A),
    # meet, visit, host, talk (an object pronoun is the person named before it)
    ("Japan hosted the Indian prime minister.", "CONSULT", "Japan", "India", False, A),
    ("Qatar hosted talks between Iran and Saudi Arabia.", "CONSULT", "Iran", "Saudi Arabia", False, A),
    ("Putin met Erdogan in Sochi and urged him to halt the offensive.", "REQUEST", "Putin", "Erdogan", False, A),
    # lend, grant, donate, sell arms; the agent of a participle acts
    ("Germany granted a loan to Greece.", "AID", "Germany", "Greece", False, A),
    ("The Pentagon announced its intention to sell jets to Taiwan.", "AID", "Pentagon", "Taiwan", False, F),
    ("A rescue package for Greece announced by the European Union calmed markets.", "AID", "European Union",
     "Greece", False, A),
    # arrest, detain, kill, attack, shell (acts done to forces: the owner is the target)
    ("Syrian forces shelled Idlib.", "ASSAULT", "Syria", "Idlib", False, A),
    ("Thai troops were captured by Cambodia.", "COERCE", "Cambodia", "Thailand", False, A),
    ("Tokayev ordered troops to shoot protesters in Almaty.", "ASSAULT", "Tokayev", "Almaty", False, A),
    # sanction, embargo, expel; coordinated event nouns of one light verb
    ("Canada expelled a Russian diplomat.", "SANCTION", "Canada", "Russia", False, A),
    ("The European Union and the United States imposed a travel ban and an asset freeze on Belarus.",
     "SANCTION", "United States", "Belarus", False, A),
    ("Armenia recalled its ambassador in protest of Turkey's decision.", "SANCTION", "Armenia", "Turkey", False, A),
    ("Armenia recalled its ambassador in protest of Turkey's decision.", "PROTEST", "Armenia", "Turkey", False, A),
    # protest, strike, rally: the site of a protest is what it is about
    ("Thousands rallied outside the Chinese embassy in London.", "PROTEST", None, "China", False, A),
    # refuse, reject, veto: the refusal is a fact, the refused act is negated
    ("Russia vetoed the resolution on Syria.", "REJECT", "Russia", "Syria", False, A),
    ("Hungary refused to join the sanctions against Russia.", "REJECT", "Hungary", "Russia", False, A),
    ("Germany refused to lift sanctions on Iran.", "REJECT", "Germany", "Iran", False, A),
    ("Germany refused to lift sanctions on Iran.", "CONCEDE", "Germany", "Iran", True, A),
    # demand, urge, call on (the one called on does what is asked, hypothetically)
    ("Poland called on Germany to send tanks.", "REQUEST", "Poland", "Germany", False, A),
    ("Poland called on Germany to send tanks.", "MOBILIZE", "Germany", "Poland", False, H),
    ("The European Commission wrote to the government of Poland to ask for an explanation.",
     "REQUEST", "European Commission", "Poland", False, A),
    # "between" is mutual; verbal attacks are accusations; a plot is not an act
    ("Talks between Israel and Egypt resumed in Cairo.", "CONSULT", "Egypt", "Israel", False, A),
    ("The debate turned into verbal attacks between Macron and Orban.", "ACCUSE", "Orban", "Macron", False, A),
    ("Three men were convicted of planning an attack on Denmark.", "ASSAULT", None, "Denmark", False, H),
    # an encounter that sets the scene is the clause subject's; "the visit of X" is X's
    ("Bush said during a meeting with Blair that the talks went well.", "CONSULT", "Bush", "Blair", False, A),
    ("The visit of Putin to Ankara was cut short.", "CONSULT", "Putin", "Ankara", False, A),
    # light verbs: "had talks", "attended a summit", "joined the sanctions"
    ("Brazil had talks with Venezuela in Caracas.", "CONSULT", "Brazil", "Venezuela", False, A),
    ("Japan joined the sanctions against Russia.", "SANCTION", "Japan", "Russia", False, A),
    # a claim about one's own act announces it; about another's, it is only a claim
    ("Russia claimed ceasing all civilian flights to Georgia.", "SANCTION", "Russia", "Georgia", False, A),
    ("Venezuela claims Colombia invaded Ecuador.", "ASSAULT", "Colombia", "Ecuador", False, H),
    # a trailing participle belongs to the main clause, even when parsed onto the nearest verb
    ("Angela Merkel spoke in Berlin on Sunday. She insisted that both sides end the violence, telling the "
     "Russian government to stop the shelling.", "REQUEST", "Angela Merkel", "Russia", False, A),
    # a possessive owner is the person (or body) last named: "his cooperation"
    ("The court praised John Smith for his cooperation with the FBI.", "COOPERATE", "John Smith", "FBI", False, A),
    # control verbs, and the speaker of a quotation for "we"
    ("Russia vowed to send troops to Belarus.", "MOBILIZE", "Russia", "Belarus", False, F),
    ('"We will send aid to Turkey," said Greek Prime Minister Kyriakos Mitsotakis.', "AID",
     "Kyriakos Mitsotakis", "Turkey", False, F),
]


@pytest.mark.parametrize("sentence, action, actor, target, negated, modality", POLITICS)
def test_politics(extract, sentence, action, actor, target, negated, modality):
    test_event(extract, sentence, action, actor, target, negated, modality)


# Sentences that must yield no reported fact (every event in them is flagged, or there is none).
NO_FACTS = [
    "China is not a member of the alliance.",
    "Xi unveiled the Belt and Road Initiative in 2013.",
    "The measure would aim to increase Russia's influence over China.",
    "Beijing has a lot to lose if Moscow attacks Kazakhstan.",
    "He did not say whether Kazakhstan had invited Russian troops.",
    "Documents revealed an agreement to invade Iraq.",
    "The evidence supports the conclusion that Iran attacked nobody.",
]


def _name(record: ArticleRecord, entity_id: str | None) -> str | None:
    entity = record.entity(entity_id)
    return entity.name if entity else None


def _described(record: ArticleRecord) -> list[tuple]:
    return [(e.action, _name(record, e.actor), _name(record, e.target), _name(record, e.location),
             e.negated, e.modality, e.trigger) for e in record.events]


@pytest.mark.parametrize("sentence, action, actor, target, negated, modality", EVENTS)
def test_event(extract, sentence, action, actor, target, negated, modality):
    record = extract(sentence, "2022-01-08")
    hits = [e for e in record.events
            if e.action == action and _name(record, e.actor) == actor
            and target in (_name(record, e.target), _name(record, e.location))]
    assert hits, _described(record)
    assert any(e.negated == negated and e.modality == modality for e in hits), _described(record)


def test_all_sixteen_categories_are_covered():
    assert len(EVENTS) >= 60
    assert {row[1] for row in EVENTS} == {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.mark.parametrize("sentence", NO_FACTS)
def test_no_reported_fact(extract, sentence):
    record = extract(sentence)
    facts = [e for e in record.events if not e.negated and e.modality in ("asserted", "future")]
    assert not facts, _described(record)


def test_actor_never_borrowed_from_another_sentence(extract):
    record = extract("Russia held a meeting on Monday. Troops were deployed to Belarus.")
    deployed = [e for e in record.events if e.action == "MOBILIZE"]
    assert deployed and all(e.actor is None for e in deployed), _described(record)


# (sentence, published, date, source): the sentence's own date expression read against the
# publication date (Saturday 8 January 2022), else the publication date marked "article".
@pytest.mark.parametrize("sentence, published, date, source", [
    ("Russia and Turkey signed a supply deal in Ankara on Monday.", "2022-01-08", "2022-01-03", "text"),
    ("Russia annexed Crimea in 2014.", None, "2014", "text"),
    ("Xi offered verbal support to Tokayev on Friday.", "2022-01-08", "2022-01-07", "text"),
    ("Wang said on Friday that China supports Kazakhstan.", "2022-01-08", "2022-01-07", "text"),
    ("Poland sent aid to Ukraine on Thursday.", "2022-01-08", "2022-01-06", "text"),
    ("Turkey will host talks with Greece next week.", "2022-01-08", "2022-01-15", "text"),
    ("Japan lifted sanctions on Iran last month.", "2022-01-08", "2021-12", "text"),
    ("Protests erupted in Almaty on Sunday.", "2022-01-08", "2022-01-02", "text"),
    ("Serbia agreed in April to restore ties with Kosovo.", "2022-01-08", "2021-04", "text"),
    ("Russia recalled its ambassador from Estonia over the weekend.", "2022-01-10", "2022-01-08", "text"),
    ("Israel struck Gaza five years ago.", "2022-01-08", "2017", "text"),
    ("Russia deployed troops to Belarus.", "2022-01-08", "2022-01-08", "article"),
    ("Russia deployed troops to Belarus.", None, None, None),
])
def test_event_date(extract, sentence, published, date, source):
    record = extract(sentence, published)
    assert record.events, _described(record)
    assert all((e.date, e.date_source) == (date, source) for e in record.events), \
        [(e.action, e.date, e.date_source) for e in record.events]


def test_article_date_is_marked_in_the_table(extract):
    record = extract("Russia deployed troops to Belarus. Israel struck Gaza five years ago.", "2022-01-08")
    (section,) = PloverEvents().table(record)
    assert ("2022-01-08 (article)", "Russia", "MOBILIZE") in [row[:3] for row in section.rows]
    assert ("2017", "Israel", "ASSAULT") in [row[:3] for row in section.rows]


def test_event_fields_and_span(extract):
    text = "Georgia was attacked by Russia."
    event: Event = extract(text).events[0]
    assert event.id == "v1" and event.trigger == "attacked"
    assert 0 <= event.span[0] < event.span[1] <= len(text)
    assert "attacked" in text[event.span[0]:event.span[1]]
    assert 0.0 < event.confidence <= 1.0


def test_table_lists_dated_events(extract):
    record = extract("China will send troops to Myanmar. Russia annexed Crimea in 2014.", "2022-01-08")
    (section,) = PloverEvents().table(record)
    assert section.columns == ("date", "actor", "action", "target", "location", "trigger", "flags")
    assert section.rows[0][:4] == ("2014", "Russia", "COERCE", "Crimea")
    assert any(row[2] == "MOBILIZE" and row[6] == "future" for row in section.rows)


def test_seed_events_floor(seed_scores):
    assert seed_scores["events"]["f1"] >= 0.70, seed_scores["events"]


def test_query_defaults_to_reported_events(tmp_path, extract):
    """Through a real DuckDB file and the CLI: negated and hypothetical events are stored with
    their flags and listed only with --include-negated; each date says where it came from."""
    text = ("Germany refused to lift sanctions on Iran on Friday. France could impose sanctions on Iran. "
            "Russia deployed troops to Belarus.")
    record = extract(text, "2022-01-08")
    db = tmp_path / "corpus.duckdb"
    with Store.open(db) as store:
        assert store_record(store, record)
    with Store.open(db, read_only=True) as store:
        reported = events(store, Filters(about="Iran")).dicts()
        everything = events(store, Filters(about="Iran", include_negated=True)).dicts()
        deployed = events(store, Filters(type="mobilize")).dicts()
    assert {(r["action"], r["actor"]) for r in reported} == {("REJECT", "Germany")}
    assert {(r["action"], r["actor"], r["negated"], r["modality"]) for r in everything} >= {
        ("REJECT", "Germany", False, "asserted"), ("CONCEDE", "Germany", True, "asserted"),
        ("SANCTION", "France", False, "hypothetical")}
    assert [(r["date"], r["date_source"]) for r in reported] == [("2022-01-07", "text")]
    assert [(r["date"], r["date_source"]) for r in deployed] == [("2022-01-08", "article")]
    out = tmp_path / "rows.json"
    for flag, expected in (([], {"REJECT"}), (["--include-negated"], {"REJECT", "CONCEDE", "SANCTION"})):
        with out.open("w") as handle, redirect_stdout(handle):
            assert main(["query", "events", "--about", "Iran", "--db", str(db), "--format", "json", *flag]) == 0
        assert {row["action"] for row in json.loads(out.read_text())} == expected
