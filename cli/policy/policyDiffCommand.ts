import fs from 'node:fs';
import path from 'node:path';
import {
  diffPolicies,
  diffWrites,
  gitTopLevel,
  isGitRevision,
  loadPolicyFiles,
  readPolicyDir,
  readPolicyRevision,
  readSupergraph,
  unionOfNames,
  vocabularyNames,
  type LoadedPolicies,
  type PolicyFiles,
} from '../../policies';
import { parseOptions, UsageError } from '../parseOptions';
import { DIFF_FORMATS, formatDiffMarkdown, formatDiffText, writesWiden, type DiffFormat } from './policyDiffFormat';
import type { PolicyIo } from './policyIo';
import { DIFF_USAGE } from './policyUsages';
import { supergraphFileOf } from './policyPaths';

/** One side of the diff: where its files came from, and how to name one of them in a message. */
interface Side {
  label: string;
  files: PolicyFiles;
  at(file: string): string;
}

function readSide(spec: string, io: PolicyIo, revisionDir: () => string): Side {
  const dir = path.resolve(io.cwd, spec);
  if (fs.existsSync(dir) && fs.statSync(dir).isDirectory()) {
    const relative = path.relative(io.cwd, dir);
    const label = relative.startsWith('..') ? dir : relative || '.';
    return { label, files: readPolicyDir(dir), at: (file) => path.join(label, file) };
  }
  if (isGitRevision(io.cwd, spec)) {
    const inRepo = revisionDir();
    return { label: `${spec}:${inRepo}`, files: readPolicyRevision(io.cwd, spec, inRepo), at: (file) => `${spec}:${inRepo}/${file}` };
  }
  throw new UsageError(`policy diff: '${spec}' is neither a directory nor a git revision\nusage: ${DIFF_USAGE}`);
}

/** Where the policies sit inside a revision: --dir relative to the top of the repository, else `policies`. */
function revisionDirOf(dir: string | undefined, io: PolicyIo): string {
  if (dir === undefined) return 'policies';
  const relative = path.relative(gitTopLevel(io.cwd), path.resolve(io.cwd, dir));
  if (relative.startsWith('..') || path.isAbsolute(relative)) throw new UsageError(`policy diff: --dir ${dir} is not inside the git repository of ${io.cwd}`);
  return relative.split(path.sep).join('/') || '.';
}

function report(side: Side, loaded: LoadedPolicies, io: PolicyIo): void {
  for (const problem of loaded.problems) io.err(`${side.at(problem.file)}:${problem.line}: ${problem.message}`);
}

/**
 * `govgraph policy diff OLD NEW`: how access changes from one policy set to the other,
 * for every reader class, and who may write which field on which events, both sets
 * evaluated against the current supergraph. The new
 * side must load as the gateway would load it; the old side may have been written for
 * an older graph: its fields without a valid rule count as denied.
 */
export async function policyDiffCommand(args: string[], io: PolicyIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { format: { type: 'string' }, dir: { type: 'string' }, supergraph: { type: 'string' } });
  if (positionals.length !== 2) throw new UsageError(`policy diff: expected OLD and NEW, got ${positionals.length} argument(s)\nusage: ${DIFF_USAGE}`);
  const format = (values.format ?? 'text') as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) throw new UsageError(`policy diff: --format must be one of ${DIFF_FORMATS.join(', ')}, got '${values.format}'`);
  const revisionDir = () => revisionDirOf(values.dir, io);
  const [before, after] = positionals.map((spec) => readSide(spec, io, revisionDir));

  const supergraphSdl = fs.readFileSync(supergraphFileOf(values.supergraph, io), 'utf8');
  const loadedAfter = loadPolicyFiles(after.files, supergraphSdl);
  if (loadedAfter.problems.length > 0 || !loadedAfter.policies) {
    report(after, loadedAfter, io);
    io.err(`The new policies (${after.label}) do not load: ${loadedAfter.problems.length} problem(s). Fix them first (npx govgraph policy check).`);
    return 1;
  }
  const loadedBefore = loadPolicyFiles(before.files, supergraphSdl);
  if (!loadedBefore.policies) {
    report(before, loadedBefore, io);
    io.err(`The old policies (${before.label}) have no usable vocabulary: nothing to compare.`);
    return 1;
  }
  if (loadedBefore.problems.length > 0) {
    report(before, loadedBefore, io);
    io.err(
      `note: the old policies (${before.label}) have ${loadedBefore.problems.length} problem(s) against the current supergraph; there, fields without a valid rule count as denied.`,
    );
  }

  const names = unionOfNames(vocabularyNames(loadedAfter.vocabulary), vocabularyNames(loadedBefore.vocabulary));
  const coordinates = readSupergraph(supergraphSdl)
    .governedFields()
    .map((field) => field.coordinate)
    .sort();
  const diff = diffPolicies(loadedBefore.decider, loadedAfter.decider, coordinates, names);
  const writes = diffWrites(loadedBefore.writes, loadedAfter.writes, coordinates);
  const labels = { before: before.label, after: after.label };
  for (const line of format === 'md' ? formatDiffMarkdown(diff, names, labels, writes) : formatDiffText(diff, names, labels, writes)) io.out(line);
  return diff.widens || writesWiden(writes) ? 3 : 0;
}
