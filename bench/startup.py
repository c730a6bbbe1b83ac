"""Command-line start-up: wall time of `--help` and of small queries, as ratios to a bare
`python -c pass` run side by side (the machine's speed and load cancel out).

    python bench/startup.py [--db small.duckdb] [--runs 7] [--src PATH]

`--src` points at another checkout's `src/` to measure it the same way (before/after).
Without `--db`, the bundled example is ingested into a temporary database first.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def wall(argv: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--src", default=str(ROOT / "src"))
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": args.src}
    cli = [sys.executable, "-c", "import sys; from newsgraph.cli.main import main; sys.exit(main())"]
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp(prefix="newsgraph-startup-")) / "small.duckdb")
        subprocess.run([*cli, "ingest", str(ROOT / "examples" / "kazakhstan-china-russia.txt"), "--db", db],
                       env=env, check=True, stderr=subprocess.DEVNULL)
    bare = wall([sys.executable, "-c", "pass"], env, args.runs)
    cases = {
        "newsgraph --help": ["--help"],
        "newsgraph query --help": ["query", "--help"],
        "query entities (small db)": ["query", "entities", "--db", db],
        "show (small db)": ["show", "--db", db],
        "sql (small db)": ["sql", "SELECT count(*) FROM documents", "--db", db],
    }
    print(f"python -c pass: {bare:.3f} s (median of {args.runs})")
    for name, argv in cases.items():
        seconds = wall([*cli, *argv], env, args.runs)
        print(f"{name:28} {seconds:.3f} s  = {seconds / bare:5.1f} x bare python")


if __name__ == "__main__":
    main()
