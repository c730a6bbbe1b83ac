"""Partitioned scale-out: workers read their partition and write its Parquet files; the client
only plans. On fsspec's in-memory filesystem (input and output) and on local folders."""
from __future__ import annotations

import json
import uuid

import fsspec
import httpx
import pytest

import newsgraph
from newsgraph.cli.main import main
from newsgraph.cli.serve import _load_dataset
from newsgraph.pipeline import process_batch
from newsgraph.scale import read_dataset
from newsgraph.scale.executor import InlineExecutor
from newsgraph.scale.partitions import DONE, plan_partitions, process_partitions, read_partition
from web_corpus import serving

LEADERS = [("Lula", "Brazil", "Beijing"), ("Scholz", "Germany", "Paris"), ("Ruto", "Kenya", "Tokyo"),
           ("Albanese", "Australia", "Jakarta"), ("Modi", "India", "Moscow"), ("Boric", "Chile", "Lima")]


def lines() -> list[str]:
    return [json.dumps({"id": f"n{i}", "published": f"2024-02-{i + 1:02d}",
                        "text": f"President {name} of {country} arrived in {city} on Monday for talks "
                                f"on trade, officials said."})
            for i, (name, country, city) in enumerate(LEADERS)]


@pytest.fixture()
def memory_input():
    """A fresh in-memory folder holding one JSONL file with a bad line, and a text file."""
    fs = fsspec.filesystem("memory")
    root = f"/news-{uuid.uuid4().hex[:8]}"
    with fs.open(f"{root}/wire.jsonl", "wb") as handle:
        handle.write(("\n".join(lines()[:3]) + "\n{not json\n" + "\n".join(lines()[3:]) + "\n").encode())
    with fs.open(f"{root}/note.txt", "wb") as handle:
        handle.write(b"The European Union fined a Dutch bank on Tuesday, the commission said.")
    yield f"memory://{root}"
    fs.rm(root, recursive=True)


def run(inputs, out, work=process_batch, **options):
    with InlineExecutor() as executor:
        return process_partitions(inputs, out, work, executor, **options)


def test_byte_ranges_cover_every_line_once_with_its_number(memory_input):
    partitions, skips = plan_partitions([f"{memory_input}/wire.jsonl"], split_bytes=250)
    assert len(partitions) > 2 and not skips
    items = [item for p in partitions for item in read_partition(p)]
    origins = [i.origin for i in items if hasattr(i, "text")]
    assert origins == [f"{memory_input}/wire.jsonl:{n}" for n in (1, 2, 3, 5, 6, 7)]
    bad = [i for i in items if not hasattr(i, "text")]
    assert len(bad) == 1 and bad[0].line == 4


def test_memory_in_memory_out_gives_the_plain_records(memory_input):
    out = f"memory://out-{uuid.uuid4().hex[:8]}"
    summary = run([memory_input], out, split_bytes=250)
    assert summary.records == 7 and len(summary.skips) == 1 and not summary.failed
    assert "wire.jsonl:4" in summary.skips[0].message()
    stored = {r.document.id: r for r in read_dataset(out) if hasattr(r, "document")}
    assert set(stored) >= {"n0", "n5"} and len(stored) == 7
    plain = process_batch([item for p in plan_partitions([memory_input])[0] for item in read_partition(p)
                           if hasattr(item, "text")])
    assert {r.document.id: len(r.entities) for r in plain} == {k: len(r.entities) for k, r in stored.items()}
    manifest = json.loads(fsspec.open(f"{out}/_manifest.json").open().read())
    assert all(p["complete"] for p in manifest["partitions"])


def test_a_rerun_after_a_killed_run_does_only_the_missing_partition(memory_input):
    out = f"memory://out-{uuid.uuid4().hex[:8]}"
    first = run([memory_input], out, split_bytes=250)
    fs, root = fsspec.core.url_to_fs(out)
    markers = sorted(fs.ls(f"{root}/{DONE}", detail=False))
    fs.rm(markers[0])                       # as if the worker died before its marker
    again = run([memory_input], out, split_bytes=250)
    assert again.already == first.partitions - 1
    assert 0 < again.records < first.records
    records = [r for r in read_dataset(out) if hasattr(r, "document")]
    assert len(records) == first.records   # replaced, not duplicated


def test_a_failing_partition_is_retried_then_reported(memory_input):
    calls = {"n": 0}

    def flaky(articles):
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("worker lost")
        return process_batch(articles)

    summary = run([f"{memory_input}/note.txt"], f"memory://out-{uuid.uuid4().hex[:8]}", flaky)
    assert summary.records == 1 and not summary.failed

    def broken(articles):
        raise RuntimeError("disk full")

    summary = run([f"{memory_input}/note.txt"], f"memory://out-{uuid.uuid4().hex[:8]}", broken)
    assert summary.records == 0 and "disk full" in summary.failed[0]


def test_process_command_reruns_skip_complete_partitions(tmp_path, capsys):
    source = tmp_path / "in"
    source.mkdir()
    (source / "wire.jsonl").write_text("\n".join(lines()) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["process", str(source), "--out", str(out), "--workers", "1"]) == 0
    assert "6 record(s)" in capsys.readouterr().err
    assert main(["process", str(source), "--out", str(out), "--workers", "1"]) == 0
    assert "1 already complete" in capsys.readouterr().err
    assert len(list((out / "documents").glob("*.parquet"))) == 1


def test_serve_dataset_answers_like_the_ingested_database(tmp_path, memory_input):
    out = str(tmp_path / "dataset")
    run([memory_input], out)
    ingested = tmp_path / "ingested.duckdb"
    source = tmp_path / "wire.jsonl"
    with fsspec.open(f"{memory_input}/wire.jsonl", "rb") as handle:
        source.write_bytes(handle.read())
    (tmp_path / "note.txt").write_bytes(fsspec.open(f"{memory_input}/note.txt", "rb").open().read())
    assert main(["ingest", str(source), str(tmp_path / "note.txt"), "--db", str(ingested)]) == 0
    loaded = _load_dataset(out)
    with newsgraph.open(ingested) as a, newsgraph.open(loaded) as b:
        assert {e["name"] for e in a.entities(limit=None)} == {e["name"] for e in b.entities(limit=None)}
    with serving(loaded) as (base, _app), httpx.Client(base_url=base, timeout=10) as http:
        names = [e["name"] for e in http.get("/api/entities", params={"q": "Lula"}).json()["items"]]
        assert names and "Lula" in names[0]
