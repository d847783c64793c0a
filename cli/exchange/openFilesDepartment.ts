import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { DECLARATION_FILE, formatProblem, readAdapterModel } from '../../exchange';
import { createFilesSource, openFilesDatabase, type FilesSource, type FilesTables } from '../../exchange/files';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import type { DepartmentDatabase } from '../../subgraphs/kit';
import { UsageError } from '../parseOptions';

/** A department's files source and database, opened by a command (not following the inbox). */
export interface OpenedFilesDepartment {
  source: FilesSource;
  database: DepartmentDatabase<FilesTables>;
  close(): Promise<void>;
}

/** The data directory the departments use: `GOVGRAPH_DATA_DIR`, else `.data` (relative to the working directory). */
function dataDirOf(env: Readonly<Record<string, string | undefined>>): string {
  return path.resolve(env.GOVGRAPH_DATA_DIR || '.data');
}

/**
 * Reads the department's declaration with the exchange core (`subgraphs/<department>/exchange.yaml`
 * bound to its schema, as the running department reads it), then opens its own database where it
 * runs (`<NAME>_DATABASE_URL`, `DATABASE_URL`, else its SQLite file) and its files source over it.
 * With `mustExist`, an embedded department that never started is reported (null) rather than
 * given an empty database file.
 */
export async function openFilesDepartment(department: string, env: Readonly<Record<string, string | undefined>>, mustExist = false): Promise<OpenedFilesDepartment | null> {
  if (!/^[a-z][a-z0-9]*$/.test(department)) throw new UsageError(`'${department}' is not a department name (lower-case letters and digits)`);
  const dir = path.join(PROJECT_ROOT, 'subgraphs', department);
  if (!fs.existsSync(path.join(dir, DECLARATION_FILE)))
    throw new UsageError(`${department} has no declaration (subgraphs/${department}/${DECLARATION_FILE}): it is not a department that joins by exchange`);
  const { model, problems } = readAdapterModel(dir, PROJECT_ROOT);
  if (!model) throw new UsageError(`${department}: its declaration has problems (govgraph exchange check ${department}):\n${problems.map(formatProblem).join('\n')}`);
  const { source: declared } = model.declaration;
  if (declared.kind !== 'files') throw new UsageError(`${department} takes no files: its source is ${JSON.stringify(declared.kind)}`);
  const dataDir = dataDirOf(env);
  const database = await openFilesDatabase({ department, dataDir, env }, mustExist);
  if (!database) return null;
  try {
    // The command hands over a finished file, so it need not wait for it to settle.
    const source = createFilesSource({
      department,
      source: { ...declared.settings, settleSeconds: 0 },
      datasets: [...model.datasets.values()],
      dataDir,
      env: env as NodeJS.ProcessEnv,
      log: pino({ level: 'silent' }),
      db: database.db,
      ...(database.schema && { schema: database.schema }),
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
