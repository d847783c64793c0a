import { checkPolicyFiles } from './checkPolicyFiles';
import { readPolicyDir } from './readPolicyDir';
import { readSupergraph } from './readSupergraph';
import type { PolicyProblem } from './types';

export interface PolicySource {
  /** The policy directory (vocabulary.yaml, platform.yaml, one <department>.yaml each). */
  dir: string;
  /** The composed supergraph SDL the policies are checked against. */
  supergraphSdl: string;
}

/** Every problem of the policy files, sorted by file and line; [] when they can be loaded. */
export function checkPolicies({ dir, supergraphSdl }: PolicySource): PolicyProblem[] {
  const { files, misnamed } = readPolicyDir(dir);
  return checkPolicyFiles(files, misnamed, readSupergraph(supergraphSdl)).problems;
}
