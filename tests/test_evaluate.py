"""`newsgraph evaluate`: the scoring rules on tiny fixtures of our own (tests/data/evaluate/),
agreement with the vendored reference scorer on the seed, and the command end to end."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from newsgraph.cli.main import main
from newsgraph.evaluate import read_gold_dir, read_polnear, score_places, score_quotes, score_records
from newsgraph.evaluate.extraction import articles_of_golds
from newsgraph.evaluate.matching import PRF, first_findings, norm, read_jsonl, records_by_id, sentence_at
from newsgraph.evaluate.polnear import SpeechCues
from newsgraph.evaluate.quotes import speaker_key
from newsgraph.evaluate.records import GoldFile, figure_matches, score_article
from newsgraph.model import Skip

DATA = Path(__file__).resolve().parent / "data" / "evaluate"
RECORDS_DIR = DATA / "records"
POLNEAR = DATA / "polnear"
SECTIONS = ("entities", "quotes", "figures", "relations", "roles", "events")


@pytest.fixture()
def gold() -> GoldFile:
    (only,) = read_gold_dir(RECORDS_DIR)
    return only


@pytest.fixture()
def perfect() -> dict:
    return json.loads((DATA / "tiny-trade.record.json").read_text(encoding="utf-8"))


def empty_record(perfect: dict) -> dict:
    return {"document": perfect["document"], "entities": [], "quotes": [], "figures": [],
            "relations": [], "events": [], "places": []}


# ---------------------------------------------------------------- records

def test_perfect_record_scores_one_everywhere(gold, perfect):
    score = score_article(gold, perfect)
    assert {name: s.prf.f1 for name, s in score.sections.items()} == dict.fromkeys(SECTIONS, 1.0)
    assert score.macro_f1 == 1.0
    assert score.findings == ()
    assert score.sections["figures"].extra == {"subject_accuracy": 1.0, "measure_accuracy": 1.0}


def test_empty_record_scores_zero_and_lists_every_required_item(gold, perfect):
    score = score_article(gold, empty_record(perfect))
    assert {name: s.prf.f1 for name, s in score.sections.items()} == dict.fromkeys(SECTIONS, 0.0)
    missed = {(f.section, f.item) for f in score.findings if f.kind == "missed"}
    assert ("entities", "Anna Berg") in missed
    assert ("entities", "trade ministry") not in missed          # optional: never missed


def test_no_record_at_all_counts_as_empty(gold):
    result = score_records([gold], {})
    assert result.means()["macro_f1"] == 0.0
    assert result.to_dict()["without_record"] == ["tiny-trade"]


def test_a_missed_quote_is_listed_with_its_sentence(gold, perfect):
    record = copy.deepcopy(perfect)
    record["quotes"] = []
    score = score_article(gold, record)
    (finding,) = score.findings
    assert (finding.section, finding.kind) == ("quotes", "missed")
    assert "This deal protects our coasts" in finding.item
    assert finding.context.startswith('"This deal protects our coasts for a generation," Norwegian')
    assert score.sections["quotes"].prf.recall == 0.0


def test_a_quote_with_the_wrong_speaker_is_found_but_not_attributed(gold, perfect):
    record = copy.deepcopy(perfect)
    record["quotes"][0]["speaker"] = "e2"
    quotes = score_article(gold, record).sections["quotes"]
    assert (quotes.prf.f1, quotes.extra["span_recall"], quotes.extra["attribution_accuracy"]) == (0.0, 1.0, 0.0)


def test_an_unmerged_duplicate_and_an_invented_entity_cost_precision(gold, perfect):
    record = copy.deepcopy(perfect)
    record["entities"] += [{"id": "e8", "name": "Berg", "type": "PERSON", "mentions": [[0, 6]]},
                           {"id": "e9", "name": "Atlantis", "type": "COUNTRY", "mentions": []}]
    score = score_article(gold, record)
    assert score.sections["entities"].prf.precision == 0.667           # 4 right of 6 (the DATE is out of scope)
    assert {f.kind for f in score.findings} == {"duplicate (not merged)", "false positive"}


def test_an_optional_gold_item_counts_when_found(gold, perfect):
    record = copy.deepcopy(perfect)
    record["entities"].append({"id": "e6", "name": "Trade Ministry", "type": "ORG", "mentions": []})
    assert score_article(gold, record).sections["entities"].prf.f1 == 1.0


def test_symmetric_relations_match_either_way_round(gold, perfect):
    data = copy.deepcopy(gold.data)
    data["relations"] = [{"subject": "Chile", "predicate": "borders", "object": "Norway"}]
    record = copy.deepcopy(perfect)
    record["relations"] = [{"subject": "e1", "predicate": "borders", "object": "e2"}]
    assert score_article(GoldFile(gold.path, data), record).sections["relations"].prf.f1 == 1.0
    record["relations"][0]["predicate"] = "ally_of"
    assert score_article(GoldFile(gold.path, data), record).sections["relations"].prf.f1 == 0.0


def test_a_negated_event_is_no_reported_fact(gold, perfect):
    record = copy.deepcopy(perfect)
    record["events"][0]["negated"] = True
    events = score_article(gold, record).sections["events"]
    assert (events.prf.predicted, events.prf.f1) == (0, 0.0)


@pytest.mark.parametrize(("value", "unit", "gold_value", "gold_unit", "matches"), [
    (100, "mi", 160.9, "km", True),           # miles and kilometres convert
    (40000, "t", 40200, "t", True),           # within 1%
    (40000, "t", 41000, "t", False),
    (5, "%", 5, "percent", True),             # unit aliases
    (5, "USD", 5, "EUR", False),
    ("n/a", "t", 5, "t", False),
])
def test_figures_match_by_value_and_unit(value, unit, gold_value, gold_unit, matches):
    assert figure_matches({"value": value, "unit": unit}, {"value": gold_value, "unit": gold_unit}) is matches


@pytest.mark.parametrize(("name", "normal"), [
    ("President Émile Dubois", "emile dubois"),
    ("the U.S.", "u s"),
    ("Xi’s", "xis"),
    (None, ""),
])
def test_names_compare_without_accents_honorifics_or_punctuation(name, normal):
    assert norm(name) == normal


def test_prf_conventions():
    assert PRF.of(0, 0, 0, 0).f1 == 1.0       # nothing to find, nothing claimed
    assert PRF.of(0, 0, 0, 3).f1 == 0.0       # something to find, nothing claimed
    assert PRF.of(1, 2, 1, 1) == PRF(0.5, 1.0, 0.667, 2, 1)


def test_first_findings_takes_n_misses_and_n_others(gold, perfect):
    findings = score_article(gold, empty_record(perfect)).findings
    chosen = first_findings(findings, 2)
    assert [f.kind for f in chosen] == ["missed", "missed"]


def test_sentence_at_gives_the_sentence_around_a_span():
    text = "First one. The second sentence is here. Third."
    start = text.index("second")
    assert sentence_at(text, start, start + 6) == "The second sentence is here."


def test_scores_agree_with_the_reference_scorer_on_the_seed(seed_record, seed_scores):
    gold = GoldFile(Path("kazakhstan-china-russia.gold.json"),
                    json.loads((DATA.parent / "kazakhstan-china-russia.gold.json").read_text(encoding="utf-8")))
    ours = score_article(gold, seed_record.to_dict())
    assert ours.macro_f1 == seed_scores["macro_f1"]
    for name, section in ours.sections.items():
        assert section.to_dict() == seed_scores[name]


def test_gold_articles_come_with_their_title_and_date(tmp_path, gold):
    """From the folder's articles.jsonl when it lists the document, else the text file beside
    the gold, dated by the gold's own `published`."""
    text = (RECORDS_DIR / "tiny-trade.txt").read_text(encoding="utf-8")
    (tmp_path / "tiny-trade.txt").write_text(text, encoding="utf-8")
    (tmp_path / "tiny-trade.gold.json").write_text(json.dumps({**gold.data, "published": "2031-02-03"}),
                                                   encoding="utf-8")
    (article,) = articles_of_golds(read_gold_dir(tmp_path))
    assert (article.id, article.published, article.title) == ("tiny-trade", "2031-02-03", None)

    listed = {"id": "tiny-trade", "text": text, "title": "Fishing deal", "published": "2030-01-01"}
    (tmp_path / "articles.jsonl").write_text(json.dumps(listed) + "\n", encoding="utf-8")
    (article,) = articles_of_golds(read_gold_dir(tmp_path))
    assert (article.id, article.published, article.title) == ("tiny-trade", "2030-01-01", "Fishing deal")


def test_a_missing_article_is_a_skip_naming_it(tmp_path, gold):
    (tmp_path / "tiny-trade.gold.json").write_text(json.dumps(gold.data), encoding="utf-8")
    (skip,) = articles_of_golds(read_gold_dir(tmp_path))
    assert isinstance(skip, Skip) and skip.origin.endswith("tiny-trade.txt")


# ---------------------------------------------------------------- places

def test_places_recall_accuracy_and_precision():
    gold = list(read_jsonl(DATA / "geo.jsonl"))
    score = score_places(gold, records_by_id(read_jsonl(DATA / "geo.records.jsonl")))
    metrics = score.metrics()
    assert metrics == {"recall": 0.75, "acc161_e2e": 0.5, "acc161_found": 0.667,
                       "median_km": metrics["median_km"], "precision": 0.75}
    assert 50 < metrics["median_km"] < 161      # Kenya 56 km off is the middle of 1, 56 and 8000 km
    assert [(f.document, f.kind, f.item.split(" -> ")[0]) for f in score.findings] == [
        ("geo-2", "missed", "Kisumu"), ("geo-1", "wrong place", "France"), ("geo-2", "not in gold", "Red Cross")]
    wrong = next(f for f in score.findings if f.kind == "wrong place")
    assert wrong.item.startswith("France -> France (") and "clinics across France" in wrong.context


def test_places_perfect_and_empty():
    gold = list(read_jsonl(DATA / "geo.jsonl"))
    perfect = {}
    for doc in gold:
        entities = [{"id": f"e{i}", "name": loc["name"], "mentions": [[loc["start"], loc["end"]]]}
                    for i, loc in enumerate(doc["locations"])]
        places = [{"entity": f"e{i}", "lat": loc["lat"], "lon": loc["lon"]} for i, loc in enumerate(doc["locations"])]
        perfect[doc["id"]] = {"document": {"id": doc["id"]}, "entities": entities, "places": places}
    assert score_places(gold, perfect).metrics() == {"recall": 1.0, "acc161_e2e": 1.0, "acc161_found": 1.0,
                                                     "median_km": 0.0, "precision": 1.0}
    empty = score_places(gold, {})
    assert (empty.metrics()["acc161_e2e"], empty.missing_documents) == (0.0, 2)


# ---------------------------------------------------------------- quotes

def test_brat_gold_is_read_from_the_first_annotator():
    (article,) = read_polnear(POLNEAR, "dev")
    assert article.annotator == "ann1"
    assert [(q.speaker, q.direct, q.speech) for q in article.quotes] == [
        ("The mayor", False, True),
        ("Tom Reyes", True, True),
        ("the port authority", False, True),      # "according to" is a cue of saying
        ("Critics", False, False),                # "believe" is not
        ("she", True, True),
    ]
    assert article.quotes[4].text == '"The boats," "will return."'    # fragments joined


def test_speaker_keys_drop_titles_unless_nothing_else_is_left():
    assert speaker_key(["Senator Jane Doe"]) == {"jane", "doe"}
    assert speaker_key(["the spokesman"]) == {"spokesman"}
    assert speaker_key([None]) == frozenset()


def test_speech_cues_are_whole_words():
    cues = SpeechCues()
    assert cues.matches("told reporters") and cues.matches(":") and not cues.matches("saidx")


def system_record(article, quotes) -> dict:
    entities = [{"id": f"e{i}", "name": name} for i, (_, name) in enumerate(quotes)]
    return {"document": {"id": article.id, "text": article.text},
            "entities": entities,
            "quotes": [{"text": text, "speaker": f"e{i}" if name else None} for i, (text, name) in enumerate(quotes)]}


def test_quotes_perfect_wrong_speaker_and_empty():
    (article,) = read_polnear(POLNEAR, "dev")
    perfect = system_record(article, [(q.text, q.speaker) for q in article.quotes])
    views = score_quotes([article], {article.id: perfect}).views
    assert {v: (m["f1"], m["e2e_f1"]) for v, m in views.items()} == {
        "direct": (1.0, 1.0), "speech": (1.0, 1.0), "all": (1.0, 1.0)}

    wrong = system_record(article, [(q.text, "Someone Else") for q in article.quotes])
    result = score_quotes([article], {article.id: wrong})
    assert (result.views["all"]["f1"], result.views["all"]["speaker_accuracy"]) == (1.0, 0.0)
    assert {f.kind for f in result.findings} == {"speaker wrong"}

    empty = score_quotes([article], {})
    assert empty.views["all"]["recall"] == 0.0 and empty.missing_documents == (article.id,)
    assert sum(f.kind == "missed" for f in empty.findings) == 5


def test_a_half_quote_matches_at_half_overlap_only():
    (article,) = read_polnear(POLNEAR, "dev")
    half = system_record(article, [("We have waited", "Tom Reyes")])   # 3 of the gold's 5 words
    assert score_quotes([article], {article.id: half}, 0.5).views["direct"]["matched"] == 1
    assert score_quotes([article], {article.id: half}, 0.8).views["direct"]["matched"] == 0


# ---------------------------------------------------------------- the command

def run_json(capsys, *argv) -> dict:
    assert main(["evaluate", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_evaluate_records_extracts_and_prints_json(capsys):
    data = run_json(capsys, "records", str(RECORDS_DIR), "--show", "2")
    assert set(SECTIONS) | {"macro_f1", "figure_subject_accuracy", "figure_measure_accuracy",
                            "per_article"} <= set(data)
    assert data["articles"] == 1 and data["without_record"] == []
    assert data["per_article"][0]["document"] == "tiny-trade"
    assert all(0.0 <= data[s] <= 1.0 for s in SECTIONS)
    assert all(set(f) == {"document", "section", "kind", "item", "context"} for f in data["shown"])


def test_evaluate_records_table_from_ready_records(capsys, tmp_path):
    records = tmp_path / "records.jsonl"
    records.write_text((DATA / "tiny-trade.record.json").read_text(encoding="utf-8").replace("\n", "") + "\n",
                       encoding="utf-8")
    assert main(["evaluate", "records", str(RECORDS_DIR), "--records", str(records)]) == 0
    out = capsys.readouterr().out
    assert "mean" in out and "1.000" in out


def test_evaluate_places_extracts_and_prints_json(capsys):
    data = run_json(capsys, "places", str(DATA / "geo.jsonl"))
    assert {"recall", "acc161_e2e", "acc161_found", "median_km", "precision"} <= set(data)
    assert data["documents"] == 2 and data["missing_documents"] == 0


def test_evaluate_places_shows_misses_in_the_table(capsys):
    assert main(["evaluate", "places", str(DATA / "geo.jsonl"), "--records", str(DATA / "geo.records.jsonl"),
                 "--show", "5"]) == 0
    out = capsys.readouterr().out
    assert "places missed: Kisumu" in out and "50.0%" in out


def test_evaluate_quotes_on_a_brat_checkout(capsys):
    data = run_json(capsys, "quotes", str(POLNEAR), "--split", "dev", "--show", "3")
    for view in ("direct", "speech", "all"):
        assert {"f1", "speaker_accuracy", "e2e_f1"} <= set(data[view])
    assert data["all"]["gold"] == 5 and data["threshold"] == 0.5


def test_evaluate_quotes_names_a_missing_split(capsys):
    assert main(["evaluate", "quotes", str(POLNEAR), "--split", "test"]) == 2
    assert "no PolNeAR split 'test'" in capsys.readouterr().err
