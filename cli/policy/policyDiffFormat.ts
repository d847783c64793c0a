import { CHANGE_KINDS, describeReaderGroup, WIDENING, type AccessChange, type ChangeKind, type PolicyDiff, type VocabularyNames } from '../../policies';
import { textTable } from './policyIo';

export type DiffFormat = 'text' | 'md';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'md'];

export const CHANGE_LABELS: Readonly<Record<ChangeKind, string>> = {
  gained: 'gained',
  lost: 'lost',
  masked: 'newly masked',
  unmasked: 'newly unmasked',
  remasked: 'mask changed',
};

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

const groups = (n: number) => (n === 1 ? '1 reader group' : `${n} reader groups`);

function verdict(diff: PolicyDiff): string {
  if (diff.rows.length === 0) return `No change in access for any of the ${diff.classes} reader classes: exit 0.`;
  const widening = diff.rows.filter((row) => row.changes.some((change) => WIDENING.has(change.kind))).length;
  if (widening === 0) return `Access only narrows (${groups(diff.rows.length)}): exit 0.`;
  return `Access WIDENS for ${groups(widening)} (a field gained, unmasked or masked differently): exit 3.`;
}

/** One line per reader group and change: grep-able, the reader group written once per group. */
export function formatDiffText(diff: PolicyDiff, names: VocabularyNames, labels: DiffLabels): string[] {
  const lines = [`policy diff ${labels.before} → ${labels.after} (${diff.classes} reader classes)`, ''];
  if (diff.rows.length > 0) {
    const rows: string[][] = [['READERS', 'CHANGE', 'FIELD']];
    for (const row of diff.rows) {
      const readers = describeReaderGroup(row.readers, names);
      row.changes.forEach((change, i) => rows.push([i === 0 ? readers : '', CHANGE_LABELS[change.kind], describeChange(change)]));
    }
    lines.push(...textTable(rows), '');
  }
  lines.push(verdict(diff));
  return lines;
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A Markdown table: one row per reader group, one column per kind of change. */
export function formatDiffMarkdown(diff: PolicyDiff, names: VocabularyNames, labels: DiffLabels): string[] {
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
  lines.push(verdict(diff));
  return lines;
}
