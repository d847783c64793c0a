import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Identity } from '../../policies';
import { PROJECT_ROOT, readSubgraphSources } from '../../schema/composition/composeSupergraph';
import { jwtSecretFile, loadOrCreateJwtSecret } from '../../gateway/authenticate/jwtSecret';
import { signUserToken } from '../../gateway/authenticate/signUserToken';
import { freePort } from '../support/freePort';
import { benchRateLimitEnv } from './benchRateLimitEnv';
import { median } from './median';

export interface AnalysisBenchInput {
  /** The seed's scale (50: 100,000 persons). */
  scale: number;
  /** Requests per figure, one after another, after the first. */
  requests: number;
}

export interface AnalysisFigure {
  /** Milliseconds of the first request (it pulls the departments' extracts). */
  first: number;
  /** Milliseconds, the median of the requests after the first. */
  p50: number;
}

export interface AnalysisBenchResult {
  service: AnalysisFigure;
  coverage: AnalysisFigure;
  /** Seconds from `govgraph start` to the gateway listening (seeding the first time at this scale). */
  startSeconds: number;
  rows: string[][];
}

const ANALYST: Identity = { sub: 'bench-analyst', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const SERVICE = `{ serviceStatistics(from: "2000-01", to: "2099-12", groupBy: [ITEM, MONTH]) { asOf groups { suppressed applications overdue meanRating } totalSuppressed } }`;
const COVERAGE = `{ licensedEnterpriseShare(kind: "FOOD_OPERATION_PERMIT") { asOf groups { suppressed enterprises licensed share } totalSuppressed } }`;

/**
 * The `analysis` section: a stack of its own at `scale` (`govgraph start`; the first run seeds
 * .data/bench-analysis-scale-N), then, as an analyst through the gateway, one request after
 * another: serviceStatistics grouped by [ITEM, MONTH] (services' extract) and
 * licensedEnterpriseShare (market's and licenses' extracts joined inside analysis). The first
 * request of each pulls the extracts; the p50 is of the requests after it.
 */
export async function benchAnalysis(input: AnalysisBenchInput): Promise<AnalysisBenchResult> {
  const dataDir = path.join(PROJECT_ROOT, '.data', `bench-analysis-scale-${input.scale}`);
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_SCALE: String(input.scale),
    GOVGRAPH_LOG_LEVEL: 'error',
    GOVGRAPH_PORT: String(port),
    GOVGRAPH_AUDIT_DIR: path.join(dataDir, 'audit'),
    ...benchRateLimitEnv([ANALYST]),
  };
  delete env.REDIS_URL;
  for (const source of readSubgraphSources()) env[`${source.name.toUpperCase()}_PORT`] = String(await freePort());
  console.log(`starting the stack for analysis at scale ${input.scale} (the first run seeds ${dataDir})…`);
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'govgraph.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      const timer = setTimeout(() => reject(new Error('the analysis stack did not start within 30 minutes')), 1_800_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/gateway\s+http/.test(seen)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`the analysis stack exited with code ${code}:\n${seen}`)));
    });
    const startSeconds = (performance.now() - started) / 1000;
    console.log(`stack up after ${startSeconds.toFixed(0)} s`);
    const secret = loadOrCreateJwtSecret({ file: jwtSecretFile(dataDir), env: {}, create: false });
    const token = await signUserToken(secret, ANALYST, { ttl: '2h' });
    const url = `http://127.0.0.1:${port}/graphql`;
    /** Milliseconds of one request; null when the gateway gave up waiting for analysis (it is still pulling the extracts). */
    const timed = async (query: string): Promise<number | null> => {
      const at = performance.now();
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-purpose': 'statistics' },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
      const ms = performance.now() - at;
      const reason = (body.errors?.[0] as { extensions?: { reason?: string } } | undefined)?.extensions?.reason;
      if (!body.data && reason === 'timeout') return null;
      if (!body.data || body.errors?.length) throw new Error(`the analysis bench got ${response.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
      return ms;
    };
    const figure = async (query: string): Promise<AnalysisFigure> => {
      // The first answer pulls the extracts: when that outlasts the gateway's wait for a department, ask again until it answers.
      const at = performance.now();
      while ((await timed(query)) === null) console.log('the gateway gave up waiting for analysis; asking again…');
      const first = performance.now() - at;
      const times: number[] = [];
      for (let i = 0; i < input.requests; i++) {
        const ms = await timed(query);
        if (ms === null) throw new Error('the analysis bench timed out after the first answer');
        times.push(ms);
      }
      return { first: Math.round(first), p50: Math.round(median(times)) };
    };
    const service = await figure(SERVICE);
    const coverage = await figure(COVERAGE);
    const rows = [
      [`stack start at scale ${input.scale}`, 'seconds (seeding on the first run)', startSeconds.toFixed(0)],
      ['serviceStatistics [ITEM, MONTH]', 'first answer (pulls the extract; asked again after a gateway timeout)', `${service.first} ms`],
      ['', `p50 of ${input.requests} after it`, `${service.p50} ms`],
      ['licensedEnterpriseShare (market × licenses)', 'first answer (pulls the extracts; asked again after a gateway timeout)', `${coverage.first} ms`],
      ['', `p50 of ${input.requests} after it`, `${coverage.p50} ms`],
    ];
    return { service, coverage, startSeconds, rows };
  } finally {
    child.kill('SIGINT');
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
  }
}
