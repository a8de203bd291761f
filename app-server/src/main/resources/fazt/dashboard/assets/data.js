// Data (SPEC §5): what an app's functions stored — keys and values, document collections, blobs —
// to browse page by page, view, edit, delete and export, the way a database browser does.
import { api, download, managedPeer } from './api.js';
import { h, show, bytes, ago } from './dom.js';

const PAGE = 50;
const DOCS_PAGE = 25;
const enc = encodeURIComponent;

/** A short one-line view of any JSON value. */
function preview(value, max = 80) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? text.slice(0, max) + '…' : text;
}

function until(ms) {
  const s = Math.round((ms - Date.now()) / 1000);
  if (s < 1) return 'expiring';
  if (s < 60) return 'in ' + s + ' s';
  if (s < 3600) return 'in ' + Math.round(s / 60) + ' min';
  if (s < 86400) return 'in ' + Math.round(s / 3600) + ' h';
  return 'in ' + Math.round(s / 86400) + ' days';
}

function say(el, text, isError) {
  show(el, isError ? h('span', { class: 'error' }, text) : text);
}

/** " on peer NAME" while a peer is managed, so a confirmation names where the deletion happens. */
function where() {
  return managedPeer() ? ' on peer ' + managedPeer() : '';
}

/** JSON typed by a person, or an error that says what is wrong with it. */
function parseJson(text, what) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not valid JSON: ${e.message}`);
  }
}

/** Previous / Next over pages that each say where the next one starts (`meta.next`: KV keys, blobs). */
function keyPages(id, load, fail) {
  const before = [];
  let current = null;
  let next = null;
  const go = async after => {
    try {
      next = await load(after);
      current = after;
    } catch (err) {
      fail(err);
    }
    previous.disabled = before.length === 0;
    following.disabled = !next;
  };
  const previous = h('button', { type: 'button', class: 'small', id: id + '-prev', disabled: true,
    onclick: () => go(before.pop() ?? null) }, '← Previous');
  const following = h('button', { type: 'button', class: 'small', id: id + '-next', disabled: true,
    onclick: () => { before.push(current); go(next); } }, 'Next →');
  return {
    bar: h('p', { class: 'pager' }, previous, following),
    first: () => { before.length = 0; return go(null); },
    again: () => go(current),
  };
}

/** The Data menu entry without an app: which app's data to look at. */
async function chooseApp(main) {
  const apps = await api('GET', '/api/apps');
  const list = h('ul', { class: 'plain', id: 'data-apps' });
  const search = h('input', { id: 'data-app-search', type: 'search', placeholder: 'Search apps', 'aria-label': 'Search apps',
    oninput: () => fill() });
  function fill() {
    const q = search.value.trim().toLowerCase();
    const found = apps.filter(a => !q || a.name.includes(q));
    show(list, found.slice(0, PAGE).map(a => h('li', { 'data-app': a.name }, h('a', { href: '#/data/' + enc(a.name) }, a.name))),
      found.length > PAGE ? h('li', { class: 'muted' }, `and ${found.length - PAGE} more: type to narrow the list`) : null,
      found.length === 0 ? h('li', { class: 'muted' }, apps.length ? 'No app matches.' : 'No apps yet: publish one on the Apps page.') : null);
  }
  fill();
  show(main, h('h1', {}, 'Data'),
    h('p', { class: 'muted' }, 'Choose an app to see what its functions stored: keys and values, document collections and blobs.'),
    search, list);
}

export async function dataPage(main, app) {
  if (!app) return chooseApp(main);
  const base = '/api/apps/' + enc(app);
  await api('GET', base); // an unknown app is said in the server's words
  const sections = { kv: ['Keys and values', kvSection], docs: ['Documents', docsSection], blobs: ['Blobs', blobsSection] };
  const area = h('section', { id: 'data-area' });
  const tabs = Object.entries(sections).map(([id, [label]]) =>
    h('button', { type: 'button', class: 'tab', id: 'tab-' + id, 'aria-pressed': 'false', onclick: () => open(id) }, label));
  async function open(id) {
    tabs.forEach(t => t.setAttribute('aria-pressed', String(t.id === 'tab-' + id)));
    show(area, h('p', { class: 'muted' }, 'Loading …'));
    try {
      await sections[id][1](area, base);
    } catch (err) {
      show(area, h('p', { class: 'error', role: 'alert' }, err.message));
    }
  }
  show(main,
    h('p', {}, h('a', { href: '#/data' }, '← Data'), ' · ', h('a', { href: '#/apps/' + enc(app) }, 'App ' + app)),
    h('h1', {}, 'Data of ' + app),
    h('div', { class: 'tabs', role: 'group', 'aria-label': 'What to browse' }, tabs),
    area);
  await open('kv');
}

async function kvSection(area, base) {
  const message = h('p', { id: 'kv-message', role: 'status' });
  const editor = h('div', { id: 'kv-editor-area' });
  const prefix = h('input', { id: 'kv-prefix', type: 'search', placeholder: 'key prefix, e.g. user:', 'aria-label': 'Key prefix' });
  const body = h('tbody');
  const pages = keyPages('kv', async after => {
    const page = await api('GET', `${base}/kv?limit=${PAGE}&prefix=${enc(prefix.value)}` + (after ? '&after=' + enc(after) : ''),
      undefined, { whole: true });
    show(body, page.data.length ? page.data.map(row)
      : h('tr', {}, h('td', { colspan: 4, class: 'muted' }, prefix.value ? 'No key starts with that.' : 'No keys.')));
    return page.meta?.next;
  }, err => say(message, err.message, true));
  const row = e => h('tr', { 'data-key': e.key },
    h('td', { class: 'wrap' }, e.key),
    h('td', { class: 'value' }, preview(e.value)),
    h('td', { class: 'expires' }, e.expires_at ? until(e.expires_at) : 'never'),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'small', onclick: () => edit(e.key) }, 'View / edit'), ' ',
      h('button', { type: 'button', class: 'small danger', onclick: () => remove(e.key) }, 'Delete')));
  async function edit(key) {
    try {
      kvEditor(await api('GET', `${base}/kv/entry?key=${enc(key)}`));
    } catch (err) {
      say(message, err.message, true);
    }
  }
  async function remove(key) {
    if (!confirm(`Delete the key "${key}"${where()}?`)) return;
    try {
      await api('DELETE', `${base}/kv/entry?key=${enc(key)}`);
      say(message, `Deleted ${key}.`);
      await pages.again();
    } catch (err) {
      say(message, err.message, true);
    }
  }
  function kvEditor(entry) {
    const isText = typeof entry?.value === 'string';
    const key = h('input', { id: 'kv-key', value: entry?.key || '', readonly: !!entry, required: true });
    const format = h('select', { id: 'kv-format' },
      h('option', { value: 'json', selected: !isText }, 'JSON'), h('option', { value: 'text', selected: isText }, 'text'));
    const value = h('textarea', { id: 'kv-value', rows: 6, spellcheck: 'false' });
    value.value = entry ? (isText ? entry.value : JSON.stringify(entry.value, null, 2)) : '';
    const secondsLeft = entry?.expires_at ? Math.max(1, Math.round((entry.expires_at - Date.now()) / 1000)) : '';
    const ttl = h('input', { id: 'kv-ttl', type: 'number', min: 1, step: 1, placeholder: 'never expires', value: secondsLeft });
    const form = h('form', { class: 'editor', onsubmit: async e => {
      e.preventDefault();
      try {
        const change = { value: format.value === 'text' ? value.value : parseJson(value.value, 'The value') };
        if (ttl.value) change.ttl_ms = Math.round(Number(ttl.value) * 1000);
        const k = key.value;
        await api('PUT', `${base}/kv/entry?key=${enc(k)}`, change);
        show(editor);
        say(message, `Saved ${k}.`);
        await pages.again();
      } catch (err) {
        say(message, err.message, true);
      }
    } },
      h('h2', {}, entry ? 'Edit ' + entry.key : 'New key'),
      h('label', { for: 'kv-key' }, 'Key'), key,
      h('label', { for: 'kv-value' }, 'Value'), value,
      h('label', { for: 'kv-format' }, 'Stored as'), format,
      h('label', { for: 'kv-ttl' }, 'Expires after (seconds; empty: never)'), ttl,
      h('p', { class: 'pager' }, h('button', { type: 'submit', id: 'kv-save' }, 'Save'),
        h('button', { type: 'button', class: 'link', onclick: () => show(editor) }, 'Cancel')));
    show(editor, form);
    (entry ? value : key).focus();
  }
  show(area,
    h('form', { class: 'row', onsubmit: e => { e.preventDefault(); show(message); pages.first(); } },
      prefix, h('button', { type: 'submit', id: 'kv-search' }, 'Search'),
      h('button', { type: 'button', id: 'kv-new', class: 'link', onclick: () => kvEditor(null) }, 'New key')),
    message, editor,
    h('div', { class: 'scroll' }, h('table', { id: 'kv', class: 'data' },
      h('thead', {}, h('tr', {}, ['Key', 'Value', 'Expires', ''].map(t => h('th', {}, t)))), body)),
    pages.bar);
  await pages.first();
}

async function exportCollection(base, name, message) {
  try {
    const size = await download(`${base}/docs/export?collection=${enc(name)}`, name + '.json');
    say(message, `Exported ${name} as ${name}.json (${bytes(size)}).`);
  } catch (err) {
    say(message, err.message, true);
  }
}

async function docsSection(area, base) {
  const message = h('p', { id: 'collections-message', role: 'status' });
  const holder = h('div', { id: 'collection-area' });
  const prefix = h('input', { id: 'collection-prefix', type: 'search', placeholder: 'collection name prefix', 'aria-label': 'Collection name prefix' });
  const body = h('tbody');
  const pages = keyPages('collections', async after => {
    const page = await api('GET', `${base}/collections?limit=${PAGE}&prefix=${enc(prefix.value)}` + (after ? '&after=' + enc(after) : ''),
      undefined, { whole: true });
    show(body, page.data.length ? page.data.map(row) : h('tr', {}, h('td', { colspan: 3, class: 'muted' },
      prefix.value ? 'No collection name starts with that.' : 'No collections: this app has stored no documents.')));
    return page.meta?.next;
  }, err => say(message, err.message, true));
  const row = c => h('tr', { 'data-collection': c.name },
    h('td', { class: 'wrap' }, c.name), h('td', { class: 'num' }, String(c.count)),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'small browse', onclick: () => browseCollection(holder, base, c.name) }, 'Browse'), ' ',
      h('button', { type: 'button', class: 'small export', onclick: () => exportCollection(base, c.name, message) }, 'Export as JSON')));
  show(area,
    h('form', { class: 'row', onsubmit: e => { e.preventDefault(); show(message); pages.first(); } },
      prefix, h('button', { type: 'submit', id: 'collection-search' }, 'Search')),
    h('div', { class: 'scroll' }, h('table', { id: 'collections', class: 'data' },
      h('thead', {}, h('tr', {}, ['Collection', 'Documents', ''].map(t => h('th', {}, t)))), body)),
    pages.bar, message, holder);
  await pages.first();
}

function browseCollection(holder, base, name) {
  const message = h('p', { id: 'docs-message', role: 'status' });
  const editor = h('div', { id: 'doc-editor-area' });
  const filter = h('textarea', { id: 'doc-filter', rows: 2, spellcheck: 'false', placeholder: '{"status": "open", "total": {"$gte": 10}}' });
  const sort = h('input', { id: 'doc-sort', placeholder: 'field, -field or {"field": -1}' });
  const body = h('tbody');
  const range = h('span', { id: 'docs-range', class: 'muted' });
  let offset = 0;
  let total = 0;
  let count = 0;
  async function load(at) {
    const q = filter.value.trim();
    const s = sort.value.trim();
    const page = await api('GET', `${base}/docs?collection=${enc(name)}&limit=${DOCS_PAGE}&offset=${at}`
      + (q ? '&query=' + enc(q) : '') + (s ? '&sort=' + enc(s) : ''), undefined, { whole: true });
    offset = at;
    total = page.meta.total;
    count = page.data.length;
    show(body, page.data.map(row));
    show(range, total ? `${offset + 1}–${offset + count} of ${total}` : 'No document matches.');
    previous.disabled = offset === 0;
    following.disabled = offset + count >= total;
  }
  const go = at => load(at).catch(err => say(message, err.message, true));
  const previous = h('button', { type: 'button', class: 'small', id: 'docs-prev', disabled: true,
    onclick: () => go(Math.max(0, offset - DOCS_PAGE)) }, '← Previous');
  const following = h('button', { type: 'button', class: 'small', id: 'docs-next', disabled: true,
    onclick: () => go(offset + count) }, 'Next →');
  const row = d => h('tr', { 'data-id': d.id },
    h('td', { class: 'wrap' }, d.id),
    h('td', { class: 'value' }, preview(fieldsOf(d))),
    h('td', {}, ago(d._updatedAt)),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'small', onclick: () => docEditor(d) }, 'View / edit'), ' ',
      h('button', { type: 'button', class: 'small danger', onclick: () => remove(d.id) }, 'Delete')));
  async function remove(id) {
    if (!confirm(`Delete document "${id}" from ${name}${where()}?`)) return;
    try {
      await api('DELETE', `${base}/docs/entry?collection=${enc(name)}&id=${enc(id)}`);
      show(editor);
      await load(offset > 0 && count === 1 ? offset - DOCS_PAGE : offset);
      say(message, `Deleted ${id}.`);
    } catch (err) {
      say(message, err.message, true);
    }
  }
  function docEditor(doc) {
    const text = h('textarea', { id: 'doc-json', rows: 12, spellcheck: 'false' });
    text.value = JSON.stringify(doc, null, 2);
    show(editor, h('form', { class: 'editor', onsubmit: async e => {
      e.preventDefault();
      try {
        const changed = parseJson(text.value, 'The document');
        if (changed === null || typeof changed !== 'object' || Array.isArray(changed)) throw new Error('The document must be a JSON object: {…}');
        await api('PUT', `${base}/docs/entry?collection=${enc(name)}&id=${enc(doc.id)}`, changed);
        show(editor);
        await load(offset);
        say(message, `Saved ${doc.id}.`);
      } catch (err) {
        say(message, err.message, true);
      }
    } },
      h('h3', {}, 'Document ' + doc.id),
      h('label', { for: 'doc-json' }, 'Fields (id, _createdAt and _updatedAt are kept by the server)'), text,
      h('p', { class: 'pager' }, h('button', { type: 'submit', id: 'doc-save' }, 'Save'),
        h('button', { type: 'button', class: 'link', onclick: () => show(editor) }, 'Close'))));
    text.focus();
  }
  show(holder,
    h('h2', {}, 'Collection ' + name),
    h('form', { class: 'query', onsubmit: e => {
      e.preventDefault();
      show(message);
      go(0);
    } },
      h('label', { for: 'doc-filter' }, 'Filter (JSON, as in fazt.storage.ds.find; empty: every document)'), filter,
      h('label', { for: 'doc-sort' }, 'Sort (empty: newest first)'), sort,
      h('p', { class: 'pager' }, h('button', { type: 'submit', id: 'doc-apply' }, 'Apply'),
        h('button', { type: 'button', id: 'docs-export', class: 'link', onclick: () => exportCollection(base, name, message) }, 'Export as JSON'))),
    message, editor,
    h('div', { class: 'scroll' }, h('table', { id: 'docs', class: 'data' },
      h('thead', {}, h('tr', {}, ['Id', 'Fields', 'Updated', ''].map(t => h('th', {}, t)))), body)),
    h('p', { class: 'pager' }, previous, following, range));
  go(0);
}

function fieldsOf(doc) {
  const { id, _createdAt, _updatedAt, ...fields } = doc;
  return fields;
}

async function blobsSection(area, base) {
  const message = h('p', { id: 'blobs-message', role: 'status' });
  const prefix = h('input', { id: 'blob-prefix', type: 'search', placeholder: 'path prefix, e.g. images/', 'aria-label': 'Path prefix' });
  const body = h('tbody');
  const pages = keyPages('blobs', async after => {
    const page = await api('GET', `${base}/blobs?limit=${PAGE}&prefix=${enc(prefix.value)}` + (after ? '&after=' + enc(after) : ''),
      undefined, { whole: true });
    show(body, page.data.length ? page.data.map(row)
      : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, prefix.value ? 'No blob path starts with that.' : 'No blobs.')));
    return page.meta?.next;
  }, err => say(message, err.message, true));
  const row = b => h('tr', { 'data-path': b.path },
    h('td', { class: 'wrap' }, b.path), h('td', {}, b.mime), h('td', { class: 'num' }, bytes(b.size)), h('td', {}, ago(b.updated_at)),
    h('td', { class: 'actions' },
      h('button', { type: 'button', class: 'small download', onclick: () => save(b.path) }, 'Download'), ' ',
      h('button', { type: 'button', class: 'small danger', onclick: () => remove(b.path) }, 'Delete')));
  async function save(path) {
    const name = path.slice(path.lastIndexOf('/') + 1) || 'blob';
    try {
      const size = await download(`${base}/blobs/entry?path=${enc(path)}`, name);
      say(message, `Downloaded ${path} (${bytes(size)}).`);
    } catch (err) {
      say(message, err.message, true);
    }
  }
  async function remove(path) {
    if (!confirm(`Delete the blob "${path}"${where()}?`)) return;
    try {
      await api('DELETE', `${base}/blobs/entry?path=${enc(path)}`);
      say(message, `Deleted ${path}.`);
      await pages.again();
    } catch (err) {
      say(message, err.message, true);
    }
  }
  show(area,
    h('form', { class: 'row', onsubmit: e => { e.preventDefault(); show(message); pages.first(); } },
      prefix, h('button', { type: 'submit', id: 'blob-search' }, 'Search')),
    message,
    h('div', { class: 'scroll' }, h('table', { id: 'blobs', class: 'data' },
      h('thead', {}, h('tr', {}, ['Path', 'Type', 'Size', 'Updated', ''].map(t => h('th', {}, t)))), body)),
    pages.bar);
  await pages.first();
}
