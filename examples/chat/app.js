// The chat page: the latest messages, then each new one as /_ws pushes it; sending goes through the function.
(function () {
  'use strict';
  var list = document.getElementById('messages');
  var state = document.getElementById('state');
  var error = document.getElementById('error');
  var name = document.getElementById('name');
  var text = document.getElementById('text');
  name.value = localStorage.getItem('chat-name') || '';

  function show(m) {
    var li = document.createElement('li');
    var who = document.createElement('b');
    who.textContent = m.name;
    var when = document.createElement('time');
    when.textContent = new Date(m.at).toLocaleTimeString();
    li.append(who, document.createTextNode(m.text), when);
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;
  }

  // /_ws pushes every message a function broadcasts on the channels this page subscribed to.
  var delay = 1000;
  function connect() {
    var ws = new WebSocket(location.origin.replace(/^http/, 'ws') + '/_ws');
    ws.onopen = function () { ws.send(JSON.stringify({ type: 'subscribe', channel: 'room' })); };
    ws.onmessage = function (e) {
      var m = JSON.parse(e.data);
      if (m.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      else if (m.type === 'subscribed') { state.textContent = 'live'; delay = 1000; load(); }
      else if (m.type === 'message' && m.channel === 'room') show(m.data);
      else if (m.type === 'error') error.textContent = m.message || m.error || 'error';
    };
    ws.onclose = function (e) {
      state.textContent = 'reconnecting…' + (e.reason ? ' (' + e.reason + ')' : '');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }

  function load() {
    fetch('api/messages').then(function (r) { return r.json(); }).then(function (all) {
      list.textContent = '';
      all.forEach(show);
    });
  }

  document.getElementById('send').addEventListener('submit', function (e) {
    e.preventDefault();
    error.textContent = '';
    localStorage.setItem('chat-name', name.value);
    fetch('api/messages', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: name.value, text: text.value })
    }).then(function (r) {
      if (r.ok) { text.value = ''; return; }
      return r.json().then(function (b) { error.textContent = b.error || ('error ' + r.status); });
    }, function () { error.textContent = 'not sent: the server cannot be reached'; });
  });

  connect();
})();
