// Conveniences for the search page; the page works without them.
// - The pattern rule is checked as the plate or pattern is typed, before the form is submitted.
// - An area is chosen by dragging a box on the map of the cameras (the degrees fields stay, optional).
// - Beside the times (in the agency's time zone), the same moment in UTC.
// - Hovering a result row highlights its camera on the plot, and the other way round.
(function () {
  'use strict';
  var form = document.getElementById('search-form');

  // The rule of PlateQuery.indexable: a full plate; or two known characters at the start or the end,
  // or three in a row anywhere; else cameras or an area must bound the search.
  function indexable(pattern) {
    if (!/[*?]/.test(pattern)) {
      return true;
    }
    var known = function (c) { return c !== undefined && c !== '*' && c !== '?'; };
    var run = 0;
    var longest = 0;
    for (var i = 0; i < pattern.length; i++) {
      run = known(pattern[i]) ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    var n = pattern.length;
    return longest >= 3 || (known(pattern[0]) && known(pattern[1])) || (known(pattern[n - 1]) && known(pattern[n - 2]));
  }

  function bounded() {
    if (form.querySelector('input[name="camera"]:checked')) {
      return true;
    }
    return ['south', 'west', 'north', 'east'].every(function (k) {
      return form.elements[k] && form.elements[k].value.trim() !== '';
    });
  }

  function checkPattern() {
    var query = form.elements.query;
    var rule = document.getElementById('pattern-rule');
    var p = query.value.replace(/\s+/g, '').toUpperCase();
    var ok = p === '' || indexable(p) || bounded();
    query.setCustomValidity(ok ? '' : rule.textContent);
    if (!ok) {
      query.setAttribute('aria-invalid', 'true');
      query.dataset.ruleBroken = 'yes';
    } else if (query.dataset.ruleBroken) {
      query.removeAttribute('aria-invalid');
      delete query.dataset.ruleBroken;
    }
    rule.classList.toggle('broken', !ok);
  }

  // The UTC moment of a local date and time in the agency's zone (two passes settle the DST edges).
  function utcOf(local, zone) {
    var m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
    if (!m) {
      return null;
    }
    var wanted = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
    var fmt = new Intl.DateTimeFormat('en-US', {timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit',
      day: '2-digit', hour: '2-digit', minute: '2-digit'});
    var guess = wanted;
    for (var pass = 0; pass < 2; pass++) {
      var parts = {};
      fmt.formatToParts(new Date(guess)).forEach(function (x) { parts[x.type] = +x.value; });
      var shown = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute);
      guess += wanted - shown;
    }
    return new Date(guess);
  }

  function showUtc() {
    var zone = form.getAttribute('data-zone');
    form.querySelectorAll('span.utc').forEach(function (span) {
      var input = form.elements[span.getAttribute('data-for')];
      var d = input && input.value && zone ? utcOf(input.value, zone) : null;
      span.textContent = d ? '= ' + d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '';
    });
  }

  // Dragging a box on the map fills south, west, north and east (the map's data attributes say how
  // its pixels map to degrees: the chart helper's projection).
  function areaPicker() {
    var svg = document.getElementById('area-map');
    var clear = document.getElementById('clear-area');
    if (!svg) {
      return;
    }
    var d = function (name) { return parseFloat(svg.getAttribute('data-' + name)); };
    var minLat = d('min-lat'), minLon = d('min-lon'), kx = d('kx'), scale = d('scale');
    var offX = d('off-x'), offY = d('off-y'), height = d('height');
    var toDegrees = function (p) {
      return {lat: minLat + (height - p.y - offY) / scale, lon: minLon + (p.x - offX) / (kx * scale)};
    };
    var toPixels = function (lat, lon) {
      return {x: offX + (lon - minLon) * kx * scale, y: height - (offY + (lat - minLat) * scale)};
    };
    var point = function (e) {
      var pt = svg.createSVGPoint();
      pt.x = e.clientX;
      pt.y = e.clientY;
      return pt.matrixTransform(svg.getScreenCTM().inverse());
    };
    var box = document.getElementById('area-box');
    var ensureBox = function () {
      if (!box) {
        box = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        box.setAttribute('id', 'area-box');
        box.setAttribute('fill', '#1f5fa8');
        box.setAttribute('fill-opacity', '0.12');
        box.setAttribute('stroke', '#1f5fa8');
        box.setAttribute('stroke-width', '2');
        svg.appendChild(box);
      }
      return box;
    };
    var draw = function (a, b) {
      var r = ensureBox();
      r.setAttribute('x', Math.min(a.x, b.x));
      r.setAttribute('y', Math.min(a.y, b.y));
      r.setAttribute('width', Math.abs(a.x - b.x));
      r.setAttribute('height', Math.abs(a.y - b.y));
    };
    var fill = function (a, b) {
      var p = toDegrees(a);
      var q = toDegrees(b);
      form.elements.south.value = Math.min(p.lat, q.lat).toFixed(5);
      form.elements.north.value = Math.max(p.lat, q.lat).toFixed(5);
      form.elements.west.value = Math.min(p.lon, q.lon).toFixed(5);
      form.elements.east.value = Math.max(p.lon, q.lon).toFixed(5);
      clear.hidden = false;
      checkPattern();
    };
    var start = null;
    svg.addEventListener('pointerdown', function (e) {
      start = point(e);
      svg.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    svg.addEventListener('pointermove', function (e) {
      if (start) {
        draw(start, point(e));
      }
    });
    svg.addEventListener('pointerup', function (e) {
      if (!start) {
        return;
      }
      var end = point(e);
      if (Math.abs(end.x - start.x) > 4 && Math.abs(end.y - start.y) > 4) {
        draw(start, end);
        fill(start, end);
      }
      start = null;
    });
    // typed degrees move the box too
    ['south', 'west', 'north', 'east'].forEach(function (k) {
      form.elements[k].addEventListener('input', function () {
        var v = {};
        var all = ['south', 'west', 'north', 'east'].every(function (n) {
          v[n] = parseFloat(form.elements[n].value);
          return !isNaN(v[n]);
        });
        if (all) {
          draw(toPixels(v.north, v.west), toPixels(v.south, v.east));
          clear.hidden = false;
        }
      });
    });
    clear.hidden = !bounded() || !form.elements.south.value;
    clear.addEventListener('click', function () {
      ['south', 'west', 'north', 'east'].forEach(function (k) { form.elements[k].value = ''; });
      if (box) {
        box.remove();
        box = null;
      }
      clear.hidden = true;
      checkPattern();
    });
  }

  if (form) {
    form.elements.query.addEventListener('input', checkPattern);
    form.addEventListener('change', checkPattern);
    form.addEventListener('input', showUtc);
    checkPattern();
    showUtc();
    areaPicker();
  }

  function mark(cameraId, on) {
    document.querySelectorAll('[data-camera="' + cameraId + '"]').forEach(function (el) {
      el.classList.toggle('highlight', on);
    });
  }
  document.querySelectorAll('#results-table tr[data-camera], #plot circle[data-camera]').forEach(function (el) {
    var id = el.getAttribute('data-camera');
    el.addEventListener('mouseenter', function () { mark(id, true); });
    el.addEventListener('mouseleave', function () { mark(id, false); });
  });
})();
