import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { creditCodeCheckCharacter, seedWorld } from '../../subgraphs/kit';
import { market } from '../../subgraphs/market';
import type { EnterpriseRow, MarketDatabase } from '../../subgraphs/market/database';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';

const SEED = { seed: 7, scale: 0.1 };
/** Well-formed, but the seed world draws its organisation codes at random: never all zeros. */
const UNREGISTERED_CODE = `91110101000000000${creditCodeCheckCharacter('91110101000000000')}`;
const ENTERPRISE_FIELDS = 'creditCode name kind status registeredCapital establishedOn address businessScope legalRepresentative { idNumber }';

let running: TestSubgraph;
let dataDir: string;
let db: Kysely<MarketDatabase>;
/** Every seeded enterprise, in credit-code order. */
let enterprises: EnterpriseRow[];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-market-'));
  // databaseUrl '' keeps this suite on SQLite even when DATABASE_URL is set.
  running = await startTestSubgraph(market, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: SEED });
  db = running.database.db as Kysely<MarketDatabase>;
  enterprises = await db.selectFrom('enterprises').selectAll().orderBy('credit_code').execute();
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function query<T = any>(document: string, variables?: Record<string, unknown>) {
  return running.request<T>(document, variables);
}

function representedBy(idNumber: string): EnterpriseRow[] {
  return enterprises.filter((e) => e.legal_representative_id === idNumber);
}

const ENTERPRISES = `query ($first: Int, $after: String, $nameContains: String) {
  enterprises(first: $first, after: $after, nameContains: $nameContains) {
    edges { cursor node { creditCode name } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

const PERSON_ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Person { idNumber enterprises { creditCode } } }
}`;

function personRepresentations(idNumbers: readonly string[]) {
  return idNumbers.map((idNumber) => ({ __typename: 'Person', idNumber }));
}

describe('Query.enterprise', () => {
  it('known credit code → the registry record with every field', async () => {
    const row = enterprises[0];
    const { body } = await query(`query ($code: ID!) { enterprise(creditCode: $code) { ${ENTERPRISE_FIELDS} } }`, { code: row.credit_code });
    expect(body).toEqual({
      data: {
        enterprise: {
          creditCode: row.credit_code,
          name: row.name,
          kind: row.kind,
          status: row.status,
          registeredCapital: row.registered_capital,
          establishedOn: row.established_on,
          address: row.address,
          businessScope: row.business_scope,
          legalRepresentative: { idNumber: row.legal_representative_id },
        },
      },
    });
  });

  it('valid but unregistered credit code → null without error', async () => {
    const { body } = await query(`query ($code: ID!) { enterprise(creditCode: $code) { name } }`, { code: UNREGISTERED_CODE });
    expect(body).toEqual({ data: { enterprise: null } });
  });

  it('malformed credit code → null without error', async () => {
    const { body } = await query(`{ enterprise(creditCode: "nope") { name } }`);
    expect(body).toEqual({ data: { enterprise: null } });
  });
});

describe('Query.enterprises', () => {
  it('first page → enterprises in credit-code order, hasNextPage and the total', async () => {
    const { body } = await query(ENTERPRISES, { first: 5 });
    const page = body.data.enterprises;
    expect(page.edges.map((e: any) => e.node.creditCode)).toEqual(enterprises.slice(0, 5).map((e) => e.credit_code));
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[4].cursor });
    expect(page.totalCount).toBe(enterprises.length);
  });

  it('after the endCursor → the next enterprises, without overlap', async () => {
    const first = (await query(ENTERPRISES, { first: 5 })).body.data.enterprises;
    const { body } = await query(ENTERPRISES, { first: 5, after: first.pageInfo.endCursor });
    expect(body.data.enterprises.edges.map((e: any) => e.node.creditCode)).toEqual(enterprises.slice(5, 10).map((e) => e.credit_code));
  });

  it('last page → hasNextPage false', async () => {
    const before = (await query(ENTERPRISES, { first: enterprises.length - 3 })).body.data.enterprises;
    const { body } = await query(ENTERPRISES, { first: 10, after: before.pageInfo.endCursor });
    expect(body.data.enterprises.edges.map((e: any) => e.node.creditCode)).toEqual(enterprises.slice(-3).map((e) => e.credit_code));
    expect(body.data.enterprises.pageInfo.hasNextPage).toBe(false);
  });

  it('nameContains → only matching names, and totalCount counts all matches', async () => {
    const matching = enterprises.filter((e) => e.name.includes('有限公司'));
    const { body } = await query(ENTERPRISES, { first: 3, nameContains: '有限公司' });
    expect(matching.length).toBeGreaterThan(3);
    expect(body.data.enterprises.totalCount).toBe(matching.length);
    expect(body.data.enterprises.edges.map((e: any) => e.node.creditCode)).toEqual(matching.slice(0, 3).map((e) => e.credit_code));
  });

  it('nameContains with a wildcard character → matched literally', async () => {
    const { body } = await query(ENTERPRISES, { nameContains: '有限_司' });
    expect(body.data.enterprises).toMatchObject({ edges: [], totalCount: 0 });
  });

  it('first 101 → BAD_USER_INPUT', async () => {
    const { body } = await query(ENTERPRISES, { first: 101 });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a cursor this API never returned → BAD_USER_INPUT', async () => {
    const { body } = await query(ENTERPRISES, { after: '!!' });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Person.enterprises', () => {
  it('a person representing several enterprises → all of them, in credit-code order', async () => {
    const serial = enterprises.map((e) => e.legal_representative_id).find((id) => representedBy(id).length > 1)!;
    const { body } = await query(PERSON_ENTITIES, { representations: personRepresentations([serial]) });
    expect(body.data._entities).toEqual([{ idNumber: serial, enterprises: representedBy(serial).map((e) => ({ creditCode: e.credit_code })) }]);
  });

  it('a person representing no enterprise → an empty list', async () => {
    const idle = seedWorld(SEED).personIds.find((id) => representedBy(id).length === 0)!;
    const { body } = await query(PERSON_ENTITIES, { representations: personRepresentations([idle]) });
    expect(body.data._entities).toEqual([{ idNumber: idle, enterprises: [] }]);
  });

  it('enterprises of 100 persons → one SQL statement', async () => {
    const ids = seedWorld(SEED).personIds.slice(0, 100);
    const before = running.database.statementCount();
    const { body } = await query(PERSON_ENTITIES, { representations: personRepresentations(ids) });
    expect(body.data._entities.map((p: any) => p.enterprises.length)).toEqual(ids.map((id) => representedBy(id).length));
    expect(running.database.statementCount() - before).toBe(1);
  });
});

describe('Enterprise entities', () => {
  const ENTITIES = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Enterprise { creditCode name legalRepresentative { idNumber } } }
  }`;

  it('representations → enterprises in the same order, null for unknown ones', async () => {
    const codes = [enterprises[1].credit_code, UNREGISTERED_CODE, enterprises[0].credit_code];
    const { body } = await query(ENTITIES, { representations: codes.map((creditCode) => ({ __typename: 'Enterprise', creditCode })) });
    expect(body.data._entities).toEqual([
      { creditCode: enterprises[1].credit_code, name: enterprises[1].name, legalRepresentative: { idNumber: enterprises[1].legal_representative_id } },
      null,
      { creditCode: enterprises[0].credit_code, name: enterprises[0].name, legalRepresentative: { idNumber: enterprises[0].legal_representative_id } },
    ]);
  });

  it('every seeded enterprise as a representation → one SQL statement', async () => {
    const before = running.database.statementCount();
    const { body } = await query(ENTITIES, { representations: enterprises.map((e) => ({ __typename: 'Enterprise', creditCode: e.credit_code })) });
    expect(body.data._entities.map((e: any) => e.creditCode)).toEqual(enterprises.map((e) => e.credit_code));
    expect(running.database.statementCount() - before).toBe(1);
  });
});
