"""Lexicons are data files in `extract/resources/`, loaded once per process.

Two formats, both documented in `resources/README.md`:
- `NAME.txt`: one entry per line; `#` starts a comment.
- `NAME.tsv`: tab-separated with a header row; `#` lines are comments.

Users extend any lexicon without touching code: a file of the same name in the folder named by
the `lexicons` setting (`NEWSGRAPH_LEXICONS`) is read after the bundled one and its rows added.
"""
from __future__ import annotations

import csv
import io
from functools import lru_cache
from importlib import resources
from pathlib import Path

from newsgraph.errors import ConfigError
from newsgraph.settings import load_settings


def _texts(filename: str) -> list[tuple[str, str]]:
    """(origin, content) of the bundled file and of the user's extension, if any."""
    bundled = resources.files("newsgraph.extract") / "resources" / filename
    if not bundled.is_file():
        raise ConfigError(f"no bundled lexicon {filename!r}", remedy="reinstall newsgraph")
    found = [(str(bundled), bundled.read_text(encoding="utf-8"))]
    user_dir = load_settings().lexicons
    if user_dir:
        extra = Path(user_dir) / filename
        if extra.is_file():
            found.append((str(extra), extra.read_text(encoding="utf-8")))
    return found


def _content_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """Entries of `NAME.txt`, as written (callers decide on case)."""
    return frozenset(line.strip() for _, text in _texts(f"{name}.txt") for line in _content_lines(text))


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of `NAME.tsv` as dicts keyed by the header; every file must repeat the bundled header."""
    table: list[dict[str, str]] = []
    header: list[str] | None = None
    for origin, text in _texts(f"{name}.tsv"):
        reader = csv.reader(io.StringIO("\n".join(_content_lines(text))), delimiter="\t")
        file_header = next(reader, None)
        if header is None:
            header = file_header
        elif file_header != header:
            raise ConfigError(f"header {file_header} differs from the bundled {header}", origin=origin,
                              remedy="copy the bundled header line")
        for number, row in enumerate(reader, start=2):
            if len(row) > len(header or []):
                raise ConfigError(f"row {number} has {len(row)} columns, header has {len(header or [])}",
                                  origin=origin, remedy="separate columns with single tabs")
            table.append(dict(zip(header or [], (cell.strip() for cell in row))) | {
                k: "" for k in (header or [])[len(row):]})
    return tuple(table)
