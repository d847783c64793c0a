import { decodeFile } from './decodeFile';
import type { FilesDataset } from './readFilesDataset';
import { readRows } from './readRows';
import { validateRow, type ValidRow } from './validateRow';

export interface QuarantinedRow {
  line: number;
  reason: string;
  raw: string;
}

/** What loading a file would do, decided before the database is touched. */
export interface LoadPlan {
  header: string[] | null;
  /** The version to write, in file order; empty when refused. */
  rows: (ValidRow & { position: number })[];
  quarantined: QuarantinedRow[];
  /** Why the file is refused whole; null when it is accepted. */
  refusal: string | null;
}

/**
 * Decodes, parses and validates a whole file for `dataset`. Bad rows are quarantined with
 * line and reason; with `unique`, a second row with a key already seen is quarantined (the
 * first stands). The file is refused whole when it cannot be read, has no data rows (an
 * empty export must not empty the dataset), or has more bad rows than `maxBadShare` allows.
 */
export function planLoad(bytes: Buffer, dataset: FilesDataset): LoadPlan {
  const read = readRows(decodeFile(bytes, dataset.encoding), dataset);
  if (read.refusal !== undefined) return { header: read.header, rows: [], quarantined: [], refusal: read.refusal };
  const rows: LoadPlan['rows'] = [];
  const quarantined: QuarantinedRow[] = [];
  const firstLine = new Map<string, number>();
  for (const row of read.rows) {
    const valid = row.values ? validateRow(row.values, dataset) : { problem: row.problem ?? 'unreadable' };
    if ('problem' in valid) {
      quarantined.push({ line: row.line, reason: valid.problem, raw: row.raw });
      continue;
    }
    const seen = firstLine.get(valid.key);
    if (seen !== undefined && dataset.unique) {
      quarantined.push({ line: row.line, reason: `duplicate key ${dataset.key} (first at line ${seen})`, raw: row.raw });
      continue;
    }
    if (seen === undefined) firstLine.set(valid.key, row.line);
    rows.push({ ...valid, position: rows.length + 1 });
  }
  const total = read.rows.length;
  if (total === 0) return { header: read.header, rows: [], quarantined, refusal: 'no data rows (an empty file does not replace the dataset)' };
  const share = quarantined.length / total;
  if (share > dataset.maxBadShare) {
    const percent = (n: number): string => `${Math.round(n * 1000) / 10}%`;
    return {
      header: read.header,
      rows: [],
      quarantined,
      refusal: `${quarantined.length} of ${total} rows are bad (${percent(share)}), over maxBadShare ${percent(dataset.maxBadShare)}`,
    };
  }
  return { header: read.header, rows, quarantined, refusal: null };
}
