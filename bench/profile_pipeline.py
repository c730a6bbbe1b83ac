"""Where one article's time goes: cProfile over the whole pipeline on Wikinews articles.

    python bench/profile_pipeline.py [--limit 200] [--cprofile /tmp/pipeline.prof [--top 30]]

Prints the time of each stage by the clock: spaCy's components one by one (each over the
whole list, batched as `nlp.pipe` batches), then mentions, resolution and each extractor;
with --cprofile, also cProfile's top functions by own time. Model loading and the warm-up
(lazy tables) happen before the clock starts.
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
from newsgraph.pipeline import build_nlp, document_of, extract_records, warm_up
from newsgraph.resolve.entities import resolve_entities
from newsgraph.settings import load_settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-politics.jsonl.gz"


def articles(corpus: Path, limit: int) -> list[Article]:
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in itertools.islice(handle, limit)]
    return [Article(text=r["text"], origin=f"{corpus}:{i}", id=r.get("id"), published=r.get("published"))
            for i, r in enumerate(rows, 1)]


def stage_times(items: list[Article], batch_size: int = 32) -> dict[str, float]:
    """Seconds per stage over all articles, by the clock (no profiler overhead).

    spaCy's components run one after the other over the whole batch list, each with its own
    `pipe` (as `nlp.pipe` runs them), so each is timed on its own; then our stages per article."""
    nlp = build_nlp()
    extractors = discover()
    spent: dict[str, float] = defaultdict(float)
    clock = time.perf_counter()
    docs = [nlp.make_doc(article.text) for article in items]
    spent["spacy:tokenizer"] += time.perf_counter() - clock
    for name, component in nlp.pipeline:
        clock = time.perf_counter()
        docs = list(component.pipe(docs, batch_size=batch_size)) if hasattr(component, "pipe") \
            else [component(doc) for doc in docs]
        spent[f"spacy:{name}"] += time.perf_counter() - clock
    for doc, article in zip(docs, items):
        clock = time.perf_counter()
        mentions = find_mentions(doc)
        spent["ours:mentions"] += time.perf_counter() - clock
        clock = time.perf_counter()
        entities = resolve_entities(mentions)
        spent["ours:resolve"] += time.perf_counter() - clock
        context = Context(document_of(article), EntityIndex(entities))
        for extractor in extractors:
            clock = time.perf_counter()
            found = extractor.extract(doc, context)
            context.found[extractor.section] = (*context.section(extractor.section), *found)
            spent[f"ours:{extractor.name}"] += time.perf_counter() - clock
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cprofile", type=Path, default=None,
                        help="also run cProfile over extract_records and save it here (slow; it "
                             "inflates Cython-heavy calls such as Token creation several-fold)")
    parser.add_argument("--stream", action="store_true",
                        help="only run extract_records over the articles (for py-spy: see spy_summary.py)")
    parser.add_argument("--skip", type=int, default=0, help="start after this many articles")
    args = parser.parse_args()
    items = articles(args.corpus, args.skip + args.limit)[args.skip:]
    warm_up()
    if args.stream:
        sum(1 for _ in extract_records(items, load_settings()))
        return
    spent = stage_times(items)
    total = sum(spent.values())
    print(f"{len(items)} articles, {total:.1f} s in the stages ({len(items) / total:.1f} articles/s)")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:40s} {seconds:7.2f} s  {100 * seconds / total:5.1f} %")
    spacy_total = sum(v for k, v in spent.items() if k.startswith("spacy:"))
    print(f"  spaCy {spacy_total:.1f} s, ours {total - spacy_total:.1f} s: "
          f"extraction costs {100 * (total - spacy_total) / spacy_total:.0f} % of the parse")
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in extract_records(items, load_settings()):
            pass
        profiler.disable()
        profiler.dump_stats(args.cprofile)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)

if __name__ == "__main__":
    main()
