// The dashboard's shell: sign-in, the header with the instance being managed, and the pages,
// chosen by the URL's fragment (#/apps, #/apps/NAME, …).
import { api, ApiError, managedPeer, manage } from './api.js';
import { h, show, clearNotes } from './dom.js';
import { overviewPage } from './overview.js';
import { appsPage, appPage } from './apps.js';
import { follow } from './live.js';
import { aliasesPage } from './aliases.js';
import { keysPage } from './keys.js';
import { analyticsPage } from './analytics.js';

const root = document.getElementById('root');

// Every page: its place in the URL (#/NAME/ARG), its name in the menu, and how it is drawn.
// `quiet` is true when the page is drawn again for a change made elsewhere.
const pages = [
  { path: '', nav: 'Overview', draw: main => overviewPage(main) },
  { path: 'apps', nav: 'Apps', draw: (main, arg) => arg ? appPage(main, arg) : appsPage(main) },
  { path: 'aliases', nav: 'Aliases', draw: main => aliasesPage(main) },
  // #/analytics/NAME is one app's; drawn again only when asked (a year of points is not redrawn for a deploy)
  { path: 'analytics', nav: 'Analytics', draw: (main, arg, quiet) => quiet ? null : analyticsPage(main, arg) },
  // a new key's token stays on screen until the person leaves
  { path: 'keys', nav: 'Keys', draw: (main, arg, quiet) => quiet ? null : keysPage(main) },
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

async function instanceSwitcher() {
  let peers = [];
  try {
    peers = await api('GET', '/api/peers', undefined, { local: true });
  } catch (e) {
    // the switcher then offers this instance only
  }
  const current = managedPeer();
  if (current && !peers.some(p => p.name === current)) manage('');
  const select = h('select', { id: 'instance', 'aria-label': 'Instance being managed', onchange: e => {
    manage(e.target.value);
    stopFollowing = follow(changed);
    route();
  } },
    h('option', { value: '' }, 'This instance'),
    peers.map(p => h('option', { value: p.name, selected: p.name === managedPeer() }, 'Peer ' + p.name)));
  return select;
}

async function header() {
  const signOut = h('button', { id: 'signout', class: 'link', onclick: async () => {
    stopFollowing();
    await api('POST', '/api/logout', {}, { local: true }).catch(() => {});
    manage('');
    signInPage(null);
  } }, 'Sign out');
  return h('header', {},
    h('a', { class: 'brand', href: '#/' }, 'fazt'),
    h('nav', {}, pages.map(p => h('a', { href: '#/' + p.path, id: 'nav-' + (p.path || 'overview') }, p.nav))),
    h('span', { class: 'managing' }, 'Managing ', await instanceSwitcher()),
    signOut);
}

const main = h('main', { id: 'page' });

// what changed elsewhere (the CLI, the desktop, an agent, a peer) shows within a second: the page
// being looked at is drawn again, at most once per half second
let redraw = null;
let stopFollowing = () => {};
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
  stopFollowing = follow(changed);
  await route();
}

window.addEventListener('hashchange', () => route());
start();
