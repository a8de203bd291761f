// The chat's one function: the latest messages, posting one (stored, then pushed to every open page
// through /_ws), and the hourly clean-up that the manifest's schedule calls.
var ROOM = 'room';
var KEEP_MS = 24 * 60 * 60 * 1000; // a day of messages

function latest() {
  return fazt.storage.ds.find('messages', {}, { limit: 50 }).reverse()
    .map(function (m) { return { name: m.name, text: m.text, at: m.at }; });
}

function field(body, key, max) {
  var v = body && typeof body[key] === 'string' ? body[key].trim() : '';
  return v.length >= 1 && v.length <= max ? v : null;
}

function post(body) {
  var name = field(body, 'name', 40);
  var text = field(body, 'text', 500);
  if (name === null) return respond(400, { error: 'name: 1 to 40 characters' });
  if (text === null) return respond(400, { error: 'text: 1 to 500 characters' });
  var message = { name: name, text: text, at: Date.now() };
  fazt.storage.ds.insert('messages', message);
  fazt.realtime.broadcast(ROOM, message);
  return respond(201, message);
}

function cleanUp() {
  if (!request.scheduled) return respond(403, { error: 'the clean-up runs on its schedule (or now: fazt app run APP /api/cron/cleanup)' });
  var removed = fazt.storage.ds.delete('messages', { at: { $lt: Date.now() - KEEP_MS } });
  console.log('clean-up removed ' + removed + ' messages older than a day');
  return respond({ removed: removed });
}

if (request.path === '/api/messages' && request.method === 'GET') respond(latest());
else if (request.path === '/api/messages' && request.method === 'POST') post(request.body);
else if (request.path === '/api/cron/cleanup') cleanUp();
else respond(404, { error: 'no route ' + request.method + ' ' + request.path });
