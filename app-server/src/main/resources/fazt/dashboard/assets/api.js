// The admin API as the dashboard uses it: JSON envelopes, errors in words, and the instance being
// managed (this one, or a linked peer reached through this one with X-Fazt-Peer).

const PEER = 'fazt.peer';

/** The linked peer the dashboard manages, or '' for this instance. */
export function managedPeer() {
  return sessionStorage.getItem(PEER) || '';
}

export function manage(peer) {
  if (peer) sessionStorage.setItem(PEER, peer);
  else sessionStorage.removeItem(PEER);
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function headersFor(json, local) {
  const headers = {};
  if (json) headers['Content-Type'] = 'application/json';
  const peer = managedPeer();
  if (peer && !local) headers['X-Fazt-Peer'] = peer;
  return headers;
}

async function failure(status, text) {
  let err = null;
  try {
    err = JSON.parse(text).error;
  } catch (e) {
    // not the API's envelope: say what we know
  }
  return new ApiError(status, err?.code || 'HTTP_' + status, err?.message || `the server answered ${status}`);
}

/**
 * Calls the admin API and returns what its answer's `data` holds. `local: true` asks this
 * instance even while a peer is managed (sign-in, the list of peers); `whole: true` returns the
 * whole answer, `{data, meta}`, for the lists that come in pages.
 */
export async function api(method, path, body, { local = false, whole = false } = {}) {
  let r;
  try {
    r = await fetch(path, {
      method,
      headers: headersFor(body !== undefined, local),
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch (e) {
    throw new ApiError(0, 'OFFLINE', 'this fazt cannot be reached; is it still running?');
  }
  const text = await r.text();
  if (!r.ok) throw await failure(r.status, text);
  if (!text) return null;
  return whole ? JSON.parse(text) : JSON.parse(text).data;
}

/**
 * Fetches a download of the managed instance (an export, a blob) and saves it as `filename`.
 * The file is fetched with the API's headers, so a peer's file comes through this instance too,
 * then handed to the browser from memory (a Blob URL). Returns the number of bytes saved.
 */
export async function download(path, filename) {
  let r;
  try {
    r = await fetch(path, { headers: headersFor(false, false), credentials: 'same-origin' });
  } catch (e) {
    throw new ApiError(0, 'OFFLINE', 'this fazt cannot be reached; is it still running?');
  }
  if (!r.ok) throw await failure(r.status, await r.text());
  const file = await r.blob();
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file.size;
}

/** Posts a form with a file to `path`, reporting the bytes sent to `onProgress(sent, total)`. */
export function upload(path, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [k, v] of Object.entries(headersFor(false, false))) xhr.setRequestHeader(k, v);
    xhr.upload.addEventListener('progress', e => onProgress(e.loaded, e.lengthComputable ? e.total : 0));
    xhr.addEventListener('load', async () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText).data);
      else reject(await failure(xhr.status, xhr.responseText));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'OFFLINE', 'the upload could not reach this fazt')));
    xhr.send(form);
  });
}
