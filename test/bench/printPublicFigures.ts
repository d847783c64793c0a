import { median } from './median';
import { perRoundRatios } from './perRoundRatios';
import { printTable } from './printTable';
import { PUBLIC_TARGETS, type PublicRun, type PublicTarget } from './publicRun';

/**
 * The public section's figures: every run; per gateway the medians over the rounds of its
 * throughput, latency and CPU per request; then govgraph / vanilla for throughput and for the
 * gateway's CPU per request, as the median of the per-round ratios (each round's two runs are
 * neighbours) with their range.
 */
export function printPublicFigures(runs: readonly PublicRun[]): void {
  printTable(
    ['gateway', 'round', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU ms/request', 'subgraphs CPU ms/request'],
    runs.map((run) => [run.target, String(run.round), run.rate.toFixed(0), String(run.p50), String(run.p99), ms(run.gatewayCpuMs), ms(run.subgraphsCpuMs)]),
  );
  const of = (target: PublicTarget): PublicRun[] => runs.filter((run) => run.target === target);
  const medianOf = (target: PublicTarget, value: (run: PublicRun) => number | null): number | null => {
    const values = of(target)
      .map(value)
      .filter((v): v is number => v !== null);
    return values.length ? median(values) : null;
  };
  printTable(
    ['gateway (medians of the rounds)', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU ms/request', 'subgraphs CPU ms/request'],
    PUBLIC_TARGETS.map((target) => [
      target,
      medianOf(target, (run) => run.rate)!.toFixed(0),
      String(medianOf(target, (run) => run.p50)),
      String(medianOf(target, (run) => run.p99)),
      ms(medianOf(target, (run) => run.gatewayCpuMs)),
      ms(medianOf(target, (run) => run.subgraphsCpuMs)),
    ]),
  );
  const rows: string[][] = [];
  const throughput = perRoundRatios(runs, (run) => run.rate);
  if (throughput) {
    rows.push([
      'throughput',
      throughput.median.toFixed(2),
      throughput.range,
      `govgraph's gateway serves ${percent(throughput.median)} of vanilla Apollo Gateway's requests per second (${inRounds(throughput.rounds, 'fewer', 'more')})`,
    ]);
  }
  const cpu = perRoundRatios(runs, (run) => run.gatewayCpuMs);
  if (cpu) {
    rows.push([
      'gateway CPU per request',
      cpu.median.toFixed(2),
      cpu.range,
      `govgraph's gateway process spends ${cpu.median.toFixed(2)}× vanilla's CPU time on each request, ${ms(medianOf('vanilla', (run) => run.gatewayCpuMs))} → ${ms(medianOf('govgraph', (run) => run.gatewayCpuMs))} ms (${inRounds(cpu.rounds, 'less', 'more')})`,
    ]);
  }
  printTable(['govgraph / vanilla', 'median of rounds', 'rounds', 'what it means'], rows);
}

/** Whether govgraph / vanilla is below 1 in every round, above in every round, or on both sides: a claim no stronger than the noise allows. */
function inRounds(ratios: readonly number[], below: string, above: string): string {
  if (ratios.every((ratio) => ratio < 1)) return `${below} in every round`;
  if (ratios.every((ratio) => ratio > 1)) return `${above} in every round`;
  return 'rounds on both sides of 1: this run does not tell the two apart';
}

const ms = (value: number | null): string => (value === null ? '' : value.toFixed(2));
const percent = (ratio: number): string => `${(ratio * 100).toFixed(0)}%`;
