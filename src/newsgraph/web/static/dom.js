// DOM helpers. Text from the database only ever enters the page through textContent or
// setAttribute, never as markup, so an article containing <script> shows it as text.

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export async function api(path, params = {}) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!body.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

export function status(message) {
  const box = document.getElementById("status");
  box.textContent = message || "";
  box.hidden = !message;
}

export function entityLink(id, name, type) {
  if (!id) return el("span", { class: "unknown", text: name || "—" });
  return el("a", { href: `#entity/${encodeURIComponent(id)}`, class: `entity t-${type || "OTHER"}`,
                   text: name || id });
}

// The hash that opens a fact's sentence in the article view.
export function factHash(fact) {
  return `#doc/${encodeURIComponent(fact.doc)}/${fact.start}/${fact.end}`;
}

// One event as a list item: when, its PLOVER action (coloured by tone), actor → target, trigger.
export function eventLine(e, when = e.date || e.published || "undated") {
  const action = el("a", { href: factHash(e), class: "fact event action", title: e.trigger, text: e.action });
  if (e.colour) action.style.backgroundColor = e.colour;  // CSSOM, which the page's CSP allows
  return el("li", { class: `event${e.negated ? " negated" : ""}` },
    el("time", { text: when }), " ", action, " ",
    entityLink(e.actor_id, e.actor || "?"), " → ", entityLink(e.target_id, e.target || "?"),
    el("span", { class: "by", text: ` “${e.trigger}”` }));
}

export const TYPE_COLOURS = {
  PERSON: "#3b6fb6", ORG: "#8e5cc2", IGO: "#c2587f", COUNTRY: "#d9822b", REGION: "#b59a2c",
  CITY: "#4f9d8a", LOCATION: "#6c9a3f", GROUP: "#a05a3c", OTHER: "#7d7d7d",
};
