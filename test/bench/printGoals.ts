import { BENCH_GOALS, meets, type BenchGoal, type GoalId } from './benchGoals';
import type { Section } from './benchSections';
import { printTable } from './printTable';

/**
 * What a run measured for a goal: its value (the median over the rounds), the per-round values
 * it is the median of, and a note; or, when its section ran but gave no value, why.
 */
export type GoalMeasure = { value: number; rounds?: readonly number[]; note?: string } | { missing: string };

/**
 * The goals table, printed last: for each goal whose section ran, the figure's value at the
 * start, the goal, this run's value with the range of its rounds, and whether it is met — by the
 * median, saying so when the rounds disagree (a claim no stronger than the noise allows). The
 * goals whose sections did not run, or gave no value, are named below it with the reason.
 */
export function printGoals(measures: Partial<Record<GoalId, GoalMeasure>>, sections: readonly Section[], goals: readonly BenchGoal[] = BENCH_GOALS): void {
  const rows: string[][] = [];
  const skipped: string[] = [];
  for (const goal of goals) {
    const measure = measures[goal.id];
    if (!sections.includes(goal.section)) skipped.push(`${goal.figure}: section \`${goal.section}\` did not run`);
    else if (!measure || 'missing' in measure) skipped.push(`${goal.figure}: ${measure?.missing ?? 'not measured'}`);
    else {
      const number = (value: number): string => value.toFixed(goal.digits);
      const shown = (value: number): string => `${number(value)}${goal.unit ?? ''}`;
      const rounds = measure.rounds ?? [];
      const range = rounds.length > 1 ? `rounds ${number(Math.min(...rounds))}–${shown(Math.max(...rounds))}` : '';
      const details = [range, measure.note ?? ''].filter(Boolean).join('; ');
      const target = `${goal.bound === 'at least' ? '≥' : '≤'} ${shown(goal.value)}${goal.stretch === undefined ? '' : ` (stretch ${shown(goal.stretch)})`}`;
      rows.push([goal.figure, goal.atStart, target, details ? `${shown(measure.value)} (${details})` : shown(measure.value), verdict(goal, measure.value, rounds)]);
    }
  }
  console.log('\nGoals: this run against them — each value the median over its rounds, each ratio of neighbouring runs.');
  if (rows.length) printTable(['figure', 'at the start', 'goal', 'measured (this run)', 'met'], rows);
  else console.log('None measured: no section that measures a goal ran.');
  if (skipped.length) console.log(`\nNot in the table:\n${skipped.map((line) => `- ${line}`).join('\n')}`);
}

/** yes or no by the median; whether the stretch goal is met too; and whether some rounds say otherwise. */
function verdict(goal: BenchGoal, value: number, rounds: readonly number[]): string {
  const met = meets(goal, value);
  const dissent = rounds.some((round) => meets(goal, round) !== met);
  const stretch = met && goal.stretch !== undefined && meets(goal, value, goal.stretch) ? ', the stretch too' : '';
  if (met) return `yes${stretch}${dissent ? ' (not in every round)' : ''}`;
  return `no${dissent ? ' (met in some rounds)' : ''}`;
}
