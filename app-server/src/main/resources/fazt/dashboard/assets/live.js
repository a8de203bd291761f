// Follows GET /api/changes of the managed instance (through this one for a peer, which is why
// it reads the stream with fetch: an EventSource cannot send X-Fazt-Peer) and calls `onChange`
// for each change; reconnects after a break, resuming after the last id seen.
import { streamHeaders, readEvents } from './sse.js';

let current = null;

/** Starts following (stopping any earlier follow); returns a function that stops it. */
export function follow(onChange) {
  if (current) current.abort();
  const controller = new AbortController();
  current = controller;
  let lastId = null;
  const run = async () => {
    while (!controller.signal.aborted) {
      try {
        const url = '/api/changes' + (lastId ? '?after=' + encodeURIComponent(lastId) : '');
        const r = await fetch(url, { headers: streamHeaders(null), credentials: 'same-origin', signal: controller.signal });
        if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
        await readEvents(r, batch => batch.forEach(e => {
          if (e.id) lastId = e.id;
          onChange(e.data);
        }));
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      await new Promise(ok => setTimeout(ok, 2000)); // the instance restarts or the network blinks: try again
    }
  };
  run();
  return () => controller.abort();
}
