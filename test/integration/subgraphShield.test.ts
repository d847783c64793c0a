import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { SignJWT } from 'jose';
import type { Reader } from '../../policies';
import { population } from '../../subgraphs/population';
import type { PersonRow, PopulationDatabase } from '../../subgraphs/population/database';
import {
  ALLOW,
  DENY,
  citizen,
  createGatewayTestKeys,
  fakePolicySet,
  mintGatewayToken,
  startTestSubgraph,
  STAFF,
  stubMask,
  type FakeRule,
  type TestSubgraph,
} from '../support/gatewayTokens';
import { graphqlRequest } from '../support/graphqlRequest';

const ANALYST = { sub: 'analyst-01', roles: ['analyst'], dept: 'statistics', clearance: 2 };

/**
 * Population under a policy that exercises every kind of answer: phone denied to all,
 * name masked for analysts, household address only for the citizen it belongs to (and
 * their own name in the clear), the key field denied (which a subgraph must ignore).
 * Like the real engine, it knows no federation internals (`Query._service`…): denied.
 */
function populationRule(coordinate: string, { identity }: Reader): FakeRule | undefined {
  const roles = identity?.roles ?? [];
  if (/(^|\.)_/.test(coordinate)) return { others: DENY };
  switch (coordinate) {
    case 'Person.phone':
    case 'Person.idNumber':
      return { others: DENY };
    case 'Person.name':
      if (roles.includes('analyst')) return { others: { kind: 'MASK', mask: 'name' } };
      if (roles.includes('citizen')) return { others: { kind: 'MASK', mask: 'name' }, own: ALLOW };
      return undefined;
    case 'Person.householdAddress':
      return roles.includes('citizen') ? { others: DENY, own: ALLOW } : undefined;
    default:
      return undefined;
  }
}

const decided: string[] = [];
const policies = fakePolicySet(
  (coordinate, reader) => {
    decided.push(coordinate);
    return populationRule(coordinate, reader);
  },
  ['Person.idNumber'],
);

let running: TestSubgraph;
let dataDir: string;
let persons: PersonRow[];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-shield-'));
  running = await startTestSubgraph(population, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: { seed: 7, scale: 0.1 }, policies, applyMask: stubMask });
  persons = await (running.database.db as Kysely<PopulationDatabase>).selectFrom('persons').selectAll().orderBy('id_number').execute();
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const PERSON = 'query ($id: ID!) { person(idNumber: $id) { idNumber name householdAddress } }';

function postWith(headers: Record<string, string>) {
  return graphqlRequest(running.url, '{ person(idNumber: "x") { name } }', undefined, headers);
}

describe('gateway token', () => {
  it('no Authorization header → 401 UNAUTHENTICATED, reason missing', async () => {
    const { status, body } = await postWith({});
    expect(status).toBe(401);
    expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason: 'missing' } }]);
  });

  it('an Authorization header that is not a bearer JWT → 401, reason malformed', async () => {
    const { status, body } = await postWith({ authorization: 'Basic dXNlcjpwYXNz' });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'malformed' });
  });

  it("a user's HS256 JWT → 401, reason not-a-gateway-token, the token not echoed", async () => {
    const userJwt = await new SignJWT({ roles: ['caseworker'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('dev-secret-dev-secret-dev-secret!'));
    const { status, body } = await postWith({ authorization: `Bearer ${userJwt}` });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'not-a-gateway-token' });
    expect(JSON.stringify(body)).not.toContain(userJwt.split('.')[1]);
  });

  it('an expired gateway token → 401, reason expired', async () => {
    const token = await mintGatewayToken(running.keys, 'population', { identity: STAFF, ttlSeconds: -10 });
    const { status, body } = await postWith({ authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'expired' });
  });

  it('a gateway token for another department → 401, reason wrong-audience', async () => {
    const token = await mintGatewayToken(running.keys, 'market', { identity: STAFF });
    const { status, body } = await postWith({ authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'wrong-audience' });
  });

  it('a token signed with a key the gateway does not publish → 401, reason unknown-key', async () => {
    const token = await mintGatewayToken(await createGatewayTestKeys(), 'population', { identity: STAFF });
    const { status, body } = await postWith({ authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'unknown-key' });
  });

  it("a token signed with another key but naming the gateway's kid → 401, reason bad-signature", async () => {
    const other = await createGatewayTestKeys();
    const token = await mintGatewayToken({ ...other, kid: running.keys.kid }, 'population', { identity: STAFF });
    const { status, body } = await postWith({ authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'bad-signature' });
  });

  it('GET /graphql without a token → 401', async () => {
    const response = await fetch(`${running.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(401);
  });

  it('/health without a token → 200', async () => {
    const response = await fetch(running.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
  });

  it('a valid gateway token → 200 with data', async () => {
    const { status, body } = await running.request(PERSON, { id: persons[0].id_number }, STAFF);
    expect(status).toBe(200);
    expect(body.data.person.idNumber).toBe(persons[0].id_number);
  });
});

describe('field policies', () => {
  it('a denied field → null and FORBIDDEN naming the coordinate', async () => {
    const { body } = await running.request('query ($id: ID!) { person(idNumber: $id) { name phone } }', { id: persons[0].id_number }, STAFF);
    expect(body.data.person).toEqual({ name: persons[0].name, phone: null });
    expect(body.errors).toEqual([
      { message: expect.any(String), path: ['person', 'phone'], locations: expect.any(Array), extensions: { code: 'FORBIDDEN', coordinate: 'Person.phone' } },
    ]);
  });

  it('a masked field → the masked value, never the clear one', async () => {
    const { body } = await running.request('query ($id: ID!) { person(idNumber: $id) { name } }', { id: persons[0].id_number }, ANALYST);
    expect(body).toEqual({ data: { person: { name: stubMask('name', persons[0].name) } } });
  });

  it("a citizen's own record under a self rule → the field in the clear", async () => {
    const me = persons[1];
    const { body } = await running.request(PERSON, { id: me.id_number }, citizen(me.id_number));
    expect(body).toEqual({ data: { person: { idNumber: me.id_number, name: me.name, householdAddress: me.household_address } } });
  });

  it("another citizen's record for the same reader → FORBIDDEN for the self-only field, null there alone", async () => {
    const me = persons[1];
    const { body } = await running.request(PERSON, { id: persons[2].id_number }, citizen(me.id_number));
    expect(body.data.person).toEqual({ idNumber: persons[2].id_number, name: expect.any(String), householdAddress: null });
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', coordinate: 'Person.householdAddress' }]);
  });

  it("another citizen's record → a field masked for others comes back masked", async () => {
    const me = persons[1];
    const other = persons[2];
    const { body } = await running.request('query ($id: ID!) { person(idNumber: $id) { name } }', { id: other.id_number }, citizen(me.id_number));
    expect(body).toEqual({ data: { person: { name: stubMask('name', other.name) } } });
  });

  it('a list mixing own and other records → each record decided on its own', async () => {
    const me = persons[3];
    const { body } = await running.request('{ people(first: 5) { edges { node { idNumber name } } } }', {}, citizen(me.id_number));
    const names = body.data.people.edges.map((e: any) => e.node.name);
    expect(names).toEqual(persons.slice(0, 5).map((p) => (p === me ? p.name : stubMask('name', p.name))));
  });

  it('a key field the policy denies → passes in the clear (the gateway handles keys)', async () => {
    const { body } = await running.request('query ($id: ID!) { person(idNumber: $id) { idNumber } }', { id: persons[0].id_number }, ANALYST);
    expect(body).toEqual({ data: { person: { idNumber: persons[0].id_number } } });
  });

  it('50 records in one request → each coordinate decided once', async () => {
    decided.length = 0;
    const { body } = await running.request('{ people(first: 50) { edges { node { name } } } }', {}, ANALYST);
    expect(body.data.people.edges).toHaveLength(50);
    expect(decided.filter((c) => c === 'Person.name')).toHaveLength(1);
  });

  it('a resolver error under the shield → keeps its code (BAD_USER_INPUT)', async () => {
    const { body } = await running.request('{ people(first: 101) { totalCount } }', {}, STAFF);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('federation internals under the shield', () => {
  const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber name phone } } }';

  it('_service { sdl } → the subgraph SDL', async () => {
    const { body } = await running.request('{ _service { sdl } }', {}, null);
    expect(body.errors).toBeUndefined();
    expect(body.data._service.sdl).toContain('type Person');
  });

  it('_entities → records loaded by __resolveReference', async () => {
    const { body } = await running.request(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber name } } }',
      { r: [{ __typename: 'Person', idNumber: persons[4].id_number }] },
      STAFF,
    );
    expect(body).toEqual({ data: { _entities: [{ idNumber: persons[4].id_number, name: persons[4].name }] } });
  });

  it('_entities → each field of the records still checked (denied phone, masked name)', async () => {
    const { body } = await running.request(ENTITIES, { r: [{ __typename: 'Person', idNumber: persons[4].id_number }] }, ANALYST);
    expect(body.data._entities).toEqual([{ idNumber: persons[4].id_number, name: stubMask('name', persons[4].name), phone: null }]);
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', coordinate: 'Person.phone' }]);
  });
});
