// dateline web UI: map, timeline, filters, event panel with highlighted evidence, story briefs,
// live updates by polling /api/status.  Plain DOM, no framework; the basemap is bundled.
import { feature } from "topojson-client";
import world from "world-atlas/countries-110m.json";

const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const ACLED = ["Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
  "Strategic developments"];
const FACTUALITY = ["asserted", "reported", "alleged", "denied", "threatened", "planned", "hypothetical", "negated"];
const COLORS = { ASSAULT: "#c92a2a", COERCE: "#e8590c", PROTEST: "#f08c00", THREATEN: "#9c36b5",
  ACCUSE: "#862e9c", MOBILIZE: "#5f3dc4", SANCTION: "#364fc7" };
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 100;

const $ = (id) => document.getElementById(id);
const state = {
  events: [], total: 0, offset: 0, selected: null, generation: null, view: [0, 0, 360, 180],
  seq: 0, // the newest reload; answers to older ones are dropped (a slow answer never overwrites a newer one)
  mapSeq: 0, // the newest map request (the map also reloads alone on pan and zoom)
  map: null, zoom: -1, cluster: null, located: null,
};
// URL parameter <-> form control, for the filter state in the address bar
const FIELDS = [["q", "f-q"], ["date_from", "f-from"], ["date_to", "f-to"], ["event_type", "f-type"],
  ["acled_event_type", "f-acled"], ["sub_event_type", "f-sub"], ["factuality", "f-fact"], ["country", "f-country"],
  ["actor", "f-actor"], ["min_dead", "f-dead"]];
class Stale extends Error {}

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.setAttribute("class", v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

async function api(path, seq = null) {
  const resp = await fetch(path, { headers: { Accept: "application/json" } });
  if (seq !== null && seq !== state.seq) throw new Stale("superseded by a newer request");
  if (!resp.ok) {
    let detail = resp.statusText;
    try { detail = (await resp.json()).detail || detail; } catch { /* not JSON */ }
    throw new Error(`${resp.status}: ${detail}`);
  }
  return resp;
}

// JSON of a request made for reload number `seq`; throws Stale when a newer reload began meanwhile
async function getJson(path, seq) {
  const data = await (await api(path, seq)).json();
  if (seq !== state.seq) throw new Stale("superseded by a newer request");
  return data;
}

// ---------- filters ----------
function fillSelect(id, values) {
  const sel = $(id);
  for (const v of values) sel.append(el("option", { value: v }, v));
}

function filterParams({ withDates = true, withBox = true } = {}) {
  const p = new URLSearchParams();
  const add = (name, id) => { const v = $(id).value.trim(); if (v) p.append(name, v); };
  for (const [name, id] of FIELDS) {
    if (!withDates && (name === "date_from" || name === "date_to")) continue;
    if (name === "country") {
      // "Turkey, SY" means either: one repeated parameter per country
      for (const c of $(id).value.split(/[,;]/).map((x) => x.trim()).filter(Boolean)) p.append("country", c);
    } else add(name, id);
  }
  if ($("f-hist").checked) p.set("historical", "true");
  if (state.located !== null) p.set("located", String(state.located));
  if (withBox) {
    if (state.cluster) p.set("bbox", state.cluster.bbox.map((x) => x.toFixed(4)).join(","));
    else if ($("f-bbox").checked) p.set("bbox", viewBbox().map((x) => x.toFixed(3)).join(","));
  }
  return p;
}

function writeUrl() {
  const p = filterParams({ withBox: false });
  if ($("f-bbox").checked) p.set("in_view", "1");
  if (state.view[2] < 360) p.set("view", state.view.map((x) => +x.toFixed(2)).join(","));
  if (state.selected) p.set("event", state.selected);
  const qs = p.toString();
  history.replaceState(null, "", qs ? "?" + qs : location.pathname);
}

function readUrl() {
  const p = new URLSearchParams(location.search);
  for (const [name, id] of FIELDS) {
    const vals = p.getAll(name);
    if (vals.length) $(id).value = name === "country" ? vals.join(", ") : vals[0];
  }
  $("f-hist").checked = p.get("historical") === "true";
  $("f-bbox").checked = p.get("in_view") === "1";
  if (p.has("located")) state.located = p.get("located") === "true";
  const v = (p.get("view") || "").split(",").map(Number);
  if (v.length === 4 && v.every(Number.isFinite)) state.view = v;
  return p.get("event");
}

function exportLinks() {
  for (const fmt of ["jsonl", "csv", "parquet", "geojson"]) {
    const p = filterParams();
    p.set("format", fmt);
    $("x-" + fmt).setAttribute("href", "api/export?" + p);
  }
}

// ---------- map ----------
const project = ([lon, lat]) => [lon + 180, 90 - lat];

function ringPath(ring) {
  let d = "";
  let prev = null;
  for (const pt of ring) {
    const [x, y] = project(pt);
    // break the line where a ring jumps across the antimeridian
    d += (prev === null || Math.abs(x - prev) > 180 ? "M" : "L") + x.toFixed(2) + "," + y.toFixed(2);
    prev = x;
  }
  return d + "Z";
}

function drawBasemap() {
  const svg = $("map");
  const land = feature(world, world.objects.countries);
  const g = el("svg:g", { class: "basemap", "aria-hidden": "true" });
  for (const f of land.features) {
    const geom = f.geometry;
    if (!geom) continue;
    const polys = geom.type === "Polygon" ? [geom.coordinates] : geom.coordinates;
    const d = polys.map((poly) => poly.map(ringPath).join("")).join("");
    g.append(el("svg:path", { class: "land", d }, el("svg:title", {}, f.properties?.name || "")));
  }
  svg.append(g, el("svg:g", { id: "points" }));
}

function setView(v, { fetch = true } = {}) {
  const [x, y, w, h] = v;
  const W = Math.min(360, Math.max(0.05, w));
  const H = W / 2;
  const cx = x + w / 2, cy = y + h / 2;
  state.view = [Math.min(360 - W, Math.max(0, cx - W / 2)), Math.min(180 - H, Math.max(0, cy - H / 2)), W, H];
  $("map").setAttribute("viewBox", state.view.join(" "));
  drawPoints();
  if (fetch && mapZoom() !== state.zoom) loadMap(state.seq).catch(() => {});
}

function mapZoom() {
  return Math.max(0, Math.min(14, Math.round(Math.log2(360 / state.view[2]))));
}

function zoom(factor) {
  const [x, y, w, h] = state.view;
  setView([x + (w - w / factor) / 2, y + (h - h / factor) / 2, w / factor, h / factor]);
  if ($("f-bbox").checked) reload();
  else writeUrl();
}

function pan(dx, dy) {
  const [x, y, w, h] = state.view;
  setView([x + dx * w, y + dy * h, w, h], { fetch: false });
}

function viewBbox() {
  const [x, y, w, h] = state.view;
  return [x - 180, 90 - (y + h), x + w - 180, 90 - y];
}

// Marker radius in screen pixels: by fatalities (area ∝ dead), at least a small dot.
const R_MIN = 8, R_MAX = 24;
function radiusPx(dead, maxDead) {
  if (!dead || !maxDead) return R_MIN;
  return R_MIN + (R_MAX - R_MIN) * Math.sqrt(dead / maxDead);
}

function drawLegend(m) {
  const box = $("legend");
  if (!m) { box.replaceChildren(); return; }
  const steps = m.max_dead > 0 ? [0, Math.max(1, Math.round(m.max_dead / 4)), m.max_dead] : [0];
  const items = [...new Set(steps)].map((d) => {
    const r = radiusPx(d, m.max_dead);
    return el("span", { class: "lg" }, el("svg:svg", { width: 2 * R_MAX + 2, height: 2 * r + 2, "aria-hidden": "true" },
      el("svg:circle", { cx: R_MAX + 1, cy: r + 1, r, fill: d ? "#c92a2a" : "#0b5cad", opacity: 0.8 })), `${d} dead`);
  });
  box.replaceChildren(el("strong", {}, "Size: fatalities"), ...items, el("span", {}, "number: events"));
}

function drawPoints() {
  const g = $("points");
  if (!g) return;
  g.replaceChildren();
  const m = state.map;
  if (!m) return;
  const unit = state.view[2] / Math.max(1, $("map").clientWidth || 720); // map units per screen pixel
  // the largest markers first, so smaller ones (and their counts) stay visible on top
  const order = m.clusters.slice().sort((a, b) => b.dead - a.dead || b.count - a.count);
  for (const c of order) {
    const [cx, cy] = project([c.lon, c.lat]);
    const r = radiusPx(c.dead, m.max_dead) * unit;
    const label = `${c.count} event${c.count === 1 ? "" : "s"}${c.place ? " in " + c.place : ""}, ${c.dead} dead`;
    const dot = el("svg:circle", {
      cx, cy, r, fill: c.dead ? "#c92a2a" : "#0b5cad", class: "cl", tabindex: "0", role: "button",
      "aria-label": label, "data-count": c.count, "data-place": c.place || "",
      onclick: () => openCluster(c),
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); openCluster(c); } },
    }, el("svg:title", {}, label + " (click to list them)"));
    g.append(dot);
    if (c.count > 1) g.append(el("svg:text", { x: cx, y: cy, class: "cl-n", "font-size": 11 * unit, "stroke-width": 2 * unit }, String(c.count)));
  }
}

function openCluster(c) {
  // list exactly the cluster's events (its box, a little padded); zoom in when it spans several points
  const pad = 1e-4;
  state.cluster = { bbox: [c.bbox[0] - pad, c.bbox[1] - pad, c.bbox[2] + pad, c.bbox[3] + pad],
    label: `${c.place || "this area"} (${c.count})` };
  // centre the map on the cluster; zoom in to its extent (never out)
  const [x0, y1] = project([c.bbox[0], c.bbox[1]]), [x1, y0] = project([c.bbox[2], c.bbox[3]]);
  const w = Math.min(state.view[2], c.one_point ? state.view[2] / 2 : Math.max(x1 - x0, (y1 - y0) * 2) * 1.6 + 0.5);
  setView([(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - w / 4, w, w / 2], { fetch: false });
  reload();
}

function drawChips() {
  const chips = [];
  if (state.cluster) chips.push(el("span", { class: "chip" }, `Map cluster: ${state.cluster.label} `,
    el("button", { type: "button", "aria-label": "Show all map areas", onclick: () => { state.cluster = null; reload(); } }, "✕")));
  if (state.located === false) chips.push(el("span", { class: "chip" }, "Only events without coordinates ",
    el("button", { type: "button", "aria-label": "Show events with and without coordinates", onclick: () => { state.located = null; reload(); } }, "✕")));
  $("chips").replaceChildren(...chips);
}

function drawMapSummary(m) {
  const box = $("map-summary");
  if (!m) { box.replaceChildren(); return; }
  const parts = [`${m.total} matching event${m.total === 1 ? "" : "s"}, ${m.fatalities} dead · ${m.located} on the map in ${m.clusters.length} cluster${m.clusters.length === 1 ? "" : "s"}${m.in_view < m.located ? ` (${m.in_view} in view)` : ""}`];
  const nodes = [parts[0]];
  if (m.unlocated) {
    const names = m.unlocated_places.filter((p) => p.name).slice(0, 3).map((p) => p.name).join(", ");
    nodes.push(" · ", el("button", { type: "button", id: "unlocated", onclick: () => { state.located = false; state.cluster = null; reload(); } },
      `${m.unlocated} without coordinates`), names ? ` (${names}${m.unlocated_places.length > 3 ? ", …" : ""})` : "");
  }
  box.replaceChildren(...nodes);
}

async function loadMap(seq) {
  const p = filterParams({ withBox: false });
  if (state.located === false) { state.map = null; drawPoints(); }
  const z = mapZoom();
  p.set("zoom", z);
  if (z >= 3) {
    // only the clusters in (a margin around) the view
    const [a, b, c, d] = viewBbox();
    const mw = (c - a) / 2, mh = (d - b) / 2;
    p.set("view", [Math.max(-180, a - mw), Math.max(-90, b - mh), Math.min(180, c + mw), Math.min(90, d + mh)].map((x) => x.toFixed(3)).join(","));
  }
  const mine = ++state.mapSeq;
  const m = await getJson("api/map?" + p, seq);
  if (mine !== state.mapSeq) throw new Stale("superseded by a newer map request");
  state.map = m;
  state.zoom = z;
  drawPoints();
  drawLegend(m);
  drawMapSummary(m);
}

function wireMap() {
  const svg = $("map");
  let drag = null;
  svg.addEventListener("pointerdown", (e) => { if (e.target.classList.contains("cl")) return; drag = { x: e.clientX, y: e.clientY, moved: false }; svg.setPointerCapture(e.pointerId); });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const dx = (drag.x - e.clientX) / rect.width, dy = (drag.y - e.clientY) / rect.height;
    if (Math.abs(dx) + Math.abs(dy) < 0.002) return;
    drag = { x: e.clientX, y: e.clientY, moved: true };
    pan(dx, dy);
  });
  svg.addEventListener("pointerup", () => {
    if (drag?.moved) { if ($("f-bbox").checked) reload(); else { loadMap(state.seq).catch(() => {}); writeUrl(); } }
    drag = null;
  });
  svg.addEventListener("wheel", (e) => { e.preventDefault(); zoom(e.deltaY < 0 ? 1.25 : 0.8); }, { passive: false });
  svg.addEventListener("keydown", (e) => {
    const moves = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, -0.15], ArrowDown: [0, 0.15] };
    if (e.target !== svg) return;
    if (moves[e.key]) { e.preventDefault(); pan(...moves[e.key]); if ($("f-bbox").checked) reload(); else loadMap(state.seq).catch(() => {}); }
    else if (e.key === "+" || e.key === "=") zoom(1.5);
    else if (e.key === "-") zoom(1 / 1.5);
  });
  $("zoom-in").addEventListener("click", () => zoom(1.5));
  $("zoom-out").addEventListener("click", () => zoom(1 / 1.5));
  $("zoom-reset").addEventListener("click", () => { setView([0, 0, 360, 180]); if ($("f-bbox").checked) reload(); else writeUrl(); });
}

// ---------- timeline ----------
async function loadTimeline(seq) {
  const data = await getJson("api/timeline?interval=auto&" + filterParams({ withDates: false }), seq);
  drawTimeline(data);
}

function clearTimeline() {
  $("timeline").replaceChildren();
  $("tl-axis").replaceChildren();
  $("tl-summary").textContent = "";
}

function drawTimeline(data) {
  const svg = $("timeline");
  svg.replaceChildren();
  const per = { day: "day", week: "week", month: "month", year: "year" }[data.interval];
  $("tl-summary").replaceChildren(`· ${data.total} events, ${data.fatalities} dead${data.undated ? `, ${data.undated} undated` : ""} · per ${per} `,
    el("span", { class: "tl-key" }, el("span", { class: "bar" }), " events ", el("span", { class: "line" }), " fatalities"));
  const axis = $("tl-axis");
  axis.replaceChildren();
  if (!data.buckets.length) return;
  const day = (s) => Date.parse(s + "T00:00:00Z") / 86400000;
  const first = day(data.buckets[0].date), last = day(data.buckets[data.buckets.length - 1].end);
  const span = Math.max(1, last - first + 1);
  const max = Math.max(...data.buckets.map((b) => b.count));
  const maxDead = Math.max(...data.buckets.map((b) => b.dead));
  const from = $("f-from").value, to = $("f-to").value;
  const lines = [];
  let pts = [], prevEnd = null;
  for (const b of data.buckets) {
    const x0 = (day(b.date) - first) * 1000 / span, x1 = (day(b.end) - first + 1) * 1000 / span;
    const h = Math.max(2, (b.count / max) * 76);
    const inRange = (!from || b.end >= from) && (!to || b.date <= to) && (from || to);
    svg.append(el("svg:rect", {
      x: x0, y: 80 - h, width: Math.max(x1 - x0 - 1, 1.5), height: h, class: inRange ? "in" : null,
      onclick: () => { $("f-from").value = b.date; $("f-to").value = b.end; reload(); },
    }, el("svg:title", {}, `${b.date === b.end ? b.date : b.date + " – " + b.end}: ${b.count} event${b.count === 1 ? "" : "s"}, ${b.dead} dead (click to show them)`)));
    // the fatality line is broken where buckets are missing (no events), not drawn across the gap
    if (prevEnd !== null && day(b.date) - day(prevEnd) > 1) { lines.push(pts); pts = []; }
    prevEnd = b.end;
    if (maxDead) pts.push(`${((x0 + x1) / 2).toFixed(1)},${(78 - (b.dead / maxDead) * 74).toFixed(1)}`);
  }
  lines.push(pts);
  for (const line of lines) {
    if (line.length === 1) line.push(line[0].replace(/^([\d.]+)/, (x) => (+x + 2).toFixed(1)));
    if (line.length) svg.append(el("svg:polyline", { points: line.join(" ") }));
  }
  axis.append(el("span", {}, data.buckets[0].date), el("span", {}, `max ${max} events, ${maxDead} dead per ${per}`),
    el("span", {}, data.buckets[data.buckets.length - 1].end));
}

// ---------- facets ----------
const FACETS = [["country", "Country", "f-country"], ["admin1", "Region", null], ["actor", "Actor", "f-actor"],
  ["event_type", "PLOVER type", "f-type"], ["acled_sub_event_type", "ACLED sub-type", "f-sub"], ["factuality", "Factuality", "f-fact"]];

async function loadFacets(seq) {
  const data = await getJson("api/facets?limit=8&" + filterParams(), seq);
  const box = $("facets");
  const blocks = [el("h2", {}, "Breakdown")];
  for (const [key, title, input] of FACETS) {
    const values = data.facets[key] || [];
    if (!values.length) continue;
    blocks.push(el("h3", {}, title), el("ul", {}, ...values.map((v) => el("li", {}, el("button", {
      type: "button", disabled: input === null || v.value === null ? true : null, "data-facet": key, "data-value": v.value ?? "",
      onclick: () => { $(input).value = v.value; reload(); },
    }, el("span", {}, v.value ?? "not stated"), el("span", { class: "n" }, String(v.count)))))));
  }
  const subs = $("sub-types");
  subs.replaceChildren(...(data.facets.acled_sub_event_type || []).filter((v) => v.value).map((v) => el("option", { value: v.value })));
  box.replaceChildren(...blocks);
}

// ---------- event list ----------
function eventButton(ev) {
  const who = [ev.actors, ev.recipients].filter(Boolean).join(" → ");
  return el("li", {}, el("button", {
    type: "button", "data-id": ev.id, "aria-current": state.selected === ev.id ? "true" : null,
    onclick: () => openEvent(ev.id),
  }, el("span", {}, ev.date || "undated"),
  el("span", { class: `type t-${ev.event_type}` }, ev.event_type),
  el("span", {}, `${ev.location.name || "place not stated"}${who ? " · " + who : ""}`)));
}

async function loadEvents(seq, { append = false, keep = false } = {}) {
  const p = filterParams();
  // a live update reloads every page already shown, so the list does not shrink back to the first page
  const limit = keep ? Math.min(500, Math.max(PAGE, state.events.length)) : PAGE;
  p.set("limit", limit);
  p.set("offset", append ? state.events.length : 0);
  const page = await getJson("api/events?" + p, seq);
  const list = $("events-list");
  const scroll = keep ? [window.scrollX, window.scrollY, list.scrollTop] : null;
  state.total = page.total;
  state.events = append ? state.events.concat(page.items) : page.items;
  if (!append) list.replaceChildren();
  for (const ev of page.items) list.append(eventButton(ev));
  if (scroll) { window.scrollTo(scroll[0], scroll[1]); list.scrollTop = scroll[2]; }
  $("list-count").textContent = `· ${state.total} found${state.total > state.events.length ? `, ${state.events.length} shown` : ""}`;
  $("more").hidden = state.events.length >= state.total;
}

function clearResults(message) {
  state.events = [];
  state.total = 0;
  state.map = null;
  drawPoints();
  drawLegend(null);
  drawMapSummary(null);
  clearTimeline();
  $("facets").replaceChildren();
  $("list-count").textContent = "";
  $("more").hidden = true;
  $("events-list").replaceChildren(el("li", { class: "error", role: "alert" }, message));
}

async function reload({ keep = false } = {}) {
  const seq = ++state.seq;
  drawChips();
  exportLinks();
  writeUrl();
  try {
    await Promise.all([loadEvents(seq, { keep }), loadTimeline(seq), loadMap(seq), loadFacets(seq)]);
  } catch (err) {
    if (err instanceof Stale || seq !== state.seq) return; // a newer request owns the screen
    // an error leaves nothing of the previous answer on screen: it belonged to other filters
    clearResults(`Could not load events: ${err.message}`);
  }
}

// ---------- panel: event + article with evidence ----------
function highlighted(text, spans, trigger) {
  // spans: [{start, end, cls}] non-overlapping after sorting; returns nodes
  const parts = [];
  const cuts = spans.slice().sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of cuts) {
    if (s.start < pos || s.end <= s.start) continue;
    parts.push(text.slice(pos, s.start));
    const inner = [];
    if (trigger && trigger.start >= s.start && trigger.end <= s.end) {
      inner.push(text.slice(s.start, trigger.start), el("mark", { class: "trigger" }, text.slice(trigger.start, trigger.end)), text.slice(trigger.end, s.end));
    } else inner.push(text.slice(s.start, s.end));
    parts.push(el("mark", { class: "evidence-mark", "data-start": s.start, "data-end": s.end }, ...inner));
    pos = s.end;
  }
  parts.push(text.slice(pos));
  return parts;
}

function who(refs) {
  return refs.map((r) => r.name || r.text).filter(Boolean).join(", ") || "–";
}

async function openEvent(id) {
  state.selected = id;
  for (const b of document.querySelectorAll("#events-list button")) b.setAttribute("aria-current", b.dataset.id === id ? "true" : "false");
  writeUrl();
  const panel = $("panel");
  panel.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const ev = await (await api("api/events/" + encodeURIComponent(id))).json();
    const art = await (await api("api/articles/" + encodeURIComponent(ev.article_key))).json();
    if (state.selected !== id) return; // another event was opened meanwhile
    const nums = [["dead", ev.dead], ["injured", ev.injured], ["arrested", ev.arrested]].filter(([, v]) => v !== null).map(([k, v]) => `${v} ${k}`).join(", ");
    const trig = ev.trigger_start !== null && ev.trigger_end !== null ? { start: ev.trigger_start, end: ev.trigger_end } : null;
    const textNode = el("div", { class: "article-text", id: "article-text" }, ...highlighted(art.text, ev.evidence, trig));
    panel.replaceChildren(
      el("h2", { id: "event-title" }, el("span", { class: `type t-${ev.event_type}` }, ev.event_type), ev.mode ? ` (${ev.mode})` : "", ` · ${ev.date || "undated"}`),
      el("dl", {},
        el("dt", {}, "Where"), el("dd", {}, ev.location.name || "not stated", ev.location.country ? ` (${ev.location.country})` : ""),
        el("dt", {}, "Who"), el("dd", {}, who(ev.actor)),
        el("dt", {}, "Against"), el("dd", {}, who(ev.recipient)),
        el("dt", {}, "ACLED"), el("dd", {}, [ev.acled_event_type, ev.acled_sub_event_type].filter(Boolean).join(" / ") || "–"),
        el("dt", {}, "CAMEO"), el("dd", {}, ev.cameo || "–"),
        el("dt", {}, "Numbers"), el("dd", {}, nums || "not stated"),
        el("dt", {}, "Factuality"), el("dd", {}, ev.factuality + (ev.attributed_to ? ` (according to ${ev.attributed_to})` : "") + (ev.historical ? ", background" : "")),
        el("dt", {}, "Confidence"), el("dd", {}, ev.confidence !== null ? ev.confidence.toFixed(2) : "–"),
        el("dt", {}, "Source"), el("dd", {}, art.title || art.id, art.published ? `, ${art.published}` : "", art.source ? ` · ${art.source}` : ""),
      ),
      el("h3", {}, "Evidence"),
      ...ev.evidence.map((s) => el("blockquote", { class: "evidence" }, s.text)),
      el("h3", {}, "In the article"),
      textNode,
    );
    panel.focus({ preventScroll: true });
    textNode.querySelector("mark")?.scrollIntoView({ block: "center" });
  } catch (err) {
    panel.replaceChildren(el("p", { class: "error" }, `Could not open the event: ${err.message}`));
  }
}

async function openCitation(articleId, start, end, sentence) {
  const panel = $("panel");
  try {
    const art = await (await api("api/articles/" + encodeURIComponent(articleId))).json();
    let s = Number.isFinite(start) ? start : -1, e = Number.isFinite(end) ? end : -1;
    if ((s < 0 || e <= s) && sentence) { s = art.text.indexOf(sentence); e = s >= 0 ? s + sentence.length : -1; }
    const spans = s >= 0 && e > s ? [{ start: s, end: e }] : [];
    const textNode = el("div", { class: "article-text", id: "article-text" }, ...highlighted(art.text, spans, null));
    panel.replaceChildren(el("h2", {}, art.title || art.id),
      el("p", { class: "muted" }, [art.source, art.published].filter(Boolean).join(" · ")),
      spans.length ? el("blockquote", { class: "evidence" }, art.text.slice(s, e)) : el("p", { class: "muted" }, "The cited sentence could not be located in the stored text."),
      textNode);
    panel.focus({ preventScroll: true });
    textNode.querySelector("mark")?.scrollIntoView({ block: "center" });
  } catch (err) {
    panel.replaceChildren(el("p", { class: "error" }, `Could not open the source: ${err.message}`));
  }
}

// ---------- stories ----------
async function loadStories() {
  const list = $("stories-list");
  try {
    const data = await (await api("api/stories")).json();
    list.replaceChildren(...data.items.map((s) => el("li", {}, el("button", { type: "button", "data-story": s.id, onclick: () => openBrief(s.id) },
      s.title), el("span", { class: "muted" }, ` · ${s.n_articles} article${s.n_articles === 1 ? "" : "s"}, ${s.n_events} events`))));
    if (!data.items.length) list.replaceChildren(el("li", { class: "muted" }, "No stories yet."));
  } catch (err) {
    list.replaceChildren(el("li", { class: "error" }, `Could not load stories: ${err.message}`));
  }
}

async function openBrief(id) {
  const box = $("brief");
  try {
    const html = await (await fetch(`api/stories/${encodeURIComponent(id)}/brief?format=html`)).text();
    // The brief is HTML rendered and escaped by the server; scripts cannot run (CSP script-src 'self').
    const doc = new DOMParser().parseFromString(html, "text/html");
    box.replaceChildren(...doc.body.childNodes);
    box.querySelector("h2")?.setAttribute("tabindex", "-1");
    box.querySelector("h2")?.focus();
  } catch (err) {
    box.replaceChildren(el("p", { class: "error" }, `Could not load the brief: ${err.message}`));
  }
}

function wireBriefCitations() {
  $("brief").addEventListener("click", (e) => {
    const a = e.target.closest("a.cite");
    if (!a) return;
    e.preventDefault();
    openCitation(a.dataset.article, parseInt(a.dataset.start, 10), parseInt(a.dataset.end, 10), a.getAttribute("title"));
  });
}

// ---------- views, live updates ----------
function showView(name) {
  const events = name === "events";
  $("view-events").hidden = !events;
  $("view-stories").hidden = events;
  $("filters").hidden = !events;
  $("tab-events").setAttribute("aria-pressed", String(events));
  $("tab-stories").setAttribute("aria-pressed", String(!events));
  if (!events) loadStories();
}

async function poll() {
  try {
    const s = await (await api("api/status")).json();
    const text = `${s.articles} articles · ${s.events} events${s.rejected ? ` · ${s.rejected} not read` : ""}`;
    const changed = state.generation !== null && s.generation !== state.generation;
    state.generation = s.generation;
    $("status").textContent = changed ? `Updated: ${text}` : text;
    $("status").classList.toggle("flash", changed);
    if (changed) {
      await reload({ keep: true }); // keeps the loaded pages, the scroll position and the open event
      if (!$("view-stories").hidden) loadStories();
    }
  } catch {
    $("status").textContent = "Server unreachable; retrying…";
  }
}

function init() {
  fillSelect("f-type", PLOVER);
  fillSelect("f-acled", ACLED);
  fillSelect("f-fact", FACTUALITY);
  drawBasemap();
  wireMap();
  wireBriefCitations();
  $("filters").addEventListener("submit", (e) => { e.preventDefault(); reload(); });
  $("filters").addEventListener("change", (e) => { if (e.target.tagName === "SELECT" || e.target.type === "checkbox") reload(); });
  $("filters").addEventListener("reset", () => setTimeout(() => { state.cluster = null; state.located = null; reload(); }, 0));
  $("more").addEventListener("click", () => loadEvents(state.seq, { append: true }).catch((err) => { if (!(err instanceof Stale)) clearResults(`Could not load events: ${err.message}`); }));
  $("tab-events").addEventListener("click", () => showView("events"));
  $("tab-stories").addEventListener("click", () => showView("stories"));
  window.addEventListener("resize", drawPoints);
  const openId = readUrl();
  setView(state.view, { fetch: false });
  reload();
  if (openId) openEvent(openId);
  poll();
  setInterval(poll, 3000);
}

init();
