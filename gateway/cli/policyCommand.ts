import fs from 'node:fs';
import path from 'node:path';
import { checkPolicies, POLICIES_DIR } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composeSupergraph';
import { parseOptions, UsageError } from './parseOptions';

/**
 * `govgraph policy check [--dir policies] [--supergraph FILE]`: validates the policy files
 * against the composed supergraph; one `file:line: message` per problem, exit 1 when any.
 */
export async function policyCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'check') throw new UsageError(`usage: govgraph policy check [--dir DIR] [--supergraph FILE]${sub ? ` (unknown subcommand '${sub}')` : ''}`);
  const { values } = parseOptions(rest, { dir: { type: 'string' }, supergraph: { type: 'string' } });
  const dir = path.resolve(values.dir ?? POLICIES_DIR);
  const supergraphSdl = fs.readFileSync(path.resolve(values.supergraph ?? SUPERGRAPH_FILE), 'utf8');
  const problems = checkPolicies({ dir, supergraphSdl });
  for (const problem of problems) console.log(`${path.relative(process.cwd(), path.join(dir, problem.file))}:${problem.line}: ${problem.message}`);
  if (problems.length) {
    console.error(`${problems.length} problem(s); the gateway and the subgraphs refuse to start on these policies.`);
    return 1;
  }
  console.log(`${path.relative(process.cwd(), dir) || '.'}: every field of the supergraph has exactly one valid rule.`);
  return 0;
}
