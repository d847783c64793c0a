import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { loadPolicySet, POLICIES_DIR } from '../../policies';
import { PROJECT_ROOT, readSubgraphSources, SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { keysDir, loadOrCreateGatewayKeys, signGatewayToken } from '../../schema/contracts/gatewayToken';
import { jwtSecretFile, loadOrCreateJwtSecret } from '../../gateway/authenticate/jwtSecret';
import { signUserToken } from '../../gateway/authenticate/signUserToken';
import { numberOption, parseOptions, UsageError } from '../../cli/parseOptions';
import { freePort } from '../support/freePort';
import type { GoalId } from './benchGoals';
import { BENCH_QUERIES, SETUP_READER } from './benchQueries';
import { benchRateLimitEnv } from './benchRateLimitEnv';
import { SECTIONS, type Section } from './benchSections';
import { benchCache, RESPONSE_CACHE_ENV } from './cacheBench';
import { benchExchange } from './exchangeBench';
import { benchWriteBack } from './writeBackBench';
import { benchAnalysis } from './analysisBench';
import { benchGrants, benchMyAccess } from './grantsBench';
import { benchLimitStage } from './limitStageBench';
import { benchPublic, type PublicFigures } from './publicBench';
import { loadRun, type Load } from './loadRun';
import { machine } from './machine';
import { median } from './median';
import { processCpuSeconds } from './processCpuSeconds';
import { descendantProcesses } from '../support/descendantProcesses';
import type { GatewayBenchInput } from './GatewayBenchInput';
import { printGoals, type GoalMeasure } from './printGoals';
import { printTable } from './printTable';
import { benchProfile, printProfileReport, type ProfileReport } from './profileBench';

type Mode = 'policies on' | 'policies off';

/**
 * `npm run bench [-- --scale N --duration S --rounds R --connections C --quick --only LIST]`:
 * starts the whole stack as separate processes (as `npm start` does) over its own data
 * directory, and drives it with autocannon, in alternating rounds (this machine's speed
 * drifts over minutes, so only ratios of neighbouring runs compare):
 * - `queries`: every benchmark query through the gateway and straight at the owning subgraph,
 *   with the policies enforced and switched off (GOVGRAPH_POLICIES=off, a second stack);
 * - `grants`: the review query with no access grants in force and with 1,000;
 * - `stage2`: the review query through gateways with stage 2 (operation limits, rate limits,
 *   persisted queries) on and off, and sent as its persisted-query hash alone vs its text
 *   (`limitStageBench.ts`);
 * - `cache`: the review query repeated through gateways with the response cache on and off
 *   (`cacheBench.ts`); the stacks themselves run with it off, whatever the shell says;
 * - `exchange`: a person lookup from the declared hrss department (sql adapter) against a
 *   hand-written kit department over the same rows (`exchangeBench.ts`);
 * - `writeback`: completion-to-APPLIED latency at 50 completions/s (Redis Streams when REDIS_URL
 *   is set) and what write-backs cost `completeApplication` (`writeBackBench.ts`);
 * - `analysis`: on a stack of its own at scale 50 (`--scale` otherwise), as an analyst, p50 of
 *   serviceStatistics by [ITEM, MONTH] and of licensedEnterpriseShare (`analysisBench.ts`);
 * - `public`: govgraph's gateway against a vanilla Apollo Gateway over the public federation
 *   benchmark's graph, its own subgraphs and its query (`publicBench.ts`; 50 connections unless
 *   --connections says otherwise). `--public`: that section alone.
 * - `profile`: where a gateway's CPU goes for the review query, from V8's profiler, by category
 *   (`profileBench.ts`); `--profile` runs this section alone.
 * Every response must be HTTP 200 with the expected data, or the bench stops (`loadRun`): the
 * stacks run with the default limits, with rate budgets the bench readers cannot spend
 * (`benchRateLimitEnv`). `--quick`: 2 s runs (unless --duration says otherwise; the public
 * section's stay 5 s, its warm-up shortens) and fewer grant rounds; `--only stage2,grants`: those sections alone. Prints each figure with the machine, then
 * the goals table (`benchGoals.ts`): the figures this run measured, against their goals.
 */
export async function runBench(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    scale: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    quick: { type: 'boolean' },
    only: { type: 'string' },
    public: { type: 'boolean' },
    profile: { type: 'boolean' },
  });
  if (values.profile && values.only !== undefined) throw new UsageError('--profile is --only profile: give one of them');
  const quick = values.quick ?? false;
  const scale = numberOption(values.scale, 'scale', 10);
  const duration = numberOption(values.duration, 'duration', quick ? 2 : 5);
  const rounds = numberOption(values.rounds, 'rounds', 4);
  if (values.public && values.only !== undefined) throw new UsageError('--public runs the public section alone: give --public or --only, not both');
  if (values.public && values.profile) throw new UsageError('--public and --profile each run one section alone: give one of them');
  const sections = sectionsOf(values.public ? 'public' : values.profile ? 'profile' : values.only);
  const goals: Partial<Record<GoalId, GoalMeasure>> = {};
  if (sections.includes('public')) {
    // 5 s runs even with --quick (which shortens its warm-up): at 50 connections one of its 88 KB answers takes a second or more on two cores, so a 2 s run counts about one per connection, or none when other work shares the machine.
    const publicDuration = numberOption(values.duration, 'duration', 5);
    const figures = await benchPublic({ duration: publicDuration, rounds, connections: numberOption(values.connections, 'connections', 50), quick });
    Object.assign(goals, publicGoals(figures));
  }
  const connections = numberOption(values.connections, 'connections', 10);
  const load: Load = { duration, connections, tally: { responses: 0, runs: 0 } };
  const exchangeRows: string[][] = [];
  const exchangeSummary: string[][] = [];
  if (sections.includes('exchange')) {
    const exchange = await benchExchange({ scale, rounds, load });
    exchangeRows.push(...exchange.rows);
    exchangeSummary.push(...exchange.summary);
    goals.adapterShare = { value: exchange.ratio.median, rounds: exchange.ratio.rounds };
  }
  if (sections.includes('writeback')) {
    const writeBack = await benchWriteBack({ rounds, rate: 50, seconds: quick ? 4 : 10, perRound: quick ? 50 : 150 });
    printTable(['write-backs (' + (writeBack.transport === 'redis' ? 'Redis Streams' : 'embedded delivery') + ')', 'measure', 'value'], writeBack.rows);
    const cost = writeBack.cost;
    console.log(
      `completeApplication with write-backs / without: ${cost.median.toFixed(2)} (rounds ${Math.min(...cost.rounds).toFixed(2)}–${Math.max(...cost.rounds).toFixed(2)}): what the outbox rows, the signatures and the relay cost a completion`,
    );
    goals.writeBackP99 =
      writeBack.p99 === null
        ? { missing: 'no write-back was applied' }
        : { value: writeBack.p99, note: `p50 ${writeBack.p50} ms${writeBack.transport === 'redis' ? '' : '; embedded delivery, REDIS_URL was not set'}` };
  }
  if (sections.includes('analysis')) {
    // Scale 50 (100,000 persons) unless --scale says otherwise: the figures are of a city's worth of records.
    const analysis = await benchAnalysis({ scale: numberOption(values.scale, 'scale', 50), requests: quick ? 5 : 20 });
    console.log(`machine: ${machine()}`);
    printTable(['analysis (one request at a time)', 'measure', 'value'], analysis.rows);
    goals.analysisServiceP50 = { value: analysis.service.p50, note: `first ${analysis.service.first} ms` };
    goals.analysisCoverageP50 = { value: analysis.coverage.p50, note: `first ${analysis.coverage.first} ms` };
  }
  if (sections.every((section) => section === 'public' || section === 'exchange' || section === 'writeback' || section === 'analysis')) {
    if (exchangeRows.length) printExchange(exchangeRows, exchangeSummary);
    printGoals(goals, sections);
    return 0;
  }
  const dataDir = path.join(PROJECT_ROOT, '.data', `bench-scale-${scale}`);
  const secret = loadOrCreateJwtSecret({ file: jwtSecretFile(dataDir), env: process.env, create: true });
  const keys = await loadOrCreateGatewayKeys({ dir: keysDir(dataDir), create: true });
  // The stacks run embedded (files, memory) whatever the shell says; REDIS_URL only adds a stage-2 gateway that uses it.
  const { REDIS_URL: redisUrl, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    GOVGRAPH_DATA_DIR: dataDir,
    GOVGRAPH_LOG_LEVEL: 'error',
    // Every figure but the cache section's is of the work itself, not of answers served again: only that section switches the cache on.
    [RESPONSE_CACHE_ENV]: 'off',
    ...benchRateLimitEnv([SETUP_READER, ...BENCH_QUERIES.map((q) => q.reader)]),
  };
  const loadAtStart = os.loadavg()[0];

  console.log(
    `govgraph bench — scale ${scale}, ${rounds} alternating rounds of ${duration} s per target, ${connections} connections; ${sections.filter((section) => section !== 'public').join(', ')}`,
  );
  console.log(`machine: ${machine()}, load average ${loadAtStart.toFixed(1)}`);
  const stacks: Partial<Record<Mode, BenchStack>> = {};
  const rows: string[][] = [];
  const grantRows: string[][] = [];
  const myAccessRows: string[][] = [];
  const stageRows: string[][] = [];
  const cacheRows: string[][] = [];
  const summary: string[][] = [];
  let profile: ProfileReport | undefined;
  try {
    // Both stacks run side by side and the runs alternate (on, off, off, on, …).
    stacks['policies on'] = await startBenchStack(env, dataDir, 'policies on');
    if (sections.includes('queries')) stacks['policies off'] = await startBenchStack(env, dataDir, 'policies off');
    const on = stacks['policies on'];
    const setup = { authorization: `Bearer ${await signUserToken(secret, SETUP_READER, { ttl: '1h' })}` };
    const onOffByQuery: { name: string; value: number; rounds: number[] }[] = [];
    for (const query of sections.includes('queries') ? BENCH_QUERIES : []) {
      const variables = await query.variables(on.gatewayUrl, setup);
      const reader = { authorization: `Bearer ${await signUserToken(secret, query.reader, { ttl: '1h' })}`, 'x-purpose': query.purpose };
      const direct = {
        authorization: `Bearer ${await signGatewayToken(keys, query.owner, { identity: query.reader, purpose: query.purpose, requestId: 'bench', caseId: null }, 3600)}`,
      };
      const rates: Record<string, number[]> = {};
      const p50s: number[] = [];
      const cpus: Record<string, StackCpu[]> = {};
      for (let round = 0; round < rounds; round++) {
        const order: Mode[] = round % 2 === 0 ? ['policies on', 'policies off'] : ['policies off', 'policies on'];
        for (const mode of order) {
          const stack = stacks[mode]!;
          for (const target of ['gateway', 'direct'] as const) {
            const url = target === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls[query.owner];
            const document = target === 'gateway' ? query.gateway : query.direct;
            const result = await measure(stack, url, document, variables, target === 'gateway' ? reader : direct, `${query.name} ${target} (${mode})`, load);
            (rates[`${mode}|${target}`] ??= []).push(result.rate);
            if (mode === 'policies on' && target === 'gateway') p50s.push(result.p50);
            if (result.cpu) (cpus[`${mode}|${target}`] ??= []).push(result.cpu);
            rows.push([query.name, mode, target, String(round + 1), ...result.cells]);
          }
        }
      }
      const roundsOf = (a: string, b: string): number[] => rates[a].map((rate, i) => rate / rates[b][i]);
      const ratio = (a: string, b: string): number => median(roundsOf(a, b));
      const onOff = ratio('policies on|gateway', 'policies off|gateway');
      onOffByQuery.push({ name: query.name, value: onOff, rounds: roundsOf('policies on|gateway', 'policies off|gateway') });
      if (query.name === 'review') {
        const share = roundsOf('policies on|gateway', 'policies on|direct');
        goals.reviewShare = { value: median(share), rounds: share };
        goals.reviewP50 = connections === 10 ? { value: median(p50s), rounds: p50s } : { missing: `measured at ${connections} connections (--connections), the goal is at 10` };
        // One reader alone on the stack: the latency a caseworker sees when nothing else runs.
        const alone = await loadRun(on.gatewayUrl, JSON.stringify({ query: query.gateway, variables }), reader, { ...load, connections: 1 }, `${query.name} gateway, 1 connection`);
        goals.reviewP50Alone = { value: alone.p50, rounds: [alone.p50] };
        summary.push([
          query.name,
          'p50 through the gateway, 1 connection',
          `${alone.p50} ms`,
          `one reader alone (p99 ${alone.p99} ms, ${alone.rate.toFixed(0)} req/s): the latency itself, without queueing behind the other connections`,
        ]);
        const through = cpus['policies on|gateway'];
        const alongside = cpus['policies on|direct'];
        if (through?.length && alongside?.length) {
          const [gatewayMs, departmentsMs, directMs] = [
            median(through.map((c) => c.gateway)),
            median(through.map((c) => c.departments)),
            median(alongside.map((c) => c.departments)),
          ];
          summary.push([
            query.name,
            'departments CPU per request, direct / through the gateway',
            (directMs / departmentsMs).toFixed(2),
            `through the gateway: gateway ${gatewayMs.toFixed(1)} ms + departments ${departmentsMs.toFixed(1)} ms of CPU per request; direct: the services department ${directMs.toFixed(1)} ms. With the load generator on the same cores, gateway / direct cannot pass about this ratio even with a gateway that cost nothing`,
          ]);
        }
      }
      for (const mode of ['policies on', 'policies off'] as const) {
        const share = ratio(`${mode}|gateway`, `${mode}|direct`);
        summary.push([
          query.name,
          `gateway / direct, ${mode}`,
          share.toFixed(2),
          `through the gateway at ${(share * 100).toFixed(0)}% of the owning subgraph's own rate (planning, the other departments, merging)`,
        ]);
      }
      summary.push([query.name, 'policies on / off, gateway', onOff.toFixed(3), `policies cost ${((1 - onOff) * 100).toFixed(1)}% of throughput`]);
      const ownCheck = ratio('policies on|direct', 'policies off|direct');
      summary.push([
        query.name,
        'policies on / off, direct',
        ownCheck.toFixed(3),
        `the department's own policy check costs ${((1 - ownCheck) * 100).toFixed(1)}% of its throughput`,
      ]);
    }
    if (onOffByQuery.length) goals.policiesOnOff = policiesGoal(onOffByQuery);
    const review = BENCH_QUERIES.find((q) => q.name === 'review')!;
    const readerHeaders = { authorization: `Bearer ${await signUserToken(secret, review.reader, { ttl: '1h' })}`, 'x-purpose': review.purpose };
    const reviewVariables = await review.variables(on.gatewayUrl, setup);
    // The review query, as the sections that start gateways of their own over the policy-enforcing stack's departments send it.
    const reviewRun: GatewayBenchInput = {
      env,
      dataDir,
      subgraphUrls: on.subgraphUrls,
      name: review.name,
      query: review.gateway,
      variables: reviewVariables,
      headers: readerHeaders,
      load,
    };
    if (sections.includes('grants')) {
      // The grant check: the review query with no grants in force, then 1,000, alternating.
      const coordinates = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') })
        .catalog()
        .map((entry) => entry.coordinate);
      const grants = await benchGrants({
        dataDir,
        gatewayUrl: on.gatewayUrl,
        subgraphUrls: on.subgraphUrls,
        query: review,
        coordinates,
        typesRead: ['Query', 'Application', 'ServiceItem', 'ApplicationEvent', 'Person', 'License', 'Enterprise'],
        variables: reviewVariables,
        headers: readerHeaders,
        // More rounds than the rest: the difference sought is small and the machine drifts.
        rounds: quick ? Math.max(rounds, 4) : Math.max(rounds * 2, 8),
        load,
      });
      grantRows.push(...grants.rows);
      const withGrants = median(grants.ratio);
      summary.push(['review', '1,000 grants / no grants, gateway', withGrants.toFixed(3), `the grant check costs ${((1 - withGrants) * 100).toFixed(1)}% of throughput`]);
      myAccessRows.push(await benchMyAccess(on.gatewayUrl, readerHeaders, load));
    }
    if (sections.includes('stage2')) {
      const stage = await benchLimitStage({
        ...reviewRun,
        // At least 4: the difference sought is a few per cent.
        rounds: Math.max(rounds, 4),
        redisUrl,
      });
      stageRows.push(...stage.rows);
      summary.push(...stage.summary);
    }
    if (sections.includes('cache')) {
      const cache = await benchCache({ ...reviewRun, rounds });
      cacheRows.push(...cache.rows);
      summary.push(...cache.summary);
      goals.cacheOnOff = { value: cache.ratio.median, rounds: cache.ratio.rounds };
    }
    if (sections.includes('profile')) {
      profile = await benchProfile(reviewRun);
    }
  } finally {
    // autocannon stops with requests in flight: let them finish before the gateways close their ledgers.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await Promise.all(Object.values(stacks).map((stack) => stack.stop()));
  }
  if (rows.length)
    printTable(['query', 'policies', 'target', 'round', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU ms/req', 'departments CPU ms/req', 'SQL statements per request'], rows);
  if (grantRows.length) printTable(['query', 'grants in force (policies on, gateway)', 'round', 'req/s', 'p50 ms', 'p99 ms'], grantRows);
  if (myAccessRows.length) printTable(['query', 'answer', 'req/s (1 connection)', 'p50 ms', 'p99 ms'], myAccessRows);
  if (stageRows.length) printTable(['query', 'stage 2 (policies on, gateway)', 'sent as', 'round', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU µs per request'], stageRows);
  if (cacheRows.length) printTable(['query', 'response cache (policies on, gateway)', 'round', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU µs per request'], cacheRows);
  if (exchangeRows.length) printExchange(exchangeRows, []);
  console.log(`
Figures — ${machine()}; load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end.`);
  console.log(
    'Ratios compare neighbouring runs within this run. With other work on the machine (a load average near or above its cores) they wander from round to round, by tens of per cent when it is well above: read them with their range, and the CPU per request beside.',
  );
  summary.push(...exchangeSummary);
  if (summary.length) printTable(['query', 'ratio (median of rounds)', 'value', 'what it means'], summary);
  if (profile) printProfileReport(profile);
  console.log(`
Every response measured was HTTP 200 with the expected data: ${load.tally.responses.toLocaleString('en')} responses in ${load.tally.runs} runs.`);
  printGoals(goals, sections);
  return 0;
}

/** The exchange section's runs, and its ratio when no other section prints the summary. */
function printExchange(rows: string[][], summary: string[][]): void {
  printTable(['query', 'hrss department (straight at it)', 'round', 'req/s', 'p50 ms', 'p99 ms', 'department CPU ms per request'], rows);
  if (summary.length) printTable(['query', 'ratio (median of rounds)', 'value', 'what it means'], summary);
}

/** The public section's two ratios as goals, or why one is missing. */
function publicGoals(figures: PublicFigures): Partial<Record<GoalId, GoalMeasure>> {
  const of = (ratios: PublicFigures['throughput'], missing: string): GoalMeasure => (ratios ? { value: ratios.median, rounds: ratios.rounds } : { missing });
  return {
    publicThroughput: of(figures.throughput, 'no round had both gateways measured'),
    publicCpu: of(figures.gatewayCpu, 'no gateway CPU time (it is read from /proc, which this system does not have)'),
  };
}

/** Policies on / off at the gateway must hold for every query: the goal takes the lowest query's, and names each. */
function policiesGoal(queries: readonly { name: string; value: number; rounds: number[] }[]): GoalMeasure {
  const lowest = queries.reduce((low, query) => (query.value < low.value ? query : low));
  const each = queries.map((query) => `${query.name} ${query.value.toFixed(2)}`).join(', ');
  return { value: lowest.value, rounds: lowest.rounds, note: `the lowest query's; ${each}` };
}

function sectionsOf(only: string | undefined): Section[] {
  if (only === undefined) return [...SECTIONS];
  const named = only.split(',').map((s) => s.trim());
  const unknown = named.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`--only takes ${SECTIONS.join(', ')}; unknown: ${unknown.join(', ')}`);
  return named as Section[];
}

interface BenchStack {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  /** CPU seconds used so far by the gateway (the `govgraph start` process) and by its departments (the processes it forked); null without /proc. */
  cpuSeconds(): { gateway: number; departments: number } | null;
  stop(): Promise<void>;
}

async function startBenchStack(base: NodeJS.ProcessEnv, dataDir: string, mode: Mode): Promise<BenchStack> {
  const env: NodeJS.ProcessEnv = { ...base, GOVGRAPH_PORT: String(await freePort()) };
  if (mode === 'policies off') env.GOVGRAPH_POLICIES = 'off';
  // One gateway per audit directory: each stack keeps its own ledger.
  env.GOVGRAPH_AUDIT_DIR = path.join(dataDir, mode === 'policies on' ? 'audit-on' : 'audit-off');
  const subgraphUrls: Record<string, string> = {};
  for (const source of readSubgraphSources()) {
    const port = await freePort();
    env[`${source.name.toUpperCase()}_PORT`] = String(port);
    subgraphUrls[source.name] = `http://127.0.0.1:${port}/graphql`;
  }
  console.log(`starting the stack, ${mode} (the first run at this scale seeds ${dataDir})…`);
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'bin', 'govgraph.js'), 'start'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await waitForOutput(child, /gateway\s+http/, 600_000);
  return {
    gatewayUrl: `http://127.0.0.1:${env.GOVGRAPH_PORT}/graphql`,
    subgraphUrls,
    cpuSeconds() {
      const gateway = processCpuSeconds(child.pid!);
      if (gateway === null) return null;
      const departments = descendantProcesses(child.pid!).reduce((sum, { pid }) => sum + (processCpuSeconds(pid) ?? 0), 0);
      return { gateway, departments };
    },
    async stop() {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function measure(
  stack: BenchStack,
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
  label: string,
  load: Load,
): Promise<{ rate: number; p50: number; cpu: StackCpu | null; cells: string[] }> {
  const body = JSON.stringify({ query, variables });
  const before = await statementCounts(stack.subgraphUrls);
  const cpuBefore = stack.cpuSeconds();
  const result = await loadRun(url, body, headers, load, label);
  const cpuAfter = stack.cpuSeconds();
  const after = await statementCounts(stack.subgraphUrls);
  // Less the one request `loadRun` sends before the run to learn the expected answer.
  const requests = result.requests + 1;
  const cpu =
    cpuBefore && cpuAfter
      ? { gateway: ((cpuAfter.gateway - cpuBefore.gateway) * 1000) / requests, departments: ((cpuAfter.departments - cpuBefore.departments) * 1000) / requests }
      : null;
  const statements = Object.keys(after)
    .map((name) => `${name} ${((after[name] - before[name]) / requests).toFixed(1)}`)
    .filter((cell) => !cell.endsWith(' 0.0'))
    .join(', ');
  const cpuCells = cpu ? [cpu.gateway.toFixed(1), cpu.departments.toFixed(1)] : ['-', '-'];
  return { rate: result.rate, p50: result.p50, cpu, cells: [result.rate.toFixed(0), String(result.p50), String(result.p99), ...cpuCells, statements] };
}

/** CPU milliseconds per request, of the gateway's process and of the departments' together. */
interface StackCpu {
  gateway: number;
  departments: number;
}

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the stack did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the stack exited with code ${code}:\n${seen}`)));
  });
}

async function statementCounts(subgraphUrls: Record<string, string>): Promise<Record<string, number>> {
  const entries = await Promise.all(
    Object.entries(subgraphUrls).map(async ([name, url]) => {
      const health = (await (await fetch(url.replace(/\/graphql$/, '/health'))).json()) as { sqlStatements: number };
      return [name, health.sqlStatements] as const;
    }),
  );
  return Object.fromEntries(entries);
}
