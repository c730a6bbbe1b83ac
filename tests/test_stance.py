"""Stance, tone and themes: extractors on sentences of our own, then the corpus surfaces
(CLI, Python API, HTTP API, GKG export) on a real DuckDB file and a real server."""
from __future__ import annotations

import csv
import io
import json

import httpx
import pytest

import newsgraph
from newsgraph.cli.main import main
from newsgraph.extract.stance.extractor import side
from newsgraph.extract.stance.tone import tone_of
from corpus_fixtures import ingested
from web_corpus import serving


def stances(record, holder: str | None = None):
    names = {e.id: e.name for e in record.entities}
    return [(names.get(s.holder, s.holder), s.stance, names.get(s.target, s.target_text), s.basis)
            for s in record.stances if holder is None or names.get(s.holder) == holder]


def stance_toward(record, holder: str, target: str) -> set[str]:
    return {s for h, s, t, _ in stances(record, holder) if target in t}


# -- one statement at a time -------------------------------------------------------------------

@pytest.mark.parametrize("text, holder, target, expected", [
    # a condemnation coded as an event
    ("Foreign Minister Ana Lindqvist of Sweden condemned Belarus on Tuesday.",
     "Sweden", "Belarus", "oppose"),
    # praise coded as an event
    ("President Halima Osei of Ghana praised Togo for its help with the floods.",
     "Halima Osei", "Togo", "support"),
    # a negated criticism takes no side
    ("Portugal did not condemn Morocco over the fishing dispute.", "Portugal", "Morocco", "neutral"),
])
def test_event_stances(extract, text, holder, target, expected):
    record = extract(text)
    found = {s for h, s, t, b in stances(record) if t == target and b == "event"}
    assert found == {expected}, stances(record)


def test_a_speaker_opposing_something_unnamed_keeps_its_words(extract):
    record = extract('"We firmly oppose foreign interference in our elections," said '
                     'Prime Minister Lena Vogt of Austria on Monday.')
    found = [s for s in record.stances if s.basis == "quote" and s.stance == "oppose"]
    assert found, stances(record)
    assert "foreign interference" in found[0].target_text
    assert "oppose" in found[0].words


def test_a_speaker_judging_an_actor_in_a_quote(extract):
    record = extract('"The government of Belarus is corrupt and dishonest," said Marta Kolar, '
                     "a senator from Slovenia.")
    opposed = [s for s in record.stances if s.stance == "oppose" and s.basis == "quote"]
    assert opposed and opposed[0].score < 0, stances(record)
    assert {"corrupt", "dishonest"} & set(opposed[0].words)


@pytest.mark.parametrize("text", [
    # what others did, reported by the speaker, is not the speaker's stance
    '"The rebels attacked a police station near the border," said Ana Ruiz, a local official.',
    '"Voters backed the reform by a wide margin," the electoral commissioner Paolo Conte said.',
    # numbers are not targets
    '"We captured 48 percent of the vote," said party leader Ines Moreau.',
    # a stance only considered is not taken
    '"I would be uneasy about supporting such a harsh law," said senator Marta Kolar.',
])
def test_no_stance_toward_what_others_did(extract, text):
    record = extract(text)
    assert not [s for s in record.stances if s.basis == "quote" and s.stance != "neutral"], stances(record)


def test_neutral_reporting_takes_no_side(extract):
    record = extract('"Chile will hold talks with Peru in Lima next week," said Jorge Salas, '
                     "a spokesman for the Chilean government.")
    assert all(s.stance == "neutral" for s in record.stances), stances(record)


def test_a_denial_is_not_support(extract):
    record = extract('Greece denied that it had supplied weapons to the rebels. "We have never '
                     'armed anyone," the Greek defence minister Nikos Papas said.')
    assert not [s for s in record.stances if s.stance == "support"], stances(record)


def test_a_backwards_quote_span_costs_no_stance(nlp):
    from newsgraph.extract.registry import Context
    from newsgraph.extract.stance.extractor import QuoteReader
    from newsgraph.model import Document, EntityIndex, Quote

    doc = nlp("Norway condemned the attack, the minister said.")
    context = Context(Document(id="d", text=doc.text), EntityIndex([]))
    quote = Quote("q1", "", (20, 12), "e1", "the minister", "said", "indirect", 0.5)
    assert list(QuoteReader(doc, context, quote).stances()) == []


@pytest.mark.parametrize("score, expected", [(0.9, "support"), (0.3, "support"), (0.29, "neutral"),
                                              (0.0, "neutral"), (-0.3, "oppose"), (-1.0, "oppose")])
def test_side_thresholds(score, expected):
    assert side(score) == expected


# -- the seed ---------------------------------------------------------------------------------

def test_seed_xi_supports_tokayev(seed_record):
    assert stance_toward(seed_record, "Xi Jinping", "Tokayev") == {"support"}


def test_seed_xi_opposes_outside_forces(seed_record):
    assert "oppose" in stance_toward(seed_record, "Xi Jinping", "outside forces")


def test_seed_china_supports_kazakhstan_with_the_sentence(seed_record):
    found = [s for s in seed_record.stances
             if seed_record.entity(s.holder) and seed_record.entity(s.holder).name == "China"
             and seed_record.entity(s.target) and seed_record.entity(s.target).name == "Kazakhstan"]
    assert {s.stance for s in found} == {"support"}
    sentence = seed_record.document.text[found[0].span[0]:found[0].span[1]]
    assert "supports" in sentence


def test_every_stance_span_lies_in_the_text(seed_record):
    size = len(seed_record.document.text)
    assert all(0 <= s.span[0] < s.span[1] <= size for s in seed_record.stances)
    assert all(-1.0 <= s.score <= 1.0 for s in seed_record.stances)


# -- tone and themes --------------------------------------------------------------------------

def test_tone_is_positive_minus_negative_share(nlp):
    tone = tone_of(nlp("The wonderful agreement brought great hope, but the war is terrible."))
    assert tone.positive > 0 and tone.negative > 0
    assert tone.tone == pytest.approx(tone.positive - tone.negative, abs=0.01)
    assert tone.polarity == pytest.approx(tone.positive + tone.negative, abs=0.01)
    assert tone.words == 11


def test_tone_per_actor_reads_the_sentences_that_name_it(extract):
    record = extract("Norway won praise for its generous aid. Elsewhere, Belarus suffered a "
                     "deadly, terrible disaster that killed hundreds.")
    names = {e.id: e.name for e in record.entities}
    by_name = {names.get(t.entity): t for t in record.tones}
    assert None in by_name                     # the article's own tone
    assert by_name["Norway"].tone > 0


def test_themes_need_two_triggers_and_keep_their_words(extract):
    record = extract("Protesters marched through the capital. The protest ended when police used "
                     "tear gas. Voters were angry.")
    themes = {t.name: t for t in record.themes}
    assert "protest" in themes and themes["protest"].gkg == "PROTEST"
    assert themes["protest"].count >= 3
    assert "tear gas" in themes["protest"].words
    assert "election" not in themes           # one stray "voters" is not an election story
    assert all(t.count >= 2 for t in record.themes)


# -- corpus surfaces --------------------------------------------------------------------------

ARTICLES = [
    {"id": "a1", "published": "2024-03-01", "text":
        "Norway praised Kenya for its leadership at the climate summit. Norway also condemned "
        "Belarus for blocking the deal."},
    {"id": "a2", "published": "2024-03-05", "text":
        "Sweden criticised Belarus on Monday over the arrest of journalists. The protest outside "
        "the embassy drew a large crowd, and protesters clashed with police."},
    {"id": "a3", "published": "2024-04-02", "text":
        "Kenya welcomed Norway's offer of aid after the floods."},
]


@pytest.fixture(scope="module")
def stance_db(tmp_path_factory):
    return ingested(tmp_path_factory.mktemp("stance"), ARTICLES, "stance")


def test_cli_who_speaks_against_an_actor(stance_db, capsys):
    assert main(["stance", "--actor", "Belarus", "--db", str(stance_db), "--format", "json"]) == 0
    rows = {r["speaker"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["Norway"]["oppose"] == 1 and rows["Sweden"]["oppose"] == 1
    assert "Belarus" in rows["Sweden"]["strongest_sentence"]


def test_cli_whom_a_speaker_backs(stance_db, capsys):
    assert main(["stance", "--speaker", "Norway", "--db", str(stance_db), "--format", "json"]) == 0
    rows = {r["toward"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["Kenya"]["support"] == 1 and rows["Belarus"]["oppose"] == 1


def test_cli_matrix_as_csv(stance_db, capsys):
    assert main(["stance", "--matrix", "Belarus", "Kenya", "--db", str(stance_db),
                 "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    norway = next(r for r in table if r["speaker"] == "Norway")
    assert float(norway["Belarus"]) < 0 < float(norway["Kenya"])


def test_python_api_stance(stance_db):
    with newsgraph.open(stance_db) as corpus:
        against = corpus.stance(actor="Belarus")
        assert {r["speaker"] for r in against} == {"Norway", "Sweden"}
        matrix = corpus.stance_matrix(["Kenya"])
        assert any(r["speaker"] == "Norway" and r["Kenya"] > 0 for r in matrix)
        with pytest.raises(TypeError):
            corpus.stance()


def test_query_filters_by_theme_and_tone(stance_db, capsys):
    assert main(["query", "events", "--theme", "protest", "--db", str(stance_db),
                 "--format", "json"]) == 0
    documents = {r["document"] for r in json.loads(capsys.readouterr().out)}
    assert documents == {"a2"}
    assert main(["query", "events", "--tone-above", "100", "--db", str(stance_db),
                 "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_show_lists_an_actors_themes_and_stance(stance_db, capsys):
    assert main(["show", "Belarus", "--db", str(stance_db), "--format", "json"]) == 0
    profile = json.loads(capsys.readouterr().out)
    assert {r["speaker"] for r in profile["stance_toward"]} == {"Norway", "Sweden"}
    assert "protest" in {r["theme"] for r in profile["themes"]}


def test_gkg_export_fills_tone_and_themes(stance_db, tmp_path):
    out = tmp_path / "corpus.gkg.tsv"
    assert main(["export", "--format", "gkg", "--out", str(out), "--db", str(stance_db)]) == 0
    lines = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    tone_fields = [line[15].split(",") for line in lines]
    assert all(len(fields) == 7 for fields in tone_fields)
    assert any("PROTEST" in line[7].split(";") for line in lines)


def test_http_stance(stance_db):
    with serving(stance_db) as (base, _app), httpx.Client(base_url=base, timeout=10) as http:
        body = http.get("/api/stance", params={"actor": "Belarus"}).json()
        assert {r["speaker"] for r in body["items"]} == {"Norway", "Sweden"}
        assert http.get("/api/stance").status_code == 400
