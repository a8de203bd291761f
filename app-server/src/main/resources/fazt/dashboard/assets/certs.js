// Certificates (issue 12), a section of the System page: what HTTPS serves and how each order went,
// so the owner of a remote server sees a failed order and the CA's reason from any browser.
import { api, managedPeer } from './api.js';
import { h, show, notes } from './dom.js';

const DAY = 86_400_000;

// what each value of the https setting means, in the words of docs/https.md
const HTTPS = {
  off: 'off: nothing is served over HTTPS; certificates are kept for when it is turned on',
  manual: 'manual: the certificates you import are served',
  auto: 'auto: fazt orders a certificate for each name it serves, and serves the ones you import too',
};

/** The section, drawn from `health` (its `https` setting) and GET /api/certs. */
export async function certificatesSection(health) {
  const section = h('section', { id: 'certificates' });
  await draw(section, health);
  return section;
}

/** Draws the section again in place, leaving the rest of the page (a setting being typed) as it is. */
export async function redrawCertificates(main) {
  const section = main.querySelector('#certificates');
  if (section) await draw(section, await api('GET', '/api/system/health'));
}

async function draw(section, health) {
  // a peer too old to know certificates still shows the rest of its System page
  const certs = await api('GET', '/api/certs').catch(err => err);
  const message = h('p', { id: 'certs-message', role: 'status' }, notes.certs);
  const remove = c => h('button', { class: 'small danger', 'data-remove-cert': c.name, onclick: async () => {
    if (!confirm(`Remove the imported certificate ${c.name}${managedPeer() ? ' on peer ' + managedPeer() : ''}? Its names are then served by a certificate fazt ordered, `
      + 'if there is one, or not over HTTPS at all.')) return;
    try {
      await api('DELETE', '/api/certs/' + encodeURIComponent(c.name));
      notes.certs = `${c.name} is removed.`;
      await draw(section, health);
    } catch (err) {
      show(message, h('span', { class: 'error' }, err.message));
    }
  } }, 'Remove');
  show(section,
    h('h2', {}, 'Certificates'),
    httpsSetting(health.certificates),
    certs instanceof Error ? h('p', { class: 'error' }, certs.message)
      : certs.length ? table(certs, remove) : empty(),
    message);
}

function httpsSetting(summary) {
  const https = summary?.https || 'unknown';
  const counts = summary ? [summary.failed ? summary.failed + ' failed' : null, summary.pending ? summary.pending + ' being ordered' : null]
    .filter(Boolean) : [];
  return h('p', { id: 'certs-https' }, 'HTTPS ', h('strong', { id: 'certs-https-setting' }, https),
    h('span', { class: 'muted' }, ' (' + (HTTPS[https] || 'see fazt server status') + ')'),
    counts.length ? h('span', { class: 'error' }, ' · ' + counts.join(', ')) : null);
}

function table(certs, remove) {
  return h('div', { class: 'scroll' }, h('table', { id: 'certificates-list' },
    h('thead', {}, h('tr', {}, ['Name', 'Issuer', 'Expires', 'Source', 'State', ''].map(t => h('th', {}, t)))),
    h('tbody', {}, certs.flatMap(c => [
      h('tr', { 'data-cert': c.name, class: c.error ? 'has-reason' : null },
        h('td', {}, c.name, others(c)),
        h('td', {}, c.issuer || h('span', { class: 'muted' }, 'none yet')),
        h('td', {}, expiry(c.not_after)),
        h('td', {}, c.source === 'acme' ? 'ordered (acme)' : 'imported (manual)'),
        h('td', { class: 'cert-state', 'data-state': c.state }, c.state),
        h('td', {}, c.source === 'manual' ? remove(c) : null)),
      // the CA's words, full width under the row: they say what to fix (DNS, port 80, a rate limit)
      c.error ? h('tr', { class: 'cert-reason', 'data-reason-for': c.name },
        h('td', { colspan: 6, class: 'wrap' }, h('span', { class: 'muted' }, 'Why: '), h('span', { class: 'error' }, c.error))) : null,
    ]))));
}

function others(c) {
  const rest = (c.names || []).filter(n => n !== c.name);
  return rest.length ? h('div', { class: 'muted also' }, 'also ' + rest.join(', ')) : null;
}

function expiry(notAfter) {
  if (!notAfter) return h('span', { class: 'muted' }, 'not issued yet');
  const days = Math.floor((notAfter - Date.now()) / DAY);
  const date = new Date(notAfter).toLocaleDateString([], { year: 'numeric', month: 'short', day: 'numeric' });
  const left = notAfter < Date.now() ? 'expired' : days === 0 ? 'today' : days === 1 ? 'in 1 day' : `in ${days} days`;
  return [date, ' ', h('span', { class: days < 14 ? 'error' : 'muted' }, left)];
}

function empty() {
  return h('div', { id: 'no-certificates' },
    h('p', { class: 'muted' }, 'No certificates yet. On the server, let fazt order them from Let\'s Encrypt for the names it serves ',
      '(the domain\'s DNS must point at it, and port 80 or 443 reach it):'),
    h('pre', {}, h('code', {}, 'fazt server set-config --domain example.com --https auto')),
    h('p', { class: 'muted' }, 'or bring your own (certbot\'s fullchain.pem and privkey.pem, for example):'),
    h('pre', {}, h('code', {}, 'fazt server set-cert --cert FULLCHAIN.pem --key KEY.pem')),
    h('p', { class: 'muted' }, 'The https setting applies at the next start; a certificate imported while HTTPS is on is served ',
      'from the next connection.'));
}
