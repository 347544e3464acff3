/**
 * `index.html` of a batch: one self-contained page with a table of every job (target,
 * preset, method, status, initial and final loss, time, worker, error), sortable by any
 * column with a click, each row linking the job's `report.html`.
 * @module
 */

import { basename } from 'node:path';
import type { JobRecord } from './job-record';

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const formatLoss = (x: number | null) => (x === null ? '' : x.toExponential(3));

/** A table cell: shown text plus the value it sorts by. */
function cell(text: string, sortKey: string | number = text): string {
  return `<td data-sort="${escapeHtml(String(sortKey))}">${text}</td>`;
}

function row(record: JobRecord): string {
  const target = basename(record.target);
  const link =
    record.status === 'done'
      ? `<a href="${encodeURIComponent(record.id)}/report.html">${escapeHtml(target)}</a>`
      : escapeHtml(target);
  return `<tr class="${record.status}">${[
    cell(link, target),
    cell(escapeHtml(record.settings.preset)),
    cell(escapeHtml(record.settings.method)),
    cell(record.status),
    cell(formatLoss(record.initial_loss), record.initial_loss ?? Number.POSITIVE_INFINITY),
    cell(formatLoss(record.final_loss), record.final_loss ?? Number.POSITIVE_INFINITY),
    cell(record.time_s.toFixed(1), record.time_s),
    cell(escapeHtml(record.worker)),
    cell(escapeHtml(record.error ?? '')),
  ].join('')}</tr>`;
}

const COLUMNS = [
  'target',
  'preset',
  'method',
  'status',
  'initial loss',
  'final loss',
  'time (s)',
  'worker',
  'error',
];
const NUMERIC = new Set(['initial loss', 'final loss', 'time (s)']);

// Click a header to sort by it; click again to reverse.
const SORT_SCRIPT = `
for (const th of document.querySelectorAll('th')) {
  th.addEventListener('click', () => {
    const body = document.querySelector('tbody');
    const i = [...th.parentNode.children].indexOf(th);
    const numeric = th.dataset.numeric === '1';
    const up = th.dataset.dir !== 'up';
    for (const other of document.querySelectorAll('th')) delete other.dataset.dir;
    th.dataset.dir = up ? 'up' : 'down';
    const key = (tr) => tr.children[i].dataset.sort;
    const rows = [...body.rows].sort((a, b) => {
      const d = numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b));
      return up ? d : -d;
    });
    body.append(...rows);
  });
}`;

/** The page for `records` (the latest record of each job). */
export function batchIndexHtml(records: readonly JobRecord[]): string {
  const done = records.filter((r) => r.status === 'done').length;
  const failed = records.length - done;
  const head = COLUMNS.map((c) => `<th data-numeric="${NUMERIC.has(c) ? 1 : 0}">${c}</th>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>ae-ddsp batch: ${records.length} jobs</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2em; }
table { border-collapse: collapse; }
th, td { padding: 0.3em 0.7em; border-bottom: 1px solid #ddd; text-align: left; }
th { cursor: pointer; user-select: none; background: #f4f4f4; }
th[data-dir=up]::after { content: ' ▲'; }
th[data-dir=down]::after { content: ' ▼'; }
tr.failed td { color: #a40000; }
</style>
</head>
<body>
<h1>ae-ddsp batch</h1>
<p>${records.length} jobs: ${done} done, ${failed} failed. Click a column to sort.</p>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${records.map(row).join('\n')}
</tbody>
</table>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}
