// The offline world map: Natural Earth 1:110m countries (vendored world-atlas, drawn with d3-geo
// and topojson-client) and one circle per geocoded place of the selection (the corpus, an
// entity's articles, one article), sized by mentions and coloured by the PLOVER tone of the
// commonest event told there. Nothing is fetched but this server's own files.
import { api, el, entityLink, eventLine } from "./dom.js";

const SVG_NS = "http://www.w3.org/2000/svg";
const LABELS = 20;  // at most this many places are named on the map (the rest on hover),
                    // the most-mentioned first, skipping a name that would cover another
let world = null;

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

async function countries() {
  if (!world) {
    const topology = await (await fetch("/static/vendor/countries-110m.json")).json();
    world = window.topojson.feature(topology, topology.objects.countries);
  }
  return world;
}

// Fit the places with some room around each, so one city is not drawn at street scale.
function projectionFor(places, width, height) {
  const projection = window.d3.geoNaturalEarth1();
  if (!places.length) return projection.fitExtent([[8, 8], [width - 8, height - 8]], { type: "Sphere" });
  const around = places.flatMap((p) => [-1, 1].flatMap((dx) => [-1, 1].map((dy) =>
    [Math.max(-180, Math.min(180, p.lon + 10 * dx)), Math.max(-85, Math.min(85, p.lat + 8 * dy))])));
  return projection.fitExtent([[20, 20], [width - 20, height - 20]], { type: "MultiPoint", coordinates: around });
}

// Area by mentions, relative to the most-mentioned place of the selection.
function radius(mentions, most) {
  return 3 + 15 * Math.sqrt((mentions || 1) / most);
}

// A country drawn at its capital (the article named the government by its capital) says so.
function nameOf(place) {
  return place.feature === "capital" && place.type === "COUNTRY" ? `${place.name} (capital)` : place.name;
}

function describe(place) {
  const events = Object.entries(place.events).map(([action, n]) => `${action.toLowerCase()} ${n}`);
  return `${nameOf(place)} · ${place.mentions} mentions in ${place.documents} article(s)`
    + (events.length ? ` · events: ${events.join(", ")}` : "");
}

// The wheel zooms about the pointer, a drag pans: both move the SVG's viewBox.
function zoomable(map, width, height) {
  let view = [0, 0, width, height];
  const set = () => map.setAttribute("viewBox", view.map((v) => v.toFixed(1)).join(" "));
  const toMap = (event) => {
    const box = map.getBoundingClientRect();
    return [view[0] + ((event.clientX - box.left) / box.width) * view[2],
            view[1] + ((event.clientY - box.top) / box.height) * view[3]];
  };
  map.addEventListener("wheel", (event) => {
    event.preventDefault();
    const [x, y] = toMap(event);
    const k = Math.min(Math.max(event.deltaY > 0 ? 1.25 : 0.8, width / 12 / view[2]), width / view[2]);
    view = [x - (x - view[0]) * k, y - (y - view[1]) * k, view[2] * k, view[3] * k];
    set();
  }, { passive: false });
  let from = null;
  map.addEventListener("pointerdown", (event) => { from = [event.clientX, event.clientY, view[0], view[1]]; });
  map.addEventListener("pointermove", (event) => {
    if (!from || Math.hypot(event.clientX - from[0], event.clientY - from[1]) < 4) return;
    const box = map.getBoundingClientRect();
    view[0] = from[2] - ((event.clientX - from[0]) / box.width) * view[2];
    view[1] = from[3] - ((event.clientY - from[1]) / box.height) * view[3];
    set();
  });
  map.addEventListener("pointerup", () => { from = null; });
  map.addEventListener("pointerleave", () => { from = null; });
}

// Draws the map of `selection` ({entity} or {document} or {}) into `container`;
// clicking a place calls onPlace(place). Returns the places drawn.
export async function showMap(container, selection, { onPlace, selected = null } = {}) {
  const [shapes, data] = await Promise.all([countries(), api("/api/places", selection)]);
  const width = Math.max(container.clientWidth, 320);
  const height = Math.max(container.clientHeight, 240);
  const projection = projectionFor(data.items, width, height);
  const path = window.d3.geoPath(projection);
  const map = svg("svg", { viewBox: `0 0 ${width} ${height}`, class: "world", role: "img",
                           "aria-label": `map of ${data.items.length} places` });
  map.append(svg("path", { d: path({ type: "Sphere" }), class: "sea" }),
    ...shapes.features.map((f) => svg("path", { d: path(f), class: "country" })));
  const markers = svg("g", { class: "places" });
  const labels = svg("g", { class: "place-labels" });
  const most = Math.max(1, ...data.items.map((p) => p.mentions));
  const taken = [];
  const free = (box) => !taken.some((t) => box.x < t.x + t.w && t.x < box.x + box.w && box.y < t.y + t.h && t.y < box.y + box.h);
  // the smallest on top, so a big circle never hides a small one
  [...data.items].sort((a, b) => b.mentions - a.mentions).forEach((place) => {
    const [x, y] = projection([place.lon, place.lat]) || [NaN, NaN];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const mark = svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: radius(place.mentions, most).toFixed(1),
      fill: place.colour, class: `place${place.entity === selected ? " selected" : ""}`,
      tabindex: 0, "data-entity": place.entity });
    mark.append(svg("title", {}, describe(place)));
    mark.addEventListener("click", () => onPlace && onPlace(place));
    mark.addEventListener("keydown", (event) => { if (event.key === "Enter" && onPlace) onPlace(place); });
    markers.append(mark);
    const box = { x: x + radius(place.mentions, most) + 2, y: y - 8, w: 7 * nameOf(place).length, h: 14 };
    if ((taken.length < LABELS && free(box)) || place.entity === selected) {
      taken.push(box);
      labels.append(svg("text", { x: box.x.toFixed(1), y: (y + 4).toFixed(1) }, nameOf(place)));
    }
  });
  map.append(markers, labels);
  zoomable(map, width, height);
  container.replaceChildren(map);
  return data;
}

// The panel of one place: the articles naming it and the events told there.
export async function showPlace(container, id, selection) {
  const data = await api(`/api/places/${encodeURIComponent(id)}`, selection);
  const events = data.events.map((e) => eventLine(e));
  const articles = data.documents.map((d) => el("li", {},
    el("a", { href: `#doc/${encodeURIComponent(d.key)}?pane=map`, text: d.title || d.key }),
    el("span", { class: "by", text: ` ${d.published || "undated"} · ${d.mentions} mention(s)` })));
  container.replaceChildren(
    el("h2", { class: "place-name" }, data.place.name, " ",
      el("span", { class: `badge t-${data.place.type}`, text: data.place.type })),
    el("p", { class: "meta" }, entityLink(data.place.id, "the place as an entity", data.place.type)),
    el("section", { class: "block" }, el("h3", { text: `Events told there (${events.length})` }),
      events.length ? el("ul", { class: "items" }, events) : el("p", { class: "empty", text: "none found" })),
    el("section", { class: "block" }, el("h3", { text: `Articles (${articles.length})` }),
      el("ul", { class: "items" }, articles)));
  return data;
}
