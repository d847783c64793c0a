import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphQLDataSourceRequestKind, type GraphQLDataSourceProcessOptions } from '@apollo/gateway/dist/datasources/types';
import type { GraphQLError } from 'graphql';
import pino from 'pino';
import { DepartmentBreakers, SubgraphDataSource, type FetchOutcome } from '../../gateway/execute';
import { anonymousReader, type RequestContext } from '../../gateway/request';

const log = pino({ level: 'silent' });
const COOLDOWN_MS = 150;

/** One department for the file that answers as `mode` says; `requests` counts what reached it. */
const department = { url: '', mode: 'ok' as 'ok' | 'fail' | 'refuse' | 'hang', requests: 0 };
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    department.requests++;
    if (department.mode === 'hang') return;
    if (department.mode === 'fail') return void res.writeHead(500).end();
    if (department.mode === 'refuse') return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"no"}]}');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}');
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  department.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let breakers: DepartmentBreakers;
let dataSource: SubgraphDataSource;
beforeEach(() => {
  department.mode = 'ok';
  department.requests = 0;
  breakers = new DepartmentBreakers({ failureThreshold: 3, cooldownMs: COOLDOWN_MS }, log);
  dataSource = new SubgraphDataSource({ name: 'gamma', url: department.url, log, timeoutMs: 300, breakers });
});

function fetchOnce(): Promise<unknown> {
  const options: GraphQLDataSourceProcessOptions<RequestContext> = {
    kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
    request: { query: '{ __typename }' },
    incomingRequestContext: {} as never,
    context: { reader: anonymousReader('r'), clientAddress: '127.0.0.1' },
  };
  return dataSource.process(options);
}

async function reasonOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
    return 'answered';
  } catch (error) {
    return (error as GraphQLError).extensions?.reason;
  }
}

async function failTimes(n: number): Promise<void> {
  department.mode = 'fail';
  for (let i = 0; i < n; i++) await reasonOf(fetchOnce());
}

describe('DepartmentBreakers', () => {
  it('knows a department as closed from its data source on', () => {
    expect(breakers.breakerStates()).toEqual({ gamma: 'closed' });
  });

  it('stays closed below the failure threshold', async () => {
    await failTimes(2);
    expect(breakers.breakerStates()).toEqual({ gamma: 'closed' });
  });

  it('opens after failureThreshold failures in a row', async () => {
    await failTimes(3);
    expect(breakers.breakerStates()).toEqual({ gamma: 'open' });
  });

  it('does not open when an answer comes between the failures', async () => {
    await failTimes(2);
    department.mode = 'ok';
    await fetchOnce();
    await failTimes(2);
    expect(breakers.breakerStates()).toEqual({ gamma: 'closed' });
  });

  it('does not count 4xx refusals: the department answered', async () => {
    department.mode = 'refuse';
    for (let i = 0; i < 5; i++) await reasonOf(fetchOnce());
    expect(breakers.breakerStates()).toEqual({ gamma: 'closed' });
  });

  it('skips an open department without calling it: SUBGRAPH_UNAVAILABLE, reason circuit-open', async () => {
    await failTimes(3);
    department.mode = 'ok';
    const before = department.requests;
    expect({ reason: await reasonOf(fetchOnce()), calls: department.requests - before }).toEqual({ reason: 'circuit-open', calls: 0 });
  });

  it('after the cool-down lets one probe through and skips the others while it runs', async () => {
    await failTimes(3);
    await sleep(COOLDOWN_MS + 20);
    department.mode = 'hang';
    const before = department.requests;
    const probe = reasonOf(fetchOnce());
    const other = await reasonOf(fetchOnce());
    expect({ state: breakers.breakerStates().gamma, other }).toEqual({ state: 'half-open', other: 'circuit-open' });
    expect(await probe).toBe('timeout');
    expect(department.requests - before).toBe(1);
  });

  it('closes when the probe is answered', async () => {
    await failTimes(3);
    await sleep(COOLDOWN_MS + 20);
    department.mode = 'ok';
    expect(await reasonOf(fetchOnce())).toBe('answered');
    expect(breakers.breakerStates()).toEqual({ gamma: 'closed' });
  });

  it('opens again for another cool-down when the probe fails', async () => {
    await failTimes(3);
    await sleep(COOLDOWN_MS + 20);
    expect(await reasonOf(fetchOnce())).toBe('unavailable');
    department.mode = 'ok';
    expect({ state: breakers.breakerStates().gamma, next: await reasonOf(fetchOnce()) }).toEqual({ state: 'open', next: 'circuit-open' });
  });

  it('counts timeouts as failures', async () => {
    department.mode = 'hang';
    for (let i = 0; i < 3; i++) await reasonOf(fetchOnce());
    expect(breakers.breakerStates()).toEqual({ gamma: 'open' });
  });

  it('tells each fetch listener the department, the time taken and the outcome', async () => {
    const seen: [string, FetchOutcome][] = [];
    let times = 0;
    breakers.onFetch((name, ms, outcome) => {
      seen.push([name, outcome]);
      if (ms >= 0) times++;
    });
    await fetchOnce();
    await failTimes(3);
    await reasonOf(fetchOnce());
    expect({ seen, times }).toEqual({
      seen: [
        ['gamma', 'ok'],
        ['gamma', 'unavailable'],
        ['gamma', 'unavailable'],
        ['gamma', 'unavailable'],
        ['gamma', 'circuit-open'],
      ],
      times: 5,
    });
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const seen: FetchOutcome[] = [];
    const stop = breakers.onFetch((_name, _ms, outcome) => seen.push(outcome));
    await fetchOnce();
    stop();
    await fetchOnce();
    expect(seen).toEqual(['ok']);
  });
});
