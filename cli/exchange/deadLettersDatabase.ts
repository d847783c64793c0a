import fs from 'node:fs';
import path from 'node:path';
import { databaseUrlFor, openDatabase, type DepartmentDatabase } from '../../subgraphs/kit/database/openDatabase';
import type { ServicesDatabase } from '../../subgraphs/services/database';

/**
 * The service platform's own database, where it runs: `SERVICES_DATABASE_URL`, else
 * `DATABASE_URL` (schema `services`), else `<GOVGRAPH_DATA_DIR or .data>/services.sqlite`.
 * Null when the embedded one was never created (services never started).
 */
export async function openDeadLettersDatabase(env: Readonly<Record<string, string | undefined>>): Promise<DepartmentDatabase<ServicesDatabase> | null> {
  const url = databaseUrlFor('services', env as NodeJS.ProcessEnv);
  const dataDir = path.resolve(env.GOVGRAPH_DATA_DIR || '.data');
  if (!url && !fs.existsSync(path.join(dataDir, 'services.sqlite'))) return null;
  return openDatabase<ServicesDatabase>({ department: 'services', url, dataDir });
}

/** A clearer message for a database the services department has not migrated to the outbox yet. */
export function outboxError(error: unknown): string {
  const message = (error as Error).message;
  return /write_backs|no such table|does not exist/i.test(message)
    ? 'the services database has no write-back outbox yet: start the services department once (it migrates its database)'
    : `reading the services database failed: ${message}`;
}
