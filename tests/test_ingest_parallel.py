"""`ingest --workers N` (parse and extraction in worker processes) and `ingest --from DIR` (a
Parquet dataset from `newsgraph process`) store exactly what a plain one-process ingest stores."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus_fixtures import generated_articles
from newsgraph.cli.main import main
from newsgraph.store import Store

TABLES = ("documents", "entities", "mentions", "quotes", "figures", "relations", "events", "places", "skips")


def counts(db: Path) -> dict[str, int]:
    with Store.open(db, read_only=True) as store:
        found = store.counts()
    return {table: found.get(table, 0) for table in TABLES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("parallel") / "articles.jsonl"
    rows = [json.dumps(a) for a in generated_articles(8, sentences=3)] + ["{not json"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> dict[str, int]:
    db = tmp_path_factory.mktemp("one") / "one.duckdb"
    assert main(["ingest", str(corpus), "--db", str(db)]) == 0
    return counts(db)


def test_workers_store_what_one_process_stores(corpus, one_process, tmp_path, capsys):
    db = tmp_path / "workers.duckdb"
    assert main(["ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", "3"]) == 0
    assert counts(db) == one_process
    assert one_process["documents"] == 8 and one_process["skips"] == 1


def test_from_dataset_stores_what_reading_stores(corpus, one_process, tmp_path, capsys):
    dataset, db = tmp_path / "dataset", tmp_path / "from.duckdb"
    assert main(["process", str(corpus), "--out", str(dataset), "--workers", "1"]) == 0
    assert main(["ingest", "--from", str(dataset), "--db", str(db)]) == 0
    assert counts(db) == one_process
    assert main(["ingest", "--from", str(dataset), "--db", str(db)]) == 0  # again: nothing added
    assert counts(db) == one_process


def test_paths_or_from_but_not_both(corpus, tmp_path, capsys):
    assert main(["ingest", "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "give either PATH... or --from DIR" in capsys.readouterr().err
