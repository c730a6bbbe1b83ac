"""Places: every country, region, city and site on the map, through the real pipeline."""
from __future__ import annotations

import math

import pytest

from newsgraph.extract.places.index import GeoIndex, geo_index
from newsgraph.extract.places.extractor import GeoNamesPlaces, places_of
from newsgraph.model import Article, ArticleRecord, Entity, Place
from newsgraph.pipeline import record_of


def place_of(record: ArticleRecord, mention: str) -> Place | None:
    """The place of the entity mentioned as `mention` (exact surface text, else name or alias)."""
    text = record.document.text
    entity = next((e for e in record.entities if any(text[s:t] == mention for s, t in e.mentions)), None)
    entity = entity or next((e for e in record.entities
                             if mention.casefold() in {n.casefold() for n in (e.name, *e.aliases)}), None)
    return next((p for p in record.places if entity and p.entity == entity.id), None)


# -- the seed article ---------------------------------------------------------------------------
SEED = [  # mention, country, feature, GeoNames id
    ("Bishkek", "KG", "capital", 1528675),
    ("Kyrgyzstan", "KG", "country", 1527747),
    ("Astana", "KZ", "capital", 1526273),
    ("Kazakhstan", "KZ", "country", 1522867),
    ("Xinjiang", "CN", "admin1", 1529047),
    ("Uzen oil and gas field", "KZ", "site", None),
    ("Singapore", "SG", "country", 1880251),
    ("Russia", "RU", "country", 2017370),  # "as Moscow, an ideological ally" acts: Russia
    ("Afghanistan", "AF", "country", 1149361),
]


@pytest.mark.parametrize(("mention", "country", "feature", "geonames_id"), SEED)
def test_seed_places(seed_record, mention, country, feature, geonames_id):
    place = place_of(seed_record, mention)
    assert place is not None, f"{mention} has no place"
    assert (place.country, place.feature, place.geonames_id) == (country, feature, geonames_id)
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180 and place.evidence


def test_seed_every_country_and_city_is_placed(seed_record):
    placed = {p.entity for p in seed_record.places}
    missing = [e.name for e in seed_record.entities if e.type in {"COUNTRY", "CITY"} and e.id not in placed]
    assert not missing


def test_seed_site_sits_in_its_country(seed_record):
    site, country = place_of(seed_record, "Uzen oil and gas field"), place_of(seed_record, "Kazakhstan")
    assert (site.lat, site.lon) == (country.lat, country.lon)
    assert "Kazakhstan" in site.evidence


# -- ambiguous and tricky mentions --------------------------------------------------------------
CASES = [  # text, mention, country, feature (None: any), admin1 contains (None: any)
    ("Georgia and Armenia signed a border deal, officials in Tbilisi said.", "Georgia", "GE", "country", None),
    ("Russia fought a brief war with Georgia in 2008.", "Georgia", "GE", "country", None),
    ("Protesters gathered in Atlanta, Georgia, on Sunday.", "Georgia", "US", "admin1", "Georgia"),
    ("Protesters gathered in Atlanta, Georgia, on Sunday.", "Atlanta", "US", "city", "Georgia"),
    ("The governor of the U.S. state of Georgia signed the bill.", "Georgia", "US", "admin1", "Georgia"),
    ("Voters in Georgia, Florida and Alabama went to the polls on Tuesday.", "Georgia", "US", "admin1", "Georgia"),
    ("ATLANTA (AP) - Georgia lawmakers passed a budget on Friday.", "Georgia", "US", "admin1", "Georgia"),
    ("TBILISI (Reuters) - Georgia will hold elections in October.", "Georgia", "GE", "country", None),
    ("Officials in Washington imposed new sanctions on Iran.", "Washington", "US", "capital", "Columbia"),
    ("She moved to Washington, D.C., in 2019.", "Washington", "US", "capital", "Columbia"),
    ("The summit was held in Paris last week.", "Paris", "FR", "capital", None),
    ("The film was shot in Paris, Texas, a small town.", "Paris", "US", "city", "Texas"),
    ("Floods hit Texas and Oklahoma on Monday.", "Texas", "US", "admin1", "Texas"),
    ("Floods hit Texas and Oklahoma on Monday.", "Oklahoma", "US", "admin1", "Oklahoma"),
    ("Oil production in Texas rose sharply.", "Texas", "US", "admin1", "Texas"),
    ("The rally took place in Springfield, Illinois.", "Springfield", "US", "city", "Illinois"),
    ("A factory closed in Springfield, Massachusetts, last year.", "Springfield", "US", "city", "Massachusetts"),
    ("Residents of Springfield, Mo., protested the plan.", "Springfield", "US", "city", "Missouri"),
    ("The mayor of Springfield spoke to reporters.", "Springfield", "US", "city", None),
    ("SPRINGFIELD, Ill. (AP) - The governor signed the bill.", "Ill.", "US", "admin1", "Illinois"),
    ("Farmers in Pakistan's Punjab province lost their crops.", "Punjab", "PK", "admin1", "Punjab"),
    ("Police in Amritsar, in India's Punjab state, arrested three men.", "Punjab", "IN", "admin1", "Punjab"),
    ("Elections in Punjab, India, drew a record turnout.", "Punjab", "IN", "admin1", "Punjab"),
    ("Floods in Lahore and across Punjab killed dozens in Pakistan.", "Punjab", "PK", "admin1", "Punjab"),
    ("AMRITSAR, India (Reuters) - Floods swept Punjab.", "Punjab", "IN", "admin1", "Punjab"),
    ("Explosions were heard in Kiev on Monday.", "Kiev", "UA", "capital", None),
    ("Talks were held in Macedonia last year.", "Macedonia", "MK", "country", None),
    ("North Macedonia joined NATO in 2020.", "North Macedonia", "MK", "country", None),
    ("The ministers met in Bishkek, Kyrgyzstan, on Friday.", "Bishkek", "KG", "capital", None),
    ("Officials in Astana denied the report.", "Astana", "KZ", "capital", None),
    ("The conference was held in Nur-Sultan in 2019.", "Nur-Sultan", "KZ", "capital", None),
    ("The army seized power in Burma in 2021.", "Burma", "MM", "country", None),
    ("The army seized power in Myanmar in 2021.", "Myanmar", "MM", "country", None),
    ("The U.S. imposed tariffs on steel.", "U.S.", "US", "country", None),
    ("A startup in San Jose, Calif., raised $10 million.", "Calif.", "US", "admin1", "California"),
    ("A startup in San Jose, Calif., raised $10 million.", "San Jose", "US", "city", "California"),
    ("The bank opened an office in San Jose, Costa Rica.", "San Jose", "CR", None, None),
    ("Camps in Xinjiang hold many Uyghurs, rights groups say.", "Xinjiang", "CN", "admin1", "Xinjiang"),
    ("The ferry sank off Sakhalin, in the far east of Russia.", "Sakhalin", "RU", "admin1", None),
    ("Singapore signed a trade pact with Japan.", "Singapore", "SG", "country", None),
    ("Trade between Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan grew.", "Kyrgyzstan", "KG", "country", None),
    ("Trade between Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan grew.", "Tajikistan", "TJ", "country", None),
    ("Trade between Kazakhstan, Kyrgyzstan, Tajikistan and Uzbekistan grew.", "Uzbekistan", "UZ", "country", None),
    ("Leaders from France, Germany and Italy met in Rome.", "Germany", "DE", "country", None),
    ("Leaders from France, Germany and Italy met in Rome.", "Rome", "IT", "capital", None),
    ("Flights from London, Paris and Berlin were cancelled.", "London", "GB", "capital", None),
    ("The plant in London, Ontario, will close.", "London", "CA", "city", "Ontario"),
    ("KYIV, Ukraine (Reuters) - Ukraine said on Monday that drones hit an oil depot.", "Ukraine", "UA", "country", None),
    ("Flooding in Alexandria forced thousands from their homes, Egypt's government said.", "Alexandria", "EG", "city", None),
    ("Alexandria, Virginia, is a suburb of Washington.", "Alexandria", "US", "city", "Virginia"),
    ("Fighting continued near Donetsk, in eastern Ukraine.", "Donetsk", "UA", "city", None),
    ("Fighting continued near Bakhmut, in the Donetsk region.", "Bakhmut", "UA", "city", "Donet"),
    ("An explosion hit a chemical plant in Rotterdam.", "Rotterdam", "NL", "city", None),
    ("China opened a consulate in Almaty, Kazakhstan's largest city.", "Almaty", "KZ", "city", None),
    ("The Uzen oil and gas field in Kazakhstan produced less oil.", "Uzen oil and gas field", "KZ", "site", None),
    ("Protests spread across Central Asia.", "Central Asia", None, "region", None),
    ("Oil prices rose after attacks in the Middle East.", "Middle East", None, "region", None),
    ("Moscow and Beijing signed a deal on gas supplies in Shanghai.", "Shanghai", "CN", "city", None),
    ("The Soviet Union collapsed in 1991.", "Soviet Union", "SU", "historic", None),
    ("Investors in Hong Kong sold shares.", "Hong Kong", "HK", None, None),
    ("The storm hit Cordoba, Argentina, on Sunday.", "Cordoba", "AR", "city", None),
    ("Tourists crowded the old town of Cordoba, in southern Spain.", "Cordoba", "ES", "city", None),
    ("The team flew to Perth, Australia.", "Perth", "AU", "city", None),
    ("The team flew to Perth, Scotland.", "Perth", "GB", "city", None),
    ("The storm hit Sydney, Nova Scotia.", "Sydney", "CA", "city", "Nova Scotia"),
    ("Officials in Victoria, British Columbia, declared an emergency.", "Victoria", "CA", "city", "British Columbia"),
    ("The ship docked in Tripoli, Lebanon.", "Tripoli", "LB", "city", None),
    ("Militias clashed in Tripoli, the Libyan capital.", "Tripoli", "LY", "capital", None),
    ("Ghana and Nigeria agreed to expand trade.", "Nigeria", "NG", "country", None),
    ("Voters in Quebec rejected independence.", "Quebec", "CA", "admin1", None),
    ("Quebec City hosted the summit.", "Quebec City", "CA", "city", None),
    ("Floods hit Mexico and Guatemala.", "Mexico", "MX", "country", None),
    ("Berlin and Paris pushed for a deal, officials said in Brussels.", "Brussels", "BE", "capital", None),
    ("Clashes erupted in Lagos, Nigeria's largest city.", "Lagos", "NG", "city", None),
    ("Talks in Geneva, Switzerland, ended without a deal.", "Geneva", "CH", "city", None),
    ("Officials in Tehran and Riyadh met in Baghdad.", "Baghdad", "IQ", "capital", None),
]


@pytest.mark.parametrize(("text", "mention", "country", "feature", "admin1"), CASES,
                         ids=[f"{m}:{t[:30]}" for t, m, *_ in CASES])
def test_tricky_mentions(extract, text, mention, country, feature, admin1):
    place = place_of(extract(text), mention)
    assert place is not None, f"{mention!r} has no place"
    assert place.country == country, place.evidence
    if feature:
        assert place.feature == feature, place.evidence
    if admin1:
        assert admin1 in (place.admin1 or ""), place.admin1


RECOVERED = [  # places the NER leaves untagged, found by the gazetteer: text, mention, country, feature
    ("Explosions were heard in Kyiv on Monday.", "Kyiv", "UA", "capital"),
    ("KYIV, Ukraine (Reuters) - Drones hit an oil depot.", "KYIV", "UA", "capital"),
    ("Drones hit Odesa and Kharkiv overnight.", "Kharkiv", "UA", "city"),
    ("Fighting near Bakhmut and Avdiivka continued.", "Bakhmut", "UA", "city"),
    ("Shelling hit the Donetsk region overnight.", "Donetsk", "UA", "admin1"),
]


@pytest.mark.parametrize(("text", "mention", "country", "feature"), RECOVERED)
def test_places_the_ner_missed(extract, text, mention, country, feature):
    place = place_of(extract(text), mention)
    assert place is not None and (place.country, place.feature) == (country, feature)


@pytest.mark.parametrize("text", [
    "The leader of Independence spoke in March.",
    "Will Smith and Florence Pugh starred in the film.",
    "The Reading room was closed on Sunday.",
])
def test_common_words_are_not_recovered_as_places(extract, text):
    assert not extract(text).places


def test_demonyms_are_not_places(extract):
    record = extract("Chinese companies invested heavily, Kazakh officials said.")
    assert not record.places


def test_unresolvable_place_leaves_the_others(extract):
    record = extract("Delegates travelled from Qzxvbland and from Paris.")
    assert place_of(record, "Paris") is not None


def test_an_unknown_entity_beside_known_ones():
    entities = [Entity("e1", "Zzyzxqor", "CITY", mentions=((0, 8),)),
                Entity("e2", "Lima", "CITY", mentions=((12, 16),))]
    places = places_of(entities, "Zzyzxqor and Lima")
    assert [(p.entity, p.country) for p in places] == [("e2", "PE")]


@pytest.mark.parametrize(("name", "type_", "country", "feature"), [
    ("Osh Province", "CITY", "KG", "admin1"),           # an admin suffix asks for the region
    ("Taipei City", "CITY", "TW", "capital"),
    ("Washington, DC", "CITY", "US", "capital"),         # the first part inside the second
    ("Democratic Republic of Congo", "CITY", "CD", "country"),
    ("Gaza", "REGION", "PS", "admin1"),                   # the curated region, not Mozambique's Gaza
    ("Punjab", "REGION", "PK", "admin1"),                 # no context: the larger of the two
    ("North Sea", "LOCATION", None, "physical"),          # the sea itself, no village of New York
    ("Black Sea", "LOCATION", None, "physical"),
])
def test_names_as_entities_carry_them(name, type_, country, feature):
    places = places_of([Entity("e1", name, type_, mentions=((0, len(name)),))], name)
    assert [(p.country, p.feature) for p in places] == ([(country, feature)] if feature else [])


def test_table_lists_coordinates_and_evidence(seed_record):
    (section,) = GeoNamesPlaces().table(seed_record)
    assert "evidence" in section.columns and len(section.rows) == len(seed_record.places)
    bishkek = next(row for row in section.rows if row[0] == "Bishkek")
    assert "Kyrgyzstan" in bishkek[-1] and bishkek[2].startswith("42.")


# -- the index ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("variant", "name"), [
    ("Kiev", "Kyiv"), ("Nur-Sultan", "Astana"), ("Burma", "Myanmar"), ("Calif.", "California"),
    ("U.S.", "United States"), ("Bombay", "Mumbai"), ("Zürich", "Zurich")])
def test_variants_share_a_place(variant, name):
    index = geo_index()
    ids = {e.gid for e in index.lookup(name) if not e.alternate}
    assert ids & {e.gid for e in index.lookup(variant)}


def test_index_opens_read_only_and_answers():  # its speed is bench/places.py's to measure
    index = GeoIndex(geo_index().path)
    assert any(e.kind == "city" and e.country == "FR" for e in index.lookup("Paris"))


# -- coordinates by convention ------------------------------------------------------------------
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.mark.parametrize(("name", "kind", "lat", "lon", "gid"), [
    ("United States", "country", 39.76, -98.5, 6252001),   # place_points.tsv: the reference point
    ("Africa", "macroregion", 7.19, 21.09, 6255146),        # GeoNames' own continent row
    ("South America", "macroregion", -14.6, -57.66, 6255150),
    ("Black Sea", "physical", 43.0, 35.0, 630673),          # a sea has coordinates
    ("Texas", "admin1", 31.0, -99.0, 4736286),              # the state's own point, not its cities' mean
    ("Ontario", "admin1", 50.0, -85.0, 6093943),
    ("New York", "admin1", 42.5, -75.0, 5128638),           # a geocoder's point at the city gives way
])
def test_reference_points(name, kind, lat, lon, gid):
    entry = next(e for e in geo_index().lookup(name) if e.kind == kind)
    assert km(entry.lat, entry.lon, lat, lon) < 161 and entry.gid == gid


def test_counties_below_the_first_level_are_places():
    kinds = {(e.kind, e.country) for e in geo_index().lookup("Suffolk")}
    assert ("admin2", "GB") in kinds and ("city", "US") in kinds


# -- every place-name mention gets a place, whatever NER called it ------------------------------
@pytest.mark.parametrize(("text", "mention", "country"), [
    ("The student was infected in Nottingham last spring.", "Nottingham", "GB"),   # NER: PERSON
    ("Officials in Krasnodar, Russia, reported the outbreak.", "Krasnodar", "RU"),  # NER: ORG
    ("The outbreak reached Giza, Luxor and Aswan by May.", "Luxor", "EG"),          # a list of places
    ("Horses were moved in regional NSW last week.", "NSW", "AU"),                  # an abbreviation
    ("The outbreak reached Pulawy, Poland in May.", "Pulawy", "PL"),               # ORG; "ł" folds to "l"
    ('Over 150,000 "stall wallahs" in Calcutta will be shown how to wash.', "Calcutta", "IN"),  # a PRODUCT
])
def test_mislabelled_place_names_get_places(extract, text, mention, country):
    place = place_of(extract(text), mention)
    assert place is not None and place.country == country


@pytest.mark.parametrize("text", [
    "Paris Hilton arrived late to the party.",
    "According to Yap, the tests were negative.",          # "according to" names a person
    "Jordan Peterson met Michael Jordan at the stadium.",
    "Mr. Lincoln spoke in the hall.",
    "The mission was sent to Victoria Beckham.",
])
def test_person_names_stay_persons(extract, text):
    assert not extract(text).places


def test_a_state_that_opens_a_bodys_name_is_a_place_mention(extract):
    text = "A spokesman for the U.S. Centers for Disease Control said the outbreak was over."
    record = extract(text)
    us = next(p for p in record.places if p.country == "US")
    assert [text[s:t] for s, t in us.mentions] == ["U.S."]
    assert any(e.type == "ORG" and e.name.startswith("U.S. Centers") for e in record.entities)  # the body stays whole


@pytest.mark.parametrize(("text", "word"), [
    ("She taught law at the University of Ghana for a decade.", "Ghana"),   # the body's head is last
    ("Volunteers of the Free Tibet Campaign marched on Sunday.", "Free"),   # "Free" of "Free State" is a word
])
def test_words_inside_bodies_that_stay_the_body(extract, text, word):
    record = extract(text)
    start = text.index(word)
    assert not any(s == start for p in record.places for s, _ in p.mentions)


# -- per-mention places -------------------------------------------------------------------------
def test_a_capital_that_acts_is_the_state_from_its_city(extract):
    text = "Cairo said on Monday that clashes in Cairo had ended. Egypt denied the reports."
    record = extract(text)
    egypt = next(e for e in record.entities if e.name == "Egypt")
    places = [p for p in record.places if p.entity == egypt.id]
    state = next(p for p in places if p.feature == "country")
    capital = next(p for p in places if p.feature == "capital")
    assert [text[s:t] for s, t in state.mentions] == ["Egypt"]
    assert [text[s:t] for s, t in capital.mentions] == ["Cairo"] and capital.mentions[0][0] == 0
    assert km(capital.lat, capital.lon, 30.04, 31.24) < 20
    cairo = next(e for e in record.entities if e.type == "CITY" and e.name == "Cairo")
    city = next(p for p in record.places if p.entity == cairo.id)   # "clashes in Cairo": the city
    assert city.feature == "capital" and text[slice(*city.mentions[0])] == "Cairo" and city.mentions[0][0] > 0


def test_a_state_named_only_by_its_capital_is_on_the_map_at_the_capital(extract):
    (place,) = extract("Paris said the deal was dead.").places
    assert place.feature == "capital" and place.country == "FR" and km(place.lat, place.lon, 48.86, 2.35) < 20


def test_place_mentions_are_stored(extract, tmp_path):
    from corpus_fixtures import store_record
    from newsgraph.store import Store

    record = extract("Cairo said on Monday that clashes in Cairo had ended. Egypt denied the reports.")
    with Store.open(tmp_path / "places.duckdb") as store:
        store_record(store, record)
        rows = store.fetch("SELECT feature, mentions, evidence FROM places ORDER BY feature").rows
    assert ("capital", [[0, 5]], "capital acting for Egypt") in rows
    assert ("country", [[54, 59]]) in [row[:2] for row in rows]


# -- context decides ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "mention", "country", "feature"), [
    ("Bird flu was found on farms in Suffolk and Norfolk, and England ordered a cull.", "Suffolk", "GB", "admin2"),
    ("Floods hit Norfolk, Virginia, on Tuesday.", "Norfolk", "US", "city"),
    ("Relief goods reached villages in Samar after the typhoon hit the Philippines.", "Samar", "PH", "admin2"),
    ("Shops reopened in Nottingham on Saturday.", "Nottingham", "GB", "city"),  # the town, not its county
])
def test_context_chooses_the_county_or_town(extract, text, mention, country, feature):
    place = place_of(extract(text), mention)
    assert place is not None and (place.country, place.feature) == (country, feature), place and place.evidence


@pytest.mark.parametrize(("url", "country"), [
    ("https://www.example.co.uk/news/1", "GB"),
    ("https://www.example.us/news/1", "US"),
])
def test_the_sources_country_counts_as_context(nlp, url, country):
    text = "Officials in Suffolk said the flooding had eased by Tuesday."
    record = record_of(nlp(text), Article(text=text, origin="<test>", url=url))
    assert place_of(record, "Suffolk").country == country


def test_a_place_named_often_outweighs_one_named_once():
    entities = [Entity("e1", "Victoria", "REGION", mentions=((0, 8),)),
                Entity("e2", "Canada", "COUNTRY", "CA", mentions=((20, 26),)),
                Entity("e3", "Australia", "COUNTRY", "AU", mentions=((40, 49), (60, 69), (80, 89)))]
    text = "Victoria" + " " * 12 + "Canada" + " " * 14 + ("Australia" + " " * 11) * 3
    victoria = next(p for p in places_of(entities, text) if p.entity == "e1")
    assert victoria.country == "AU", victoria.evidence


def test_a_town_abroad_nothing_supports_is_not_chosen(extract):
    record = extract("Protesters from Bayan rallied in Manila and Quezon City, Philippines, on Monday.")
    bayan = place_of(record, "Bayan")
    assert bayan is None or bayan.country == "PH"           # never the Chinese town of that name
    assert place_of(record, "Quezon City").country == "PH"


# -- demonyms and names a disease carries -------------------------------------------------------
def test_a_demonym_about_location_is_a_place_mention(extract):
    text = "Troops crossed onto Russian soil, while Russian officials met in Geneva."
    russia = next(p for p in extract(text).places if p.country == "RU")
    assert [text[s:t] for s, t in russia.mentions] == ["Russian"] and russia.mentions[0][0] == 20


def test_a_name_a_disease_carries_is_no_place(extract):
    assert not extract("Cases of West Nile virus rose in the county.").places
