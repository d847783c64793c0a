import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../../schema/composition/composeSupergraph';
import { GATEWAY_CPU_CATEGORIES } from './gatewayCpuCategories';
import { loadRun, type Load, type LoadResult } from './loadRun';
import { printTable } from './printTable';
import { processCpuSeconds } from './processCpuSeconds';
import { startBenchGateway } from './startBenchGateway';
import { OTHER, summarizeCpuProfile, type CpuProfile, type CpuProfileSummary, type FunctionTime } from './summarizeCpuProfile';
import type { GatewayBenchInput } from './GatewayBenchInput';

export type ProfileBenchInput = GatewayBenchInput;

export interface ProfileReport {
  name: string;
  load: Load;
  run: LoadResult;
  /** Requests the gateway answered during the profiled run (autocannon's, and the one `loadRun` sends first). */
  requests: number;
  /** The gateway process's CPU time (user + system, every thread, from /proc) over the run; null without /proc. */
  cpuMillis: number | null;
  summary: CpuProfileSummary;
  /** Whether only the run's samples count; false when the profile's clock is not this process's, and the whole profile (start-up too) counts. */
  windowed: boolean;
  /** The one-minute load average just before and just after the run. */
  loadAverage: { start: number; end: number };
  file: string;
}

/**
 * Where the gateway's CPU goes for one query: a gateway of its own over the running departments,
 * started with V8's sampling profiler on (`node --cpu-prof`, one sample per millisecond), warmed
 * up with one run of the query, then driven for one more run. The gateway is then stopped as
 * usual, which writes the profile; only the samples taken during the measured run count (V8 and
 * this process read the same monotonic clock), summarized by `GATEWAY_CPU_CATEGORIES`. The
 * profile stays on disk, for DevTools' call tree.
 */
export async function benchProfile(input: ProfileBenchInput): Promise<ProfileReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-cpu-profile-'));
  const env = { ...input.env, GOVGRAPH_AUDIT_DIR: path.join(input.dataDir, 'audit-profile') };
  const body = JSON.stringify({ query: input.query, variables: input.variables });
  console.log(`starting a gateway under the CPU profiler (profile in ${dir})…`);
  const gateway = await startBenchGateway(env, input.subgraphUrls, 'profiled', ['--cpu-prof', '--cpu-prof-dir', dir]);
  let measured: { run: LoadResult; from: number; to: number; cpuMillis: number | null; loadAverage: { start: number; end: number } };
  try {
    // A fresh process runs cold until the JIT has compiled its paths: the profile would show the compiler.
    await loadRun(gateway.url, body, input.headers, input.load, `${input.name} warm-up, profiled gateway`);
    const loadAtStart = os.loadavg()[0];
    const from = monotonicMicros();
    const cpuBefore = processCpuSeconds(gateway.pid);
    const run = await loadRun(gateway.url, body, input.headers, input.load, `${input.name} profiled gateway`);
    const cpuAfter = processCpuSeconds(gateway.pid);
    const to = monotonicMicros();
    const cpuMillis = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) * 1000;
    measured = { run, from, to, cpuMillis, loadAverage: { start: loadAtStart, end: os.loadavg()[0] } };
  } finally {
    // autocannon stops with requests in flight: let them finish before the gateway closes its ledger.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await gateway.stop();
  }

  const written = fs.readdirSync(dir).filter((name) => name.endsWith('.cpuprofile') && name.includes(`.${gateway.pid}.`));
  if (written.length !== 1) throw new Error(`the profiled gateway (pid ${gateway.pid}) left ${written.length} profiles in ${dir}, not one`);
  const file = path.join(dir, written[0]);
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const windowed = measured.from >= profile.startTime && measured.to <= profile.endTime;
  const summary = summarizeCpuProfile(profile, GATEWAY_CPU_CATEGORIES, windowed ? { window: { from: measured.from, to: measured.to } } : {});
  return {
    name: input.name,
    load: input.load,
    run: measured.run,
    requests: measured.run.requests + 1,
    cpuMillis: measured.cpuMillis,
    summary,
    windowed,
    loadAverage: measured.loadAverage,
    file,
  };
}

export function printProfileReport(report: ProfileReport): void {
  const { summary, requests } = report;
  const ms = (micros: number): string => (micros / 1000).toFixed(0);
  const perRequest = (micros: number): string => (micros / 1000 / requests).toFixed(3);
  const share = (micros: number): string => `${((micros / summary.busyMicros) * 100).toFixed(1)}%`;
  const rows = [...summary.categories]
    .sort((a, b) => Number(a.idle) - Number(b.idle) || b.micros - a.micros)
    .map((category) => {
      const most = category.top[0];
      return [
        category.name,
        ms(category.micros),
        category.idle ? '—' : share(category.micros),
        perRequest(category.micros),
        most ? `${functionOf(most)}: ${ms(most.micros)} ms` : '',
      ];
    });
  rows.push(['all but idle', ms(summary.busyMicros), '100.0%', perRequest(summary.busyMicros), '']);
  printTable([`${report.name}: gateway CPU by category`, 'ms', 'share of non-idle CPU', 'ms per request', 'most self time in it'], rows);
  const other = summary.categories.find((category) => category.name === OTHER)?.top ?? [];
  if (other.length)
    printTable(
      ['in `other`: function (self time)', 'ms', 'share of non-idle CPU'],
      other.map((fn) => [functionOf(fn), ms(fn.micros), share(fn.micros)]),
    );

  const cores = os.cpus().length;
  const cpu = report.cpuMillis === null ? 'unknown (no /proc)' : `${(report.cpuMillis / requests).toFixed(3)} ms`;
  const crowded = Math.max(report.loadAverage.start, report.loadAverage.end) >= cores;
  console.log(`
${report.name} through the profiled gateway, ${report.load.duration} s at ${report.load.connections} connections after a warm-up run: ${report.run.rate.toFixed(0)} req/s, p50 ${report.run.p50} ms, p99 ${report.run.p99} ms; load average ${report.loadAverage.start.toFixed(1)} before it, ${report.loadAverage.end.toFixed(1)} after, on ${cores} cores.
Gateway CPU per request: ${cpu} (the process, every thread, from /proc); the profile's non-idle samples: ${perRequest(summary.busyMicros)} ms (the main thread). ${summary.samples.toLocaleString('en')} samples${
    report.windowed ? ' taken during the run' : ", the whole profile: its clock is not this process's, so start-up and warm-up count too"
  }.
V8 samples by the clock: a sample lasts until the next, whether the thread ran or waited for a core, so waiting counts for the frame that waited (a write to a department's socket that wakes that department on a busy core counts its turn too).${
    crowded ? ' The load average reached the cores: read the shares, not the milliseconds, and expect socket writes and GC to look dearer than they are.' : ''
  }
Profile (its call tree in Chrome DevTools' Performance panel, or speedscope): ${report.file}`);
}

/**
 * A function and where it is, short: the path inside the project or a package, Node's module
 * name, or (native). The project's TypeScript runs as tsx compiled it, whose lines are not the
 * source's: its files go without a line.
 */
function functionOf(fn: FunctionTime): string {
  const where = !fn.url ? '(native)' : fn.url.endsWith('.ts') ? shortUrl(fn.url) : `${shortUrl(fn.url)}:${fn.line}`;
  return `${fn.functionName || '(anonymous)'} ${where}`;
}

function shortUrl(url: string): string {
  const inPackage = url.lastIndexOf('/node_modules/');
  if (inPackage !== -1) return url.slice(inPackage + '/node_modules/'.length);
  const root = `${pathToFileURL(PROJECT_ROOT).href}/`;
  return url.startsWith(root) ? url.slice(root.length) : url;
}

/** CLOCK_MONOTONIC in microseconds, the clock V8 stamps its samples with. */
function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}
