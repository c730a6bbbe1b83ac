"""Plain records shared by every stage. Imports nothing else from the package."""
from newsgraph.model.entity_index import EntityIndex
from newsgraph.model.records import (
    ENTITY_TYPES, FACT_SECTIONS, PLACE_TYPES, PLOVER_ACTIONS, RELATION_PREDICATES, SYMMETRIC_PREDICATES,
    Article, ArticleRecord, Document, Entity, Event, Figure, Mention, Place, Quantity, Quote,
    Relation, Role, Skip, Span, Stance, Theme, Tone,
)

__all__ = [
    "ENTITY_TYPES", "FACT_SECTIONS", "PLACE_TYPES", "PLOVER_ACTIONS", "RELATION_PREDICATES", "SYMMETRIC_PREDICATES",
    "Article", "ArticleRecord", "Document", "Entity", "EntityIndex", "Event", "Figure", "Mention",
    "Place", "Quantity", "Quote", "Relation", "Role", "Skip", "Span",
    "Stance", "Theme", "Tone",
]
