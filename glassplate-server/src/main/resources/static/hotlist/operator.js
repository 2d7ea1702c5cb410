// Glassplate operator page: shows new hot-list alerts as they happen (EventSource on
// /api/v1/alerts/stream) and records verifications. No framework, no CDN. A new alert is a clone of
// the server's own card (the <template id="alert-card">); text is set with textContent only, never
// parsed as HTML.
(function () {
  'use strict';
  var list = document.getElementById('alerts');
  var empty = document.getElementById('empty');
  var status = document.getElementById('stream-status');

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  var KIND = { exact: 'exact match', lookalike: 'look-alike match', partial: 'partial match' };
  // the alert card as the server renders it (hotlist/alert.jte), blank, in a <template> element
  var card = document.getElementById('alert-card');

  function fill(root, selector, text) {
    root.querySelector(selector).textContent = text == null ? '' : text;
  }

  function render(a) {
    var li = card.content.firstElementChild.cloneNode(true);
    li.className = 'alert kind-' + a.matchKind;
    li.setAttribute('data-alert-id', a.id);
    li.setAttribute('data-match-kind', a.matchKind);
    var banner = li.querySelector('.verify-banner');
    banner.classList.toggle('strong', a.matchKind !== 'exact');
    banner.textContent = a.verifyBeforeAction;
    fill(li, '.plate', a.plate);
    fill(li, '.state', a.state);
    fill(li, '.kind', KIND[a.matchKind] || a.matchKind);
    var time = li.querySelector('time');
    time.setAttribute('datetime', a.capturedAt);
    time.textContent = a.capturedAt;
    fill(li, '.camera', 'by camera ' + a.cameraId +
      (a.confidence == null ? '' : ', confidence ' + Math.round(a.confidence) + '%'));
    fill(li, '.listed', a.entryPlate + ' ' + (a.entryState || '(any state)') + ' on ' + a.listName + ' (' + a.source + ')');
    fill(li, '.reason', a.reasonLabel);
    li.querySelector('form.verify').setAttribute('data-alert-id', a.id);
    return li;
  }

  // the session cookie signs the verification call in, so it carries the page's CSRF token (the meta tags)
  function csrf(headers) {
    var name = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (name && token) { headers[name.getAttribute('content')] = token.getAttribute('content'); }
    return headers;
  }

  document.addEventListener('submit', function (ev) {
    var f = ev.target;
    if (!f.classList || !f.classList.contains('verify')) { return; }
    ev.preventDefault();
    var id = f.getAttribute('data-alert-id');
    fetch('/api/v1/alerts/' + encodeURIComponent(id) + '/verification', {
      method: 'POST',
      credentials: 'same-origin',
      headers: csrf({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ outcome: f.elements.outcome.value, note: f.elements.note.value })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      var p = el('p', res.ok ? 'verified' : 'error',
        res.ok ? 'Verified: ' + res.body.verification.outcome.replace('_', ' ')
               : (res.body.error && res.body.error.message) || 'Could not record the verification');
      f.parentNode.insertBefore(p, f);
      if (res.ok) { f.hidden = true; }
    });
  });

  function seen(id) {
    return list.querySelector('li[data-alert-id="' + String(id).replace(/[^0-9]/g, '') + '"]') !== null;
  }

  // The newest alert this page was rendered with: the stream is asked for what came after it, on the
  // first connection too, so that an alert raised meanwhile, a dropped connection or a server
  // restart loses none.
  var lastId = parseInt(list.getAttribute('data-last-alert-id'), 10) || 0;

  function connect() {
    if (!window.EventSource) {
      status.textContent = 'This browser cannot receive live alerts: reload the page to see new ones.';
      return;
    }
    var source = new EventSource('/api/v1/alerts/stream?after=' + lastId, { withCredentials: true });
    source.addEventListener('ready', function () {
      status.textContent = 'Live: new alerts appear here.';
      status.setAttribute('data-state', 'live');
    });
    source.addEventListener('alert', function (ev) {
      var a = JSON.parse(ev.data);
      lastId = Math.max(lastId, a.id);
      if (seen(a.id)) { return; }
      list.insertBefore(render(a), list.firstChild);
      if (empty) { empty.hidden = true; }
    });
    // the server ended the stream for good: access withdrawn (signed out, token revoked, role or
    // training gone) or a newer page took it over; trying again would only be refused or take it back
    source.addEventListener('ended', function (ev) {
      var why = {};
      try { why = JSON.parse(ev.data); } catch (e) { why = {}; }
      source.close();
      status.textContent = why.reason === 'REPLACED_BY_NEWER_STREAM'
        ? 'Live alerts moved to a newer page; reload this one to have them here.'
        : 'Live alerts ended: your access changed or your session ended (' + (why.reason || 'unknown') + '). ';
      if (why.reason !== 'REPLACED_BY_NEWER_STREAM') {
        var a = el('a', null, 'Sign in again');
        a.href = '/login';
        status.appendChild(a);
      }
      status.setAttribute('data-state', 'ended');
      status.setAttribute('data-reason', why.reason || '');
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        // refused (signed out, e.g. by a server restart, or training expired): the browser will
        // not retry by itself, so say so plainly and keep trying
        source.close();
        status.textContent = '';
        status.appendChild(document.createTextNode('Disconnected: no live alerts on this page. Trying again every 5 s; '
          + 'if you were signed out, '));
        var a = el('a', null, 'sign in again');
        a.href = '/login';
        a.target = '_blank';
        status.appendChild(a);
        status.appendChild(document.createTextNode('.'));
        status.setAttribute('data-state', 'disconnected');
        setTimeout(connect, 5000);
      } else {
        status.textContent = 'Connection lost; reconnecting…';
        status.setAttribute('data-state', 'reconnecting');
      }
    };
  }

  connect();
}());
