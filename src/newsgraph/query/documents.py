"""Documents by any id a user has for them, and free read-only SQL."""
from __future__ import annotations

from newsgraph.query.filters import QueryError
from newsgraph.store import Rows, Store


def document(store: Store, doc_id: str) -> dict:
    """A document by its key, the caller's id, its origin, or a unique key prefix (>= 6 chars)."""
    rows = store.fetch("""
        SELECT key, caller_id, origin, title, source, url, published, n_chars, extractors
        FROM documents WHERE key = ? OR caller_id = ? OR origin = ?
           OR (length(?) >= 6 AND starts_with(key, ?))
        ORDER BY key = ? DESC, caller_id = ? DESC LIMIT 2""",
        [doc_id] * 5 + [doc_id] * 2).dicts()
    if not rows:
        duplicate = store.fetch("SELECT duplicate_of FROM duplicates WHERE key = ? OR caller_id = ? "
                                "OR origin = ?", [doc_id] * 3).rows
        if duplicate:
            return document(store, duplicate[0][0])
        raise QueryError(f"no document {doc_id!r}", remedy="give its key, its own id or its path")
    if len(rows) > 1 and rows[0]["key"] != doc_id and rows[0]["caller_id"] != doc_id:
        raise QueryError(f"{doc_id!r} names more than one document", remedy="give more of the key")
    return rows[0]


def run_sql(store: Store, text: str) -> Rows:
    """One read-only SELECT; anything else is refused before it runs."""
    return store.select(text)
