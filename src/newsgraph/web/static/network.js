// The actor network: nodes sized by mentions and coloured by type; event edges coloured from
// cooperation (green) to conflict (red) by PLOVER category, relation edges grey and dashed.
import { api, el, status, TYPE_COLOURS } from "./dom.js";

let graph = null;
let legendDrawn = false;

function elements(data) {
  const nodes = data.nodes.map((n) => ({ data: {
    id: n.id, label: n.name, type: n.type, mentions: n.mentions,
    size: Math.round(16 + 9 * Math.sqrt(n.mentions || 1)),
    colour: TYPE_COLOURS[n.type] || TYPE_COLOURS.OTHER } }));
  const edges = data.edges.map((e) => ({ data: {
    id: e.id, source: e.source, target: e.target, kind: e.kind, label: e.label,
    count: e.count, colour: e.colour, width: Math.min(1.5 + e.count, 8) } }));
  return [...nodes, ...edges];
}

const STYLE = [
  { selector: "node", style: {
    "background-color": "data(colour)", width: "data(size)", height: "data(size)",
    label: "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 2,
    color: "#222", "text-outline-color": "#fff", "text-outline-width": 2 } },
  { selector: "node:selected, node.focus", style: { "border-width": 3, "border-color": "#111", "font-weight": "bold" } },
  { selector: "edge", style: {
    width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier",
    "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)", label: "data(label)",
    "font-size": 8, color: "#444", "text-rotation": "autorotate", "text-background-color": "#fff",
    "text-background-opacity": 0.8 } },
  { selector: "edge[kind = 'relation']", style: { "line-style": "dashed" } },
  { selector: "node.faded", style: { opacity: 0.3 } },
  { selector: "edge.faded", style: { opacity: 0.15 } },
];

function drawLegend(data) {
  if (legendDrawn) return;
  legendDrawn = true;
  const legend = document.getElementById("legend");
  const swatch = (kind, colour) => {
    const mark = el("i", { class: kind });
    mark.style.backgroundColor = colour;  // CSSOM, which the page's CSP allows
    return mark;
  };
  const types = Object.entries(TYPE_COLOURS).map(([type, colour]) =>
    el("span", { class: "key" }, swatch("dot", colour), type.toLowerCase()));
  const actions = data.legend.map((a) =>
    el("span", { class: "key", title: `${a.action}: ${a.quad}` },
      swatch("bar", a.colour), a.action.toLowerCase()));
  legend.append(el("div", { class: "types" }, types),
    el("div", { class: "actions" }, el("span", { text: "cooperation →" }), actions,
      el("span", { text: "← conflict" })),
    el("div", { class: "relations" }, el("i", { class: "dash" }), " relation"));
}

let showing = null;  // "overview" or the id whose neighbourhood is drawn

function draw(data, { onNode, onEdge }) {
  drawLegend(data);
  if (typeof window.cytoscape !== "function") { status("network library missing"); return; }
  if (graph) graph.destroy();
  graph = window.cytoscape({
    container: document.getElementById("network"), elements: elements(data), style: STYLE,
    layout: data.edges.length  // with no links a force layout is a grid; rings by mentions read better
      ? { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90, padding: 20 }
      : { name: "concentric", concentric: (n) => n.data("mentions"), levelWidth: () => 4, minNodeSpacing: 12 },
    minZoom: 0.2, maxZoom: 3,
  });
  if (graph.zoom() > 1.4) { graph.zoom(1.4); graph.center(); }  // a few nodes should not fill the pane
  graph.on("tap", "node", (event) => onNode && onNode(event.target.id()));
  graph.on("tap", "edge", (event) => onEdge && onEdge(event.target.data()));
}

export function highlight(entity, ids) {
  if (!graph) return;
  graph.elements().removeClass("focus faded");
  if (!ids.length) return;
  const near = new Set(ids);
  graph.elements().forEach((item) => {
    const inside = item.isNode() ? near.has(item.id())
      : near.has(item.data("source")) && near.has(item.data("target"));
    if (!inside) item.addClass("faded");
  });
  if (entity) graph.$id(entity).addClass("focus");
}

// Shows the overview of the most-mentioned actors; with an entity, its neighbourhood to
// `depth` links is highlighted there, or drawn on its own when the overview lacks part of it.
// Returns what is shown: "overview", "highlight" or "neighbourhood".
export async function showGraph({ entity = null, depth = 2, ...handlers } = {}) {
  if (!entity || showing !== "overview") {
    draw(await api("/api/graph", { limit: 60 }), handlers);
    showing = "overview";
  }
  if (!entity) { highlight(null, []); return "overview"; }
  const near = await api("/api/graph", { entity, depth });
  const ids = near.nodes.map((n) => n.id);
  if (graph && ids.every((id) => graph.$id(id).length)) { highlight(entity, ids); return "highlight"; }
  draw(near, handlers);
  showing = entity;
  highlight(entity, ids);
  return "neighbourhood";
}
