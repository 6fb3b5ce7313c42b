// The live map: Leaflet with an offline basemap of country borders (world-atlas TopoJSON) or a configured tile
// layer, one marker per crossing coloured and sized by severity, clustered when zoomed out.
// The Blazor component owns the data; this module only draws what it is given.

const severities = ["unknown", "low", "moderate", "high", "extreme"];
const pinSize = { unknown: 12, low: 14, moderate: 18, high: 24, extreme: 30 };
const severityWords = { unknown: "no data", low: "under 1 h", moderate: "1–6 h", high: "6–24 h", extreme: "over 24 h" };
// Finer borders once the view is close enough for the coarse ones to miss the crossings.
const detailedZoom = 5;
// Polygons reaching this far east or west are also drawn a world away, beyond the date line.
const edgeCopy = 150;
// Natural Earth's Antarctica is a ring around the pole that a Mercator map cannot draw; no crossing is there.
const antarctica = "010";

let libraries;

export function loadScript(path) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(path, document.baseURI).href;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`Could not load ${path}`));
    document.head.appendChild(script);
  });
}

function loadLibraries() {
  libraries ??= (async () => {
    if (!window.L) {
      await loadScript("lib/leaflet/leaflet.js");
    }
    await Promise.all([
      window.L.MarkerClusterGroup ? null : loadScript("lib/leaflet.markercluster/leaflet.markercluster.js"),
      window.topojson ? null : loadScript("lib/topojson-client/topojson-client.min.js"),
    ]);
  })();
  return libraries;
}

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// Same wording as the server's Format.Age, so the popup and the side panel agree.
export function age(asOf, now) {
  if (asOf == null) {
    return "no data";
  }
  const minutes = (now - asOf) / 60000;
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${Math.floor(minutes)} min ago`;
  if (minutes < 60 * 48) return `${Math.floor(minutes / 60)} h ago`;
  if (minutes < 60 * 24 * 365) return `${Math.floor(minutes / 1440)} d ago`;
  return `${Math.floor(minutes / 1440 / 365.25)} y ago`;
}

// Rings that cross the antimeridian come out of TopoJSON with a jump from +180 to -180, which a flat map draws as
// a band across the whole world (Chukotka, Fiji). Unwrap each ring so it stays continuous past ±180, and add a
// copy shifted by 360° of every polygon near the edge, so that both sides of the date line show whichever way the
// map is panned (Chukotka beside Alaska).
function unwrapRing(ring) {
  const out = [[ring[0][0], ring[0][1]]];
  let shift = 0;
  for (let i = 1; i < ring.length; i++) {
    const step = ring[i][0] - ring[i - 1][0];
    if (step > 180) shift -= 360;
    else if (step < -180) shift += 360;
    out.push([ring[i][0] + shift, ring[i][1]]);
  }
  return out;
}

function shifted(rings, by) {
  return rings.map(ring => ring.map(([x, y]) => [x + by, y]));
}

export function fixAntimeridian(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  const result = [];
  for (const polygon of polygons) {
    const rings = polygon.map(unwrapRing);
    result.push(rings);
    let min = Infinity;
    let max = -Infinity;
    for (const [x] of rings[0]) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    if (max > edgeCopy) result.push(shifted(rings, -360));
    if (min < -edgeCopy) result.push(shifted(rings, 360));
  }
  return { type: "MultiPolygon", coordinates: result };
}

async function loadCountries(file) {
  const response = await fetch(new URL(`lib/world-atlas/${file}`, document.baseURI));
  if (!response.ok) {
    throw new Error(`Could not load the basemap (${response.status})`);
  }
  const topology = await response.json();
  const countries = window.topojson.feature(topology, topology.objects.countries);
  countries.features = countries.features
    .filter(f => f.id !== antarctica && f.geometry)
    .map(f => ({ type: "Feature", id: f.id, properties: {}, geometry: fixAntimeridian(f.geometry) }));
  return countries;
}

function addBasemap(state) {
  const L = window.L;
  const { map } = state;
  const style = { className: "bw-land", weight: 0.8, fillOpacity: 1, interactive: false };
  const coarse = loadCountries("countries-110m.json").then(countries => {
    state.land = L.geoJSON(countries, { style, interactive: false }).addTo(map);
    state.land.bringToBack();
  });
  let detailed = null;
  const upgrade = () => {
    if (map.getZoom() < detailedZoom || detailed) {
      return;
    }
    detailed = loadCountries("countries-50m.json").then(countries => {
      if (state.disposed) return;
      const fine = L.geoJSON(countries, { style, interactive: false }).addTo(map);
      fine.bringToBack();
      state.land?.remove();
      state.land = fine;
    }).catch(error => console.warn("BorderWatch: detailed borders unavailable", error));
  };
  map.on("zoomend", upgrade);
  map.attributionControl.addAttribution("Borders: Natural Earth (world-atlas)");
  return coarse.then(upgrade);
}

function pinHtml(m) {
  const stale = m.stale ? " bw-stale" : "";
  return `<span class="bw-pin bw-sev-${m.severity}${stale}" data-slug="${escapeHtml(m.slug)}" data-severity="${m.severity}" data-stale="${m.stale}"></span>`;
}

function label(m) {
  if (!m.hasData) return `${m.name}: no readings`;
  return `${m.name}: wait ${m.wait}, queue ${m.queue}${m.stale ? " (stale)" : ""}`;
}

function icon(m) {
  const size = pinSize[m.severity] ?? pinSize.unknown;
  return window.L.divIcon({ className: "bw-marker", iconSize: [size, size], html: pinHtml(m) });
}

function popupHtml(state, m) {
  const now = state.clock();
  const rows = m.hasData
    ? `<dl class="bw-popup-figures">
        <dt>Queue</dt><dd>${escapeHtml(m.queue)}</dd>
        <dt>Vehicles</dt><dd>${escapeHtml(m.vehicles)}</dd>
        <dt>Wait</dt><dd class="bw-sev-text-${m.severity}">${escapeHtml(m.wait)}</dd>
        <dt>Trend</dt><dd>${escapeHtml(m.trend)}</dd>
        <dt>Newest</dt><dd>${escapeHtml(age(m.asOf, now))}${m.stale ? " · <strong>stale</strong>" : ""}</dd>
        <dt>Confidence</dt><dd>${escapeHtml(m.confidence)}</dd>
      </dl>`
    : `<p>No readings yet.</p>`;
  return `<div class="bw-popup" data-popup-slug="${escapeHtml(m.slug)}">
      <div class="bw-popup-title" dir="auto">${escapeHtml(m.name)} <span class="bw-popup-pair">${escapeHtml(m.countries)}</span></div>
      ${rows}
      ${m.demo ? `<p class="bw-popup-demo">Includes demo data.</p>` : ""}
      <a href="crossings/${encodeURIComponent(m.slug)}">Readings and sources</a>
    </div>`;
}

function clusterIcon(cluster) {
  let worst = 0;
  let stale = true;
  for (const child of cluster.getAllChildMarkers()) {
    worst = Math.max(worst, severities.indexOf(child.bw.severity));
    stale &&= child.bw.stale || !child.bw.hasData;
  }
  const severity = severities[worst];
  const count = cluster.getChildCount();
  return window.L.divIcon({
    className: "bw-cluster-icon",
    iconSize: [36, 36],
    html: `<span class="bw-cluster bw-sev-${severity}${stale ? " bw-stale" : ""}" data-count="${count}" title="${count} crossings, longest wait ${severityWords[severity]}">${count}</span>`,
  });
}

function setMarker(state, m) {
  const L = window.L;
  const existing = state.markers.get(m.slug);
  if (existing) {
    existing.bw = m;
    existing.setIcon(icon(m));
    existing.getElement()?.setAttribute("title", label(m));
    if (existing.isPopupOpen()) {
      existing.setPopupContent(popupHtml(state, m));
    }
    return existing;
  }
  const marker = L.marker([m.lat, m.lon], { icon: icon(m), keyboard: true, title: label(m), riseOnHover: true });
  marker.bw = m;
  marker.bindPopup(() => popupHtml(state, marker.bw), { maxWidth: 280, autoPanPadding: [24, 24] });
  state.markers.set(m.slug, marker);
  return marker;
}

function setClock(state, now, live) {
  const offset = now - Date.now();
  state.clock = live ? () => Date.now() + offset : () => now;
}

/**
 * Creates the map in `element`: the tile layer (or, without a tile URL, the offline borders), the markers (a JSON
 * array of MapMarker), the clock for ages (`now` in ms; `live`: it runs on). Returns a handle for update/focus/dispose.
 */
export async function create(element, tileUrl, tileAttribution, markersJson, now, live) {
  const options = { tileUrl, tileAttribution, markers: JSON.parse(markersJson), now, live };
  await loadLibraries();
  const L = window.L;
  const map = L.map(element, {
    minZoom: 2,
    maxZoom: options.tileUrl ? 18 : 12,
    worldCopyJump: false,
    maxBounds: [[-85, -360], [85, 360]],
    zoomSnap: 0.5,
  });
  const state = { map, markers: new Map(), disposed: false, land: null, clock: () => Date.now() };
  // On a phone the legend would hide half the map: it starts folded (one tap opens it).
  const legend = element.parentElement?.querySelector(".bw-legend");
  if (legend && window.matchMedia("(max-width: 599.98px)").matches) {
    legend.open = false;
  }
  setClock(state, options.now, options.live);

  const bounds = options.markers.length > 0 ? L.latLngBounds(options.markers.map(m => [m.lat, m.lon])) : L.latLngBounds([[-50, -160], [70, 160]]);
  map.fitBounds(bounds.pad(0.1), { maxZoom: 6 });

  let painted;
  if (options.tileUrl) {
    const tiles = L.tileLayer(options.tileUrl, { attribution: options.tileAttribution, maxZoom: 18 }).addTo(map);
    painted = new Promise(resolve => tiles.once("load", resolve));
  } else {
    painted = addBasemap(state);
  }
  painted.then(() => {
    performance.mark("bw-map-painted");
    element.dataset.painted = "true";
  }).catch(error => {
    element.dataset.basemapError = String(error.message ?? error);
    console.warn("BorderWatch: basemap unavailable", error);
  });

  state.cluster = L.markerClusterGroup({
    maxClusterRadius: 40,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    disableClusteringAtZoom: 7,
    iconCreateFunction: clusterIcon,
  });
  state.cluster.addLayers(options.markers.map(m => setMarker(state, m)));
  map.addLayer(state.cluster);
  element.dataset.markerCount = String(state.markers.size);
  performance.mark("bw-map-interactive");
  element.dataset.ready = "true";
  return state;
}

/** Adds or redraws the given markers (a JSON array; only those that changed are sent). */
export function update(state, markersJson, now, live) {
  if (!state || state.disposed) return;
  const markers = JSON.parse(markersJson);
  setClock(state, now, live);
  const added = [];
  const changed = [];
  for (const m of markers) {
    const known = state.markers.has(m.slug);
    const marker = setMarker(state, m);
    (known ? changed : added).push(marker);
  }
  if (added.length) state.cluster.addLayers(added);
  if (changed.length) state.cluster.refreshClusters(changed);
  state.map.getContainer().dataset.markerCount = String(state.markers.size);
}

/** Shows one crossing: zooms until its marker is out of any cluster, centres it and opens its popup. */
export function focus(state, slug) {
  const marker = state?.markers.get(slug);
  if (!marker) return;
  state.cluster.zoomToShowLayer(marker, () => {
    state.map.panTo(marker.getLatLng());
    marker.openPopup();
  });
}

export function dispose(state) {
  if (!state || state.disposed) return;
  state.disposed = true;
  state.map.remove();
}
