"""Fuzz timing: the generated hostile inputs of tests/test_fuzz.py, each read, parsed and
extracted on its own, with the slowest ones named.

    python bench/fuzz.py [--examples 1200] [--seed 17] [--show 5]

Times are CPU seconds of this process (wall-clock ones are noisy on a shared machine).
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
    timings: list[tuple[float, float, str, int]] = []
    records = skips = 0
    with tempfile.TemporaryDirectory(prefix="newsgraph-fuzz-") as folder:
        paths, _ = write_inputs(Path(folder), args.examples, args.seed)
        started = time.perf_counter()
        items = list(read_inputs(paths))
        reading = time.perf_counter() - started
        for item in items:
            start, wall = time.process_time(), time.perf_counter()
            [out] = list(extract_records([item]))
            elapsed, wall = time.process_time() - start, time.perf_counter() - wall
            records += not isinstance(out, Skip)
            skips += isinstance(out, Skip)
            text = "" if isinstance(item, Skip) else item.text
            timings.append((elapsed, wall, item.origin, len(text)))
    timings.sort(reverse=True)
    print(f"{len(items)} items from {args.examples} generated inputs (seed {args.seed}): "
          f"{records} records, {skips} skips; reading {reading:.2f} s, "
          f"extraction {sum(t[0] for t in timings):.1f} s CPU")
    for elapsed, wall, origin, length in timings[:args.show]:
        print(f"  {elapsed:7.3f} s CPU ({wall:.3f} s wall)  {length:6d} chars  {Path(origin).name}")


if __name__ == "__main__":
    main()
