"""Work that goes where the data is: inputs split into partitions, read and written by workers.

The client only plans and schedules. `plan_partitions` turns files, folders and globs (local
paths or any fsspec URL: `s3://bucket/news/*.jsonl.gz`, `gcs://...`, `file://...`,
`memory://...`) into partitions, a whole file or a byte range of a large uncompressed JSONL
file, and workers receive those names, never the text. Each worker reads its partition, runs
the pipeline, writes one Parquet file per table named after the partition (a rerun replaces
it, never duplicates it) and, last, a marker `_done/NAME.json`; it returns only counts and the
inputs it skipped (file and line), which the client reports. A rerun skips partitions whose
marker exists, so a run killed half-way completes only what is missing; `_manifest.json`,
written atomically when a run finishes, lists every partition and what it gave.

The dataset layout is the one `newsgraph process` always wrote (`OUT/<table>/NAME.parquet`,
`documents` and `skips` last), so `ingest --from` and DuckDB read it as before.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import fsspec
import pyarrow.parquet as pq

from newsgraph.ingest.readers import kind_of, read_bytes, read_file, read_jsonl
from newsgraph.model import Article, ArticleRecord, Skip
from newsgraph.scale.dataset import MARKERS, SUFFIX, batch_tables
from newsgraph.scale.executor import Executor

SPLIT_BYTES = 64 * 1024 * 1024   # a larger uncompressed JSONL file is read by several workers
DONE, MANIFEST = "_done", "_manifest.json"
GLOB = re.compile(r"[*?\[]")

Work = Callable[[list[Article]], list[ArticleRecord | Skip]]


@dataclass(frozen=True)
class Partition:
    """A whole file, or the lines of a JSONL file that begin in bytes [start, end)."""

    url: str
    start: int = 0
    end: int | None = None

    @property
    def name(self) -> str:
        """Stable across runs: the file's name and a hash of its URL and range."""
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", PurePosixPath(self.url).name)[:60]
        digest = hashlib.sha1(f"{self.url}|{self.start}|{self.end}".encode()).hexdigest()[:12]
        return f"{stem}-{digest}"


@dataclass
class PartitionResult:
    """What a worker sends back: counts and skips, never records."""

    name: str
    records: int = 0
    skips: list[Skip] = field(default_factory=list)
    failed: str | None = None      # the partition itself failed (after its retries)
    already: bool = False          # complete before this run


@dataclass
class PartitionedSummary:
    out: str
    run_id: str
    partitions: int = 0
    already: int = 0
    records: int = 0
    skips: list[Skip] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.records + len(self.skips)

    @property
    def rate(self) -> float:
        return self.records / self.seconds if self.seconds else 0.0


# -- planning (on the client) ----------------------------------------------------------------

def plan_partitions(inputs: Iterable[str], *, split_bytes: int = SPLIT_BYTES) -> tuple[list[Partition], list[Skip]]:
    """Partitions of every input, in a stable order, and a Skip for each input that names nothing."""
    partitions: list[Partition] = []
    skips: list[Skip] = []
    for raw in inputs:
        try:
            fs, path = fsspec.core.url_to_fs(raw)
            files = _files(fs, path)
        except (OSError, ValueError, ImportError) as exc:
            skips.append(Skip(raw, f"cannot list: {exc} (check the path or URL and its credentials)"))
            continue
        if not files:
            skips.append(Skip(raw, "no such file, folder or match (check the path or URL)"))
        for name, size in files:
            partitions.extend(_split(fs.unstrip_protocol(name), size, split_bytes))
    return partitions, skips


def _files(fs, path: str) -> list[tuple[str, int]]:
    if GLOB.search(path):
        found = fs.glob(path, detail=True)
    elif fs.isdir(path):
        found = fs.find(path, detail=True)
    elif fs.exists(path):
        found = {path: fs.info(path)}
    else:
        return []
    return sorted((name, int(info.get("size") or 0)) for name, info in found.items()
                  if info.get("type") != "directory" and kind_of(PurePosixPath(name).name) is not None)


def _split(url: str, size: int, split_bytes: int) -> list[Partition]:
    if kind_of(url) != "jsonl" or url.lower().endswith(".gz") or size <= split_bytes:
        return [Partition(url)]
    return [Partition(url, start, min(start + split_bytes, size)) for start in range(0, size, split_bytes)]


# -- the work (on a worker) ------------------------------------------------------------------

def read_partition(partition: Partition, text_column: str | None = None) -> Iterator[Article | Skip]:
    """The articles (and skips, naming file and line) of one partition."""
    url = partition.url
    if kind_of(url) == "jsonl":
        with fsspec.open(url, "rb", compression="infer") as handle:
            if partition.end is None:
                yield from read_jsonl(handle, url)
            else:
                first_line, data = _byte_range(handle, partition.start, partition.end)
                yield from read_jsonl(io.BytesIO(data), url, first_line=first_line)
        return
    fs, path = fsspec.core.url_to_fs(url)
    if "file" in _protocols(fs):   # local files get the full readers (tables, encodings)
        yield from read_file(Path(path), text_column=text_column)
        return
    with fs.open(path, "rb") as handle:
        yield from read_bytes(handle.read(), url)


def _protocols(fs) -> tuple[str, ...]:
    return (fs.protocol,) if isinstance(fs.protocol, str) else tuple(fs.protocol)


def _byte_range(handle, start: int, end: int) -> tuple[int, bytes]:
    """The lines that begin in [start, end), and the number of the first of them."""
    line = 1
    if start:
        handle.seek(0)
        remaining = start
        while remaining > 0:  # count the lines before the range, for messages naming a line
            chunk = handle.read(min(remaining, 1 << 20))
            if not chunk:
                break
            line += chunk.count(b"\n")
            remaining -= len(chunk)
        handle.seek(start - 1)
        if handle.read(1) != b"\n":      # the range opens inside a line: it belongs to the one before
            handle.readline()
            line += 1
    data = io.BytesIO()
    while handle.tell() < end:
        text = handle.readline()
        if not text:
            break
        data.write(text)
    return line, data.getvalue()


def process_partition(partition: Partition, out: str, work: Work, *, batch_size: int = 32,
                      text_column: str | None = None) -> PartitionResult:
    """Read, extract and write one partition; returns counts and skips only."""
    results: list[ArticleRecord | Skip] = []
    batch: list[Article] = []
    for item in read_partition(partition, text_column):
        if isinstance(item, Skip):
            results.append(item)
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            results.extend(work(batch))
            batch = []
    if batch:
        results.extend(work(batch))
    write_partition(out, partition.name, results)
    skips = [r for r in results if isinstance(r, Skip)]
    return PartitionResult(partition.name, records=len(results) - len(skips), skips=skips)


def write_partition(out: str, name: str, results: list[ArticleRecord | Skip]) -> None:
    """One file per table under its partition's name, staged and moved into place, documents and
    skips last, then the marker: a partition is complete exactly when its marker exists."""
    fs, root = fsspec.core.url_to_fs(out)
    tables = batch_tables(results)
    for table in sorted(tables, key=lambda t: t in MARKERS):
        _put(fs, f"{root}/{table}/{name}{SUFFIX}", lambda handle, t=table: pq.write_table(tables[t], handle, compression="zstd"))
    counts = {"records": sum(not isinstance(r, Skip) for r in results),
              "skips": sum(isinstance(r, Skip) for r in results)}
    _put(fs, f"{root}/{DONE}/{name}.json", lambda handle: handle.write(json.dumps(counts).encode()))


def _put(fs, path: str, write: Callable) -> None:
    folder, _, base = path.rpartition("/")
    fs.makedirs(folder, exist_ok=True)
    staged = f"{folder}/.{base}.{uuid.uuid4().hex[:8]}.tmp"   # hidden, not *.parquet: no reader sees it
    with fs.open(staged, "wb") as handle:
        write(handle)
    fs.mv(staged, path)


# -- the run (on the client) -----------------------------------------------------------------

def completed(out: str) -> set[str]:
    """Names of the partitions a dataset already holds in full."""
    fs, root = fsspec.core.url_to_fs(out)
    if not fs.isdir(f"{root}/{DONE}"):
        return set()
    return {PurePosixPath(p).name.removesuffix(".json") for p in fs.ls(f"{root}/{DONE}", detail=False)
            if p.endswith(".json")}


def process_partitions(inputs: Iterable[str], out: str, work: Work, executor: Executor, *,
                       batch_size: int = 32, retries: int = 1, split_bytes: int = SPLIT_BYTES,
                       text_column: str | None = None,
                       progress: Callable[[PartitionedSummary], None] | None = None) -> PartitionedSummary:
    """Plan, skip what is done, send the rest to the executor, retry failures, write the manifest."""
    started = time.monotonic()
    partitions, skips = plan_partitions(inputs, split_bytes=split_bytes)
    summary = PartitionedSummary(out=out, run_id=uuid.uuid4().hex[:12], partitions=len(partitions), skips=skips)
    done = completed(out)
    todo = [p for p in partitions if p.name not in done]
    summary.already = len(partitions) - len(todo)
    task = _Task(out, work, batch_size, text_column)
    for attempt in range(retries + 1):
        failed = []
        for partition, result in zip(todo, executor.map(task, todo, on_error=_failure)):
            if result.failed:
                failed.append((partition, result.failed))
                continue
            summary.records += result.records
            summary.skips.extend(result.skips)
            summary.seconds = time.monotonic() - started
            if progress:
                progress(summary)
        todo = [p for p, _ in failed]
        if not todo:
            break
    summary.failed = [f"{p.url} [{p.start}:{p.end if p.end is not None else ''}]: {why}" for p, why in failed]
    summary.seconds = time.monotonic() - started
    write_manifest(out, partitions, summary)
    return summary


@dataclass(frozen=True)
class _Task:
    """What a worker runs for a partition: picklable, holds no text."""

    out: str
    work: Work
    batch_size: int
    text_column: str | None = None

    def __call__(self, partition: Partition) -> PartitionResult:
        return process_partition(partition, self.out, self.work, batch_size=self.batch_size,
                                 text_column=self.text_column)


def _failure(partition: Partition, exc: Exception) -> PartitionResult:
    return PartitionResult(partition.name, failed=f"{exc.__class__.__name__}: {exc}")


def write_manifest(out: str, partitions: list[Partition], summary: PartitionedSummary) -> None:
    """Every planned partition and whether it is complete, written last and atomically."""
    fs, root = fsspec.core.url_to_fs(out)
    done = completed(out)
    body = {"run_id": summary.run_id,
            "partitions": [{**asdict(p), "name": p.name, "complete": p.name in done} for p in partitions],
            "failed": summary.failed}
    fs.makedirs(root, exist_ok=True)
    _put(fs, f"{root}/{MANIFEST}", lambda handle: handle.write(json.dumps(body, indent=1).encode()))
