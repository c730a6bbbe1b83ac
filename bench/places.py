"""Places: their share of extraction time, how recovery scales, and the index's costs.

    python bench/places.py [--corpus PATH] [--limit 200] [--rebuild]

- share: each article is parsed and extracted in full (spaCy, mentions, entities, every
  registered extractor); the places work inside it (recovering and retyping place mentions in
  `mentions.find_mentions`, then `places_of`) is timed on its own. The ratio is the number that
  matters: places should stay under 5% of extraction time.
- scaling: the places work (recovery, then `places_of`) on one article and on the same article
  repeated 16 times; linear work costs about 16 times as much (issue 17: a quadratic overlap
  check took minutes on 990 KB).
- index: size, first-use build time (`--rebuild`, in a temporary cache folder), cold open.
The corpus is JSONL (optionally gzipped) with a "text" field per line.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = ROOT / "shared" / "dev" / "geovirus.jsonl"
SCALE = 16  # copies of the longest article for the scaling check
WARM_UP = 10  # articles extracted before the timing starts


def texts_of(corpus: Path, limit: int) -> list[str]:
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in itertools.islice(handle, limit)]


class Stopwatch:
    """CPU seconds spent inside the functions it wraps (CPU time, so that other processes on a
    busy machine do not tilt the ratio)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.process_time() - started
        return timed


def share(texts: list[str]) -> None:
    from newsgraph.extract import mentions
    from newsgraph.extract.places import extractor
    from newsgraph.model import Article
    from newsgraph.pipeline import build_nlp, record_of

    nlp = build_nlp()
    places = Stopwatch()
    mentions.named_places = places.wrap(mentions.named_places)
    mentions.missed_places = places.wrap(mentions.missed_places)
    extractor.places_of = places.wrap(extractor.places_of)
    for text in texts[:WARM_UP]:  # loads the models, the index and the lexicons: one-time costs
        record_of(nlp(text), Article(text=text, origin="bench"))
    places.seconds = 0.0
    started = time.process_time()
    placed = 0
    for text in texts:
        placed += len(record_of(nlp(text), Article(text=text, origin="bench")).places)
    total = time.process_time() - started
    print(f"articles            {len(texts)}  ({placed} places)")
    print(f"extraction          {total:.1f} CPU s  ({1000 * total / len(texts):.0f} ms per article)")
    print(f"places              {places.seconds:.2f} CPU s  = {100 * places.seconds / total:.1f}% of extraction")


def scaling(text: str) -> None:
    from newsgraph.extract.mentions import find_mentions
    from newsgraph.extract.places.extractor import places_of
    from newsgraph.extract.places.recovery import missed_places, named_places
    from newsgraph.pipeline import build_nlp
    from newsgraph.resolve.entities import resolve_entities

    nlp = build_nlp()
    costs = []
    for copies in (1, SCALE):
        doc = nlp(" ".join([text] * copies))
        found = find_mentions(doc)
        entities = resolve_entities(found)
        started = time.perf_counter()
        missed_places(doc, named_places(doc, found))
        places_of(entities, doc.text, doc)
        costs.append(time.perf_counter() - started)
    print(f"places scaling      {SCALE}x the text costs {costs[1] / costs[0]:.1f}x  (linear: about {SCALE})")


def index_costs(rebuild: bool) -> None:
    from newsgraph.extract.places import index as gi

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true", help="time a fresh index build")
    args = parser.parse_args()
    texts = texts_of(args.corpus, args.limit)
    index_costs(args.rebuild)
    share(texts)
    scaling(max(texts, key=len))


if __name__ == "__main__":
    main()
