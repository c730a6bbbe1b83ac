"""Numbered schema migrations: each runs once, in order, in its own transaction.

A database records the versions it has in `schema_migrations`; opening it applies the missing
ones. Never edit a released migration: add the next number. Every section table carries the
typed columns known when it was written *and* a `data` JSON column holding the whole record
row, so a field added to a record dataclass later is stored (in `data`) without a migration.
"""
from __future__ import annotations

from dataclasses import dataclass

# Columns every extracted row has: its article, its place in the article, the code that made it.
# (doc, seq) is unique by construction (one transaction writes all of an article's rows, once);
# it is not declared a key because maintaining that index doubled the cost of every insert.
_ROW = """
    doc VARCHAR NOT NULL,            -- documents.key of the article
    seq INTEGER NOT NULL,            -- position of the row within its article section
    extractor VARCHAR,               -- versioned name of the extractor, e.g. quotes.rules.v1
    extractor_version VARCHAR,       -- its version suffix, e.g. v1
    data JSON,                       -- the whole row as the record had it (entity ids resolved)
"""

_V1 = f"""
CREATE TABLE documents (
    key VARCHAR PRIMARY KEY,          -- SHA-1 of the normalised text
    caller_id VARCHAR,                -- the caller's own id (JSONL id), if any
    origin VARCHAR,                   -- file path or path:line it was read from
    title VARCHAR, source VARCHAR, url VARCHAR,
    published VARCHAR,                -- YYYY-MM-DD or NULL
    language VARCHAR,
    text VARCHAR NOT NULL,            -- the text all offsets point into
    n_chars INTEGER,
    extractors VARCHAR[],             -- every extractor that ran on it
    warnings VARCHAR[],
    minhash UBIGINT[],                -- near-duplicate fingerprint (ingest/fingerprint.py)
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE INDEX documents_caller ON documents(caller_id);
CREATE TABLE entities (
    id VARCHAR PRIMARY KEY,           -- stable corpus id, never reassigned
    name VARCHAR NOT NULL, type VARCHAR NOT NULL, country VARCHAR,
    first_doc VARCHAR                 -- the article that introduced it
);
CREATE TABLE entity_aliases (      -- (entity, alias) once each: the resolver adds only new ones
    entity VARCHAR NOT NULL, alias VARCHAR NOT NULL, folded VARCHAR NOT NULL
);
CREATE TABLE doc_entities (
    {_ROW}
    local_id VARCHAR NOT NULL,        -- the id within the article record (e1, e2 ...)
    entity VARCHAR NOT NULL,          -- entities.id
    name VARCHAR, type VARCHAR, country VARCHAR,
    n_mentions INTEGER
);
CREATE TABLE mentions (
    {_ROW}
    entity VARCHAR NOT NULL, local_id VARCHAR,
    "start" INTEGER, "end" INTEGER, text VARCHAR
);
CREATE TABLE roles (
    {_ROW}
    entity VARCHAR, title VARCHAR, "of" VARCHAR, former BOOLEAN, "start" INTEGER, "end" INTEGER
);
CREATE TABLE quotes (
    {_ROW}
    id VARCHAR, text VARCHAR, "start" INTEGER, "end" INTEGER, speaker VARCHAR,
    speaker_text VARCHAR, cue VARCHAR, kind VARCHAR, confidence DOUBLE
);
CREATE TABLE figures (
    {_ROW}
    id VARCHAR, text VARCHAR, "start" INTEGER, "end" INTEGER, value DOUBLE, unit VARCHAR,
    normalized_value DOUBLE, normalized_unit VARCHAR, approximate BOOLEAN, measure VARCHAR,
    subject VARCHAR, object VARCHAR, time VARCHAR, source VARCHAR, bound VARCHAR,
    value_high DOUBLE, linked_to VARCHAR
);
CREATE TABLE relations (
    {_ROW}
    subject VARCHAR, predicate VARCHAR, object VARCHAR, "start" INTEGER, "end" INTEGER,
    confidence DOUBLE, negated BOOLEAN
);
CREATE TABLE events (
    {_ROW}
    id VARCHAR, action VARCHAR, actor VARCHAR, target VARCHAR, location VARCHAR, date VARCHAR,
    trigger VARCHAR, negated BOOLEAN, modality VARCHAR, "start" INTEGER, "end" INTEGER,
    confidence DOUBLE
);
CREATE TABLE places (
    {_ROW}
    entity VARCHAR, lat DOUBLE, lon DOUBLE, country VARCHAR, geonames_id BIGINT,
    feature VARCHAR, admin1 VARCHAR
);
CREATE TABLE duplicates (
    key VARCHAR PRIMARY KEY,          -- SHA-1 of the duplicate's normalised text
    duplicate_of VARCHAR NOT NULL,    -- documents.key of the first copy
    similarity DOUBLE,                -- estimated Jaccard similarity of their shingles
    caller_id VARCHAR, origin VARCHAR, title VARCHAR, published VARCHAR,
    found_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE skips (
    key VARCHAR PRIMARY KEY,          -- SHA-1 of input|line|reason: the same skip is kept once
    input VARCHAR, line INTEGER, reason VARCHAR,
    skipped_at TIMESTAMP DEFAULT current_timestamp
);
"""


# Stance of speakers toward actors, GKG-style tone, themes (issue 19).
_STANCE = f"""
CREATE TABLE stances (
    {_ROW}
    holder VARCHAR, target VARCHAR, target_text VARCHAR, stance VARCHAR, score DOUBLE,
    words VARCHAR[], basis VARCHAR, evidence VARCHAR, "start" INTEGER, "end" INTEGER
);
CREATE TABLE tones (
    {_ROW}
    entity VARCHAR,                   -- NULL: the whole article
    tone DOUBLE, positive DOUBLE, negative DOUBLE, polarity DOUBLE, activity DOUBLE,
    self_reference DOUBLE, words INTEGER
);
CREATE TABLE themes (
    {_ROW}
    name VARCHAR, gkg VARCHAR, count INTEGER, words VARCHAR[], "start" INTEGER, "end" INTEGER
);
"""


# Each quote knows when it was said (issue 15): a date in its sentence, else the article's.
_QUOTE_DATES = "ALTER TABLE quotes ADD COLUMN date VARCHAR;"
# Whether an event's date is its sentence's own or the article's standing in (issue 16).
_EVENT_DATE_SOURCE = "ALTER TABLE events ADD COLUMN date_source VARCHAR;"


# An analyst's corrections to entity resolution (issue 13): kept, re-applied on every ingest,
# undoable. Row tables keep the resolver's ids in `data`; typed columns carry the curated ids.
_ENTITY_DECISIONS = """
CREATE TABLE entity_decisions (
    id INTEGER PRIMARY KEY,
    action VARCHAR NOT NULL,          -- merge | split | rename
    entity VARCHAR NOT NULL,          -- merge: the one kept; split, rename: the one changed
    other VARCHAR,                    -- merge: the one folded in; split: the entity it creates
    alias VARCHAR,                    -- split: the name whose mentions move
    name VARCHAR,                     -- rename: the new name
    previous VARCHAR,                 -- rename: the name before
    who VARCHAR, decided_at TIMESTAMP DEFAULT current_timestamp,
    undone_by VARCHAR, undone_at TIMESTAMP
);
"""


# What a count of people was written with ("soldiers"), and whether a figure's subject is the
# article's topic rather than its sentence's (issue 22).
_FIGURE_NOUN = """
ALTER TABLE figures ADD COLUMN "of" VARCHAR;
ALTER TABLE figures ADD COLUMN subject_from VARCHAR;
"""


# Syndication (issue 18): an exact copy from another outlet is a further source of the stored
# article, and a near-duplicate keeps its outlet and address, so reach can be counted.
_COPIES = """
CREATE TABLE copies (
    copy_key VARCHAR PRIMARY KEY,     -- SHA-1 of key|source|url: each outlet's copy once
    key VARCHAR NOT NULL,             -- documents.key of the article it copies
    source VARCHAR, url VARCHAR, published VARCHAR, caller_id VARCHAR, origin VARCHAR,
    found_at TIMESTAMP DEFAULT current_timestamp
);
ALTER TABLE duplicates ADD COLUMN source VARCHAR;
ALTER TABLE duplicates ADD COLUMN url VARCHAR;
"""


# Per-mention places (issue 14): the mention spans a place stands for ([[start, end], ...]; a
# capital acting for its state is a place of its own), and why its gazetteer entry was chosen.
_PLACE_MENTIONS = """
ALTER TABLE places ADD COLUMN mentions INTEGER[][];
ALTER TABLE places ADD COLUMN evidence VARCHAR;
"""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "corpus tables", _V1),
    Migration(2, "stance, tone and themes", _STANCE),
    Migration(3, "quote dates", _QUOTE_DATES),
    Migration(4, "event date source", _EVENT_DATE_SOURCE),
    Migration(5, "entity decisions", _ENTITY_DECISIONS),
    Migration(6, "figure noun and subject origin", _FIGURE_NOUN),
    Migration(7, "copies from other outlets", _COPIES),
    Migration(8, "place mentions and evidence", _PLACE_MENTIONS),
)

# Tables holding one row per extracted item, in the order they are written for an article.
SECTION_TABLES = ("doc_entities", "mentions", "roles", "quotes", "figures", "relations",
                  "events", "places", "stances", "tones", "themes")
