// Follows GET /api/changes of the managed instance (through this one for a peer, which is why
// it reads the stream with fetch: an EventSource cannot send X-Fazt-Peer) and calls `onChange`
// for each change; reconnects after a break, resuming after the last id seen.
import { managedPeer } from './api.js';

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
        const headers = { Accept: 'text/event-stream' };
        const peer = managedPeer();
        if (peer) headers['X-Fazt-Peer'] = peer;
        const url = '/api/changes' + (lastId ? '?after=' + encodeURIComponent(lastId) : '');
        const r = await fetch(url, { headers, credentials: 'same-origin', signal: controller.signal });
        if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
        const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of event.split('\n')) {
              if (line.startsWith('id:')) lastId = line.slice(3).trim();
              else if (line.startsWith('data:')) onChange(JSON.parse(line.slice(5)));
            }
          }
        }
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      await new Promise(ok => setTimeout(ok, 2000)); // the instance restarts or the network blinks: try again
    }
  };
  run();
  return () => controller.abort();
}
