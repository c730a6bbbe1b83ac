// The page: a search box over entities, the actor network, and one view at a time (an entity,
// an article, the list of articles), chosen by the URL hash so every view can be linked:
//   #entity/ID   #doc/KEY[/START/END]   #documents
import { api, el, entityLink, factHash, status } from "./dom.js";
import { showArticle } from "./article.js";
import { showEntity } from "./entity.js";
import { highlight, showGraph } from "./network.js";

const view = document.getElementById("view");
const search = document.getElementById("search");
const results = document.getElementById("results");
const depth = document.getElementById("depth");
let graphEntity = null;

function go(hash) { window.location.hash = hash; }

async function openEdge(edge) {
  // the first sentence that states this link, found among the source entity's facts
  const data = await api(`/api/entities/${encodeURIComponent(edge.source)}`);
  const pool = edge.kind === "event" ? data.events : data.relations;
  const fact = pool.find((f) => (f.actor_id || f.subject_id) === edge.source
    && (f.target_id || f.object_id) === edge.target && (f.action || f.predicate) === edge.label);
  if (fact) go(factHash(fact));
}

async function drawGraph(entity) {
  graphEntity = entity;
  const shown = await showGraph({ entity, depth: Number(depth.value),
    onNode: (id) => go(`#entity/${encodeURIComponent(id)}`), onEdge: openEdge });
  document.getElementById("graph-title").textContent = {
    overview: "Most-mentioned actors", highlight: `Most-mentioned actors · links to depth ${depth.value} lit`,
    neighbourhood: `Neighbourhood to depth ${depth.value}` }[shown];
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

async function route() {
  const [kind, ...rest] = window.location.hash.replace(/^#/, "").split("/").map(decodeURIComponent);
  status("");
  try {
    if (kind === "entity" && rest[0]) {
      const data = await showEntity(view, rest[0]);
      document.title = `${data.entity.name} · newsgraph`;
      if (graphEntity !== data.entity.id) await drawGraph(data.entity.id);
    } else if (kind === "doc" && rest[0]) {
      const [start, end] = rest.slice(1, 3).map((v) => Number.parseInt(v, 10));
      const { actors } = await showArticle(view, rest[0], start, end);
      if (focusable(actors)) {  // light up the actors of the opened sentence
        highlight(null, actors);
        graphEntity = "sentence";
        document.getElementById("graph-title").textContent = "Most-mentioned actors · the sentence's actors lit";
      }
      document.title = "Article · newsgraph";
    } else if (kind === "documents") {
      await listDocuments();
    } else if (!kind) {
      view.replaceChildren(el("p", { class: "hint", text: "Search an entity, or click a node in the network." }));
      if (graphEntity !== null) await drawGraph(null);
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
depth.addEventListener("change", () => graphEntity && drawGraph(graphEntity));
document.getElementById("overview").addEventListener("click", () => drawGraph(null));
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", async () => {
  await route();
  if (!document.querySelector("#network canvas")) await drawGraph(null);
});
