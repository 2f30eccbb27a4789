// The list of views, each with a chart of its recent history that then follows the view live.
//
// History comes from a query of the view's output (views' outputs are series named by the view);
// new steps come from the view's Server-Sent Events stream. Early values are drawn as
// hollow markers until the final value of the same step replaces them.

import { attachTooltip, drawChart, drawLegend } from './chart.js';
import { formatDuration, parseDuration, parseTime, parseValue, seriesKey } from './format.js';

// A browser opens at most six HTTP/1.1 connections to one host and every live stream holds one:
// at most four streams leave room for queries. Views scrolled out of sight give theirs up.
const LIVE_LIMIT = 4;
// How much of a view's history its chart shows: this many steps, and at least five minutes.
const WINDOW_STEPS = 60;
const MIN_WINDOW_SECONDS = 300;
// The list's status and lag change as views run; new views appear.
const REFRESH_MS = 30000;

const escapeSelector = (name) => name.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

class ViewCard {
  constructor(view, index) {
    this.name = view.name;
    this.series = new Map(); // series key -> { metric, points: Map(t -> point) }
    this.source = null;
    this.visible = false;
    this.redrawTimer = null;

    const id = `view-${index}`;
    this.root = document.createElement('article');
    this.root.className = 'view';
    this.root.dataset.view = view.name;
    this.root.setAttribute('aria-labelledby', id);
    const title = document.createElement('h3');
    title.id = id;
    title.textContent = view.name;
    this.query = document.createElement('code');
    this.facts = document.createElement('dl');
    const chartBox = document.createElement('div');
    chartBox.className = 'chart';
    this.svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.svg.setAttribute('class', 'chart-svg');
    this.svg.setAttribute('role', 'img');
    this.svg.setAttribute('aria-label', `Live chart of view ${view.name}`);
    const tooltip = document.createElement('div');
    tooltip.className = 'tooltip';
    tooltip.hidden = true;
    chartBox.append(this.svg, tooltip);
    this.legend = document.createElement('ul');
    this.legend.className = 'legend';
    this.legend.setAttribute('aria-label', `Series of ${view.name}`);
    const key = document.createElement('p');
    key.className = 'key';
    key.textContent = 'Hollow markers: early values, not yet final.';
    this.root.append(title, this.query, this.facts, chartBox, this.legend, key);
    attachTooltip(this.svg, tooltip);
    this.update(view);
    this.setLive('paused');
  }

  /** Takes the view's latest description from the list. */
  update(view) {
    this.view = view;
    this.step = parseDuration(view.step);
    this.window = Math.max(WINDOW_STEPS * (this.step || 60), MIN_WINDOW_SECONDS);
    this.query.textContent = view.query;
    const lag = Number.isFinite(view.lagSeconds) ? formatDuration(view.lagSeconds) || '0s' : '–';
    this.facts.replaceChildren();
    for (const [term, value] of [['step', view.step], ['status', view.status ?? '–'], ['lag', lag]]) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      this.facts.append(dt, dd);
    }
    const dt = document.createElement('dt');
    dt.textContent = 'updates';
    this.liveState = document.createElement('dd');
    this.liveState.className = 'live-state';
    this.liveState.textContent = this.liveText ?? '';
    this.facts.append(dt, this.liveState);
  }

  setLive(text) {
    this.liveText = text;
    this.liveState.textContent = text;
  }

  /** Opens the live stream, then loads history; steps that arrive meanwhile wait in a buffer. */
  goLive() {
    if (this.source) return;
    const buffer = [];
    let ready = false;
    let failed = false;
    const source = new EventSource(`/api/v1/views/${encodeURIComponent(this.name)}/live`);
    this.source = source;
    this.setLive('connecting…');
    source.addEventListener('step', (event) => {
      const step = JSON.parse(event.data);
      if (ready) {
        this.apply(step);
        this.scheduleRedraw();
      } else {
        buffer.push(step);
      }
    });
    source.addEventListener('open', () => {
      this.setLive('live');
      // After a reconnect, steps sent while the stream was down are only in the history.
      if (failed) this.loadHistory().then(() => this.scheduleRedraw());
      failed = false;
    });
    source.addEventListener('error', () => {
      failed = true;
      if (this.source !== source) return;
      if (source.readyState === EventSource.CLOSED) {
        // Refused (the view was dropped, or the server has too many streams): the browser does
        // not retry, the next refresh of the list does.
        this.source = null;
        this.setLive('stopped');
      } else {
        this.setLive('reconnecting…');
      }
    });
    this.root.setAttribute('aria-busy', 'true');
    this.loadHistory().then(() => {
      ready = true;
      this.root.setAttribute('aria-busy', 'false');
      for (const step of buffer) this.apply(step);
      this.redraw();
    });
  }

  pause() {
    this.source?.close();
    this.source = null;
    this.setLive('paused (out of sight)');
  }

  /**
   * The view's stored output over the chart's window, with its stored timestamps: an instant query
   * of a range selector returns the samples themselves, where query_range would resample them at
   * its own steps and repeat the last value for steps not computed yet. Steps after the view's last
   * final step are early.
   */
  async loadHistory() {
    const params = new URLSearchParams({
      query: `{__name__="${escapeSelector(this.name)}"}[${Math.ceil(this.window)}s]`,
      time: String(Date.now() / 1000),
    });
    try {
      const response = await fetch(`/api/v1/query?${params}`);
      const body = await response.json().catch(() => null);
      if (!body || body.status !== 'success') {
        this.setLive(`history unavailable: ${body?.error ?? response.status}`);
        return;
      }
      const lastFinal = this.view.lastFinalStep == null ? -Infinity : parseTime(this.view.lastFinalStep);
      for (const s of body.data.result) {
        for (const [t, value] of s.values ?? []) {
          this.apply({ metric: s.metric, t, value, final: t <= lastFinal });
        }
      }
    } catch (e) {
      this.setLive(`history unavailable: ${e.message}`);
    }
  }

  /** One step of one series; a final value is never replaced by an early one. */
  apply({ metric, t, value, final }) {
    const key = seriesKey(metric);
    let s = this.series.get(key);
    if (!s) {
      s = { metric, points: new Map() };
      this.series.set(key, s);
    }
    if (s.points.get(t)?.final && !final) return;
    s.points.set(t, { t, v: parseValue(value), final: Boolean(final) });
  }

  scheduleRedraw() {
    // Steps arrive in bursts (one per series): draw once per burst.
    this.redrawTimer ??= setTimeout(() => {
      this.redrawTimer = null;
      this.redraw();
    }, 50);
  }

  redraw() {
    let newest = Date.now() / 1000;
    for (const s of this.series.values()) {
      for (const t of s.points.keys()) newest = Math.max(newest, t);
    }
    const start = newest - this.window;
    const series = [];
    for (const [key, s] of [...this.series].sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const t of s.points.keys()) if (t < start) s.points.delete(t);
      if (s.points.size === 0) {
        this.series.delete(key);
        continue;
      }
      series.push({ metric: s.metric, points: [...s.points.values()].sort((a, b) => a.t - b.t) });
    }
    drawChart(this.svg, series, {
      start, end: newest, step: this.step, width: 400, height: 160,
      label: `Live chart of view ${this.name}: ${series.length} series`, empty: 'No results yet',
    });
    drawLegend(this.legend, series);
  }

  close() {
    this.source?.close();
    this.source = null;
    clearTimeout(this.redrawTimer);
    this.root.remove();
  }
}

/** Lists the views into `list` and keeps the visible ones live. */
export function startViews({ list, status, refresh }) {
  const cards = new Map();
  let created = 0;

  // Visible views first, in page order, up to the limit; the others pause.
  const balance = () => {
    let live = 0;
    for (const card of cards.values()) {
      if (card.visible && live < LIVE_LIMIT) {
        live++;
        card.goLive();
      } else if (card.source) {
        card.pause();
      }
    }
  };
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const card = cards.get(entry.target.dataset.view);
      if (card) card.visible = entry.isIntersecting;
    }
    balance();
  });

  const load = async () => {
    let views;
    try {
      const response = await fetch('/api/v1/views');
      const body = await response.json().catch(() => null);
      if (!body || body.status !== 'success') {
        status.textContent = `Views are unavailable: ${body?.error ?? `${response.status} ${response.statusText}`}`;
        return;
      }
      views = body.data;
    } catch (e) {
      status.textContent = `Views are unavailable: ${e.message}`;
      return;
    }
    const names = new Set(views.map((v) => v.name));
    for (const [name, card] of cards) {
      if (!names.has(name)) {
        observer.unobserve(card.root);
        card.close();
        cards.delete(name);
      }
    }
    for (const view of views) {
      const card = cards.get(view.name);
      if (card) {
        card.update(view);
      } else {
        const fresh = new ViewCard(view, created++);
        cards.set(view.name, fresh);
        list.appendChild(fresh.root);
        observer.observe(fresh.root);
      }
    }
    status.textContent = views.length === 0
      ? 'No views yet: register one with POST /api/v1/views or weir register.'
      : `${views.length} view${views.length === 1 ? '' : 's'}`;
    balance();
  };

  refresh.addEventListener('click', load);
  setInterval(load, REFRESH_MS);
  load();
}
