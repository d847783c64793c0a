import { readSubgraphSources } from '../schema/composition/composeSupergraph';
import { numberOption, parseOptions, UsageError } from './parseOptions';
import { spawnDepartment } from './spawnDepartment';

/**
 * `govgraph seed [--scale N] [--seed S] [--department NAME]`: replaces each department's
 * data with a fresh deterministic seed, in each department's own process.
 */
export async function seedCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { scale: { type: 'string' }, seed: { type: 'string' }, department: { type: 'string', multiple: true } });
  const scale = numberOption(values.scale, 'scale', 1);
  const seed = numberOption(values.seed, 'seed', 1);
  const known = readSubgraphSources().map((s) => s.name);
  const chosen = values.department ?? known;
  const unknown = chosen.filter((name) => !known.includes(name));
  if (unknown.length) throw new UsageError(`Unknown department ${unknown.join(', ')}; known: ${known.join(', ')}`);
  const env = { GOVGRAPH_SEED: String(seed), GOVGRAPH_SCALE: String(scale) };
  const started = Date.now();
  const results = await Promise.allSettled(chosen.map((name) => spawnDepartment(name, ['seed'], env).ready));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) return 1;
  console.log(`Seeded ${chosen.length} departments at scale ${scale} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
