// API keys (SPEC §6.2): for scripts, CI and other machines; the token is shown once, when made.
import { api } from './api.js';
import { h, show, ago } from './dom.js';

export async function keysPage(main, created) {
  const keys = await api('GET', '/api/keys');
  const message = h('div', { id: 'keys-message', role: 'status' });
  if (created) {
    const token = h('code', { id: 'new-token' }, created.token);
    show(message, h('p', {}, `Key "${created.key.name}" (${created.key.scope}) is made. Copy its token now; it is never shown again: `),
      h('p', { class: 'token' }, token, ' ', h('button', { class: 'small', id: 'copy-token',
        onclick: () => navigator.clipboard?.writeText(created.token).then(() => show(copied, 'Copied.'), () => {}) }, 'Copy')));
  }
  const copied = h('span', { class: 'muted' });
  message.append(copied);
  const name = h('input', { id: 'key-name', placeholder: 'what it is for (ci, laptop, …)', 'aria-label': 'Key name', required: true });
  const scope = h('select', { id: 'key-scope', 'aria-label': 'Scope' },
    h('option', { value: 'read' }, 'read'), h('option', { value: 'deploy' }, 'deploy'), h('option', { value: 'admin' }, 'admin'));
  const form = h('form', { class: 'row', onsubmit: async e => {
    e.preventDefault();
    try {
      await keysPage(main, await api('POST', '/api/keys', { name: name.value.trim(), scope: scope.value }));
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  } }, name, scope, h('button', { type: 'submit', id: 'key-create' }, 'Create key'));
  const revoke = k => h('button', { class: 'small danger', onclick: async () => {
    if (!confirm(`Revoke the key "${k.name}"? Whatever uses it stops working at once.`)) return;
    try {
      await api('DELETE', '/api/keys/' + encodeURIComponent(k.id));
      await keysPage(main);
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  } }, 'Revoke');
  show(main,
    h('h1', {}, 'API keys'),
    form, message,
    h('div', { class: 'scroll' }, h('table', { id: 'keys' },
      h('thead', {}, h('tr', {}, ['Name', 'Scope', 'Created', 'Last used', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, keys.map(k => h('tr', { 'data-key': k.name },
        h('td', {}, k.name), h('td', {}, k.scope), h('td', {}, ago(k.created_at)),
        h('td', {}, k.last_used_at ? ago(k.last_used_at) : 'never'), h('td', {}, revoke(k))))))));
}
