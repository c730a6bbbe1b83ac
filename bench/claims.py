"""The claims ledger on a corpus: how long `claims --contradictions` takes, and the top of it.

    python bench/claims.py --db corpus.duckdb [--runs 3] [--top 10]

Build the corpus first (`newsgraph ingest ../shared/corpora/wikinews-politics.jsonl.gz --db
corpus.duckdb`). Claims are computed at query time; the issue's target for the 4,100 Wikinews
articles is under 2 s. Prints the best and median of `--runs` timings, the groups by status,
and the `--top` contradictions with every side's claimant, outlet and sentence, to be read.
"""
from __future__ import annotations

import argparse
import statistics
import time
from collections import Counter


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()

    from newsgraph.query.claims import ClaimFilters, claims
    from newsgraph.store import Store

    with Store.open(args.db, read_only=True) as store:
        articles = store.scalar("SELECT count(*) FROM documents")
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            found = claims(store, ClaimFilters(contradictions=True, limit=None))
            timings.append(time.perf_counter() - started)
        every = claims(store, ClaimFilters(limit=None))
    print(f"{articles} articles: claims --contradictions in {min(timings):.2f} s best, "
          f"{statistics.median(timings):.2f} s median of {args.runs}")
    print("groups shown by default:", dict(Counter(g.status for g in every)))
    print(f"contradictions: {len(found)}; the top {args.top}:")
    for n, group in enumerate(found[:args.top], start=1):
        print(f"\n{n}. [{group.kind}] {group.about} · {group.what} · {group.period} · {group.summary()}")
        for side in group.sides:
            for i in side:
                c = group.claims[i]
                label = c.polarity if group.kind != "figure" else f"{c.value:g}"
                print(f"   [{label}] {c.text!r} by {c.claimant or '-'} ({c.outlet}, {c.date}): {c.sentence[:200]}")


if __name__ == "__main__":
    main()
