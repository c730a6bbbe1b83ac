"""Record output: json (object or array), jsonl (streamed), table (rich, for people)."""
from __future__ import annotations

from collections import defaultdict
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from newsgraph.extract.registry import TableSection, discover
from newsgraph.model import ENTITY_TYPES, ArticleRecord
from newsgraph.model.json_text import dumps


class RecordWriter:
    """Writes records one at a time; `json` buffers only to decide between object and array."""

    def __init__(self, fmt: str, stream: IO[str]) -> None:
        self.fmt, self.stream = fmt, stream
        self._pending: list[dict] = []
        self._count = 0
        self._console = Console(file=stream, width=max(Console(file=stream).width, 100)) if fmt == "table" else None

    def __enter__(self) -> "RecordWriter":
        return self

    def write(self, record: ArticleRecord) -> None:
        self._count += 1
        if self.fmt == "jsonl":
            self.stream.write(dumps(record.to_dict()) + "\n")
        elif self.fmt == "json":
            self._flush_json(record.to_dict())
        else:
            render_table(record, self._console)

    def _flush_json(self, data: dict) -> None:
        # The first record is held back; a second one turns the output into an array.
        if self._count == 1:
            self._pending.append(data)
            return
        if self._pending:
            self.stream.write("[\n" + dumps(self._pending.pop(), indent=1))
        self.stream.write(",\n" + dumps(data, indent=1))

    def __exit__(self, *exc: object) -> None:
        if self.fmt != "json":
            return
        if self._pending:
            self.stream.write(dumps(self._pending.pop(), indent=1) + "\n")
        elif self._count > 1:
            self.stream.write("\n]\n")


def render_table(record: ArticleRecord, console: Console) -> None:
    doc = record.document
    console.rule(f"[bold]{doc.title or doc.origin or doc.id}")
    console.print(f"id {doc.id}  ·  published {doc.published or '-'}  ·  {len(doc.text):,} characters")
    console.print(_entity_table(record))
    for extractor in discover():
        for section in extractor.table(record):
            console.print(_draw(section))


def _entity_table(record: ArticleRecord) -> Table:
    table = Table(title=f"Entities ({len(record.entities)})", title_justify="left")
    for column in ("type", "entity", "mentions", "aliases"):
        table.add_column(column, overflow="fold")
    by_type = defaultdict(list)
    for entity in record.entities:
        by_type[entity.type].append(entity)
    for type_ in ENTITY_TYPES:
        for entity in sorted(by_type.get(type_, []), key=lambda e: -len(e.mentions)):
            name = entity.name + (f" [{entity.country}]" if entity.country else "")
            table.add_row(type_, name, str(len(entity.mentions)), ", ".join(entity.aliases))
    return table


def _draw(section: TableSection) -> Table:
    table = Table(title=section.title, title_justify="left")
    for column in section.columns:
        table.add_column(column, overflow="fold")
    for row in section.rows:
        table.add_row(*(escape(cell) for cell in row))  # article text is not rich markup ("[in the region]")
    return table
