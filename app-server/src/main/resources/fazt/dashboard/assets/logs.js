// Function logs, live: the Logs page (#/logs, #/logs/APP) and the app page's "Live logs" section.
// Lines come from GET /api/logs (the recent ones) and then GET /api/logs/stream (SSE), read with
// fetch because an EventSource cannot send X-Fazt-Peer; after a break the reader resumes with
// Last-Event-ID, so nothing is lost or shown twice.
import { api } from './api.js';
import { streamHeaders, readEvents } from './sse.js';
import { h, show, notes } from './dom.js';

/** Lines kept in memory per viewer; older ones are dropped. */
export const MAX_LINES = 10000;
/** Rows in the page at once (the newest matching ones), so 10,000 kept lines stay quick. */
const MAX_ROWS = 300;
const RETRY_MS = 2000;

const LEVELS = [['', 'All levels'], ['info', 'Info and above'], ['warn', 'Warnings and errors'], ['error', 'Errors only']];

function query(app, level) {
  const q = new URLSearchParams();
  if (app) q.set('app', app);
  if (level) q.set('level', level);
  return q;
}

/**
 * Reads the managed instance's log stream for `app` (all apps when empty) at or above `level`,
 * starting after line `after` (the newest lines the server keeps for a first connect when null).
 * Calls `onLines([line, …])` oldest first and `onState(state, words)` with 'live', 'reconnecting'
 * or 'stopped'. Returns a function that stops it.
 */
export function streamLogs({ app, level, after, onLines, onState }) {
  const controller = new AbortController();
  let lastId = after ?? null;
  const read = async () => {
    while (!controller.signal.aborted) {
      try {
        const r = await fetch('/api/logs/stream?' + query(app, level), { headers: streamHeaders(lastId), credentials: 'same-origin', signal: controller.signal });
        if (r.status >= 400 && r.status < 500) {
          // signed out, an app that is gone, a bad filter: trying again would not help
          let words = `the server answered ${r.status}`;
          try { words = JSON.parse(await r.text()).error.message; } catch (e) { /* not the API's envelope */ }
          onState('stopped', words);
          return;
        }
        if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
        onState('live');
        await readEvents(r, batch => {
          const fresh = batch.map(e => e.data).filter(line => lastId === null || line.id > lastId);
          if (fresh.length) {
            lastId = fresh[fresh.length - 1].id;
            onLines(fresh);
          }
        });
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      onState('reconnecting');
      await new Promise(ok => setTimeout(ok, RETRY_MS)); // the instance restarts or the network blinks
    }
  };
  read();
  return () => controller.abort();
}

function clock(ms) {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map(n => String(n).padStart(2, '0')).join(':');
}

function row(line, withApp) {
  return h('li', { class: 'level-' + line.level, 'data-log-id': line.id, 'data-level': line.level, 'data-app': line.app },
    h('time', { datetime: new Date(line.time).toISOString(), title: new Date(line.time).toLocaleString() }, clock(line.time)), ' ',
    h('span', { class: 'lvl' }, line.level), ' ',
    withApp ? [h('span', { class: 'app' }, line.app), ' '] : null,
    h('span', { class: 'msg' }, line.message));
}

// The one viewer streaming for the page on screen: a new page's viewer stops the last one.
let current = null;

/**
 * A live log view: level filter, search, Pause/Resume, the newest lines first. `app` fixes the
 * app (the app page) or, when `chooseApp` lists app names, starts the app menu there. Element
 * ids start with `prefix`. Returns `{element, stop}`.
 */
function logViewer({ prefix, app = '', chooseApp = null }) {
  if (current) current.stop();
  const hash = location.hash;
  let lines = [];   // oldest first, at most MAX_LINES
  let fresh = [];   // arrived since the last frame, not yet in the page
  let waiting = []; // arrived while paused
  let paused = false;
  let stopStream = () => {};
  let frame = 0;
  let generation = 0; // which restart is the latest, so an older one's answer is ignored

  const list = h('ul', { class: 'loglines', id: prefix + '-lines', 'aria-label': 'Log lines, newest first' });
  const count = h('span', { class: 'muted', id: prefix + '-count', role: 'status' });
  const state = h('span', { class: 'muted', id: prefix + '-state' }, 'Connecting …');
  const waitingNote = h('span', { id: prefix + '-waiting' });
  const search = h('input', { type: 'search', id: prefix + '-search', placeholder: 'Search these lines', 'aria-label': 'Search the lines',
    oninput: () => render() });
  const level = h('select', { id: prefix + '-level', 'aria-label': 'Level', onchange: () => restart() },
    LEVELS.map(([value, label]) => h('option', { value }, label)));
  const appMenu = chooseApp && h('select', { id: prefix + '-app', 'aria-label': 'App', onchange: () => restart() },
    h('option', { value: '' }, 'All apps'), chooseApp.map(name => h('option', { value: name, selected: name === app }, name)));
  const pause = h('button', { type: 'button', id: prefix + '-pause', class: 'small', 'aria-pressed': 'false', onclick: () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    if (!paused) {
      keep(waiting);
      waiting = [];
      render();
    }
    sayWaiting();
  } }, 'Pause');

  const matches = line => {
    const q = search.value.trim().toLowerCase();
    return !q || line.message.toLowerCase().includes(q) || line.app.toLowerCase().includes(q);
  };
  const keep = more => {
    lines.push(...more);
    if (lines.length > MAX_LINES) lines = lines.slice(lines.length - MAX_LINES);
  };
  const showsApp = () => !app || Boolean(appMenu);
  function sayCount(matching) {
    const shown = Math.min(matching, MAX_ROWS);
    show(count, `${lines.length.toLocaleString('en')} lines kept` +
      (matching !== lines.length ? `, ${matching.toLocaleString('en')} match` : '') +
      (shown < matching ? `, newest ${shown} shown` : ''));
  }
  function sayWaiting() {
    show(waitingNote, paused ? `Paused: ${waiting.length.toLocaleString('en')} new line${waiting.length === 1 ? '' : 's'} waiting` : '');
  }
  function render() {
    fresh = [];
    const rows = [];
    let matching = 0;
    for (let i = lines.length - 1; i >= 0; i--) {
      if (!matches(lines[i])) continue;
      matching++;
      if (rows.length < MAX_ROWS) rows.push(row(lines[i], showsApp()));
    }
    show(list, rows.length ? rows : h('li', { class: 'muted empty' }, 'No log lines yet. A function’s console.log shows here as it runs.'));
    sayCount(matching);
  }
  // new lines go into the page once per frame, however fast they come
  function flush() {
    frame = 0;
    if (fresh.length >= MAX_ROWS) return render();
    const added = fresh.filter(matches).reverse();
    fresh = [];
    if (added.length) {
      list.querySelector('.empty')?.remove();
      list.prepend(...added.map(l => row(l, showsApp())));
      while (list.childElementCount > MAX_ROWS) list.lastElementChild.remove();
    }
    sayCount(search.value.trim() ? lines.filter(matches).length : lines.length);
  }
  function arrived(batch) {
    if (!list.isConnected) return viewer.stop(); // signed out, or the page was drawn anew
    if (paused) {
      waiting.push(...batch);
      if (waiting.length > MAX_LINES) waiting = waiting.slice(waiting.length - MAX_LINES);
      return sayWaiting();
    }
    keep(batch);
    fresh.push(...batch);
    if (!frame) frame = requestAnimationFrame(flush);
  }
  async function restart() {
    stopStream();
    stopStream = () => {};
    const mine = ++generation;
    const chosenApp = appMenu ? appMenu.value : app;
    lines = [];
    fresh = [];
    waiting = [];
    sayWaiting();
    show(state, 'Connecting …');
    let recent = [];
    try {
      const q = query(chosenApp, level.value);
      q.set('limit', '1000');
      recent = await api('GET', '/api/logs?' + q);
    } catch (err) {
      show(state, h('span', { class: 'error' }, err.message));
    }
    if (mine !== generation) return; // the filter changed meanwhile, or the viewer stopped
    keep(recent.reverse());
    render();
    stopStream = streamLogs({ app: chosenApp, level: level.value, after: recent.length ? recent[recent.length - 1].id : null,
      onLines: arrived, onState: stateChanged });
  }
  function stateChanged(s, words) {
    if (s !== 'live' && !list.isConnected) return viewer.stop(); // nobody is looking: no reconnecting
    if (s === 'live') show(state, 'Live');
    else if (s === 'reconnecting') show(state, 'Reconnecting …');
    else show(state, h('span', { class: 'error' }, 'Stopped: ' + words));
  }

  const element = h('div', { class: 'logview', id: prefix },
    h('div', { class: 'logs-tools' }, appMenu, level, search, pause, state),
    h('p', { class: 'logs-counts' }, count, ' ', waitingNote),
    list);
  const leave = () => { if (location.hash !== hash) viewer.stop(); };
  const viewer = {
    app, element, hash,
    stop() {
      generation++;
      stopStream();
      stopStream = () => {};
      window.removeEventListener('hashchange', leave);
      if (frame) cancelAnimationFrame(frame);
      if (current === viewer) current = null;
    },
  };
  window.addEventListener('hashchange', leave);
  current = viewer;
  restart();
  return viewer;
}

/** Ends the log view on screen, if any (the page is being left). */
export function stopLogView() {
  if (current) current.stop();
}

/** The Logs page; `app` (from #/logs/APP) preselects an app. */
export async function logsPage(main, app) {
  const apps = await api('GET', '/api/apps');
  const viewer = logViewer({ prefix: 'logs', app: app || '', chooseApp: apps.map(a => a.name) });
  show(main, h('h1', {}, 'Logs'),
    h('p', { class: 'muted' }, 'What functions write with console.log and fazt.log, live from every app.'),
    viewer.element);
}

/**
 * The app page's live logs. A redraw for a change made elsewhere keeps the section (its lines,
 * search and pause) rather than starting over.
 */
export function appLogsSection(app) {
  if (notes.appLogs && current && current.app === app && current.hash === location.hash) return current.element;
  notes.appLogs = true;
  return logViewer({ prefix: 'app-logs', app }).element;
}
