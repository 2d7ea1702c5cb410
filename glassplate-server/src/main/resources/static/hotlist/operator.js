// Glassplate operator page: shows new hot-list alerts as they happen (EventSource on
// /api/v1/alerts/stream), grouped by plate, keeps their ages ("3 min ago") current, and records
// verifications: an outcome must be chosen, and a misread or "other" needs a note. No framework, no
// CDN. A new alert is a clone of the server's own card (the <template id="alert-card">); text is set
// with textContent only, never parsed as HTML.
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
  // the alert card and the plate group as the server renders them (hotlist/alert.jte, group.jte),
  // blank, in <template> elements
  var card = document.getElementById('alert-card');
  var groupTemplate = document.getElementById('plate-group');
  var zone = list.getAttribute('data-zone') || 'UTC';
  var me = list.getAttribute('data-me') || '';
  // the server's clock less the browser's: ages are counted by the server's time
  var skew = (Date.parse(list.getAttribute('data-now')) || Date.now()) - Date.now();
  var cameras = {};
  Array.prototype.forEach.call(document.querySelectorAll('#camera-places li'), function (c) {
    cameras[c.getAttribute('data-camera-id')] = { name: c.getAttribute('data-name'), place: c.getAttribute('data-place') };
  });

  function fill(root, selector, text) {
    root.querySelector(selector).textContent = text == null ? '' : text;
  }

  // "3 min ago", as the server's Ago says it
  function ago(iso) {
    var minutes = Math.floor((Date.now() + skew - Date.parse(iso)) / 60000);
    if (!(minutes >= 1)) { return 'just now'; }
    if (minutes < 60) { return minutes + ' min ago'; }
    var hours = Math.floor(minutes / 60);
    if (hours < 24) { return hours + ' h' + (minutes % 60 === 0 ? '' : ' ' + (minutes % 60) + ' min') + ' ago'; }
    var days = Math.floor(hours / 24);
    return days + (days === 1 ? ' day' : ' days') + ' ago';
  }

  function refreshAges() {
    Array.prototype.forEach.call(document.querySelectorAll('.age[data-since]'), function (a) {
      var since = a.getAttribute('data-since');
      if (since) { a.textContent = ago(since); }
    });
  }

  // a moment as the server's ShownTime shows it: the agency's local time, UTC on hover
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function parts(d, timeZone, names) {
    var out = {};
    var opts = { timeZone: timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    if (names) { opts.timeZoneName = 'short'; }
    new Intl.DateTimeFormat('en-US', opts).formatToParts(d).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }
  function setTime(el, iso) {
    var d = new Date(iso);
    var l;
    try { l = parts(d, zone, true); } catch (e) { l = parts(d, 'UTC', true); }
    el.setAttribute('datetime', iso.replace(/\.\d+Z$/, 'Z'));
    el.setAttribute('title', d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate()) + ' '
      + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) + ':' + pad(d.getUTCSeconds()) + ' UTC');
    el.textContent = l.year + '-' + l.month + '-' + l.day + ' ' + l.hour + ':' + l.minute + ':' + l.second + ' '
      + l.timeZoneName;
  }

  function place(lat, lon) {
    return lat == null || lon == null ? null : lat.toFixed(5) + ', ' + lon.toFixed(5);
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
    setTime(li.querySelector('.seen time'), a.capturedAt);
    var age = li.querySelector('.age');
    age.setAttribute('data-since', a.capturedAt);
    age.textContent = ago(a.capturedAt);
    var cam = cameras[String(a.cameraId)];
    fill(li, '.camera', cam ? cam.name : 'camera ' + a.cameraId);
    fill(li, '.place', place(a.lat, a.lon) || (cam && cam.place) || 'position not sent');
    var conf = el('span', 'confidence', a.confidence == null ? '' : ' · confidence ' + Math.round(a.confidence) + '%');
    li.querySelector('.place').appendChild(conf);
    fill(li, '.listed', a.entryPlate + ' ' + (a.entryState || '(any state)') + ' on ' + a.listName + ' (' + a.source + ')');
    fill(li, '.reason', a.reasonLabel);
    var form = li.querySelector('form.verify');
    form.setAttribute('data-alert-id', a.id);
    form.setAttribute('action', '/operator/alerts/' + encodeURIComponent(a.id) + '/verification');
    return li;
  }

  function keyOf(plate, state) { return (plate || '') + '|' + (state || ''); }

  // a new alert joins the group of its plate (moved to the top), or starts one
  function add(a) {
    var key = keyOf(a.plate, a.state);
    var group = null;
    Array.prototype.forEach.call(list.children, function (g) {
      if (g.getAttribute('data-plate-key') === key) { group = g; }
    });
    if (!group) {
      group = groupTemplate.content.firstElementChild.cloneNode(true);
      group.setAttribute('data-plate-key', key);
    }
    var hits = group.querySelector('ol.hits');
    hits.insertBefore(render(a), hits.firstChild);
    var n = hits.children.length;
    group.setAttribute('data-hits', n);
    fill(group, '.count', n);
    group.querySelector('.repeat').hidden = n < 2;
    list.insertBefore(group, list.firstChild);
    var count = document.getElementById('unverified-count');
    if (count) { count.textContent = (parseInt(count.textContent, 10) || 0) + 1; }
  }

  // the session cookie signs the verification call in, so it carries the page's CSRF token (the meta tags)
  function csrf(headers) {
    var name = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (name && token) { headers[name.getAttribute('content')] = token.getAttribute('content'); }
    return headers;
  }

  function chosen(f) {
    var c = f.querySelector('input[name="outcome"]:checked');
    return c ? c.value : '';
  }

  function needsNote(outcome) { return outcome === 'misread' || outcome === 'other'; }

  function showError(f, field, message) {
    var p = f.querySelector('.form-error');
    p.textContent = message;
    p.hidden = !message;
    var outcome = f.querySelector('fieldset.outcome');
    var note = f.elements.note;
    outcome.classList.toggle('invalid', field === 'outcome');
    if (field === 'outcome') { outcome.setAttribute('aria-invalid', 'true'); } else { outcome.removeAttribute('aria-invalid'); }
    if (field === 'note') { note.setAttribute('aria-invalid', 'true'); } else { note.removeAttribute('aria-invalid'); }
  }

  // the note is required once the outcome is misread or other: the browser then refuses the form
  document.addEventListener('change', function (ev) {
    var f = ev.target.form;
    if (!f || !f.classList.contains('verify') || ev.target.name !== 'outcome') { return; }
    f.elements.note.required = needsNote(chosen(f));
    showError(f, null, '');
  });
  document.addEventListener('input', function (ev) {
    var f = ev.target.form;
    if (f && f.classList.contains('verify') && ev.target.name === 'note' && ev.target.value.trim()) {
      showError(f, null, '');
    }
  });

  // the browser refused the form (no outcome chosen, or no note for a misread): say why beside the
  // field, mark it and focus it, in place of the browser's own bubble
  document.addEventListener('invalid', function (ev) {
    var f = ev.target.form;
    if (!f || !f.classList.contains('verify')) { return; }
    ev.preventDefault();
    if (ev.target.name === 'outcome') {
      if (ev.target === f.querySelector('input[name="outcome"]')) {
        showError(f, 'outcome', 'Choose what you found before recording the verification.');
        ev.target.focus();
      }
    } else if (ev.target.name === 'note' && chosen(f)) {
      showError(f, 'note', 'Say in the note what you saw: a note is required for a ' + chosen(f) + ' outcome.');
      ev.target.focus();
    }
  }, true);

  function fold(li, outcome, note, at) {
    li.setAttribute('data-verified', 'true');
    var details = li.querySelector('details.card');
    details.open = false;
    fill(li, '.outcome-tag', outcome);
    var p = li.querySelector('p.verified');
    fill(p, '.outcome', outcome);
    fill(p, '.by', me || 'you');
    var t = el('time');
    setTime(t, at);
    var where = p.querySelector('.at');
    where.textContent = '';
    where.appendChild(t);
    fill(p, '.verified-note', note);
    p.querySelector('.note-line').hidden = !note;
    p.hidden = false;
    var count = document.getElementById('unverified-count');
    if (count) { count.textContent = Math.max(0, (parseInt(count.textContent, 10) || 0) - 1); }
  }

  var LABEL = { confirmed: 'Confirmed', misread: 'Misread', stale_entry: 'Stale entry', other: 'Other' };

  document.addEventListener('submit', function (ev) {
    var f = ev.target;
    if (!f.classList || !f.classList.contains('verify')) { return; }
    ev.preventDefault();
    var outcome = chosen(f);
    var note = f.elements.note.value.trim();
    // the same rules as the browser's own check, for a browser that skipped it
    if (!outcome) {
      showError(f, 'outcome', 'Choose what you found before recording the verification.');
      f.querySelector('input[name="outcome"]').focus();
      return;
    }
    if (needsNote(outcome) && !note) {
      showError(f, 'note', 'Say in the note what you saw: a note is required for a ' + outcome + ' outcome.');
      f.elements.note.focus();
      return;
    }
    var button = f.querySelector('button[type="submit"]');
    button.disabled = true;
    var id = f.getAttribute('data-alert-id');
    fetch('/api/v1/alerts/' + encodeURIComponent(id) + '/verification', {
      method: 'POST',
      credentials: 'same-origin',
      headers: csrf({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ outcome: outcome, note: note })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (res) {
      button.disabled = false;
      if (res.ok) {
        var li = f.closest('li.alert');
        f.parentNode.removeChild(f);
        fold(li, LABEL[outcome] || outcome, note, res.body.verification.verifiedAt);
        return;
      }
      var e = res.body.error || {};
      showError(f, e.field || null, e.message || 'Could not record the verification');
      if (e.field === 'note') { f.elements.note.focus(); }
    }, function () {
      button.disabled = false;
      showError(f, null, 'Could not reach the server: the verification was not recorded. Try again.');
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
      add(a);
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
  refreshAges();
  setInterval(refreshAges, 30000);
}());
