import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { formatResidentIdNumber } from '../../subgraphs/kit';
import { population } from '../../subgraphs/population';
import type { PersonRow, PopulationDatabase } from '../../subgraphs/population/database';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';

/** Well-formed, but no seed generates it: seeded persons are born from 1940 on. */
const UNREGISTERED_ID = formatResidentIdNumber({ regionCode: '110101', birthDate: '1900-01-01', sequence: 1 });
const PERSON_FIELDS = 'idNumber name gender birthDate ethnicity householdAddress phone';

let running: TestSubgraph;
let dataDir: string;
let db: Kysely<PopulationDatabase>;
/** Every seeded person, in ID-number order. */
let persons: PersonRow[];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-population-'));
  // databaseUrl '' keeps this suite on SQLite even when DATABASE_URL is set.
  running = await startTestSubgraph(population, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: { seed: 7, scale: 0.1 } });
  db = running.database.db as Kysely<PopulationDatabase>;
  persons = await db.selectFrom('persons').selectAll().orderBy('id_number').execute();
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function query<T = any>(document: string, variables?: Record<string, unknown>) {
  return running.request<T>(document, variables);
}

const PEOPLE = `query ($first: Int, $after: String, $nameContains: String) {
  people(first: $first, after: $after, nameContains: $nameContains) {
    edges { cursor node { idNumber name } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

describe('Query.person', () => {
  it('known ID number → the registry record with every field', async () => {
    const row = persons.find((p) => p.phone !== null)!;
    const { body } = await query(`query ($id: ID!) { person(idNumber: $id) { ${PERSON_FIELDS} } }`, { id: row.id_number });
    expect(body).toEqual({
      data: {
        person: {
          idNumber: row.id_number,
          name: row.name,
          gender: row.gender,
          birthDate: row.birth_date,
          ethnicity: row.ethnicity,
          householdAddress: row.household_address,
          phone: row.phone,
        },
      },
    });
  });

  it('birthDate of a returned person equals digits 7–14 of the ID number', async () => {
    const { body } = await query(`query ($id: ID!) { person(idNumber: $id) { birthDate } }`, { id: persons[3].id_number });
    const id = persons[3].id_number;
    expect(body.data.person.birthDate).toBe(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`);
  });

  it('valid but unregistered ID number → null without error', async () => {
    const { body } = await query(`query ($id: ID!) { person(idNumber: $id) { idNumber } }`, { id: UNREGISTERED_ID });
    expect(body).toEqual({ data: { person: null } });
  });

  it('malformed ID number → null without error', async () => {
    const { body } = await query(`{ person(idNumber: "not-an-id") { idNumber } }`);
    expect(body).toEqual({ data: { person: null } });
  });
});

describe('Query.people', () => {
  it('first page → persons in ID-number order, hasNextPage and the total', async () => {
    const { body } = await query(PEOPLE, { first: 5 });
    const page = body.data.people;
    expect(page.edges.map((e: any) => e.node.idNumber)).toEqual(persons.slice(0, 5).map((p) => p.id_number));
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[4].cursor });
    expect(page.totalCount).toBe(persons.length);
  });

  it('after the endCursor → the next persons, without overlap', async () => {
    const first = (await query(PEOPLE, { first: 5 })).body.data.people;
    const { body } = await query(PEOPLE, { first: 5, after: first.pageInfo.endCursor });
    expect(body.data.people.edges.map((e: any) => e.node.idNumber)).toEqual(persons.slice(5, 10).map((p) => p.id_number));
  });

  it('walking every page → each person exactly once and a last page without next', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pageInfo: { hasNextPage: boolean; endCursor: string | null };
    do {
      const { body }: any = await query(PEOPLE, { first: 70, after });
      seen.push(...body.data.people.edges.map((e: any) => e.node.idNumber));
      pageInfo = body.data.people.pageInfo;
      after = pageInfo.endCursor;
    } while (pageInfo.hasNextPage);
    expect(seen).toEqual(persons.map((p) => p.id_number));
  });

  it('first omitted → a page of 20', async () => {
    const { body } = await query(`{ people { edges { node { idNumber } } } }`);
    expect(body.data.people.edges).toHaveLength(20);
  });

  it('first 0 → no edges, a null endCursor and the total', async () => {
    const { body } = await query(PEOPLE, { first: 0 });
    expect(body.data.people).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: persons.length });
  });

  it('nameContains → only matching names, and totalCount counts all matches', async () => {
    const surname = persons[0].name[0];
    const matching = persons.filter((p) => p.name.includes(surname));
    const { body } = await query(PEOPLE, { first: 2, nameContains: surname });
    expect(body.data.people.totalCount).toBe(matching.length);
    expect(body.data.people.edges.map((e: any) => e.node.idNumber)).toEqual(matching.slice(0, 2).map((p) => p.id_number));
  });

  it.each(['%', '_'])('nameContains %s → matched literally, not as a wildcard', async (wildcard) => {
    const { body } = await query(PEOPLE, { nameContains: wildcard });
    expect(body.data.people).toMatchObject({ edges: [], totalCount: 0 });
  });

  it.each([101, -1])('first %i → BAD_USER_INPUT', async (first) => {
    const { body } = await query(PEOPLE, { first });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a cursor this API never returned → BAD_USER_INPUT', async () => {
    const { body } = await query(PEOPLE, { after: 'bm90LWEtY3Vyc29y' });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('Person entities', () => {
  const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { idNumber name birthDate } } }`;

  it('representations → persons in the same order, null for unknown ones', async () => {
    const representations = [persons[2], persons[0]].map((p) => ({ __typename: 'Person', idNumber: p.id_number }));
    representations.push({ __typename: 'Person', idNumber: UNREGISTERED_ID });
    const { body } = await query(ENTITIES, { representations });
    expect(body.data._entities).toEqual([
      { idNumber: persons[2].id_number, name: persons[2].name, birthDate: persons[2].birth_date },
      { idNumber: persons[0].id_number, name: persons[0].name, birthDate: persons[0].birth_date },
      null,
    ]);
  });

  it('100 Person representations → one SQL statement', async () => {
    const representations = persons.slice(0, 100).map((p) => ({ __typename: 'Person', idNumber: p.id_number }));
    const before = running.database.statementCount();
    const { body } = await query(ENTITIES, { representations });
    expect(body.data._entities).toHaveLength(100);
    expect(body.data._entities.every((person: any) => person !== null)).toBe(true);
    expect(running.database.statementCount() - before).toBe(1);
  });
});
