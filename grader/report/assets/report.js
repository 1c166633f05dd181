(function () {
  'use strict';
  var table = document.getElementById('students');
  var filter = document.getElementById('filter');
  if (!table || !filter) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var shown = document.getElementById('shown');

  function applyFilter() {
    var query = filter.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row, i) {
      var match = query === '' || texts[i].indexOf(query) !== -1;
      row.hidden = !match;
      if (match) count += 1;
    });
    shown.textContent = count + ' of ' + rows.length + ' students shown';
  }

  function sortBy(header, column) {
    var ascending = header.getAttribute('aria-sort') !== 'ascending';
    var headers = table.tHead.rows[0].cells;
    for (var h = 0; h < headers.length; h += 1) headers[h].removeAttribute('aria-sort');
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var numeric = header.getAttribute('data-type') === 'number';
    var keyed = rows.map(function (row, i) {
      var cell = row.cells[column];
      var value = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort')
                                                 : cell.textContent.trim();
      return { row: row, index: i, value: numeric ? parseFloat(value) : value.toLowerCase() };
    });
    keyed.sort(function (a, b) {
      var order = numeric ? a.value - b.value : a.value.localeCompare(b.value);
      if (!ascending) order = -order;
      return order || a.index - b.index;
    });
    var fragment = document.createDocumentFragment();
    keyed.forEach(function (entry) { fragment.appendChild(entry.row); });
    body.appendChild(fragment);
  }

  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (header, column) {
    var button = header.querySelector('button');
    if (button) button.addEventListener('click', function () { sortBy(header, column); });
  });
  filter.addEventListener('input', applyFilter);

  // A link to a row the filter hides (a re-teach list's student) clears the filter first.
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.hidden) {
      filter.value = '';
      applyFilter();
      target.scrollIntoView();
    }
  }
  window.addEventListener('hashchange', reveal);

  document.getElementById('filter-box').hidden = false;
  applyFilter();
})();
