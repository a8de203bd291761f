// Users and sign-in (SPEC §6.3): the providers app users sign in with (the client secret is
// write-only), the users with their roles, and invites that grant a role.
import { api, managedPeer } from './api.js';
import { h, show, notes, ago } from './dom.js';

const path = (base, id) => base + '/' + encodeURIComponent(id);
const when = ms => ms ? new Date(ms).toLocaleString() : 'never';

// the forms' fields, whose values survive a redraw for a change made elsewhere
const FIELDS = ['provider-name', 'provider-client-id', 'provider-secret', 'provider-issuer', 'invite-role', 'invite-uses', 'invite-days'];

export async function usersPage(main, quiet) {
  const [providers, users, invites] = await Promise.all([
    api('GET', '/api/auth/providers'), api('GET', '/api/users'), api('GET', '/api/invites')]);
  const message = h('p', { id: 'users-message', role: 'status' }, notes.users);
  const act = async (what, done) => {
    try {
      const result = await what();
      notes.users = typeof done === 'function' ? done(result) : done;
      await usersPage(main);
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  };
  const invitesPart = await invitesSection(invites, act);
  const typed = quiet ? FIELDS.map(id => [id, main.querySelector('#' + id)?.value]) : [];
  const focused = quiet && FIELDS.includes(document.activeElement?.id) ? document.activeElement.id : null;
  show(main,
    h('h1', {}, 'Users and sign-in'),
    message,
    providersSection(providers, act),
    usersSection(users, act),
    invitesPart);
  for (const [id, value] of typed) if (value !== undefined) main.querySelector('#' + id).value = value;
  if (focused) main.querySelector('#' + focused).focus(); // whoever was typing goes on typing
}

function providersSection(providers, act) {
  const name = h('input', { id: 'provider-name', list: 'provider-names', placeholder: 'google, github or a name for an OIDC server',
    'aria-label': 'Provider name', required: true });
  const clientId = h('input', { id: 'provider-client-id', placeholder: 'client id', 'aria-label': 'Client id', autocomplete: 'off' });
  const secret = h('input', { id: 'provider-secret', type: 'password', placeholder: 'client secret (blank keeps it)',
    'aria-label': 'Client secret', autocomplete: 'new-password' });
  const issuer = h('input', { id: 'provider-issuer', placeholder: 'issuer https://… (OIDC only)', 'aria-label': 'Issuer URL' });
  const form = h('form', { class: 'row', id: 'provider-form', onsubmit: e => {
    e.preventDefault();
    const n = name.value.trim().toLowerCase();
    const body = {};
    if (clientId.value.trim()) body.client_id = clientId.value.trim();
    if (secret.value) body.client_secret = secret.value;
    if (issuer.value.trim()) body.issuer = issuer.value.trim();
    act(() => api('PUT', path('/api/auth/providers', n), body), `Provider ${n} is saved.`);
  } }, name, clientId, secret, issuer,
    h('datalist', { id: 'provider-names' }, h('option', { value: 'google' }), h('option', { value: 'github' })),
    h('button', { type: 'submit', id: 'provider-save' }, 'Save provider'));
  const toggle = p => h('button', { class: 'small', 'data-toggle': p.name, onclick: () =>
    act(() => api('PUT', path('/api/auth/providers', p.name), { enabled: !p.enabled }),
      `${p.name} is ${p.enabled ? 'disabled' : 'enabled'}.`) }, p.enabled ? 'Disable' : 'Enable');
  const remove = p => h('button', { class: 'small danger', 'data-remove': p.name, onclick: () => {
    if (confirm(`Remove the provider "${p.name}"? Nobody can sign in with it until it is added again.`)) {
      act(() => api('DELETE', path('/api/auth/providers', p.name)), `${p.name} is removed.`);
    }
  } }, 'Remove');
  return h('section', {},
    h('h2', {}, 'Sign-in providers'),
    h('p', { class: 'muted' }, 'Register the callback https://YOUR-DOMAIN/auth/callback/NAME with the provider. ',
      'To change a provider, save it again: fields left blank keep their stored values. Secrets are never shown back.'),
    form,
    providers.length ? h('div', { class: 'scroll' }, h('table', { id: 'providers' },
      h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Client id', 'Secret', 'Issuer', 'State', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, providers.map(p => h('tr', { 'data-provider': p.name },
        h('td', {}, p.name), h('td', {}, p.protocol), h('td', {}, p.client_id || ''),
        h('td', {}, p.secret_set ? 'set' : 'not set'), h('td', {}, p.issuer || ''),
        h('td', { class: 'provider-state' }, p.enabled ? 'enabled' : 'disabled'),
        h('td', { class: 'actions' }, toggle(p), ' ', remove(p)))))))
      : h('p', { class: 'muted' }, 'No providers yet: app users cannot sign in.'));
}

function usersSection(users, act) {
  const role = u => h('select', { class: 'user-role', 'aria-label': 'Role of ' + (u.email || u.name || u.id), 'data-user': u.id,
    onchange: e => act(() => api('PUT', path('/api/users', u.id), { role: e.target.value }),
      `${u.email || u.name || u.id} is ${e.target.value} now.`) },
    ['user', 'admin'].map(r => h('option', { value: r, selected: r === u.role }, r)));
  const remove = u => h('button', { class: 'small danger', 'data-delete': u.id, onclick: () => {
    if (confirm(`Delete the user ${u.email || u.name || u.id}? They are signed out at once.`)) {
      act(() => api('DELETE', path('/api/users', u.id)), `${u.email || u.name || u.id} is deleted.`);
    }
  } }, 'Delete');
  return h('section', {},
    h('h2', {}, 'Users'),
    h('div', { class: 'scroll' }, h('table', { id: 'users' },
      h('thead', {}, h('tr', {}, ['Email', 'Name', 'Provider', 'Role', 'Last sign-in', ''].map(t => h('th', {}, t)))),
      h('tbody', {},
        h('tr', { 'data-user': 'owner' }, h('td', {}, '(you)'), h('td', {}, 'the owner'), h('td', {}, 'password'),
          h('td', {}, 'owner'), h('td', {}, ''), h('td', { class: 'muted' }, 'always owner')),
        users.map(u => h('tr', { 'data-user': u.id },
          h('td', {}, u.email || ''), h('td', {}, u.name || ''), h('td', {}, u.provider),
          h('td', {}, role(u)), h('td', {}, u.last_login_at ? ago(u.last_login_at) : 'never'),
          h('td', { class: 'actions' }, remove(u))))))),
    users.length ? null : h('p', { class: 'muted' }, 'Nobody has signed in to an app yet.'));
}

/** Where an invite is accepted: any host of the instance that made it answers /auth/invite. */
async function inviteBase() {
  const peer = managedPeer();
  if (!peer) return location.origin;
  try {
    const peers = await api('GET', '/api/peers', undefined, { local: true });
    return peers.find(p => p.name === peer)?.url.replace(/\/+$/, '') || null;
  } catch (e) {
    return null;
  }
}

async function invitesSection(invites, act) {
  const role = h('select', { id: 'invite-role', 'aria-label': 'Role the invite grants' },
    h('option', { value: 'user' }, 'user'), h('option', { value: 'admin' }, 'admin'));
  const uses = h('input', { id: 'invite-uses', type: 'number', min: 1, value: '1', 'aria-label': 'Uses' });
  const days = h('input', { id: 'invite-days', type: 'number', min: 0, value: '7', 'aria-label': 'Valid days (0: never expires)' });
  const form = h('form', { class: 'row', onsubmit: e => {
    e.preventDefault();
    act(() => api('POST', '/api/invites', { role: role.value, max_uses: Number(uses.value), valid_days: Number(days.value) }),
      invite => { notes.invite = invite; return `Invite made (${invite.role}).`; });
  } }, h('label', { class: 'inline' }, 'Grants ', role), h('label', { class: 'inline' }, 'uses ', uses),
    h('label', { class: 'inline' }, 'valid days (0 = forever) ', days),
    h('button', { type: 'submit', id: 'invite-create' }, 'Create invite'));
  const made = h('div', { id: 'invite-made', role: 'status' });
  const fresh = notes.invite;
  if (fresh && invites.some(i => i.code === fresh.code)) {
    const base = await inviteBase();
    const link = base ? base + '/auth/invite?code=' + encodeURIComponent(fresh.code) : null;
    const copied = h('span', { class: 'muted' });
    const copy = (id, text) => h('button', { class: 'small', id, onclick: () =>
      navigator.clipboard?.writeText(text).then(() => show(copied, 'Copied.'), () => {}) }, 'Copy');
    show(made, h('p', {}, 'Send this to the person; they sign in and accept it:'),
      h('p', { class: 'token' }, h('code', { id: 'invite-code' }, fresh.code), ' ', copy('copy-invite-code', fresh.code)),
      link ? h('p', { class: 'token' }, h('code', { id: 'invite-link' }, link), ' ', copy('copy-invite-link', link)) : null,
      copied);
  }
  const revoke = i => h('button', { class: 'small danger', 'data-revoke': i.code, onclick: () => {
    if (confirm(`Revoke the invite ${i.code}? It can no longer be accepted.`)) {
      act(() => api('DELETE', path('/api/invites', i.code)), `Invite ${i.code} is revoked.`);
    }
  } }, 'Revoke');
  return h('section', {},
    h('h2', {}, 'Invites'),
    form, made,
    invites.length ? h('div', { class: 'scroll' }, h('table', { id: 'invites' },
      h('thead', {}, h('tr', {}, ['Code', 'Role', 'Used', 'Expires', 'Created', ''].map(t => h('th', {}, t)))),
      h('tbody', {}, invites.map(i => h('tr', { 'data-invite': i.code },
        h('td', {}, i.code), h('td', {}, i.role), h('td', {}, `${i.uses} of ${i.max_uses}`),
        h('td', {}, i.expires_at ? when(i.expires_at) : 'never'), h('td', {}, ago(i.created_at)),
        h('td', {}, revoke(i)))))))
      : h('p', { class: 'muted', id: 'no-invites' }, 'No open invites.'));
}
