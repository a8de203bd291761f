// An app's environment variables (what its functions read with fazt.env): listed with the values
// hidden until "Show" is pressed for one, set (a new key or a new value), deleted with confirmation.
import { api, managedPeer } from './api.js';
import { h, show, notes } from './dom.js';

const HIDDEN = '••••••••';

/** The app page's Environment section (an element), filled from GET /api/envvars. */
export async function envSection(app) {
  const ref = encodeURIComponent(app);
  let vars = await api('GET', '/api/envvars?app=' + ref);
  // the keys whose values the person asked to see, kept while the page is drawn again
  const shown = notes.envShown ||= new Set();
  const list = h('ul', { class: 'plain envvars', id: 'envvars' });
  const message = h('p', { id: 'env-message', role: 'status' }, notes.env);
  const say = text => {
    notes.env = text;
    show(message, text);
  };
  const failed = err => show(message, h('span', { class: 'error' }, err.message));

  async function reload() {
    vars = await api('GET', '/api/envvars?app=' + ref);
    fill();
  }
  function fill() {
    const keys = Object.keys(vars);
    if (keys.length === 0) return show(list, h('li', { class: 'muted' }, 'No variables yet.'));
    show(list, keys.map(key => {
      const visible = shown.has(key);
      const value = h('code', { class: 'env-value', 'data-hidden': String(!visible) }, visible ? vars[key] : HIDDEN);
      const toggle = h('button', { type: 'button', class: 'small link env-show', 'aria-label': (visible ? 'Hide ' : 'Show ') + key, onclick: () => {
        if (visible) shown.delete(key);
        else shown.add(key);
        fill();
        list.querySelector(`[data-env="${CSS.escape(key)}"] .env-show`)?.focus(); // keyboard users stay where they were
      } }, visible ? 'Hide' : 'Show');
      const remove = h('button', { type: 'button', class: 'small danger env-delete', 'aria-label': 'Delete ' + key, onclick: async () => {
        const where = managedPeer() ? ` on peer ${managedPeer()}` : '';
        if (!confirm(`Delete the variable ${key} of ${app}${where}? Its functions stop seeing it at once.`)) return;
        try {
          await api('DELETE', `/api/envvars?app=${ref}&key=${encodeURIComponent(key)}`);
          shown.delete(key);
          say(`${key} is deleted.`);
          await reload();
        } catch (err) {
          failed(err);
        }
      } }, 'Delete');
      return h('li', { 'data-env': key }, h('code', { class: 'env-key' }, key), ' = ', value, ' ', toggle, ' ', remove);
    }));
  }

  const key = h('input', { id: 'env-key', placeholder: 'KEY', 'aria-label': 'Variable name', required: true,
    autocomplete: 'off', spellcheck: 'false', pattern: '[A-Za-z_][A-Za-z0-9_]*', title: 'letters, digits and _, not starting with a digit' });
  const value = h('input', { id: 'env-value', placeholder: 'value', 'aria-label': 'Value', autocomplete: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'row', id: 'env-form', onsubmit: async e => {
    e.preventDefault();
    const name = key.value.trim();
    try {
      await api('POST', '/api/envvars', { app, key: name, value: value.value });
      key.value = '';
      value.value = '';
      say(`${name} is set; the app's functions see it from their next request.`);
      await reload();
    } catch (err) {
      failed(err);
    }
  } }, key, value, h('button', { type: 'submit', id: 'env-set' }, 'Set'));

  fill();
  return h('section', { id: 'environment' },
    h('h2', {}, 'Environment'),
    h('p', { class: 'muted' }, 'Variables the app’s functions read with fazt.env.get(KEY). Values stay hidden until you ask.'),
    list, form, message);
}
