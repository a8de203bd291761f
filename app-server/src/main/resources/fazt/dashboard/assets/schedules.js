// An app's scheduled jobs (the "schedules" of its manifest.json): a small table with each job's
// last and next run, and a button that runs one now.
import { api } from './api.js';
import { h, show, ago } from './dom.js';

const SHORT = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };

function when(ms) {
  return ms == null ? 'never' : new Date(ms).toLocaleString([], SHORT);
}

function result(job) {
  if (job.running) return 'running';
  if (job.last_outcome == null) return '';
  return `${job.last_outcome} (${job.last_status}, ${job.last_duration_ms} ms, ${job.last_trigger})`;
}

/** The app page's Schedules section (an element), or nothing when the active version has no jobs. */
export async function schedulesSection(app) {
  const ref = encodeURIComponent(app);
  const jobs = await api('GET', '/api/apps/' + ref + '/schedules');
  if (jobs.length === 0) return '';
  const body = h('tbody');
  const message = h('p', { id: 'schedules-message', role: 'status' });
  async function fill(list) {
    show(body, list.map(job => h('tr', { 'data-path': job.path },
      h('td', {}, h('code', {}, job.path)),
      h('td', {}, h('code', {}, job.cron), job.tz === 'UTC' ? '' : ' ' + job.tz, job.catch_up ? '' : ' (no catch-up)'),
      h('td', { class: 'last-run', title: when(job.last_run_at) }, job.last_run_at == null ? 'never' : ago(job.last_run_at)),
      h('td', { class: 'result' }, result(job)),
      h('td', {}, when(job.next_run_at)),
      h('td', {}, h('button', { type: 'button', class: 'small run-now', 'aria-label': 'Run ' + job.path + ' now', onclick: async e => {
        e.target.disabled = true;
        try {
          const r = await api('POST', '/api/apps/' + ref + '/schedules/run', { path: job.path });
          show(message, `Ran ${r.path}: ${r.outcome}, ${r.status} in ${r.duration_ms} ms.`);
        } catch (err) {
          show(message, h('span', { class: 'error' }, err.message));
        }
        fill(await api('GET', '/api/apps/' + ref + '/schedules'));
      } }, 'Run now')))));
  }
  await fill(jobs);
  return h('section', { id: 'schedules' },
    h('h2', {}, 'Schedules'),
    h('div', { class: 'scroll' }, h('table', { id: 'schedules-list' },
      h('thead', {}, h('tr', {}, ['Path', 'Cron (UTC unless named)', 'Last run', 'Result', 'Next run', ''].map(t => h('th', {}, t)))), body)),
    message);
}
