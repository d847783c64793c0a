import { isScalar, type Node } from 'yaml';
import { NOISE_MECHANISMS, type StatisticsModel } from './model';
import type { YamlReader } from './YamlReader';

const KEYS = ['minGroupSize', 'noise', 'budget'] as const;
const NOISE_KEYS = ['mechanism', 'epsilon'] as const;
const BUDGET_KEYS = ['epsilonPerDay'] as const;
/** Beyond this a noised count is close to exact: a larger epsilon is a mistake rather than a choice. */
const MAX_EPSILON = 10;

function positive(reader: YamlReader, node: Node | null, line: number, what: string): number | null {
  const value = node && isScalar(node) ? node.value : undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= MAX_EPSILON * 100) return value;
  reader.report(node ? reader.lineOf(node) : line, `${what} must be a number greater than 0 (e.g. 0.5), not ${value === undefined ? 'a list or mapping' : JSON.stringify(value)}`);
  return null;
}

/**
 * A department's `statistics:` section: `minGroupSize` (a whole number, at least 2), `noise`
 * (`mechanism: geometric`, `epsilon` per query, more than 0 and at most 10) and `budget`
 * (`epsilonPerDay` per reader, at least one query's epsilon). Noise and budget go together.
 * Null (reported) when a value is wrong: a set with a problem does not load.
 */
export function parseStatistics(reader: YamlReader, node: Node | null, line: number): StatisticsModel | null {
  const model: StatisticsModel = { line, minGroupSize: null, noise: null, budget: null };
  const entries = reader.optionalMap(node, line, 'statistics');
  if (!entries) return null;
  const known = reader.known(entries, KEYS, 'statistics');
  let sound = known.length === entries.length;
  for (const entry of known) {
    if (entry.key === 'minGroupSize') {
      const value = entry.value && isScalar(entry.value) ? entry.value.value : undefined;
      if (typeof value === 'number' && Number.isInteger(value) && value >= 2) model.minGroupSize = value;
      else {
        reader.report(
          entry.line,
          `minGroupSize must be a whole number of at least 2 (the smallest group a figure publishes; 10 when not written), not ${JSON.stringify(value ?? null)}`,
        );
        sound = false;
      }
    } else if (entry.key === 'noise') {
      const fields = reader.map(entry.value, entry.line, 'noise') ?? [];
      const noiseKnown = reader.known(fields, NOISE_KEYS, 'noise');
      const mechanism = noiseKnown.find((f) => f.key === 'mechanism');
      const epsilon = noiseKnown.find((f) => f.key === 'epsilon');
      const m = mechanism ? reader.choice(mechanism.value, mechanism.line, 'mechanism', NOISE_MECHANISMS) : null;
      let e = epsilon ? positive(reader, epsilon.value, epsilon.line, 'epsilon') : null;
      if (!mechanism) reader.report(entry.line, `noise needs a mechanism: ${NOISE_MECHANISMS.join(', ')}`);
      if (!epsilon) reader.report(entry.line, 'noise needs an epsilon: the privacy loss one query may spend (e.g. 0.5)');
      if (e !== null && e > MAX_EPSILON) {
        reader.report(epsilon!.line, `epsilon ${e} adds almost no noise: write at most ${MAX_EPSILON}, or remove noise to publish exact counts`);
        e = null;
      }
      if (m === null || e === null || noiseKnown.length < fields.length) sound = false;
      else model.noise = { mechanism: m, epsilon: e, line: entry.line };
    } else {
      const fields = reader.map(entry.value, entry.line, 'budget') ?? [];
      const budgetKnown = reader.known(fields, BUDGET_KEYS, 'budget');
      const perDay = budgetKnown.find((f) => f.key === 'epsilonPerDay');
      if (!perDay) reader.report(entry.line, 'budget needs epsilonPerDay: the privacy loss one reader may spend in a day');
      const value = perDay ? positive(reader, perDay.value, perDay.line, 'epsilonPerDay') : null;
      if (value === null || budgetKnown.length < fields.length) sound = false;
      else model.budget = { epsilonPerDay: value, line: entry.line };
    }
  }
  if (!sound) return null;
  if (model.noise && !model.budget) reader.report(model.noise.line, 'noise spends a privacy budget: add "budget: { epsilonPerDay: N }" beside it');
  if (model.budget && !model.noise) reader.report(model.budget.line, 'a budget without noise spends nothing: add "noise: { mechanism: geometric, epsilon: N }", or remove budget');
  if (model.noise && model.budget && model.budget.epsilonPerDay < model.noise.epsilon) {
    reader.report(model.budget.line, `epsilonPerDay ${model.budget.epsilonPerDay} is less than one query's epsilon ${model.noise.epsilon}: no query could be answered`);
  }
  return model;
}
