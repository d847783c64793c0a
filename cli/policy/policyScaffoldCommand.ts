import fs from 'node:fs';
import path from 'node:path';
import { checkPolicies, nonNullDenials, scaffoldPolicies } from '../../policies';
import { parseOptions, UsageError } from '../parseOptions';
import type { PolicyIo } from './policyIo';
import { shownPath, supergraphFileOf } from './policyPaths';
import { SCAFFOLD_USAGE } from './policyUsages';

/**
 * `govgraph policy scaffold --supergraph FILE --out DIR [--allow-public]`: writes a starting
 * policy folder for a graph (`scaffoldPolicies`): every field denied, or with --allow-public
 * every field public. Exit 0: written; 1: written, but it does not pass `policy check` (each
 * problem listed); 2: a usage error, or DIR exists and is not empty (nothing is overwritten).
 */
export async function policyScaffoldCommand(args: string[], io: PolicyIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { supergraph: { type: 'string' }, out: { type: 'string' }, 'allow-public': { type: 'boolean' } });
  if (positionals.length) throw new UsageError(`policy scaffold: unexpected argument '${positionals[0]}'\nusage: ${SCAFFOLD_USAGE}`);
  if (!values.out) throw new UsageError(`policy scaffold: --out DIR is required: the folder to write the policies to\nusage: ${SCAFFOLD_USAGE}`);
  const out = path.resolve(io.cwd, values.out);
  const shown = shownPath(out, io.cwd);
  if (fs.existsSync(out) && (!fs.statSync(out).isDirectory() || fs.readdirSync(out).length > 0)) {
    io.err(
      `policy scaffold: ${shown} ${fs.statSync(out).isDirectory() ? 'is not empty' : 'is not a folder'}; nothing was written. Give --out a new or empty folder: the scaffold never overwrites policies.`,
    );
    return 2;
  }
  const supergraphFile = supergraphFileOf(values.supergraph, io);
  const supergraphSdl = fs.readFileSync(supergraphFile, 'utf8');
  const files = scaffoldPolicies(supergraphSdl, { allowPublic: values['allow-public'] ?? false });
  fs.mkdirSync(out, { recursive: true });
  for (const { file, text } of files) fs.writeFileSync(path.join(out, file), text, { flag: 'wx' });
  io.out(
    `Wrote ${files.map((f) => f.file).join(', ')} to ${shown}: every field ${values['allow-public'] ? 'PUBLIC (anyone, anonymous callers included, reads it)' : 'denied to everyone'}.`,
  );

  // The scaffold is meant to pass the check as written; a graph it cannot cover is reported here.
  const problems = [...checkPolicies({ dir: out, supergraphSdl }), ...nonNullDenials({ dir: out, supergraphSdl })];
  for (const problem of problems) io.out(`${shownPath(path.join(out, problem.file), io.cwd)}:${problem.line}: ${problem.message}`);
  if (problems.length) {
    io.err(`${problems.length} problem(s) in the scaffold: fix them by hand before the gateway can load ${shown}.`);
    return 1;
  }
  const check = `npx govgraph policy check --dir ${shown} --supergraph ${shownPath(supergraphFile, io.cwd)}`;
  io.out(`Next: describe each field and decide who may read it (docs/running-any-graph.md), then run  ${check}`);
  return 0;
}
