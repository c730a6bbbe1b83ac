// An entity's timeline: its events per month stacked by PLOVER category (coloured from
// cooperation to conflict), its quotes per month as a second track below. Dragging across the
// months (or clicking one) picks a range; onRange(from, to) receives it as YYYY-MM strings.
// Events with no date, of their own or their article's, stand in an "undated" column.

const SVG_NS = "http://www.w3.org/2000/svg";
const WIDTH = 640;
const BARS = 110;     // height of the event track
const QUOTES = 26;    // height of the quote track
const UNDATED = "undated";
const LEFT = 48;      // room for the track names

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

// Every month from the first to the last (gaps included, so time reads evenly), then "undated".
function months(keys) {
  const dated = keys.filter((k) => k !== UNDATED).sort();
  const all = [];
  if (dated.length) {
    let [y, m] = dated[0].split("-").map(Number);
    const [lastY, lastM] = dated[dated.length - 1].split("-").map(Number);
    while (y < lastY || (y === lastY && m <= lastM)) {
      all.push(`${y}-${String(m).padStart(2, "0")}`);
      [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    }
  }
  if (keys.includes(UNDATED)) all.push(UNDATED);
  return all;
}

export function inRange(date, range) {
  if (!range || !range.from) return true;
  if (!date) return false;
  const month = String(date).slice(0, 7);
  return month >= range.from && month <= (range.to || range.from);
}

export function timelineChart({ events, quotes, range, onRange }) {
  const byMonth = new Map();
  const cell = (month) => {
    const key = month || UNDATED;
    if (!byMonth.has(key)) byMonth.set(key, { actions: new Map(), quotes: 0 });
    return byMonth.get(key);
  };
  const colours = new Map();
  for (const row of events) {
    const actions = cell(row.month).actions;
    actions.set(row.action, (actions.get(row.action) || 0) + row.events);
    colours.set(row.action, row.colour);
  }
  // PLOVER order by tone: cooperation at the bottom of a bar, conflict on top
  const order = [...new Map(events.map((row) => [row.action, row.tone])).entries()]
    .sort((a, b) => b[1] - a[1]).map(([action]) => action);
  for (const row of quotes) cell(row.month === UNDATED ? null : row.month).quotes += row.quotes;
  const columns = months([...byMonth.keys()]);
  if (!columns.length) return null;
  const step = Math.min((WIDTH - LEFT) / columns.length, 48);  // a few months need not fill the width
  const top = Math.max(1, ...columns.map((m) => [...(byMonth.get(m)?.actions.values() || [])].reduce((a, b) => a + b, 0)));
  const most = Math.max(1, ...columns.map((m) => byMonth.get(m)?.quotes || 0));
  const chart = svg("svg", { viewBox: `0 0 ${WIDTH} ${BARS + QUOTES + 22}`, class: "timeline",
                             role: "img", "aria-label": "events and quotes per month" });
  const picked = svg("rect", { class: "brush", y: 0, height: BARS + QUOTES, width: 0, x: 0 });
  const span = LEFT + step * columns.length;  // the columns' width: the brush maps pointer x into it
  chart.append(picked);
  columns.forEach((month, i) => {
    const data = byMonth.get(month);
    const x = LEFT + i * step;
    let y = BARS;
    for (const action of order) {
      const n = data?.actions.get(action);
      if (!n) continue;
      const h = (n / top) * (BARS - 4);
      y -= h;
      const bar = svg("rect", { x: (x + step * 0.12).toFixed(1), y: y.toFixed(1), width: (step * 0.76).toFixed(1),
                                height: h.toFixed(1), fill: colours.get(action), class: "bar-event" });
      bar.append(svg("title", {}, `${month}: ${n} ${action.toLowerCase()}`));
      chart.append(bar);
    }
    if (data?.quotes) {
      const dot = svg("circle", { cx: (x + step / 2).toFixed(1), cy: BARS + QUOTES / 2,
                                  r: (2 + 8 * Math.sqrt(data.quotes / most)).toFixed(1), class: "quote-dot" });
      dot.append(svg("title", {}, `${month}: ${data.quotes} quote(s)`));
      chart.append(dot);
    }
    const label = columns.length <= 12 || i % Math.ceil(columns.length / 12) === 0 || month === UNDATED;
    if (label) chart.append(svg("text", { x: (x + step / 2).toFixed(1), y: BARS + QUOTES + 16, class: "tick" }, month));
  });
  chart.append(svg("line", { x1: LEFT, x2: span, y1: BARS, y2: BARS, class: "axis" }),
    svg("text", { x: 2, y: BARS - 4, class: "track" }, `${top} events`),
    svg("text", { x: 2, y: BARS + QUOTES / 2 + 4, class: "track" }, "quotes"));
  // brushing: the months between the press and the release
  const at = (event) => {
    const box = chart.getBoundingClientRect();
    const i = Math.floor(((event.clientX - box.left) / box.width * WIDTH - LEFT) / step);
    return Math.max(0, Math.min(columns.length - 1, i));
  };
  const show = (a, b) => {
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    picked.setAttribute("x", (LEFT + lo * step).toFixed(1));
    picked.setAttribute("width", ((hi - lo + 1) * step).toFixed(1));
  };
  let start = null;
  chart.addEventListener("pointerdown", (event) => { start = at(event); show(start, start); chart.setPointerCapture(event.pointerId); });
  chart.addEventListener("pointermove", (event) => { if (start !== null) show(start, at(event)); });
  chart.addEventListener("pointerup", (event) => {
    if (start === null) return;
    const picks = [columns[start], columns[at(event)]].filter((m) => m !== UNDATED).sort();
    start = null;
    if (picks.length && onRange) onRange(picks[0], picks[picks.length - 1]);
  });
  if (range && range.from) {
    const lo = columns.indexOf(range.from);
    const hi = columns.indexOf(range.to || range.from);
    if (lo >= 0 && hi >= 0) show(lo, hi);
  }
  return chart;
}
