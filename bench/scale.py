"""Scale-out benchmark: the same Wikinews articles through four set-ups, side by side.

    python bench/scale.py [--limit 4100] [--workers 2] [--batch-size 32] [--checkpoint 500]

1. bare      `nlp.pipe` of the stock spaCy model, 1 process (the parse everything else pays for)
2. extract   newsgraph's full extraction (`pipeline.extract_records`), 1 process
3. local     `newsgraph process` on the local process pool, --workers processes
4. dask      `newsgraph process` on a Dask LocalCluster, --workers worker processes

Each set-up runs in a fresh Python process, one after the other, so none inherits another's
caches or memory. Start-up (model load, cluster, worker warm-up) is timed apart from the work;
throughput counts the work only. Two measures: wall-clock articles/s, and CPU time per
article summed over every process doing the work (bench process, workers). On a machine
shared with other jobs the first measures the neighbours; the ratios (× bare, × extract) are
taken on CPU cost, and "projected" is what the CPU cost allows on idle cores: one core per
process for bare/extract, one per worker for local/dask (the parent's reading and writing
counted in the cost). Peak memory is the high-water mark of resident memory of each
worker process (the bench process itself for 1-3 before the pool, the pool's processes for
3-4). Growth: CPU seconds per million characters up to the `--checkpoint`-th article and over the
whole run; linear cost means the two agree.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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
    """Wall and CPU seconds of the work at the checkpoint article and at the end.

    `cpu()` is the CPU time of every process doing the work (the bench process plus, for the
    engines, the workers): on a machine shared with other jobs, wall time says how busy the
    machine was, CPU time what the work cost."""

    def __init__(self, lengths: list[int], checkpoint: int, cpu: Callable[[], float]) -> None:
        self.lengths, self.checkpoint, self.cpu = lengths, checkpoint, cpu
        self.done, self.at_checkpoint = 0, None
        self.start, self.cpu_start = time.perf_counter(), cpu()

    def tick(self, count: int = 1) -> None:
        before, self.done = self.done, self.done + count
        if before < self.checkpoint <= self.done:
            self.at_checkpoint = (self.done, sum(self.lengths[:self.done]), self.cpu() - self.cpu_start)

    def result(self) -> dict:
        return {"articles": self.done, "seconds": time.perf_counter() - self.start,
                "cpu": self.cpu() - self.cpu_start, "chars": sum(self.lengths[:self.done]),
                "checkpoint": self.at_checkpoint}


def cpu_self() -> float:
    times = os.times()
    return times.user + times.system


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
    clock = Clock([len(a.text) for a in articles], args.checkpoint, cpu_self)
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
    clock = Clock([len(a.text) for a in articles], args.checkpoint, cpu_self)
    for _ in extract_records(articles, settings):
        clock.tick()
    return {**clock.result(), "startup": startup, "peak_mb": [self_peak_mb()]}


def run_engine(engine: str, articles, args) -> dict:
    from newsgraph.pipeline import process_batch, warm_up
    from newsgraph.scale import make_executor
    from newsgraph.scale.partitions import process_partitions
    from newsgraph.settings import load_settings
    settings = load_settings().with_overrides(batch_size=args.batch_size)
    work = partial(process_batch, settings=settings)
    started = time.perf_counter()
    with make_executor(engine, workers=args.workers, setup=partial(warm_up, settings)) as executor:
        list(executor.map(work, [[] for _ in range(executor.workers)], on_error=_raise))  # workers up and warm
        startup = time.perf_counter() - started
        parent_start = cpu_self()
        clock = Clock([len(a.text) for a in articles], args.checkpoint,
                      lambda: cpu_self() + sum(worker_cpu(executor)))
        with tempfile.TemporaryDirectory() as folder:
            # the workers read their partitions and write their Parquet files themselves
            inputs = write_inputs(articles, Path(folder) / "in", parts=4 * executor.workers)
            process_partitions([str(inputs)], str(Path(folder) / "out"), work, executor,
                               batch_size=args.batch_size,
                               progress=lambda s: clock.tick(s.seen - clock.done))
        result = {**clock.result(), "parent_cpu": cpu_self() - parent_start}
        peaks = worker_peaks(executor)
    return {**result, "startup": startup, "peak_mb": peaks}


def write_inputs(articles, folder: Path, parts: int) -> Path:
    """The articles as `parts` JSONL files: the partitions the workers read."""
    folder.mkdir(parents=True)
    size = -(-len(articles) // parts)
    for n in range(0, len(articles), size):
        with (folder / f"part-{n // size:04d}.jsonl").open("w", encoding="utf-8") as handle:
            for a in articles[n:n + size]:
                handle.write(json.dumps({"id": a.id, "text": a.text, "title": a.title,
                                         "published": a.published}) + "\n")
    return folder


def _raise(batch, exc: BaseException):
    raise exc


def worker_cpu(executor) -> list[float]:
    if hasattr(executor, "client"):
        return list(executor.client.run(cpu_self).values())
    import psutil
    return [sum(psutil.Process(pid).cpu_times()[:2]) for pid in executor.pool._processes]


def worker_peaks(executor) -> list[float]:
    if hasattr(executor, "client"):
        return sorted(executor.client.run(self_peak_mb).values())
    return sorted(vm_hwm_mb(pid) for pid in executor.pool._processes)


def run_one(setup: str, args) -> dict:
    articles = load(args.corpus, args.limit)
    runner = {"bare": run_bare, "extract": run_extract}.get(setup) or partial(run_engine, setup)
    return {"setup": setup, **runner(articles, args)}


def table(results: list[dict], args) -> str:
    def per_article(r: dict) -> float:
        return r["cpu"] / r["articles"]

    base = {r["setup"]: per_article(r) for r in results}
    lines = [f"{results[0]['articles']} Wikinews articles, {results[0]['chars'] / 1e6:.2f} M characters, "
             f"batch {args.batch_size}, {args.workers} workers for local/dask",
             "| set-up | articles/s (wall) | CPU ms/article | × bare | × extract | "
             "projected articles/s | start-up s | peak MB per worker | "
             f"CPU s per M chars, first {args.checkpoint} → all |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        cost = per_article(r)
        ratio = lambda name: f"{base[name] / cost:.2f}" if name in base else "-"
        processes = args.workers if r["setup"] in ("local", "dask") else 1
        growth = "-"
        if r["checkpoint"]:
            _, chars, cpu = r["checkpoint"]
            growth = f"{cpu / chars * 1e6:.1f} → {r['cpu'] / r['chars'] * 1e6:.1f}"
        peaks = ", ".join(f"{p:.0f}" for p in r["peak_mb"])
        lines.append(f"| {r['setup']} | {r['articles'] / r['seconds']:.1f} | {1000 * cost:.0f} | "
                     f"{ratio('bare')} | {ratio('extract')} | {processes / cost:.1f} | "
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
        print(json.dumps(results[-1]), file=sys.stderr, flush=True)  # a killed run keeps what it did
    print(table(results, args))


if __name__ == "__main__":
    main()
