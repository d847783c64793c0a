import { graphqlRequest } from '../support/graphqlRequest';
import { DENY, fakePolicySet, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/** `deniedFields: 'reject'`: an operation that selects a withheld field is refused whole. */
const policies = fakePolicySet({ 'Thing.secret': () => DENY, 'Thing.colour': () => DENY });

describe('gateway policy enforcement in reject mode', () => {
  let stack: FixtureStack;

  beforeAll(async () => {
    stack = await startFixtureStack({ gateway: { policies, config: { deniedFields: 'reject' } } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('refuses an operation selecting denied fields with one FORBIDDEN error listing their coordinates', async () => {
    const { status, body } = await graphqlRequest(stack.gateway.url, '{ things { id secret colour } }', undefined, await stack.authorization());
    expect(status).toBe(200);
    expect(body).toEqual({
      errors: [
        {
          message: 'The policies do not let this reader see Thing.colour, Thing.secret; remove these fields from the operation.',
          extensions: { code: 'FORBIDDEN', coordinates: ['Thing.colour', 'Thing.secret'] },
        },
      ],
    });
  });

  it('serves an operation selecting no denied field', async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ things { id name } }', undefined, await stack.authorization());
    expect(body).toEqual({
      data: {
        things: [
          { id: 't1', name: 'first' },
          { id: 't2', name: 'second' },
        ],
      },
    });
  });

  it('serves an operation whose denied field is skipped', async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ things { id secret @skip(if: true) } }', undefined, await stack.authorization());
    expect(body).toEqual({ data: { things: [{ id: 't1' }, { id: 't2' }] } });
  });
});

describe('gateway with policies not enforced (benchmarks)', () => {
  let stack: FixtureStack;

  beforeAll(async () => {
    stack = await startFixtureStack({ gateway: { policies, config: { enforcePolicies: false } }, subgraphPolicies: fakePolicySet() });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('serves a field the policies deny', async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ thing(id: "t1") { id colour } }');
    expect(body).toEqual({ data: { thing: { id: 't1', colour: 'red' } } });
  });
});
