import type { PolicyRule } from '../PolicyRule';
import { placementProblem } from '../placementProblem';

/**
 * A field is covered in the file of the department that resolves it (a shared key by the
 * entity's owner; shared structural types may be covered by platform.yaml).
 */
export const placementRule: PolicyRule = ({ facts, report }) => ({
  CoveredField({ file, department, entry, field }) {
    if (department === null) return;
    const problem = placementProblem(field, department, facts);
    if (problem) report(file.file, entry.line, problem);
  },
});
