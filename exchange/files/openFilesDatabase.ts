import fs from 'node:fs';
import path from 'node:path';
import { databaseUrlFor, openDatabase, type DepartmentDatabase } from '../../subgraphs/kit';
import type { FilesTables } from './filesTables';

export interface FilesDatabaseOptions {
  department: string;
  /** The platform's data directory, where an embedded department keeps `<department>.sqlite`. */
  dataDir: string;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * The database a files department keeps its loads in, where it runs: `<NAME>_DATABASE_URL`,
 * else `DATABASE_URL` (its schema named after it), else its SQLite file in the data directory.
 * Null when it is embedded and never started (there is no file): a command that only reads
 * must not leave an empty database behind.
 */
export async function openFilesDatabase({ department, dataDir, env }: FilesDatabaseOptions, mustExist: boolean): Promise<DepartmentDatabase<FilesTables> | null> {
  const url = databaseUrlFor(department, env as NodeJS.ProcessEnv);
  if (mustExist && !url && !fs.existsSync(path.join(dataDir, `${department}.sqlite`))) return null;
  return openDatabase<FilesTables>({ department, url, dataDir });
}
