import { parseCsv } from './parseCsv';
import type { FilesDataset } from './readFilesDataset';

/** A row of a file, its fields by column name, or why it cannot be read as a row. */
export interface FileRow {
  /** CSV: the line the row starts on; JSON: the record's position, from 1. */
  line: number;
  values: Readonly<Record<string, unknown>> | null;
  raw: string;
  problem?: string;
}

/** A file's rows, or why the whole file cannot be read. */
export type ReadRows = { header: string[]; rows: FileRow[]; refusal?: undefined } | { header: string[] | null; rows?: undefined; refusal: string };

/**
 * Reads a decoded file as rows of `dataset`'s format and checks its header: every column the
 * declaration loads must be present, or the file is refused whole (it was exported with
 * another layout). Reasons name columns and lines, never values.
 */
export function readRows(text: string, dataset: FilesDataset): ReadRows {
  return dataset.format === 'json' ? readJson(text, dataset) : readCsv(text, dataset);
}

function readCsv(text: string, dataset: FilesDataset): ReadRows {
  const [first, ...records] = parseCsv(text, dataset.delimiter);
  if (!first) return { header: null, refusal: 'the file is empty' };
  const header = first.fields.map((name, i) => (i === 0 ? name.replace(/^\uFEFF/, '') : name).trim());
  if (first.error) return { header, refusal: `the header cannot be read: ${first.error}` };
  const refusal = headerRefusal(header, dataset);
  if (refusal) return { header, refusal };
  const rows = records.map((record): FileRow => {
    if (record.error) return { line: record.line, values: null, raw: record.raw, problem: record.error };
    if (record.fields.length !== header.length) {
      return {
        line: record.line,
        values: null,
        raw: record.raw,
        problem: `${record.fields.length} field(s) where the header has ${header.length} (a line cut short or misquoted)`,
      };
    }
    return { line: record.line, values: Object.fromEntries(header.map((name, i) => [name, record.fields[i]])), raw: record.raw };
  });
  return { header, rows };
}

function readJson(text: string, dataset: FilesDataset): ReadRows {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // The parser's message may quote the text around the fault: keep only where it is.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    return { header: null, refusal: `not valid JSON${position ? ` (at character ${position})` : ''}: a file cut short or malformed` };
  }
  if (!Array.isArray(parsed)) return { header: null, refusal: 'a JSON file must hold an array of records' };
  const header = [...new Set(parsed.flatMap((item) => (isObject(item) ? Object.keys(item) : [])))];
  const refusal = headerRefusal(header, dataset, 'no record has');
  if (refusal) return { header, refusal };
  const rows = parsed.map((item, i): FileRow => {
    const raw = JSON.stringify(item) ?? 'undefined';
    return isObject(item) ? { line: i + 1, values: item, raw } : { line: i + 1, values: null, raw, problem: 'not a JSON object' };
  });
  return { header, rows };
}

function headerRefusal(header: readonly string[], dataset: FilesDataset, lacks = 'the header lacks'): string | null {
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) return `the header names column ${name} twice`;
    seen.add(name);
  }
  const missing = dataset.columns.filter((column) => !seen.has(column));
  return missing.length > 0 ? `${lacks} the declared column(s) ${missing.join(', ')}` : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
