import type { PolicySource } from './checkPolicies';
import { checkPolicyFiles } from './checkPolicyFiles';
import { compileRules } from './compileRules';
import { createPolicySet } from './createPolicySet';
import { hashPolicyFiles } from './hashPolicyFiles';
import { PolicyLoadError } from './PolicyLoadError';
import { readPolicyDir } from './readPolicyDir';
import { readSupergraph } from './readSupergraph';
import { resolveStatistics } from './resolveStatistics';
import type { PolicySet } from './types';

/**
 * Reads, validates and compiles the policy directory against the supergraph. Throws
 * PolicyLoadError listing every problem (`file:line: message`) when anything is wrong:
 * a policy set is loaded whole or not at all.
 */
export function loadPolicySet({ dir, supergraphSdl }: PolicySource): PolicySet {
  const { files, misnamed } = readPolicyDir(dir);
  const facts = readSupergraph(supergraphSdl);
  const { vocabulary, models, rules, problems } = checkPolicyFiles(files, misnamed, facts);
  if (problems.length > 0 || !vocabulary) throw new PolicyLoadError(problems, dir);
  return createPolicySet({ hash: hashPolicyFiles(files), vocabulary, rules, compiled: compileRules(rules), facts, statistics: resolveStatistics(models) });
}
