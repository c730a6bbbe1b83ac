"""Exports of the corpus database, one module per format.

Each exporter is `export(store, out) -> list[Path]` (the files written). Parquet and CSV write
one file per table into the folder `out`; jsonl, graphml and gkg write the single file `out`.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from newsgraph.export import csv, gkg, graphml, jsonl, parquet
from newsgraph.store import Store

Exporter = Callable[[Store, Path], list[Path]]

EXPORTERS: dict[str, Exporter] = {
    "jsonl": jsonl.export,
    "parquet": parquet.export,
    "csv": csv.export,
    "graphml": graphml.export,
    "gkg": gkg.export,
}


def export(store: Store, fmt: str, out: str | Path) -> list[Path]:
    return EXPORTERS[fmt](store, Path(out))


__all__ = ["EXPORTERS", "export"]
