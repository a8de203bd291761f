// Runs once in every new context, before any app code. It builds the globals of SPEC §4.2 on top
// of one Java object, `host` (argument), and returns the functions the Java side calls per request.
// Values cross the boundary as JSON text, so app code only ever sees plain JavaScript values.
(function (host) {
  'use strict';
  var g = globalThis;
  var state = null; // per-request: response, logs, module cache

  function text(v) {
    if (typeof v === 'string') return v;
    if (v instanceof Error) return v.stack || String(v);
    try { var j = JSON.stringify(v); return j === undefined ? String(v) : j; } catch (e) { return String(v); }
  }
  function line(args) { return Array.prototype.map.call(args, text).join(' '); }
  function logger(level) { return function () { host.log(level, line(arguments)); }; }
  function parse(json) { return json == null ? undefined : JSON.parse(json); }
  function freeze(o) { return Object.freeze(o); }
  // Host calls report failures through takeError(), so app code gets a real Error it can catch.
  function check(result) {
    var e = host.takeError();
    if (e != null) {
      var err = new Error(e);
      var status = host.errorStatus();
      if (status) err.__faztStatus = status;
      throw err;
    }
    return result;
  }

  function respond(a, b, c) {
    if (state.response) return state.response; // the first call wins
    var r;
    if (arguments.length === 1 && typeof a === 'number') r = { status: a, body: undefined, headers: undefined };
    else if (arguments.length >= 2 && typeof a === 'number') r = { status: a, body: b, headers: c };
    else r = { status: 200, body: a, headers: undefined };
    state.response = r;
    return r;
  }

  var console = freeze({
    log: logger('info'), info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug')
  });

  var kv = freeze({
    set: function (key, value, ttlMs) { check(host.kvSet(String(key), JSON.stringify(value === undefined ? null : value), ttlMs == null ? -1 : Number(ttlMs))); },
    get: function (key) { return parse(check(host.kvGet(String(key)))); },
    delete: function (key) { return check(host.kvDelete(String(key))); },
    list: function (prefix) { return JSON.parse(check(host.kvList(prefix == null ? '' : String(prefix)))); }
  });
  function obj(q) { return JSON.stringify(q == null ? {} : q); }
  var ds = freeze({
    insert: function (coll, doc) { return check(host.dsInsert(String(coll), obj(doc))); },
    find: function (coll, query, opts) { return JSON.parse(check(host.dsFind(String(coll), obj(query), obj(opts)))); },
    findOne: function (coll, query) { return JSON.parse(check(host.dsFindOne(String(coll), JSON.stringify(query == null ? {} : query)))); },
    update: function (coll, query, changes) { return check(host.dsUpdate(String(coll), obj(query), obj(changes))); },
    delete: function (coll, query) { return check(host.dsDelete(String(coll), obj(query))); },
    count: function (coll, query) { return check(host.dsCount(String(coll), obj(query))); }
  });
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  function base64(u8) {
    var out = [], i = 0, n = u8.length;
    for (; i + 2 < n; i += 3) {
      var v = (u8[i] << 16) | (u8[i + 1] << 8) | u8[i + 2];
      out.push(B64[v >> 18], B64[(v >> 12) & 63], B64[(v >> 6) & 63], B64[v & 63]);
    }
    if (i < n) {
      var w = (u8[i] << 16) | ((i + 1 < n ? u8[i + 1] : 0) << 8);
      out.push(B64[w >> 18], B64[(w >> 12) & 63], i + 1 < n ? B64[(w >> 6) & 63] : '=', '=');
    }
    return out.join('');
  }
  function bytesToBase64(data) {
    if (typeof data === 'string') return { text: data };
    if (data instanceof ArrayBuffer) data = new Uint8Array(data);
    if (ArrayBuffer.isView(data)) {
      return { base64: base64(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) };
    }
    if (Array.isArray(data)) return bytesToBase64(new Uint8Array(data));
    throw new TypeError('s3.put takes a string or bytes (Uint8Array, ArrayBuffer, number array)');
  }
  var s3 = freeze({
    put: function (path, data, mime) { check(host.s3Put(String(path), JSON.stringify(bytesToBase64(data)), mime == null ? null : String(mime))); },
    get: function (path) { return JSON.parse(check(host.s3Get(String(path)))); },
    delete: function (path) { return check(host.s3Delete(String(path))); },
    list: function (prefix) { return JSON.parse(check(host.s3List(prefix == null ? '' : String(prefix)))); }
  });

  function redirectToLogin(redirect) {
    var err = new Error('login required');
    err.__faztStatus = 307;
    err.__faztLocation = host.loginUrl(redirect == null ? null : String(redirect));
    throw err;
  }
  function forbidden(why) {
    var err = new Error('forbidden: ' + why);
    err.__faztStatus = 403;
    throw err;
  }
  var auth = freeze({
    getUser: function () { return parse(host.user()) || null; },
    isLoggedIn: function () { return auth.getUser() !== null; },
    isOwner: function () { var u = auth.getUser(); return !!u && u.role === 'owner'; },
    isAdmin: function () { var u = auth.getUser(); return !!u && (u.role === 'owner' || u.role === 'admin'); },
    hasRole: function (r) { var u = auth.getUser(); return !!u && (u.role === r || u.role === 'owner'); },
    requireLogin: function () { if (!auth.isLoggedIn()) redirectToLogin(); return auth.getUser(); },
    requireRole: function (r) { auth.requireLogin(); if (!auth.hasRole(r)) forbidden('requires role ' + r); return auth.getUser(); },
    requireAdmin: function () { auth.requireLogin(); if (!auth.isAdmin()) forbidden('requires admin'); return auth.getUser(); },
    requireOwner: function () { auth.requireLogin(); if (!auth.isOwner()) forbidden('requires owner'); return auth.getUser(); },
    getLoginURL: function (redirect) { return host.loginUrl(redirect == null ? null : String(redirect)); },
    getLogoutURL: function () { return host.logoutUrl(); }
  });

  var priv = freeze({
    read: function (p) { var t = check(host.privateRead(String(p))); return t == null ? undefined : t; },
    readJSON: function (p) { var t = check(host.privateRead(String(p))); if (t == null) return null; return JSON.parse(t); },
    exists: function (p) { return check(host.privateExists(String(p))); },
    list: function () { return JSON.parse(check(host.privateList())); }
  });

  var env = freeze({
    get: function (key, dflt) { var v = host.envGet(String(key)); return v == null ? (dflt === undefined ? undefined : dflt) : v; },
    has: function (key) { return host.envGet(String(key)) != null; }
  });

  // fazt.net: outbound HTTP through the engine's guarded client (SSRF checks, limits, secrets in Java).
  // The call is synchronous; the response is also a thenable, so `await fetch(...)` and
  // `fetch(...).then(...)` work in async handlers (it is already settled when it returns).
  var net = (function (fetchHost) {
    function response(r) {
      var body = r.body, headers = r.headers;
      // names are lower case; get(name) as in the WHATWG Headers, for code written against browsers' fetch
      Object.defineProperty(headers, 'get', { enumerable: false, value: function (name) {
        var v = headers[String(name).toLowerCase()]; return v === undefined ? null : v;
      } });
      freeze(headers);
      function make() {
        return {
          status: r.status, ok: r.status >= 200 && r.status < 300, headers: headers, url: r.url, redirected: r.redirected,
          text: function () { return body; },
          json: function () {
            try { return JSON.parse(body); } catch (e) { throw new Error('fetch: the response from ' + r.url.split('?')[0] + ' is not JSON (' + e.message + ')'); }
          }
        };
      }
      var settled = freeze(make());
      var res = make();
      Object.defineProperty(res, 'then', { enumerable: false, value: function (ok, fail) { return Promise.resolve(settled).then(ok, fail); } });
      return freeze(res);
    }
    return freeze({
      fetch: function (url, options) {
        var o = options == null ? {} : options, headers = {}, hasType = false;
        if (o.headers != null) Object.keys(o.headers).forEach(function (k) {
          headers[k] = String(o.headers[k]);
          if (k.toLowerCase() === 'content-type') hasType = true;
        });
        var body = o.body;
        if (body === undefined || body === null) body = null;
        else if (typeof body !== 'string') { body = JSON.stringify(body); if (!hasType) headers['Content-Type'] = 'application/json'; }
        var req = { method: o.method == null ? 'GET' : String(o.method), headers: headers, body: body, timeout: o.timeout == null ? null : (typeof o.timeout === 'number' && !isFinite(o.timeout) ? -1 : o.timeout) };
        var out = JSON.parse(fetchHost.fetch(String(url), JSON.stringify(req)));
        if (out.error) throw new Error(out.error);
        return response(out);
      }
    });
  })(host.net());
  // fazt.realtime: push to the app's own WebSocket clients on /_ws (docs/functions.md, "Realtime").
  var realtime = (function (rt) {
    function data(d) { var j = JSON.stringify(d === undefined ? null : d); return j === undefined ? 'null' : j; }
    return freeze({
      broadcast: function (channel, d) { return check(rt.broadcast(String(channel), data(d))); },
      broadcastAll: function (d) { return rt.broadcastAll(data(d)); },
      subscribers: function (channel) { return JSON.parse(rt.subscribers(String(channel))); },
      count: function (channel) { return rt.count(channel == null ? null : String(channel)); },
      client: function (id) { return JSON.parse(rt.client(String(id))); },
      kick: function (id, reason) { return rt.kick(String(id), reason == null ? null : String(reason)); }
    });
  })(host.realtime());

  var appInfo = JSON.parse(host.appInfo());
  var fazt = freeze({
    app: freeze({ id: appInfo.id, name: appInfo.name }),
    env: env,
    log: freeze({ info: logger('info'), warn: logger('warn'), error: logger('error'), debug: logger('debug') }),
    storage: freeze({ kv: kv, ds: ds, s3: s3 }),
    auth: auth,
    private: priv,
    net: net,
    realtime: realtime
  });

  // CommonJS modules from api/, evaluated once per request and cached for the rest of it.
  function resolve(from, name) {
    name = String(name);
    if (name.charAt(0) !== '.') throw new Error("require('" + name + "'): only relative paths inside api/ can be required");
    var parts = from.split('/'); parts.pop();
    var segs = name.split('/');
    for (var i = 0; i < segs.length; i++) {
      var s = segs[i];
      if (s === '' || s === '.') continue;
      if (s === '..') { if (parts.length === 0) throw new Error("require('" + name + "'): the path leaves api/"); parts.pop(); }
      else parts.push(s);
    }
    var path = parts.join('/');
    if (!/\.js$/.test(path)) path += '.js';
    return path;
  }
  function makeRequire(from) {
    return function require(name) {
      var path = resolve(from, name);
      var cache = state.modules;
      if (Object.prototype.hasOwnProperty.call(cache, path)) return cache[path].exports;
      var fn = host.module(path);
      if (fn == null) throw new Error("require('" + name + "'): no file api/" + path);
      var module = { exports: {} };
      cache[path] = module;
      fn.call(module.exports, module, module.exports, makeRequire(path));
      return module.exports;
    };
  }

  var globals = { respond: respond, console: console, fazt: fazt, require: makeRequire('main.js') };
  Object.keys(globals).forEach(function (k) {
    Object.defineProperty(g, k, { value: globals[k], writable: false, enumerable: false, configurable: false });
  });
  ['Java', 'Polyglot', 'Graal', 'load', 'loadWithNewGlobal', 'print', 'printErr', 'quit', 'read', 'readbuffer', 'readline'].forEach(function (k) {
    try { delete g[k]; } catch (e) { /* not there */ }
  });

  var baseline = Object.create(null);
  Object.getOwnPropertyNames(g).forEach(function (k) { baseline[k] = true; });
  baseline.request = true;

  function parseBody(raw, contentType) {
    if (raw == null || raw === '') return null;
    var ct = (contentType || '').toLowerCase();
    if (ct.indexOf('json') >= 0) {
      try { return JSON.parse(raw); } catch (e) { var err = new Error('the request body is not valid JSON: ' + e.message); err.__faztStatus = 400; throw err; }
    }
    if (ct.indexOf('application/x-www-form-urlencoded') >= 0) {
      var out = {};
      raw.split('&').forEach(function (pair) {
        if (!pair) return;
        var i = pair.indexOf('='), k = i < 0 ? pair : pair.slice(0, i), v = i < 0 ? '' : pair.slice(i + 1);
        k = decodeURIComponent(k.replace(/\+/g, ' ')); v = decodeURIComponent(v.replace(/\+/g, ' '));
        if (!(k in out)) out[k] = v;
      });
      return out;
    }
    return raw;
  }

  function makeRequest(body) {
    var r = JSON.parse(host.request());
    r.body = body;
    return r;
  }
  // Until it is read or assigned, the global `request` is this accessor; either turns it into the plain,
  // writable data property that a request always was, so scripts see no difference.
  function setRequest(value) {
    Object.defineProperty(g, 'request', { value: value, writable: true, enumerable: true, configurable: true });
  }
  var lazyRequest = {
    get: function () { var r = makeRequest(null); setRequest(r); return r; },
    set: setRequest,
    enumerable: true,
    configurable: true
  };

  return {
    // Sets up a request; returns nothing, or throws with __faztStatus for a bad request.
    // `request` is made when the script first touches it (most never read the headers, many never read
    // it at all); a body is parsed at once, so that a bad one is a 400 whether the script reads it or not.
    begin: function (rawBody, contentType) {
      state = { response: null, modules: Object.create(null) };
      if (rawBody != null) g.request = makeRequest(parseBody(rawBody, contentType));
      else {
        // a script may have made `request` non-configurable: then it gets the object at once, as always
        try { Object.defineProperty(g, 'request', lazyRequest); } catch (e) { g.request = makeRequest(null); }
      }
    },
    // Turns the completion value (or the respond() call) into [status, headersJson, body, type].
    finish: function (value) {
      var r = state.response;
      if (!r) {
        if (value === undefined) return [204, null, '', null];
        r = { status: 200, body: value, headers: undefined };
      }
      var body = r.body, type = null;
      if (body === undefined || body === null) body = '';
      else if (typeof body === 'string') type = 'text/plain; charset=utf-8';
      else { body = JSON.stringify(body); type = 'application/json'; if (body === undefined) body = ''; }
      var status = Math.floor(Number(r.status));
      if (!(status >= 100 && status <= 599)) status = 500;
      return [status, r.headers ? JSON.stringify(r.headers) : null, body, type];
    },
    // What an error thrown by app code means: [status, location] for login/forbidden/bad-request signals.
    signal: function (e) {
      return (e && typeof e === 'object' && e.__faztStatus) ? [e.__faztStatus, e.__faztLocation || null, String(e.message)] : null;
    },
    isThenable: function (v) { return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof v.then === 'function'; },
    // An async handler: subscribe now; the engine runs the promise jobs before control returns to Java.
    awaitPromise: function (p) {
      state.settled = null;
      p.then(function (v) { state.settled = { ok: true, v: v }; }, function (e) { state.settled = { ok: false, e: e }; });
    },
    settled: function () {
      var s = state.settled;
      if (!s) throw new Error('the handler returned a promise that never settled (functions have no timers; fazt.net.fetch is settled when it returns)');
      if (!s.ok) throw s.e;
      return s.v;
    },
    // Removes what the request added to the global object, so the next request starts clean.
    cleanup: function () {
      state = null;
      Object.getOwnPropertyNames(g).forEach(function (k) {
        if (!baseline[k]) { try { delete g[k]; } catch (e) { /* a top-level var: re-initialised by the next run */ } }
      });
      g.request = undefined;
    }
  };
})
