import fs from 'node:fs';
import path from 'node:path';
import { gitTopLevel, isGitRevision, readPolicyRevision, type PolicyFiles } from '../../../policies';
import { CODES, requestError } from '../../kit';

/** A revision as git names commits (a hash, a branch, a tag, `HEAD~2`), and nothing that reads as an option or a path (`:`). */
const REVISION = /^[A-Za-z0-9_][A-Za-z0-9._/~^@{}-]{0,199}$/;

/**
 * The policy files of `dir` as committed at `revision` (`readPolicyRevision`), labelled
 * `revision:dir`. BAD_USER_INPUT for a revision that is not a commit of the repository holding
 * `dir` (or where there is none, as in a deployment without git), or that has no policy folder.
 */
export function policyRevisionFiles(dir: string, revision: string): { files: PolicyFiles; label: string } {
  const refused = (why: string) => requestError(CODES.BAD_USER_INPUT, `${why}: name a commit of the policy folder's repository (a hash, branch or tag).`, { argument: 'revision' });
  if (!REVISION.test(revision)) throw refused(`"${revision.slice(0, 80)}" is not a git revision`);
  if (!isGitRevision(dir, revision)) throw refused(`${revision} is not a commit here`);
  try {
    const inRepo = path.relative(gitTopLevel(dir), fs.realpathSync(dir)).split(path.sep).join('/') || '.';
    return { files: readPolicyRevision(dir, revision, inRepo), label: `${revision}:${inRepo}` };
  } catch (error) {
    throw refused(`The policy folder cannot be read at ${revision} (${(error as Error).message})`);
  }
}
