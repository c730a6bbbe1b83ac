"""Entities resolved within an article: typing, merging, demonyms and metonyms (issue 2)."""
import pytest


def entity_named(record, name):
    return next((e for e in record.entities if e.name == name), None)


@pytest.mark.parametrize("text, name, type_, country", [
    ("Chinese leader Xi Jinping met officials. Xi later left.", "Xi Jinping", "PERSON", None),
    ("The talks were held by the Collective Security Treaty Organization in Minsk.",
     "Collective Security Treaty Organization", "IGO", None),
    ("Kazakhstan joined the SCO in 2001.", "Shanghai Cooperation Organization", "IGO", None),
    ("Nato allies met in Brussels on Tuesday.", "North Atlantic Treaty Organization", "IGO", None),
    ("Troops arrived in Kazakhstan on Thursday.", "Kazakhstan", "COUNTRY", "KZ"),
    ("The US and the United Kingdom issued a joint statement.", "United States", "COUNTRY", "US"),
    ("Officials in Xinjiang denied the report.", "Xinjiang", "REGION", "CN"),
    ("Leaders gathered in Central Asia for a summit.", "Central Asia", "REGION", None),
    ("The OSCE Academy in Bishkek hosted the meeting.", "Bishkek", "CITY", "KG"),
    ("A Beijing-based organization published the figures.", "Beijing", "CITY", "CN"),
    ("Chinese companies extract oil there.", "China", "COUNTRY", "CN"),
    ("The Taliban took Kabul in August.", "Taliban", "GROUP", None),
    ("Xi unveiled the Belt and Road Initiative in 2013.", "Belt and Road Initiative", "OTHER", None),
    ("Oil pumps from the Uzen oil and gas field in Kazakhstan.", "Uzen oil and gas field", "LOCATION", None),
    ("The Soviet Union collapsed in 1991.", "Soviet Union", "COUNTRY", "SU"),
    ("Georgia and Armenia signed the accord.", "Georgia", "COUNTRY", "GE"),
    ("Protesters marched in Texas and in Ohio.", "Texas", "REGION", "US"),
    ("The news was first reported by Reuters.", "Reuters", "ORG", None),
])
def test_entity_typed(extract, text, name, type_, country):
    entity = entity_named(extract(text), name)
    assert entity is not None, [e.name for e in extract(text).entities]
    assert entity.type == type_
    assert entity.country == country


@pytest.mark.parametrize("text, canonical, alias", [
    ("Chinese President Xi Jinping spoke on Monday. Xi said the talks went well.", "Xi Jinping", "Xi"),
    ("Wang Wenbin answered questions. Mr. Wang declined to elaborate.", "Wang Wenbin", "Wang"),
    ("The Shanghai Cooperation Organization met. The SCO issued a statement.",
     "Shanghai Cooperation Organization", "SCO"),
    ("Beijing is taking a wait-and-see approach, and China will not intervene.", "China", "Beijing"),
    ("Moscow sent troops, and Russia said more would follow.", "Russia", "Moscow"),
    ("Sergey Radchenko of Johns Hopkins School of Advanced International Studies spoke. "
     "Johns Hopkins declined to comment.", "Johns Hopkins School of Advanced International Studies", "Johns Hopkins"),
    ("Kazakh President Kassym-Jomart Tokayev spoke. Tokayev thanked allies.", "Kassym-Jomart Tokayev", "Tokayev"),
    ("The United States and the US Congress disagreed, the United States said.", "United States", "US"),
])
def test_mentions_merge_into_one_entity(extract, text, canonical, alias):
    record = extract(text)
    entity = entity_named(record, canonical)
    assert entity is not None, [e.name for e in record.entities]
    assert alias in entity.aliases
    assert not entity_named(record, alias)  # no second entity under the short name


def test_capital_as_actor_is_the_state_and_as_place_a_city(extract):
    record = extract("Beijing said it was alarmed by the unrest in Beijing.")
    china, city = entity_named(record, "China"), entity_named(record, "Beijing")
    assert china and china.type == "COUNTRY" and len(china.mentions) == 1
    assert city and city.type == "CITY" and len(city.mentions) == 1


def test_mentions_point_at_their_words(extract):
    text = "Oil pumps in Kazakhstan. Chinese firms extract 17% of Kazakhstan's oil."
    record = extract(text)
    for entity in record.entities:
        for start, end in entity.mentions:
            assert text[start:end] in {entity.name, *entity.aliases}


def test_demonym_compound_names_both_states(extract):
    record = extract("People have predicted the collapse of Sino-Russian relations for years.")
    assert {"China", "Russia"} <= {e.name for e in record.entities}


def test_markup_debris_is_not_an_entity(extract):
    record = extract('See http://www.example.org/page.htm and WIDTH=25% BGCOLOR="#d0d0d0" for Iraq.')
    assert all("=" not in e.name and "://" not in e.name for e in record.entities)


@pytest.mark.parametrize("text, expected", [
    ("Kazakh President Kassym-Jomart Tokayev spoke. Tokayev thanked allies.",
     {("Kazakhstan", "COUNTRY"), ("Kassym-Jomart Tokayev", "PERSON")}),
    ("Beijing is sitting on the sidelines as Moscow, an ideological ally, handles the task.",
     {("China", "COUNTRY"), ("Russia", "COUNTRY")}),
    ("The summit was held in Kazakhstan's capital, Astana, then known as Nur-Sultan.",
     {("Kazakhstan", "COUNTRY"), ("Astana", "CITY")}),
    ("The Moscow mayor closed the metro.", {("Moscow", "CITY")}),
    ("Kyiv said the talks failed.", {("Ukraine", "COUNTRY")}),
    ("Protesters gathered in a Kazakh city on Friday.", {("Kazakhstan", "COUNTRY")}),
    ("The OSCE Academy in Bishkek, Kyrgyzstan, hosted the meeting.",
     {("OSCE Academy", "ORG"), ("Bishkek", "CITY"), ("Kyrgyzstan", "COUNTRY")}),
])
def test_capitals_titles_and_trailing_nouns(extract, text, expected):
    assert {(e.name, e.type) for e in extract(text).entities} == expected


@pytest.mark.parametrize("text, name", [
    ("Both parties signed the Good Friday Agreement in 1998.", "Good Friday Agreement"),
    ("Ukraine and Russia agreed to the Minsk Protocol.", "Minsk Protocol"),
])
def test_documents_and_plans_are_other(extract, text, name):
    entity = entity_named(extract(text), name)
    assert entity is not None and entity.type == "OTHER"


@pytest.mark.parametrize("text, name, type_", [
    ("Fires spread across Washington state on Monday.", "Washington", "CITY"),
    ("Shelling was reported near Goma on Friday.", "Goma", "CITY"),
    ("Washington imposed sanctions on Moscow.", "United States", "COUNTRY"),
])
def test_capital_or_town_by_context(extract, text, name, type_):
    entity = entity_named(extract(text), name)
    assert entity is not None and entity.type == type_


# Issue 13: one actor, one entity within an article (sentences of our own).
@pytest.mark.parametrize("text, canonical, alias", [
    ("Minister Karl Atta-Berg spoke on Monday. Atta Berg said the vote was fair.", "Karl Atta-Berg", "Atta Berg"),
    ("Senator Marta Quintero arrived. Quintero told reporters she would vote no.", "Marta Quintero", "Quintero"),
    ("Ursula von der Leyen visited Kyiv on Monday. Von der Leyen promised aid.", "Ursula von der Leyen", "Leyen"),
    ('Benjamin "Bibi" Netanyahu spoke first. Bibi needs allies, one analyst said.', "Benjamin Netanyahu", "Bibi"),
    ("Chairman Pavel Drozdov opened the session. Later Drozdovv closed it, Pavel Drozdov said.",
     "Pavel Drozdov", "Drozdovv"),
    ("G.W. Bush and George W. Bush are one man, wrote the historian.", "George W. Bush", "G.W. Bush"),
    ("The European Commission fined the firm. The Commission said it would appeal.", "European Commission", "Commission"),
    ("The Kadima Party won 28 seats, and Kadima will lead the talks.", "Kadima Party", "Kadima"),
    ("Voters in Tain District queued early. In Tain the count ended late.", "Tain District", "Tain"),
    ("The African Union sent observers, and the A.U. praised the count.", "African Union", "A.U."),
    ("Renato Reyes Jr. led the march on Monday. The group would return, Reyes said.", "Renato Reyes Jr.", "Reyes"),
])
def test_names_of_one_actor_merge(extract, text, canonical, alias):
    record = extract(text)
    entity = entity_named(record, canonical)
    assert entity is not None, [(e.name, e.aliases) for e in record.entities]
    assert alias in entity.aliases, entity.aliases
    assert not entity_named(record, alias)


@pytest.mark.parametrize("text, apart", [
    ("The United Nations said the United Nations Security Council would meet.",
     ["United Nations", "United Nations Security Council"]),
    ("The House Foreign Affairs Committee met before the House voted.", ["House Foreign Affairs Committee", "House"]),
])
def test_bodies_stay_apart(extract, text, apart):
    names = [e.name for e in extract(text).entities]
    assert all(name in names for name in apart), names


@pytest.mark.parametrize("text, absent", [
    ("Turnout was high in the north. Officials said turnout reached a record.", "Turnout"),
    ("Near Barkhor, one man said two soldiers stood guard.", "Near Barkhor"),
    ("The George W. Bush Administration announced new sanctions.", "George W. Bush"),
    ("The National Democratic Congress (NDC) won the vote.", "National Democratic Congress (NDC"),
])
def test_no_entity_from_debris_or_titles(extract, text, absent):
    record = extract(text)
    assert not entity_named(record, absent), [(e.name, e.type) for e in record.entities]
    assert all(e.type != "PERSON" or "administration" not in e.name.lower() for e in record.entities)


@pytest.mark.parametrize("text, seat, state", [
    ("The Kremlin said on Monday that talks would resume. Leaders met at the Kremlin in May.", "Kremlin", "Russia"),
    ("The White House rejected the plan. Protesters gathered outside the White House.", "White House", "United States"),
])
def test_a_seat_that_acts_is_its_state_and_a_place_otherwise(extract, text, seat, state):
    record = extract(text)
    country, place = entity_named(record, state), entity_named(record, seat)
    assert country is not None and country.type == "COUNTRY" and seat in country.aliases
    assert place is not None and place.type == "LOCATION"


def test_an_untagged_name_after_a_title_is_a_person(extract):
    record = extract("On Monday the President of Moldova Ion Vartanescu announced new elections.")
    person = entity_named(record, "Ion Vartanescu")
    assert person is not None and person.type == "PERSON", [(e.name, e.type) for e in record.entities]


@pytest.mark.parametrize("text, name, type_", [
    ("President George W. Bush spoke. Protesters camped near Bush's ranch and wrote to Bush. Bush said no.",
     "George W. Bush", "PERSON"),
    ("The European Parliament debated the bill. In London, Parliament voted on it.", "Parliament", "ORG"),
])
def test_a_bare_name_keeps_its_own_sense(extract, text, name, type_):
    record = extract(text)
    entity = entity_named(record, name)
    assert entity is not None and entity.type == type_, [(e.name, e.type, e.aliases) for e in record.entities]
    assert not any(e.type == "CITY" and e.name == "Bush" for e in record.entities)
