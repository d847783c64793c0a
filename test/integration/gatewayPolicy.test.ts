import { applyMask, type Identity, type Reader } from '../../policies';
import { graphqlRequest, type GraphQLResponse } from '../support/graphqlRequest';
import { ALLOW, CASEWORKER, DENY, fakePolicySet, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/**
 * Field-level enforcement at the gateway, before planning, through real HTTP. Beta's
 * `Thing.secret` fails with an internal error whenever it is resolved, so a withheld
 * secret that comes back as FORBIDDEN alone also shows it was never fetched.
 */
const OFFICER: Identity = { sub: 'officer-1', roles: ['officer'], dept: 'alpha', clearance: 3 };
const ANALYST: Identity = { sub: 'analyst-1', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const CITIZEN: Identity = { sub: '110101199003070011', roles: ['citizen'], dept: null, clearance: 1 };
/** A holder whose `sub` is the key of Thing t1: t1 is their own record. */
const HOLDER: Identity = { sub: 't1', roles: ['holder'], dept: null, clearance: 1 };

const hasRole = (reader: Reader, ...roles: string[]) => roles.some((role) => reader.identity?.roles.includes(role));

const policies = fakePolicySet({
  'Thing.secret': () => DENY,
  'Thing.note': () => DENY,
  'Thing.colour': (reader) => (hasRole(reader, 'officer', 'analyst') ? ALLOW : DENY),
  'Thing.name': (reader) => (hasRole(reader, 'citizen') ? DENY : ALLOW),
  'Thing.id': (reader) => (hasRole(reader, 'analyst') ? { kind: 'MASK', mask: 'idNumber' } : hasRole(reader, 'holder') ? { others: DENY, own: ALLOW } : ALLOW),
  'Thing.bonus': () => ({ others: DENY, own: ALLOW }),
  'Gadget.serial': () => DENY,
  'Badge.label': () => DENY,
});

const forbidden = (path: (string | number)[], coordinate: string) => ({
  message: `The policies do not let this reader see ${coordinate}.`,
  locations: expect.any(Array),
  path,
  extensions: { code: 'FORBIDDEN', coordinate },
});

describe('gateway policy enforcement', () => {
  let stack: FixtureStack;

  beforeAll(async () => {
    stack = await startFixtureStack({ gateway: { policies } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function query(document: string, options: { identity?: Identity; variables?: Record<string, unknown>; operationName?: string } = {}): Promise<GraphQLResponse['body']> {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.authorization(options.identity ?? CASEWORKER)) },
      body: JSON.stringify({ query: document, variables: options.variables, operationName: options.operationName }),
    });
    return (await response.json()) as GraphQLResponse['body'];
  }

  it('returns a denied field as null with FORBIDDEN, its path and coordinate, while allowed siblings stay', async () => {
    expect(await query('{ thing(id: "t1") { id name secret } }')).toEqual({
      data: { thing: { id: 't1', name: 'first', secret: null } },
      errors: [forbidden(['thing', 'secret'], 'Thing.secret')],
    });
  });

  it('reports a denied field once per list item', async () => {
    const body = await query('{ things { id secret } }');
    expect(body.data).toEqual({
      things: [
        { id: 't1', secret: null },
        { id: 't2', secret: null },
      ],
    });
    expect(body.errors).toEqual([forbidden(['things', 0, 'secret'], 'Thing.secret'), forbidden(['things', 1, 'secret'], 'Thing.secret')]);
  });

  it('propagates a denied non-null field to its nullable parent', async () => {
    expect(await query('{ thing(id: "t1") { id name } }', { identity: CITIZEN })).toEqual({
      data: { thing: null },
      errors: [forbidden(['thing', 'name'], 'Thing.name')],
    });
  });

  it('keeps an object whose every selected field is denied, with the fields null', async () => {
    expect(await query('{ thing(id: "t1") { secret } }')).toEqual({ data: { thing: { secret: null } }, errors: [forbidden(['thing', 'secret'], 'Thing.secret')] });
  });

  it('reports a denied field under its alias', async () => {
    expect(await query('{ thing(id: "t1") { key: id hidden: secret } }')).toEqual({
      data: { thing: { key: 't1', hidden: null } },
      errors: [forbidden(['thing', 'hidden'], 'Thing.secret')],
    });
  });

  it('finds a denied field in a named fragment', async () => {
    expect(await query('{ thing(id: "t1") { ...Parts } } fragment Parts on Thing { id secret }')).toEqual({
      data: { thing: { id: 't1', secret: null } },
      errors: [forbidden(['thing', 'secret'], 'Thing.secret')],
    });
  });

  it('finds a denied field in an inline fragment', async () => {
    expect(await query('{ thing(id: "t1") { id ... on Thing { secret } } }')).toEqual({
      data: { thing: { id: 't1', secret: null } },
      errors: [forbidden(['thing', 'secret'], 'Thing.secret')],
    });
  });

  it('denies a field only on the concrete type of a union whose policy denies it', async () => {
    const body = await query('{ items { ...Item } } fragment Item on Item { ... on Thing { id name } ... on Gadget { id label serial } }');
    expect(body).toEqual({
      data: {
        items: [
          { id: 't1', name: 'first' },
          { id: 'g1', label: 'gadget one', serial: null },
        ],
      },
      errors: [forbidden(['items', 1, 'serial'], 'Gadget.serial')],
    });
  });

  it('serves an interface field to the concrete types that allow it and denies it on the others', async () => {
    expect(await query('{ labelled { label } }')).toEqual({
      data: { labelled: [{ label: 'gadget one' }, { label: null }] },
      errors: [forbidden(['labelled', 1, 'label'], 'Badge.label')],
    });
  });

  it('enforces with variables in the operation', async () => {
    expect(await query('query ($id: ID!) { thing(id: $id) { id secret } }', { variables: { id: 't2' } })).toEqual({
      data: { thing: { id: 't2', secret: null } },
      errors: [forbidden(['thing', 'secret'], 'Thing.secret')],
    });
  });

  it('denies a field whose argument is the only use of a variable without other errors', async () => {
    expect(await query('query ($lang: String!) { thing(id: "t1") { id note(lang: $lang) } }', { variables: { lang: 'en' } })).toEqual({
      data: { thing: { id: 't1', note: null } },
      errors: [forbidden(['thing', 'note'], 'Thing.note')],
    });
  });

  it('reports nothing for a denied field under @skip(if: true)', async () => {
    expect(await query('{ thing(id: "t1") { id secret @skip(if: true) } }')).toEqual({ data: { thing: { id: 't1' } } });
  });

  it('reports nothing for a denied field under @include(if: false)', async () => {
    expect(await query('{ thing(id: "t1") { id secret @include(if: false) } }')).toEqual({ data: { thing: { id: 't1' } } });
  });

  it('denies a field under @include(if: true)', async () => {
    expect(await query('{ thing(id: "t1") { id secret @include(if: true) } }')).toEqual({
      data: { thing: { id: 't1', secret: null } },
      errors: [forbidden(['thing', 'secret'], 'Thing.secret')],
    });
  });

  it('reports nothing for a fragment skipped through a variable', async () => {
    const document = 'query ($hide: Boolean!) { thing(id: "t1") { id ... on Thing @skip(if: $hide) { secret } } }';
    expect(await query(document, { variables: { hide: true } })).toEqual({ data: { thing: { id: 't1' } } });
  });

  it('denies a field in a fragment not skipped through a variable', async () => {
    const document = 'query ($hide: Boolean!) { thing(id: "t1") { id ... on Thing @skip(if: $hide) { secret } } }';
    expect((await query(document, { variables: { hide: false } })).errors).toEqual([forbidden(['thing', 'secret'], 'Thing.secret')]);
  });

  it('checks only the executed operation of a document with two', async () => {
    const document = 'query Open { thing(id: "t1") { id } } query Closed { thing(id: "t1") { secret } }';
    expect(await query(document, { operationName: 'Open' })).toEqual({ data: { thing: { id: 't1' } } });
  });

  it('checks the executed operation when it is the one with a denied field', async () => {
    const document = 'query Open { thing(id: "t1") { id } } query Closed { thing(id: "t1") { secret } }';
    expect(await query(document, { operationName: 'Closed' })).toEqual({ data: { thing: { secret: null } }, errors: [forbidden(['thing', 'secret'], 'Thing.secret')] });
  });

  it('serves each of two readers alternating the same query text their own result (no shared plan)', async () => {
    // A text no other test sends, so the first plan cached for it is the caseworker's filtered one.
    const document = '{ things { colour id } }';
    const seen: unknown[] = [];
    for (const identity of [CASEWORKER, OFFICER, CASEWORKER, OFFICER]) seen.push(await query(document, { identity }));
    const forOfficer = {
      data: {
        things: [
          { colour: 'red', id: 't1' },
          { colour: 'blue', id: 't2' },
        ],
      },
    };
    const forCaseworker = {
      data: {
        things: [
          { colour: null, id: 't1' },
          { colour: null, id: 't2' },
        ],
      },
      errors: [forbidden(['things', 0, 'colour'], 'Thing.colour'), forbidden(['things', 1, 'colour'], 'Thing.colour')],
    };
    expect(seen).toEqual([forCaseworker, forOfficer, forCaseworker, forOfficer]);
  });

  it('plans a field with a self grant and leaves the decision per record to the subgraph', async () => {
    const body = await query('{ thing(id: "t1") { id bonus } }');
    expect(body.data).toEqual({ thing: { id: 't1', bonus: null } });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['thing', 'bonus'], extensions: expect.objectContaining({ code: 'FORBIDDEN', department: 'beta' }) })]);
  });

  it('masks a key field the policies mask, after the departments joined on it in the clear', async () => {
    expect(await query('{ things { id colour } }', { identity: ANALYST })).toEqual({
      data: {
        things: [
          { id: applyMask('idNumber', 't1'), colour: 'red' },
          { id: applyMask('idNumber', 't2'), colour: 'blue' },
        ],
      },
    });
  });

  it("shows a key granted on the reader's own record only where the key is the reader's sub", async () => {
    expect(await query('{ mine: thing(id: "t1") { id name } other: thing(id: "t2") { id name } }', { identity: HOLDER })).toEqual({
      data: { mine: { id: 't1', name: 'first' }, other: null },
      errors: [forbidden(['other', 'id'], 'Thing.id')],
    });
  });

  it('serves an operation with nothing denied unchanged', async () => {
    expect(await graphqlRequest(stack.gateway.url, '{ things { id name colour } }', undefined, await stack.authorization(OFFICER))).toEqual({
      status: 200,
      body: {
        data: {
          things: [
            { id: 't1', name: 'first', colour: 'red' },
            { id: 't2', name: 'second', colour: 'blue' },
          ],
        },
      },
    });
  });
});
