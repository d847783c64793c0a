import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { applyMask } from '../../policies';
import { population } from '../../subgraphs/population';
import type { PersonRow, PopulationDatabase } from '../../subgraphs/population/database';
import { citizen, startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';

/** Population under the policy files in policies/ (the subgraph's default), with the engine's masks. */
const CASEWORKER = { sub: 'staff-0002', roles: ['caseworker'], dept: 'services', clearance: 2 };

let running: TestSubgraph;
let dataDir: string;
let persons: PersonRow[];
/** A seeded person with a phone number. */
let someone: PersonRow;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-shield-real-'));
  // policies: undefined → the kit loads policies/ against schema/composition/supergraph.graphql.
  running = await startTestSubgraph(population, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: { seed: 7, scale: 0.1 }, policies: undefined, applyMask: undefined });
  persons = await (running.database.db as Kysely<PopulationDatabase>).selectFrom('persons').selectAll().orderBy('id_number').execute();
  someone = persons.find((p) => p.phone !== null)!;
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const PERSON = 'query ($id: ID!) { person(idNumber: $id) { idNumber name phone householdAddress } }';

describe('population under policies/', () => {
  it('caseworker → name in the clear, phone and address masked by the engine, the key in the clear', async () => {
    const { body } = await running.request(PERSON, { id: someone.id_number }, CASEWORKER);
    expect(body).toEqual({
      data: {
        person: {
          idNumber: someone.id_number,
          name: someone.name,
          phone: applyMask('phone', someone.phone!),
          householdAddress: applyMask('address', someone.household_address),
        },
      },
    });
  });

  it('citizen reading their own record → every field in the clear, ethnicity included', async () => {
    const { body } = await running.request(
      'query ($id: ID!) { person(idNumber: $id) { phone householdAddress ethnicity } }',
      { id: someone.id_number },
      citizen(someone.id_number),
    );
    expect(body).toEqual({ data: { person: { phone: someone.phone, householdAddress: someone.household_address, ethnicity: someone.ethnicity } } });
  });

  it("citizen reading another resident's record → FORBIDDEN for the name", async () => {
    const other = persons.find((p) => p.id_number !== someone.id_number)!;
    const { body } = await running.request('query ($id: ID!) { person(idNumber: $id) { name } }', { id: other.id_number }, citizen(someone.id_number));
    expect(body.data.person).toEqual({ name: null });
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', coordinate: 'Person.name' }]);
  });

  it('anonymous reader → Query.person FORBIDDEN', async () => {
    const { body } = await running.request(PERSON, { id: someone.id_number }, null);
    expect(body.data?.person ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', coordinate: 'Query.person' }]);
  });

  it('caseworker paging people → connection fields allowed, names in the clear', async () => {
    const { body } = await running.request('{ people(first: 3) { totalCount pageInfo { hasNextPage } edges { cursor node { name } } } }', {}, CASEWORKER);
    expect(body.errors).toBeUndefined();
    expect(body.data.people.edges.map((e: any) => e.node.name)).toEqual(persons.slice(0, 3).map((p) => p.name));
  });

  it('_service { sdl } for an anonymous reader → the SDL (federation internals are allowed)', async () => {
    const { body } = await running.request('{ _service { sdl } }', {}, null);
    expect(body.data._service.sdl).toContain('type Person');
  });

  it('_entities for a caseworker → records with their fields decided (phone masked)', async () => {
    const { body } = await running.request(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name phone } } }',
      { r: [{ __typename: 'Person', idNumber: someone.id_number }] },
      CASEWORKER,
    );
    expect(body).toEqual({ data: { _entities: [{ name: someone.name, phone: applyMask('phone', someone.phone!) }] } });
  });
});
