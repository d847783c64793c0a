import {
  CHANGE_KINDS,
  CHANGE_LABELS,
  describeReaderGroup,
  describeWriteChange,
  WIDENING,
  type AccessChange,
  type PolicyDiff,
  type VocabularyNames,
  type WriteChange,
} from '../../policies';
import { textTable } from './policyIo';

export type DiffFormat = 'text' | 'md';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'md'];

/** `Person.phone (own record; masked: phone)`: the field, whose records, and what the reader now gets or had. */
export function describeChange(change: AccessChange): string {
  const notes: string[] = [];
  if (change.scope === 'own') notes.push('own record');
  if (change.scope === 'others') notes.push("others' records");
  const { from, to } = change;
  switch (change.kind) {
    case 'gained':
      if (to.kind === 'MASK') notes.push(`masked: ${to.mask}`);
      break;
    case 'lost':
      break;
    case 'masked':
      if (to.kind === 'MASK') notes.push(to.mask);
      break;
    case 'unmasked':
      if (from.kind === 'MASK') notes.push(`was ${from.mask}`);
      break;
    case 'remasked':
      if (from.kind === 'MASK' && to.kind === 'MASK') notes.push(`${from.mask} → ${to.mask}`);
      break;
  }
  return notes.length ? `${change.coordinate} (${notes.join('; ')})` : change.coordinate;
}

export interface DiffLabels {
  before: string;
  after: string;
}

/** True when a department may write a field on an event it could not before: exit 3, as widened access. */
export const writesWiden = (writes: readonly WriteChange[]) => writes.some((change) => change.kind === 'widens');

const groups = (n: number) => (n === 1 ? '1 reader group' : `${n} reader groups`);

/** What changed in reading, and (when anything did) in writing, then the exit code: 3 when either widens. */
function verdict(diff: PolicyDiff, writes: readonly WriteChange[]): string {
  const widening = diff.rows.filter((row) => row.changes.some((change) => WIDENING.has(change.kind))).length;
  const reads =
    diff.rows.length === 0
      ? `No change in access for any of the ${diff.classes} reader classes`
      : widening === 0
        ? `Access only narrows (${groups(diff.rows.length)})`
        : `Access WIDENS for ${groups(widening)} (a field gained, unmasked or masked differently)`;
  const exit = widening > 0 || writesWiden(writes) ? 3 : 0;
  if (writes.length === 0) return `${reads}: exit ${exit}.`;
  const written = writesWiden(writes) ? 'who may write WIDENS (a department may write a field, or on an event, it could not before)' : 'who may write only narrows';
  return `${reads}; ${written}: exit ${exit}.`;
}

/** One line per change of who may write what. */
function writeTable(writes: readonly WriteChange[]): string[] {
  if (writes.length === 0) return [];
  return [...textTable([['WRITER', 'CHANGE', 'FIELD', 'EVENTS'], ...writes.map((w) => [w.writer, describeWriteChange(w), w.coordinate, w.events.join(', ')])]), ''];
}

/** One line per reader group and change: grep-able, the reader group written once per group; then one per change of who may write what. */
export function formatDiffText(diff: PolicyDiff, names: VocabularyNames, labels: DiffLabels, writes: readonly WriteChange[] = []): string[] {
  const lines = [`policy diff ${labels.before} → ${labels.after} (${diff.classes} reader classes)`, ''];
  if (diff.rows.length > 0) {
    const rows: string[][] = [['READERS', 'CHANGE', 'FIELD']];
    for (const row of diff.rows) {
      const readers = describeReaderGroup(row.readers, names);
      row.changes.forEach((change, i) => rows.push([i === 0 ? readers : '', CHANGE_LABELS[change.kind], describeChange(change)]));
    }
    lines.push(...textTable(rows), '');
  }
  lines.push(...writeTable(writes), verdict(diff, writes));
  return lines;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A Markdown table: one row per reader group, one column per kind of change; then one row per change of who may write what. */
export function formatDiffMarkdown(diff: PolicyDiff, names: VocabularyNames, labels: DiffLabels, writes: readonly WriteChange[] = []): string[] {
  const lines = [`### Access changes: \`${labels.before}\` → \`${labels.after}\``, ''];
  if (diff.rows.length > 0) {
    const kinds = CHANGE_KINDS.filter((kind) => kind !== 'remasked' || diff.rows.some((row) => row.changes.some((c) => c.kind === kind)));
    lines.push(`| readers | ${kinds.map((k) => CHANGE_LABELS[k]).join(' | ')} |`, `| --- |${' --- |'.repeat(kinds.length)}`);
    for (const row of diff.rows) {
      const cells = kinds.map((kind) =>
        row.changes
          .filter((c) => c.kind === kind)
          .map((c) => cell(describeChange(c)))
          .join('<br>'),
      );
      lines.push(`| ${cell(describeReaderGroup(row.readers, names))} | ${cells.join(' | ')} |`.replace(/ {2}\|/g, ' |'));
    }
    lines.push('');
  }
  if (writes.length) {
    lines.push('| writer | change | field | events |', '| --- | --- | --- | --- |');
    for (const w of writes) lines.push(`| ${w.writer} | ${describeWriteChange(w)} | ${w.coordinate} | ${cell(w.events.join(', '))} |`);
    lines.push('');
  }
  lines.push(verdict(diff, writes));
  return lines;
}
