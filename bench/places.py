"""Places: index size and build time, cold open, and resolution time per article.

    python bench/places.py [--corpus PATH] [--limit 200] [--rebuild]

Articles are parsed and their entities resolved outside the timing; only the places step
(`places_of`: cues, gazetteer lookups, scoring) is timed, once per article. `--rebuild` builds
the index afresh in a temporary cache folder to time the first-use cost.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-politics.jsonl.gz"


def texts_of(corpus: Path, limit: int) -> list[str]:
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in itertools.islice(handle, limit)]


def index_costs(rebuild: bool) -> None:
    from newsgraph.extract import geo_index as gi

    if rebuild:
        os.environ["NEWSGRAPH_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsgraph-bench-")
        started = time.perf_counter()
        gi.build(gi.index_path())
        print(f"index build         {time.perf_counter() - started:.1f} s")
    index = gi.geo_index()
    started = time.perf_counter()
    gi.GeoIndex(index.path).lookup("Springfield")
    print(f"index open+lookup   {(time.perf_counter() - started) * 1000:.1f} ms (cold handle)")
    print(f"index size          {index.size() / 1e6:.1f} MB  ({index.path})")


def article_costs(texts: list[str]) -> None:
    from newsgraph.extract.places.cues import place_entities
    from newsgraph.extract.mentions import find_mentions
    from newsgraph.extract.places.extractor import places_of
    from newsgraph.pipeline import build_nlp
    from newsgraph.resolve.entities import resolve_entities

    nlp = build_nlp()
    articles = [(doc.text, resolve_entities(find_mentions(doc))) for doc in nlp.pipe(texts, batch_size=32)]
    timings, wanted, placed = [], 0, 0
    for text, entities in articles:
        started = time.perf_counter()
        places = places_of(entities, text)
        timings.append((time.perf_counter() - started) * 1000)
        wanted += len(place_entities(tuple(entities), text))
        placed += len(places)
    timings.sort()
    print(f"articles            {len(articles)}")
    print(f"places per article  {placed / max(len(articles), 1):.1f} "
          f"({placed} of {wanted} place entities placed, {placed / max(wanted, 1):.0%})")
    print(f"ms per article      mean {statistics.mean(timings):.2f}  median {statistics.median(timings):.2f}  "
          f"p95 {timings[int(len(timings) * 0.95) - 1]:.2f}  max {timings[-1]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true", help="time a fresh index build")
    args = parser.parse_args()
    index_costs(args.rebuild)
    article_costs(texts_of(args.corpus, args.limit))


if __name__ == "__main__":
    main()
