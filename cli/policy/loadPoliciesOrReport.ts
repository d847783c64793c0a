import fs from 'node:fs';
import path from 'node:path';
import { loadPolicyFiles, readPolicyDir, type LoadedPolicies, type PolicySet } from '../../policies';
import type { PolicyIo } from './policyIo';
import { policyDirOf, supergraphFileOf } from './policyPaths';

/** Policies that loaded without a problem, with the supergraph they were checked against. */
export type LoadedCleanly = Extract<LoadedPolicies, { policies: PolicySet }> & { supergraphSdl: string };

/**
 * The policy files of `--dir` checked against `--supergraph` for an officer's tool that reads
 * them (catalog, matrix, explain); when they do not load, each problem as `file:line: message`
 * and what to do on stderr, and null (the tool exits 1).
 */
export function loadPoliciesOrReport(values: { dir?: string; supergraph?: string }, io: PolicyIo): LoadedCleanly | null {
  const dir = policyDirOf(values.dir, io);
  const supergraphSdl = fs.readFileSync(supergraphFileOf(values.supergraph, io), 'utf8');
  const loaded = loadPolicyFiles(readPolicyDir(dir), supergraphSdl);
  if (loaded.problems.length > 0 || !loaded.policies) {
    for (const problem of loaded.problems) io.err(`${path.relative(io.cwd, path.join(dir, problem.file))}:${problem.line}: ${problem.message}`);
    io.err(`The policies in ${path.relative(io.cwd, dir) || '.'} do not load; fix them first (npx govgraph policy check).`);
    return null;
  }
  return { ...loaded, supergraphSdl };
}
