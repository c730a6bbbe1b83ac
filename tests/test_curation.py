"""The analyst's entity decisions end to end, on a real DuckDB file through the real CLI:
merge, a later ingest that the merge still holds for, split, rename, the decisions list, undo."""
from __future__ import annotations

import json

import pytest

from newsgraph.cli.main import main
from newsgraph.store import Store

FIRST = [
    {"id": "a1", "published": "2024-01-10", "text":
        "Ambassador Carla Brenner met officials of the Nordic Water Council in Oslo on Monday. "
        "Brenner said the council would fund three new reservoirs."},
    {"id": "a2", "published": "2024-01-12", "text":
        "The Nordic Water Board approved the reservoir plan on Wednesday. Its chair, Henrik "
        "Dahl, said the board would publish the costs next month."},
]
LATER = [
    {"id": "a3", "published": "2024-02-01", "text":
        "The Nordic Water Board announced a fourth reservoir near Bergen. Henrik Dahl said "
        "building would start in the spring."},
]


def _write(path, articles) -> str:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return str(path)


def _entity_of(db: str, name: str) -> set[str]:
    """The curated ids the typed columns give the mentions of `name`."""
    with Store.open(db, read_only=True) as store:
        rows = store.fetch("SELECT DISTINCT entity FROM mentions WHERE text = ?", [name]).rows
    return {r[0] for r in rows}


def _id(db: str, name: str) -> str:
    with Store.open(db, read_only=True) as store:
        return store.scalar("SELECT id FROM entities WHERE name = ?", [name])


@pytest.fixture()
def db(tmp_path):
    path = str(tmp_path / "curated.duckdb")
    assert main(["ingest", _write(tmp_path / "first.jsonl", FIRST), "--db", path]) == 0
    return path


def test_merge_holds_for_later_articles_and_undo_restores(db, tmp_path, capsys):
    council, board = _id(db, "Nordic Water Council"), _id(db, "Nordic Water Board")
    assert council and board and council != board

    assert main(["entities", "merge", council, "Nordic Water Board", "--db", db, "--who", "ana"]) == 0
    assert "merged into" in capsys.readouterr().out
    assert _entity_of(db, "Nordic Water Board") == {council}

    assert main(["ingest", _write(tmp_path / "later.jsonl", LATER), "--db", db]) == 0
    capsys.readouterr()
    assert _entity_of(db, "Nordic Water Board") == {council}  # the new article too
    assert main(["show", "nordic water board", "--db", db, "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["entity"]["id"] == council and shown["entity"]["documents"] == 3
    assert "Nordic Water Board" in shown["aliases"]  # the merged entity's names are its names

    assert main(["entities", "decisions", "--db", db, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(d["action"], d["who"], d["state"]) for d in listed] == [("merge", "ana", "active")]

    assert main(["entities", "undo", "--db", db]) == 0
    assert "undone: decision 1" in capsys.readouterr().out
    assert _entity_of(db, "Nordic Water Board") == {board}  # the later article's row too
    assert _entity_of(db, "Nordic Water Council") == {council}
    assert main(["entities", "decisions", "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["state"] == "undone"


def test_split_moves_the_articles_of_one_alias_and_rename_shows(db, capsys):
    council, board = _id(db, "Nordic Water Council"), _id(db, "Nordic Water Board")
    assert main(["entities", "merge", council, board, "--db", db]) == 0
    assert main(["entities", "split", council, "--alias", "Nordic Water Board", "--db", db]) == 0
    assert _entity_of(db, "Nordic Water Board") == {board}  # the existing entity of that name
    assert _entity_of(db, "Nordic Water Council") == {council}

    assert main(["entities", "rename", council, "Nordic Water Council (NWC)", "--db", db]) == 0
    assert "renamed" in capsys.readouterr().out
    assert main(["show", council, "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["entity"]["name"] == "Nordic Water Council (NWC)"
    assert main(["entities", "undo", "--db", db]) == 0
    capsys.readouterr()
    assert main(["show", council, "--db", db, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["entity"]["name"] == "Nordic Water Council"


def test_an_ambiguous_name_lists_the_candidates(db, capsys):
    henrik = _id(db, "Henrik Dahl")
    with Store.open(db) as store:  # a second person called Dahl, in hand-made rows
        store.execute([("INSERT INTO entities (id, name, type) VALUES ('Etest', 'Maria Dahl', 'PERSON')", []),
                       ("INSERT INTO entity_aliases VALUES ('Etest', 'Dahl', 'dahl')", []),
                       ("INSERT INTO entity_aliases VALUES (?, 'Dahl', 'dahl')", [henrik])])
    assert main(["entities", "rename", "Dahl", "Someone", "--db", db]) == 2
    error = capsys.readouterr().err
    assert "may mean 2 entities" in error and "Henrik Dahl" in error and "Etest" in error
