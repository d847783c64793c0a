import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { FilesTables, LoadOutcome } from './filesTables';
import { moveWithoutOverwrite, type InboxFolders } from './inboxFolders';
import { planLoad, type LoadPlan } from './planLoad';
import type { FilesDataset } from './readFilesDataset';
import { recordLoad } from './recordLoad';

/** One file taken from the inbox and what became of it. */
export interface LoadResult {
  id: number;
  dataset: string | null;
  file: string;
  outcome: LoadOutcome;
  rowsLoaded: number;
  rowsQuarantined: number;
  reason: string | null;
  /** Where the file is now (`processed/…` or `refused/…`), or null if it could not be moved. */
  storedAs: string | null;
}

/** Where a claimed file is loaded: the department's database and inbox, and the datasets that may take it. */
export interface LoadTarget {
  department: string;
  db: Kysely<FilesTables>;
  folders: InboxFolders;
  datasets: readonly FilesDataset[];
  log: Logger;
}

/**
 * Loads a file claimed into `loading/` (sent as `name`) into the dataset whose `files:` takes
 * its name, records the load, and moves the file into `processed/` or `refused/`. When the
 * database does not take the record, the file goes back to the inbox and the error is thrown.
 */
export async function loadClaimedFile(claimed: string, name: string, target: LoadTarget): Promise<LoadResult> {
  const { department, db, folders, datasets, log } = target;
  const receivedAt = new Date().toISOString();
  const bytes = fs.readFileSync(claimed);
  const dataset = datasets.find((d) => d.files.test(name)) ?? null;
  let plan: LoadPlan;
  if (!dataset) {
    plan = {
      header: null,
      rows: [],
      quarantined: [],
      refusal: `no dataset takes this file name (files: ${datasets.map((d) => d.spec.options.files ?? `${d.name}*`).join(', ')})`,
    };
  } else {
    try {
      plan = planLoad(bytes, dataset);
    } catch (error) {
      log.error({ department, dataset: dataset.name, file: name, err: (error as Error).name }, 'exchange file could not be read');
      plan = { header: null, rows: [], quarantined: [], refusal: 'the file could not be read (see the department log)' };
    }
  }
  let id: number;
  try {
    id = await recordLoad(db, { dataset: dataset?.name ?? null, fileName: name, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, receivedAt }, plan);
  } catch (error) {
    // Nothing was recorded: the file goes back to wait for the database.
    moveWithoutOverwrite(claimed, folders.inbox, name, 'retry');
    throw error;
  }
  const outcome: LoadOutcome = plan.refusal === null ? 'accepted' : 'refused';
  let storedAs: string | null = null;
  try {
    const moved = moveWithoutOverwrite(claimed, outcome === 'accepted' ? folders.processed : folders.refused, name, String(id));
    storedAs = path.relative(path.dirname(folders.inbox), moved);
    await db.updateTable('files_loads').set({ stored_as: storedAs }).where('id', '=', id).execute();
  } catch (error) {
    log.warn({ department, file: name, load: id, err: (error as Error).message }, 'exchange file loaded but not moved out of loading/');
  }
  const result: LoadResult = {
    id,
    dataset: dataset?.name ?? null,
    file: name,
    outcome,
    rowsLoaded: outcome === 'accepted' ? plan.rows.length : 0,
    rowsQuarantined: plan.quarantined.length,
    reason: plan.refusal,
    storedAs,
  };
  // Counts and reasons only: a reason names a column and a rule, never a value from the file.
  log.info({ department, ...result }, outcome === 'accepted' ? 'exchange file loaded' : 'exchange file refused');
  return result;
}
