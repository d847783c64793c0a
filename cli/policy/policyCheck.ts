import fs from 'node:fs';
import path from 'node:path';
import { checkPolicies, checkWriteBacks, nonNullDenials, placeholderDescriptions, type PolicyProblem } from '../../policies';
import { parseOptions, UsageError } from '../parseOptions';
import { policyDirOf, shownPath, supergraphFileOf, WRITE_BACKS_FILE } from './policyPaths';
import type { PolicyIo } from './policyIo';

/**
 * The write-back declarations to hold the write rules against: --write-backs, else the shipped
 * services' file when checking against the shipped supergraph (another graph has its own
 * items, or none); null, with a note when the shipped file is missing (a checkout without
 * the services department).
 */
function writeBacksOf(option: string | undefined, supergraph: string | undefined, io: PolicyIo): { file: string; text: string } | null {
  if (option !== undefined) {
    const file = path.resolve(io.cwd, option);
    try {
      return { file: shownPath(file, io.cwd), text: fs.readFileSync(file, 'utf8') };
    } catch (error) {
      throw new UsageError(`policy check: cannot read --write-backs ${option}: ${(error as Error).message}`);
    }
  }
  if (supergraph !== undefined) return null;
  if (!fs.existsSync(WRITE_BACKS_FILE)) {
    io.err(`note: ${shownPath(WRITE_BACKS_FILE, io.cwd)} is not there: the write rules were not checked against the service items' write-backs.`);
    return null;
  }
  return { file: shownPath(WRITE_BACKS_FILE, io.cwd), text: fs.readFileSync(WRITE_BACKS_FILE, 'utf8') };
}

/**
 * `govgraph policy check [--dir policies] [--supergraph FILE] [--write-backs FILE]`: validates
 * the policy files against the composed supergraph; one `file:line: message` per problem, exit
 * 1 when any. Policies that load but still carry `policy scaffold`'s placeholder descriptions
 * are named too, as warnings (`file:line: warning: …`): they do not change the exit code. The
 * write rules are then held against the service items' write-back declarations (`writeBacksOf`).
 */
export async function policyCheck(args: string[], io: PolicyIo): Promise<number> {
  const { values } = parseOptions(args, { dir: { type: 'string' }, supergraph: { type: 'string' }, 'write-backs': { type: 'string' } });
  const dir = policyDirOf(values.dir, io);
  const supergraphSdl = fs.readFileSync(supergraphFileOf(values.supergraph, io), 'utf8');
  const declarations = writeBacksOf(values['write-backs'], values.supergraph, io);
  // Problems of the declarations name that file as shown; those of the policy files their name in the directory.
  const shownFile = (file: string) => (file === declarations?.file ? file : shownPath(path.join(dir, file), io.cwd));
  const show = (problem: PolicyProblem) => io.out(`${shownFile(problem.file)}:${problem.line}: ${problem.message}`);
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
  }
  const writeBacks = declarations ? checkWriteBacks({ dir, supergraphSdl, declarations }) : [];
  writeBacks.forEach(show);
  if (writeBacks.length) {
    io.err(
      `${writeBacks.length} problem(s) between the write rules and the write-backs the service items declare: a write-back no rule allows is always refused, and a rule on an event no item declares never applies (the policies themselves load).`,
    );
  }
  if (nullable.length || writeBacks.length) return 1;
  io.out(`${shownPath(dir, io.cwd)}: every field of the supergraph has exactly one valid rule, and every field a reader may be denied is nullable.`);
  if (declarations) io.out(`${declarations.file}: a write rule allows every write-back the service items declare, and every event a write rule names is declared here.`);
  return 0;
}
