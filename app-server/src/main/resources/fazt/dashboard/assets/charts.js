// Visits over time as a chart. uPlot draws it (one canvas, fast with thousands of points); it is
// served by this instance as /assets/uplot.js and /assets/uplot.css (its WebJar), and loaded the
// first time a chart is needed.
import { api } from './api.js';
import { h, show } from './dom.js';

const DAY = 86400000;
const HOUR = 3600000;
/** The most points one timeline call answers (docs/api.md); longer ranges are asked in parts. */
const MAX_POINTS = 5000;

let library = null;
function uPlotLibrary() {
  if (!library) {
    document.head.append(h('link', { rel: 'stylesheet', href: '/assets/uplot.css' }));
    library = import('./uplot.js').then(m => m.default).catch(err => {
      library = null;
      throw err;
    });
  }
  return library;
}

/**
 * Timeline points `[{start, events, pageviews, visitors}]` of `app` (every app when empty) for
 * `[from, to)` in buckets of `interval` ('hour' or 'day'), oldest first; a range of more than
 * 5000 buckets (a year by the hour) is asked in parts.
 */
export async function timeline(app, interval, from, to) {
  const step = interval === 'hour' ? HOUR : DAY;
  const first = Math.floor(from / step) * step;
  const parts = [];
  for (let start = first; start < to; start += MAX_POINTS * step) {
    const end = Math.min(start + MAX_POINTS * step, to);
    const q = new URLSearchParams({ interval, from: String(Math.max(start, from)), to: String(end) });
    if (app) q.set('app', app);
    parts.push(api('GET', '/api/stats/timeline?' + q));
  }
  return (await Promise.all(parts)).flat();
}

// charts on screen: resized with the window, dropped once their page is gone
const drawn = new Set();
window.addEventListener('resize', () => {
  for (const c of drawn) {
    if (!c.box.isConnected) forget(c);
    else c.plot.setSize(sizeOf(c.box));
  }
});

function forget(c) {
  c.plot.destroy();
  drawn.delete(c);
}

function sizeOf(box) {
  const width = Math.max(box.clientWidth || box.parentElement?.clientWidth || 600, 200);
  return { width, height: width < 500 ? 180 : 240 };
}

/** The dashboard's colours (app.css), so the chart follows the light or dark theme. */
function colours() {
  const css = getComputedStyle(document.documentElement);
  const v = name => css.getPropertyValue(name).trim();
  return { accent: v('--accent'), second: v('--second') || '#e08a00', muted: v('--muted'), line: v('--line') };
}

/**
 * Draws pageviews and visitors of `points` into `box` (a chart of its own, replacing what `box`
 * held). `box` carries the numbers it shows: data-points, data-pageviews, data-visitors.
 */
export async function drawVisits(box, points, interval) {
  const uPlot = await uPlotLibrary();
  for (const c of drawn) if (c.box === box || !c.box.isConnected) forget(c);
  const pageviews = points.reduce((n, p) => n + p.pageviews, 0);
  box.dataset.points = String(points.length);
  box.dataset.pageviews = String(pageviews);
  box.dataset.visitors = String(points.reduce((n, p) => n + p.visitors, 0));
  box.setAttribute('role', 'img');
  box.setAttribute('aria-label', `${pageviews} pageviews in ${points.length} ${interval}s`);
  show(box);
  const c = colours();
  const axis = { stroke: c.muted, grid: { stroke: c.line, width: 1 }, ticks: { stroke: c.line, width: 1 } };
  const opts = {
    ...sizeOf(box),
    cursor: { drag: { x: true, y: false } },
    scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(4, max)] } },
    axes: [axis, { ...axis, size: 44 }],
    series: [
      { value: (u, v) => v == null ? '' : new Date(v * 1000).toISOString().slice(0, interval === 'hour' ? 16 : 10).replace('T', ' ') },
      { label: 'Pageviews', stroke: c.accent, width: 2, fill: c.accent + '22', points: { show: points.length <= 60 } },
      { label: 'Visitors', stroke: c.second, width: 2, points: { show: points.length <= 60 } },
    ],
  };
  const data = [points.map(p => p.start / 1000), points.map(p => p.pageviews), points.map(p => p.visitors)];
  drawn.add({ box, plot: new uPlot(opts, data, box) });
}

/**
 * A section with the last 30 days of visits of `app` (every app when empty): a heading, the
 * totals in words (`#ID-total`) and the chart (`#ID`). It is returned at once and fills itself.
 */
export function visitsSection(id, app) {
  const total = h('p', { id: id + '-total', class: 'muted' }, 'Loading …');
  const box = h('div', { id, class: 'chart' });
  const more = h('a', { href: '#/analytics' + (app ? '/' + encodeURIComponent(app) : '') }, 'More in Analytics');
  const section = h('section', {}, h('h2', {}, 'Visits, last 30 days'), total, box, h('p', {}, more));
  // whole days, today included: the server answers those from its day totals
  const today = Math.floor(Date.now() / DAY);
  const from = (today - 29) * DAY;
  const to = (today + 1) * DAY;
  timeline(app, 'day', from, to).then(async points => {
    await drawVisits(box, points, 'day');
    show(total, `${box.dataset.pageviews} pageviews, ${box.dataset.visitors} visitors (by day, UTC)`);
  }).catch(err => show(total, h('span', { class: 'error' }, 'No chart: ' + err.message)));
  return section;
}
