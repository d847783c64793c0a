import { GraphQLError } from 'graphql';
import { graphqlRequest } from '../support/graphqlRequest';
import { startMixedStack, type ForeignDepartment, type MixedStack } from '../support/mixedStack';

/** A department of another stack: its own codes, one error without any, one code that is not a code. */
const GAMMA: ForeignDepartment = {
  sdl: `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query {
      "Refused with a code of its own."
      gadget: String
      "Fails, and the department sends the error without a code."
      uncoded: String
      "Fails with a code holding an address."
      malformed: String
    }
  `,
  resolvers: {
    Query: {
      gadget: () => {
        throw new GraphQLError('No gadget for the holder of 13812345678', { extensions: { code: 'GADGET_NOT_FOUND', shelf: 4 } });
      },
      uncoded: () => {
        throw new Error('lookup failed');
      },
      malformed: () => {
        throw new GraphQLError('connect failed', { extensions: { code: 'connect 10.0.0.7:5432' } });
      },
    },
  },
  // As a server of another stack may send them: the failure of `uncoded` without any extensions.
  formatError: (formatted) => (formatted.message === 'lookup failed' ? { message: formatted.message, path: formatted.path } : formatted),
};

describe('department errors through the gateway (development)', () => {
  let stack: MixedStack;

  beforeAll(async () => {
    stack = await startMixedStack(GAMMA);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("a kit department's BAD_USER_INPUT → reaches the client with its code, message and department", async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ thing(id: "missing") { id } }');
    expect(body.errors).toEqual([{ message: 'No thing has id missing', path: ['thing'], extensions: { code: 'BAD_USER_INPUT', argument: 'id', department: 'alpha' } }]);
  });

  it("a foreign department's own code → kept with its department, the phone number in its message masked", async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ gadget }');
    expect(body.errors).toEqual([{ message: 'No gadget for the holder of 138****5678', path: ['gadget'], extensions: { code: 'GADGET_NOT_FOUND', department: 'gamma' } }]);
  });

  it('a foreign department error without a code → DOWNSTREAM_SERVICE_ERROR with its department', async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ uncoded }');
    expect(body.errors).toEqual([{ message: 'lookup failed', path: ['uncoded'], extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', department: 'gamma' } }]);
  });

  it('a foreign code that is not well-formed → INTERNAL_SERVER_ERROR with its department, the code never shown', async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ malformed }');
    expect(body.errors).toEqual([{ message: 'Internal error in department gamma', path: ['malformed'], extensions: { code: 'INTERNAL_SERVER_ERROR', department: 'gamma' } }]);
  });

  it('the foreign department stopped → SUBGRAPH_UNAVAILABLE keeps its code, with the department', async () => {
    await stack.gamma.close();
    const { body } = await graphqlRequest(stack.gateway.url, '{ gadget }');
    expect(body.errors).toEqual([
      {
        message: 'Department gamma did not answer; its fields are missing from this result.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', department: 'gamma', reason: 'unavailable' },
      },
    ]);
  });
});

describe('department errors through the gateway (production)', () => {
  let stack: MixedStack;

  beforeAll(async () => {
    stack = await startMixedStack(GAMMA, { mode: 'production' });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("a foreign department's own code → kept with its department, its message replaced", async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ gadget }');
    expect(body.errors).toEqual([{ message: 'Error in department gamma', path: ['gadget'], extensions: { code: 'GADGET_NOT_FOUND', department: 'gamma' } }]);
  });

  it('a foreign department error without a code → DOWNSTREAM_SERVICE_ERROR with its department, its message replaced', async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ uncoded }');
    expect(body.errors).toEqual([{ message: 'Error in department gamma', path: ['uncoded'], extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', department: 'gamma' } }]);
  });

  it("a kit department's BAD_USER_INPUT → its registered code keeps its message, with the department", async () => {
    const { body } = await graphqlRequest(stack.gateway.url, '{ thing(id: "missing") { id } }');
    expect(body.errors).toEqual([{ message: 'No thing has id missing', path: ['thing'], extensions: { code: 'BAD_USER_INPUT', argument: 'id', department: 'alpha' } }]);
  });
});
