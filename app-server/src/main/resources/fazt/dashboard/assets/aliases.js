// Aliases (SPEC §3.4): subdomains that serve an app, redirect elsewhere, or are kept reserved.
import { api } from './api.js';
import { h, show, notes } from './dom.js';

export async function aliasesPage(main) {
  const [aliases, apps] = await Promise.all([api('GET', '/api/aliases'), api('GET', '/api/apps')]);
  const appName = id => apps.find(a => a.id === id)?.name || id;
  const message = h('p', { id: 'aliases-message', role: 'status' }, notes.aliases);
  const act = async (what, done) => {
    try {
      await what();
      notes.aliases = done;
      await aliasesPage(main);
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  };
  const subdomain = h('input', { id: 'alias-subdomain', placeholder: 'subdomain', 'aria-label': 'Subdomain', required: true });
  const type = h('select', { id: 'alias-type', 'aria-label': 'Type' },
    h('option', { value: 'app' }, 'serves an app'), h('option', { value: 'redirect' }, 'redirects to a URL'),
    h('option', { value: 'reserved' }, 'is reserved'));
  const target = h('input', { id: 'alias-target', placeholder: 'app name or https://…', 'aria-label': 'Target',
    list: 'alias-apps' });
  const form = h('form', { class: 'row', onsubmit: e => {
    e.preventDefault();
    const sub = subdomain.value.trim();
    act(() => api('POST', '/api/aliases', { subdomain: sub, type: type.value, target: target.value.trim() || null }),
      `${sub} is set.`);
  } }, subdomain, type, target, h('datalist', { id: 'alias-apps' }, apps.map(a => h('option', { value: a.name }))),
    h('button', { type: 'submit', id: 'alias-set' }, 'Set'));
  const swapWith = sub => h('select', { class: 'small', 'aria-label': 'Swap ' + sub + ' with', onchange: e => {
    if (e.target.value) act(() => api('POST', '/api/aliases/swap', { a: sub, b: e.target.value }), `${sub} and ${e.target.value} swapped.`);
  } }, h('option', { value: '' }, 'Swap with …'), aliases.filter(o => o.subdomain !== sub).map(o => h('option', { value: o.subdomain }, o.subdomain)));
  const remove = sub => h('button', { class: 'small danger', onclick: () => {
    if (confirm(`Remove the alias ${sub}?`)) act(() => api('DELETE', '/api/aliases/' + encodeURIComponent(sub)), `${sub} is removed.`);
  } }, 'Remove');
  show(main,
    h('h1', {}, 'Aliases'),
    form, message,
    h('div', { class: 'scroll' }, h('table', { id: 'aliases' },
      h('thead', {}, h('tr', {}, ['Subdomain', 'Type', 'Target', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, aliases.map(a => h('tr', { 'data-alias': a.subdomain },
        h('td', {}, a.subdomain), h('td', {}, a.type),
        h('td', {}, a.type === 'app' ? appName(a.target) : a.target || ''),
        h('td', { class: 'actions' }, swapWith(a.subdomain), ' ', remove(a.subdomain))))))));
}
