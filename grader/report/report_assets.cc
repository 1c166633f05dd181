#include "report/report_assets.h"

namespace report {

const char kReportCss[] = R"css(
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --pass: #1a7f37; --fail: #b3261e;
        --bar: #3b6fb6; --track: #e8ecf0; --warn-bg: #fff4e5; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin: .5rem 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); }
.lead { color: var(--muted); margin: 0 0 1rem; }
a { color: #0b57d0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem;
         border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: bold; border: 0; background: none; padding: 0;
            cursor: pointer; color: inherit; }
th button::after { content: " \2195"; color: var(--muted); }
th[aria-sort="ascending"] button::after { content: " \2191"; color: var(--ink); }
th[aria-sort="descending"] button::after { content: " \2193"; color: var(--ink); }
.attention { background: var(--warn-bg); border-left: 4px solid var(--fail); padding: .5rem 1rem; }
.attention li { margin: .2rem 0; }
.status-problem { color: var(--fail); font-weight: bold; }
.status-ok { color: var(--pass); }
.ids { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85em; }
.nowrap { white-space: nowrap; }
details.ids summary { cursor: pointer; font-family: system-ui, "DejaVu Sans", sans-serif;
                      font-size: 1.15em; }
svg.histogram { width: 100%; max-width: 40rem; height: auto; display: block; }
svg.histogram .bar { fill: var(--bar); }
svg.histogram .grid { stroke: var(--line); }
svg.histogram .axis, svg.histogram .count, svg.histogram .marker-label { font-size: 12px;
  fill: var(--ink); paint-order: stroke; stroke: #fff; stroke-width: 4px;
  stroke-linejoin: round; }
svg.histogram .median { stroke: var(--ink); stroke-width: 2; stroke-dasharray: 6 3; }
svg.histogram .mean { stroke: var(--fail); stroke-width: 2; stroke-dasharray: 2 2; }
svg.share { width: 12rem; height: .8rem; vertical-align: middle; }
svg.share .track { fill: var(--track); }
svg.share .fill { fill: var(--bar); }
tr.component th, tr.component td { font-weight: bold; background: #f6f8fa; }
tr.check th { font-weight: normal; padding-left: 1.5rem; }
.mistakes li { margin: .35rem 0; }
.filter { margin: .5rem 0; }
.filter input { font: inherit; padding: .25rem .5rem; width: 20rem; max-width: 100%; }
dl.source { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.source dt { font-weight: bold; }
dl.source dd { margin: 0; }
pre { background: #f6f8fa; padding: .5rem .75rem; overflow-x: auto; white-space: pre-wrap;
      word-break: break-word; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .filter, .no-print { display: none !important; }
  a { color: inherit; text-decoration: none; }
  th button::after { content: ""; }
  thead { display: table-header-group; }
  tr, .mistakes li, svg { break-inside: avoid; }
  h2 { break-after: avoid; }
  .attention { border: 2px solid var(--ink); background: none; }
}
)css";

const char kReportScript[] = R"js(
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
)js";

}  // namespace report
