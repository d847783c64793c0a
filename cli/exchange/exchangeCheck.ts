import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { checkDepartmentSource, formatProblem, readAdapterModel, DECLARATION_FILE } from '../../exchange';
import { PROJECT_ROOT, readSubgraphList } from '../../schema/composition/composeSupergraph';
import { UsageError } from '../parseOptions';
import type { ExchangeIo } from './ExchangeIo';

export const CHECK_USAGE = 'govgraph exchange check [NAME…]   (every declared department when no NAME is given)';

/** The departments of subgraphs.json that join by declaration (a `subgraphs/<name>/exchange.yaml`). */
export function declaredDepartments(root = PROJECT_ROOT): string[] {
  return readSubgraphList()
    .map((entry) => entry.name)
    .filter((name) => fs.existsSync(path.join(root, 'subgraphs', name, DECLARATION_FILE)));
}

/**
 * `govgraph exchange check [NAME…]`: each declaration against its SDL, its code tables and its
 * source (the one the environment names, else its `default:`), one `file:line: message` per
 * problem. Exit 1 when any department has a problem.
 */
export async function exchangeCheck(args: string[], io: ExchangeIo): Promise<number> {
  const known = declaredDepartments();
  const names = args.length ? args : known;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length)
    throw new UsageError(`exchange check: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} no declared department; declared: ${known.join(', ') || 'none'}`);
  const dataDir = path.resolve(io.env.GOVGRAPH_DATA_DIR ?? '.data');
  // The sources' own warnings would repeat the problems printed here.
  const log = pino({ level: 'silent' });
  let failed = 0;
  for (const name of names) {
    const { model, problems } = readAdapterModel(path.join(PROJECT_ROOT, 'subgraphs', name), PROJECT_ROOT);
    const checked = model ? await checkDepartmentSource(model, { dataDir, env: io.env, log }) : null;
    const all = [...problems, ...(checked?.problems ?? [])];
    for (const problem of all) io.out(formatProblem(problem));
    if (all.length) failed++;
    else io.out(`${name}: the declaration fits its schema and its ${checked!.kind} source`);
  }
  return failed ? 1 : 0;
}
