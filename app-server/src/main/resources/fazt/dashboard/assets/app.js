// The dashboard's shell: sign-in, the header with the instance being managed, and the pages,
// chosen by the URL's fragment (#/apps, #/apps/NAME, …).
import { api, ApiError, managedPeer, manage } from './api.js';
import { h, show, clearNotes } from './dom.js';
import { overviewPage } from './overview.js';
import { appsPage, appPage } from './apps.js';
import { follow } from './live.js';
import { aliasesPage } from './aliases.js';
import { keysPage } from './keys.js';
import { installPalette } from './palette.js';
import { dataPage } from './data.js';
import { logsPage, stopLogView } from './logs.js';
import { usersPage } from './users.js';
import { peersPage, INSTANCES_CHANGED } from './peers.js';
import { systemPage } from './system.js';
import { analyticsPage } from './analytics.js';

const root = document.getElementById('root');

// Every page: its place in the URL (#/NAME/ARG), its name in the menu, and how it is drawn.
// `quiet` is true when the page is drawn again for a change made elsewhere.
const pages = [
  { path: '', nav: 'Overview', draw: main => overviewPage(main) },
  { path: 'apps', nav: 'Apps', draw: (main, arg) => arg ? appPage(main, arg) : appsPage(main) },
  // what a person is browsing or editing (a page of keys, a filter) stays until they act
  { path: 'data', nav: 'Data', draw: (main, arg, quiet) => quiet && arg ? null : dataPage(main, arg) },
  // the log view follows its own stream: a change elsewhere must not wipe its lines, search or pause
  { path: 'logs', nav: 'Logs', draw: (main, arg, quiet) => quiet ? null : logsPage(main, arg) },
  // #/analytics/NAME is one app's; drawn again only when asked (a year of points is not redrawn for a deploy)
  { path: 'analytics', nav: 'Analytics', draw: (main, arg, quiet) => quiet ? null : analyticsPage(main, arg) },
  { path: 'aliases', nav: 'Aliases', draw: main => aliasesPage(main) },
  { path: 'users', nav: 'Users', draw: (main, arg, quiet) => usersPage(main, quiet) },
  // a new key's token stays on screen until the person leaves
  { path: 'keys', nav: 'Keys', draw: (main, arg, quiet) => quiet ? null : keysPage(main) },
  { path: 'peers', nav: 'Peers', draw: (main, arg, quiet) => peersPage(main, quiet) },
  { path: 'system', nav: 'System', draw: (main, arg, quiet) => systemPage(main, quiet) },
];

function signInPage(status) {
  const error = h('p', { class: 'error', id: 'signin-error', role: 'alert' });
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true,
    value: status?.username || 'admin' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const remember = h('input', { id: 'remember', type: 'checkbox' });
  const form = h('form', { class: 'card signin', onsubmit: async e => {
    e.preventDefault();
    show(error);
    try {
      await api('POST', '/api/login', { username: username.value, password: password.value, remember_me: remember.checked }, { local: true });
      password.value = '';
      start();
    } catch (err) {
      show(error, err.message);
    }
  } },
    h('h1', {}, 'fazt'),
    h('label', { for: 'username' }, 'Username'), username,
    h('label', { for: 'password' }, 'Password'), password,
    h('label', { class: 'inline' }, remember, ' Keep me signed in for 30 days'),
    h('button', { id: 'signin', type: 'submit' }, 'Sign in'),
    error);
  show(root, h('main', { class: 'center' }, form));
  password.focus();
}

let knownPeers = []; // the linked peers, as the header's menu last listed them

async function instanceSwitcher() {
  let peers = [];
  try {
    peers = await api('GET', '/api/peers', undefined, { local: true });
  } catch (e) {
    // the switcher then offers this instance only
  }
  knownPeers = peers;
  const current = managedPeer();
  if (current && !peers.some(p => p.name === current)) manage('');
  const select = h('select', { id: 'instance', 'aria-label': 'Instance being managed', onchange: e => switchTo(e.target.value) },
    h('option', { value: '' }, 'This instance'),
    peers.map(p => h('option', { value: p.name, selected: p.name === managedPeer() }, 'Peer ' + p.name)));
  return select;
}


/** Makes every page act on `peer` (a linked peer's name, or '' for this instance). */
async function switchTo(peer) {
  manage(peer);
  const select = document.getElementById('instance');
  if (select) select.value = peer;
  followManaged();
  await route();
}

async function signOut() {
  stopFollowing();
  followed = null;
  await api('POST', '/api/logout', {}, { local: true }).catch(() => {});
  manage('');
  signInPage(null);
}

// what the command palette offers besides the apps: every page, the common actions, every instance
function paletteEntries() {
  const go = (hash, focus) => () => {
    pendingFocus = focus;
    if (location.hash === hash) route();
    else location.hash = hash;
  };
  return [
    ...pages.map(p => ({ label: 'Go to ' + p.nav, run: go('#/' + p.path) })),
    { label: 'Publish a folder or a zip', run: go('#/apps', 'deploy-folder') },
    { label: 'Find an app', run: go('#/apps', 'app-search') },
    { label: 'Set an alias', run: go('#/aliases', 'alias-subdomain') },
    { label: 'Create an API key', run: go('#/keys', 'key-name') },
    { label: 'Manage this instance', run: () => switchTo('') },
    ...knownPeers.map(p => ({ label: 'Manage peer ' + p.name, run: () => switchTo(p.name) })),
    { label: 'Sign out', run: signOut },
  ];
}
const openPalette = installPalette(paletteEntries);

async function header() {
  return h('header', {},
    h('a', { class: 'brand', href: '#/' }, 'fazt'),
    h('nav', {}, pages.map(p => h('a', { href: '#/' + p.path, id: 'nav-' + (p.path || 'overview') }, p.nav))),
    h('button', { id: 'jump', class: 'link', title: 'Ctrl+K or ⌘K', onclick: openPalette }, 'Jump to …'),
    h('span', { class: 'managing' }, 'Managing ', await instanceSwitcher()),
    h('button', { id: 'signout', class: 'link', onclick: signOut }, 'Sign out'));
}

const main = h('main', { id: 'page' });

// what changed elsewhere (the CLI, the desktop, an agent, a peer) shows within a second: the page
// being looked at is drawn again, at most once per half second
let redraw = null;
let pendingFocus = null; // the field an action of the palette asked for, focused once its page is drawn
let stopFollowing = () => {};
let followed = null;

/** Follows the change stream of the instance being managed (again, if that changed). */
function followManaged() {
  if (followed === managedPeer()) return;
  stopFollowing();
  followed = managedPeer();
  stopFollowing = follow(changed);
}

// the Peers page linked, unlinked or chose a peer to manage: the header's menu and the stream follow
window.addEventListener(INSTANCES_CHANGED, async () => {
  const old = root.querySelector('header');
  if (old) old.replaceWith(await header());
  followManaged();
});

function changed() {
  if (redraw || document.querySelector('#page input:focus, #page progress:not([hidden])')) return;
  redraw = setTimeout(() => { redraw = null; route(true); }, 500);
}

async function route(quiet) {
  const [, page, arg] = (location.hash || '#/').slice(1).split('/');
  if (!quiet) {
    clearNotes();
    show(main, h('p', { class: 'muted' }, 'Loading …'));
  }
  try {
    const chosen = pages.find(p => p.path === page) || pages[0];
    await chosen.draw(main, arg === undefined ? undefined : decodeURIComponent(arg), quiet);
    if (pendingFocus && !quiet) document.getElementById(pendingFocus)?.focus();
    if (!quiet) pendingFocus = null;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && !managedPeer()) return start();
    show(main, h('p', { class: 'error', role: 'alert' }, err.message));
  }
}

async function start() {
  let status;
  try {
    status = await api('GET', '/api/auth/status', undefined, { local: true });
  } catch (err) {
    show(root, h('main', { class: 'center' }, h('p', { class: 'error' }, err.message)));
    return;
  }
  if (!status.authenticated) return signInPage(status);
  show(root, await header(), main);
  followed = null;
  followManaged();
  await route();
}

window.addEventListener('hashchange', () => route());
// A page left for another may be kept whole by the browser to come back to (the back/forward
// cache); its open streams would then hold connections this origin needs (a browser opens at
// most six per host), and a new tab of the dashboard would wait for them. So the streams end when
// the page is hidden, and start again, with the page drawn afresh, when it is shown from the cache.
window.addEventListener('pagehide', () => {
  stopFollowing();
  followed = null;
  stopLogView();
});
window.addEventListener('pageshow', e => {
  if (!e.persisted || !document.getElementById('page')) return;
  followManaged();
  route();
});
start();
