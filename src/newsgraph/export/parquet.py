"""Parquet: one file per table, written by DuckDB (loads in DuckDB, pyarrow, pandas, polars)."""
from __future__ import annotations

from pathlib import Path

from newsgraph.export.tables import export_tables
from newsgraph.store import Store


def export(store: Store, out: Path) -> list[Path]:
    return export_tables(store, out, "parquet")
