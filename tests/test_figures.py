"""Figures as claims, sentence by sentence through the real pipeline, and the seed floor.

Each case lists every figure the sentence must yield (no more): value and unit always, and the
fields the case is about. measure is matched as a case-insensitive substring; subject, object and
source by entity name; time as the ISO value (publication date 2022-01-08, a Saturday).
"""
from __future__ import annotations

from typing import Any

import pytest

from newsgraph.model import ArticleRecord, Figure

PUBLISHED = "2022-01-08"
F = dict  # one expected figure

CASES: list[tuple[str, list[dict[str, Any]]]] = [
    # money: symbols, codes, currency words, scale words
    ("Kazakhstan's total trade with China was $21 billion in 2020.",
     [F(value=21e9, unit="USD", measure="total trade", subject="Kazakhstan", object="China", time="2020")]),
    ("The company raised US$5 million last year.", [F(value=5e6, unit="USD", time="2021")]),
    ("The bank lent the government £3.2bn.", [F(value=3.2e9, unit="GBP", measure="lent")]),
    ("The fund holds €700 million in assets.", [F(value=7e8, unit="EUR", measure="assets")]),
    ("Toyota reported profits of ¥2.5 trillion.",
     [F(value=2.5e12, unit="JPY", measure="profits", subject="Toyota")]),
    ("China pledged 50 billion yuan to the project.", [F(value=5e10, unit="CNY", subject="China")]),
    ("Russia spent 30 bn roubles on the war.", [F(value=3e10, unit="RUB", subject="Russia")]),
    ("The state fund paid 1.2 trillion tenge in subsidies.", [F(value=1.2e12, unit="KZT", measure="subsidies")]),
    ("The contract is worth USD 5m.", [F(value=5e6, unit="USD", measure="contract")]),
    ("China lent Russia $6bn last year.",
     [F(value=6e9, unit="USD", measure="lent", subject="China", object="Russia", time="2021")]),
    ("The bill is roughly $300 million.", [F(value=3e8, unit="USD", measure="bill", approximate=True)]),
    # percentages and percentage points
    ("Chinese companies account for around 17% of the oil extracted from Kazakhstan.",
     [F(value=17, unit="percent", approximate=True, measure="oil extracted from Kazakhstan", subject="China")]),
    ("The creditors forgave 80 percent of Iraq's debt.", [F(value=80, unit="percent", measure="debt", subject="Iraq")]),
    ("Protesters control 20% of Kazakhstan.", [F(value=20, unit="percent", subject="Kazakhstan")]),
    ("Inflation rose to 8.5 percent in December.",
     [F(value=8.5, unit="percent", measure="inflation", time="2021-12")]),
    ("Unemployment fell by 2 percentage points.", [F(value=2, unit="pp", measure="unemployment")]),
    ("The central bank raised rates by 50 basis points.", [F(value=50, unit="bp", measure="rates")]),
    ("Russia's share of the market was 3 per cent.",
     [F(value=3, unit="percent", measure="share", subject="Russia")]),
    ("China's exports rose 5% on Friday.",
     [F(value=5, unit="percent", measure="exports", subject="China", time="2022-01-07")]),
    # lengths, areas, masses (normalized to km, km2, t)
    ("China's approximately 1,100-mile border with Kazakhstan is long.",
     [F(value=1100, unit="mi", normalized=(1770.28, "km"), approximate=True, measure="border",
        subject="China", object="Kazakhstan")]),
    ("The pipeline runs 2,000 kilometres from the field to the coast.",
     [F(value=2000, unit="km", normalized=(2000, "km"), measure="pipeline")]),
    ("The wall is 30 metres high.", [F(value=30, unit="m", normalized=(0.03, "km"), measure="wall")]),
    ("The fire burned 9,000 square kilometres of forest.", [F(value=9000, unit="km2", measure="forest")]),
    ("The park covers 500 hectares.", [F(value=500, unit="ha", normalized=(5, "km2"), measure="park")]),
    ("The reservoir covers 120 square miles.", [F(value=120, unit="mi2", normalized=(310.8, "km2"))]),
    ("Kazakhstan exported 15 million tonnes of wheat.",
     [F(value=1.5e7, unit="t", measure="wheat", subject="Kazakhstan")]),
    ("Troops raided a camp 160 kilometres north of Baghdad.", [F(value=160, unit="km", measure="distance")]),
    ("Customs seized 200 kilograms of heroin.", [F(value=200, unit="kg", normalized=(0.2, "t"), measure="heroin")]),
    # oil and gas
    ("Kazakhstan pumps about 1.6 million barrels per day of oil.",
     [F(value=1.6e6, unit="bpd", approximate=True, measure="oil", subject="Kazakhstan")]),
    ("The field holds 2 billion barrels of oil.", [F(value=2e9, unit="bbl", measure="oil")]),
    ("Russia supplied 10 bcm of gas to China.",
     [F(value=10, unit="bcm", normalized=(1e10, "m3"), measure="gas", subject="Russia", object="China")]),
    ("The pipeline carries 38 billion cubic metres of gas a year.", [F(value=3.8e10, unit="m3", measure="gas")]),
    # counts of people
    ("Russia sent 2,000 troops to Kazakhstan.",
     [F(value=2000, unit="people", measure="troops", subject="Russia", object="Kazakhstan")]),
    ("Some 10,000 protesters gathered in Almaty.",
     [F(value=10000, unit="people", approximate=True, measure="protesters")]),
    ("The clashes left 164 dead and more than 2,000 injured.",
     [F(value=164, unit="people", measure="killed", bound=None),
      F(value=2000, unit="people", measure="injured", bound="min")]),
    ("Two soldiers were killed.", [F(value=2, unit="people", measure="killed")]),
    ("The government hired two million workers.", [F(value=2e6, unit="people", measure="workers")]),
    ("A hundred people gathered.", [F(value=100, unit="people", measure="people gathered")]),
    ("A million people marched.", [F(value=1e6, unit="people", measure="people marched")]),
    ("Some 2,000 Russian troops arrived.", [F(value=2000, unit="people", approximate=True, measure="troops")]),
    ("Tens of thousands of protesters marched.",
     [F(value=1e4, unit="people", approximate=True, bound="min", measure="protesters marched")]),
    ("Millions of people watched the debate.", [F(value=1e6, unit="people", approximate=True, bound="min")]),
    ("The scheme cost hundreds of millions of dollars.", [F(value=1e8, unit="USD", bound="min", measure="scheme")]),
    # durations
    ("The talks lasted six months.", [F(value=6, unit="month", measure="talks")]),
    ("People have predicted the collapse for 20 years.", [F(value=20, unit="year", measure=None)]),
    ("He served three weeks in prison.", [F(value=3, unit="week")]),
    # spelled-out numbers
    ("The plan costs twenty-five million dollars.", [F(value=2.5e7, unit="USD", measure="plan")]),
    ("Officials estimated the damage at two million dollars.", [F(value=2e6, unit="USD")]),
    # hyphenated adjectival forms
    ("A 15-year-old ban on imports was lifted.", [F(value=15, unit="year", measure="ban age")]),
    ("Xi made Kazakhstan a node of the trillion-dollar Belt and Road Initiative.",
     [F(value=1e12, unit="USD", subject="Belt and Road Initiative")]),
    ("The six-month truce expired.", [F(value=6, unit="month", measure="truce")]),
    ("They built a 47-mile road.", [F(value=47, unit="mi", normalized=(75.64, "km"), measure="road")]),
    # ranges keep both ends; "from X to Y" is two figures
    ("The project will cost $5bn-$6bn.", [F(value=5e9, value_high=6e9, unit="USD", measure="project")]),
    ("The deal could take five to six years.", [F(value=5, value_high=6, unit="year", measure="deal")]),
    ("Prices rose between 10 and 15 percent.", [F(value=10, value_high=15, unit="percent", measure="prices")]),
    ("Growth of 3-4% is expected.", [F(value=3, value_high=4, unit="percent", measure="growth")]),
    ("A loan of $5-6bn was agreed.", [F(value=5e9, value_high=6e9, unit="USD", measure="loan")]),
    ("Imports rose from $5bn to $6bn.",
     [F(value=5e9, unit="USD", value_high=None, measure="imports"), F(value=6e9, unit="USD", measure="imports")]),
    # hedges and bounds
    ("Nearly 40% of voters backed him.", [F(value=40, unit="percent", approximate=True, measure="voters")]),
    ("At least 30 people died.", [F(value=30, unit="people", bound="min", measure="killed")]),
    ("More than 5,000 people were detained.", [F(value=5000, unit="people", bound="min")]),
    ("Up to 3,000 troops could be deployed.", [F(value=3000, unit="people", bound="max", approximate=False)]),
    ("Less than 5% of the budget goes to defence.", [F(value=5, unit="percent", bound="max", measure="budget")]),
    ("The march drew 10,000 people or more.", [F(value=10000, unit="people", bound="min")]),
    # parenthetical conversions: two figures of one claim, linked
    ("The loan of $6bn (£3.2bn) was signed.",
     [F(value=6e9, unit="USD", measure="loan", linked=False),
      F(value=3.2e9, unit="GBP", measure="loan", linked=True)]),
    ("He was carrying R$200,000 (83,744.90 USD) in cash.",
     [F(value=2e5, unit="BRL", linked=False), F(value=83744.9, unit="USD", linked=True)]),
    ("The cuts could save about £1 billion (about $1.7 billion U.S. dollars).",
     [F(value=1e9, unit="GBP", approximate=True), F(value=1.7e9, unit="USD", approximate=True, linked=True)]),
    ("The border is 1,100 miles (1,770 km) long.",
     [F(value=1100, unit="mi", measure="border", linked=False), F(value=1770, unit="km", linked=True)]),
    # who says so
    ("Chinese companies account for around 17% of the oil extracted from Kazakhstan, compared to 3% by "
     "Russian companies and 30% by US companies, according to 2019 estimates from the Carnegie Moscow Center.",
     [F(value=17, unit="percent", subject="China", measure="oil", time="2019", source="Carnegie Moscow Center"),
      F(value=3, unit="percent", subject="Russia", measure="oil", time="2019", source="Carnegie Moscow Center"),
      F(value=30, unit="percent", subject="United States", measure="oil", source="Carnegie Moscow Center")]),
    ("In 2020, Kazakhstan's total trade with China was $21 billion, compared to $10 billion with Russia "
     "and $2 billion with the United States, according to figures from the Carnegie Moscow Center.",
     [F(value=21e9, unit="USD", subject="Kazakhstan", object="China", measure="total trade", time="2020",
        source="Carnegie Moscow Center"),
      F(value=1e10, unit="USD", subject="Kazakhstan", object="Russia", measure="total trade", time="2020"),
      F(value=2e9, unit="USD", subject="Kazakhstan", object="United States", measure="total trade")]),
    # a seat of government that speaks is its state (entities: "the Kremlin said" -> Russia)
    ("Russia sent 2,000 troops to Kazakhstan, the Kremlin said.",
     [F(value=2000, unit="people", subject="Russia", source="Russia")]),
    ("According to the World Bank, China's economy grew 8 percent in 2021.",
     [F(value=8, unit="percent", measure="economy", subject="China", time="2021", source="World Bank")]),
    ("Figures from the International Monetary Fund show debt of $400 billion.",
     [F(value=4e11, unit="USD", measure="debt", source="International Monetary Fund")]),
    # when
    ("In August last year, Russia exported $3 billion of arms to India.",
     [F(value=3e9, unit="USD", measure="arms", subject="Russia", object="India", time="2021-08")]),
    ("In the early 2000s, oil output in Kazakhstan grew 10%.",
     [F(value=10, unit="percent", measure="oil output", subject="Kazakhstan", time="2000s")]),
    # counts of things: the article's noun is the unit, in the plural or its canonical name
    ("The Social Democratic Party, which won 60 seats, formed a government.",
     [F(value=60, unit="seats", measure="won seats", subject="Social Democratic Party")]),
    ("The Liberal Party won 40 seats to the Conservatives' 35.",
     [F(value=40, unit="seats", subject="Liberal Party"), F(value=35, unit="seats", measure="seats")]),
    ("Voters cast 2.1 million ballots.", [F(value=2.1e6, unit="votes", measure="cast votes")]),
    ("The army deployed 40 tanks and 12 helicopters.",
     [F(value=40, unit="tanks", measure="deployed tanks"), F(value=12, unit="helicopters", measure="deployed")]),
    ("Officials counted ballots at 3,500 polling stations.", [F(value=3500, unit="polling stations")]),
    ("Russia shot down three Ukrainian jets.", [F(value=3, unit="aircraft", subject="Russia")]),
    ("They elected a 300-seat assembly.", [F(value=300, unit="seats", measure="assembly seats")]),
    # counts of people fold to people and keep their noun
    ("About 300 monks marched in Yangon.",
     [F(value=300, unit="people", of="monks", approximate=True, measure="monks marched", subject="Yangon")]),
    ("Six Tibetans were arrested.", [F(value=6, unit="people", of="tibetans", measure="arrested")]),
    ("The bombing left 12 Iraqi soldiers dead.",
     [F(value=12, unit="people", of="soldiers", measure="killed", subject="Iraq")]),
    ("Rebels killed 40 villagers in Mali.", [F(value=40, unit="people", of="villagers", measure="killed",
                                              subject="Mali")]),
    ("Three of the five defendants were convicted.",
     [F(value=3, unit="people", of="defendants", measure="convicted")]),
    ("He already has more than 30 co-sponsors.", [F(value=30, unit="people", of="co-sponsors", bound="min")]),
    ("Over 300 returned home on Friday.", [F(value=300, unit="people", bound="min", measure="returned")]),
    ("The death toll rose to 52.", [F(value=52, unit="people", measure="killed")]),
    ("The bombing killed 40 and wounded 120.",
     [F(value=40, unit="people", measure="killed"), F(value=120, unit="people", measure="injured")]),
    ("The parliament has 450 members.", [F(value=450, unit="people", of="members", measure="members")]),
    # ages are ages, not counts or periods
    ("Maria Lopez, 54, was elected mayor.", [F(value=54, unit="year", measure="age", subject="Maria Lopez")]),
    ("Tomas Berg, age 41, left the company.", [F(value=41, unit="year", measure="age", subject="Tomas Berg")]),
    ("The 800-year-old mosque was damaged.", [F(value=800, unit="year", measure="mosque age")]),
    ("He was sentenced to 12 years in prison.", [F(value=12, unit="year", measure="prison")]),
    # a figure inside a quote takes the quote's speaker as its source
    ('"We counted 5,000 protesters on the square," said police chief Anna Berg.',
     [F(value=5000, unit="people", of="protesters", source="Anna Berg")]),
    # subject and object from the syntax: possessor, prepositional complement
    ("Kazakhstan's exports of $21 billion went mostly to China.",
     [F(value=21e9, unit="USD", measure="exports", subject="Kazakhstan")]),
    ("The bank agreed a loan of $6bn to Rosneft.", [F(value=6e9, unit="USD", measure="loan", object="Rosneft")]),
    ("The airline signed a contract worth $5 billion.", [F(value=5e9, unit="USD", measure="contract")]),
    ("Refunds totalling $2 million were paid.", [F(value=2e6, unit="USD", measure="refunds")]),
    ("Inflation rates soared, reaching 80%.", [F(value=80, unit="percent", measure="inflation")]),
    ("The flood claimed the lives of 30 people.", [F(value=30, unit="people", measure="killed")]),
    ("Senator Maria Lopez said she already has 25 co-sponsors.",
     [F(value=25, unit="people", of="co-sponsors", subject="Maria Lopez", source="Maria Lopez")]),
    ("Some 500 protesters gathered at a square near Tahrir Square.",
     [F(value=500, unit="people", measure="protesters gathered", subject="Tahrir Square")]),
    ("Two Indonesian women, 23 and 27, have tested positive.",
     [F(value=2, unit="people", of="women"), F(value=23, unit="year", measure="age"),
      F(value=27, unit="year", measure="age")]),
    ("The farm had more than 160,000 birds killed.", [F(value=1.6e5, unit="birds", bound="min", measure="killed")]),
    ("There are two clusters of cases.", [F(value=2, unit="clusters")]),
    ("He spent three years in Paris and wrote two books.",
     [F(value=3, unit="year", subject=None), F(value=2, unit="books", measure="wrote books")]),
    # ordinals, dates, clock times, phone numbers and ranks are never figures
    ("The 3rd Infantry Division moved north.", []),
    ("On 12 March 2021 the court ruled.", []),
    ("The attack began at 10:30 on Monday.", []),
    ("Call 555-0142 for details.", []),
    ("Call +44 20 7946 0958 or 0800 123 456 for details.", []),
    ("UN Resolution 1701 ended the 2006 war.", []),
    ("They secured a 3-0 victory over Spain.", []),
    ("The meeting starts at 9 am and ends at 5.30 pm.", []),
    ("The team is ranked No. 4 in the world.", []),
    ("One man said the two countries had agreed.", []),
    ("Two-thirds majorities would be required.", []),
    ("The price was $1e400 per share.", []),
    # years, dates and bare counts are not figures
    ("Xi unveiled the plan in 2013.", []),
    ("The bus left at around 0815 hours on Thursday.", []),
    ("Members of the One People's Project protested.", []),
    ("On 5 January 2022, the protests began.", []),
    ("The two countries signed the deal.", []),
    ("A day earlier, he spoke.", []),
    ("Two days later, talks resumed.", []),
    ("In 2020 protesters stormed the building.", []),
    ("COVID-19 spread across the G20.", []),
    ('| WIDTH=25% BGCOLOR="#808080" | What the report says', []),
]


def _name(record: ArticleRecord, entity_id: str | None) -> str | None:
    entity = record.entity(entity_id)
    return entity.name if entity else None


def _mismatches(figure: Figure, expected: dict[str, Any], record: ArticleRecord) -> list[str]:
    wrong = []
    for key, want in expected.items():
        if key == "value" or key == "value_high":
            got = getattr(figure, key)
            ok = (got is None) if want is None else (got is not None and abs(got - want) <= 1e-6 * abs(want))
        elif key == "measure":
            got = figure.measure
            ok = got is None if want is None else (got or "").lower().find(want.lower()) >= 0
        elif key in ("subject", "object", "source"):
            got = _name(record, getattr(figure, key))
            ok = got == want
        elif key == "normalized":
            got = (figure.normalized.value, figure.normalized.unit) if figure.normalized else None
            ok = got is not None and abs(got[0] - want[0]) <= 0.01 * abs(want[0]) and got[1] == want[1]
        elif key == "linked":
            got = figure.linked_to
            ok = (got is not None) == want
        else:
            got = getattr(figure, key)
            ok = got == want
        if not ok:
            wrong.append(f"{key}: got {got!r}, want {want!r}")
    return wrong


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:48] for c in CASES])
def test_figures(extract, sentence: str, expected: list[dict[str, Any]]) -> None:
    record = extract(sentence, PUBLISHED)
    figures = list(record.figures)
    assert len(figures) == len(expected), [(f.text, f.value, f.unit) for f in figures]
    for figure, want in zip(figures, expected):
        assert not _mismatches(figure, want, record), (figure.text, _mismatches(figure, want, record))


def test_linked_conversion_points_at_its_figure(extract) -> None:
    record = extract("The loan of $6bn (£3.2bn) was signed.", PUBLISHED)
    first, second = record.figures
    assert second.linked_to == first.id and first.linked_to is None


def test_currencies_are_not_converted(extract) -> None:
    (figure,) = extract("The bank lent the government £3.2bn.", PUBLISHED).figures
    assert (figure.normalized.value, figure.normalized.unit) == (3.2e9, "GBP")


def test_relative_times_need_a_publication_date(extract) -> None:
    (figure,) = extract("China lent Russia $6bn last year.").figures
    assert figure.time is None


def test_table_reads_as_claims(extract) -> None:
    from newsgraph.extract.registry import discover
    record = extract("In 2020, Kazakhstan's total trade with China was $ 21 billion, according to figures "
                     "from the Carnegie Moscow Center.", PUBLISHED)
    figures = next(e for e in discover() if e.section == "figures")
    (section,) = figures.table(record)
    assert section.rows[0][1] == ("Kazakhstan — total trade with China — $21 billion — 2020 — "
                                  "source: Carnegie Moscow Center")


def test_a_sentence_without_subject_takes_the_article_topic(extract) -> None:
    record = extract("Chile held a referendum on Sunday. Chile's turnout was high. "
                     "The council has 155 members.", PUBLISHED)
    (figure,) = record.figures
    assert (_name(record, figure.subject), figure.subject_from) == ("Chile", "article")
    from newsgraph.extract.figures.extractor import claim
    assert claim(figure, record).startswith("[Chile] — members — 155 members")


def test_periods_and_ages_do_not_take_the_article_topic(extract) -> None:
    record = extract("Chile held a referendum on Sunday. Chile voted. The count took two days.", PUBLISHED)
    (figure,) = record.figures
    assert (figure.unit, figure.subject, figure.subject_from) == ("day", None, None)


def test_a_subject_from_the_sentence_is_not_marked(extract) -> None:
    (figure,) = extract("Russia sent 2,000 troops to Kazakhstan.", PUBLISHED).figures
    assert figure.subject_from is None and figure.of == "troops"


def test_the_title_names_the_topic(extract, nlp) -> None:
    from newsgraph.model import Article
    from newsgraph.pipeline import record_of
    text = "France and Spain met in Madrid. The council has 155 members. Spain left. Spain stayed."
    record = record_of(nlp(text), Article(text=text, origin="<test>", title="French voters go to the polls"))
    figure = record.figures[0]
    assert (_name(record, figure.subject), figure.subject_from) == ("France", "article")


def test_canonical_measures_group_the_same_fact() -> None:
    from newsgraph.extract.figures.frame import canonical_measure
    assert {canonical_measure(m) for m in ("death toll", "soldiers shot dead", "people died", "killed")} == {"killed"}
    assert {canonical_measure(m) for m in ("wounded", "injuries", "people hurt")} == {"injured"}
    assert canonical_measure("won seats") == "won seats"


def test_seed_floor(seed_scores) -> None:
    figures = seed_scores["figures"]
    assert figures["f1"] >= 0.90, figures
    assert figures["subject_accuracy"] >= 0.80, figures
    assert figures["measure_accuracy"] >= 0.80, figures


def test_find_amounts_is_linear_on_long_mixed_numbers() -> None:
    """Tens of kilobytes of numbers, currencies, percent signs and range words (which once made
    find_amounts recurse on every prefix) complete, and the amounts in it are still read right."""
    import random

    from newsgraph.extract.figures.quantities import find_amounts
    pieces = ["$", "€", "%", " ", "5", "12,000", "-", " to ", " and ", "3.5", "bn", "£7", "9%"]
    rng = random.Random(22)
    noise = "".join(rng.choice(pieces) for _ in range(12_000))
    text = "Imports rose from $5bn to $6bn. " + noise + " Growth of 3-4% is expected; the loan was €700 million."
    found = find_amounts(text)
    assert [(a.value, a.unit.code) for a in found[:2]] == [(5e9, "USD"), (6e9, "USD")]
    (growth,) = [a for a in found if a.text == "3-4%"]
    assert (growth.value, growth.value_high) == (3, 4)
    assert (found[-1].value, found[-1].unit.code) == (7e8, "EUR")
    assert all(a.start < a.end and text[a.start:a.end] == a.text for a in found)


@pytest.mark.parametrize("text", ["The bid was $1e400.", "It cost $" + "9" * 400 + ".",
                                  "Loss: Infinity dollars", "Up 1" + "0" * 30 + "%"])
def test_non_finite_or_absurd_numbers_are_never_figures(text: str) -> None:
    import math

    from newsgraph.extract.figures.quantities import MAX_VALUE, find_amounts
    assert all(math.isfinite(a.value) and a.value <= MAX_VALUE for a in find_amounts(text))
    assert not [a for a in find_amounts(text) if a.value > 1]
