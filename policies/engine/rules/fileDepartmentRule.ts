import { departmentProblem } from '../departmentProblem';
import type { PolicyRule } from '../PolicyRule';

/** A file's `department:` is the file's own name, a declared department, and one that serves a subgraph (or `platform`). */
export const fileDepartmentRule: PolicyRule = ({ vocabulary, facts, report }) => ({
  PolicyFile({ file }) {
    const problem = departmentProblem(file, vocabulary, facts);
    if (problem) report(file.file, file.departmentLine, problem);
  },
});
