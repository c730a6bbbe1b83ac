"""Throughput: our full extract against a bare spaCy parse of the same articles, side by side.

    python bench/throughput.py [--corpus PATH] [--limit 500] [--processes 1]

Both runs use the same model and batch size in the same process, one after the other, so the
ratio is what matters, not the absolute numbers (machines here are noisy). Model loading is
excluded from both timings.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import time
from pathlib import Path

import spacy

from newsgraph.ingest import read_inputs
from newsgraph.pipeline import build_nlp, extract_records
from newsgraph.settings import load_settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-politics.jsonl.gz"


def first_texts(corpus: Path, limit: int) -> list[str]:
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in itertools.islice(handle, limit)]


def time_bare(texts: list[str], model: str, batch_size: int, processes: int) -> float:
    nlp = spacy.load(model)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=processes):
        pass
    return time.perf_counter() - start


def time_ours(corpus: Path, limit: int, batch_size: int, processes: int) -> tuple[float, int]:
    settings = load_settings().with_overrides(batch_size=batch_size, n_process=processes)
    build_nlp(settings)  # load outside the timing, as for the bare parse
    items = itertools.islice(read_inputs([str(corpus)]), limit)
    start = time.perf_counter()
    done = sum(1 for record in extract_records(items, settings) if hasattr(record, "entities"))
    return time.perf_counter() - start, done


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()
    settings = load_settings()
    texts = first_texts(args.corpus, args.limit)
    bare = time_bare(texts, settings.model, args.batch_size, args.processes)
    ours, done = time_ours(args.corpus, args.limit, args.batch_size, args.processes)
    print(f"articles            {len(texts)} ({done} extracted, {len(texts) - done} skipped)")
    print(f"bare nlp.pipe       {len(texts) / bare:8.1f} articles/s  ({bare:.1f} s)")
    print(f"newsgraph extract   {len(texts) / ours:8.1f} articles/s  ({ours:.1f} s)")
    print(f"ratio (ours / bare) {bare / ours:8.2f}")


if __name__ == "__main__":
    main()
