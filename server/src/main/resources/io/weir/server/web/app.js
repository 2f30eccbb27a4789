// The page's entry point: the query box and its chart, the deep link, and the views below.
//
// The address bar mirrors the form (/?query=...&range=1h&step=15s, or start=...&end=... for a
// fixed range), so a query can be shared or bookmarked, and a link runs its query on load.

import { attachTooltip, drawChart, drawLegend } from './chart.js';
import { formatDuration, parseDuration, parseTime, parseValue, toLocalInput } from './format.js';
import { startViews } from './views.js';

const RANGES = { '1h': 3600, '6h': 21600, '24h': 86400 };
// Prometheus's own graph asks for about this many points when no step is given.
const AUTO_POINTS = 250;

const form = document.getElementById('query-form');
const queryInput = document.getElementById('query');
const rangeSelect = document.getElementById('range');
const startInput = document.getElementById('start');
const endInput = document.getElementById('end');
const stepInput = document.getElementById('step');
const result = document.getElementById('query-result');
const errorBox = document.getElementById('query-error');
const statusLine = document.getElementById('query-status');
const chart = document.getElementById('query-chart');
const legend = document.getElementById('query-legend');
const warnings = document.getElementById('query-warnings');

let inFlight = null;

/** Shows the start and end inputs only for a fixed range. */
function syncRangeFields() {
  const custom = rangeSelect.value === 'custom';
  for (const field of form.querySelectorAll('[data-custom]')) field.hidden = !custom;
  if (custom && startInput.value === '' && endInput.value === '') {
    const now = Math.floor(Date.now() / 1000);
    startInput.value = toLocalInput(now - 3600);
    endInput.value = toLocalInput(now);
  }
}

/** The range to ask for, in seconds, or an error message for the user. */
function resolveRange() {
  let start;
  let end;
  if (rangeSelect.value === 'custom') {
    start = parseTime(startInput.value);
    end = parseTime(endInput.value);
    if (Number.isNaN(start) || Number.isNaN(end)) return { error: 'Enter both a start and an end time.' };
    if (end < start) return { error: 'The end time is before the start time.' };
  } else {
    end = Date.now() / 1000;
    start = end - RANGES[rangeSelect.value];
  }
  const stepText = stepInput.value.trim();
  // An unreadable step goes to the server as typed: its error message says what is wrong.
  const step = stepText === '' ? Math.max(1, Math.ceil((end - start) / AUTO_POINTS)) : parseDuration(stepText);
  return { start, end, step, stepParam: stepText === '' ? String(step) : stepText };
}

/** Writes the form into the address bar without adding a history entry per run. */
function updateAddress(range) {
  const params = new URLSearchParams({ query: queryInput.value });
  if (rangeSelect.value === 'custom') {
    params.set('start', String(Math.round(range.start)));
    params.set('end', String(Math.round(range.end)));
  } else {
    params.set('range', rangeSelect.value);
  }
  if (stepInput.value.trim() !== '') params.set('step', stepInput.value.trim());
  history.replaceState(null, '', `?${params}`);
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = false;
  // A chart of the previous query under this query's error would mislead.
  chart.parentElement.hidden = true;
  legend.replaceChildren();
}

async function runQuery() {
  const query = queryInput.value.trim();
  errorBox.hidden = true;
  warnings.replaceChildren();
  if (query === '') return showError('Enter a PromQL expression.');
  const range = resolveRange();
  if (range.error) return showError(range.error);
  updateAddress(range);

  // A new query makes the previous answer moot.
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  result.setAttribute('aria-busy', 'true');
  statusLine.textContent = 'Running…';
  const began = performance.now();
  const params = new URLSearchParams({
    query, start: String(range.start), end: String(range.end), step: range.stepParam,
  });
  try {
    const response = await fetch(`/api/v1/query_range?${params}`, { signal: controller.signal });
    const body = await response.json().catch(() => null);
    if (!body || body.status !== 'success') {
      statusLine.textContent = '';
      showError(body?.error ?? `The server answered ${response.status} ${response.statusText}.`);
      return;
    }
    if (body.data.resultType !== 'matrix') {
      showError(`Expected a range vector (matrix) result, got ${body.data.resultType}.`);
      return;
    }
    const series = body.data.result.map((s) => ({
      metric: s.metric,
      points: (s.values ?? []).map(([t, v]) => ({ t, v: parseValue(v), final: true })),
    }));
    const ms = Math.round(performance.now() - began);
    chart.parentElement.hidden = false;
    drawChart(chart, series, {
      start: range.start, end: range.end, step: range.step,
      label: `Chart of ${query}: ${series.length} series`, empty: 'No data in this range',
    });
    drawLegend(legend, series);
    for (const w of [...(body.warnings ?? []), ...(body.infos ?? [])]) {
      const item = document.createElement('li');
      item.textContent = w;
      warnings.appendChild(item);
    }
    const step = Number.isFinite(range.step) ? `, step ${formatDuration(range.step)}` : '';
    statusLine.textContent = `${series.length} series${step}, ${ms} ms`;
  } catch (e) {
    if (e.name === 'AbortError') return;
    statusLine.textContent = '';
    showError(`The query could not be sent: ${e.message}`);
  } finally {
    if (inFlight === controller) {
      inFlight = null;
      result.setAttribute('aria-busy', 'false');
    }
  }
}

/** Fills the form from the address, as a shared link wrote it; true when there is a query. */
function readAddress() {
  const params = new URLSearchParams(location.search);
  queryInput.value = params.get('query') ?? '';
  stepInput.value = params.get('step') ?? '';
  const start = parseTime(params.get('start'));
  const end = parseTime(params.get('end'));
  if (!Number.isNaN(start) && !Number.isNaN(end)) {
    rangeSelect.value = 'custom';
    startInput.value = toLocalInput(start);
    endInput.value = toLocalInput(end);
  } else if (params.get('range') in RANGES) {
    rangeSelect.value = params.get('range');
  }
  syncRangeFields();
  return queryInput.value.trim() !== '';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  runQuery();
});
// Enter runs the query as in a one-line box; Shift+Enter keeps the textarea's new line.
queryInput.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
rangeSelect.addEventListener('change', syncRangeFields);
attachTooltip(chart, chart.parentElement.querySelector('.tooltip'));

if (readAddress()) runQuery();
startViews({
  list: document.getElementById('views'),
  status: document.getElementById('views-status'),
  refresh: document.getElementById('views-refresh'),
});
