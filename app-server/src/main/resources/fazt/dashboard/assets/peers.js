// Peers (SPEC §10): the other instances this one links and can manage. This page always shows THIS
// instance's own peers (the one signed in to), even while the dashboard manages one of them: only
// this instance can relay to its peers, so only its list can be chosen from.
import { api, managedPeer, manage } from './api.js';
import { h, show, notes, ago } from './dom.js';

/** Sent on window when the peers or the instance being managed changed; app.js redraws its header. */
export const INSTANCES_CHANGED = 'fazt:instances';

const local = { local: true };
const announce = () => window.dispatchEvent(new Event(INSTANCES_CHANGED));

export async function peersPage(main, quiet) {
  const peers = await api('GET', '/api/peers', undefined, local);
  const message = h('p', { id: 'peers-message', role: 'status' }, notes.peers);
  const act = async (what, done) => {
    try {
      await what();
      notes.peers = done;
      announce();
      await peersPage(main, true);
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  };

  const name = h('input', { id: 'peer-name', placeholder: 'name (home, vps, …)', 'aria-label': 'Peer name', required: true });
  const url = h('input', { id: 'peer-url', placeholder: 'http://admin.example.com', 'aria-label': 'Peer address', required: true });
  const code = h('input', { id: 'peer-code', placeholder: 'pairing code XXXX-XXXX', 'aria-label': 'Pairing code',
    autocomplete: 'off', required: true });
  const link = h('form', { class: 'row', onsubmit: e => {
    e.preventDefault();
    const n = name.value.trim();
    act(() => api('POST', '/api/peers', { name: n, url: url.value.trim(), code: code.value.trim() }, local),
      `Linked ${n}. Choose Manage to work on it.`);
  } }, name, url, code, h('button', { type: 'submit', id: 'peer-link' }, 'Link peer'));

  const statusCell = p => h('td', { class: 'peer-status', 'data-status': p.status || 'unknown' },
    p.status || 'not contacted yet', p.warning ? h('span', { class: 'muted' }, ' (' + p.warning + ')') : null);
  const row = p => h('tr', { 'data-peer': p.name },
    h('td', {}, p.name, p.is_default ? h('span', { class: 'muted' }, ' (default)') : null,
      p.name === managedPeer() ? h('span', { class: 'muted' }, ' (managed now)') : null),
    h('td', { class: 'wrap' }, p.url),
    statusCell(p),
    h('td', {}, p.version || ''),
    h('td', {}, p.last_seen_at ? ago(p.last_seen_at) : 'never'),
    h('td', { class: 'actions' },
      h('button', { class: 'small', 'data-manage': p.name, onclick: () => {
        manage(p.name);
        announce();
        location.hash = '#/';
      } }, 'Manage'), ' ',
      p.is_default ? null : h('button', { class: 'small', 'data-default': p.name, onclick: () =>
        act(() => api('PUT', '/api/peers/' + encodeURIComponent(p.name) + '/default', {}, local), `${p.name} is the default peer now.`) },
      'Make default'), ' ',
      h('button', { class: 'small danger', 'data-unlink': p.name, onclick: () => {
        if (confirm(`Unlink the peer "${p.name}"? This instance forgets it and asks it to revoke the key it gave.`)) {
          act(() => api('DELETE', '/api/peers/' + encodeURIComponent(p.name), undefined, local), `${p.name} is unlinked.`);
        }
      } }, 'Unlink')));
  const rows = h('tbody', {}, peers.map(row));

  show(main,
    h('h1', {}, 'Peers'),
    h('p', { class: 'muted' }, 'The instances this one links and can manage (choose Manage, or the menu at the top). ',
      'This list is always the one of the instance you signed in to, also while you manage a peer.'),
    h('h2', {}, 'Link a peer'),
    h('p', { class: 'muted' }, 'On the other instance make a pairing code (its dashboard: Peers, or "fazt server pair"), then enter its address and the code here.'),
    link, message,
    peers.length ? h('div', { class: 'scroll' }, h('table', { id: 'peers' },
      h('thead', {}, h('tr', {}, ['Name', 'Address', 'Status', 'Version', 'Last seen', ''].map(t => h('th', {}, t)))),
      rows)) : h('p', { class: 'muted', id: 'no-peers' }, 'No peers linked yet.'),
    await pairingSection());

  // live status: each peer is contacted now (once per visit, not on every redraw); rows fill in as answers come
  if (!quiet) {
    for (const p of peers) {
      api('GET', '/api/peers/' + encodeURIComponent(p.name) + '/status', undefined, local).then(s => {
        const tr = rows.querySelector(`tr[data-peer="${CSS.escape(p.name)}"]`);
        if (!tr) return;
        const fresh = { ...p, ...s.peer, warning: s.problem || s.peer.warning };
        tr.replaceWith(row(fresh));
      }, () => {});
    }
  }
}

/** The addresses another instance can link to: the one this page came from, and admin.<base> for each base domain. */
async function addresses() {
  const found = [location.origin];
  try {
    const health = await api('GET', '/api/system/health', undefined, local);
    const port = location.port ? ':' + location.port : '';
    for (const base of health.base_domains || []) {
      if (base === 'localhost') continue;
      const a = `${location.protocol}//admin.${base}${port}`;
      if (!found.includes(a)) found.push(a);
    }
  } catch (e) {
    // the page's own address is still right
  }
  return found;
}

async function pairingSection() {
  const out = h('div', { id: 'pairing', role: 'status' });
  const draw = async () => {
    const c = notes.pairing;
    if (!c || c.expires_at <= Date.now()) return show(out);
    const copied = h('span', { class: 'muted' });
    const until = new Date(c.expires_at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const list = await addresses();
    show(out,
      h('p', { class: 'token' }, h('code', { id: 'pairing-code' }, c.code), ' ',
        h('button', { class: 'small', id: 'copy-pairing-code', onclick: () =>
          navigator.clipboard?.writeText(c.code).then(() => show(copied, 'Copied.'), () => {}) }, 'Copy'), ' ', copied),
      h('p', { id: 'pairing-expiry' }, `Usable once, until ${until}.`),
      h('p', {}, 'On the other instance, link a peer with one of these addresses (one it can reach) and this code:'),
      h('ul', { class: 'plain', id: 'pairing-addresses' }, list.map(a => h('li', {}, h('code', {}, a)))),
      h('p', { class: 'muted' }, `Or from a terminal there: fazt peer add NAME ${list[list.length - 1]} --code ${c.code}`));
  };
  const mint = h('button', { id: 'pairing-mint', onclick: async () => {
    try {
      notes.pairing = await api('POST', '/api/peers/pairing-code', {}, local);
      await draw();
    } catch (err) {
      show(out, h('p', { class: 'error' }, err.message));
    }
  } }, 'Make a pairing code');
  await draw();
  return h('section', {},
    h('h2', {}, 'Link this instance from another'),
    h('p', { class: 'muted' }, 'A pairing code lets another fazt link this one (and manage it) once; it is valid for 10 minutes.'),
    mint, out);
}
