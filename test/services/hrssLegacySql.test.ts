import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { exchangeCheck } from '../../cli/exchange/exchangeCheck';
import { openSourceDatabase } from '../../exchange/sql';
import { hrss } from '../../subgraphs/hrss';
import { LEGACY_TABLE_DDL, legacyInsuredRows, type LegacyInsuredRow } from '../../subgraphs/hrss/standInSystem';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { describeWithMariaDb, describeWithPostgres, MARIADB_URL, POSTGRES_URL } from '../support/services';

/**
 * hrss over the bureau's legacy schema in a real database the department keeps running, as
 * production would have it: MariaDB (mysql2) and PostgreSQL, each read through an account that
 * may only SELECT. The same behaviours as over the embedded stand-in, plus the database's own
 * refusal to let that account write.
 */
const SEED = { seed: 7, scale: 0.1 };
const COLUMNS = ['AAC001', 'AAC002', 'AAC008', 'AAC030', 'AAC040', 'AAB301'] as const;
const PERSONS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { idNumber socialInsurance { status insuredSince contributionBase insuringCity { code } } } }
}`;

/** A legacy database made for one suite: the table, its rows, a read-only account. */
interface LegacyDatabase {
  /** The read-only account's URL, as HRSS_DATABASE_URL would give it. */
  readOnlyUrl: string;
  /** Runs SQL as the administrator (to rename a column as the bureau might). */
  admin(statement: string): Promise<void>;
  /** Tries a write as the read-only account; resolves with the database's refusal. */
  writeAsReader(): Promise<unknown>;
  drop(): Promise<void>;
}

const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
const password = randomBytes(12).toString('hex');

async function mariaDbLegacy(rows: LegacyInsuredRow[]): Promise<LegacyDatabase> {
  const root = await createConnection({ uri: MARIADB_URL!, multipleStatements: false });
  const database = `govgraph_hrss_${suffix}`;
  const user = `hrss_ro_${suffix}`.slice(0, 32);
  await root.query(`CREATE DATABASE ${database}`);
  await root.query(`USE ${database}`);
  await root.query(LEGACY_TABLE_DDL);
  await root.query(`INSERT INTO SI_INSURED (${COLUMNS.join(', ')}) VALUES ?`, [rows.map((row) => COLUMNS.map((column) => row[column]))]);
  await root.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
  await root.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY '${password}'`);
  await root.query(`GRANT SELECT ON ${database}.* TO '${user}'@'%'`);
  await root.query(`GRANT SELECT ON ${database}.* TO '${user}'@'localhost'`);
  const url = new URL(MARIADB_URL!);
  const readOnlyUrl = `mysql://${user}:${password}@${url.host}/${database}`;
  return {
    readOnlyUrl,
    admin: async (statement) => void (await root.query(statement)),
    async writeAsReader() {
      const reader = await createConnection({ uri: readOnlyUrl });
      try {
        return await reader.query(`UPDATE SI_INSURED SET AAC008 = '3'`).catch((error: Error) => error);
      } finally {
        await reader.end();
      }
    },
    async drop() {
      await root.query(`DROP DATABASE IF EXISTS ${database}`);
      await root.query(`DROP USER IF EXISTS '${user}'@'%'`);
      await root.query(`DROP USER IF EXISTS '${user}'@'localhost'`);
      await root.end();
    },
  };
}

async function postgresLegacy(rows: LegacyInsuredRow[]): Promise<LegacyDatabase> {
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  const schema = `hrss_legacy_${suffix}`;
  const role = `hrss_ro_${suffix}`;
  // Quoted: the legacy names are upper case, as the declaration writes them.
  const quoted = (text: string): string => text.replace(/\b(SI_INSURED|AA[BC]\d{3}(?:_[A-Z]+)?)\b/g, '"$1"');
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.query(`SET search_path = ${schema}`);
  await admin.query(quoted(LEGACY_TABLE_DDL));
  for (const row of rows)
    await admin.query(
      quoted(`INSERT INTO SI_INSURED (${COLUMNS.join(', ')}) VALUES ($1, $2, $3, $4, $5, $6)`),
      COLUMNS.map((column) => row[column]),
    );
  await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
  await admin.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
  await admin.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`);
  await admin.query(`ALTER ROLE ${role} SET search_path = ${schema}`);
  const url = new URL(POSTGRES_URL!);
  const readOnlyUrl = `postgres://${role}:${password}@${url.host}${url.pathname}`;
  return {
    readOnlyUrl,
    admin: async (statement) => void (await admin.query(quoted(statement))),
    async writeAsReader() {
      const reader = new Client({ connectionString: readOnlyUrl });
      await reader.connect();
      try {
        return await reader.query(quoted(`UPDATE SI_INSURED SET AAC008 = '3'`)).catch((error: Error) => error);
      } finally {
        await reader.end();
      }
    },
    async drop() {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    },
  };
}

function legacySqlSuite(describeWith: jest.Describe, engine: string, create: (rows: LegacyInsuredRow[]) => Promise<LegacyDatabase>): void {
  describeWith(`hrss over its legacy schema in ${engine}`, () => {
    const rows = legacyInsuredRows(SEED);
    let legacy: LegacyDatabase;
    let running: TestSubgraph;
    let dataDir: string;
    const health = async (): Promise<any> => (await fetch(running.url.replace(/graphql$/, 'health'))).json();
    const persons = (count: number) => running.request(PERSONS, { representations: rows.slice(0, count).map((row) => ({ __typename: 'Person', idNumber: row.AAC002 })) });

    beforeAll(async () => {
      legacy = await create(rows);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-hrss-sql-'));
      running = await startTestSubgraph(hrss, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: SEED, env: { HRSS_DATABASE_URL: legacy.readOnlyUrl } });
    });

    afterAll(async () => {
      await running?.close();
      await legacy?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('a person with a legacy record → its fields mapped from the legacy columns', async () => {
      const row = rows.find((r) => r.AAC008 === '1' && r.AAB301.length === 6)!;
      const { body } = await running.request(PERSONS, { representations: [{ __typename: 'Person', idNumber: row.AAC002 }] });
      expect(body.data._entities[0].socialInsurance).toEqual({
        status: 'ACTIVE',
        insuredSince: `${row.AAC030.slice(0, 4)}-${row.AAC030.slice(4, 6)}-${row.AAC030.slice(6)}`,
        contributionBase: row.AAC040,
        insuringCity: { code: row.AAB301 },
      });
    });

    it('5 or 50 persons in one request → one SQL statement to the database either way', async () => {
      const sent = async (count: number): Promise<number> => {
        const before = (await health()).source.statements;
        expect((await persons(count)).body.data._entities).toHaveLength(count);
        return (await health()).source.statements - before;
      };
      expect([await sent(5), await sent(50)]).toEqual([1, 1]);
    });

    it("the source's account writes → refused by the database; its sessions are read-only", async () => {
      expect(String(await legacy.writeAsReader())).toMatch(/denied/i);
      const source = openSourceDatabase(legacy.readOnlyUrl, dataDir);
      try {
        const readOnly =
          engine === 'PostgreSQL' ? sql<{ ro: string }>`select current_setting('default_transaction_read_only') as ro` : sql<{ ro: string }>`select @@session.tx_read_only as ro`;
        expect(String((await readOnly.execute(source.db)).rows[0].ro)).toMatch(/^(1|on)$/);
      } finally {
        await source.close();
      }
    });

    it('a column renamed in the source → its fields SOURCE_UNAVAILABLE, exchange check names it, the department not ready', async () => {
      await legacy.admin('ALTER TABLE SI_INSURED RENAME COLUMN AAC008 TO AAC008_STATUS');
      const { body } = await persons(1);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', department: 'hrss' });
      const out: string[] = [];
      const code = await exchangeCheck(['hrss'], { env: { HRSS_DATABASE_URL: legacy.readOnlyUrl }, out: (line) => out.push(line), err: () => undefined });
      expect([code, out]).toEqual([
        1,
        [expect.stringMatching(/^subgraphs\/hrss\/exchange\.yaml:\d+: dataset insured: table SI_INSURED has no column AAC008 \(renamed\? the table has AAC008_STATUS\)$/)],
      ]);
      expect(await health()).toMatchObject({ ready: false, problem: expect.stringContaining('no column AAC008') });
    });
  });
}

legacySqlSuite(describeWithMariaDb, 'MariaDB', mariaDbLegacy);
legacySqlSuite(describeWithPostgres, 'PostgreSQL', postgresLegacy);
