// The command palette (Ctrl+K or Cmd+K, or the header's "Jump to" button): type a few letters of a
// page, an app or an action, move with the arrow keys, Enter to go, Escape to close.
import { api } from './api.js';
import { h, show } from './dom.js';

/** The entries whose label holds every typed word, best first (label start, then word start). */
export function matching(entries, typed) {
  const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
  const score = label => {
    const l = label.toLowerCase();
    if (!words.every(w => l.includes(w))) return -1;
    if (words.length === 0 || l.startsWith(words[0])) return 2;
    return l.includes(' ' + words[0]) ? 1 : 0;
  };
  return entries.map(e => [score(e.label), e])
    .filter(([s]) => s >= 0)
    .sort((a, b) => b[0] - a[0])
    .map(([, e]) => e)
    .slice(0, 50);
}

/**
 * Installs the palette. `entries()` gives the fixed entries (pages and actions, each
 * `{label, run}`); the apps of the managed instance are added each time it opens.
 */
export function installPalette(entries) {
  const input = h('input', { id: 'palette-input', type: 'text', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Page, app or action …', 'aria-label': 'Jump to', 'aria-controls': 'palette-list' });
  const list = h('ul', { id: 'palette-list', role: 'listbox', class: 'plain' });
  const dialog = h('dialog', { id: 'palette', 'aria-label': 'Command palette' }, input, list);
  document.body.append(dialog);
  let all = [];
  let shown = [];
  let chosen = 0;

  function draw() {
    shown = matching(all, input.value);
    chosen = Math.min(chosen, Math.max(shown.length - 1, 0));
    show(list, shown.length === 0 ? h('li', { class: 'muted' }, 'Nothing matches.')
      : shown.map((e, i) => h('li', { role: 'option', 'aria-selected': String(i === chosen), 'data-label': e.label,
        onclick: () => go(e) }, e.label)));
    list.children[chosen]?.scrollIntoView({ block: 'nearest' });
  }

  function go(entry) {
    dialog.close();
    entry.run();
  }

  input.addEventListener('input', () => { chosen = 0; draw(); });
  input.addEventListener('keydown', e => {
    if (e.key === 'ArrowDown') chosen = Math.min(chosen + 1, shown.length - 1);
    else if (e.key === 'ArrowUp') chosen = Math.max(chosen - 1, 0);
    else if (e.key === 'Enter' && shown[chosen]) return go(shown[chosen]);
    else return;
    e.preventDefault();
    draw();
  });
  dialog.addEventListener('click', e => { if (e.target === dialog) dialog.close(); });

  async function open() {
    if (dialog.open) return;
    all = entries();
    input.value = '';
    chosen = 0;
    draw();
    dialog.showModal();
    input.focus();
    try {
      const apps = await api('GET', '/api/apps');
      all = all.concat(apps.map(a => ({ label: 'App ' + a.name, run: () => { location.hash = '#/apps/' + encodeURIComponent(a.name); } })));
      if (dialog.open) draw();
    } catch (err) {
      // pages and actions are still offered; the apps appear when the instance answers again
    }
  }

  document.addEventListener('keydown', e => {
    if (e.key.toLowerCase() === 'k' && (e.ctrlKey || e.metaKey) && !e.altKey && document.getElementById('page')) {
      e.preventDefault();
      open();
    }
  });
  return open;
}
