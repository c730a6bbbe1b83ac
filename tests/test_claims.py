"""The claims ledger on articles of our own, through a real ingest into a DuckDB file: the CLI,
the Python API and the HTTP API over a real server."""
from __future__ import annotations

import json

import httpx
import pytest

import newsgraph
from newsgraph.cli.main import main
from newsgraph.query.claims import Claim, _figures_agree
from corpus_fixtures import ingested
from web_corpus import serving


def article(id_, source, published, text, **extra):
    return {"id": id_, "source": source, "published": published, "text": text, **extra}


BOMBING = "A car bomb killed {n} people in a {adj} market in Mosul on Wednesday, police said."
ARTICLES = [
    article("reuters-1", "Reuters", "2024-05-02", BOMBING.format(n=40, adj="busy")),
    article("ap-1", "AP", "2024-05-02", BOMBING.format(n=40, adj="crowded").replace("police said", "according to police")),
    article("xinhua-1", "Xinhua", "2024-05-02", "A car bomb killed 52 people in a packed market in Mosul on Wednesday, officials said."),
    # the Reuters story again, word for word, from another outlet: reach, not corroboration
    article("yahoo-1", "Yahoo News", "2024-05-02", BOMBING.format(n=40, adj="busy"),
            url="https://news.example.com/mosul-bombing"),
    article("tass-1", "TASS", "2024-06-10", "Russia sent troops to Belarus on Monday, the Belarusian defence ministry said."),
    article("ria-1", "RIA", "2024-06-11", '"Russia did not send any troops to Belarus," Kremlin spokesman Dmitry Peskov told reporters on Tuesday.'),
    # the same measure in other periods and currencies never contradicts
    article("k1", "Reuters", "2023-03-01", "Kenya's exports to Uganda reached $2 billion in 2022, the trade ministry said."),
    article("k2", "AFP", "2024-03-05", "Kenya's exports to Uganda reached $3 billion in 2023, the trade ministry said."),
    article("k3", "Bloomberg", "2023-03-09", "Kenya's exports to Uganda reached 2 billion euros in 2022, the ministry said."),
]


@pytest.fixture(scope="module")
def claims_db(tmp_path_factory):
    return ingested(tmp_path_factory.mktemp("claims"), ARTICLES, "claims")


def groups_about(db, name: str, **filters) -> list[dict]:
    with newsgraph.open(db) as corpus:
        return corpus.claims(about=name, **filters)


def test_different_death_tolls_for_one_attack_contradict(claims_db):
    tolls = [g for g in groups_about(claims_db, "Mosul", kind="figure") if g["what"].startswith("killed")]
    assert len(tolls) == 1
    toll = tolls[0]
    assert toll["status"] == "contradicted"
    sides = [{toll["claims"][i]["value"] for i in side} for side in toll["sides"]]
    assert sorted(sides, key=min) == [{40.0}, {52.0}]
    assert {"Reuters", "AP", "Xinhua"} <= set(toll["outlets"])
    assert all("Mosul" in c["sentence"] for c in toll["claims"])


def test_the_same_toll_from_two_outlets_corroborates(claims_db):
    toll = next(g for g in groups_about(claims_db, "Mosul", kind="figure") if g["what"].startswith("killed"))
    forty = next(side for side in toll["sides"] if toll["claims"][side[0]]["value"] == 40.0)
    assert {toll["claims"][i]["outlet"] for i in forty} == {"Reuters", "AP"}


def test_a_syndicated_copy_adds_reach_not_a_claim(claims_db):
    toll = next(g for g in groups_about(claims_db, "Mosul", kind="figure") if g["what"].startswith("killed"))
    assert "Yahoo News" not in toll["outlets"]              # not a second source
    assert toll["reach"] == len({c["document"] for c in toll["claims"]}) + 1
    with newsgraph.open(claims_db) as corpus:
        copies = corpus.sql("SELECT source, url FROM copies")
    assert copies == [{"source": "Yahoo News", "url": "https://news.example.com/mosul-bombing"}]


def test_a_denial_contradicts_an_assertion(claims_db):
    with newsgraph.open(claims_db) as corpus:
        found = corpus.contradictions(about="Russia", kind="event")
    sent = [g for g in found if g["what"] == "MOBILIZE Belarus"]
    assert len(sent) == 1
    polarities = {sent[0]["claims"][side[0]]["polarity"] for side in sent[0]["sides"]}
    assert polarities == {"asserted", "denied"}
    claimants = {c["claimant"] for c in sent[0]["claims"]}
    assert "Dmitry Peskov" in claimants


def test_other_periods_and_currencies_never_contradict(claims_db):
    exports = groups_about(claims_db, "Kenya", kind="figure")
    assert not [g for g in exports if g["status"] == "contradicted"]


def test_rerunning_the_ingest_adds_no_copy(claims_db, tmp_path):
    source = tmp_path / "again.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    assert main(["ingest", str(source), "--db", str(claims_db)]) == 0
    with newsgraph.open(claims_db) as corpus:
        assert corpus.sql("SELECT count(*) AS n FROM copies") == [{"n": 1}]


@pytest.mark.parametrize("a, b, agree", [
    ((40, None, None, False), (40, None, None, False), True),
    ((40, None, None, False), (41, None, None, False), False),     # a death toll is exact
    ((40, None, None, True), (42, None, None, False), True),       # "about 40"
    ((40, None, "min", False), (52, None, None, False), True),     # "more than 40"
    ((40, None, "max", False), (52, None, None, False), False),    # "up to 40"
    ((40, 50, None, False), (45, None, None, False), True),        # a range
    ((1e9, None, None, False), (1.01e9, None, None, False), True),  # within 2%
])
def test_figures_agree_table(a, b, agree):
    def claim(value, high, bound, approximate):
        return Claim("figure", "d", "k", "o", None, None, "asserted", value, high, bound, approximate,
                     "", "", 0, 1)
    assert _figures_agree(claim(*a), claim(*b)) is agree


def test_cli_contradictions_table_and_json(claims_db, capsys):
    assert main(["claims", "--contradictions", "--db", str(claims_db)]) == 0
    table = capsys.readouterr().out
    assert "Contradictions" in table and "Mosul" in table
    assert main(["claims", "--contradictions", "--db", str(claims_db), "--format", "json"]) == 0
    groups = json.loads(capsys.readouterr().out)
    assert groups and all(g["status"] == "contradicted" for g in groups)


def test_http_claims(claims_db):
    with serving(claims_db) as (base, _app), httpx.Client(base_url=base, timeout=10) as http:
        body = http.get("/api/claims", params={"about": "Mosul", "contradictions": "true"}).json()
        assert body["items"] and body["items"][0]["status"] == "contradicted"
        entity = http.get("/api/entities/Mosul").json()
        assert entity["contested_claims"]
