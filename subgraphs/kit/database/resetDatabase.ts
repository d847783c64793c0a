import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { redactDatabaseUrl } from './redactDatabaseUrl';
import { DatabaseUnreachableError } from './openDatabase';

/** Deletes all of one department's data: its SQLite file, or its PostgreSQL schema. */
export async function resetDatabase(options: { department: string; url?: string; schema?: string; dataDir?: string }): Promise<void> {
  if (options.url) {
    const schema = options.schema ?? options.department;
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid PostgreSQL schema name '${schema}'`);
    const pool = new Pool({ connectionString: options.url, connectionTimeoutMillis: 5000 });
    try {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } catch (error) {
      throw new DatabaseUnreachableError(options.department, redactDatabaseUrl(options.url), error);
    } finally {
      await pool.end().catch(() => undefined);
    }
    return;
  }
  const file = path.join(options.dataDir ?? path.resolve('.data'), `${options.department}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}
