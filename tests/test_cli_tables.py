"""What people read at the terminal: date filters that mean what users mean, complete tables,
a progress rate that starts after the first article, CSV numbers for programs."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsgraph.cli.main import main
from newsgraph.cli.progress import RateColumn

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "kazakhstan-china-russia.jsonl"


@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("tables") / "example.duckdb"
    assert main(["ingest", str(EXAMPLE), "--db", str(db)]) == 0
    return db


def figures(db, *options, capsys) -> list[dict]:
    assert main(["query", "figures", "--about", "Kazakhstan", "--db", str(db), "--format", "json", *options]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("since, kept", [
    ("2020-01-01", True),    # a figure dated "2020" overlaps a range starting on its first day
    ("2020-06-01", True),    # ... and one starting inside its year
    ("2020", True),
    ("2021-01-01", False),
])
def test_since_keeps_partial_dates_that_overlap(example_db, since, kept, capsys):
    times = {f["time"] for f in figures(example_db, "--since", since, capsys=capsys)}
    assert ("2020" in times) is kept


def test_until_a_year_covers_the_whole_year(example_db, capsys):
    assert "2020" in {f["time"] for f in figures(example_db, "--until", "2020", capsys=capsys)}


@pytest.mark.parametrize("bad", ["2005-13", "2005-02-30", "20-01-01", "yesterday", "2020-1-5"])
def test_invalid_dates_are_refused_with_the_accepted_forms(example_db, bad, capsys):
    assert main(["query", "figures", "--since", bad, "--db", str(example_db)]) == 2
    err = capsys.readouterr().err
    assert f"{bad!r} is not a date" in err and "YYYY-MM-DD" in err


def test_show_roles_table_has_title_and_office(example_db, capsys):
    assert main(["show", "Kassym-Jomart Tokayev", "--db", str(example_db)]) == 0
    out = capsys.readouterr().out
    roles = out[out.index("Roles"):out.index("Relations")]
    for column in ("title", "of", "former", "since", "until"):
        assert column in roles
    assert "President" in roles and "Kazakhstan" in roles


def test_csv_numbers_are_plain(example_db, capsys):
    assert main(["query", "figures", "--about", "Kazakhstan", "--db", str(example_db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert "21000000000" in {r["value"] for r in rows}


def test_long_cells_are_cut_and_say_how_to_get_them(tmp_path, example_db, capsys):
    assert main(["query", "quotes", "--db", str(example_db)]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 200
    assert "speaker" in out and "Niva Yau" in out


def test_progress_rate_starts_after_the_first_article():
    now = [0.0]
    column = RateColumn(clock=lambda: now[0])
    assert column.rate(1, 0) == ""           # nothing done yet
    now[0] = 5.0
    assert column.rate(1, 755) == ""         # a burst of already-stored articles: no rate yet
    now[0] = 5.5
    assert column.rate(1, 760) == ""         # under a second since: still no rate
    now[0] = 7.0
    assert column.rate(1, 775) == "10.0 articles/s"
