"""CSV: one file per table with a header row, written by DuckDB (lists print as [a, b])."""
from __future__ import annotations

from pathlib import Path

from newsgraph.export.tables import export_tables
from newsgraph.store import Store


def export(store: Store, out: Path) -> list[Path]:
    return export_tables(store, out, "csv")
