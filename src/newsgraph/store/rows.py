"""Record dataclasses as flat table rows, derived from `dataclasses.fields`.

Nothing here names a field of Quote, Figure or Event: a span becomes `start`/`end`, a nested
dataclass becomes `name_field` columns, a value that is an article-local entity id becomes the
corpus entity id, and the whole row also goes into `data` as JSON. A new extractor's record
type is stored the same way with no code change here.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from typing import Any

from newsgraph.model import FACT_SECTIONS, ArticleRecord, Entity
from newsgraph.model.json_text import dumps


def flatten(item: Any, entity_ids: Mapping[str, str]) -> dict[str, Any]:
    """One record item (Quote, Figure, ...) as a flat row with entity ids resolved."""
    row: dict[str, Any] = {}
    for field in fields(item):
        value = getattr(item, field.name)
        if field.name == "span":
            row["start"], row["end"] = value if value else (None, None)
        elif is_dataclass(value):
            row.update({f"{field.name}_{k}": v for k, v in flatten(value, entity_ids).items()})
        elif field.name != "id" and isinstance(value, str) and value in entity_ids:
            row[field.name] = entity_ids[value]
        elif isinstance(value, tuple):
            row[field.name] = [list(v) if isinstance(v, tuple) else v for v in value]
        else:
            row[field.name] = value
    return row


def section_rows(record: ArticleRecord, entity_ids: Mapping[str, str]) -> dict[str, list[dict]]:
    """Every row of an article, by table (roles come out of the entities that hold them)."""
    tables: dict[str, list[dict]] = {
        "doc_entities": [_doc_entity(e, entity_ids) for e in record.entities],
        "mentions": [_mention(record, e, span, entity_ids)
                     for e in record.entities for span in e.mentions],
        "roles": [{**flatten(role, entity_ids), "entity": entity_ids[e.id]}
                  for e in record.entities for role in e.roles],
    }
    for name in FACT_SECTIONS:
        tables[name] = [flatten(item, entity_ids) for item in getattr(record, name)]
    return tables


def _doc_entity(entity: Entity, entity_ids: Mapping[str, str]) -> dict:
    row = flatten(entity, entity_ids)
    row.pop("roles", None)  # stored in their own table
    return {**row, "local_id": entity.id, "entity": entity_ids[entity.id],
            "n_mentions": len(entity.mentions)}


def _mention(record: ArticleRecord, entity: Entity, span: tuple[int, int],
             entity_ids: Mapping[str, str]) -> dict:
    start, end = span
    return {"entity": entity_ids[entity.id], "local_id": entity.id, "start": start, "end": end,
            "text": record.document.text[start:end]}


def to_json(row: Mapping[str, Any]) -> str:
    return dumps(row)
