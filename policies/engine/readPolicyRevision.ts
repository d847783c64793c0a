import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { PolicyFiles } from './loadPolicyFiles';

/** A git command failed or a revision or path does not exist; the message says which. */
export class PolicyRevisionError extends Error {}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new PolicyRevisionError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/** True when `revision` names a commit of the repository at `cwd`. */
export function isGitRevision(cwd: string, revision: string): boolean {
  try {
    execFileSync('git', ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`], { cwd, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The top directory of the git work tree that holds `cwd`. */
export function gitTopLevel(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']).trim();
}

/**
 * The policy files as committed at `revision`: the `.yaml` blobs directly under `dir`
 * (a path from the top of the repository, e.g. `policies`), in file-name order as
 * `readPolicyDir` reads them from a directory.
 */
export function readPolicyRevision(cwd: string, revision: string, dir: string): PolicyFiles {
  const top = gitTopLevel(cwd);
  const tree = dir.split(path.sep).join('/').replace(/\/+$/, '') || '.';
  const listing = git(top, ['ls-tree', '-z', `${revision}:${tree === '.' ? '' : tree}`]);
  const names = listing
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const [meta, name] = line.split('\t');
      return meta.split(' ')[1] === 'blob' ? [name] : [];
    })
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const blob = (name: string) => `${revision}:${tree === '.' ? '' : `${tree}/`}${name}`;
  return {
    files: names.filter((name) => name.endsWith('.yaml')).map((file) => ({ file, text: git(top, ['cat-file', 'blob', blob(file)]) })),
    misnamed: names.filter((name) => name.endsWith('.yml')),
  };
}
