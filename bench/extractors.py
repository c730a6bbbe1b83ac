"""Each extractor's share of extraction time, as a ratio (the machine's speed cancels out).

    python bench/extractors.py [--corpus PATH] [--limit 300]

Articles are parsed with `nlp.pipe` as `newsgraph extract` does; then, per article, mentions and
entity resolution and every registered extractor are timed separately. The total is parse +
mentions + extractors; each line gives a stage's share of it. Issue targets: places under 5%,
stance + tones + themes under 10%.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import time
from collections import defaultdict
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-politics.jsonl.gz"


def texts_of(corpus: Path, limit: int) -> list[str]:
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in itertools.islice(handle, limit)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    args = parser.parse_args()

    from newsgraph.extract.mentions import find_mentions
    from newsgraph.extract.registry import Context, discover
    from newsgraph.model import Document, EntityIndex
    from newsgraph.pipeline import build_nlp, warm_up
    from newsgraph.resolve.entities import resolve_entities

    texts = texts_of(args.corpus, args.limit)
    warm_up()
    nlp, extractors = build_nlp(), discover()
    spent: dict[str, float] = defaultdict(float)
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    spent["parse (spaCy)"] = time.perf_counter() - started
    for n, doc in enumerate(docs):
        started = time.perf_counter()
        entities = resolve_entities(find_mentions(doc))
        spent["mentions + entities"] += time.perf_counter() - started
        context = Context(Document(id=str(n), text=doc.text), EntityIndex(entities))
        for extractor in extractors:
            started = time.perf_counter()
            found = extractor.extract(doc, context)
            spent[extractor.name] += time.perf_counter() - started
            context.found[extractor.section] = (*context.section(extractor.section), *found)
    total = sum(spent.values())
    print(f"{len(texts)} articles, {total:.1f} s in all")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"  {name:28} {seconds / total:6.1%}")
    stance = sum(v for k, v in spent.items() if k.split(".")[0] in {"stances", "tones", "themes"})
    print(f"  {'stance + tones + themes':28} {stance / total:6.1%}")


if __name__ == "__main__":
    main()
