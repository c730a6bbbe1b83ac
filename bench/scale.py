"""Scale-out benchmark: the same Wikinews articles through four set-ups, side by side.

    python bench/scale.py [--limit 4100] [--workers 2] [--batch-size 32] [--checkpoint 500]

1. bare      `nlp.pipe` of the stock spaCy model, 1 process (the parse everything else pays for)
2. extract   newsgraph's full extraction (`pipeline.extract_records`), 1 process
3. local     `newsgraph process` on the local process pool, --workers processes
4. dask      `newsgraph process` on a Dask LocalCluster, --workers worker processes

Each set-up runs in a fresh Python process, one after the other, so none inherits another's
caches or memory. Start-up (model load, cluster, worker warm-up) is timed apart from the work;
throughput counts the work only. Peak memory is the high-water mark of resident memory of each
worker process (the bench process itself for 1-3 before the pool, the pool's processes for
3-4). Growth: the time to the `--checkpoint`-th article and to the last, per million
characters; linear cost means the two agree.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wikinews-politics.jsonl.gz"
SETUPS = ("bare", "extract", "local", "dask")


def load(corpus: Path, limit: int):
    from newsgraph.model import Article
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in itertools.islice(handle, limit)]
    return [Article(text=r["text"], origin=f"wikinews:{i}", id=r.get("id"), title=r.get("title"),
                    published=r.get("published")) for i, r in enumerate(rows, 1)]


class Clock:
    """Elapsed work time at the checkpoint article and at the end, with characters done."""

    def __init__(self, lengths: list[int], checkpoint: int) -> None:
        self.lengths, self.checkpoint = lengths, checkpoint
        self.done, self.at_checkpoint = 0, None
        self.start = time.perf_counter()

    def tick(self, count: int = 1) -> None:
        before, self.done = self.done, self.done + count
        if before < self.checkpoint <= self.done:
            self.at_checkpoint = (self.done, sum(self.lengths[:self.done]), time.perf_counter() - self.start)

    def result(self) -> dict:
        seconds = time.perf_counter() - self.start
        return {"articles": self.done, "seconds": seconds, "chars": sum(self.lengths[:self.done]),
                "checkpoint": self.at_checkpoint}


def self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_bare(articles, args) -> dict:
    import spacy
    from newsgraph.settings import load_settings
    started = time.perf_counter()
    nlp = spacy.load(load_settings().model)
    startup = time.perf_counter() - started
    clock = Clock([len(a.text) for a in articles], args.checkpoint)
    for _ in nlp.pipe((a.text for a in articles), batch_size=args.batch_size):
        clock.tick()
    return {**clock.result(), "startup": startup, "peak_mb": [self_peak_mb()]}


def run_extract(articles, args) -> dict:
    from newsgraph.pipeline import extract_records, warm_up
    from newsgraph.settings import load_settings
    settings = load_settings().with_overrides(batch_size=args.batch_size, n_process=1)
    started = time.perf_counter()
    warm_up(settings)
    startup = time.perf_counter() - started
    clock = Clock([len(a.text) for a in articles], args.checkpoint)
    for _ in extract_records(articles, settings):
        clock.tick()
    return {**clock.result(), "startup": startup, "peak_mb": [self_peak_mb()]}


def run_engine(engine: str, articles, args) -> dict:
    from newsgraph.pipeline import process_batch, warm_up
    from newsgraph.scale import make_executor
    from newsgraph.scale.run import process_corpus
    from newsgraph.settings import load_settings
    settings = load_settings().with_overrides(batch_size=args.batch_size)
    work = partial(process_batch, settings=settings)
    started = time.perf_counter()
    with make_executor(engine, workers=args.workers, setup=partial(warm_up, settings)) as executor:
        list(executor.map(work, [[] for _ in range(executor.workers)], on_error=None))  # workers up and warm
        startup = time.perf_counter() - started
        clock = Clock([len(a.text) for a in articles], args.checkpoint)
        with tempfile.TemporaryDirectory() as out:
            process_corpus(articles, out, work, executor, batch_size=args.batch_size,
                           progress=lambda s: clock.tick(s.seen - clock.done))
        result = clock.result()
        peaks = worker_peaks(executor)
    return {**result, "startup": startup, "peak_mb": peaks}


def worker_peaks(executor) -> list[float]:
    if hasattr(executor, "client"):
        return sorted(executor.client.run(self_peak_mb).values())
    return sorted(vm_hwm_mb(pid) for pid in executor.pool._processes)


def run_one(setup: str, args) -> dict:
    articles = load(args.corpus, args.limit)
    runner = {"bare": run_bare, "extract": run_extract}.get(setup) or partial(run_engine, setup)
    return {"setup": setup, **runner(articles, args)}


def table(results: list[dict], args) -> str:
    bare = next((r for r in results if r["setup"] == "bare"), None)
    extract = next((r for r in results if r["setup"] == "extract"), None)
    lines = [f"{results[0]['articles']} Wikinews articles, {results[0]['chars'] / 1e6:.2f} M characters, "
             f"batch {args.batch_size}, {args.workers} workers for local/dask",
             "| set-up | articles/s | × bare | × extract | start-up s | peak MB per worker | "
             f"s per M chars at {args.checkpoint} → all |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        rate = r["articles"] / r["seconds"]
        ratio = lambda base: f"{rate / (base['articles'] / base['seconds']):.2f}" if base else "-"
        growth = "-"
        if r["checkpoint"]:
            _, chars, seconds = r["checkpoint"]
            growth = f"{seconds / chars * 1e6:.1f} → {r['seconds'] / r['chars'] * 1e6:.1f}"
        peaks = ", ".join(f"{p:.0f}" for p in r["peak_mb"])
        lines.append(f"| {r['setup']} | {rate:.1f} | {ratio(bare)} | {ratio(extract)} | "
                     f"{r['startup']:.1f} | {peaks} | {growth} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=4100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--checkpoint", type=int, default=500, help="article count for the growth column")
    parser.add_argument("--setups", default=",".join(SETUPS), help="comma-separated subset of " + ", ".join(SETUPS))
    parser.add_argument("--one", choices=SETUPS, help=argparse.SUPPRESS)  # child mode
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args)))
        return
    results = []
    for setup in args.setups.split(","):
        child = [sys.executable, __file__, "--one", setup, *sys.argv[1:]]
        out = subprocess.run(child, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
        print(f"{setup}: {results[-1]['articles'] / results[-1]['seconds']:.1f} articles/s", file=sys.stderr)
    print(table(results, args))


if __name__ == "__main__":
    main()
