"""JSONL: one article per line in the shape of `newsgraph extract`, with corpus entity ids.

Each entity carries its corpus id in `id` (and the article-local one in `local_id`), so the
same actor has the same id on every line.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsgraph.store import Store

SECTIONS = ("quotes", "figures", "relations", "events", "places")
DOCUMENT = ("key", "caller_id", "origin", "title", "source", "url", "published", "language", "text")


def export(store: Store, out: Path) -> list[Path]:
    keys = [r[0] for r in store.fetch("SELECT key FROM documents ORDER BY ingested_at, key").rows]
    with out.open("w", encoding="utf-8") as handle:
        for key in keys:
            handle.write(json.dumps(record(store, key), ensure_ascii=False, default=str) + "\n")
    return [out]


def record(store: Store, key: str) -> dict[str, Any]:
    """One stored article as a record dict."""
    doc = store.fetch(f"SELECT {', '.join(DOCUMENT)}, extractors FROM documents WHERE key = ?",
                      [key]).dicts()[0]
    document = {"id": doc["caller_id"] or key, **{k: doc[k] for k in DOCUMENT}}
    roles = _data(store, "roles", key)
    entities = []
    for row in _data(store, "doc_entities", key):
        entities.append({**row, "id": row["entity"], "local_id": row["local_id"],
                         "roles": [r for r in roles if r.get("entity") == row["entity"]]})
    for entity in entities:
        entity.pop("entity", None)
    sections = {name: _data(store, name, key) for name in SECTIONS}
    return {"document": document, "entities": entities, **sections,
            "extractors": list(doc["extractors"] or [])}


def _data(store: Store, table: str, key: str) -> list[dict]:
    rows = store.fetch(f"SELECT data FROM {table} WHERE doc = ? ORDER BY seq", [key]).rows
    return [json.loads(r[0]) for r in rows]
