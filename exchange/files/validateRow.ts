import { UNDECODABLE } from './decodeFile';
import type { ColumnRule, FilesDataset } from './readFilesDataset';

/** A row that passed: its key and the record a lookup answers (declared columns only). */
export interface ValidRow {
  key: string;
  record: Record<string, string | number | null>;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE = /^(\d{4})(-?)(\d{2})\2(\d{2})$/;

/**
 * Checks one row against the dataset's declaration and builds its record. Values are trimmed,
 * an empty one is null; numbers become numbers; dates (YYYYMMDD or YYYY-MM-DD, a real
 * calendar day) become YYYY-MM-DD. A field holding bytes the declared encoding could not
 * read fails the row, whichever column it is in: that is how a wrong encoding shows.
 * The reason names the column and the rule, never the value (it may be personal data).
 */
export function validateRow(values: Readonly<Record<string, unknown>>, dataset: FilesDataset): ValidRow | { problem: string } {
  for (const [column, value] of Object.entries(values)) {
    if (typeof value === 'string' && value.includes(UNDECODABLE)) {
      return { problem: `column ${column}: bytes that are not valid ${dataset.encoding} (is the declared encoding right?)` };
    }
  }
  const record: ValidRow['record'] = {};
  for (const column of dataset.columns) {
    const checked = checkValue(values[column], dataset.rules.get(column));
    if (typeof checked === 'object' && checked !== null) return { problem: `column ${column}: ${checked.problem}` };
    record[column] = checked;
  }
  return { key: record[dataset.key] as string, record };
}

function checkValue(value: unknown, rule: ColumnRule | undefined): string | number | null | { problem: string } {
  if (value !== null && value !== undefined && typeof value === 'object') return { problem: 'not a single value' };
  const text = value === null || value === undefined ? '' : String(value).trim();
  if (text === '') return rule?.required ? { problem: 'missing (required)' } : null;
  if (!rule) return text;
  if (rule.maxLength !== null && [...text].length > rule.maxLength) return { problem: `longer than ${rule.maxLength} characters` };
  switch (rule.type) {
    case 'string':
      return text;
    case 'number':
      return NUMBER.test(text) ? Number(text) : { problem: 'not a number' };
    case 'date':
      return isoDate(text) ?? { problem: 'not a date (YYYYMMDD or YYYY-MM-DD)' };
  }
}

function isoDate(text: string): string | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [, y, , m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const iso = `${y}-${m}-${d}`;
  return date.toISOString().slice(0, 10) === iso ? iso : null;
}
