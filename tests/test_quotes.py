"""Quotes and who said them (issue 3): a table of passages in wire, broadsheet and broadcast
styles through the real pipeline, plus the seed floor.

Each row: (passage, expected quotes in text order). An expected quote is
(speaker entity name or None, words its text contains, kind or None for either).
The number of quotes must match exactly: a table row with [] asserts nothing is a quote.
"""
from __future__ import annotations

import pytest

Q = tuple[str | None, str, str | None]

CASES: list[tuple[str, str, list[Q]]] = [
    # -- direct speech -------------------------------------------------------------------
    ("direct_inverted_title", '"We will not back down," said John Smith, the mayor of Springfield.',
     [("John Smith", "We will not back down", "direct")]),
    ("direct_curly_told", "“The talks were productive,” Dmitry Peskov told reporters on Monday.",
     [("Dmitry Peskov", "The talks were productive", "direct")]),
    ("direct_colon_lead", 'Maria Lopez said: "The vaccine is safe and effective."',
     [("Maria Lopez", "The vaccine is safe and effective", "direct")]),
    ("direct_appositive_name", '"Prices will keep rising this year," the central bank governor, Andrew Bailey, said.',
     [("Andrew Bailey", "Prices will keep rising this year", "direct")]),
    ("direct_broadcast_colon", 'Boris Johnson told the BBC: "We will not negotiate with terrorists."',
     [("Boris Johnson", "We will not negotiate with terrorists", "direct")]),
    ("direct_question", '"Why now?" asked Elizabeth Warren.',
     [("Elizabeth Warren", "Why now?", "direct")]),
    ("direct_two_speakers", '"We are ready," said John Smith. "We are not," replied Jane Doe.',
     [("John Smith", "We are ready", "direct"), ("Jane Doe", "We are not", "direct")]),
    ("direct_pronoun_lead", 'Chancellor Angela Merkel spoke in Berlin on Monday. She added: "The decision is final."',
     [("Angela Merkel", "The decision is final", "direct")]),
    ("direct_single_curly", "‘We will fight on,’ the party leader, Keir Starmer, said.",
     [("Keir Starmer", "We will fight on", "direct")]),
    ("direct_multi_sentence", '"We have done our job. Now it is up to the parliament," said Peter Hall.',
     [("Peter Hall", "We have done our job. Now it is up to the parliament", "direct")]),
    # -- split around the cue ------------------------------------------------------------
    ("split_straight", 'Anna Berg spoke in Oslo on Tuesday. "We will go," she said, "but not now."',
     [("Anna Berg", "We will go, but not now", "direct")]),
    ("split_curly_honorific", "Ruth Keller is Germany’s envoy. “This is not a war,” Ms. Keller said, “it is a police operation.”",
     [("Ruth Keller", "This is not a war, it is a police operation", "direct")]),
    ("split_inverted", '"The border is closed," said Ivan Petrov, "and it will stay closed."',
     [("Ivan Petrov", "The border is closed, and it will stay closed", "direct")]),
    # -- several paragraphs and continuation marks ---------------------------------------
    ("multi_paragraph", '"The first thing we did was call the police.\n\n"Then we waited for hours," said Tom Baker.',
     [("Tom Baker", "call the police. Then we waited for hours", "direct")]),
    ("uncued_follow_up_joined", '"We are ready," said John Smith. "We have been preparing for this moment for years."',
     [("John Smith", "We are ready. We have been preparing for this moment for years", "direct")]),
    ("next_paragraph_follow_up",
     '"The first thing we did was call the police," said Tom Baker.\n\n"Then we waited for hours and nobody came to help us."',
     [("Tom Baker", "call the police", "direct"), ("Tom Baker", "nobody came to help us", "direct")]),
    ("follow_up_after_indirect_person",
     'Kris Hanna said the minister was a symbol of power.\n\n"They are willing to kill to exploit the resources of other countries."',
     [("Kris Hanna", "the minister was a symbol of power", "indirect"),
      ("Kris Hanna", "They are willing to kill", "direct")]),
    ("follow_up_not_given_to_agency",
     'Reuters reported that 2,000 people attended the service. "What happened here was a genocide and nobody was punished."',
     [("Reuters", "2,000 people attended the service", "indirect"), (None, "What happened here was a genocide", "direct")]),
    # -- unbalanced and lost marks -------------------------------------------------------
    ("unbalanced_no_close_lead", 'Hassan Ali said: "We are not leaving this city.',
     [("Hassan Ali", "We are not leaving this city", "direct")]),
    ("unbalanced_no_open", 'We are not leaving this city," Hassan Ali said.',
     [("Hassan Ali", "We are not leaving this city", "direct")]),
    ("unbalanced_runs_over_cue", '"We are not leaving this city, Hassan Ali said.',
     [("Hassan Ali", "We are not leaving this city", "direct")]),
    ("lost_marks_pronoun",
     "Sergey Radchenko is an expert on Chinese foreign policy.\n\nChina has been completely excluded from this, he said.",
     [("Sergey Radchenko", "China has been completely excluded from this", "direct")]),
    ("lost_marks_middle_cue",
     "The two powers can rekindle the competition, said Michael Clarke. In this area, he said, China has the upper hand.",
     [("Michael Clarke", "The two powers can rekindle the competition", "direct"),
      ("Michael Clarke", "China has the upper hand", "direct")]),
    ("lost_marks_she", "Niva Yau is a senior researcher in Bishkek. The danger is that Russia controls the route, she said.",
     [("Niva Yau", "Russia controls the route", "direct")]),
    ("lost_marks_inverted_honorific",
     "Ruth Keller spoke in Brussels. For Europe, added Ms. Keller, the stakes are higher than ever.",
     [("Ruth Keller", "the stakes are higher than ever", "direct")]),
    ("lost_marks_continuation_modal",
     "To some extent, Beijing accepts the deal, said Raffaello Pantucci. The Russians stabilizing the region may not be a bad result.",
     [("Raffaello Pantucci", "may not be a bad result", "direct")]),
    ("lost_marks_continuation_but",
     "Sergey Radchenko teaches in Washington. People have predicted the collapse of the alliance for years, said Mr. Radchenko. "
     "But their ties have only grown stronger.",
     [("Sergey Radchenko", "their ties have only grown stronger", "direct")]),
    ("lost_marks_narration_not_swept",
     "The ceasefire is fragile, political analysts have said. Ethnic Kazakhs frequently cross the border.",
     [(None, "The ceasefire is fragile", "direct")]),
    # -- inverted cue with a title -------------------------------------------------------
    ("inverted_title_dropped",
     "The economy is recovering, said Raffaello Pantucci, a senior researcher at the Royal United Services Institute.",
     [("Raffaello Pantucci", "The economy is recovering", "direct")]),
    ("inverted_argued", "The reforms came too late, argued Maria Gonzalez, an economist at the University of Madrid.",
     [("Maria Gonzalez", "The reforms came too late", "direct")]),
    ("tail_with_appositive",
     "Russia and China will not allow the West to push Kazakhstan into turmoil, Hu Xijin, a nationalist commentator, wrote on Twitter.",
     [("Hu Xijin", "will not allow the West to push Kazakhstan into turmoil", "direct")]),
    ("tail_relative_clause", "The economy is recovering, said John Smith, who heads the central bank.",
     [("John Smith", "The economy is recovering", "direct")]),
    ("tail_then_participle", "The talks were useful, Ivan Petrov said, adding that a deal was close.",
     [("Ivan Petrov", "The talks were useful", "direct"), ("Ivan Petrov", "a deal was close", "indirect")]),
    # -- indirect speech -----------------------------------------------------------------
    ("indirect_said", "John Smith said the plan would cost $2 billion.",
     [("John Smith", "the plan would cost $2 billion", "indirect")]),
    ("indirect_that_appositive", "Ivan Petrov, the defence minister, said on state television that the operation was over.",
     [("Ivan Petrov", "the operation was over", "indirect")]),
    ("indirect_after_participle_frame",
     "Speaking to the BBC on Sunday, Foreign Secretary David Lammy said the ceasefire must hold.",
     [("David Lammy", "the ceasefire must hold", "indirect")]),
    ("direct_age_and_job", '"We\'re not going anywhere," said Maria Santos, 45, a nurse at the hospital.',
     [("Maria Santos", "We're not going anywhere", "direct")]),
    ("indirect_told_agency", "Angela Ruiz told Reuters that the company had no plans to sell.",
     [("Angela Ruiz", "the company had no plans to sell", "indirect")]),
    ("indirect_wrote_on_twitter", "Peter Chen wrote on Twitter that the election had been stolen.",
     [("Peter Chen", "the election had been stolen", "indirect")]),
    ("indirect_described_as", "Wang Wenbin spoke on Thursday. A day earlier, Mr. Wang had described the unrest as an internal affair.",
     [("Wang Wenbin", "an internal affair", "indirect")]),
    ("indirect_warned", "Dr. Maria Santos warned that the outbreak could spread to neighbouring countries.",
     [("Maria Santos", "the outbreak could spread", "indirect")]),
    ("indirect_insisted", "Jane Doe insisted the money had been returned.",
     [("Jane Doe", "the money had been returned", "indirect")]),
    ("indirect_stressed", "Sam Lee stressed that no decision had been made.",
     [("Sam Lee", "no decision had been made", "indirect")]),
    ("indirect_participle",
     "Chinese President Xi Jinping offered support to Tokayev on Friday, saying he opposed outside forces creating unrest.",
     [("Xi Jinping", "he opposed outside forces creating unrest", "indirect")]),
    ("indirect_group_critics", "Critics argue that the law restricts free speech.",
     [(None, "the law restricts free speech", "indirect")]),
    ("indirect_pronoun_she", "Maria Lopez, the company's chief executive, spoke at the meeting. She said profits would double.",
     [("Maria Lopez", "profits would double", "indirect")]),
    ("indirect_gender_from_honorific",
     "Mr. Kenji Tanaka met Ms. Yuko Sato in Tokyo on Monday. She said the talks had been useful.",
     [("Yuko Sato", "the talks had been useful", "indirect")]),
    ("indirect_gender_from_earlier_pronoun",
     "Hillary Clinton met voters in Ohio. Barack Obama thanked his staff. She said the race was not over.",
     [("Hillary Clinton", "the race was not over", "indirect")]),
    ("indirect_nearest_speaker_in_paragraph",
     'John Smith said the plan would work. Jane Doe disagreed. He added that costs would fall.',
     [("John Smith", "the plan would work", "indirect"), ("John Smith", "costs would fall", "indirect")]),
    # -- according to --------------------------------------------------------------------
    ("according_to_tail", "The army will withdraw by Friday, according to Defence Minister Ivan Petrov.",
     [("Ivan Petrov", "The army will withdraw by Friday", "indirect")]),
    ("according_to_lead", "According to John Smith, the talks will resume next week.",
     [("John Smith", "the talks will resume next week", "indirect")]),
    ("according_to_middle", "Niva Yau works in Bishkek. The worst outcome, according to Ms. Yau, would be a long war.",
     [("Niva Yau", "would be a long war", "indirect")]),
    ("according_to_data_not_a_quote", "Exports fell 5% last year, according to government data.", []),
    ("according_to_figures_not_a_quote", "Turnout was 60%, according to figures from the election commission.", []),
    ("according_to_source_dropped_for_verb",
     "Chinese President Xi Jinping spoke to Tokayev on Friday, according to Xinhua News Agency, saying he supported the crackdown.",
     [("Xi Jinping", "he supported the crackdown", "indirect")]),
    # -- roles and institutions ----------------------------------------------------------
    ("role_spokesman", "Foreign Ministry spokesman Wang Wenbin spoke on Friday. The spokesman said China supports all efforts to restore calm.",
     [("Wang Wenbin", "China supports all efforts to restore calm", "indirect")]),
    ("role_president", "Emmanuel Macron is the president of France. The president added that the border would reopen soon.",
     [("Emmanuel Macron", "the border would reopen soon", "indirect")]),
    ("role_without_holder", "The sanctions are working, the official said.",
     [(None, "The sanctions are working", "direct")]),
    ("institution_body_noun",
     "The Chinese Foreign Ministry issued a statement on Friday. The ministry said it opposed outside interference.",
     [("Chinese Foreign Ministry", "it opposed outside interference", "indirect")]),
    ("institution_metonym", "Beijing described the embargo as a violation of international law.",
     [("China", "a violation of international law", "indirect")]),
    ("institution_igo", "NATO said it would send more troops to the region.",
     [("North Atlantic Treaty Organization", "it would send more troops", "indirect")]),
    ("institution_country", "Russia said its troops would leave Kazakhstan within days.",
     [("Russia", "its troops would leave Kazakhstan", "indirect")]),
    ("institution_then_they",
     "The World Bank said on Monday that the loans would resume within days. They said more details would follow.",
     [("World Bank", "the loans would resume within days", "indirect"), ("World Bank", "more details would follow", "indirect")]),
    # -- groups are never a nearby person -------------------------------------------------
    ("group_not_nearby_person", "Joe Biden visited the base on Monday. Officials said the strike had killed a commander.",
     [(None, "the strike had killed a commander", "indirect")]),
    ("group_analysts_say", "Analysts say the move will weaken the currency.",
     [(None, "the move will weaken the currency", "indirect")]),
    ("group_with_example", "Some analysts, such as Sergey Radchenko, say the alliance is weak.",
     [(None, "the alliance is weak", "indirect")]),
    # -- not quotes ----------------------------------------------------------------------
    ("declined_to_comment", "A spokesman for the company declined to comment.", []),
    ("refused_to_say", "Jane Doe refused to say whether she would run again.", []),
    ("negated_cue", "Xi Jinping did not say whether the troops would stay.", []),
    ("no_response", "The White House did not respond to a request for comment.", []),
    ("scare_quotes", 'The so-called "color revolution" has failed.', []),
    ("title_in_quotes", 'She starred in the film "Blue Moon" last year.', []),
    ("narration_only", "Reuters could not independently verify the report.", []),
    ("opinion_verb", "Chinese leaders feared the Soviet Union would annex Xinjiang.", []),
    ("cue_verb_with_plain_object", "The company added 300 jobs last year.", []),
    ("reported_figure_not_speech", "Reuters reported a loss of $2 billion.", []),
    ("wrote_a_book", "Jane Doe wrote a book about the war.", []),
    ("object_content_denied", "Russia denied any involvement in the attack.",
     [("Russia", "any involvement in the attack", "indirect")]),
    # -- speakers through the article (issue 15) -----------------------------------------
    ("she_paragraph_after_paragraph",
     'Maria Lopez, a nurse from Leeds, joined the union in 2019.\n\nShe said the wards were understaffed.\n\n'
     '"We cannot go on like this," she said.',
     [("Maria Lopez", "the wards were understaffed", "indirect"), ("Maria Lopez", "We cannot go on like this", "direct")]),
    ("first_name_gender", "Peter Hall met Maria Lopez in Paris on Monday. She said the talks had failed.",
     [("Maria Lopez", "the talks had failed", "indirect")]),
    ("pronoun_prefers_subject", "The head of the bank, Peter Hall, met Tom Baker on Monday. He said rates would rise.",
     [("Peter Hall", "rates would rise", "indirect")]),
    ("quotation_paragraph_after_introduction",
     'Maria Lopez has run the shelter for a decade.\n\n"Every winter the queue gets longer and the beds run out."',
     [("Maria Lopez", "the queue gets longer", "direct")]),
    ("change_of_speaker_resets",
     '"We will win this seat," said Tom Baker.\n\nHis opponent, Maria Lopez, has led the polls since March.\n\n'
     '"The voters want a change and they will get one."',
     [("Tom Baker", "We will win this seat", "direct"), ("Maria Lopez", "The voters want a change", "direct")]),
    ("role_noun_minister", "Foreign Minister Ivan Petrov arrived in Oslo on Monday. The minister said the border would reopen.",
     [("Ivan Petrov", "the border would reopen", "indirect")]),
    ("role_noun_age", "Tom Baker met reporters in Leeds. The 45-year-old said he would stand again.",
     [("Tom Baker", "he would stand again", "indirect")]),
    ("body_noun_company", "Nordic Steel posted a loss on Friday. The company said demand had collapsed.",
     [("Nordic Steel", "demand had collapsed", "indirect")]),
    ("who_said", "The plan was backed by Anna Berg, who said it would save money.",
     [("Anna Berg", "it would save money", "indirect")]),
    ("apposed_name", "One nurse, Maria Lopez, said the wards were full.",
     [("Maria Lopez", "the wards were full", "indirect")]),
    # -- a voice speaks for its body (gold convention: an unnamed spokesperson) -----------
    ("spokesman_for_body", "A spokesman for the World Bank said the loans would resume.",
     [("World Bank", "the loans would resume", "indirect")]),
    ("official_by_demonym", "A Chinese official said the talks would continue.",
     [("China", "the talks would continue", "indirect")]),
    ("officials_by_demonym", "Kenyan officials said the captives would be freed.",
     [("Kenya", "the captives would be freed", "indirect")]),
    ("government_by_demonym", "The Peruvian government said the attack was unprovoked.",
     [("Peru", "the attack was unprovoked", "indirect")]),
    # -- reported speech and belief as PolNeAR annotates it ------------------------------
    ("believes_that", "Maria Lopez believes that the reform will fail.",
     [("Maria Lopez", "the reform will fail", "indirect")]),
    ("thinks_clause", "Tom Baker thinks the market has peaked.", [("Tom Baker", "the market has peaked", "indirect")]),
    ("told_reporters", "Tom Baker told reporters the deal was done.", [("Tom Baker", "the deal was done", "indirect")]),
    ("tweeted_that", "Maria Lopez tweeted that the vote had been delayed.",
     [("Maria Lopez", "the vote had been delayed", "indirect")]),
    ("in_a_statement", "In a statement, the World Bank said the loans would resume.",
     [("World Bank", "the loans would resume", "indirect")]),
    ("nominal_claim", "Maria Lopez rejected Tom Baker's claim that the vote was rigged.",
     [("Tom Baker", "the vote was rigged", "indirect")]),
    ("nominal_view_is", "Anna Berg spoke on Monday. Her view is that the deal is dead.",
     [("Anna Berg", "the deal is dead", "indirect")]),
    ("according_to_poll", "Turnout will be high, according to a new poll.", [(None, "Turnout will be high", "indirect")]),
    ("evidence_found", "A report by the World Bank found that poverty had fallen.", [(None, "poverty had fallen", "indirect")]),
    ("poll_share", "Fifty-two percent of voters said the economy was their main worry.",
     [(None, "the economy was their main worry", "indirect")]),
    ("participle_is_its_own_cue", "Anna Berg said the deal was fair, adding that talks would go on.",
     [("Anna Berg", "the deal was fair", "indirect"), ("Anna Berg", "talks would go on", "indirect")]),
    ("signed_with_dash", '“The new park has changed our street for the better.” ― Anna Berg\n“We waited ten years for it.” ― Tom Baker',
     [("Anna Berg", "changed our street for the better", "direct"), ("Tom Baker", "We waited ten years for it", "direct")]),
    ("doubled_apostrophes", "''We will not sign,'' said Tom Baker.", [("Tom Baker", "We will not sign", "direct")]),
    ("headline_colon", "Baker: Plan Will Fail Within a Year\n\nTom Baker spoke in Leeds on Monday.",
     [("Tom Baker", "Plan Will Fail Within a Year", "indirect")]),
    ("headline_label_is_no_speaker", "Exclusive: The Plan Will Fail\n\nTom Baker spoke in Leeds on Monday.", []),
    # -- boundaries and kind -------------------------------------------------------------
    ("mixed_partial_quotation", 'Tom Baker said the plan was "a disaster" for the town.',
     [("Tom Baker", 'the plan was "a disaster" for the town', "mixed")]),
    ("markless_inversion_is_indirect_beside_marks",
     '"We are ready," said Tom Baker. The shipment did not arrive on time, officials said.',
     [("Tom Baker", "We are ready", "direct"), (None, "The shipment did not arrive on time", "indirect")]),
    ("surname_said_is_no_cue", "Edward Said, the critic, wrote about the war in 1993.", []),
    ("confirmation_is_no_quote", "The Senate confirmed Maria Lopez as ambassador to Peru.", []),
]


def _speaker_name(record, quote) -> str | None:
    entity = record.entity(quote.speaker)
    return entity.name if entity else None


@pytest.mark.parametrize("passage, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_quote_table(extract, passage: str, expected: list[Q]) -> None:
    record = extract(passage)
    got = [(_speaker_name(record, q), q.text, q.kind) for q in record.quotes]
    assert len(got) == len(expected), got
    for (name, text, kind), (want_name, snippet, want_kind) in zip(got, expected):
        assert snippet in text, got
        assert name == want_name, got
        assert want_kind is None or kind == want_kind, got


def test_quote_fields_point_into_the_text(extract) -> None:
    record = extract('"We will go," said John Smith, "but not now."')
    (quote,) = record.quotes
    assert quote.text == "We will go, but not now."
    assert record.document.text[quote.span[0]:quote.span[1]].startswith("We will go")
    assert quote.speaker_text == "John Smith" and quote.cue == "said" and quote.id == "q1"


@pytest.mark.parametrize("passage", [
    "The economy is recovering, said Raffaello Pantucci, a senior researcher at RUSI.",
    "The economy is recovering, said John Smith, who heads the central bank.",
    "The economy is recovering, the minister said in a statement on Tuesday.",
    '"The economy is recovering," John Smith told the BBC.',
])
def test_cue_clause_left_out_of_text(extract, passage: str) -> None:
    (quote,) = extract(passage).quotes
    assert quote.text == "The economy is recovering"


@pytest.mark.parametrize("passage, content", [
    ("Tom Baker said the plan would work but did not say when it would start.", "the plan would work"),
    ("Sara Moe said the vote was fair, arguing that turnout was high.", "the vote was fair"),
    ('Sara Moe said the vote was fair.\n\nThe count ends on Friday.', "the vote was fair"),
    ('"The count is over," said Sara Moe, a senior official who ran the count, as the crowd cheered.', "The count is over"),
])
def test_content_ends_with_its_clause(extract, passage: str, content: str) -> None:
    assert extract(passage).quotes[0].text == content


@pytest.mark.parametrize("passage, published, date", [
    ("Tom Baker said on 3 March 2021 that the mine would close in 2025.", "2021-05-01", "2021-03-03"),
    ("Tom Baker said the mine would close in 2025.", "2021-05-01", "2021-05-01"),
    ('"The mine will close," Tom Baker said on Friday.', "2021-05-01", "2021-04-30"),
    ("Tom Baker said the mine would close.", None, None),
])
def test_each_quote_knows_when(extract, passage: str, published: str | None, date: str | None) -> None:
    (quote,) = extract(passage, published).quotes
    assert quote.date == date


def test_unbalanced_marks_lower_confidence(extract) -> None:
    balanced = extract('Hassan Ali said: "We are not leaving this city."').quotes[0]
    unbalanced = extract('Hassan Ali said: "We are not leaving this city.').quotes[0]
    assert unbalanced.confidence < balanced.confidence


def test_pronoun_speaker_text_is_the_pronoun(extract) -> None:
    record = extract("Niva Yau is a researcher. The danger is that Russia controls the route, she said.")
    (quote,) = record.quotes
    assert quote.speaker_text == "she" and _speaker_name(record, quote) == "Niva Yau"


def test_table_lists_quotes_under_speaker(extract) -> None:
    from newsgraph.extract.quotes.extractor import RuleQuotes
    record = extract('"We are ready," said John Smith. "We are not," replied Jane Doe. John Smith said costs would fall.')
    (section,) = RuleQuotes().table(record)
    speakers = [row[0] for row in section.rows]
    assert speakers == ["John Smith", "", "Jane Doe"]


def test_seed_quote_floor(seed_scores) -> None:
    assert seed_scores["quotes"]["f1"] >= 0.85, seed_scores["quotes"]
    assert seed_scores["quotes"]["attribution_accuracy"] >= 0.90, seed_scores["quotes"]


@pytest.mark.parametrize("text, expected", [
    ('He said "yes, we will" and left.', [("yes, we will", True)]),
    ("“One.” And “two.”", [("One.", True), ("two.", True)]),
    ('"Open paragraph.\n\n"Closed here," he said.', [("Open paragraph.\n\n\"Closed here,", True)]),
    ('"Never closed, he said.\n\nNext paragraph.', [("Never closed, he said.", False)]),
    ('Lost its opening," he said.', [("Lost its opening,", False)]),
    ("The Kurds’ demands and Britain’s ‘We will fight on,’ she said.", [("We will fight on,", True)]),
])
def test_quotation_mark_scan(text: str, expected: list[tuple[str, bool]]) -> None:
    from newsgraph.extract.quotes.marks import scan
    assert [(text[m.start:m.end], m.balanced) for m in scan(text)] == expected


def test_quote_date_is_stored(extract, tmp_path) -> None:
    """The date column of the quotes table (migration 3) holds each quote's date."""
    from corpus_fixtures import store_record
    from newsgraph.store import Store

    record = extract("Tom Baker said on 3 March 2021 that the mine would close.", "2021-05-01")
    with Store.open(tmp_path / "q.duckdb") as store:
        assert store_record(store, record)
        assert list(store.fetch("SELECT date FROM quotes").rows) == [("2021-03-03",)]
