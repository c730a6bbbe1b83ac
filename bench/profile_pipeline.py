"""Where one article's time goes: cProfile over the whole pipeline on Wikinews articles.

    python bench/profile_pipeline.py [--limit 200] [--top 30] [--out /tmp/pipeline.prof]

Prints three views: the time of each stage (spaCy components one by one, mentions,
resolution, each extractor), then cProfile's top functions by own time. Model loading and
extractor discovery happen before the clock starts.
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import itertools
import json
import pstats
import time
from collections import defaultdict
from pathlib import Path

from newsgraph.extract.mentions import find_mentions
from newsgraph.extract.registry import Context, discover
from newsgraph.model import Article, EntityIndex
from newsgraph.pipeline import build_nlp, document_of, extract_records
from newsgraph.resolve.entities import resolve_entities
from newsgraph.settings import load_settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-politics.jsonl.gz"


def articles(corpus: Path, limit: int) -> list[Article]:
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in itertools.islice(handle, limit)]
    return [Article(text=r["text"], origin=f"{corpus}:{i}", id=r.get("id"), published=r.get("published"))
            for i, r in enumerate(rows, 1)]


def stage_times(items: list[Article]) -> dict[str, float]:
    """Seconds per stage, summed over the articles; spaCy components timed one by one."""
    nlp = build_nlp()
    extractors = discover()
    spent: dict[str, float] = defaultdict(float)
    for article in items:
        clock = time.perf_counter()
        doc = nlp.make_doc(article.text)
        spent["spacy:tokenizer"] += time.perf_counter() - clock
        for name, component in nlp.pipeline:
            clock = time.perf_counter()
            doc = component(doc)
            spent[f"spacy:{name}"] += time.perf_counter() - clock
        clock = time.perf_counter()
        mentions = find_mentions(doc)
        spent["mentions"] += time.perf_counter() - clock
        clock = time.perf_counter()
        entities = resolve_entities(mentions)
        spent["resolve"] += time.perf_counter() - clock
        context = Context(document_of(article), EntityIndex(entities))
        for extractor in extractors:
            clock = time.perf_counter()
            found = extractor.extract(doc, context)
            context.found[extractor.section] = (*context.section(extractor.section), *found)
            spent[f"extract:{extractor.name}"] += time.perf_counter() - clock
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--out", type=Path, default=None, help="also save the raw profile here")
    args = parser.parse_args()
    items = articles(args.corpus, args.limit)
    build_nlp()
    discover()
    spent = stage_times(items)
    total = sum(spent.values())
    print(f"{len(items)} articles, {total:.1f} s in the stages ({len(items) / total:.1f} articles/s)")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:40s} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    profiler = cProfile.Profile()
    settings = load_settings()
    profiler.enable()
    for _ in extract_records(items, settings):
        pass
    profiler.disable()
    if args.out:
        profiler.dump_stats(args.out)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
