"""One real-world actor, one entity, across a corpus: cases found in the first 1,000 Wikinews
politics articles (people sharing a surname, bodies and their parent organisation, a capital as
actor and as place, spelling variants, titles, particles and suffixes), each reproduced by short
articles of our own, ingested into a real DuckDB file and looked up as a user would."""
from __future__ import annotations

import json

import pytest

from newsgraph.cli.main import main
from newsgraph.query import entity_ids
from newsgraph.store import Store

ARTICLES = [
    ("bush-full", "President George W. Bush signed the budget on Monday. Bush said the law "
                  "would help farmers in Iowa and across the United States."),
    ("bush-short", "Bush told reporters that the troops would stay. The United States will "
                   "send more, the president said after a meeting with his cabinet."),
    ("senate-us", "The Senate passed the bill in Washington, and the United States will fund "
                  "it, United States officials said."),
    ("senate-au", "The Senate in Canberra rejected the plan, and Australia's leaders said "
                  "Australia would try again."),
    ("pope-full", "Margaret Pope opened the library in Leeds on Friday."),
    ("pope", "Pope said the harvest was poor. Farmers in Iowa agreed."),
    ("hillary", "Secretary of State Hillary Clinton met Condoleezza Rice and Kofi Annan in New "
                "York on Tuesday to discuss Sudan."),
    ("bill", "Former President Bill Clinton campaigned with Al Gore in Arkansas on Friday."),
    ("clinton-rice", "Clinton and Rice spoke again by telephone on Sunday about Sudan."),
    ("clinton-gore", "Clinton and Gore attended a fundraiser in Little Rock on Saturday."),
    ("un-bodies", "The United Nations Security Council met on Monday. The United Nations General "
                  "Assembly will vote next week, and the United Nations said aid would follow."),
    ("eu-bodies", "The European Commission proposed new rules on Monday. The European Parliament "
                  "must approve them, and the European Union will apply them from 2009."),
    ("qaeda-1", "Officials said al-Qaeda had claimed the attack in Yemen."),
    ("qaeda-2", "A statement attributed to al Qaeda was posted on the internet on Thursday."),
    ("capital-actor", "Washington said on Monday that it would send more aid. A bomb in Baghdad "
                      "killed five people, and Baghdad rejected the report."),
    ("blair", "Prime Minister Tony Blair arrived in Brussels. Mr Blair said Britain would "
              "support the plan, and Blair's spokesman confirmed the visit."),
    ("annan", "Annan urged both sides to stop fighting, Kofi Annan's office said on Wednesday."),
    ("abbas", "Palestinian President Mahmoud Abbas met Israeli officials. Abbas said talks would "
              "continue."),
    ("castro", "Cuban leader Fidel Castro gave a long speech in Havana. Castro praised the "
               "doctors."),
    ("leyen", "Ursula von der Leyen visited Kyiv on Monday. Von der Leyen promised more aid."),
    ("bin-laden", "Osama bin Laden released a new tape. Officials said bin Laden was alive."),
    ("administration", "The George W. Bush Administration announced new sanctions on Monday."),
    ("reyes", "Renato Reyes Jr. led the march in Manila on Monday. The group would return, Reyes said."),
    ("initials", "G.W. Bush met farmers in Texas on Saturday, the United States said."),
    ("liberal-ca-1", "The Liberal Party won the election in Canada. Canada's new government "
                     "will meet in Ottawa, and Canada expects a budget soon."),
    ("liberal-ca-2", "In Canada the Liberal Party promised lower taxes for families in Canada."),
    ("liberal-au", "Australia's Liberal Party chose a new leader in Canberra, and Australia's "
                   "voters will decide in March whether Australia changes course."),
    ("livni", "Foreign Minister Tzipi Livni won the vote. Livni thanked her party, and Livini "
              "said she would form a coalition."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("resolution")
    path = folder / "articles.jsonl"
    path.write_text("".join(json.dumps({"id": i, "published": "2007-05-01", "text": t}) + "\n"
                            for i, t in ARTICLES), encoding="utf-8")
    database = str(folder / "corpus.duckdb")
    assert main(["ingest", str(path), "--db", database]) == 0
    return database


def _entity(db: str, doc: str, text: str) -> tuple[str, str, str]:
    """(id, name, type) of the corpus entity a mention with this text has in one article."""
    with Store.open(db, read_only=True) as store:
        rows = store.fetch("""
            SELECT e.id, e.name, e.type FROM mentions m JOIN documents d ON d.key = m.doc
            JOIN entities e ON e.id = m.entity WHERE d.caller_id = ? AND m.text = ?""", [doc, text]).rows
    assert rows, f"no mention {text!r} in {doc}"
    return rows[0]


SAME = [  # (article, mention, article, mention): one entity
    ("bush-short", "Bush", "bush-full", "George W. Bush"),           # surname only, across articles
    ("bush-full", "Bush", "bush-full", "George W. Bush"),            # surname within the article
    ("clinton-rice", "Clinton", "hillary", "Hillary Clinton"),       # shared surname: context picks
    ("clinton-gore", "Clinton", "bill", "Bill Clinton"),
    ("qaeda-2", "al Qaeda", "qaeda-1", "al-Qaeda"),                  # spelling variants
    ("blair", "Blair", "blair", "Tony Blair"),                       # honorific + surname
    ("annan", "Annan", "hillary", "Kofi Annan"),                     # surname first, full name later
    ("abbas", "Abbas", "abbas", "Mahmoud Abbas"),
    ("castro", "Castro", "castro", "Fidel Castro"),
    ("leyen", "Leyen", "leyen", "Ursula von der Leyen"),             # particles
    ("bin-laden", "bin Laden", "bin-laden", "Osama bin Laden"),
    ("reyes", "Reyes", "reyes", "Renato Reyes Jr."),                 # suffix
    ("blair", "Blair", "blair", "Tony Blair"),
    ("livni", "Livini", "livni", "Tzipi Livni"),                     # a slip beside the right name
    ("initials", "G.W. Bush", "bush-full", "George W. Bush"),        # initials
    ("liberal-ca-2", "Liberal Party", "liberal-ca-1", "Liberal Party"),  # one party, one state
]
APART = [  # one entity each
    ("un-bodies", "United Nations Security Council", "un-bodies", "United Nations"),
    ("un-bodies", "United Nations General Assembly", "un-bodies", "United Nations"),
    ("un-bodies", "United Nations General Assembly", "un-bodies", "United Nations Security Council"),
    ("eu-bodies", "European Commission", "eu-bodies", "European Union"),
    ("eu-bodies", "European Parliament", "eu-bodies", "European Union"),
    ("clinton-rice", "Clinton", "clinton-gore", "Clinton"),          # two people, one surname
    ("capital-actor", "Baghdad", "capital-actor", "Washington"),
    ("pope", "Pope", "pope-full", "Margaret Pope"),                  # one candidate, no evidence
    ("liberal-au", "Liberal Party", "liberal-ca-1", "Liberal Party"),  # one name, two states
    ("senate-au", "Senate", "senate-us", "Senate"),                  # national bodies
]


@pytest.mark.parametrize("doc, text, other_doc, other_text", SAME)
def test_one_actor_one_entity(db, doc, text, other_doc, other_text):
    assert _entity(db, doc, text)[0] == _entity(db, other_doc, other_text)[0]


@pytest.mark.parametrize("doc, text, other_doc, other_text", APART)
def test_different_actors_stay_apart(db, doc, text, other_doc, other_text):
    assert _entity(db, doc, text)[0] != _entity(db, other_doc, other_text)[0]


def test_a_capital_acts_as_its_state_and_is_a_city_as_a_place(db):
    with Store.open(db, read_only=True) as store:
        rows = store.fetch("""
            SELECT m."start", e.name, e.type FROM mentions m JOIN documents d ON d.key = m.doc
            JOIN entities e ON e.id = m.entity WHERE d.caller_id = 'capital-actor'
              AND m.text IN ('Washington', 'Baghdad') ORDER BY m."start" """).rows
    assert [(name, type_) for _, name, type_ in rows] == [
        ("United States", "COUNTRY"), ("Baghdad", "CITY"), ("Iraq", "COUNTRY")]


def test_an_administration_is_a_body_not_a_person(db):
    _, name, type_ = _entity(db, "administration", "George W. Bush Administration")
    assert type_ == "ORG" and "administration" in name


@pytest.mark.parametrize("asked", ["President Bush", "Mr Bush", "george w. bush", "GEORGE W BUSH"])
def test_lookup_by_any_name_finds_george_w_bush(db, asked):
    with Store.open(db, read_only=True) as store:
        assert entity_ids(store, asked)[0] == _entity(db, "bush-full", "George W. Bush")[0]


def test_lookup_folds_accents_and_lists_homonyms(db, capsys):
    assert main(["show", "President Bush", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["entity"]["name"] == "George W. Bush"
    with Store.open(db, read_only=True) as store:
        assert entity_ids(store, "Ürsula von der Leyen")[0] == _entity(db, "leyen", "Ursula von der Leyen")[0]
        clintons = entity_ids(store, "Clinton")
    assert len(clintons) >= 2  # Hillary, Bill (and the unresolved one): all listed


def test_the_python_api_finds_an_entity_by_title_and_surname(db):
    import newsgraph
    with newsgraph.open(db) as corpus:
        assert corpus.entity("Mr Bush").name == "George W. Bush"
        assert corpus.entity("prime minister blair").name == "Tony Blair"


def test_the_page_search_folds_titles_and_accents(db):
    from newsgraph.query import Filters, entities
    with Store.open(db, read_only=True) as store:
        assert "George W. Bush" in [r[1] for r in entities(store, Filters(text="President Bush")).rows]
        assert "Ursula von der Leyen" in [r[1] for r in entities(store, Filters(text="ÜRSULA VON DER")).rows]
