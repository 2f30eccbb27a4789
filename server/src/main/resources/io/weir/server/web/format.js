// Parsing and printing of the things the API speaks: durations, sample values, label sets,
// times. Shared by the query chart and the views' charts.

const UNIT_SECONDS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/**
 * Seconds in a Prometheus duration ("1h30m", "15s", "500ms") or a plain number of seconds, as the
 * API's step parameter accepts both. NaN when the text is neither.
 */
export function parseDuration(text) {
  const s = String(text).trim();
  if (s === '') return NaN;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let rest = s;
  // Units in Prometheus's order, each at most once; "ms" is tried before "m".
  const part = /^(\d+)(ms|y|w|d|h|m|s)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (!m) return NaN;
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** The shortest Prometheus duration for whole seconds ("90" -> "1m30s"); fractions as "250ms". */
export function formatDuration(seconds) {
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  let rest = Math.round(seconds);
  let out = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]]) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

/** A sample value as the API writes it: a string, with Prometheus's spellings of infinities. */
export function parseValue(text) {
  switch (text) {
    case '+Inf': return Infinity;
    case '-Inf': return -Infinity;
    case 'NaN': return NaN;
    default: return Number(text);
  }
}

/** A series' label set as PromQL writes a selector: name{a="1", b="2"}. */
export function formatLabels(metric) {
  const name = metric.__name__ ?? '';
  const pairs = Object.keys(metric)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}=${JSON.stringify(metric[k])}`);
  if (pairs.length === 0) return name === '' ? '{}' : name;
  return `${name}{${pairs.join(', ')}}`;
}

/** A stable key for a label set, whatever the order of its members in the JSON. */
export function seriesKey(metric) {
  return JSON.stringify(Object.keys(metric).sort().map((k) => [k, metric[k]]));
}

/** A value for a tick or a tooltip: short, with SI prefixes for large and small magnitudes. */
export function formatNumber(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 1e4 || a < 1e-3) {
    const prefixes = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n']];
    for (const [size, p] of prefixes) {
      if (a >= size) return `${trim(v / size)}${p}`;
    }
    return v.toExponential(2);
  }
  return trim(v);
}

function trim(v) {
  return String(Number(v.toPrecision(4)));
}

const pad = (n) => String(n).padStart(2, '0');

/**
 * A local time for an axis tick: seconds shown only when ticks are under a minute apart, the date
 * only when the chart spans more than a day.
 */
export function formatTick(seconds, tickSeconds, spanSeconds) {
  const d = new Date(seconds * 1000);
  let s = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (tickSeconds < 60) s += `:${pad(d.getSeconds())}`;
  if (spanSeconds > 86400) s = `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${s}`;
  return s;
}

/** A full local time for tooltips and status lines. */
export function formatTime(seconds) {
  const d = new Date(seconds * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The value of a datetime-local input for a time in seconds (the input speaks local time). */
export function toLocalInput(seconds) {
  return formatTime(seconds).replace(' ', 'T');
}

/**
 * Seconds since the epoch from a URL parameter or an input: unix seconds, RFC 3339, or a
 * datetime-local value (read as local time, as the browser shows it). NaN otherwise.
 */
export function parseTime(text) {
  const s = String(text ?? '').trim();
  if (s === '') return NaN;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? NaN : ms / 1000;
}
