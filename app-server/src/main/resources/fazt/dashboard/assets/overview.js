// The first page: how the instance is, and its apps by last deploy.
import { api } from './api.js';
import { h, show, bytes, ago } from './dom.js';
import { visitsSection } from './charts.js';

export async function overviewPage(main) {
  const [health, apps] = await Promise.all([api('GET', '/api/system/health'), api('GET', '/api/apps')]);
  const fact = (label, value, id) => h('div', { class: 'fact' }, h('span', { class: 'muted' }, label), h('strong', { id }, value));
  const recent = [...apps].sort((a, b) => b.updated_at - a.updated_at).slice(0, 5);
  show(main,
    h('h1', {}, 'Overview'),
    h('section', { class: 'facts', id: 'health' },
      fact('Status', health.status, 'health-status'),
      fact('Version', health.version, 'health-version'),
      fact('Up for', Math.round(health.uptime_seconds / 60) + ' min', 'health-uptime'),
      fact('Apps', String(health.apps), 'health-apps'),
      fact('JavaScript', health.js_engine, 'health-js'),
      fact('Memory', bytes(health.memory.rss_bytes), 'health-memory'),
      fact('Domains', health.base_domains.join(', '), 'health-domains'),
      fact('Data', health.data_path, 'health-data')),
    visitsSection('overview-visits'),
    h('section', {},
      h('h2', {}, 'Recent deploys'),
      recent.length === 0 ? h('p', { class: 'muted' }, 'Nothing deployed yet.')
        : h('ul', { class: 'plain' }, recent.map(a => h('li', {},
          h('a', { href: '#/apps/' + encodeURIComponent(a.name) }, a.name), ' v' + a.active_version + ', ' + ago(a.updated_at)))),
      h('p', {}, h('a', { class: 'button', href: '#/apps', id: 'publish' }, 'Publish a folder or a zip'))));
}
