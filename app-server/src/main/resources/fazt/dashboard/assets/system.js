// System: the managed instance's health, its HTTPS certificates, the settings that are safe to
// change from a browser, and a backup of its data.db.
import { api, download, managedPeer } from './api.js';
import { h, show, notes, bytes } from './dom.js';
import { certificatesSection, redrawCertificates } from './certs.js';

// what may be changed here; port and bind are left to the machine itself (a wrong one locks you out)
const SETTINGS = [
  ['domain', 'Base domain', 'apps are served at NAME.domain; applies at the next start'],
  ['trusted_proxies', 'Trusted proxies', 'addresses or ranges, comma-separated, whose X-Forwarded-For is believed'],
  ['analytics_retention_days', 'Analytics kept (days)', 'daily counts of pageviews and events; older ones are deleted daily'],
  ['analytics_raw_days', 'Single analytics events kept (days)', 'for hourly charts and the latest events; the daily counts stay'],
  ['logs_retention_days', 'Function logs kept (days)', ''],
  ['functions_timeout_ms', 'Function time limit (ms)', 'a call running longer is stopped'],
  ['functions_max_body_bytes', 'Function request body limit (bytes)', ''],
  ['functions_max_response_bytes', 'Function response limit (bytes)', ''],
  ['functions_concurrency', 'Functions run at once', '0: twice the cores, at least 4'],
  ['functions_queue', 'Function calls waiting', 'further calls are answered 503'],
  ['fetch_timeout_ms', 'Fetch timeout (ms)', 'the default for fazt.net.fetch; never past the function time limit'],
  ['fetch_max_response_bytes', 'Fetch response limit (bytes)', 'a larger response is an error for the function'],
  ['fetch_concurrency', 'Fetches at once per app', 'further fetches are refused until one ends'],
  ['fetch_allow_private', 'Private networks functions may fetch from', 'addresses or ranges, comma-separated; empty: none (cloud metadata never)'],
  ['realtime_max_connections_per_app', 'Live connections per app', 'WebSocket clients on one app\'s /_ws; more are answered 429'],
  ['realtime_max_connections_per_ip', 'Live connections per address', 'from one client address, all apps together'],
  ['realtime_ping_interval_ms', 'Live connection heartbeat (ms)', 'a connection silent for a whole interval after a ping is closed'],
  ['realtime_queue_messages', 'Messages waiting per live connection', 'a client further behind is disconnected'],
];

let dirty = false;

export async function systemPage(main, quiet) {
  if (quiet && dirty) return redrawCertificates(main); // a setting is being edited: keep what was typed
  const [health, config] = await Promise.all([api('GET', '/api/system/health'), api('GET', '/api/system/config')]);
  dirty = false;
  const fact = (label, value, id) => h('div', { class: 'fact' }, h('span', { class: 'muted' }, label), h('strong', { id }, value));
  const message = h('p', { id: 'settings-message', role: 'status' }, notes.system);
  const inputs = {};
  const rows = SETTINGS.map(([key, label, hint]) => {
    inputs[key] = h('input', { id: 'setting-' + key, name: key, value: config[key] ?? '', oninput: () => { dirty = true; },
      placeholder: key === 'domain' ? 'detected: ' + health.base_domains.join(', ') : null });
    return h('div', { class: 'setting', 'data-setting': key },
      h('label', { for: 'setting-' + key }, label, ' ', h('code', { class: 'muted' }, key)),
      inputs[key],
      hint ? h('small', { class: 'muted' }, hint) : null);
  });
  const form = h('form', { id: 'settings', onsubmit: async e => {
    e.preventDefault();
    const changed = {};
    for (const [key] of SETTINGS) if (inputs[key].value.trim() !== (config[key] ?? '')) changed[key] = inputs[key].value.trim();
    if (!Object.keys(changed).length) return show(message, 'Nothing changed.');
    try {
      const now = await api('PUT', '/api/system/config', changed);
      // a flag or FAZT_ variable given at start beats a stored value for this run
      const overridden = Object.keys(changed).filter(k => now[k] !== changed[k]);
      notes.system = 'Saved: ' + Object.keys(changed).join(', ') + '.' + (overridden.length
        ? ` Stored, but this run keeps ${overridden.join(', ')} from its command line or environment.` : '');
      dirty = false;
      await systemPage(main);
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  } }, rows, h('button', { type: 'submit', id: 'settings-save' }, 'Save settings'));
  show(main,
    h('h1', {}, 'System'),
    h('section', { class: 'facts', id: 'system-health' },
      fact('Status', health.status, 'system-status'),
      fact('Version', health.version, 'system-version'),
      fact('Up for', Math.round(health.uptime_seconds / 60) + ' min', 'system-uptime'),
      fact('Memory', bytes(health.memory.rss_bytes) + ' (heap ' + bytes(health.memory.heap_used_bytes) + ')', 'system-memory'),
      fact('Data', health.data_path, 'system-data')),
    await certificatesSection(health),
    h('h2', {}, 'Backup'),
    backup(),
    h('h2', {}, 'Settings'),
    form, message);
}

function backup() {
  const said = h('span', { id: 'backup-message', role: 'status' });
  const peer = managedPeer();
  const hint = h('p', { class: 'muted' }, 'A consistent copy of data.db made now: every app, version, setting and user. ',
    'To restore, start fazt on the copy: fazt --server --data FILE.');
  if (!peer) {
    return h('div', {}, hint, h('a', { class: 'button', id: 'backup-download', href: '/api/system/backup', download: 'fazt-backup.db' },
      'Download backup'));
  }
  // a plain link cannot carry X-Fazt-Peer: fetch it, then hand the browser the bytes as a file
  const button = h('button', { id: 'backup-download', onclick: async () => {
    button.disabled = true;
    show(said, ' Making the backup …');
    try {
      const size = await download('/api/system/backup', 'fazt-backup-' + peer + '.db');
      show(said, ' Downloaded (' + bytes(size) + ').');
    } catch (err) {
      show(said, h('span', { class: 'error' }, ' ' + err.message));
    } finally {
      button.disabled = false;
    }
  } }, 'Download backup');
  return h('div', {}, hint, button, said);
}
