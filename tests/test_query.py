"""Named queries, `newsgraph query|show|sql` and the Python API, on a real database file."""
from __future__ import annotations

import csv
import io
import json

import pytest

import newsgraph
from newsgraph.cli.main import main
from newsgraph.query import Filters, QueryError, entities, events, figures, profile, quotes, relations, run_sql
from newsgraph.store import StoreError


def _column(rows, name):
    return [row[name] for row in rows.dicts()]


@pytest.mark.parametrize("query, filters, column, expected", [
    (quotes, Filters(speaker="Niva Yau", since="2022"), "text", "Kazakhstan will need China"),
    (quotes, Filters(speaker="Yau", type="direct", until="2022-01"), "text", "Kazakhstan will need China"),
    (figures, Filters(about="Kazakhstan", type="USD"), "text", "$21 billion"),
    (figures, Filters(about="kazakhstan", since="2020", until="2020"), "object", "China"),
    (events, Filters(actor="CSTO", type="mobilize"), "target", "Kazakhstan"),
    (events, Filters(about="Kazakhstan", since="2022-01-06", until="2022-01-06"), "actor", "CSTO"),
    (relations, Filters(actor="Niva Yau", type="affiliated_with"), "object", "OSCE Academy"),
])
def test_filters_find_the_row(store, query, filters, column, expected):
    assert expected in _column(query(store, filters), column)


@pytest.mark.parametrize("query, filters", [
    (quotes, Filters(speaker="Niva Yau", until="2021-12-31")),
    (figures, Filters(about="Kazakhstan", type="percent")),
    (events, Filters(actor="CSTO", since="2023")),
    (relations, Filters(actor="OSCE Academy", type="affiliated_with")),
])
def test_filters_exclude(store, query, filters):
    assert len(query(store, filters)) == 0


def test_quotes_about_names_inside_the_quote(store):
    assert "Kazakhstan will need China" in _column(quotes(store, Filters(about="China")), "text")


def test_entities_by_mentions_type_and_company(store):
    people = entities(store, Filters(type="person", limit=3))
    assert _column(people, "name")[0] == "Xi Jinping" and len(people) == 3
    with_putin = _column(entities(store, Filters(about="Vladimir Putin", limit=0)), "name")
    assert "Xi Jinping" in with_putin and "Vladimir Putin" not in with_putin


def test_unknown_name_and_wrong_filter_are_clear(store):
    with pytest.raises(QueryError, match="no entity named 'Nobody Atall'"):
        quotes(store, Filters(speaker="Nobody Atall"))
    with pytest.raises(QueryError, match="--speaker does not apply to events"):
        events(store, Filters(speaker="Xi Jinping"))


def test_profile(store):
    found = profile(store, "Niva Yau")
    assert found.entity["name"] == "Niva Yau" and "Yau" in found.aliases
    assert "researcher" in _column(found.roles, "title")
    assert "Kazakhstan will need China" in _column(found.quotes_by, "text")
    assert "OSCE Academy" in _column(found.relations, "object")
    assert "Kazakhstan" in _column(found.co_actors, "name")
    assert _column(profile(store, "CSTO").events_over_time, "action") == ["MOBILIZE"]


def test_sql_is_read_only(store):
    assert run_sql(store, "SELECT count(*) AS n FROM documents").dicts() == [{"n": 5}]
    for statement in ("DELETE FROM documents", "SELECT 1; DROP TABLE documents",
                      "CREATE TABLE x AS SELECT 1"):
        with pytest.raises(StoreError, match="only one read-only SELECT"):
            run_sql(store, statement)


def _run(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
def test_query_command_formats(corpus, capsys, fmt):
    out = _run(capsys, "query", "quotes", "--speaker", "Niva Yau", "--db", str(corpus), "--format", fmt)
    if fmt == "json":
        assert json.loads(out)[0]["speaker"] == "Niva Yau"
    elif fmt == "jsonl":
        assert json.loads(out.splitlines()[0])["speaker"] == "Niva Yau"
    elif fmt == "csv":
        assert next(csv.DictReader(io.StringIO(out)))["speaker"] == "Niva Yau"
    else:
        assert out.startswith("Quotes (") and "Niva Yau" in out


def test_show_without_name_profiles_the_most_mentioned_actor(corpus, capsys):
    top = json.loads(_run(capsys, "show", "--db", str(corpus), "--format", "json"))
    assert top["entity"]["name"] == "China" and top["entity"]["type"] == "COUNTRY"
    assert "China" in _run(capsys, "show", "--top", "--db", str(corpus))
    two = _run(capsys, "show", "--top", "2", "--db", str(corpus), "--format", "jsonl").splitlines()
    assert len(two) == 2


def test_sql_command_and_its_refusal(corpus, capsys):
    assert "5" in _run(capsys, "sql", "SELECT count(*) FROM documents", "--db", str(corpus))
    assert main(["sql", "DROP TABLE documents", "--db", str(corpus)]) == 2
    assert "only one read-only SELECT" in capsys.readouterr().err


def test_missing_database_is_one_line(tmp_path, capsys):
    assert main(["query", "entities", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no such database" in capsys.readouterr().err


def test_python_api(corpus):
    with newsgraph.open(corpus) as db:
        xi = db.entity("Xi")
        assert xi.name == "Xi Jinping" and xi.type == "PERSON"
        assert "Kazakhstan will need China" in [q["text"] for q in db.entity("Niva Yau").quotes()]
        assert db.entity("Kazakhstan").figures(type="USD")[0]["value"] == 21e9
        assert db.document("xi-2")["title"] == "Xi in Brazil"
        assert db.sql("SELECT count(*) AS n FROM duplicates") == [{"n": 1}]
        assert db.entity("CSTO").profile().entity["type"] == "IGO"


def test_text_filter_runs_in_sql_and_folds_like_names(store):
    """`Filters.text` (the web API's q) is a SQL condition: the database applies the limit after it."""
    assert [r["text"] for r in quotes(store, Filters(text="NEED  China.")).dicts()] == ["Kazakhstan will need China"]
    assert [r["name"] for r in entities(store, Filters(text="niva yau")).dicts()] == ["Niva Yau"]
    assert len(quotes(store, Filters(text="kazakhstan", limit=1))) == 1
    assert quotes(store, Filters(text="no such words anywhere")).rows == ()
