// The live dashboard (/), a page rendered once by the server and then kept up to date from the browser: the map
// (MapView.razor.js), the side panel's sorting, filtering and rows, the alerts, and the layout's theme and menu
// buttons (this page has no circuit to handle them). Updates arrive from the hub as dashboardUpdate messages: a
// crossing's marker and its panel row, formatted by the server. Nothing is polled.

import { getTheme, prefersDark, setTheme as saveTheme } from "../../Layout/MainLayout.razor.js";
import { age, create, focus, loadScript, update } from "./MapView.razor.js";

const hubPath = "hubs/queues";
// Markers and rows change at most four times a second, however fast readings arrive.
const frameMs = 250;
const toastMs = 20000;

const root = document.querySelector("[data-testid=live-dashboard]");
const mapElement = root.querySelector("[data-testid=map]");
const list = root.querySelector("[data-testid=panel-list]");
const rows = new Map([...list.querySelectorAll("button[data-slug]")].map(b => [b.dataset.slug, b]));
const collator = new Intl.Collator(document.documentElement.lang || undefined);
const pending = new Map();
// Markers that changed before the map was drawn.
const unmapped = new Map();
let sequence = Number(root.dataset.sequence);
let selected = null;
let map = null;
let flushTimer = null;

// ---- Side panel: PanelQuery's rules (fresh first, then stale, then no data; longest first; then by name) ----------
function filters() {
  const severities = new Set([...root.querySelectorAll(".bw-severity-filter input:checked")].map(i => i.id.replace("bw-sev-filter-", "")));
  return { sort: root.querySelector("[data-testid=panel-sort]").value, pair: root.querySelector("[data-testid=panel-pair]").value, severities };
}

function applyPanel() {
  const { sort, pair, severities } = filters();
  const key = sort === "Queue" ? "queue" : "wait";
  const value = b => (b.dataset[key] === "" ? -1 : Number(b.dataset[key]));
  const all = [...rows.values()];
  const shown = all
    .filter(b => (!pair || b.dataset.pair === pair) && (severities.size === 0 || severities.has(b.dataset.severity)))
    .sort((a, b) => a.dataset.rank - b.dataset.rank || value(b) - value(a) || collator.compare(a.dataset.name, b.dataset.name));
  const visible = new Set(shown);
  for (const b of all) b.hidden = !visible.has(b);
  // Move only what is out of place: focus and scrolling stay where the analyst left them.
  let previous = null;
  for (const b of shown) {
    const expected = previous ? previous.nextElementSibling : list.firstElementChild;
    if (expected !== b) list.insertBefore(b, expected);
    previous = b;
  }
  root.querySelector("[data-testid=panel-count]").textContent = `${shown.length} of ${all.length}`;
  root.querySelector("[data-testid=panel-empty]").hidden = shown.length > 0;
  const fresh = all.filter(b => b.dataset.rank === "0").length;
  root.querySelector("[data-testid=fresh-count]").textContent = `${fresh} of ${all.length} with fresh readings`;
}

function select(slug) {
  const row = rows.get(slug);
  if (!row) return;
  selected = slug;
  for (const b of rows.values()) {
    b.setAttribute("aria-pressed", b === row ? "true" : "false");
    b.classList.toggle("bw-selected", b === row);
  }
  // The replay starts where the analyst is looking.
  root.querySelector("[data-testid=replay-open]").href = `replay?crossing=${encodeURIComponent(slug)}`;
  if (map) focus(map, slug);
}

function applyRow(row) {
  const b = rows.get(row.slug);
  if (!b) return;
  b.innerHTML = row.html;
  b.className = row.css + (row.slug === selected ? " bw-selected" : "");
  Object.assign(b.dataset, {
    severity: row.severity,
    rank: String(row.rank),
    wait: row.waitHours ?? "",
    queue: row.queueKm ?? "",
  });
  if (row.slug === selected) b.classList.remove("bw-row-stale");
}

function refreshAges() {
  const now = Date.now();
  for (const span of list.querySelectorAll(".bw-row-age[data-as-of]")) {
    span.textContent = age(Number(span.dataset.asOf), now);
  }
}

// ---- Live updates ------------------------------------------------------------------------------------------------
// `all`: the whole current state after a long absence, newer than anything received before it.
function receive(updates, all = false) {
  for (const u of updates) {
    const waiting = pending.get(u.row.slug);
    if (!all && (u.sequence <= sequence || (waiting && waiting.sequence > u.sequence))) continue;
    pending.set(u.row.slug, u);
  }
  flushTimer ??= setTimeout(flush, frameMs);
}

function flush() {
  flushTimer = null;
  const updates = [...pending.values()];
  pending.clear();
  if (updates.length === 0) return;
  for (const u of updates) {
    applyRow(u.row);
    sequence = Math.max(sequence, u.sequence);
  }
  applyPanel();
  if (map) update(map, JSON.stringify(updates.map(u => u.marker)), Date.now(), true);
  else for (const u of updates) unmapped.set(u.marker.slug, u.marker);
  setBadge(true, new Date());
}

function setBadge(live, changedAt) {
  const badge = document.querySelector("[data-testid=live-badge]");
  if (!badge) return;
  badge.querySelector(".mud-chip-content").textContent = live ? "Live" : "Reconnecting…";
  const dot = badge.querySelector("svg");
  dot?.classList.toggle("mud-success-text", live);
  dot?.classList.toggle("mud-warning-text", !live);
  if (changedAt) badge.title = `Last change ${changedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  else if (!live) badge.title = "The connection to the server was lost; trying again.";
}

function toast(alert) {
  const box = document.querySelector("[data-testid=toasts]");
  const item = document.createElement("div");
  item.className = "mud-snackbar mud-alert-filled-warning";
  item.setAttribute("role", "status");
  item.dataset.crossing = alert.crossing;
  const message = document.createElement("div");
  message.className = "mud-snackbar-content-message";
  message.dir = "auto";
  message.textContent = alert.text;
  const actions = document.createElement("div");
  actions.className = "mud-snackbar-content-action";
  const open = document.createElement("a");
  open.className = "mud-button-root mud-button mud-button-text mud-button-text-inherit mud-button-text-size-medium";
  open.href = `crossings/${encodeURIComponent(alert.crossing)}`;
  open.textContent = "Open";
  const close = document.createElement("button");
  close.type = "button";
  close.className = "mud-button-root mud-icon-button mud-icon-button-color-inherit mud-icon-button-size-small";
  close.setAttribute("aria-label", "Dismiss");
  close.textContent = "✕";
  close.addEventListener("click", () => item.remove());
  actions.append(open, close);
  item.append(message, actions);
  box.append(item);
  setTimeout(() => item.remove(), toastMs);
}

async function connect() {
  await loadScript("lib/signalr/signalr.min.js");
  const signalR = window.signalR;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(new URL(hubPath, document.baseURI).href, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(30000, 1000 * 2 ** c.previousRetryCount) })
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.on("dashboardUpdate", u => receive([u]));
  connection.on("dashboardAlert", toast);
  // What happened after the page was rendered, or while the connection was down.
  const subscribe = async () => {
    const caughtUp = await connection.invoke("SubscribeDashboard", sequence);
    receive(caughtUp.updates, caughtUp.full);
    // After a restart of the server its numbers start anew (higher): take them as they are.
    sequence = caughtUp.full ? caughtUp.sequence : Math.max(sequence, caughtUp.sequence);
    setBadge(true);
  };
  connection.onreconnecting(() => setBadge(false));
  connection.onreconnected(subscribe);
  connection.onclose(() => setBadge(false));
  await connection.start();
  await subscribe();
}

// ---- The layout's buttons (the layout is rendered without a circuit here) -----------------------------------------
function showTheme(dark) {
  const theme = document.getElementById(dark ? "bw-theme-dark" : "bw-theme-light");
  document.getElementById("bw-theme").innerHTML = theme.innerHTML;
  const button = document.querySelector("[data-testid=theme-toggle]");
  if (button) {
    button.setAttribute("aria-label", dark ? "Switch to light theme" : "Switch to dark theme");
    button.title = dark ? "Light theme" : "Dark theme";
    button.dataset.dark = String(dark);
    const icon = button.querySelector("svg");
    if (icon) icon.innerHTML = theme.dataset.icon;
  }
}

function initShell() {
  // The interactive layout's own choice, kept by its module: the same key and the same fallback to the system.
  const saved = getTheme();
  if (saved === "dark" || (saved !== "light" && prefersDark())) showTheme(true);
  document.querySelector("[data-testid=theme-toggle]")?.addEventListener("click", e => {
    const dark = e.currentTarget.dataset.dark !== "true";
    showTheme(dark);
    saveTheme(dark ? "dark" : "light");
  });
  const drawer = document.querySelector(".mud-drawer");
  const layout = document.querySelector(".mud-layout");
  const narrow = window.matchMedia("(max-width: 959.98px)");
  const setDrawer = open => {
    drawer?.classList.toggle("mud-drawer--open", open);
    drawer?.classList.toggle("mud-drawer--closed", !open);
    drawer?.classList.remove("mud-drawer--initial");
    for (const c of [...(layout?.classList ?? [])]) {
      if (c.startsWith("mud-drawer-open-")) layout.classList.remove(c);
    }
    if (open && !narrow.matches) layout?.classList.add("mud-drawer-open-responsive-md-left");
  };
  // On a phone or tablet the navigation starts folded away, as MudBlazor's responsive drawer does.
  setDrawer(!narrow.matches);
  document.querySelector("[aria-label='Show or hide navigation']")?.addEventListener("click", () => {
    setDrawer(!drawer?.classList.contains("mud-drawer--open"));
  });
}

// ---- Start ------------------------------------------------------------------------------------------------------
initShell();
applyPanel();
root.querySelector(".bw-panel-filters").addEventListener("change", applyPanel);
list.addEventListener("click", e => {
  const row = e.target.closest("button[data-slug]");
  if (row) select(row.dataset.slug);
});
setInterval(refreshAges, 30000);

// The hub connects while Leaflet loads and draws: updates that arrive first wait in `pending` for the map.
const live = connect();
const markers = document.getElementById("bw-map-markers").textContent;
map = await create(mapElement, mapElement.dataset.tileUrl || null, mapElement.dataset.tileAttribution || "", markers, Date.now(), true);
if (unmapped.size > 0) update(map, JSON.stringify([...unmapped.values()]), Date.now(), true);
const wanted = new URLSearchParams(location.search).get("crossing");
if (wanted && rows.has(wanted)) select(wanted);
try {
  await live;
  // Tests and scripts wait for this, as on the interactive pages: updates are now received.
  const ready = document.createElement("span");
  ready.hidden = true;
  ready.dataset.testid = "interactive";
  document.body.append(ready);
} catch (error) {
  setBadge(false);
  console.warn("BorderWatch: live updates unavailable", error);
}
