import { checkPolicyFiles } from './checkPolicyFiles';
import type { PolicyFiles } from './loadPolicyFiles';
import { readPolicyDir } from './readPolicyDir';
import { readSupergraph } from './readSupergraph';
import type { PolicyProblem } from './types';

export interface PolicySource {
  /** The policy directory (vocabulary.yaml, platform.yaml, one <department>.yaml each). */
  dir: string;
  /** The composed supergraph SDL the policies are checked against. */
  supergraphSdl: string;
}

/** Policy files read from elsewhere (a proposal sent to the catalog, a git revision), checked as a directory would be. */
export interface PolicyFilesSource {
  files: PolicyFiles;
  supergraphSdl: string;
}

/** The files of a directory, or those given. */
export function policyFilesOf(source: PolicySource | PolicyFilesSource): PolicyFiles {
  return 'files' in source ? source.files : readPolicyDir(source.dir);
}

/** Every problem of the policy files, sorted by file and line; [] when they can be loaded. */
export function checkPolicies(source: PolicySource | PolicyFilesSource): PolicyProblem[] {
  const { files, misnamed } = policyFilesOf(source);
  return checkPolicyFiles(files, misnamed, readSupergraph(source.supergraphSdl)).problems;
}
