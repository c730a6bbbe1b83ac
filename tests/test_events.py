"""Events: PLOVER category, actor, target (or place) and certainty, read from one clause.

Each row is a sentence through the real pipeline and one event it must contain:
(sentence, action, actor, target or place, negated, modality). None as actor means no actor
may be named: the sentence gives none, and none may be borrowed from elsewhere.
"""
from __future__ import annotations

import pytest

from newsgraph.extract.events.extractor import PloverEvents
from newsgraph.model import ArticleRecord, Event

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
    ("France will host a summit with Germany next week.", "CONSULT", None, "Germany", False, F),
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

# Sentences that must yield no reported fact (every event in them is flagged, or there is none).
NO_FACTS = [
    "China is not a member of the alliance.",
    "Xi unveiled the Belt and Road Initiative in 2013.",
    "The measure would aim to increase Russia's influence over China.",
    "Beijing has a lot to lose if Moscow attacks Kazakhstan.",
    "He did not say whether Kazakhstan had invited Russian troops.",
    "Germany refused to lift sanctions on Iran.",
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


@pytest.mark.parametrize("sentence, published, date", [
    ("Russia and Turkey signed a supply deal in Ankara on Monday.", "2022-01-08", "2022-01-03"),
    ("Russia annexed Crimea in 2014.", None, "2014"),
    ("Xi offered verbal support to Tokayev on Friday.", "2022-01-08", "2022-01-07"),
    ("Russia deployed troops to Belarus.", "2022-01-08", None),
    ("Wang said on Friday that China supports Kazakhstan.", "2022-01-08", "2022-01-07"),
])
def test_event_date(extract, sentence, published, date):
    record = extract(sentence, published)
    assert record.events and record.events[0].date == date, _described(record)


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
