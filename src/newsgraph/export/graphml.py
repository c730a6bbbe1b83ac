"""GraphML of the actors: entities as nodes, relations and events as typed, weighted edges.

Opens in Gephi, yEd, networkx (`read_graphml`) and igraph. Written with the standard library.
An edge stands for all rows with the same source, target, kind and label; `weight` counts
them and `first`/`last` give the dates they span. Events without both an actor and a target
make no edge.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from newsgraph.store import Rows, Store

NS = "http://graphml.graphdrawing.org/xmlns"
# (id, for, attr.name, attr.type)
KEYS = (
    ("name", "node", "name", "string"), ("type", "node", "type", "string"),
    ("country", "node", "country", "string"), ("mentions", "node", "mentions", "int"),
    ("documents", "node", "documents", "int"),
    ("kind", "edge", "kind", "string"), ("label", "edge", "label", "string"),
    ("weight", "edge", "weight", "double"), ("first", "edge", "first", "string"),
    ("last", "edge", "last", "string"),
)

EDGES = """
    SELECT subject AS source, object AS target, 'relation' AS kind, predicate AS label,
           count(*) AS weight, min(d.published) AS first, max(d.published) AS last
    FROM relations r JOIN documents d ON d.key = r.doc
    WHERE subject IS NOT NULL AND object IS NOT NULL AND NOT coalesce(negated, false)
      AND coalesce(json_extract_string(r.data, '$.modality'), 'asserted') = 'asserted'
    GROUP BY ALL
    UNION ALL
    SELECT actor, target, 'event', action, count(*), min(coalesce(v.date, d.published)),
           max(coalesce(v.date, d.published))
    FROM events v JOIN documents d ON d.key = v.doc
    WHERE actor IS NOT NULL AND target IS NOT NULL AND NOT coalesce(negated, false)
    GROUP BY ALL
    ORDER BY 1, 2, 3, 4"""

NODES = """
    SELECT e.id, e.name, e.type, e.country, count(m.doc) AS mentions,
           count(DISTINCT m.doc) AS documents
    FROM entities e LEFT JOIN mentions m ON m.entity = e.id
    WHERE list_contains(?, e.type) OR list_contains(?, e.id)
    GROUP BY ALL ORDER BY e.id"""

ACTORS = ["PERSON", "ORG", "IGO", "COUNTRY", "GROUP"]


def export(store: Store, out: Path) -> list[Path]:
    edges = store.fetch(EDGES)
    linked = sorted({r[0] for r in edges.rows} | {r[1] for r in edges.rows})
    nodes = store.fetch(NODES, [ACTORS, linked])
    ET.register_namespace("", NS)
    root = ET.Element(f"{{{NS}}}graphml")
    for key_id, kind, name, type_ in KEYS:
        ET.SubElement(root, f"{{{NS}}}key", {"id": key_id, "for": kind, "attr.name": name,
                                               "attr.type": type_})
    graph = ET.SubElement(root, f"{{{NS}}}graph", {"id": "newsgraph", "edgedefault": "directed"})
    _add(graph, "node", nodes, lambda row, i: {"id": row["id"]})
    _add(graph, "edge", edges, lambda row, i: {"id": f"x{i}", "source": row["source"],
                                               "target": row["target"]})
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return [out]


def _add(graph: ET.Element, tag: str, rows: Rows, attributes) -> None:
    for i, row in enumerate(rows.dicts()):
        element = ET.SubElement(graph, f"{{{NS}}}{tag}", attributes(row, i))
        for key, value in row.items():
            if key in ("id", "source", "target") or value is None:
                continue
            ET.SubElement(element, f"{{{NS}}}data", {"key": key}).text = str(value)
