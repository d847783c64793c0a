import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Identity } from '../../policies';
import { PROJECT_ROOT, readSubgraphSources } from '../../schema/composition/composeSupergraph';
import { jwtSecretFile, loadOrCreateJwtSecret } from '../../gateway/authenticate/jwtSecret';
import { signUserToken } from '../../gateway/authenticate/signUserToken';
import { freePort } from '../support/freePort';
import { benchRateLimitEnv } from './benchRateLimitEnv';
import { median } from './median';

export interface WriteBackBenchInput {
  rounds: number;
  /** Completions per second in the latency run, and how long it lasts. */
  rate: number;
  seconds: number;
  /** Completions per target and round in the cost runs. */
  perRound: number;
}

export interface WriteBackBenchResult {
  /** Completion to APPLIED, milliseconds; null when no write-back was applied. */
  p50: number | null;
  p99: number | null;
  /** Per round: completions per second with write-backs / without. */
  cost: { median: number; rounds: number[] };
  rows: string[][];
  transport: 'redis' | 'http';
}

const CASEWORKER: Identity = { sub: 'bench-counter', roles: ['caseworker'], dept: 'services', clearance: 2 };
const REVIEWER: Identity = { sub: 'bench-reviewer', roles: ['reviewer'], dept: 'services', clearance: 3 };
const OFFICER: Identity = { sub: 'bench-officer', roles: ['officer', 'caseworker'], dept: 'population', clearance: 4 };
const SERVICES_OFFICER: Identity = { sub: 'bench-services-officer', roles: ['officer'], dept: 'services', clearance: 4 };
/** The services department checks each applicant through the graph with the service token `govgraph start` gives it. */
const SERVICES_ACCOUNT: Identity = { sub: 'department:services', roles: ['caseworker'], dept: 'services', clearance: 2 };

/** Items whose completion writes back (a household address to population, a marriage certificate to licenses), and one whose does not. */
const WRITING_ITEMS = [
  { code: 'SI-0026', details: [{ name: 'newAddress', value: '上海市浦东新区世纪大道100号' }] },
  { code: 'SI-0030', details: [] },
];
const SILENT_ITEM = { code: 'SI-0029', details: [] };

type Post = <T>(identity: Identity, query: string, variables?: Record<string, unknown>) => Promise<T>;

/**
 * The `writeback` section: a stack of its own (`govgraph start`, with Redis when REDIS_URL is
 * set, under a prefix of this run), its applications approved beforehand through the graph;
 * then (1) completions at `rate` per second for `seconds`, open loop, each timed from the
 * COMPLETE step to the moment the service platform records the owning department's APPLIED
 * outcome (what the applicant sees); (2) in alternating rounds, completions back to back (10
 * at a time) of items that write back and of an item that does not: what the outbox, the
 * signature and the relay cost `completeApplication`.
 */
export async function benchWriteBack(input: WriteBackBenchInput): Promise<WriteBackBenchResult> {
  const dataDir = path.join(PROJECT_ROOT, '.data', 'bench-writeback');
  const redisUrl = process.env.REDIS_URL;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_SCALE: '1',
    GOVGRAPH_LOG_LEVEL: 'error',
    GOVGRAPH_PORT: String(port),
    GOVGRAPH_AUDIT_DIR: path.join(dataDir, 'audit'),
    ...(redisUrl && { REDIS_URL: redisUrl, GOVGRAPH_REDIS_PREFIX: `bench-writeback-${process.pid}-${Date.now()}:` }),
    ...benchRateLimitEnv([CASEWORKER, REVIEWER, OFFICER, SERVICES_OFFICER, SERVICES_ACCOUNT]),
  };
  for (const source of readSubgraphSources()) env[`${source.name.toUpperCase()}_PORT`] = String(await freePort());
  console.log(`starting the stack for write-backs (${redisUrl ? 'Redis Streams' : 'embedded delivery: REDIS_URL is not set'}; the first run seeds ${dataDir})…`);
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'govgraph.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error('the write-back stack did not start within 10 minutes')), 600_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/gateway\s+http/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`the write-back stack exited with code ${code}:\n${seen}`)));
    });
    const secret = loadOrCreateJwtSecret({ file: jwtSecretFile(dataDir), env: {}, create: false });
    const url = `http://127.0.0.1:${port}/graphql`;
    const tokens = new Map<string, string>();
    const post: Post = async <T>(identity: Identity, query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      if (!tokens.has(identity.sub)) tokens.set(identity.sub, await signUserToken(secret, identity, { ttl: '2h' }));
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(identity.sub)}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
      if (!body.data || body.errors?.length) throw new Error(`the write-back bench got ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
      return body.data;
    };
    const people = await post<{ people: { edges: { node: { idNumber: string } }[] } }>(OFFICER, '{ people(first: 100) { edges { node { idNumber } } } }');
    const applicants = people.people.edges.map((edge) => edge.node.idNumber);

    const latencyCount = input.rate * input.seconds;
    console.log(`approving ${latencyCount + input.rounds * input.perRound * 2} applications through the graph…`);
    const forLatency = await approved(post, applicants, latencyCount, (i) => WRITING_ITEMS[i % WRITING_ITEMS.length]);
    const latency = await completionLatency(post, forLatency, input.rate);
    const rows: string[][] = [
      [`completion → APPLIED, ${input.rate}/s for ${input.seconds} s`, 'p50', latency.p50 === null ? '-' : `${latency.p50} ms`],
      ['', 'p99', latency.p99 === null ? '-' : `${latency.p99} ms`],
      ['', 'applied / write-backs', `${latency.applied} / ${latency.total}`],
    ];
    const ratios: number[] = [];
    for (let round = 1; round <= input.rounds; round++) {
      const writing = await approved(post, applicants, input.perRound, (i) => WRITING_ITEMS[i % WRITING_ITEMS.length]);
      const silent = await approved(post, applicants, input.perRound, () => SILENT_ITEM);
      const on = await completionRate(post, writing);
      const off = await completionRate(post, silent);
      ratios.push(on / off);
      rows.push([`completeApplication, round ${round}`, 'with / without write-back', `${on.toFixed(0)} / ${off.toFixed(0)} per s = ${(on / off).toFixed(2)}`]);
    }
    return { p50: latency.p50, p99: latency.p99, cost: { median: median(ratios), rounds: ratios }, rows, transport: redisUrl ? 'redis' : 'http' };
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

/** Applications submitted, accepted and approved through the graph, 8 at a time: ready to complete. */
async function approved(post: Post, applicants: string[], count: number, itemOf: (i: number) => { code: string; details: { name: string; value: string }[] }): Promise<string[]> {
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const item = itemOf(i);
      const submitted = await post<{ submitApplication: { id: string } }>(CASEWORKER, 'mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
        input: { itemCode: item.code, applicantIdNumber: applicants[i % applicants.length], details: item.details },
      });
      const id = submitted.submitApplication.id;
      await post(CASEWORKER, 'mutation($id: ID!) { acceptApplication(id: $id) { id } }', { id });
      await post(REVIEWER, 'mutation($id: ID!) { decideApplication(id: $id, approve: true) { id } }', { id });
      ids[i] = id;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return ids;
}

const COMPLETE = 'mutation($id: ID!) { completeApplication(id: $id) { id } }';

/** Completes one application every 1/rate s whatever the answers, then waits for every write-back to settle. */
async function completionLatency(post: Post, ids: string[], rate: number): Promise<{ p50: number | null; p99: number | null; applied: number; total: number }> {
  const started = Date.now();
  await Promise.all(
    ids.map(async (id, i) => {
      const due = started + (i * 1000) / rate;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      await post(CASEWORKER, COMPLETE, { id });
    }),
  );
  type Seen = { events: { stage: string; at: string }[]; writeBacks: { state: string; at: string }[] };
  const latencies: number[] = [];
  let applied = 0;
  let total = 0;
  const deadline = Date.now() + 120_000;
  for (let i = 0; i < ids.length; i += 20) {
    const batch = ids.slice(i, i + 20);
    const query = `{ ${batch.map((id, j) => `a${j}: application(id: ${JSON.stringify(id)}) { events { stage at } writeBacks { state at } }`).join(' ')} }`;
    for (;;) {
      const seen = await post<Record<string, Seen>>(SERVICES_OFFICER, query);
      const settled = Object.values(seen).every((a) => a.writeBacks.every((w) => w.state !== 'PENDING'));
      if (settled || Date.now() > deadline) {
        for (const application of Object.values(seen)) {
          const completed = Date.parse(application.events.find((e) => e.stage === 'COMPLETE')!.at);
          for (const writeBack of application.writeBacks) {
            total++;
            if (writeBack.state !== 'APPLIED') continue;
            applied++;
            latencies.push(Date.parse(writeBack.at) - completed);
          }
        }
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] : null);
  return { p50: at(0.5), p99: at(0.99), applied, total };
}

/** Completions per second, 10 at a time. */
async function completionRate(post: Post, ids: string[]): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      for (let i = next++; i < ids.length; i = next++) await post(CASEWORKER, COMPLETE, { id: ids[i] });
    }),
  );
  return ids.length / (Number(process.hrtime.bigint() - started) / 1e9);
}
