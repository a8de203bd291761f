// Analytics (SPEC §7, docs/analytics.md): pageviews and visitors over time, the top paths,
// referrers, events and apps, the latest events, for one app (#/analytics/NAME) or all of them;
// and the short links that /r/SLUG follows.
import { api, managedPeer } from './api.js';
import { h, show, notes, ago } from './dom.js';
import { timeline, drawVisits } from './charts.js';

const DAY = 86400000;
const HOUR = 3600000;
const RANGES = [
  { id: '24h', label: 'Last 24 hours', hours: 24 },
  { id: '7d', label: 'Last 7 days', days: 7 },
  { id: '30d', label: 'Last 30 days', days: 30 },
  { id: '365d', label: 'Last year', days: 365 },
];
const RECENT = 50;

// what the person chose, kept while they move between apps
const choice = { range: '30d', interval: 'day', event: '' };
// each drawing gets a number; an answer that arrives after a newer drawing began is dropped
let drawing = 0;

/** The range chosen: `from` for the summary and the timeline, `to` for the timeline (the end of its last bucket). */
function span(now) {
  const r = RANGES.find(x => x.id === choice.range) || RANGES[2];
  const step = choice.interval === 'hour' ? HOUR : DAY;
  const from = r.hours ? (Math.floor(now / HOUR) - r.hours + 1) * HOUR : (Math.floor(now / DAY) - r.days + 1) * DAY;
  // whole buckets up to the current one: for days this lets the server answer from its day totals
  return { from, to: (Math.floor(now / step) + 1) * step };
}

export async function analyticsPage(main, app) {
  const mine = ++drawing;
  const now = Date.now();
  const { from, to } = span(now);
  const q = p => new URLSearchParams(Object.fromEntries(Object.entries(p).filter(([, v]) => v)));
  const [apps, summary, points, events, links] = await Promise.all([
    api('GET', '/api/apps'),
    api('GET', '/api/stats?' + q({ app, from: String(from) })),
    timeline(app, choice.interval, from, to),
    api('GET', '/api/events?' + q({ app, event: choice.event, limit: String(RECENT) })),
    api('GET', '/api/redirects'),
  ]);
  if (mine !== drawing) return;
  const status = h('span', { id: 'stats-status', class: 'muted', role: 'status' });
  // a choice made on the page: the old numbers stay until the new ones are there
  const redraw = () => {
    show(status, 'Loading …');
    analyticsPage(main, app).catch(err => show(status, h('span', { class: 'error' }, err.message)));
  };
  const appName = id => apps.find(a => a.id === id)?.name || id || '(none)';

  const appSelect = h('select', { id: 'stats-app', onchange: e => {
    location.hash = '#/analytics' + (e.target.value ? '/' + encodeURIComponent(e.target.value) : '');
  } }, h('option', { value: '' }, 'All apps'),
    apps.map(a => h('option', { value: a.name, selected: a.name === app }, a.name)));
  const rangeSelect = h('select', { id: 'stats-range', onchange: e => {
    choice.range = e.target.value;
    // a year by the hour is 8,760 points: fine for the chart, but a day is what one looks at
    choice.interval = choice.range === '24h' ? 'hour' : choice.range === '365d' ? 'day' : choice.interval;
    redraw();
  } }, RANGES.map(r => h('option', { value: r.id, selected: r.id === choice.range }, r.label)));
  const intervalButton = (id, label) => h('button', { type: 'button', class: 'toggle', id: 'interval-' + id,
    'aria-pressed': String(choice.interval === id), onclick: () => {
      if (choice.interval === id) return;
      choice.interval = id;
      redraw();
    } }, label);

  const fact = (label, value, id) => h('div', { class: 'fact' }, h('span', { class: 'muted' }, label), h('strong', { id }, String(value)));
  const chart = h('div', { id: 'visits-chart', class: 'chart' });
  show(main,
    h('h1', {}, app ? 'Analytics of ' + app : 'Analytics'),
    h('div', { class: 'row controls' },
      h('label', {}, 'App ', appSelect),
      h('label', {}, 'Range ', rangeSelect),
      h('span', { class: 'toggles', role: 'group', 'aria-label': 'Points by' }, 'By ',
        intervalButton('day', 'day'), intervalButton('hour', 'hour')),
      status),
    h('section', { class: 'facts', id: 'stats-totals' },
      fact('Pageviews', summary.range.pageviews, 'visits-total'),
      fact('Visitors', summary.range.visitors, 'visitors-total'),
      fact('Events', summary.range.events, 'events-total'),
      fact('Pageviews today', summary.pageviews.today, 'visits-today')),
    h('p', { class: 'muted' }, `By ${choice.interval}, in UTC; a visitor counts once a day.`),
    chart,
    h('div', { class: 'tops' },
      top('Top paths', 'top-paths', summary.by_path),
      top('Referrers', 'top-referrers', summary.by_referrer),
      top('Events', 'top-events', summary.by_event),
      app ? null : top('Apps', 'top-apps', summary.by_app.map(c => ({ key: c.name || c.key || '(no app)', count: c.count })))),
    recentEvents(events, summary.by_event, appName, redraw),
    shortLinks(links));
  await drawVisits(chart, points, choice.interval);
}

function top(title, id, counts) {
  return h('section', {}, h('h2', {}, title),
    counts.length === 0 ? h('p', { class: 'muted', id }, 'Nothing in this range.')
      : h('div', { class: 'scroll' }, h('table', { id, class: 'counts' },
        h('tbody', {}, counts.map(c => h('tr', { 'data-key': c.key ?? '' },
          h('td', {}, c.key ?? '(none)'), h('td', { class: 'num' }, String(c.count))))))));
}

function recentEvents(events, byEvent, appName, redraw) {
  const filter = h('select', { id: 'events-filter', 'aria-label': 'Which events', onchange: e => {
    choice.event = e.target.value;
    redraw();
  } }, h('option', { value: '' }, 'every event'),
    [...new Set([choice.event, ...byEvent.map(c => c.key)])].filter(Boolean)
      .map(k => h('option', { value: k, selected: k === choice.event }, k)));
  return h('section', {},
    h('h2', {}, 'Latest events'),
    h('p', {}, h('label', {}, `The last ${RECENT}, of `, filter)),
    events.length === 0 ? h('p', { class: 'muted', id: 'recent-events' }, 'No events yet.')
      : h('div', { class: 'scroll' }, h('table', { id: 'recent-events' },
        h('thead', {}, h('tr', {}, ['When', 'App', 'Path', 'Event', 'Referrer'].map(t => h('th', {}, t)))),
        h('tbody', {}, events.map(e => h('tr', { 'data-event': e.id },
          h('td', { title: new Date(e.time).toISOString() }, ago(e.time)), h('td', {}, e.app_id ? appName(e.app_id) : e.host || ''),
          h('td', {}, e.path || ''), h('td', {}, e.event), h('td', {}, e.referrer || '')))))));
}

/** The short links section; after a change it replaces itself (the chart above stays as it is). */
function shortLinks(links) {
  const message = h('p', { id: 'links-message', role: 'status' }, notes.links);
  const act = async (what, done) => {
    try {
      await what();
      notes.links = done;
      section.replaceWith(shortLinks(await api('GET', '/api/redirects')));
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  };
  const slug = h('input', { id: 'link-slug', placeholder: 'slug', 'aria-label': 'Slug', required: true });
  const url = h('input', { id: 'link-url', inputmode: 'url', placeholder: 'https://…', 'aria-label': 'Destination URL', required: true });
  const form = h('form', { class: 'row', onsubmit: e => {
    e.preventDefault();
    const s = slug.value.trim();
    act(() => api('POST', '/api/redirects', { slug: s, url: url.value.trim() }), `/r/${s} now leads to ${url.value.trim()}.`);
  } }, slug, url, h('button', { type: 'submit', id: 'link-create' }, 'Create'));
  // on a peer the link lives on the peer's address, which the browser may not reach
  const path = s => managedPeer() ? '/r/' + s : h('a', { href: '/r/' + encodeURIComponent(s), target: '_blank', rel: 'noopener' }, '/r/' + s);
  const remove = s => h('button', { class: 'small danger', onclick: () => {
    if (confirm(`Delete the short link /r/${s}?`)) act(() => api('DELETE', '/api/redirects/' + encodeURIComponent(s)), `/r/${s} is deleted.`);
  } }, 'Delete');
  const section = h('section', { id: 'short-links' },
    h('h2', {}, 'Short links'),
    h('p', { class: 'muted' }, '/r/SLUG on any of this instance\'s addresses leads to the destination and counts the click.'),
    form, message,
    links.length === 0 ? h('p', { class: 'muted', id: 'links' }, 'No short links yet.')
      : h('div', { class: 'scroll' }, h('table', { id: 'links' },
        h('thead', {}, h('tr', {}, ['Link', 'Leads to', 'Clicks', 'Made', ''].map(t => h('th', {}, t)))),
        h('tbody', {}, links.map(l => h('tr', { 'data-slug': l.slug },
          h('td', {}, path(l.slug)), h('td', { class: 'wrap' }, l.destination), h('td', { class: 'num' }, String(l.clicks)),
          h('td', {}, ago(l.created_at)), h('td', {}, remove(l.slug))))))));
  return section;
}
