// The actor network: nodes sized by mentions and coloured by type; event edges coloured from
// cooperation (green) to conflict (red) by PLOVER category, relation edges grey and dashed.
// Labels keep one size on screen whatever the zoom; edge labels show on the lit links only;
// actors with no link are left out of the overview (the title says how many).
import { api, el, status, TYPE_COLOURS } from "./dom.js";

let graph = null;
let legendDrawn = false;
const hiddenKinds = new Set();  // edge kinds ("event", "relation") switched off in the legend
const LABEL_PX = 13;

// Actors linked to none of the others are dropped when there are links at all.
function linkedOnly(data) {
  if (!data.edges.length) return { data, dropped: 0 };
  const linked = new Set(data.edges.flatMap((e) => [e.source, e.target]));
  const nodes = data.nodes.filter((n) => linked.has(n.id));
  return { data: { ...data, nodes }, dropped: data.nodes.length - nodes.length };
}

function elements(data) {
  // area by mentions, relative to the most mentioned, so one giant does not cover its neighbours
  const most = Math.max(1, ...data.nodes.map((n) => n.mentions || 1));
  const nodes = data.nodes.map((n) => ({ data: {
    id: n.id, label: n.name, type: n.type, mentions: n.mentions,
    size: Math.round(14 + 46 * Math.sqrt((n.mentions || 1) / most)),
    colour: TYPE_COLOURS[n.type] || TYPE_COLOURS.OTHER } }));
  return [...nodes, ...mergedEdges(data.edges)];
}

// The links of one kind from one actor to another are one edge, coloured and named by its
// commonest label (the others follow in the label), so a busy pair is not a fan of curves.
function mergedEdges(edges) {
  const pairs = new Map();
  for (const e of edges) {
    const key = `${e.kind}:${e.source}:${e.target}`;
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(e);
  }
  return [...pairs.entries()].map(([key, group]) => {
    group.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    const count = group.reduce((sum, e) => sum + e.count, 0);
    const label = group.map((e) => (e.count > 1 ? `${e.label} ×${e.count}` : e.label)).join(", ");
    return { data: { id: key, source: group[0].source, target: group[0].target, kind: group[0].kind,
      label, first: group[0].label, count, colour: group[0].colour, width: Math.min(1.5 + count, 8) } };
  });
}

const STYLE = [
  { selector: "node", style: {
    "background-color": "data(colour)", width: "data(size)", height: "data(size)",
    label: "data(label)", "font-size": LABEL_PX, "text-valign": "bottom", "text-margin-y": 2,
    color: "#222", "text-outline-color": "#fff", "text-outline-width": 2, "min-zoomed-font-size": 0 } },
  { selector: "node:selected, node.focus", style: { "border-width": 3, "border-color": "#111", "font-weight": "bold" } },
  { selector: "edge", style: {
    width: "data(width)", "line-color": "data(colour)", "curve-style": "bezier",
    "target-arrow-shape": "triangle", "target-arrow-color": "data(colour)", label: "",
    "font-size": 10, color: "#444", "text-rotation": "autorotate", "text-background-color": "#fff",
    "text-background-opacity": 0.8 } },
  { selector: "edge[kind = 'relation']", style: { "line-style": "dashed" } },
  { selector: "edge.lit", style: { label: "data(label)" } },
  { selector: "edge.off", style: { display: "none" } },
  { selector: "node.faded", style: { opacity: 0.3 } },
  { selector: "edge.faded", style: { opacity: 0.15 } },
];

// The legend of node types, PLOVER colours (shared by the network's edges and the map's places)
// and the switches for edge kinds; `data` is any answer carrying `legend`.
export function drawLegend(data) {
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
    el("div", { class: "relations" }, el("i", { class: "dash" }), " relation",
      el("span", { class: "edge-kinds" }, "show links: ", kindToggle("event", "events"), kindToggle("relation", "relations"))));
}

function kindToggle(kind, text) {
  const box = el("input", { type: "checkbox", checked: true, "data-kind": kind, onchange: () => {
    if (box.checked) hiddenKinds.delete(kind); else hiddenKinds.add(kind);
    showKinds();
  } });
  return el("label", { class: "key" }, box, text);
}

function showKinds() {
  if (!graph) return;
  graph.edges().forEach((edge) => edge.toggleClass("off", hiddenKinds.has(edge.data("kind"))));
}

// Labels stay LABEL_PX on screen: the style's size is divided by the zoom.
function legible() {
  const zoom = graph.zoom();
  graph.style().selector("node").style({ "font-size": LABEL_PX / zoom, "text-outline-width": 2 / zoom })
    .selector("edge").style({ "font-size": 10 / zoom }).update();
}

// After the pane was hidden (the map shown instead), cytoscape must measure it again.
export function refit() {
  if (graph) { graph.resize(); legible(); }
}

let showing = null;  // "overview" or the id whose neighbourhood is drawn
let overviewLimit = null;
let unlinked = 0;

function draw(data, { onNode, onEdge }) {
  drawLegend(data);
  if (typeof window.cytoscape !== "function") { status("network library missing"); return; }
  if (graph) graph.destroy();
  graph = window.cytoscape({
    container: document.getElementById("network"), elements: elements(data), style: STYLE,
    layout: data.edges.length  // with no links a force layout is a grid; rings by mentions read better
      ? { name: "cose", animate: false, randomize: false, nodeRepulsion: 12000, idealEdgeLength: 110,
          componentSpacing: 120, nodeDimensionsIncludeLabels: true, padding: 20 }
      : { name: "concentric", concentric: (n) => n.data("mentions"), levelWidth: () => 4, minNodeSpacing: 12 },
    minZoom: 0.2, maxZoom: 3,
  });
  if (graph.zoom() > 1.4) { graph.zoom(1.4); graph.center(); }  // a few nodes should not fill the pane
  graph.on("zoom", legible);
  legible();
  showKinds();
  graph.on("tap", "node", (event) => onNode && onNode(event.target.id()));
  graph.on("tap", "edge", (event) => onEdge && onEdge(event.target.data()));
}

export function highlight(entity, ids) {
  if (!graph) return;
  graph.elements().removeClass("focus faded lit");
  if (!ids.length) return;
  const near = new Set(ids);
  graph.elements().forEach((item) => {
    const inside = item.isNode() ? near.has(item.id())
      : near.has(item.data("source")) && near.has(item.data("target"));
    // an edge is named when it touches the selected actor (or, with none, lies inside)
    const named = inside && (item.isNode() || !entity || item.data("source") === entity || item.data("target") === entity);
    if (named) item.addClass("lit");
    else if (!inside) item.addClass("faded");
  });
  if (!entity) return;
  graph.$id(entity).addClass("focus");
  // the selected actor's neighbourhood fills the pane, centred, not magnified past legibility
  graph.fit(graph.$id(entity).closedNeighborhood().filter((item) => !item.hasClass("faded")), 40);
  if (graph.zoom() > 1.6) { graph.zoom(1.6); graph.center(graph.$id(entity)); }
}

// Shows the overview of the most-mentioned actors; with an entity, its neighbourhood to
// `depth` links is highlighted there, or drawn on its own when the overview lacks part of it.
// Returns what is shown: "overview", "highlight" or "neighbourhood".
// `limit` is how many of the most-mentioned actors the overview considers; `dropped` in the
// answer counts those left out for having no link.
export async function showGraph({ entity = null, depth = 2, limit = 30, ...handlers } = {}) {
  if (!entity || showing !== "overview" || limit !== overviewLimit) {
    const { data, dropped } = linkedOnly(await api("/api/graph", { limit }));
    draw(data, handlers);
    showing = "overview";
    overviewLimit = limit;
    unlinked = dropped;
  }
  if (!entity) { highlight(null, []); return { shown: "overview", unlinked }; }
  const near = await api("/api/graph", { entity, depth });
  const ids = near.nodes.map((n) => n.id);
  if (graph && ids.every((id) => graph.$id(id).length)) { highlight(entity, ids); return { shown: "highlight", unlinked }; }
  draw(near, handlers);
  showing = entity;
  highlight(entity, ids);
  return { shown: "neighbourhood", unlinked: 0 };
}
