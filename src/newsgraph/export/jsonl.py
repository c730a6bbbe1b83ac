"""JSONL: one article per line in the shape of `newsgraph extract`, with corpus entity ids.

Each entity carries its corpus id in `id` (and the article-local one in `local_id`), so the
same actor has the same id on every line.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.model import FACT_SECTIONS
from newsgraph.model.json_text import dumps
from newsgraph.store import Store

SECTIONS = FACT_SECTIONS
DOCUMENT = ("key", "caller_id", "origin", "title", "source", "url", "published", "language", "text")


BATCH = 200  # documents fetched per round of queries: few queries, bounded memory


def export(store: Store, out: Path) -> list[Path]:
    keys = [r[0] for r in store.fetch("SELECT key FROM documents ORDER BY ingested_at, key").rows]
    with out.open("w", encoding="utf-8") as handle:
        for start in range(0, len(keys), BATCH):
            for record in records(store, keys[start:start + BATCH]):
                handle.write(dumps(record) + "\n")
    return [out]


def records(store: Store, keys: list[str]) -> list[dict[str, Any]]:
    """Stored articles as record dicts, in the order of `keys`."""
    docs = store.fetch(f"SELECT {', '.join(DOCUMENT)}, extractors FROM documents "
                       "WHERE list_contains(?, key)", [keys]).dicts()
    by_key = {d["key"]: d for d in docs}
    tables = {name: _data(store, name, keys) for name in ("doc_entities", "roles", *SECTIONS)}
    return [_record(by_key[key], {name: rows.get(key, []) for name, rows in tables.items()})
            for key in keys]


def _record(doc: dict, rows: dict[str, list[dict]]) -> dict[str, Any]:
    document = {"id": doc["caller_id"] or doc["key"], **{k: doc[k] for k in DOCUMENT}}
    entities = []
    for row in rows["doc_entities"]:
        corpus_id = row.pop("entity")
        entities.append({**row, "id": corpus_id,
                         "roles": [r for r in rows["roles"] if r.get("entity") == corpus_id]})
    sections = {s: rows[s] for s in SECTIONS}
    # as `newsgraph extract` prints it: reported relations apart from negated and hypothetical ones
    sections["relations"], sections["flagged_relations"] = _reported_apart(rows["relations"])
    return {"document": document, "entities": entities, **sections,
            "extractors": list(doc["extractors"] or [])}


def _reported_apart(relations: list[dict]) -> tuple[list[dict], list[dict]]:
    def reported(row: dict) -> bool:
        return not row.get("negated") and row.get("modality", "asserted") == "asserted"
    return [r for r in relations if reported(r)], [r for r in relations if not reported(r)]


def _data(store: Store, table: str, keys: list[str]) -> dict[str, list[dict]]:
    rows = store.fetch(f"SELECT doc, data FROM {table} WHERE list_contains(?, doc) "
                       "ORDER BY doc, seq", [keys]).rows
    grouped: dict[str, list[dict]] = {}
    for doc, data in rows:
        grouped.setdefault(doc, []).append(json.loads(data))
    return grouped
