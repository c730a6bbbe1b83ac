"""Every export format, written from a real database file and read back by the tools users use."""
from __future__ import annotations

import json

import duckdb
import networkx as nx
import pytest

from newsgraph.cli.main import main
from newsgraph.export.gkg import COLUMNS
from newsgraph.export.tables import TABLES
from newsgraph.store import Store


@pytest.fixture(scope="module")
def counts(corpus):
    with Store.open(corpus, read_only=True) as store:
        return store.counts()


def _export(corpus, fmt, out) -> None:
    assert main(["export", "--format", fmt, "--out", str(out), "--db", str(corpus)]) == 0


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_table_files_load_in_duckdb(corpus, counts, tmp_path, fmt):
    _export(corpus, fmt, tmp_path / fmt)
    reader = "read_parquet" if fmt == "parquet" else "read_csv_auto"
    for table in TABLES:
        path = tmp_path / fmt / f"{table}.{fmt}"
        loaded = duckdb.sql(f"SELECT count(*) FROM {reader}('{path}')").fetchall()[0][0] if counts.get(table, 1) else 0
        assert loaded == counts.get(table, loaded), table


def test_parquet_keeps_types(corpus, tmp_path):
    _export(corpus, "parquet", tmp_path / "p")
    row = duckdb.sql(f"SELECT value, normalized_unit FROM read_parquet('{tmp_path / 'p' / 'figures.parquet'}') "
                     "WHERE extractor = 'figures.test.v1'").fetchall()[0]
    assert row == (21e9, "USD")


def test_graphml_loads_in_networkx(corpus, tmp_path):
    _export(corpus, "graphml", tmp_path / "g.graphml")
    graph = nx.read_graphml(tmp_path / "g.graphml")
    names = {data["name"]: node for node, data in graph.nodes(data=True)}
    edge = graph.get_edge_data(names["CSTO"], names["Kazakhstan"])
    labels = {(d["kind"], d["label"]) for d in (edge.values() if graph.is_multigraph() else [edge])}
    assert ("event", "MOBILIZE") in labels
    assert graph.has_edge(names["Niva Yau"], names["OSCE Academy"])
    assert graph.nodes[names["China"]]["type"] == "COUNTRY" and graph.nodes[names["China"]]["mentions"] > 40


def test_gkg_columns(corpus, counts, tmp_path):
    _export(corpus, "gkg", tmp_path / "c.gkg")
    lines = (tmp_path / "c.gkg").read_text(encoding="utf-8").splitlines()
    assert len(lines) == counts["documents"]
    rows = [dict(zip(COLUMNS, line.split("\t"))) for line in lines]
    assert all(len(line.split("\t")) == 27 for line in lines)
    synthetic = next(r for r in rows if "Niva Yau" in r["V1PERSONS"])
    assert synthetic["V2.1DATE"] == "20220107000000"
    assert "Niva Yau,0" in synthetic["V2ENHANCEDPERSONS"].split(";")
    assert "OSCE Academy" in synthetic["V1ORGANIZATIONS"] and "CSTO" in synthetic["V1ORGANIZATIONS"]
    assert synthetic["V2.1QUOTATIONS"].endswith("|26|said|Kazakhstan will need China")
    assert synthetic["V2.1AMOUNTS"].startswith("2.1e+10,trade,")
    seed = max(rows, key=lambda r: len(r["V1LOCATIONS"]))
    assert any(loc.startswith("1#China#CN#") for loc in seed["V1LOCATIONS"].split(";"))


def test_jsonl_has_corpus_ids(corpus, counts, tmp_path):
    _export(corpus, "jsonl", tmp_path / "c.jsonl")
    records = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == counts["documents"]
    xi_ids = {e["id"] for r in records for e in r["entities"] if e["name"] == "Xi Jinping"}
    assert len(xi_ids) == 1 and next(iter(xi_ids)).startswith("E")
    synthetic = next(r for r in records if r["document"]["id"] == "synthetic-1")
    speaker = synthetic["quotes"][0]["speaker"]
    assert next(e for e in synthetic["entities"] if e["id"] == speaker)["name"] == "Niva Yau"
    assert synthetic["entities"][0]["roles"][0]["title"] == "researcher"


def test_table_export_refuses_a_file_as_folder(corpus, tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["export", "--format", "csv", "--out", str(tmp_path / "file"), "--db", str(corpus)]) == 2
    assert "give --out a folder" in capsys.readouterr().err
