"""Scale-out: the local pool and a real Dask LocalCluster give the records of a plain in-process
run; a failing article is a skip, never a failed job; appending adds files and rewrites none;
the Parquet dataset reads back into the same records and answers SQL in place."""
from __future__ import annotations

import json
from pathlib import Path

import dask
import pytest

from newsgraph.cli.main import main
from newsgraph.model import Article, ArticleRecord, Skip
from newsgraph.pipeline import process_batch, warm_up
from newsgraph.scale import Replay, make_executor, process_corpus, query_dataset, read_dataset
from newsgraph.scale.dataset import DatasetWriter, batch_tables, read_batch
from scale_crash import crash_on

TEXTS = (
    "Chinese President Xi Jinping met Kazakh President Kassym-Jomart Tokayev in Astana on Monday.",
    '"We will double trade to $40 billion by 2030," Tokayev told reporters after the talks.',
    "Russia and Kazakhstan share a border of 7,600 kilometres, the foreign ministry said.",
    "The European Union imposed sanctions on three Iranian officials on Tuesday.",
    "Protesters gathered in Bishkek, the capital of Kyrgyzstan, to demand new elections.",
)
# A lone surrogate (which the readers would have replaced) makes the tokenizer raise: the parse
# of this article fails inside its nlp.pipe batch.
UNPARSABLE = "The talks in Astana went on \ud800 late into the night, officials said."


def corpus() -> list[Article | Skip]:
    items: list[Article | Skip] = [Article(text=t, origin=f"mem:{i}", published="2024-05-06")
                                   for i, t in enumerate(TEXTS, 1)]
    items.insert(2, Skip("mem:unreadable", "not JSON (each line must be one JSON object)", 3))
    items.insert(4, Article(text=UNPARSABLE, origin="mem:broken"))
    items.append(Article(text=TEXTS[0], origin="mem:again"))  # same text twice: two documents
    return items


@pytest.fixture(scope="module")
def reference() -> list[ArticleRecord | Skip]:
    """What a plain in-process run makes of the corpus, item by item."""
    articles = [item for item in corpus() if isinstance(item, Article)]
    answers = iter(process_batch(articles))
    return [item if isinstance(item, Skip) else next(answers) for item in corpus()]


def run_engine(out: Path, engine: str, workers: int) -> list[ArticleRecord | Skip]:
    with make_executor(engine, workers=workers, setup=warm_up) as executor:
        summary = process_corpus(corpus(), out, process_batch, executor, batch_size=3)
        if engine == "dask":  # each worker runs with Dask's sampling profiler off
            profiling = executor.client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
            assert set(profiling.values()) == {False}
    assert (summary.records, summary.skips, summary.batches) == (6, 2, 3)
    return list(read_dataset(out))


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_engines_give_the_records_of_a_plain_run(engine, reference, tmp_path):
    assert run_engine(tmp_path, engine, workers=2) == reference


def test_a_failing_article_is_a_skip_with_its_reason(reference):
    broken = reference[4]
    assert isinstance(broken, Skip) and broken.origin == "mem:broken"
    assert "extraction failed" in broken.reason and "UnicodeEncodeError" in broken.reason
    assert isinstance(reference[5], ArticleRecord)  # the rest of its batch is untouched


def test_a_dead_task_turns_its_batch_into_skips(tmp_path):
    def explode(articles):
        raise MemoryError("worker killed")
    with make_executor("local", workers=1) as executor:
        summary = process_corpus(corpus()[:3], tmp_path, explode, executor, batch_size=2)
    assert (summary.records, summary.skips) == (0, 3)
    skips = list(read_dataset(tmp_path))
    assert [s.origin for s in skips] == ["mem:1", "mem:2", "mem:unreadable"]
    assert "worker running this batch failed (MemoryError" in skips[0].reason


def test_a_crashed_pool_process_costs_its_batches_not_the_run(tmp_path):
    items = [Article(text="x", origin="crash" if i == 0 else f"a{i}") for i in range(12)]
    with make_executor("local", workers=2) as executor:
        summary = process_corpus(items, tmp_path, crash_on, executor, batch_size=1)
    results = list(read_dataset(tmp_path))
    assert summary.batches == 12 and "worker running this batch failed" in results[0].reason
    assert results[-1].reason == "done"  # a fresh pool took the batches after the crash


def test_appending_adds_files_and_rewrites_none(reference, tmp_path):
    first = DatasetWriter(tmp_path)
    first.write(reference[:4])
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*.parquet")}
    second = DatasetWriter(tmp_path)
    second.write(reference[4:])
    after = set(tmp_path.rglob("*.parquet"))
    assert set(before) < after
    assert all((p.stat().st_mtime_ns, p.read_bytes()) == seen for p, seen in before.items())
    assert list(read_dataset(tmp_path)) == reference
    assert not list(tmp_path.rglob("*.tmp"))


def test_every_section_of_the_seed_survives_parquet(seed_record, tmp_path):
    tables = batch_tables([seed_record])
    assert {"documents", "entities", "quotes"} <= set(tables)
    name = DatasetWriter(tmp_path).write([seed_record])
    assert read_batch(tmp_path, name) == [seed_record]


def test_the_dataset_answers_sql_in_place(reference, tmp_path):
    DatasetWriter(tmp_path).write(reference)
    columns, rows = query_dataset(tmp_path, "SELECT count(*) AS n, count(DISTINCT doc_id) FROM documents")
    assert columns[0] == "n" and rows == [(6, 5)]
    _, skips = query_dataset(tmp_path, "SELECT origin FROM skips ORDER BY item")
    assert skips == [("mem:unreadable",), ("mem:broken",)]
    _, people = query_dataset(tmp_path, "SELECT DISTINCT name FROM entities WHERE type = 'PERSON'")
    assert ("Xi Jinping",) in people


def test_a_replayed_dataset_gives_ingest_its_articles_and_records(reference, tmp_path):
    DatasetWriter(tmp_path).write(reference)
    replay = Replay(tmp_path)
    admitted = [a for a in replay.articles() if not (isinstance(a, Article) and a.origin == "mem:2")]
    records = list(replay.extract(admitted))
    assert records == [r for r in reference if not (isinstance(r, ArticleRecord) and r.document.origin == "mem:2")]
    first = next(a for a in admitted if isinstance(a, Article))
    assert (first.origin, first.id, first.published) == ("mem:1", None, "2024-05-06")


def test_process_command_writes_a_dataset(tmp_path, capsys):
    source = tmp_path / "news.jsonl"
    lines = [json.dumps({"id": "a1", "text": TEXTS[0]}), "not json", json.dumps({"id": "a2", "text": TEXTS[3]})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["process", str(source), "--out", str(tmp_path / "out"), "--workers", "1"]) == 0
    assert "2 record(s), 1 skipped" in capsys.readouterr().err
    _, rows = query_dataset(tmp_path / "out", "SELECT doc_id FROM documents ORDER BY doc_id")
    assert rows == [("a1",), ("a2",)]
    _, skips = query_dataset(tmp_path / "out", "SELECT line, reason FROM skips")
    assert skips[0][0] == 2 and "not JSON" in skips[0][1]
