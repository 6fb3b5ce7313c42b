// Lane drawing on an image: click to add points from the queue head (the gate) outward, drag a point to move it,
// drag its square handle to set the lane width there, double-click a point to remove it. Works with mouse, pen and
// touch (pointer events). Coordinates are kept in image pixels, whatever size the picture is shown at.
const editors = new WeakMap();

export function attach(container, dotnet, imageWidth, imageHeight, points, widths, showWidths) {
  const canvas = container.querySelector("canvas");
  const image = container.querySelector("img");
  const state = {
    container, canvas, image, dotnet, imageWidth, imageHeight, showWidths,
    points: parse(points, widths, imageWidth), drag: null, observer: null,
  };
  editors.set(container, state);
  const redraw = () => draw(state);
  state.observer = new ResizeObserver(redraw);
  state.observer.observe(image);
  image.addEventListener("load", redraw);
  canvas.addEventListener("pointerdown", (e) => down(state, e));
  canvas.addEventListener("pointermove", (e) => move(state, e));
  canvas.addEventListener("pointerup", (e) => up(state, e));
  canvas.addEventListener("pointercancel", (e) => up(state, e));
  canvas.addEventListener("dblclick", (e) => remove(state, e));
  redraw();
}

export function setLane(container, points, widths, showWidths) {
  const state = editors.get(container);
  if (!state) return;
  state.showWidths = showWidths;
  state.points = parse(points, widths, state.imageWidth);
  draw(state);
}

export function detach(container) {
  const state = editors.get(container);
  if (state) {
    state.observer.disconnect();
    editors.delete(container);
  }
}

function parse(points, widths, imageWidth) {
  const list = (points || "").trim().split(/\s+/).filter(Boolean).map((p) => p.split(",").map(Number));
  const ws = (widths || "").trim().split(/\s+/).filter(Boolean).map(Number);
  return list.filter((p) => p.length === 2 && p.every(Number.isFinite))
    .map(([x, y], i) => ({ x, y, w: Number.isFinite(ws[i]) ? ws[i] : defaultWidth(imageWidth) }));
}

const defaultWidth = (imageWidth) => Math.max(8, Math.round(imageWidth * 0.04));

function scale(state) {
  return state.image.clientWidth > 0 ? state.image.clientWidth / state.imageWidth : 1;
}

function toImage(state, e) {
  const rect = state.canvas.getBoundingClientRect();
  const s = scale(state);
  return {
    x: Math.min(state.imageWidth - 1, Math.max(0, (e.clientX - rect.left) / s)),
    y: Math.min(state.imageHeight - 1, Math.max(0, (e.clientY - rect.top) / s)),
  };
}

function normal(points, i) {
  const a = points[Math.max(0, i - 1)];
  const b = points[Math.min(points.length - 1, i + 1)];
  const dx = b.x - a.x, dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  return { x: -dy / length, y: dx / length };
}

function handleOf(state, i) {
  const p = state.points[i];
  const n = normal(state.points, i);
  return { x: p.x + (n.x * p.w) / 2, y: p.y + (n.y * p.w) / 2 };
}

function hit(state, at) {
  const radius = 12 / scale(state);
  for (let i = state.points.length - 1; i >= 0; i--) {
    if (state.showWidths && state.points.length > 1) {
      const h = handleOf(state, i);
      if (Math.hypot(h.x - at.x, h.y - at.y) <= radius) return { kind: "width", index: i };
    }
    const p = state.points[i];
    if (Math.hypot(p.x - at.x, p.y - at.y) <= radius) return { kind: "point", index: i };
  }
  return null;
}

function down(state, e) {
  e.preventDefault();
  const at = toImage(state, e);
  const target = hit(state, at);
  if (target) {
    state.drag = target;
    state.canvas.setPointerCapture(e.pointerId);
    return;
  }
  const last = state.points[state.points.length - 1];
  state.points.push({ x: Math.round(at.x), y: Math.round(at.y), w: last ? last.w : defaultWidth(state.imageWidth) });
  draw(state);
  notify(state);
}

function move(state, e) {
  if (!state.drag) return;
  const at = toImage(state, e);
  const p = state.points[state.drag.index];
  if (state.drag.kind === "point") {
    p.x = Math.round(at.x);
    p.y = Math.round(at.y);
  } else {
    const n = normal(state.points, state.drag.index);
    p.w = Math.max(2, Math.round(2 * Math.abs((at.x - p.x) * n.x + (at.y - p.y) * n.y)));
  }
  draw(state);
}

function up(state, e) {
  if (!state.drag) return;
  state.drag = null;
  try { state.canvas.releasePointerCapture(e.pointerId); } catch { /* already released */ }
  notify(state);
}

function remove(state, e) {
  const target = hit(state, toImage(state, e));
  if (target && target.kind === "point") {
    state.points.splice(target.index, 1);
    draw(state);
    notify(state);
  }
}

function notify(state) {
  const points = state.points.map((p) => `${p.x},${p.y}`).join(" ");
  const widths = state.points.map((p) => `${p.w}`).join(" ");
  state.dotnet.invokeMethodAsync("OnLaneDrawn", points, widths).catch(() => { /* circuit gone */ });
}

function draw(state) {
  const { canvas, image } = state;
  const s = scale(state);
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(image.clientWidth * ratio);
  canvas.height = Math.round(image.clientHeight * ratio);
  canvas.style.width = `${image.clientWidth}px`;
  canvas.style.height = `${image.clientHeight}px`;
  const g = canvas.getContext("2d");
  g.setTransform(ratio * s, 0, 0, ratio * s, 0, 0);
  g.clearRect(0, 0, state.imageWidth, state.imageHeight);
  const pts = state.points;
  const px = 1 / s;
  if (pts.length > 1 && state.showWidths) {
    // The lane as a band: left edge out, right edge back.
    const left = pts.map((p, i) => { const n = normal(pts, i); return [p.x - (n.x * p.w) / 2, p.y - (n.y * p.w) / 2]; });
    const right = pts.map((p, i) => { const n = normal(pts, i); return [p.x + (n.x * p.w) / 2, p.y + (n.y * p.w) / 2]; });
    g.beginPath();
    [...left, ...right.reverse()].forEach(([x, y], i) => (i ? g.lineTo(x, y) : g.moveTo(x, y)));
    g.closePath();
    g.fillStyle = "rgba(255, 193, 7, 0.22)";
    g.fill();
  }
  if (pts.length > 1) {
    g.beginPath();
    pts.forEach((p, i) => (i ? g.lineTo(p.x, p.y) : g.moveTo(p.x, p.y)));
    g.lineWidth = 3 * px;
    g.strokeStyle = "rgba(0, 0, 0, 0.7)";
    g.stroke();
    g.lineWidth = 1.5 * px;
    g.strokeStyle = "#ffc107";
    g.stroke();
  }
  pts.forEach((p, i) => {
    g.beginPath();
    g.arc(p.x, p.y, (i === 0 ? 8 : 6) * px, 0, Math.PI * 2);
    g.fillStyle = i === 0 ? "#e53935" : "#ffc107";
    g.fill();
    g.lineWidth = 2 * px;
    g.strokeStyle = "#000";
    g.stroke();
    if (state.showWidths && pts.length > 1) {
      const h = handleOf(state, i);
      g.fillStyle = "#fff";
      g.fillRect(h.x - 5 * px, h.y - 5 * px, 10 * px, 10 * px);
      g.strokeRect(h.x - 5 * px, h.y - 5 * px, 10 * px, 10 * px);
    }
    g.font = `${13 * px}px system-ui, sans-serif`;
    g.lineWidth = 3 * px;
    g.strokeStyle = "#000";
    const label = i === 0 ? "gate" : `${i + 1}`;
    g.strokeText(label, p.x + 10 * px, p.y - 8 * px);
    g.fillStyle = "#fff";
    g.fillText(label, p.x + 10 * px, p.y - 8 * px);
  });
}
