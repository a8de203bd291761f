// Apps: the list with search and the publish area; an app's page with its versions, files, schedules and delete.
import { api, upload, managedPeer } from './api.js';
import { h, show, bytes, ago, notes } from './dom.js';
import { zip, skipped, filesOfDropped } from './zip.js';
import { envSection } from './envvars.js';
import { schedulesSection } from './schedules.js';
import { appLogsSection } from './logs.js';
import { visitsSection } from './charts.js';

/** Where the managed instance serves an app (the rules of SPEC §9, seen from here). */
async function appUrls() {
  const health = await api('GET', '/api/system/health');
  const peer = managedPeer();
  let origin = location;
  if (peer) {
    const peers = await api('GET', '/api/peers', undefined, { local: true });
    origin = new URL(peers.find(p => p.name === peer).url);
  }
  const base = origin.hostname === 'localhost' || origin.hostname === '127.0.0.1' ? 'localhost' : health.base_domains[0];
  const port = origin.port ? ':' + origin.port : '';
  // the landing app (root) is served on the bare base domain, never on localhost (the dashboard is there)
  return name => name === 'root' ? `${origin.protocol}//${health.base_domains[0]}${port}/` : `${origin.protocol}//${name}.${base}${port}/`;
}

function publishArea(onDone) {
  const bar = h('progress', { id: 'deploy-progress', max: 1, value: 0, hidden: true });
  const message = h('p', { id: 'deploy-message', role: 'status' }, notes.publish);
  const say = text => {
    notes.publish = text;
    show(message, text);
  };
  async function send(blob, name) {
    const form = new FormData();
    form.append('file', blob, 'site.zip');
    if (name) form.append('site_name', name);
    bar.hidden = false;
    show(message, 'Publishing …');
    try {
      const r = await upload('/api/deploy', form, (sent, total) => { bar.max = total || blob.size; bar.value = sent; });
      say(`Published ${r.app} version ${r.version} (${r.file_count} files, ${bytes(r.size_bytes)}).`);
      onDone(r);
    } catch (err) {
      say(h('span', { class: 'error' }, 'Not published: ' + err.message));
    } finally {
      bar.hidden = true;
    }
  }
  async function sendFolder(folder, files) {
    const kept = files.filter(f => !skipped(f.path));
    if (kept.length === 0) return show(message, h('span', { class: 'error' }, 'That folder has nothing to publish.'));
    const hasManifest = kept.some(f => f.path === 'manifest.json');
    await send(await zip(kept), hasManifest ? null : folder);
  }
  const zipInput = h('input', { type: 'file', id: 'deploy-zip', accept: '.zip,application/zip', onchange: e => {
    const f = e.target.files[0];
    if (f) send(f, f.name.replace(/\.zip$/i, ''));
    e.target.value = '';
  } });
  const folderInput = h('input', { type: 'file', id: 'deploy-folder', webkitdirectory: true, onchange: e => {
    const files = [...e.target.files];
    if (files.length === 0) return;
    const folder = files[0].webkitRelativePath.split('/')[0];
    sendFolder(folder, files.map(file => ({ path: file.webkitRelativePath.slice(folder.length + 1), file })));
    e.target.value = '';
  } });
  const zone = h('section', { class: 'drop', id: 'drop-zone',
    ondragover: e => { e.preventDefault(); zone.classList.add('over'); },
    ondragleave: () => zone.classList.remove('over'),
    ondrop: async e => {
      e.preventDefault();
      zone.classList.remove('over');
      const entry = e.dataTransfer.items[0]?.webkitGetAsEntry?.();
      if (entry?.isDirectory) return sendFolder(entry.name, await filesOfDropped(entry));
      const f = e.dataTransfer.files[0];
      if (f) send(f, f.name.replace(/\.zip$/i, ''));
    } },
    h('p', {}, h('strong', {}, 'Drop a folder or a zip here'), ' to publish it, or choose one:'),
    h('p', { class: 'choices' }, h('label', {}, 'Folder ', folderInput), h('label', {}, 'Zip ', zipInput)),
    bar, message);
  return zone;
}

export async function appsPage(main) {
  let [apps, urlOf] = await Promise.all([api('GET', '/api/apps'), appUrls()]);
  const body = h('tbody');
  const search = h('input', { id: 'app-search', type: 'search', placeholder: 'Search apps', 'aria-label': 'Search apps',
    oninput: () => fill(search.value.trim().toLowerCase()) });
  function fill(q) {
    show(body, apps.filter(a => !q || a.name.includes(q)).map(a => h('tr', { 'data-app': a.name },
      h('td', {}, h('a', { href: '#/apps/' + encodeURIComponent(a.name) }, a.name)),
      h('td', {}, 'v' + a.active_version),
      h('td', { class: 'num' }, String(a.file_count)),
      h('td', { class: 'num' }, bytes(a.size_bytes)),
      h('td', { class: 'num', 'data-live': a.name, title: 'open /_ws connections now' }, String(a.connections ?? 0)),
      h('td', {}, ago(a.updated_at)),
      h('td', {}, h('a', { href: urlOf(a.name), target: '_blank', rel: 'noopener' }, urlOf(a.name))))));
  }
  fill('');
  show(main,
    h('h1', {}, 'Apps'),
    publishArea(async () => {
      apps = await api('GET', '/api/apps');
      fill(search.value.trim().toLowerCase());
    }),
    search,
    h('div', { class: 'scroll' }, h('table', { id: 'apps' },
      h('thead', {}, h('tr', {}, ['Name', 'Active', 'Files', 'Size', 'Live', 'Last deploy', 'URL'].map(t => h('th', {}, t)))), body)));
}

export async function appPage(main, name) {
  const ref = encodeURIComponent(name);
  const [app, versions, files, urlOf, environment, schedules] = await Promise.all([api('GET', '/api/apps/' + ref),
    api('GET', '/api/apps/' + ref + '/versions'), api('GET', '/api/apps/' + ref + '/files'), appUrls(), envSection(name),
    schedulesSection(name)]);
  const message = h('p', { id: 'app-message', role: 'status' }, notes.app);
  const rollback = v => async () => {
    try {
      const r = await api('POST', '/api/apps/' + ref + '/rollback', { version: v });
      notes.app = `${name} now serves version ${r.version}.`;
      await appPage(main, name);
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  };
  const remove = async () => {
    if (!confirm(`Delete ${name} with all its versions and data${managedPeer() ? ' on peer ' + managedPeer() : ''}?`)) return;
    try {
      await api('DELETE', '/api/apps/' + ref);
      location.hash = '#/apps';
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  };
  show(main,
    h('p', {}, h('a', { href: '#/apps' }, '← Apps')),
    h('h1', {}, name),
    h('p', {}, h('a', { href: urlOf(name), target: '_blank', rel: 'noopener', id: 'open-app' }, 'Open ' + urlOf(name)),
      ' · version ' + app.active_version + ' · ' + app.file_count + ' files · ' + bytes(app.size_bytes) + ' · ',
      h('span', { id: 'app-connections' }, (app.connections ?? 0) + ' live ' + ((app.connections ?? 0) === 1 ? 'connection' : 'connections')),
      ' · ', h('a', { href: '#/data/' + ref, id: 'app-data' }, 'Data')),
    message,
    visitsSection('app-visits', name),
    h('h2', {}, 'Versions'),
    h('ul', { class: 'plain', id: 'versions' }, versions.map(v => h('li', { 'data-version': v.version },
      'v' + v.version + ' · ' + ago(v.created_at) + ' · ' + v.file_count + ' files ',
      v.active ? h('strong', {}, 'active') : h('button', { class: 'small', onclick: rollback(v.version) }, 'Roll back to this')))),
    h('h2', {}, 'Files'),
    h('ul', { class: 'plain files' }, files.map(f => h('li', {}, f.path + ' · ' + bytes(f.size)))),
    environment,
    schedules,
    h('h2', {}, 'Live logs'),
    h('p', {}, h('a', { href: '#/logs/' + ref, id: 'app-logs-open' }, 'Open on the Logs page')),
    appLogsSection(name),
    h('h2', {}, 'Danger'),
    h('button', { class: 'danger', id: 'delete-app', onclick: remove }, 'Delete ' + name + '…'));
}
