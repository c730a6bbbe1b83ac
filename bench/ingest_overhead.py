"""Database overhead of `ingest` against `extract --format jsonl` on the same articles.

    python bench/ingest_overhead.py [--corpus PATH] [--limit 100] [--workers 1]

Both paths share the extraction (`pipeline.extract_records`); what ingest adds is the gate
(document key + MinHash per article), corpus entity resolution and one DuckDB transaction per
article, committed by a background writer thread while the next article is extracted.

Reported: the end-to-end ratio (ingest wall time against extract + JSON serialisation, which
is what `extract --format jsonl` does; extract runs before and after ingest and the mean is
used, to even out load from other processes), and the serial cost of the database work alone
(gate + resolve + write, on the already-extracted records). The model load and a warm-up
run (lazy lexicons and indexes) are excluded.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import tempfile
import time
from pathlib import Path

from newsgraph.corpus import extractor_tables
from newsgraph.ingest import read_jsonl
from newsgraph.ingest.fingerprint import Fingerprints, hash_values, minhash_of
from newsgraph.model import Article, ArticleRecord
from newsgraph.pipeline import build_nlp, extract_records
from newsgraph.resolve.corpus import CorpusResolver
from newsgraph.resolve.curation import Curation
from newsgraph.settings import load_settings
from newsgraph.store import Store, StoredArticle, document_key

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-politics.jsonl.gz"


def articles_of(corpus: Path, limit: int) -> list[Article]:
    with gzip.open(corpus, "rb") as handle:
        return [a for a in itertools.islice(read_jsonl(handle, str(corpus)), limit) if isinstance(a, Article)]


def extract_seconds(articles: list[Article], workers: int) -> tuple[float, list[ArticleRecord]]:
    settings = load_settings().with_overrides(n_process=workers)
    build_nlp(settings)
    started = time.perf_counter()
    records = [r for r in extract_records(articles, settings) if isinstance(r, ArticleRecord)]
    for record in records:
        json.dumps(record.to_dict(), ensure_ascii=False)
    return time.perf_counter() - started, records


def store_seconds(records: list[ArticleRecord]) -> tuple[float, float, int]:
    """Serial seconds of the database work, of which corpus resolution (with the analyst's
    decisions, as ingest applies them), and the database size."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.duckdb"
        with Store.open(path) as store:
            started = time.perf_counter()
            fingerprints, resolver = Fingerprints(), CorpusResolver.load(store)
            curation, resolving = Curation.load(store), 0.0
            for record in records:
                key = document_key(record.document.text)
                sketch = minhash_of(record.document.text)
                fingerprints.match(sketch)
                fingerprints.add(key, sketch)
                resolve_started = time.perf_counter()
                resolution = resolver.resolve(record, key)
                curated = curation.for_article(record, resolution.entity_ids) if curation else {}
                resolving += time.perf_counter() - resolve_started
                store.write_article(StoredArticle(key, record, resolution.entity_ids,
                                                  resolution.new_entities, resolution.new_aliases,
                                                  hash_values(sketch), extractor_tables(record),
                                                  curated=curated))
                resolve_started = time.perf_counter()
                resolver.accept(resolution)
                resolving += time.perf_counter() - resolve_started
            seconds = time.perf_counter() - started
        return seconds, resolving, path.stat().st_size if path.exists() else 0


def ingest_seconds(articles: list[Article], workers: int) -> float:
    from newsgraph.corpus import ingest
    settings = load_settings().with_overrides(n_process=workers)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "e2e.duckdb") as store:
        started = time.perf_counter()
        ingest(store, articles, settings, keep_duplicates=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    articles = articles_of(args.corpus, args.limit)
    extract_seconds(articles[:10], args.workers)  # warm-up: lazy lexicons, gazetteer, caches
    before, records = extract_seconds(articles, args.workers)
    ingest = ingest_seconds(articles, args.workers)
    after, _ = extract_seconds(articles, args.workers)
    extract = (before + after) / 2
    serial, resolving, size = store_seconds(records)
    print(f"articles              {len(records)}")
    print(f"extract + jsonl       {extract:.2f} s  ({before:.2f} before, {after:.2f} after ingest)")
    print(f"ingest                {ingest:.2f} s  ({len(records) / ingest:.1f} articles/s)")
    print(f"end-to-end overhead   {ingest / extract - 1:+.1%}")
    print(f"serial db work        {serial / len(records) * 1000:.1f} ms/article "
          f"({serial / extract:.1%} of extract if it were not overlapped); "
          f"{size / len(records) / 1024:.0f} KiB/article on disk")
    print(f"corpus resolution     {resolving / len(records) * 1000:.2f} ms/article "
          f"({resolving / extract:.2%} of extract)")


if __name__ == "__main__":
    main()
