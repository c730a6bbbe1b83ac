// The page: a search box over entities, a pane showing the actor network or the world map of
// the selection, and one view at a time (an entity, an article, a place, the list of articles),
// all chosen by the URL hash so every view can be linked and shared:
//   #entity/ID   #doc/KEY[/START/END]   #place/ID   #documents
// followed by options: ?pane=map (the map instead of the network), &from=YYYY-MM&to=YYYY-MM
// (an entity's timeline range), &within=ENTITY (a place seen within an entity's articles).
import { api, el, entityLink, factHash, status } from "./dom.js";
import { showArticle } from "./article.js";
import { showEntity } from "./entity.js";
import { showMap, showPlace } from "./map.js";
import { drawLegend, highlight, refit, showGraph } from "./network.js";

const view = document.getElementById("view");
const search = document.getElementById("search");
const results = document.getElementById("results");
const depth = document.getElementById("depth");
const limit = document.getElementById("limit");
let graphEntity;  // the entity whose neighbourhood the network shows; null: the overview

function go(hash) { window.location.hash = hash; }

function parseHash() {
  const [path, query = ""] = window.location.hash.replace(/^#/, "").split("?");
  const [kind, ...rest] = path.split("/").map(decodeURIComponent);
  return { path, kind, rest, params: new URLSearchParams(query) };
}

// The current hash with some options changed (null removes one).
function hashWith(changes) {
  const { path, params } = parseHash();
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined) params.delete(name); else params.set(name, value);
  }
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ""}`;
}

// The map pane: drawn again only when its selection changes.
let mapShown = null;
async function drawMap(selection, selected = null) {
  const key = JSON.stringify([selection, selected]);
  if (mapShown === key) return;
  mapShown = key;
  const data = await showMap(document.getElementById("map"), selection, { selected,
    onPlace: (place) => go(`#place/${encodeURIComponent(place.entity)}?pane=map`
      + (selection.entity ? `&within=${encodeURIComponent(selection.entity)}` : "")) });
  const what = selection.entity ? "the entity's articles" : selection.document ? "this article" : "the corpus";
  drawLegend(data);
  document.getElementById("graph-title").textContent = `${data.items.length} places in ${what}`;
}

// Shows the network or the map in the left pane; the selection says which places to map.
async function showPane(pane, selection, selected = null) {
  const onMap = pane === "map";
  document.getElementById("network").hidden = onMap;
  document.getElementById("map").hidden = !onMap;
  document.querySelectorAll(".graph-only").forEach((node) => { node.hidden = onMap; });
  document.querySelectorAll("[data-pane]").forEach((tab) =>
    tab.setAttribute("aria-pressed", String(tab.dataset.pane === (onMap ? "map" : "network"))));
  if (onMap) { await drawMap(selection, selected); return; }
  refit();
  const entity = selection.entity || null;
  const drawn = document.querySelector("#network canvas") !== null;
  if (selection.document ? !drawn : graphEntity !== entity || !drawn) await drawGraph(entity);
  else graphTitle();
}

async function openEdge(edge) {
  // the first sentence that states this link, found among the source entity's facts
  const data = await api(`/api/entities/${encodeURIComponent(edge.source)}`);
  const pool = edge.kind === "event" ? data.events : data.relations;
  const fact = pool.find((f) => (f.actor_id || f.subject_id) === edge.source
    && (f.target_id || f.object_id) === edge.target && (f.action || f.predicate) === edge.first);
  if (fact) go(factHash(fact));
}

async function drawGraph(entity) {
  graphEntity = entity;
  const { shown, unlinked } = await showGraph({ entity, depth: Number(depth.value), limit: Number(limit.value),
    onNode: (id) => go(`#entity/${encodeURIComponent(id)}`), onEdge: openEdge });
  lastShown = { shown, unlinked };
  graphTitle();
}

let lastShown = { shown: "overview", unlinked: 0 };
function graphTitle() {
  const top = `Top ${limit.value} actors`;
  document.getElementById("graph-title").textContent = {
    overview: top, highlight: `${top} · depth ${depth.value} lit`,
    neighbourhood: `Neighbourhood, depth ${depth.value}` }[lastShown.shown]
    + (lastShown.unlinked ? ` · ${lastShown.unlinked} unlinked hidden` : "");
}

function focusable(actors) {
  return actors.length > 0 && document.querySelector("#network canvas") !== null;
}

// The articles, newest first, filtered by a word of their title or text, a page at a time.
async function listDocuments() {
  const filter = el("input", { type: "search", placeholder: "Filter articles by a word…",
                               maxlength: 200, "aria-label": "Filter articles" });
  const list = el("ul", { class: "items", id: "documents" });
  const more = el("button", { type: "button", text: "more", hidden: true });
  let offset = 0;
  const load = async (reset) => {
    if (reset) { offset = 0; list.replaceChildren(); }
    const data = await api("/api/documents", { q: filter.value.trim(), limit: 100, offset });
    list.append(...data.items.map((d) => el("li", {}, el("a", { href: `#doc/${encodeURIComponent(d.key)}`,
      text: d.title || d.origin || d.key }), d.published ? ` · ${d.published}` : "")));
    offset = data.next_offset ?? offset;
    more.hidden = data.next_offset === null;
  };
  filter.addEventListener("change", () => load(true));
  more.addEventListener("click", () => load(false));
  view.replaceChildren(el("h2", { text: "Articles" }), filter, list, more);
  await load(true);
}

// The first view's panel: where to begin, the most-mentioned people and organisations.
async function startHere() {
  const hint = el("p", { class: "hint", text: "Search an entity, click a node in the network or a place on the map." });
  view.replaceChildren(hint);
  const lists = await Promise.all(["PERSON", "ORG"].map((type) => api("/api/entities", { type, limit: 10 })));
  view.replaceChildren(hint, ...["People", "Organisations"].map((title, i) => el("section", { class: "block" },
    el("h3", { text: `${title} most mentioned` }),
    el("ol", { class: "items start" }, lists[i].items.map((e) => el("li", {}, entityLink(e.id, e.name, e.type),
      el("span", { class: "by", text: ` ${e.mentions} mentions in ${e.documents} article(s)` })))))));
}

async function route() {
  const { kind, rest, params } = parseHash();
  const pane = params.get("pane") || "network";
  status("");
  try {
    if (kind === "entity" && rest[0]) {
      const range = params.get("from") ? { from: params.get("from"), to: params.get("to") || params.get("from") } : null;
      const data = await showEntity(view, rest[0], { range,
        onRange: (from, to) => go(hashWith({ from, to })) });
      document.title = `${data.entity.name} · newsgraph`;
      await showPane(pane, { entity: data.entity.id });
    } else if (kind === "doc" && rest[0]) {
      const [start, end] = rest.slice(1, 3).map((v) => Number.parseInt(v, 10));
      const { view: article, actors } = await showArticle(view, rest[0], start, end);
      await showPane(pane, { document: article.document.key });
      if (pane !== "map" && focusable(actors)) {  // light up the actors of the opened sentence
        highlight(null, actors);
        graphEntity = "sentence";
        document.getElementById("graph-title").textContent = "Most-mentioned actors · the sentence's actors lit";
      }
      document.title = "Article · newsgraph";
    } else if (kind === "place" && rest[0]) {
      const within = params.get("within");
      const data = await showPlace(view, rest[0], within ? { entity: within } : {});
      document.title = `${data.place.name} · newsgraph`;
      await showPane(pane, within ? { entity: within } : {}, data.place.id);
    } else if (kind === "documents") {
      await listDocuments();
      await showPane(pane, {});
    } else if (!kind) {
      await Promise.all([showPane(pane, {}), startHere()]);
    }
  } catch (error) {
    view.replaceChildren(el("p", { class: "error", text: error.message }));
  }
}

let pending = 0;
async function suggest() {
  const q = search.value.trim();
  const ticket = ++pending;
  if (!q) { results.hidden = true; return; }
  try {
    const data = await api("/api/entities", { q, limit: 12 });
    if (ticket !== pending) return;  // a newer keystroke has already asked
    results.replaceChildren(...(data.items.length ? data.items.map((e) =>
      el("li", { role: "option" }, entityLink(e.id, e.name, e.type),
        el("span", { class: "sub", text: ` ${e.type.toLowerCase()} · ${e.mentions} mentions` })))
      : [el("li", { class: "empty", text: "no entity matches" })]));
    results.hidden = false;
  } catch (error) {
    status(error.message);
  }
}

search.addEventListener("input", suggest);
search.addEventListener("keydown", (event) => {
  if (event.key === "Enter") results.querySelector("a")?.click();
  if (event.key === "Escape") results.hidden = true;
  if (event.key === "ArrowDown") { event.preventDefault(); results.querySelector("a")?.focus(); }
});
results.addEventListener("keydown", (event) => {  // arrows walk the suggestions
  const links = [...results.querySelectorAll("a")];
  const at = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown" && at + 1 < links.length) { event.preventDefault(); links[at + 1].focus(); }
  if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? links[at - 1] : search).focus(); }
  if (event.key === "Escape") { results.hidden = true; search.focus(); }
});
results.addEventListener("click", (event) => {
  if (event.target.closest("a")) { results.hidden = true; search.blur(); }
});
document.addEventListener("click", (event) => {
  if (!event.target.closest(".search")) results.hidden = true;
});
const graphed = () => (graphEntity === "sentence" ? null : graphEntity ?? null);
depth.addEventListener("change", () => graphed() && drawGraph(graphed()));
document.getElementById("overview").addEventListener("click", () => drawGraph(null));
limit.addEventListener("change", () => drawGraph(graphed()));
document.querySelectorAll("[data-pane]").forEach((tab) => tab.addEventListener("click", () =>
  go(hashWith({ pane: tab.dataset.pane === "map" ? "map" : null }))));
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", async () => {
  await route();
  performance.mark("newsgraph-ready");  // the first view is drawn and answers clicks (bench, tests)
});
