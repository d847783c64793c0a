import { describeCell, describeProfile, type AccessMatrix, type WriteRuleRow } from '../../policies';
import { cellClass, joined, MATRIX_LEGEND, WRITES_LEGEND } from './policyMatrixFormat';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline: the page must print and open anywhere, with no request to any other address. */
const STYLE = `
  body { font: 10pt/1.35 system-ui, sans-serif; margin: 1.5em; color: #111; }
  h1 { font-size: 14pt; margin: 0 0 .3em; }
  h2 { font-size: 12pt; margin: 1.5em 0 .3em; }
  p.legend { margin: .2em 0; font-size: 9pt; color: #333; }
  table { border-collapse: collapse; width: 100%; margin-top: 1em; }
  th, td { border: 1px solid #999; padding: 2px 5px; text-align: left; vertical-align: top; }
  thead th { background: #e8e8e8; font-size: 9pt; }
  tbody th.department { background: #333; color: #fff; text-transform: uppercase; letter-spacing: .05em; }
  td.field { font-family: ui-monospace, monospace; white-space: nowrap; }
  td.allow { background: #dff0d8; }
  td.mask { background: #fcf3cf; }
  td.deny { background: #f2f2f2; color: #777; }
  td.own { background: #dbe8fb; }
  td.purpose { border-style: dashed; border-width: 2px; }
  @media print {
    @page { size: A4 landscape; margin: 10mm; }
    body { margin: 0; font-size: 8pt; }
    td, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    tbody { break-inside: auto; } tr { break-inside: avoid; }
  }
`;

/** A self-contained page for printing: the matrix with a legend, one coloured cell per field and reader profile; then who writes what. */
export function formatMatrixHtml(matrix: AccessMatrix, title: string, writes: readonly WriteRuleRow[] = []): string[] {
  const columns = matrix.profiles.length + 1;
  const lines = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escape(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escape(title)}</h1>`,
    ...MATRIX_LEGEND.map((line) => `<p class="legend">${escape(line)}</p>`),
    '<table>',
    `<thead><tr><th>field</th>${matrix.profiles.map((p) => `<th>${escape(describeProfile(p))}</th>`).join('')}</tr></thead>`,
  ];
  for (const group of matrix.groups) {
    lines.push('<tbody>', `<tr><th class="department" colspan="${columns}">${escape(group.department)}</th></tr>`);
    for (const row of group.rows) {
      const cells = row.cells.map((cell) => `<td class="${cellClass(cell)}">${escape(describeCell(cell))}</td>`).join('');
      lines.push(`<tr><td class="field">${escape(row.coordinate)}</td>${cells}</tr>`);
    }
    lines.push('</tbody>');
  }
  lines.push('</table>', '<h2>Who writes what</h2>', `<p class="legend">${escape(WRITES_LEGEND)}</p>`);
  if (writes.length) {
    lines.push('<table class="writes">', '<thead><tr><th>department</th><th>field</th><th>written by</th><th>on events</th><th>rule</th></tr></thead>', '<tbody>');
    for (const w of writes) {
      const cells = [w.department, w.coordinate, joined(w.writers), joined(w.events), w.rule].map((text) => `<td>${escape(text)}</td>`).join('');
      lines.push(`<tr class="write">${cells}</tr>`);
    }
    lines.push('</tbody>', '</table>');
  } else {
    lines.push('<p>No field is written from outside its department.</p>');
  }
  lines.push('</body>', '</html>');
  return lines;
}
