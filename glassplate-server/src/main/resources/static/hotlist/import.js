// Glassplate hot-list import: sends the chosen CSV file in parts of at most 1.5 MiB (cut at line
// ends, as bytes, so no character is split), then waits for the server to build the list (and, for a
// state or NCIC list, for a second supervisor's approval first), with a progress bar throughout and
// every rejected row listed. No framework, no CDN.
(function () {
  'use strict';
  var PART = 1536 * 1024;
  var form = document.getElementById('import-form');
  var bar = document.getElementById('progress');
  var status = document.getElementById('import-status');
  var errors = document.getElementById('errors');

  // the session cookie signs these calls in, so each one carries the page's CSRF token (the meta tags)
  function csrf(headers) {
    var name = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (name && token) { headers[name.getAttribute('content')] = token.getAttribute('content'); }
    return headers;
  }

  function api(method, path, body, type) {
    return fetch(path, {
      method: method,
      credentials: 'same-origin',
      headers: csrf(body === undefined ? {} : { 'Content-Type': type || 'application/json' }),
      body: body
    }).then(function (r) {
      return r.json().then(function (json) {
        if (!r.ok) {
          throw new Error((json.error && json.error.message) || ('the server answered ' + r.status));
        }
        return json;
      });
    });
  }

  function show(job) {
    bar.value = job.progress;
    status.textContent = job.status + ': ' + job.rowsRead + ' rows read, ' + job.rowsAccepted + ' accepted, ' +
      job.rowsRejected + ' rejected';
    status.setAttribute('data-status', job.status);
    var body = errors.querySelector('tbody');
    while (body.firstChild) { body.removeChild(body.firstChild); }
    job.errors.forEach(function (e) {
      var tr = document.createElement('tr');
      [String(e.row), e.field || '', e.message].forEach(function (t) {
        var td = document.createElement('td');
        td.textContent = t;
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    errors.hidden = job.errors.length === 0;
  }

  function columns() {
    var c = {};
    ['plate', 'state', 'reason', 'expiresAt'].forEach(function (f) {
      var v = document.getElementById('col-' + f).value.trim();
      if (v) { c[f] = v; }
    });
    return c;
  }

  function defaults() {
    var d = {};
    var reason = document.getElementById('default-reason').value;
    var expires = document.getElementById('default-expires').value;
    if (reason) { d.reason = reason; }
    if (expires) { d.expiresAt = expires; }
    return d;
  }

  function sendParts(base, file) {
    var offset = 0;
    var carry = new Uint8Array(0);
    function next() {
      if (offset >= file.size && carry.length === 0) { return Promise.resolve(); }
      var end = Math.min(file.size, offset + PART - carry.length);
      return file.slice(offset, end).arrayBuffer().then(function (buf) {
        var bytes = new Uint8Array(carry.length + buf.byteLength);
        bytes.set(carry, 0);
        bytes.set(new Uint8Array(buf), carry.length);
        offset = end;
        var cut = bytes.length;
        if (offset < file.size) {
          cut = bytes.lastIndexOf(10) + 1;
          if (cut === 0) { throw new Error('a line is longer than ' + PART + ' bytes'); }
        }
        carry = bytes.slice(cut);
        return api('POST', base + '/parts', new Blob([bytes.slice(0, cut)]), 'text/csv; charset=utf-8')
          .then(function (job) { show(job); bar.value = Math.min(0.9, 0.9 * offset / Math.max(1, file.size)); })
          .then(next);
      });
    }
    return next();
  }

  function poll(base) {
    return api('GET', base).then(function (job) {
      show(job);
      if (job.status === 'BUILDING' || job.status === 'RECEIVING' || job.status === 'AWAITING_APPROVAL') {
        var wait = job.status === 'AWAITING_APPROVAL' ? 2000 : 500;
        return new Promise(function (ok) { setTimeout(ok, wait); }).then(function () { return poll(base); });
      }
      return job;
    });
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var file = document.getElementById('file').files[0];
    var list = document.getElementById('list').value;
    if (!file || !list) { return; }
    document.getElementById('start').disabled = true;
    bar.value = 0;
    status.textContent = 'Starting…';
    var root = '/api/v1/hotlists/' + encodeURIComponent(list) + '/imports';
    api('POST', root, JSON.stringify({ mode: document.getElementById('mode').value, columns: columns(),
      defaults: defaults(), size: file.size }))
      .then(function (job) {
        var base = root + '/' + job.id;
        return sendParts(base, file)
          .then(function () { return api('POST', base + '/completion', '{}'); })
          .then(function () { return poll(base); });
      })
      .catch(function (e) {
        status.textContent = 'Import failed: ' + e.message;
        status.setAttribute('data-status', 'FAILED');
      })
      .then(function () { document.getElementById('start').disabled = false; });
  });
}());
