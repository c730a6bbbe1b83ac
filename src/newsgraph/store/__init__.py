"""The corpus database: schema and migrations, the single write path, deterministic ids.

Only this package imports the database driver (DuckDB).
"""
from newsgraph.store.database import Copy, CorpusEntity, Duplicate, Rows, Store, StoredArticle, StoreError
from newsgraph.store.keys import document_key, entity_id, fold, normalise_text, tidy
from newsgraph.store.migrations import MIGRATIONS, SECTION_TABLES

__all__ = ["MIGRATIONS", "SECTION_TABLES", "Copy", "CorpusEntity", "Duplicate", "Rows", "Store",
           "StoreError", "StoredArticle", "document_key", "entity_id", "fold", "normalise_text", "tidy"]
