import { setTimeout as sleep } from 'node:timers/promises';
import { gatewayConfigOf } from '../../gateway/config';
import type { FaultProxy } from '../support/faultProxy';
import { graphqlRequest } from '../support/graphqlRequest';
import { startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

const TIMEOUT_MS = 300;
const COOLDOWN_MS = 600;

/** A department that hangs, then fails repeatedly, then recovers, behind the gateway's timeout and breaker. */
describe('gateway with a failing department', () => {
  let stack: FixtureStack;
  let beta: FaultProxy;
  let healthUrl: string;
  const breakerOfBeta = async (): Promise<unknown> => ((await (await fetch(healthUrl)).json()) as { departments: { beta: { breaker: string } } }).departments.beta.breaker;

  beforeAll(async () => {
    stack = await startFixtureStack({
      faultProxies: true,
      gateway: { config: gatewayConfigOf({ subgraphs: { timeoutMs: TIMEOUT_MS, breaker: { failureThreshold: 2, cooldownMs: COOLDOWN_MS } } }) },
    });
    beta = stack.faults.beta!;
    healthUrl = `${new URL(stack.gateway.url).origin}/health`;
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('a department that does not answer in time → its fields null with SUBGRAPH_UNAVAILABLE reason timeout, the rest served', async () => {
    beta.mode = 'hang';
    const { status, body } = await graphqlRequest(stack.gateway.url, '{ things { id name colour } }');
    expect({ status, body }).toEqual({
      status: 200,
      body: {
        data: {
          things: [
            { id: 't1', name: 'first', colour: null },
            { id: 't2', name: 'second', colour: null },
          ],
        },
        errors: [
          {
            message: 'Department beta did not answer in time; its fields are missing from this result.',
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', department: 'beta', reason: 'timeout' },
          },
        ],
      },
    });
  });

  it('failing failureThreshold times in a row → its breaker open on /health', async () => {
    beta.mode = 'fail';
    for (let i = 0; i < 2; i++) await graphqlRequest(stack.gateway.url, '{ things { id colour } }');
    expect(await breakerOfBeta()).toBe('open');
  });

  it('while open → skipped without being called: reason circuit-open, the rest served', async () => {
    const before = beta.requests;
    const { body } = await graphqlRequest(stack.gateway.url, '{ things { id colour } }');
    expect({ data: body.data, extensions: body.errors?.map((e) => e.extensions), calls: beta.requests - before }).toEqual({
      data: {
        things: [
          { id: 't1', colour: null },
          { id: 't2', colour: null },
        ],
      },
      extensions: [{ code: 'SUBGRAPH_UNAVAILABLE', department: 'beta', reason: 'circuit-open' }],
      calls: 0,
    });
  });

  it('after the cool-down, answering again → probed, its fields served and its breaker closed', async () => {
    beta.mode = 'pass';
    await sleep(COOLDOWN_MS + 50);
    const { body } = await graphqlRequest(stack.gateway.url, '{ things { id colour } }');
    expect({ body, breaker: await breakerOfBeta() }).toEqual({
      body: {
        data: {
          things: [
            { id: 't1', colour: 'red' },
            { id: 't2', colour: 'blue' },
          ],
        },
      },
      breaker: 'closed',
    });
  });
});
