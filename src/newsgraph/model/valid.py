"""The last check before a record leaves the pipeline: every span inside the text and forwards,
every number finite and of a size news can hold. A fact that fails is dropped, so one
extractor's slip can never put a backwards span or a bare `Infinity` into the output.
"""
from __future__ import annotations

import logging
import math
from dataclasses import fields, is_dataclass, replace

from newsgraph.model.records import FACT_SECTIONS, ArticleRecord, Entity

log = logging.getLogger("newsgraph")

MAX_MAGNITUDE = 1e18  # more than anything news counts (world GDP is about 1e14 dollars)


def checked(record: ArticleRecord) -> ArticleRecord:
    """The record without the facts, mentions and roles that fail the checks."""
    length = len(record.document.text)
    changes: dict[str, tuple] = {}
    for section in FACT_SECTIONS:
        facts = getattr(record, section)
        kept = tuple(fact for fact in facts if valid(fact, length))
        if len(kept) != len(facts):
            log.debug("dropped %d invalid %s", len(facts) - len(kept), section)
            changes[section] = kept
    entities = tuple(_entity(entity, length) for entity in record.entities)
    if any(new is not old for new, old in zip(entities, record.entities)):
        changes["entities"] = entities
    return replace(record, **changes) if changes else record


def _entity(entity: Entity, length: int) -> Entity:
    mentions = tuple(span for span in entity.mentions if span_ok(span, length))
    roles = tuple(role for role in entity.roles if valid(role, length))
    if len(mentions) == len(entity.mentions) and len(roles) == len(entity.roles):
        return entity
    return replace(entity, mentions=mentions, roles=roles)


def span_ok(span: object, length: int) -> bool:
    return (isinstance(span, tuple) and len(span) == 2 and all(isinstance(i, int) for i in span)
            and 0 <= span[0] < span[1] <= length)


def valid(fact: object, length: int) -> bool:
    """Spans (fields named *span*) inside the text and forwards, a `text` not blank, floats
    finite and below MAX_MAGNITUDE, the same for nested records."""
    for field in fields(fact):
        value = getattr(fact, field.name)
        if "span" in field.name and value is not None and not span_ok(value, length):
            return False
        if field.name == "text" and isinstance(value, str) and not value.strip():
            return False
        if isinstance(value, float) and not (math.isfinite(value) and abs(value) < MAX_MAGNITUDE):
            return False
        if is_dataclass(value) and not valid(value, length):
            return False
    return True
