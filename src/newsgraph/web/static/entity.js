// The entity view: who it is (aliases, roles), what links it (relations), what it says and what
// is said about it (quotes), what is measured about it (figures, as claims), and what it does
// over time (events). Every fact links to its sentence in the article view.
import { api, el, entityLink, eventLine, factHash } from "./dom.js";
import { inRange, timelineChart } from "./timeline.js";

function section(title, items, total = items.length) {
  const count = total > items.length ? `${items.length} of ${total}` : `${items.length}`;
  return el("section", { class: "block" }, el("h3", { text: `${title} (${count})` }),
    items.length ? el("ul", { class: "items" }, items) : el("p", { class: "empty", text: "none found" }));
}

function source(fact) {
  return el("a", { href: factHash(fact), class: "source", title: "open the sentence in its article",
                   text: fact.title || fact.published || "article" });
}

function quoteItem(q) {
  return el("li", { class: "quote-item" },
    el("a", { href: factHash(q), class: `fact quote ${q.kind}`, title: "open the sentence" },
      q.kind === "direct" ? `“${q.text}”` : q.text),
    el("span", { class: "by" }, " — ", entityLink(q.speaker_id, q.speaker || "unattributed", "PERSON"),
      q.cue ? ` (${q.cue})` : ""));
}

function figureItem(f) {
  const what = [f.measure, f.subject ? `of ${f.subject}` : null, f.object ? `for ${f.object}` : null,
                f.time ? `(${f.time})` : null].filter(Boolean).join(" ");
  return el("li", {}, el("a", { href: factHash(f), class: "fact figure", text: f.text }),
    what ? ` ${what}` : "",
    el("span", { class: "claim" }, f.source ? ` — according to ${f.source}` : " — source not stated"));
}

function eventItem(e) {
  const item = eventLine(e);
  item.append(e.location ? ` in ${e.location}` : "", e.modality && e.modality !== "asserted" ? ` (${e.modality})` : "");
  return item;
}

// The same relation stated in many articles is one line, linked to its first statement.
function relationItems(relations) {
  const groups = new Map();
  for (const r of relations) {
    const key = [r.subject_id, r.predicate, r.object_id, r.negated].join("|");
    if (groups.has(key)) groups.get(key).times += 1;
    else groups.set(key, { first: r, times: 1 });
  }
  return [...groups.values()].map(({ first: r, times }) => el("li", {},
    entityLink(r.subject_id, r.subject), " ",
    el("a", { href: factHash(r), class: "fact relation", text: r.predicate.replaceAll("_", " ") }), " ",
    entityLink(r.object_id, r.object), r.negated ? " (negated)" : "", times > 1 ? ` (${times}×)` : ""));
}

function roleItem(r) {
  return el("li", {}, r.former ? "former " : "", r.title, r.of ? ` of ${r.of}` : "",
    r.times > 1 ? ` (${r.times}×)` : "");
}

// A contested claim: each side's value or polarity, who says it, and the sentences saying it.
function claimItem(group) {
  return el("li", { class: "claim-group" },
    el("strong", { text: `${group.what}` }), group.period ? ` (${group.period})` : "",
    el("ul", { class: "sides" }, group.sides.map((side) => {
      const claims = side.map((i) => group.claims[i]);
      const first = claims[0];
      const label = group.kind === "figure" ? first.text : first.polarity;
      return el("li", { class: "side" }, el("span", { class: "side-label", text: label }), " — ",
        claims.map((c) => el("a", { href: factHash(c), class: "fact claim-source",
                                    title: c.sentence, text: `${c.claimant || c.outlet} (${c.outlet}, ${c.date || "undated"}) ` })));
    })));
}

function stanceItem(s) {
  return el("li", {}, el("a", { href: `#entity/${encodeURIComponent(s.speaker)}`, class: "entity", text: s.speaker }),
    ` supports ${s.support}×, opposes ${s.oppose}×`,
    s.strongest_sentence ? el("span", { class: "by", text: ` “${s.strongest_sentence}”` }) : "");
}

// The entity view; `range` ({from, to} months) keeps only the dated facts within it, and
// onRange(from, to) is called when a range is brushed on the timeline (null, null: cleared).
export async function showEntity(container, id, { range = null, onRange = null } = {}) {
  const data = await api(`/api/entities/${encodeURIComponent(id)}`);
  const e = data.entity;
  const c = data.counts;
  const aliases = data.aliases.filter((a) => a !== e.name);
  const within = (fact) => inRange(fact.date || fact.time || fact.published, range);
  const timeline = data.events.filter(within).sort((x, y) =>
    String(x.date || x.published || "~").localeCompare(String(y.date || y.published || "~")));
  const chart = timelineChart({ events: data.events_over_time, quotes: data.quotes_over_time,
    range, onRange });
  const ranged = range && range.from ? el("p", { class: "range" },
    `Showing ${range.from}${range.to && range.to !== range.from ? ` to ${range.to}` : ""} only · `,
    el("button", { type: "button", class: "clear-range", text: "show all", onclick: () => onRange && onRange(null, null) }))
    : null;
  const quotesBy = data.quotes_by.filter(within);
  container.replaceChildren(...[
    el("h2", { class: "entity-name" }, e.name, " ", el("span", { class: `badge t-${e.type}`, text: e.type }),
      e.country ? el("span", { class: "badge", text: e.country }) : null),
    el("p", { class: "meta", text: `${c.mentions} mentions in ${c.documents} article(s) · ${c.quotes_by} quotes · `
      + `${c.figures} figures · ${c.events} events · ${c.relations} relations` }),
    el("p", { class: "aliases" }, el("strong", { text: "Also called: " }), aliases.join(", ") || "—"),
    chart ? el("figure", { class: "timeline-box" }, chart,
      el("figcaption", { text: "Events per month by PLOVER category (green: cooperation, red: conflict); "
        + "circles: quotes. Drag across months to keep only that range." })) : null,
    ranged,
    section("Roles", data.roles.map(roleItem)),
    section("Relations", relationItems(data.relations)),
    section(`Quotes by ${e.name}`, quotesBy.map(quoteItem), range ? quotesBy.length : c.quotes_by),
    section(`Quotes about ${e.name}`, data.quotes_about.filter(within).map(quoteItem)),
    section("Figures (claims)", data.figures.filter(within).map(figureItem), range ? undefined : c.figures),
    section("Events timeline", timeline.map(eventItem), range ? timeline.length : c.events),
    data.contested_claims.length ? section("Contested claims", data.contested_claims.map(claimItem)) : null,
    data.stance_toward.length ? section(`Who speaks for and against ${e.name}`, data.stance_toward.map(stanceItem)) : null,
    section("Appears with", data.co_actors.map((a) =>
      el("li", {}, el("a", { href: `#entity/${encodeURIComponent(a.name)}`, class: `entity t-${a.type}`, text: a.name }),
        ` (${a.shared_articles} shared article${a.shared_articles === 1 ? "" : "s"})`)))].filter(Boolean));
  return data;
}
