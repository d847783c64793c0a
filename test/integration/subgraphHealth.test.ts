import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { checkSubgraphHealth, overallStatus } from '../../gateway/server/checkSubgraphHealth';
import { startSubgraph, type RunningSubgraph } from '../../subgraphs/kit';
import { alpha } from '../support/fixtureDepartments';
import { freePort } from '../support/freePort';
import { startMixedStack, type MixedStack } from '../support/mixedStack';
import { startPlainSubgraph, type PlainSubgraph } from '../support/plainSubgraph';

const PLAIN_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { gadget: String }
`;

/** Node's fetch, recording the method and path of each request: which questions a check asked. */
function recordingFetch(): { fetch: typeof fetch; asked: string[] } {
  const asked: string[] = [];
  const recording = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    asked.push(`${init?.method ?? 'GET'} ${new URL(String(input)).pathname}`);
    return fetch(input, init);
  }) as typeof fetch;
  return { fetch: recording, asked };
}

describe("a subgraph's health, as the gateway asks it", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-subgraph-health-'));
  let department: RunningSubgraph;
  let standalone: PlainSubgraph;
  let graphqlOnly: PlainSubgraph;
  let tokenRequired: PlainSubgraph;

  beforeAll(async () => {
    department = await startSubgraph(alpha, { port: 0, dataDir, policies: 'off', watchPolicies: false, seedIfEmpty: { seed: 1, scale: 1 } });
    standalone = await startPlainSubgraph({ sdl: PLAIN_SDL });
    graphqlOnly = await startPlainSubgraph({ sdl: PLAIN_SDL, served: 'express' });
    tokenRequired = await startPlainSubgraph({
      sdl: PLAIN_SDL,
      context: async ({ authorization }) => {
        if (!authorization) throw new GraphQLError('A token is required', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        return {};
      },
    });
  });

  afterAll(async () => {
    await Promise.all([department?.close(), standalone?.close(), graphqlOnly?.close(), tokenRequired?.close()]);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a kit department → up from its own /health, with no GraphQL probe', async () => {
    const { fetch, asked } = recordingFetch();
    expect(await checkSubgraphHealth([{ name: 'alpha', url: department.url }], 2000, fetch)).toEqual({ status: 'up', subgraphs: { alpha: 'up' } });
    expect(asked).toEqual(['GET /health']);
  });

  it('a plain Apollo subgraph answering every path as GraphQL (no /health of its own) → up from a { __typename } probe', async () => {
    const { fetch, asked } = recordingFetch();
    expect(await checkSubgraphHealth([{ name: 'gamma', url: standalone.url }], 2000, fetch)).toEqual({ status: 'up', subgraphs: { gamma: 'up' } });
    expect(asked).toEqual(['GET /health', 'POST /graphql']);
  });

  it('a plain Apollo subgraph served at /graphql alone (404 on /health) → up from a { __typename } probe', async () => {
    const { fetch, asked } = recordingFetch();
    expect(await checkSubgraphHealth([{ name: 'gamma', url: graphqlOnly.url }], 2000, fetch)).toEqual({ status: 'up', subgraphs: { gamma: 'up' } });
    expect(asked).toEqual(['GET /health', 'POST /graphql']);
  });

  it('a subgraph refusing the unsigned probe with 401 → unknown, and the graph still up', async () => {
    expect(await checkSubgraphHealth([{ name: 'gamma', url: tokenRequired.url }], 2000)).toEqual({ status: 'up', subgraphs: { gamma: 'unknown' } });
  });

  it('nothing listening at its URL → down', async () => {
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    expect(
      await checkSubgraphHealth(
        [
          { name: 'alpha', url: department.url },
          { name: 'gone', url },
        ],
        2000,
      ),
    ).toEqual({ status: 'degraded', subgraphs: { alpha: 'up', gone: 'down' } });
  });

  it('a server that takes the connection and never answers → down once the timeout passes', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}/graphql`;
      const started = Date.now();
      expect(await checkSubgraphHealth([{ name: 'silent', url }], 300)).toEqual({ status: 'down', subgraphs: { silent: 'down' } });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.close();
    }
  });
});

describe('gateway /health over a kit department and a plain Apollo subgraph without /health', () => {
  let stack: MixedStack;
  const health = async () => {
    const response = await fetch(stack.healthUrl);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    stack = await startMixedStack({ sdl: PLAIN_SDL, resolvers: { Query: { gadget: () => 'g1' } } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('both answering → 200, each up and the graph up, the other fields kept', async () => {
    expect(await health()).toEqual({
      status: 200,
      body: {
        status: 'up',
        subgraphs: { alpha: 'up', gamma: 'up' },
        departments: { alpha: { breaker: 'closed' }, gamma: { breaker: 'closed' } },
        policies: 'fake',
        policyVersion: null,
      },
    });
  });

  it('the plain subgraph stopped → 200, it down and the graph degraded', async () => {
    await stack.gamma.close();
    expect(await health()).toEqual({ status: 200, body: expect.objectContaining({ status: 'degraded', subgraphs: { alpha: 'up', gamma: 'down' } }) });
  });
});

describe('the graph status from its subgraphs', () => {
  it('up and unknown → up', () => {
    expect(overallStatus(['up', 'unknown'])).toBe('up');
  });

  it('one down among others → degraded', () => {
    expect(overallStatus(['up', 'unknown', 'down'])).toBe('degraded');
  });

  it('every one down → down', () => {
    expect(overallStatus(['down', 'down'])).toBe('down');
  });
});
