// Server-sent events read with fetch, not EventSource: only fetch can send X-Fazt-Peer (a managed
// peer's stream comes through this instance) and Last-Event-ID on the first request.
import { managedPeer } from './api.js';

/** The headers of a stream request to the managed instance, resuming after `lastId` when given. */
export function streamHeaders(lastId) {
  const headers = { Accept: 'text/event-stream' };
  const peer = managedPeer();
  if (peer) headers['X-Fazt-Peer'] = peer;
  if (lastId !== null && lastId !== undefined) headers['Last-Event-ID'] = String(lastId);
  return headers;
}

/**
 * Reads `response`'s body until it ends, calling `onBatch([{id, data}, …])` with the events of each
 * chunk that arrived (`data` parsed as JSON, `id` as sent or null).
 */
export async function readEvents(response, onBatch) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const batch = [];
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = { id: null, data: null };
      for (const field of buffer.slice(0, end).split('\n')) {
        if (field.startsWith('id:')) event.id = field.slice(3).trim();
        else if (field.startsWith('data:')) event.data = JSON.parse(field.slice(5));
      }
      buffer = buffer.slice(end + 2);
      if (event.data !== null) batch.push(event);
    }
    if (batch.length) onBatch(batch);
  }
}
