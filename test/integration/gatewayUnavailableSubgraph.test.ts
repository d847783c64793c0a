import { graphqlRequest } from '../support/graphqlRequest';
import { startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/** Fewer failures than the breaker's threshold (5 by default): both breakers stay closed. */
const CLOSED = { alpha: { breaker: 'closed' }, beta: { breaker: 'closed' } };

/** A department stops answering while the gateway serves: the rest of the graph still works. */
describe('gateway with a stopped department', () => {
  let stack: FixtureStack;
  let healthUrl: string;

  beforeAll(async () => {
    stack = await startFixtureStack();
    healthUrl = `${new URL(stack.gateway.url).origin}/health`;
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('when beta is stopped', () => {
    beforeAll(async () => {
      await stack.stopSubgraph('beta');
    });

    it('still resolves the fields of the departments that answer', async () => {
      const { status, body } = await graphqlRequest(stack.gateway.url, '{ things { id name colour } }');
      expect(status).toBe(200);
      expect(body.data).toEqual({
        things: [
          { id: 't1', name: 'first', colour: null },
          { id: 't2', name: 'second', colour: null },
        ],
      });
    });

    it('reports SUBGRAPH_UNAVAILABLE naming the department, without its URL or a stack trace', async () => {
      const { body } = await graphqlRequest(stack.gateway.url, '{ things { id colour } }');
      expect(body.errors).toEqual([
        {
          message: 'Department beta did not answer; its fields are missing from this result.',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', department: 'beta', reason: 'unavailable' },
        },
      ]);
      expect(JSON.stringify(body)).not.toContain(stack.subgraphs.beta.url);
    });

    it('reports the graph degraded on /health, with HTTP 200', async () => {
      const response = await fetch(healthUrl);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'degraded', subgraphs: { alpha: 'up', beta: 'down' }, departments: CLOSED, policies: 'fake', policyVersion: null });
    });
  });

  describe('when every department is stopped', () => {
    beforeAll(async () => {
      await stack.stopSubgraph('alpha');
    });

    it('every department down → /health reports the graph down, still HTTP 200 (the gateway itself is alive)', async () => {
      const response = await fetch(healthUrl);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'down', subgraphs: { alpha: 'down', beta: 'down' }, departments: CLOSED, policies: 'fake', policyVersion: null });
    });

    it('still answers GraphQL requests, with SUBGRAPH_UNAVAILABLE', async () => {
      const { status, body } = await graphqlRequest(stack.gateway.url, '{ things { id } }');
      expect(status).toBe(200);
      expect(body.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', department: 'alpha', reason: 'unavailable' });
    });
  });
});
