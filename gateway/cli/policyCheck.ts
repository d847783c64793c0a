import fs from 'node:fs';
import path from 'node:path';
import { checkPolicies } from '../../policies';
import { parseOptions } from './parseOptions';
import { policyDirOf, supergraphFileOf } from './policyPaths';
import type { PolicyIo } from './policyIo';

/**
 * `govgraph policy check [--dir policies] [--supergraph FILE]`: validates the policy files
 * against the composed supergraph; one `file:line: message` per problem, exit 1 when any.
 */
export async function policyCheck(args: string[], io: PolicyIo): Promise<number> {
  const { values } = parseOptions(args, { dir: { type: 'string' }, supergraph: { type: 'string' } });
  const dir = policyDirOf(values.dir, io);
  const supergraphSdl = fs.readFileSync(supergraphFileOf(values.supergraph, io), 'utf8');
  const problems = checkPolicies({ dir, supergraphSdl });
  for (const problem of problems) io.out(`${path.relative(io.cwd, path.join(dir, problem.file))}:${problem.line}: ${problem.message}`);
  if (problems.length) {
    io.err(`${problems.length} problem(s); the gateway and the subgraphs refuse to start on these policies.`);
    return 1;
  }
  io.out(`${path.relative(io.cwd, dir) || '.'}: every field of the supergraph has exactly one valid rule.`);
  return 0;
}
