import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { createFilesSource, type FilesSource, type FilesTables } from '../../exchange/files';
import { databaseUrlFor, openDatabase, type DepartmentDatabase } from '../../subgraphs/kit';
import { UsageError } from '../parseOptions';
import type { ReadDeclaration } from './readFilesDeclaration';

/** A department's files source and database, opened by a command (not following the inbox). */
export interface OpenedFilesDepartment {
  source: FilesSource;
  database: DepartmentDatabase<FilesTables>;
  close(): Promise<void>;
}

/** The data directory the departments use: `GOVGRAPH_DATA_DIR`, else `.data`. */
export function dataDirOf(env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(cwd, env.GOVGRAPH_DATA_DIR || '.data');
}

/**
 * Opens the department's own database, where it runs (`<NAME>_DATABASE_URL`, `DATABASE_URL`,
 * else its SQLite file), and its files source over it. With `mustExist`, an embedded
 * department that never started is reported rather than given an empty database file.
 */
export async function openFilesDepartment(
  department: string,
  readDeclaration: ReadDeclaration,
  env: NodeJS.ProcessEnv,
  cwd: string,
  mustExist = false,
): Promise<OpenedFilesDepartment | null> {
  const declaration = await readDeclaration(department);
  if (declaration.source.kind !== 'files') throw new UsageError(`${department} takes no files: its source is ${JSON.stringify(declaration.source.kind)}`);
  const dataDir = dataDirOf(env, cwd);
  const url = databaseUrlFor(department, env);
  if (mustExist && !url && !fs.existsSync(path.join(dataDir, `${department}.sqlite`))) return null;
  const database = await openDatabase<FilesTables>({ department, url, dataDir });
  try {
    // The command hands over a finished file, so it need not wait for it to settle.
    const source = createFilesSource({
      department,
      source: { ...declaration.source, settleSeconds: 0 },
      datasets: declaration.datasets,
      dataDir,
      env,
      log: pino({ level: 'silent' }),
      db: database.db,
      schema: database.schema,
    });
    return {
      source,
      database,
      close: async () => {
        await source.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
