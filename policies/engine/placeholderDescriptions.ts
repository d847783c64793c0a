import type { PolicySource } from './checkPolicies';
import { checkPolicyFiles } from './checkPolicyFiles';
import { readPolicyDir } from './readPolicyDir';
import { readSupergraph } from './readSupergraph';
import { SCAFFOLD_DESCRIPTION } from './scaffoldPolicies';
import type { PolicyProblem } from './types';

/**
 * The fields whose rule still carries the description `policy scaffold` wrote
 * (`SCAFFOLD_DESCRIPTION`), each at its rule, in file and line order. Not problems: the
 * policies load; the data catalog would show the placeholder until an officer writes what
 * the field holds. [] while the files have problems of their own.
 */
export function placeholderDescriptions({ dir, supergraphSdl }: PolicySource): PolicyProblem[] {
  const { files, misnamed } = readPolicyDir(dir);
  const { rules, problems } = checkPolicyFiles(files, misnamed, readSupergraph(supergraphSdl));
  if (problems.length > 0) return [];
  return rules
    .filter((rule) => rule.description === SCAFFOLD_DESCRIPTION)
    .map((rule) => ({ file: rule.file, line: rule.line, message: `${rule.coordinate} still has the scaffold's placeholder description: say what it holds` }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
