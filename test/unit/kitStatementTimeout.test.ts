import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../subgraphs/kit';

describe('statement time on SQLite', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-busy-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('statementTimeoutMs → the busy timeout a statement waits for a lock', async () => {
    const database = await openDatabase({ department: 'timing', dataDir: dir, statementTimeoutMs: 1234 });
    try {
      const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(database.db);
      expect(rows[0]).toEqual({ timeout: 1234 });
    } finally {
      await database.close();
    }
  });
});
