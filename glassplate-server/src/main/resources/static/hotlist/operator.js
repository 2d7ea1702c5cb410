// Glassplate operator page: shows new hot-list alerts as they happen (EventSource on
// /api/v1/alerts/stream) and records verifications. No framework, no CDN; text is set with
// textContent only, never parsed as HTML.
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

  function render(a) {
    var li = el('li', 'alert kind-' + a.matchKind);
    li.setAttribute('data-alert-id', a.id);
    li.setAttribute('data-match-kind', a.matchKind);
    var banner = el('div', 'verify-banner' + (a.matchKind === 'exact' ? '' : ' strong'), a.verifyBeforeAction);
    banner.setAttribute('role', 'alert');
    li.appendChild(banner);
    var read = el('div', 'read');
    read.appendChild(el('span', 'plate', a.plate));
    read.appendChild(document.createTextNode(' '));
    read.appendChild(el('span', 'state', a.state));
    read.appendChild(document.createTextNode(' '));
    read.appendChild(el('span', 'kind', KIND[a.matchKind] || a.matchKind));
    li.appendChild(read);
    var dl = el('dl');
    function row(term, value, cls) {
      dl.appendChild(el('dt', null, term));
      dl.appendChild(el('dd', cls || null, value));
    }
    row('Seen', a.capturedAt + ' by camera ' + a.cameraId +
      (a.confidence == null ? '' : ', confidence ' + Math.round(a.confidence) + '%'));
    row('Listed', a.entryPlate + ' ' + (a.entryState || '(any state)') + ' on ' + a.listName + ' (' + a.source + ')');
    row('Reason', a.reasonLabel, 'reason');
    li.appendChild(dl);
    li.appendChild(form(a.id));
    return li;
  }

  function form(id) {
    var f = el('form', 'verify');
    f.setAttribute('data-alert-id', id);
    var outcome = el('select');
    outcome.name = 'outcome';
    [['confirmed', 'Confirmed'], ['misread', 'Misread'], ['stale_entry', 'Stale entry'], ['other', 'Other']]
      .forEach(function (o) { var op = el('option', null, o[1]); op.value = o[0]; outcome.appendChild(op); });
    var l1 = el('label', null, 'Outcome ');
    l1.appendChild(outcome);
    var note = el('input');
    note.name = 'note';
    note.maxLength = 2000;
    var l2 = el('label', null, 'Note ');
    l2.appendChild(note);
    var b = el('button', null, 'Record verification');
    b.type = 'submit';
    f.appendChild(l1);
    f.appendChild(l2);
    f.appendChild(b);
    return f;
  }

  document.addEventListener('submit', function (ev) {
    var f = ev.target;
    if (!f.classList || !f.classList.contains('verify')) { return; }
    ev.preventDefault();
    var id = f.getAttribute('data-alert-id');
    fetch('/api/v1/alerts/' + encodeURIComponent(id) + '/verification', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
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
