import { describeCell, describeProfile, type AccessMatrix, type MatrixCell, type WriteRuleRow } from '../../policies';

export type MatrixFormat = 'md' | 'csv' | 'html';
export const MATRIX_FORMATS: readonly MatrixFormat[] = ['md', 'csv', 'html'];

export const MATRIX_LEGEND = [
  'ALLOW: the value; MASK(m): the value masked with mask m; DENY: null and FORBIDDEN.',
  "own only: DENY, except on the reader's own records (a self grant; the department decides record by record).",
  "own only (sub): a key field, shown only where its value is the reader's sub (a citizen's own ID number), else DENY.",
  '"X with P, else Y": X when the request declares purpose P, else Y.',
  'Columns: anonymous, then each role as its typical holder (department, clearance).',
];

/** What the writes section says before its table. */
export const WRITES_LEGEND =
  'Write-backs of completed applications: each field a department may write, by which departments, on which write-back events. Every other field is written by no one, and keys never.';

/** `a, b`: a list in one cell. */
export const joined = (names: readonly string[]) => names.join(', ');

const mdCell = (text: string) => text.replace(/\|/g, '\\|');

/**
 * One table per department (the file that covers the fields), a column per reader profile;
 * then who writes what: one row per write rule (`listWriteRules`).
 */
export function formatMatrixMarkdown(matrix: AccessMatrix, writes: readonly WriteRuleRow[] = []): string[] {
  const header = `| field | ${matrix.profiles.map((p) => mdCell(describeProfile(p))).join(' | ')} |`;
  const rule = `| --- |${' --- |'.repeat(matrix.profiles.length)}`;
  const lines = ['# Who sees what', '', ...MATRIX_LEGEND.map((line) => `- ${line}`), ''];
  for (const group of matrix.groups) {
    lines.push(`## ${group.department}`, '', header, rule);
    for (const row of group.rows) lines.push(`| ${row.coordinate} | ${row.cells.map((c) => mdCell(describeCell(c))).join(' | ')} |`);
    lines.push('');
  }
  lines.push('# Who writes what', '', WRITES_LEGEND, '');
  if (writes.length === 0) return [...lines, 'No field is written from outside its department.', ''];
  lines.push('| department | field | written by | on events | rule |', '| --- | --- | --- | --- | --- |');
  for (const w of writes) lines.push(`| ${w.department} | ${w.coordinate} | ${joined(w.writers)} | ${joined(w.events)} | ${w.rule} |`);
  lines.push('');
  return lines;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per field: department, coordinate, then one cell per reader profile. */
export function formatMatrixCsv(matrix: AccessMatrix): string[] {
  const header = ['department', 'field', ...matrix.profiles.map(describeProfile)];
  const rows = matrix.groups.flatMap((group) => group.rows.map((row) => [group.department, row.coordinate, ...row.cells.map(describeCell)]));
  return [header, ...rows].map((fields) => fields.map(csvField).join(','));
}

/** The CSS class of a cell, for colour: by what the reader gets without a purpose, and whether a purpose changes it. */
export function cellClass(cell: MatrixCell): string {
  const kind = { ALLOW: 'allow', MASK: 'mask', DENY: 'deny', OWN_ONLY: 'own' }[cell.base.kind];
  return cell.withPurposes.length ? `${kind} purpose` : kind;
}
