// A line chart in SVG: one path per series, value and time ticks, optional markers for early
// (not yet final) points, and a hover tooltip. Used by the query result and by every view.
//
// A series is { metric: {labels}, points: [{ t: seconds, v: number, final: boolean }] } with
// points sorted by time. Each series' path carries data-points, the number of points drawn, and
// its "d" has one M or L command per point, so a test can count what is on screen.

import { formatLabels, formatNumber, formatTick, formatTime } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

// Ten colours distinguishable on a light background (Tableau 10).
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function colorOf(index) {
  return PALETTE[index % PALETTE.length];
}

// Candidate distances between time ticks, in seconds.
const TIME_TICKS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800,
  21600, 43200, 86400, 172800, 604800];

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (parent) parent.appendChild(node);
  return node;
}

/** Round steps of 1, 2 or 5 times a power of ten, about `count` of them across [lo, hi]. */
function valueTicks(lo, hi, count) {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return ticks;
}

/** Time ticks at round local times (the offset aligns hours and days to the viewer's clock). */
function timeTicks(start, end, count) {
  const tick = TIME_TICKS.find((s) => (end - start) / s <= count) ?? TIME_TICKS.at(-1);
  const offset = new Date(start * 1000).getTimezoneOffset() * 60;
  const ticks = [];
  for (let t = Math.ceil((start - offset) / tick) * tick + offset; t <= end; t += tick) {
    ticks.push(t);
  }
  return { tick, ticks };
}

/** The finite values' range, padded so no line sits on an edge and a flat one sits mid-chart. */
function valueRange(series) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const p of s.points) {
      if (Number.isFinite(p.v)) {
        lo = Math.min(lo, p.v);
        hi = Math.max(hi, p.v);
      }
    }
  }
  if (lo === Infinity) return [0, 1];
  const pad = lo === hi ? (lo === 0 ? 1 : Math.abs(lo) * 0.1) : (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/**
 * Draws `series` into `svg` over [start, end]. `step` (seconds) breaks a line where a step has no
 * value, as Prometheus's own graph does. Options: width, height (the viewBox), label (the
 * accessible name), empty (text when there is nothing to draw).
 */
export function drawChart(svg, series, { start, end, step, width = 800, height = 280, label, empty }) {
  const margin = { top: 10, right: 12, bottom: 24, left: 56 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (label) svg.setAttribute('aria-label', label);

  const [lo, hi] = valueRange(series);
  const x = (t) => margin.left + ((t - start) / Math.max(end - start, 1e-9)) * w;
  const y = (v) => margin.top + h - ((v - lo) / (hi - lo)) * h;

  const axes = el('g', { 'aria-hidden': 'true' }, svg);
  for (const v of valueTicks(lo, hi, Math.max(2, Math.round(h / 50)))) {
    el('line', { class: 'grid', x1: margin.left, x2: margin.left + w, y1: y(v), y2: y(v) }, axes);
    el('text', { class: 'tick', x: margin.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, axes)
      .textContent = formatNumber(v);
  }
  const { tick, ticks } = timeTicks(start, end, Math.max(2, Math.round(w / 110)));
  for (const t of ticks) {
    el('line', { class: 'grid', x1: x(t), x2: x(t), y1: margin.top, y2: margin.top + h }, axes);
    el('text', { class: 'tick', x: x(t), y: height - 6, 'text-anchor': 'middle' }, axes)
      .textContent = formatTick(t, tick, end - start);
  }

  const lines = el('g', {}, svg);
  series.forEach((s, i) => {
    const color = colorOf(i);
    const d = [];
    let prev = null;
    for (const p of s.points) {
      if (!Number.isFinite(p.v)) {
        prev = null;
        continue;
      }
      const gap = prev === null || (step > 0 && p.t - prev.t > step * 1.5);
      d.push(`${gap ? 'M' : 'L'}${x(p.t).toFixed(1)} ${y(p.v).toFixed(1)}`);
      prev = p;
    }
    const path = el('path', { class: 'series', d: d.join(' '), stroke: color, 'data-points': d.length }, lines);
    el('title', {}, path).textContent = formatLabels(s.metric);
    // Early points may still change; hollow markers say so.
    for (const p of s.points) {
      if (p.final === false && Number.isFinite(p.v)) {
        el('circle', { class: 'early', cx: x(p.t), cy: y(p.v), r: 3, stroke: color }, lines);
      }
    }
  });
  if (series.length === 0 && empty) {
    el('text', { class: 'empty', x: margin.left + w / 2, y: margin.top + h / 2, 'text-anchor': 'middle' }, svg)
      .textContent = empty;
  }
  // What the tooltip needs to map a pointer back to a time.
  svg.chart = { series, start, end, step, x, margin, w, width };
}

/** Fills a legend list: a colour swatch and the label set of every series, in chart order. */
export function drawLegend(list, series) {
  list.replaceChildren();
  series.forEach((s, i) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colorOf(i);
    const text = document.createElement('span');
    text.textContent = formatLabels(s.metric);
    item.append(swatch, text);
    list.appendChild(item);
  });
}

/** Shows the values at the step under the pointer in `box`, a positioned sibling of `svg`. */
export function attachTooltip(svg, box) {
  let cursor = null;
  const hide = () => {
    box.hidden = true;
    cursor?.remove();
    cursor = null;
  };
  svg.addEventListener('pointerleave', hide);
  svg.addEventListener('pointermove', (event) => {
    const c = svg.chart;
    if (!c || c.series.length === 0) return hide();
    const rect = svg.getBoundingClientRect();
    const px = ((event.clientX - rect.left) / rect.width) * c.width;
    const t = c.start + ((px - c.margin.left) / c.w) * (c.end - c.start);
    if (t < c.start || t > c.end) return hide();
    const rows = [];
    let at = null;
    c.series.forEach((s, i) => {
      const p = nearest(s.points, t);
      if (p && Math.abs(p.t - t) <= Math.max(c.step, 1)) {
        at ??= p.t;
        rows.push([colorOf(i), `${formatLabels(s.metric)}: ${formatNumber(p.v)}${p.final === false ? ' (early)' : ''}`]);
      }
    });
    if (rows.length === 0) return hide();
    box.replaceChildren();
    const head = document.createElement('div');
    head.textContent = formatTime(at);
    box.appendChild(head);
    for (const [color, text] of rows.slice(0, 10)) {
      const row = document.createElement('div');
      row.textContent = text;
      row.style.color = color;
      box.appendChild(row);
    }
    box.hidden = false;
    const left = event.clientX - rect.left;
    box.style.left = `${left + 12 + box.offsetWidth > rect.width ? left - box.offsetWidth - 12 : left + 12}px`;
    if (!cursor?.isConnected) cursor = el('line', { class: 'cursor' }, svg);
    const cx = c.x(at);
    for (const [k, v] of Object.entries({ x1: cx, x2: cx, y1: c.margin.top, y2: svg.viewBox.baseVal.height - c.margin.bottom })) {
      cursor.setAttribute(k, v);
    }
  });
}

/** The point closest to time t, by binary search over the sorted points. */
function nearest(points, t) {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  const before = points[lo - 1];
  return before && t - before.t < points[lo].t - t ? before : points[lo];
}
