"""Fuzz timing: the generated hostile inputs of tests/test_fuzz.py, each read, parsed and
extracted on its own, with the slowest ones named.

    python bench/fuzz.py [--examples 1200] [--seed 17] [--show 5]

Times are wall-clock on this machine (noisy when it is shared); compare runs by their ratios.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_fuzz import write_inputs  # noqa: E402  (tests/ holds the generator the suite uses)

from newsgraph.ingest import read_inputs  # noqa: E402
from newsgraph.model import Skip  # noqa: E402
from newsgraph.pipeline import extract_records, warm_up  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1200)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--show", type=int, default=5, help="how many of the slowest inputs to print")
    args = parser.parse_args()
    warm_up()
    timings: list[tuple[float, str, int]] = []
    records = skips = 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-fuzz-") as folder:
        paths, _ = write_inputs(Path(folder), args.examples, args.seed)
        started = time.perf_counter()
        items = list(read_inputs(paths))
        reading = time.perf_counter() - started
        for item in items:
            start = time.perf_counter()
            [out] = list(extract_records([item]))
            elapsed = time.perf_counter() - start
            records += not isinstance(out, Skip)
            skips += isinstance(out, Skip)
            text = "" if isinstance(item, Skip) else item.text
            timings.append((elapsed, item.origin, len(text)))
    timings.sort(reverse=True)
    print(f"{len(items)} items from {args.examples} generated inputs (seed {args.seed}): "
          f"{records} records, {skips} skips; reading {reading:.2f} s, "
          f"extraction {sum(t for t, _, _ in timings):.1f} s")
    for elapsed, origin, length in timings[:args.show]:
        print(f"  {elapsed:7.3f} s  {length:6d} chars  {Path(origin).name}")


if __name__ == "__main__":
    main()
