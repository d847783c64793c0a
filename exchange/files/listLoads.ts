import type { Kysely } from 'kysely';
import type { FilesTables, LoadOutcome } from './filesTables';

/** A recorded load, as `govgraph exchange loads` shows it. */
export interface LoadSummary {
  id: number;
  dataset: string | null;
  file: string;
  storedAs: string | null;
  sha256: string;
  bytes: number;
  receivedAt: string;
  loadedAt: string;
  rowsLoaded: number;
  rowsQuarantined: number;
  outcome: LoadOutcome;
  reason: string | null;
  /** Whether readers are served this load's rows now. */
  current: boolean;
}

/** A quarantined row, without its text: the line and the reason are what an operator needs to fix the export. */
export interface QuarantineEntry {
  file: string;
  line: number;
  reason: string;
}

/** The loads recorded in a department's database, newest first; empty when its files source never ran (no tables yet). */
export async function listLoads(db: Kysely<FilesTables>, options: { limit?: number; dataset?: string } = {}): Promise<LoadSummary[]> {
  let query = db
    .selectFrom('files_loads as l')
    .leftJoin('files_versions as v', (join) => join.onRef('v.dataset', '=', 'l.dataset').onRef('v.version', '=', 'l.id'))
    .selectAll('l')
    .select('v.version as current_version')
    .orderBy('l.id', 'desc')
    .limit(options.limit ?? 50);
  if (options.dataset) query = query.where('l.dataset', '=', options.dataset);
  const rows = await withoutTables(query.execute(), []);
  return rows.map((row) => ({
    id: Number(row.id),
    dataset: row.dataset,
    file: row.file_name,
    storedAs: row.stored_as,
    sha256: row.sha256,
    bytes: Number(row.bytes),
    receivedAt: row.received_at,
    loadedAt: row.loaded_at,
    rowsLoaded: Number(row.rows_loaded),
    rowsQuarantined: Number(row.rows_quarantined),
    outcome: row.outcome,
    reason: row.reason,
    current: row.current_version !== null,
  }));
}

/** The quarantined rows of one load, in line order. */
export async function quarantineOf(db: Kysely<FilesTables>, loadId: number): Promise<QuarantineEntry[]> {
  const query = db
    .selectFrom('files_quarantine as q')
    .innerJoin('files_loads as l', 'l.id', 'q.load_id')
    .select(['l.file_name as file', 'q.line', 'q.reason'])
    .where('q.load_id', '=', loadId)
    .orderBy('q.line')
    .execute();
  return withoutTables(query, []);
}

/** A database where the files source never ran has none of its tables: nothing was loaded (SQLite and PostgreSQL say so differently). */
async function withoutTables<T>(query: Promise<T>, nothing: T): Promise<T> {
  try {
    return await query;
  } catch (error) {
    if (/no such table|relation "files_\w+" does not exist/.test((error as Error).message)) return nothing;
    throw error;
  }
}
