import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import { licenses } from '../../subgraphs/licenses';
import type { LicensesDatabase, LicensesTable } from '../../subgraphs/licenses/database';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';

type LicenseRow = Selectable<LicensesTable>;

let running: TestSubgraph;
let dataDir: string;
/** Every seeded license, in license-number order. */
let rows: LicenseRow[];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-licenses-'));
  // databaseUrl '' keeps this suite on SQLite even when DATABASE_URL is set.
  running = await startTestSubgraph(licenses, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: { seed: 7, scale: 0.1 } });
  rows = await (running.database.db as Kysely<LicensesDatabase>).selectFrom('licenses').selectAll().orderBy('license_no').execute();
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function query<T = any>(document: string, variables?: Record<string, unknown>) {
  return running.request<T>(document, variables);
}

/** SQL statements the subgraph runs to answer one request. */
async function statementsFor(document: string, variables?: Record<string, unknown>): Promise<number> {
  const before = running.database.statementCount();
  const { body } = await query(document, variables);
  expect(body.errors).toBeUndefined();
  return running.database.statementCount() - before;
}

const LICENSE_FIELDS = 'licenseNo kind issuer issuedOn validUntil status holder { __typename ... on Person { idNumber } ... on Enterprise { creditCode } }';
const ENTITIES =
  'query ($r: [_Any!]!) { _entities(representations: $r) { ... on License { licenseNo holder { ... on Person { idNumber } ... on Enterprise { creditCode } } } ... on Person { idNumber licenses { licenseNo } } ... on Enterprise { creditCode licenses { licenseNo } } } }';

function holderOf(row: LicenseRow) {
  return row.holder_kind === 'PERSON' ? { __typename: 'Person', idNumber: row.holder_id } : { __typename: 'Enterprise', creditCode: row.holder_id };
}

describe('Query.license', () => {
  it('known license number → every field, the holder as an entity reference', async () => {
    const row = rows.find((r) => r.kind === 'DRIVING_LICENSE' && r.valid_until !== null)!;
    const { body } = await query(`query ($no: ID!) { license(licenseNo: $no) { ${LICENSE_FIELDS} } }`, { no: row.license_no });
    expect(body).toEqual({
      data: {
        license: {
          licenseNo: row.license_no,
          kind: 'DRIVING_LICENSE',
          issuer: row.issuer,
          issuedOn: row.issued_on,
          validUntil: row.valid_until,
          status: row.status,
          holder: holderOf(row),
        },
      },
    });
  });

  it('business license → holder is an Enterprise', async () => {
    const row = rows.find((r) => r.kind === 'BUSINESS_LICENSE')!;
    const { body } = await query('query ($no: ID!) { license(licenseNo: $no) { holder { __typename ... on Enterprise { creditCode } } } }', { no: row.license_no });
    expect(body.data.license.holder).toEqual({ __typename: 'Enterprise', creditCode: row.holder_id });
  });

  it('unknown license number → null, no error', async () => {
    const { body } = await query('{ license(licenseNo: "NO-SUCH-LICENSE") { licenseNo } }');
    expect(body).toEqual({ data: { license: null } });
  });
});

describe('Query.licenses', () => {
  const PAGE =
    'query ($first: Int, $after: String, $kind: LicenseKind, $status: LicenseStatus) { licenses(first: $first, after: $after, kind: $kind, status: $status) { edges { cursor node { licenseNo kind status } } pageInfo { hasNextPage endCursor } totalCount } }';

  it('pages of 40 → every license once, in license-number order', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let hasNextPage = true; hasNextPage;) {
      const { body }: any = await query(PAGE, { first: 40, after });
      seen.push(...body.data.licenses.edges.map((e: any) => e.node.licenseNo));
      ({ hasNextPage, endCursor: after } = body.data.licenses.pageInfo);
    }
    expect(seen).toEqual(rows.map((r) => r.license_no));
  });

  it('kind and status → only matching licenses, counted', async () => {
    const expected = rows.filter((r) => r.kind === 'DRIVING_LICENSE' && r.status === 'VALID');
    const { body } = await query(PAGE, { first: 100, kind: 'DRIVING_LICENSE', status: 'VALID' });
    expect(body.data.licenses.totalCount).toBe(expected.length);
    expect(body.data.licenses.edges.map((e: any) => e.node.licenseNo)).toEqual(expected.slice(0, 100).map((r) => r.license_no));
  });

  it('first above 100 → BAD_USER_INPUT', async () => {
    const { body } = await query(PAGE, { first: 101 });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('100 licenses with holders → as many SQL statements as 10', async () => {
    const document = `query ($n: Int) { licenses(first: $n) { edges { node { ${LICENSE_FIELDS} } } } }`;
    const ten = await statementsFor(document, { n: 10 });
    expect(await statementsFor(document, { n: 100 })).toBe(ten);
  });
});

describe('entities', () => {
  it('100 License references with holders → one SQL statement', async () => {
    const sample = rows.slice(0, 100);
    const before = running.database.statementCount();
    const { body } = await query(ENTITIES, { r: sample.map((r) => ({ __typename: 'License', licenseNo: r.license_no })) });
    expect(running.database.statementCount() - before).toBe(1);
    const { __typename, ...firstHolder } = holderOf(sample[0]);
    expect(body.data._entities).toHaveLength(100);
    expect(body.data._entities[0]).toEqual({ licenseNo: sample[0].license_no, holder: firstHolder });
  });

  it('Person.licenses for 100 persons → one SQL statement', async () => {
    const persons = [...new Set(rows.filter((r) => r.holder_kind === 'PERSON').map((r) => r.holder_id))].slice(0, 100);
    expect(persons).toHaveLength(100);
    const before = running.database.statementCount();
    const { body } = await query(ENTITIES, { r: persons.map((idNumber) => ({ __typename: 'Person', idNumber })) });
    expect(running.database.statementCount() - before).toBe(1);
    const own = rows
      .filter((r) => r.holder_kind === 'PERSON' && r.holder_id === persons[0])
      .map((r) => r.license_no)
      .sort();
    expect(body.data._entities[0].licenses.map((l: any) => l.licenseNo).sort()).toEqual(own);
  });

  it('Enterprise.licenses → its business license and permits', async () => {
    const creditCode = rows.find((r) => r.kind === 'FOOD_OPERATION_PERMIT')!.holder_id;
    const own = rows
      .filter((r) => r.holder_kind === 'ENTERPRISE' && r.holder_id === creditCode)
      .map((r) => r.license_no)
      .sort();
    const { body } = await query(ENTITIES, { r: [{ __typename: 'Enterprise', creditCode }] });
    expect(body.data._entities[0].licenses.map((l: any) => l.licenseNo).sort()).toEqual(own);
  });

  it('person without licenses → an empty list, not null', async () => {
    const { body } = await query(ENTITIES, { r: [{ __typename: 'Person', idNumber: '110101190001010014' }] });
    expect(body.data._entities).toEqual([{ idNumber: '110101190001010014', licenses: [] }]);
  });

  it('unknown License reference → null entity', async () => {
    const { body } = await query(ENTITIES, { r: [{ __typename: 'License', licenseNo: 'NO-SUCH-LICENSE' }] });
    expect(body.data._entities).toEqual([null]);
  });
});
