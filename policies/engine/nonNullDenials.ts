import { byFileAndLine } from './byFileAndLine';
import { checkPolicyFiles } from './checkPolicyFiles';
import { policyFilesOf, type PolicyFilesSource, type PolicySource } from './checkPolicies';
import { compileRules } from './compileRules';
import { createPolicySet } from './createPolicySet';
import { hashPolicyFiles } from './hashPolicyFiles';
import { readSupergraph } from './readSupergraph';
import { policyRules } from './rules';
import type { PolicyProblem } from './types';
import { policyRuleContext } from './validatePolicies';

/**
 * What the policy rules find in the policy set the files load as (`LoadedPolicies`): today the
 * fields the schema declares non-null that the policies deny to some readers
 * (`nonNullDenialRule`). `policy check` reports these after the files' own problems
 * (`checkPolicies`); they do not stop the policies loading. [] while the files have problems
 * of their own. Sorted by file and line.
 */
export function nonNullDenials(source: PolicySource | PolicyFilesSource): PolicyProblem[] {
  const { files, misnamed } = policyFilesOf(source);
  const facts = readSupergraph(source.supergraphSdl);
  const { vocabulary, models, rules, problems: fileProblems } = checkPolicyFiles(files, misnamed, facts);
  if (fileProblems.length > 0 || !vocabulary) return [];
  const policies = createPolicySet({ hash: hashPolicyFiles(files), vocabulary, rules, compiled: compileRules(rules), facts, cacheLimit: 0 });
  const problems: PolicyProblem[] = [];
  const context = policyRuleContext({ files: models, vocabulary, facts, misnamed }, problems);
  for (const rule of policyRules) rule(context).LoadedPolicies?.({ policies, rules, vocabulary });
  return problems.sort(byFileAndLine);
}
