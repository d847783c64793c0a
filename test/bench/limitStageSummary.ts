import type { LimitStage } from './limitStageEnv';
import { median } from './median';

/** Per kind of run (`<stage>|text`, `<stage>|hash`), one value per round. */
export interface LimitStageMeasures {
  /** Requests per second. */
  rates: Map<string, number[]>;
  /** The gateway's CPU µs per request (empty without /proc). */
  cpu: Map<string, number[]>;
}

/**
 * The stage-2 figures as summary rows (query, figure, value, what it means): for each gateway
 * with stage 2 on, its throughput against `off` and persisted against plain requests — the
 * median of the per-round ratios, their range, the goal, and the CPU per request beside — and
 * the per-request limit checks that `off` does too. `sizes`: that check's time and the two request bodies' sizes.
 */
export function limitStageSummary(
  name: string,
  stages: readonly LimitStage[],
  { rates, cpu }: LimitStageMeasures,
  sizes: { limitCheckMicros: number; textBytes: number; hashBytes: number },
): string[][] {
  const { limitCheckMicros, textBytes, hashBytes } = sizes;
  const summary: string[][] = [];
  const on = stages.filter((stage) => stage !== 'off');
  for (const stage of on) {
    const cost = ratioOf(rates, `${stage}|text`, 'off|text');
    const where = stage === 'on, Redis' ? ' (counters and queries in Redis)' : '';
    const verdict =
      cost.median >= 1 ? `no measurable cost (${signed((cost.median - 1) * 100)}% with stage 2 on: noise)` : `cost ${((1 - cost.median) * 100).toFixed(1)}% of throughput`;
    const goal = verdictOf(cost.rounds, (ratio) => ratio >= 0.95);
    summary.push([
      name,
      `stage 2 ${stage} / off, gateway`,
      cost.median.toFixed(3),
      `limits, rate limits and persisted queries${where}: ${verdict} (goal ≤ 5%: ${goal})${cpuOf(cpu, `${stage}|text`, 'off|text')}`,
    ]);
  }
  for (const stage of on) {
    const gain = ratioOf(rates, `${stage}|hash`, `${stage}|text`);
    const goal = verdictOf(gain.rounds, (ratio) => ratio > 1);
    summary.push([
      name,
      `persisted / plain, stage 2 ${stage}`,
      gain.median.toFixed(3),
      `the APQ hash alone (a ${hashBytes}-byte body instead of ${textBytes}) runs at ${gain.median.toFixed(2)}× the full text's throughput (goal: faster: ${goal})${cpuOf(cpu, `${stage}|hash`, `${stage}|text`)}`,
    ]);
  }
  const onCpu = cpu.get('on|text');
  const share = onCpu ? `: ${((limitCheckMicros / median(onCpu)) * 100).toFixed(1)}% of the gateway's CPU per request` : '';
  summary.push([
    name,
    'limit checks per request, in process',
    `${limitCheckMicros.toFixed(0)} µs`,
    `done by \`off\` too (its limits are only raised), so not in the ratios above${share}`,
  ]);
  return summary;
}

const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

/** The per-round ratios a / b (each round's runs are neighbours) and their median. */
function ratioOf(of: Map<string, number[]>, a: string, b: string): { median: number; rounds: number[] } {
  const [x, y] = [of.get(a)!, of.get(b)!];
  const rounds = x.map((value, i) => value / y[i]);
  return { median: median(rounds), rounds };
}

/** Whether a goal is met in every round, in none, or only in the median: a claim no stronger than the noise allows. */
function verdictOf(rounds: number[], meets: (ratio: number) => boolean): string {
  const range = `rounds ${Math.min(...rounds).toFixed(2)}–${Math.max(...rounds).toFixed(2)}`;
  if (rounds.every(meets)) return `met in every round, ${range}`;
  if (!rounds.some(meets)) return `MISSED in every round, ${range}`;
  return `${meets(median(rounds)) ? 'met' : 'MISSED'} in the median, not in every round: ${range}, too wide to decide by throughput`;
}

/** The gateway's CPU time per request, b then a (medians over the rounds), where /proc gives it. */
function cpuOf(of: Map<string, number[]>, a: string, b: string): string {
  const [x, y] = [of.get(a), of.get(b)];
  if (!x?.length || !y?.length) return '';
  const [after, before] = [median(x), median(y)];
  return `; gateway CPU per request ${before.toFixed(0)} → ${after.toFixed(0)} µs (${signed((after / before - 1) * 100)}%)`;
}
