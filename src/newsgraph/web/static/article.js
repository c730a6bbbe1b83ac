// The article view: the text, escaped, with every entity mention and fact highlighted; the
// sentence of the fact that was clicked is marked and scrolled into view.
import { api, el, entityLink, eventLine, factHash } from "./dom.js";

const FACT_KINDS = ["quotes", "figures", "events", "relations"];
const SINGULAR = { quotes: "quote", figures: "figure", events: "event", relations: "relation" };

// Offsets count Unicode code points (Python str); JavaScript strings count UTF-16 units,
// so the text is split into code points before slicing.
function spansOf(view) {
  const spans = view.mentions.map((m) => ({ kind: "entity", start: m.start, end: m.end, item: m }));
  for (const kind of FACT_KINDS) {
    for (const fact of view[kind]) {
      if (fact.start !== null && fact.end !== null) spans.push({ kind: SINGULAR[kind], start: fact.start, end: fact.end, item: fact });
    }
  }
  return spans;
}

// The sentence around [start, end): from after the previous sentence end to the next one.
export function sentenceAround(chars, start, end) {
  const isEnd = (i) => /[.!?\n]/.test(chars[i]) && (i + 1 >= chars.length || /[\s"”’)\]]/.test(chars[i + 1]));
  let from = Math.max(0, Math.min(start, chars.length));
  while (from > 0 && !isEnd(from - 1)) from -= 1;
  while (from < start && /\s/.test(chars[from])) from += 1;
  let to = Math.min(Math.max(end, from), chars.length);
  if (to > from && isEnd(to - 1)) return [from, to];  // the fact ends its sentence
  while (to < chars.length && !isEnd(to)) to += 1;
  return [from, Math.min(to + 1, chars.length)];
}

function describe(span) {
  const item = span.item;
  if (span.kind === "entity") return `${item.name} (${item.type})`;
  if (span.kind === "quote") return `quote${item.speaker ? " by " + item.speaker : ""}`;
  if (span.kind === "figure") return `figure: ${item.text}${item.subject ? " — " + item.subject : ""}`;
  if (span.kind === "event") return `${item.action}: ${item.actor || "?"} → ${item.target || "?"}`;
  return `${item.subject || "?"} ${item.predicate} ${item.object || "?"}`;
}

function segment(chars, a, b, covering, focus) {
  const node = el("span", { class: "seg", text: chars.slice(a, b).join("") });
  for (const span of covering) {
    node.classList.add(`hl-${span.kind}`);
    if (span.kind === "entity") node.classList.add(`t-${span.item.type}`);
  }
  if (focus && a >= focus.sentence[0] && b <= focus.sentence[1]) node.classList.add("focus");
  if (focus && a >= focus.fact[0] && b <= focus.fact[1]) node.classList.add("focus-fact");
  if (covering.length) {
    node.title = covering.map(describe).join("\n");
    const innermost = covering.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
    node.dataset.kind = innermost.kind;
    node.addEventListener("click", () => {
      window.location.hash = innermost.kind === "entity"
        ? `#entity/${encodeURIComponent(innermost.item.entity)}` : factHash(innermost.item);
    });
  }
  return node;
}

function renderText(text, spans, focus) {
  const chars = Array.from(text);
  const cuts = new Set([0, chars.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  if (focus) focus.sentence.concat(focus.fact).forEach((c) => cuts.add(c));
  const points = [...cuts].filter((c) => c >= 0 && c <= chars.length).sort((x, y) => x - y);
  const body = el("div", { id: "article-text", class: "article-text" });
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    body.append(covering.length || focus ? segment(chars, a, b, covering, focus)
      : document.createTextNode(chars.slice(a, b).join("")));
  }
  return { body, chars };
}

function factList(view) {
  const rows = [];
  for (const kind of FACT_KINDS) {
    for (const fact of view[kind]) {
      rows.push(el("li", {}, el("a", { href: factHash(fact), class: `fact ${SINGULAR[kind]}`,
        text: describe({ kind: SINGULAR[kind], item: fact }) })));
    }
  }
  return rows.length ? el("details", {}, el("summary", { text: `${rows.length} facts in this article` }),
    el("ul", { class: "facts" }, rows)) : null;
}

// The article's events in time order: their own date, else the article's; undated ones last.
function datedEvents(events) {
  if (!events.length) return null;
  const when = (e) => e.date || e.published || "~";
  const rows = [...events].sort((x, y) => when(x).localeCompare(when(y)) || x.start - y.start)
    .map((e) => eventLine(e, e.date || (e.published ? `${e.published} (article)` : "undated")));
  return el("details", { class: "article-events", open: true },
    el("summary", { text: `Events in time order (${rows.length})` }), el("ol", { class: "items" }, rows));
}

export async function showArticle(container, docId, start, end) {
  const view = await api(`/api/documents/${encodeURIComponent(docId)}`);
  const doc = view.document;
  const chars = Array.from(doc.text);
  const focus = Number.isInteger(start) && Number.isInteger(end)
    ? { fact: [start, end], sentence: sentenceAround(chars, start, end) } : null;
  const { body } = renderText(doc.text, spansOf(view), focus);
  // relations span whole sentences: they are listed and clickable, but not tinted
  const keys = ["entity", "quote", "figure", "event"].map((k) =>
    el("span", { class: `key hl-${k}`, text: k }));
  const people = [...new Map(view.mentions.map((m) => [m.entity, m])).values()]
    .slice(0, 40).map((m) => entityLink(m.entity, m.name, m.type));
  container.replaceChildren(
    el("h2", { text: doc.title || doc.origin || doc.key }),
    el("p", { class: "meta" }, [doc.published, doc.source, doc.caller_id ? `id ${doc.caller_id}` : null,
      `${doc.n_chars} characters`].filter(Boolean).join(" · "),
      doc.url && /^https?:\/\//.test(doc.url) ? el("a", { href: doc.url, rel: "noopener noreferrer", text: " source" }) : null),
    el("p", { class: "keys" }, keys),
    el("p", { class: "names" }, people.flatMap((a, i) => (i ? [" · ", a] : [a]))),
    factList(view),
    datedEvents(view.events),
    body);
  const target = body.querySelector(".focus-fact") || body.querySelector(".focus");
  if (target) target.scrollIntoView({ block: "center" });
  const [from, to] = focus ? focus.sentence : [0, 0];
  const actors = view.mentions.filter((m) => m.start >= from && m.end <= to).map((m) => m.entity);
  return { view, actors: [...new Set(actors)] };
}
