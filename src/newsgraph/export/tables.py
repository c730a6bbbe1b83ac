"""Per-table file exports shared by the Parquet and CSV exporters (DuckDB writes both)."""
from __future__ import annotations

from pathlib import Path

from newsgraph.store import SECTION_TABLES, Store, StoreError

TABLES = ("documents", "entities", "entity_aliases", *SECTION_TABLES, "duplicates", "skips")


def export_tables(store: Store, out: Path, fmt: str) -> list[Path]:
    """One `TABLE.fmt` file per table in the folder `out` (created if missing)."""
    if out.exists() and not out.is_dir():
        raise StoreError(f"{fmt} export writes one file per table, and {out} is a file",
                         remedy="give --out a folder")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        target = out / f"{table}.{fmt}"
        store.copy_table(table, str(target), fmt)
        written.append(target)
    return written
