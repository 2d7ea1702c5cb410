// Conveniences for the search page; the page works without them.
// - Times: the form's datetime-local fields are read in the browser's time zone and sent as UTC.
// - Hovering a result row highlights its camera on the plot, and the other way round.
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (form) {
    form.addEventListener('submit', function () {
      ['from', 'to'].forEach(function (name) {
        var input = form.elements[name];
        var iso = form.elements[name + 'Iso'];
        if (input && iso && input.value) {
          var d = new Date(input.value + 'Z'); // the fields are labelled UTC
          if (!isNaN(d.getTime())) {
            iso.value = d.toISOString();
          }
        }
      });
    });
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
