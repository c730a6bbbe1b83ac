"""Ingest a stream of articles into the corpus database: read -> gate -> extract -> resolve -> store.

The gate drops what the database already holds before any parsing (so a rerun costs reading
and hashing only) and turns near-duplicates into `duplicates` rows. Every surviving article is
extracted by `pipeline.extract_records`, its entities are matched to corpus entities, and it is
written in one transaction. Killing the process loses at most the article in flight; running
again picks up exactly where the database stops.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsgraph.extract.registry import discover
from newsgraph.ingest.fingerprint import Fingerprints, hash_values, minhash_of
from newsgraph.model import Article, ArticleRecord, Skip
from newsgraph.pipeline import extract_records
from newsgraph.resolve.corpus import CorpusResolver
from newsgraph.resolve.curation import Curation
from newsgraph.settings import Settings
from newsgraph.store import Copy, Duplicate, Store, StoredArticle, document_key
from newsgraph.store.writer import Writer

# Tables filled from the entity section rather than a fact extractor's own section.
ENTITY_TABLES = ("doc_entities", "mentions")


@dataclass
class IngestSummary:
    """What one run did; `totals` are the database's row counts afterwards."""

    stored: int = 0       # new articles written
    already: int = 0      # already in the database (same normalised text)
    duplicates: int = 0   # near-duplicates linked to an earlier copy
    skips: int = 0        # inputs that could not become a record
    extracted: int = 0    # articles extracted and handed to the writer (stored once committed)
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def seen(self) -> int:
        return self.extracted + self.already + self.duplicates + self.skips


Progress = Callable[[IngestSummary], None]


Extract = Callable[[Iterable[Article | Skip]], Iterable[ArticleRecord | Skip]]


def ingest(store: Store, items: Iterable[Article | Skip], settings: Settings, *,
           keep_duplicates: bool = False, debug: bool = False,
           progress: Progress | None = None, extract: Extract | None = None) -> IngestSummary:
    """Store every new article of `items`; returns what was done.

    `extract` turns the articles the gate lets through into records: by default
    `pipeline.extract_records` in this process; worker processes (`newsgraph.scale`) or a stored
    Parquet dataset (`scale.Replay`) plug in here.
    """
    run_extraction = extract or (lambda admitted: extract_records(admitted, settings, debug=debug))
    started = time.monotonic()
    summary = IngestSummary()
    report = progress or (lambda s: None)
    resolver = CorpusResolver.load(store)
    curation = Curation.load(store)  # the analyst's merges and splits hold for new articles too
    with Writer() as writer:
        gate = _Gate(store, writer, summary, keep_duplicates=keep_duplicates, report=report)
        for item in run_extraction(gate.filter(items)):
            gate.flush()
            if isinstance(item, Skip):
                writer.submit(store.write_skip, item)
                gate.forget(item.origin)
                summary.skips += 1
            else:
                _store_record(store, writer, resolver, gate, item, summary, curation)
            report(summary)
        gate.flush()
    summary.seconds = time.monotonic() - started
    summary.totals = store.counts()
    return summary


def _store_record(store: Store, writer: Writer, resolver: CorpusResolver, gate: "_Gate",
                  record: ArticleRecord, summary: IngestSummary, curation: Curation) -> None:
    key = document_key(record.document.text)
    resolution = resolver.resolve(record, key)
    article = StoredArticle(key=key, record=record, entity_ids=resolution.entity_ids,
                            new_entities=resolution.new_entities,
                            new_aliases=resolution.new_aliases, minhash=gate.sketches.pop(key, None),
                            extractor_of=extractor_tables(record),
                            curated=curation.for_article(record, resolution.entity_ids) if curation else {})
    # The next article may name the same new entities: the index takes them now, while the
    # writer commits in order. The gate lets only unstored keys through, so the write happens.
    resolver.accept(resolution)
    summary.extracted += 1
    writer.submit(store.write_article, article, done=lambda written: _count(summary, written))


def _count(summary: IngestSummary, written: bool) -> None:
    if written:
        summary.stored += 1
    else:
        summary.already += 1


def extractor_tables(record: ArticleRecord) -> dict[str, str]:
    """table -> name(s) of the extractors that filled it, from the record's extractor list."""
    sections = {e.name: e.section for e in discover()}
    by_table: dict[str, list[str]] = {}
    for name in record.extractors:
        section = sections.get(name, name.split(".", 1)[0])
        tables = ENTITY_TABLES if section == "entities" else (section,)
        for table in tables:
            by_table.setdefault(table, []).append(name)
    return {table: "+".join(names) for table, names in by_table.items()}


class _Gate:
    """Lets through only articles the database lacks; near-duplicates become Duplicate rows."""

    def __init__(self, store: Store, writer: Writer, summary: IngestSummary, *,
                 keep_duplicates: bool, report: Progress) -> None:
        self.store, self.writer, self.summary = store, writer, summary
        self.keep, self.report = keep_duplicates, report
        self.known = {r[0] for r in store.fetch("SELECT key FROM documents UNION ALL "
                                                "SELECT key FROM duplicates").rows}
        stored = store.fetch("SELECT key, minhash FROM documents WHERE minhash IS NOT NULL").rows
        self.fingerprints = Fingerprints().load(stored)
        self.sketches: dict[str, tuple[int, ...]] = {}
        self.key_of: dict[str, str] = {}
        self.pending: deque[Duplicate] = deque()
        self.copies: deque[Copy] = deque()

    def filter(self, items: Iterable[Article | Skip]) -> Iterator[Article | Skip]:
        for item in items:
            if isinstance(item, Skip) or self._admit(item):
                yield item
            else:
                self.report(self.summary)

    def _admit(self, article: Article) -> bool:
        key = document_key(article.text)
        if key in self.known:
            self.summary.already += 1
            if article.source or article.url:  # the same story from another outlet is more reach
                self.copies.append(Copy(key, article.source, article.url, article.published,
                                        article.id, article.origin))
            return False
        self.known.add(key)
        sketch = minhash_of(article.text)
        match = None if self.keep else self.fingerprints.match(sketch)
        if match is not None:
            self.pending.append(Duplicate(key, match.key, match.similarity, article.id,
                                          article.origin, article.title, article.published,
                                          article.source, article.url))
            self.summary.duplicates += 1
            return False
        self.fingerprints.add(key, sketch)
        self.sketches[key] = hash_values(sketch)
        self.key_of[article.origin] = key
        return True

    def forget(self, origin: str) -> None:
        """An article that failed extraction is no one's original."""
        key = self.key_of.pop(origin, None)
        if key:
            self.fingerprints.remove(key)
            self.sketches.pop(key, None)

    def flush(self) -> None:
        """Queue the duplicates found so far for the writer."""
        while self.pending:
            self.writer.submit(self.store.write_duplicate, self.pending.popleft())
        while self.copies:
            self.writer.submit(self.store.write_copy, self.copies.popleft())


def ingest_dataset(store: Store, url: str, settings: Settings, **options) -> IngestSummary:
    """Store a Parquet dataset written by `newsgraph process` (a folder or any fsspec URL)
    without parsing again: its records go through the same gate, resolution and writer."""
    from newsgraph.scale import Replay  # the dataset readers load only when asked for

    replay = Replay(url)
    return ingest(store, replay.articles(), settings, extract=replay.extract, **options)
