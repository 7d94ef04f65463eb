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
const state = { events: [], total: 0, offset: 0, selected: null, generation: null, view: [0, 0, 360, 180] };

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

async function api(path) {
  const resp = await fetch(path, { headers: { Accept: "application/json" } });
  if (!resp.ok) {
    let detail = resp.statusText;
    try { detail = (await resp.json()).detail || detail; } catch { /* not JSON */ }
    throw new Error(`${resp.status}: ${detail}`);
  }
  return resp;
}

// ---------- filters ----------
function fillSelect(id, values) {
  const sel = $(id);
  for (const v of values) sel.append(el("option", { value: v }, v));
}

function filterParams({ withDates = true } = {}) {
  const p = new URLSearchParams();
  const add = (name, id) => { const v = $(id).value.trim(); if (v) p.append(name, v); };
  add("q", "f-q");
  if (withDates) { add("date_from", "f-from"); add("date_to", "f-to"); }
  add("event_type", "f-type"); add("acled_event_type", "f-acled"); add("factuality", "f-fact");
  add("country", "f-country"); add("actor", "f-actor");
  if ($("f-bbox").checked) p.set("bbox", viewBbox().map((x) => x.toFixed(3)).join(","));
  return p;
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

function setView(v) {
  const [x, y, w, h] = v;
  const W = Math.min(360, Math.max(4, w));
  const H = W / 2;
  const cx = x + w / 2, cy = y + h / 2;
  state.view = [Math.min(360 - W, Math.max(0, cx - W / 2)), Math.min(180 - H, Math.max(0, cy - H / 2)), W, H];
  $("map").setAttribute("viewBox", state.view.join(" "));
  drawPoints();
}

function zoom(factor) {
  const [x, y, w, h] = state.view;
  setView([x + (w - w / factor) / 2, y + (h - h / factor) / 2, w / factor, h / factor]);
  if ($("f-bbox").checked) reload();
}

function pan(dx, dy) {
  const [x, y, w, h] = state.view;
  setView([x + dx * w, y + dy * h, w, h]);
}

function viewBbox() {
  const [x, y, w, h] = state.view;
  return [x - 180, 90 - (y + h), x + w - 180, 90 - y];
}

function drawPoints() {
  const g = $("points");
  if (!g) return;
  g.replaceChildren();
  const r = 5 * (state.view[2] / 360) * (360 / Math.max(1, $("map").clientWidth || 720)) * 2;
  for (const ev of state.events) {
    const { lat, lon } = ev.location;
    if (lat === null || lon === null) continue;
    const [cx, cy] = project([lon, lat]);
    const dot = el("svg:circle", {
      cx, cy, r: Math.max(r, 0.05), fill: COLORS[ev.event_type] || "#0b5cad",
      class: "ev" + (state.selected === ev.id ? " sel" : ""), "data-id": ev.id,
      onclick: () => openEvent(ev.id),
    }, el("svg:title", {}, `${ev.date || "undated"} ${ev.event_type} · ${ev.location.name || ""}`));
    g.append(dot);
  }
}

function wireMap() {
  const svg = $("map");
  let drag = null;
  svg.addEventListener("pointerdown", (e) => { if (e.target.classList.contains("ev")) return; drag = { x: e.clientX, y: e.clientY, moved: false }; svg.setPointerCapture(e.pointerId); });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const rect = svg.getBoundingClientRect();
    const dx = (drag.x - e.clientX) / rect.width, dy = (drag.y - e.clientY) / rect.height;
    if (Math.abs(dx) + Math.abs(dy) < 0.002) return;
    drag = { x: e.clientX, y: e.clientY, moved: true };
    pan(dx, dy);
  });
  svg.addEventListener("pointerup", () => { if (drag?.moved && $("f-bbox").checked) reload(); drag = null; });
  svg.addEventListener("wheel", (e) => { e.preventDefault(); zoom(e.deltaY < 0 ? 1.25 : 0.8); }, { passive: false });
  svg.addEventListener("keydown", (e) => {
    const moves = { ArrowLeft: [-0.15, 0], ArrowRight: [0.15, 0], ArrowUp: [0, -0.15], ArrowDown: [0, 0.15] };
    if (moves[e.key]) { e.preventDefault(); pan(...moves[e.key]); if ($("f-bbox").checked) reload(); }
    else if (e.key === "+" || e.key === "=") zoom(1.5);
    else if (e.key === "-") zoom(1 / 1.5);
  });
  $("zoom-in").addEventListener("click", () => zoom(1.5));
  $("zoom-out").addEventListener("click", () => zoom(1 / 1.5));
  $("zoom-reset").addEventListener("click", () => { setView([0, 0, 360, 180]); if ($("f-bbox").checked) reload(); });
}

// ---------- timeline ----------
async function loadTimeline() {
  const data = await (await api("api/timeline?" + filterParams({ withDates: false }))).json();
  const svg = $("timeline");
  svg.replaceChildren();
  $("tl-summary").textContent = `· ${data.total} events, ${data.undated} undated`;
  const axis = $("tl-axis");
  axis.replaceChildren();
  if (!data.buckets.length) return;
  const day = (s) => Date.parse(s + "T00:00:00Z") / 86400000;
  const first = day(data.buckets[0].date), last = day(data.buckets[data.buckets.length - 1].date);
  const span = Math.max(1, last - first + 1);
  const max = Math.max(...data.buckets.map((b) => b.count));
  const w = 1000 / span;
  const from = $("f-from").value, to = $("f-to").value;
  for (const b of data.buckets) {
    const h = Math.max(2, (b.count / max) * 76);
    const inRange = (!from || b.date >= from) && (!to || b.date <= to) && (from || to);
    svg.append(el("svg:rect", {
      x: (day(b.date) - first) * w, y: 80 - h, width: Math.max(w - 1, 1.5), height: h, class: inRange ? "in" : null,
      onclick: () => { $("f-from").value = b.date; $("f-to").value = b.date; reload(); },
    }, el("svg:title", {}, `${b.date}: ${b.count} event${b.count === 1 ? "" : "s"} (click to show that day)`)));
  }
  axis.append(el("span", {}, data.buckets[0].date), el("span", {}, data.buckets[data.buckets.length - 1].date));
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

async function loadEvents(append = false) {
  const p = filterParams();
  p.set("limit", PAGE);
  p.set("offset", append ? state.offset + PAGE : 0);
  const page = await (await api("api/events?" + p)).json();
  state.offset = page.offset;
  state.total = page.total;
  state.events = append ? state.events.concat(page.items) : page.items;
  const list = $("events-list");
  if (!append) list.replaceChildren();
  for (const ev of page.items) list.append(eventButton(ev));
  $("list-count").textContent = `· ${state.total} found${state.total > state.events.length ? `, ${state.events.length} shown` : ""}`;
  $("more").hidden = page.next_offset === null;
  drawPoints();
}

async function reload() {
  try {
    await Promise.all([loadEvents(), loadTimeline()]);
  } catch (err) {
    $("list-count").textContent = "";
    $("events-list").replaceChildren(el("li", { class: "error" }, `Could not load events: ${err.message}`));
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
  drawPoints();
  const panel = $("panel");
  panel.replaceChildren(el("p", { class: "muted" }, "Loading…"));
  try {
    const ev = await (await api("api/events/" + encodeURIComponent(id))).json();
    const art = await (await api("api/articles/" + encodeURIComponent(ev.article_key))).json();
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
      await reload();
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
  $("filters").addEventListener("reset", () => setTimeout(reload, 0));
  $("more").addEventListener("click", () => loadEvents(true));
  $("tab-events").addEventListener("click", () => showView("events"));
  $("tab-stories").addEventListener("click", () => showView("stories"));
  window.addEventListener("resize", drawPoints);
  reload();
  poll();
  setInterval(poll, 3000);
}

init();
