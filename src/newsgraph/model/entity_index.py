"""Look up the resolved entity behind a stretch of text: what every fact extractor needs."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from newsgraph.model.records import Entity, Span


class EntityIndex:
    """Entities of one article, searchable by character offsets and by name."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: tuple[Entity, ...] = tuple(entities)
        self._by_id = {e.id: e for e in self.entities}
        spans = sorted((s, e, ent.id) for ent in self.entities for s, e in ent.mentions)
        self._starts = [s for s, _, _ in spans]
        self._spans = spans
        self._by_name: dict[str, Entity] = {}
        for entity in self.entities:
            for name in (entity.name, *entity.aliases):
                self._by_name.setdefault(name.casefold(), entity)

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str | None) -> Entity | None:
        return self._by_id.get(entity_id) if entity_id else None

    def named(self, name: str) -> Entity | None:
        """The entity whose canonical name or alias is `name` (case-insensitive)."""
        return self._by_name.get(name.casefold())

    def mentions_in(self, start: int, end: int) -> list[tuple[Span, Entity]]:
        """Mentions lying entirely inside [start, end), in text order."""
        i = bisect_right(self._starts, start - 1)
        found = []
        while i < len(self._spans) and self._spans[i][0] < end:
            s, e, entity_id = self._spans[i]
            if e <= end:
                found.append(((s, e), self._by_id[entity_id]))
            i += 1
        return found

    def at(self, start: int, end: int) -> Entity | None:
        """The entity mentioned at [start, end): a mention inside it, or one that covers it."""
        inside = self.mentions_in(start, end)
        if inside:
            return max(inside, key=lambda m: m[0][1] - m[0][0])[1]
        i = bisect_right(self._starts, start)
        for s, e, entity_id in reversed(self._spans[max(0, i - 8):i]):
            if s <= start and e >= end:
                return self._by_id[entity_id]
        return None
