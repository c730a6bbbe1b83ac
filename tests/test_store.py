"""The corpus store: migrations, idempotence, one entity across articles, provenance, errors."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass

import duckdb
import pytest

from corpus_fixtures import SEED, XI_1, XI_1_REWORDED, store_record, synthetic_record, write_inputs
from newsgraph.corpus import ingest
from newsgraph.ingest import read_inputs
from newsgraph.model import ArticleRecord, Document, Entity
from newsgraph.query import document
from newsgraph.resolve.corpus import CorpusResolver
from newsgraph.settings import load_settings
from newsgraph.store.migrations import MIGRATIONS
from newsgraph.store import SECTION_TABLES, Store, StoreError, document_key, entity_id


def test_migrations_run_once(tmp_path):
    path = tmp_path / "m.duckdb"
    Store.open(path).close()
    with Store.open(path) as store:
        versions = store.fetch("SELECT version FROM schema_migrations ORDER BY version").rows
        assert versions == tuple((m.version,) for m in MIGRATIONS)  # each once, in order


def test_corpus_counts(store):
    counts = store.counts()
    # seed, xi-1, xi-2, washington, synthetic; xi-1-copy is a near-duplicate, xi-1-again the same text
    assert counts["documents"] == 5
    assert counts["duplicates"] == 1 and counts["skips"] == 1
    assert counts["entities"] < counts["doc_entities"]  # some entities recur across articles


def test_reingest_adds_nothing(corpus, tmp_path):
    copy = tmp_path / "again.duckdb"
    shutil.copy(corpus, copy)
    with Store.open(copy) as store:
        before = store.counts()
        summary = ingest(store, read_inputs([str(SEED), str(write_inputs(corpus.parent))]), load_settings())
        assert store.counts() == before
    assert summary.stored == 0 and summary.already == 6 and summary.duplicates == 0


@pytest.mark.parametrize("given, expected", [
    ("xi-2", "xi-2"),                       # the caller's JSONL id
    ("xi-1-copy", "xi-1"),                  # a near-duplicate leads to its first copy
    (str(SEED), None),                      # a file path
])
def test_any_id_finds_the_document(store, given, expected):
    found = document(store, given)
    assert found["caller_id"] == expected
    assert document(store, found["key"]) == found
    assert document(store, found["key"][:10]) == found


def test_document_key_is_hash_of_normalised_text(store):
    assert document(store, "xi-1")["key"] == document_key(XI_1) == document_key(" " + XI_1 + "\n\n")


def test_one_entity_across_articles(store):
    rows = store.fetch("""SELECT e.id, count(DISTINCT m.doc) FROM entities e JOIN mentions m
                          ON m.entity = e.id WHERE e.name = 'Xi Jinping' GROUP BY e.id""").rows
    assert len(rows) == 1 and rows[0][1] == 3  # the seed, xi-1 and xi-2
    aliases = {r[0] for r in store.fetch("SELECT alias FROM entity_aliases WHERE entity = ?",
                                         [rows[0][0]]).rows}
    assert {"Xi Jinping", "Xi"} <= aliases


def test_mentions_point_into_their_article(store):
    bad = store.scalar("""SELECT count(*) FROM mentions m JOIN documents d ON d.key = m.doc
                          WHERE substr(d.text, m."start" + 1, m."end" - m."start") <> m.text""")
    assert bad == 0


@pytest.mark.parametrize("table", SECTION_TABLES)
def test_every_row_keeps_article_and_extractor(store, table):
    orphans = store.scalar(f"SELECT count(*) FROM {table} t LEFT JOIN documents d ON d.key = t.doc "
                           "WHERE d.key IS NULL OR t.extractor IS NULL OR t.data IS NULL")
    assert orphans == 0


def test_synthetic_rows_are_typed_and_resolved(store):
    quote = store.fetch("""SELECT q.text, s.name, q.extractor, q.extractor_version, q."start"
                           FROM quotes q JOIN entities s ON s.id = q.speaker
                           WHERE q.extractor = 'quotes.test.v1'""").rows
    assert quote == (("Kazakhstan will need China", "Niva Yau", "quotes.test.v1", "v1", 50),)
    figure = store.fetch("""SELECT f.value, f.normalized_unit, s.name FROM figures f
                            JOIN entities s ON s.id = f.subject WHERE f.extractor = 'figures.test.v1'""").rows
    assert figure == ((21e9, "USD", "Kazakhstan"),)


@dataclass(frozen=True)
class FutureQuote:
    """A quote type with a field the schema has never heard of."""

    id: str
    text: str
    span: tuple[int, int]
    speaker: str | None
    emotion: str


def test_new_fields_need_no_migration(tmp_path):
    text = "Niva Yau said hello."
    record = ArticleRecord(Document("d", text), (Entity("e1", "Niva Yau", "PERSON", mentions=((0, 8),)),),
                           quotes=(FutureQuote("q1", "hello", (14, 19), "e1", "cheerful"),),
                           extractors=("entities.ner.v1", "quotes.future.v2"))
    with Store.open(tmp_path / "f.duckdb") as store:
        assert store_record(store, record)
        row = store.fetch("SELECT speaker, extractor_version, data FROM quotes").rows[0]
        person = store.scalar("SELECT id FROM entities")
    assert row[0] == person and row[1] == "v2"
    assert json.loads(row[2])["emotion"] == "cheerful"


def _entity(name: str, type_: str, country: str | None = None, aliases: tuple[str, ...] = ()) -> Entity:
    return Entity("e1", name, type_, aliases, country, ((0, len(name)),))


def _corpus_ids(*entities: Entity) -> list[str]:
    """Resolve one single-entity article per entity, in order, against one corpus."""
    resolver, ids = CorpusResolver(), []
    for i, entity in enumerate(entities):
        record = ArticleRecord(Document(str(i), entity.name), (entity,))
        resolution = resolver.resolve(record, str(i))
        resolver.accept(resolution)
        ids.append(resolution.entity_ids["e1"])
    return ids


@pytest.mark.parametrize("entities, same", [
    # one name, three things: the city, the person, the state
    ((_entity("Washington", "CITY", "US"), _entity("Washington", "PERSON"),
      _entity("Washington", "REGION", "US")), False),
    # one name, two countries
    ((_entity("Paris", "CITY", "FR"), _entity("Paris", "CITY", "US")), False),
    # the same bloc typed differently by two articles, found through an alias
    ((_entity("NATO", "IGO"), _entity("North Atlantic Treaty Organization", "ORG", aliases=("NATO",))), True),
    # a surname alone never joins a person
    ((_entity("Lee Hsien Loong", "PERSON", aliases=("Lee",)), _entity("Lee", "PERSON")), False),
    # the same full name is the same person
    ((_entity("Xi Jinping", "PERSON"), _entity("Xi Jinping", "PERSON", aliases=("Xi",))), True),
    # full stops and spacing do not tell names apart
    ((_entity("George W. Bush", "PERSON"), _entity("George  W Bush", "PERSON")), True),
    # a country with and without its code
    ((_entity("Kazakhstan", "COUNTRY", "KZ"), _entity("kazakhstan", "COUNTRY")), True),
])
def test_corpus_resolution(entities, same):
    ids = _corpus_ids(*entities)
    assert (len(set(ids)) == 1) is same


def test_ids_are_stable_and_deterministic():
    first = _corpus_ids(_entity("Niva Yau", "PERSON"))[0]
    later = _corpus_ids(_entity("Niva Yau", "PERSON"), _entity("Nivy Yau", "PERSON"),
                        _entity("Niva Yau", "PERSON"))
    assert first == later[0] == later[2] == entity_id("PERSON", "Niva Yau", None)


def test_missing_folder_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "c.duckdb")


def test_corrupt_file_is_one_clear_error(tmp_path):
    path = tmp_path / "junk.duckdb"
    path.write_bytes(b"this is not a database" * 500)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store.open(path)


def test_locked_database_is_one_clear_error(tmp_path):
    path = tmp_path / "locked.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb,time; c=duckdb.connect({str(path)!r}); print('ok', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="in use by another process"):
            Store.open(path)
    finally:
        holder.kill()
        holder.wait()


def test_failed_write_leaves_no_partial_article(tmp_path, monkeypatch):
    """A disk-full error in the middle of an article rolls the whole article back."""
    with Store.open(tmp_path / "full.duckdb") as store:
        real = Store._insert

        def failing(self, table, rows, **kw):
            if table == "quotes":
                raise duckdb.IOException("Could not write file: No space left on device")
            return real(self, table, rows, **kw)

        monkeypatch.setattr(Store, "_insert", failing)
        with pytest.raises(StoreError, match="disk full"):
            store_record(store, synthetic_record())
        monkeypatch.undo()
        assert set(store.counts().values()) == {0}
        assert store_record(store, synthetic_record())  # and the same article goes in afterwards
        assert store.counts()["documents"] == 1


def test_keep_duplicates_stores_copies(tmp_path):
    inputs = tmp_path / "two.jsonl"
    inputs.write_text("\n".join(json.dumps({"id": i, "text": t}) for i, t in
                                (("a", XI_1), ("b", XI_1_REWORDED))), encoding="utf-8")
    with Store.open(tmp_path / "k.duckdb") as store:
        summary = ingest(store, read_inputs([str(inputs)]), load_settings(), keep_duplicates=True)
        assert summary.stored == 2 and store.counts()["duplicates"] == 0


def test_folder_given_as_database_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)
