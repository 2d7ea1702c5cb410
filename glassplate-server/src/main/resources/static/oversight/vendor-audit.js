// Glassplate vendor audit uploads. On the upload form: refuses, before sending, files larger in all than the
// server takes, and says that the files are on their way. On an upload's page: polls the upload's JSON
// (/api/v1/oversight/vendor-audits/ID) about once a second and updates its progress, status, findings and bad rows
// in place, without reloading, until it is done or failed; then shows the report's links. No framework, no CDN;
// without JavaScript the page reloads itself every 5 seconds instead.
(function () {
  'use strict';

  function size(bytes) {
    if (bytes < 1024) { return bytes + (bytes === 1 ? ' byte' : ' bytes'); }
    var units = ['kB', 'MB', 'GB', 'TB'];
    var v = bytes / 1024;
    var u = 0;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return (v === Math.round(v) ? v.toFixed(0) : v.toFixed(1)) + ' ' + units[u];
  }

  var form = document.getElementById('upload-form');
  if (form) {
    form.addEventListener('submit', function (ev) {
      var files = document.getElementById('files').files;
      var status = document.getElementById('upload-status');
      var total = 0;
      for (var i = 0; i < files.length; i++) { total += files[i].size; }
      var max = Number(form.getAttribute('data-max-bytes'));
      if (max && total > max) {
        ev.preventDefault();
        status.textContent = 'These files are ' + size(total) + ' in all; the server takes ' + size(max) +
          ' at most in one upload: send them in several.';
        status.setAttribute('data-state', 'too-large');
        return;
      }
      status.textContent = 'Sending ' + files.length + (files.length === 1 ? ' file' : ' files') + ' (' +
        size(total) + ')… the page moves on when they have arrived.';
      status.setAttribute('data-state', 'sending');
      document.getElementById('upload').disabled = true;
    });
  }

  var section = document.getElementById('import');
  if (!section) { return; }
  var api = section.getAttribute('data-api');
  var note = document.getElementById('no-script-note');
  if (note) { note.textContent = ''; }

  function text(id, value) {
    var e = document.getElementById(id);
    if (e) { e.textContent = value; }
  }

  function rows(tableId, cells) {
    var body = document.getElementById(tableId).querySelector('tbody');
    while (body.firstChild) { body.removeChild(body.firstChild); }
    cells.forEach(function (row) {
      var tr = document.createElement('tr');
      row.forEach(function (c) {
        var td = document.createElement('td');
        td.setAttribute('data-label', c[0]);
        td.textContent = String(c[1]);
        if (c.length > 2) {
          // the rule's code after its words, muted, as the server draws it
          var code = document.createElement('span');
          code.className = 'code';
          code.textContent = c[2];
          td.appendChild(document.createTextNode(' '));
          td.appendChild(code);
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  function show(job) {
    section.setAttribute('data-status', job.status);
    document.getElementById('progress').value = job.percent;
    text('import-status', job.statusWords);
    text('import-progress', job.progressWords);
    // the box, not the refusal's own element: its style would show it even when hidden
    document.getElementById('failure-box').hidden = !job.failure;
    text('failure', job.failure || '');
    if (job.status === 'DONE') {
      var findings = Object.keys(job.findings).sort(function (a, b) { return job.findings[b] - job.findings[a]; });
      rows('findings', findings.map(function (r) {
        return [['Rule', (job.findingWords && job.findingWords[r]) || r, r], ['Searches', job.findings[r]]];
      }));
      document.getElementById('findings').hidden = findings.length === 0;
      document.getElementById('no-findings').hidden = findings.length > 0;
      document.getElementById('report').hidden = false;
    }
    if (job.badRowList.length > 0) {
      rows('bad-row-table', job.badRowList.map(function (b) {
        return [['File', b.file], ['Line', b.line], ['Why', b.message]];
      }));
      var more = job.badRows - job.badRowList.length;
      text('bad-rows-more', more > 0 ? ' ' + more + ' more are in the report\u2019s JSON.' : '');
      document.getElementById('bad-rows').hidden = false;
    }
  }

  function poll() {
    fetch(api, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (r) {
        if (!r.ok) { throw new Error('the server answered ' + r.status); }
        return r.json();
      })
      .then(function (job) {
        show(job);
        if (job.status !== 'DONE' && job.status !== 'FAILED') { setTimeout(poll, 1000); }
      })
      .catch(function (e) {
        text('import-progress', 'the progress could not be read (' + e.message + '); trying again');
        setTimeout(poll, 3000);
      });
  }

  var status = section.getAttribute('data-status');
  if (status !== 'DONE' && status !== 'FAILED') { setTimeout(poll, 500); }
}());
