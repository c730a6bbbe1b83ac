"""The actor network: entities as nodes, relations and events between them as edges.

An event edge's colour runs from cooperation (green) to conflict (red) by its PLOVER category.
PLOVER lists its sixteen categories in that order (AGREE ... ASSAULT, `PLOVER_ACTIONS`), so the
tone of an action is its position in that list scaled to +1 (most cooperative) .. -1 (most
conflictual), and its quad class follows the usual grouping into verbal/material
cooperation/conflict.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsgraph.model.records import PLOVER_ACTIONS
from newsgraph.query import top_entities
from newsgraph.store import Store

MAX_NODES = 300
MAX_DEPTH = 3

QUADS = {
    "verbal cooperation": ("AGREE", "CONSULT", "SUPPORT", "CONCEDE"),
    "material cooperation": ("COOPERATE", "AID", "RETREAT"),
    "verbal conflict": ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
    "material conflict": ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
}
QUAD_OF = {action: quad for quad, actions in QUADS.items() for action in actions}
RELATION_COLOUR = "#6b7b8c"
_GREEN, _YELLOW, _RED = (26, 152, 80), (254, 224, 139), (215, 48, 39)


def tone(action: str) -> float:
    """+1 for the most cooperative PLOVER category, -1 for the most conflictual."""
    if action not in PLOVER_ACTIONS:
        return 0.0
    return round(1 - 2 * PLOVER_ACTIONS.index(action) / (len(PLOVER_ACTIONS) - 1), 3)


def colour(value: float) -> str:
    """green (+1) through yellow (0) to red (-1)."""
    start, end, share = (_YELLOW, _GREEN, value) if value >= 0 else (_YELLOW, _RED, -value)
    mixed = (round(a + (b - a) * share) for a, b in zip(start, end))
    return "#" + "".join(f"{c:02x}" for c in mixed)


def legend() -> list[dict[str, Any]]:
    return [{"action": a, "tone": tone(a), "colour": colour(tone(a)), "quad": QUAD_OF[a]}
            for a in PLOVER_ACTIONS]


def paint(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Event rows with their PLOVER tone, colour and quad class added."""
    return [{**row, "tone": tone(row["action"]), "colour": colour(tone(row["action"])),
             "quad": QUAD_OF.get(row["action"])} if row.get("action") else row for row in rows]


# Edges between two known entities; negated relations and events are not links.
_EDGES = """
    SELECT subject AS source, object AS target, 'relation' AS kind, predicate AS label,
           count(*) AS n FROM relations
    WHERE subject IS NOT NULL AND object IS NOT NULL AND subject <> object
      AND NOT coalesce(negated, false) AND {touch}
      AND coalesce(json_extract_string(data, '$.modality'), 'asserted') = 'asserted'
    GROUP BY ALL
    UNION ALL
    SELECT actor, target, 'event', action, count(*) FROM events
    WHERE actor IS NOT NULL AND target IS NOT NULL AND actor <> target
      AND NOT coalesce(negated, false) AND {touch2}
    GROUP BY ALL"""


@dataclass(frozen=True)
class Graph:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    truncated: bool

    def to_dict(self) -> dict[str, Any]:
        return {"ok": True, "nodes": self.nodes, "edges": self.edges, "truncated": self.truncated,
                "legend": legend()}


def _edges(store: Store, ids: list[str], *, within: bool) -> list[tuple]:
    """Edges touching `ids` (within=False) or joining two of them (within=True)."""
    join = "AND" if within else "OR"
    touch = f"(list_contains($1, subject) {join} list_contains($1, object))"
    touch2 = f"(list_contains($1, actor) {join} list_contains($1, target))"
    return list(store.fetch(_EDGES.format(touch=touch, touch2=touch2), [ids]).rows)


def neighbourhood(store: Store, centre: str, depth: int, max_nodes: int) -> Graph:
    """Entities within `depth` links of `centre`, breadth first, at most `max_nodes` of them."""
    seen, frontier, truncated = [centre], [centre], False
    for _ in range(depth):
        found = [n for s, t, *_ in _edges(store, frontier, within=False) for n in (s, t)]
        fresh = list(dict.fromkeys(n for n in found if n not in seen))
        room = max_nodes - len(seen)
        truncated = truncated or len(fresh) > room
        frontier = fresh[:max(room, 0)]
        seen.extend(frontier)
        if not frontier:
            break
    return _build(store, seen, truncated)


def overview(store: Store, max_nodes: int) -> Graph:
    """The most-mentioned actors and the links among them."""
    ids = [row[0] for row in top_entities(store, max_nodes + 1).rows]
    return _build(store, ids[:max_nodes], len(ids) > max_nodes)


def _build(store: Store, ids: list[str], truncated: bool) -> Graph:
    nodes = store.fetch("""
        SELECT e.id, e.name, e.type, e.country, count(m.entity) AS mentions
        FROM entities e LEFT JOIN mentions m ON m.entity = e.id
        WHERE list_contains(?, e.id) GROUP BY ALL ORDER BY mentions DESC, e.name""", [ids]).dicts()
    edges = [_edge(*row) for row in _edges(store, ids, within=True)]
    return Graph(nodes, sorted(edges, key=lambda e: e["id"]), truncated)


def _edge(source: str, target: str, kind: str, label: str, n: int) -> dict[str, Any]:
    value = tone(label) if kind == "event" else None
    return {"id": f"{kind}:{source}:{label}:{target}", "source": source, "target": target,
            "kind": kind, "label": label, "count": int(n), "tone": value,
            "quad": QUAD_OF.get(label) if kind == "event" else None,
            "colour": colour(value) if value is not None else RELATION_COLOUR}
