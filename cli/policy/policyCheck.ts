import fs from 'node:fs';
import path from 'node:path';
import { checkPolicies, nonNullDenials, placeholderDescriptions, type PolicyProblem } from '../../policies';
import { parseOptions } from '../parseOptions';
import { policyDirOf, shownPath, supergraphFileOf } from './policyPaths';
import type { PolicyIo } from './policyIo';

/**
 * `govgraph policy check [--dir policies] [--supergraph FILE]`: validates the policy files
 * against the composed supergraph; one `file:line: message` per problem, exit 1 when any.
 * Policies that load but still carry `policy scaffold`'s placeholder descriptions are
 * named too, as warnings (`file:line: warning: …`): they do not change the exit code.
 */
export async function policyCheck(args: string[], io: PolicyIo): Promise<number> {
  const { values } = parseOptions(args, { dir: { type: 'string' }, supergraph: { type: 'string' } });
  const dir = policyDirOf(values.dir, io);
  const supergraphSdl = fs.readFileSync(supergraphFileOf(values.supergraph, io), 'utf8');
  const show = (problem: PolicyProblem) => io.out(`${shownPath(path.join(dir, problem.file), io.cwd)}:${problem.line}: ${problem.message}`);
  const problems = checkPolicies({ dir, supergraphSdl });
  problems.forEach(show);
  if (problems.length) {
    io.err(`${problems.length} problem(s); the gateway and the subgraphs refuse to start on these policies.`);
    return 1;
  }
  const placeholders = placeholderDescriptions({ dir, supergraphSdl });
  placeholders.forEach((warning) => show({ ...warning, message: `warning: ${warning.message}` }));
  if (placeholders.length) {
    io.err(
      `${placeholders.length} field(s) still carry the scaffold's placeholder description; the policies load, but the data catalog shows the placeholder until you write what each field holds.`,
    );
  }
  const nullable = nonNullDenials({ dir, supergraphSdl });
  nullable.forEach(show);
  if (nullable.length) {
    io.err(`${nullable.length} non-null field(s) the policies deny to some readers: make them nullable in the departments' SDLs (the policies themselves load).`);
    return 1;
  }
  io.out(`${shownPath(dir, io.cwd)}: every field of the supergraph has exactly one valid rule, and every field a reader may be denied is nullable.`);
  return 0;
}
