import path from 'node:path';
import type { Identity } from '../../policies';
import { FileGrantStore, loadOrCreateGrantSigningKey, type AccessGrant } from '../../policies/grants';
import type { BenchQuery } from './benchQueries';
import { loadRun, type Load } from './loadRun';

/** The departments and purposes the synthetic grants spread over (as the vocabulary names them). */
const DEPARTMENTS = ['population', 'market', 'licenses', 'services', 'catalog'];
const PURPOSES = ['application-review', 'service-acceptance', 'statistics', 'audit', 'law-enforcement'];

/**
 * `count` grants in force for a year: every department to every other, over every
 * coordinate, so the index holds many entries. None of them changes what the bench reader
 * gets for the query: the grants to the reader's own department and purpose (a tenth) name
 * only fields of types the query does not read, so each of the reader's denied or masked
 * fields is looked up and not found. What the comparison measures is the check itself, not
 * a different answer.
 */
export function syntheticGrants(count: number, coordinates: readonly string[], reader: Identity, purpose: string, typesRead: readonly string[]): AccessGrant[] {
  const until = new Date(Date.now() + 300 * 86_400_000).toISOString();
  const unread = coordinates.filter((coordinate) => !typesRead.includes(coordinate.slice(0, coordinate.indexOf('.'))));
  const grants: AccessGrant[] = [];
  for (let i = 0; i < count; i++) {
    const ownsReader = i % 10 === 0;
    const pool = ownsReader ? unread : coordinates;
    const others = DEPARTMENTS.filter((dept) => dept !== reader.dept);
    grants.push({
      id: `G-BENCH-${i}`,
      applicationId: `AA-BENCH-${i}`,
      grantee: ownsReader ? reader.dept! : others[i % others.length],
      provider: 'population',
      coordinates: [pool[i % pool.length], pool[(i * 7 + 3) % pool.length]],
      purpose: ownsReader ? purpose : PURPOSES[i % PURPOSES.length],
      until,
      caseBound: i % 3 === 0,
      approvedBy: 'bench-officer',
      approvedAt: new Date().toISOString(),
    });
  }
  return grants;
}

/** Waits until the gateway and every department report grant `version` in force. */
export async function waitForGrants(gatewayUrl: string, subgraphUrls: Record<string, string>, version: number): Promise<void> {
  const healthUrls = [gatewayUrl, ...Object.values(subgraphUrls)].map((url) => url.replace(/\/graphql$/, '/health'));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const versions = await Promise.all(healthUrls.map(async (url) => ((await (await fetch(url)).json()) as { grantsVersion?: number }).grantsVersion));
    if (versions.every((v) => v === version)) return;
    if (Date.now() > deadline) throw new Error(`grants version ${version} did not reach every instance within 10 s (saw ${versions.join(', ')})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface GrantsBenchInput {
  dataDir: string;
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  query: BenchQuery;
  coordinates: readonly string[];
  /** The types the query reads (their fields get no grant to the bench reader). */
  typesRead: readonly string[];
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  rounds: number;
  load: Load;
}

/**
 * The review query through the policy-enforcing gateway with no grants in force and with
 * 1,000, in alternating rounds over the same stack: the throughput ratio is the cost of the
 * grant check. Leaves no grants in force.
 */
export async function benchGrants(input: GrantsBenchInput): Promise<{ rows: string[][]; ratio: number[] }> {
  const store = new FileGrantStore(path.join(input.dataDir, 'grants.json'));
  // The catalog's key, which `govgraph start` created in the stack's data directory: the stack puts in force only what it signs.
  const signingKey = loadOrCreateGrantSigningKey({ dir: path.join(input.dataDir, 'keys'), env: {}, create: false });
  const many = syntheticGrants(1000, input.coordinates, input.query.reader, input.query.purpose, input.typesRead);
  const body = JSON.stringify({ query: input.query.gateway, variables: input.variables });
  const rows: string[][] = [];
  const rates: Record<'none' | '1000', number[]> = { none: [], '1000': [] };
  try {
    for (let round = 0; round < input.rounds; round++) {
      const order: ('none' | '1000')[] = round % 2 === 0 ? ['none', '1000'] : ['1000', 'none'];
      for (const grants of order) {
        const snapshot = await store.publish(grants === 'none' ? [] : many, signingKey);
        await waitForGrants(input.gatewayUrl, input.subgraphUrls, snapshot.version);
        const result = await loadRun(input.gatewayUrl, body, input.headers, input.load, `${input.query.name} with ${grants} grants`);
        rates[grants].push(result.rate);
        rows.push([input.query.name, `${grants} grants`, String(round + 1), result.rate.toFixed(0), String(result.p50), String(result.p99)]);
      }
    }
  } finally {
    const snapshot = await store.publish([], signingKey);
    await waitForGrants(input.gatewayUrl, input.subgraphUrls, snapshot.version).catch(() => undefined);
    await store.close();
  }
  return { rows, ratio: rates['1000'].map((rate, i) => rate / rates.none[i]) };
}

/** `myAccess` for one reader, one connection at a time: its latency as a caller sees it. */
export async function benchMyAccess(gatewayUrl: string, headers: Record<string, string>, load: Load): Promise<string[]> {
  const body = JSON.stringify({ query: '{ myAccess { coordinate access applicable } }' });
  const check = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const answer = (await check.json()) as { data?: { myAccess: unknown[] } };
  const result = await loadRun(gatewayUrl, body, headers, { ...load, connections: 1 }, 'myAccess');
  return ['myAccess', `${answer.data?.myAccess.length ?? 0} fields`, result.rate.toFixed(0), String(result.p50), String(result.p99)];
}
