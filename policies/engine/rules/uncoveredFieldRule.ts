import type { PolicyRule } from '../PolicyRule';
import { placementProblem } from '../placementProblem';

/**
 * Every field of every object type of the graph (federation internals aside) has a rule. A
 * missing one is reported in the file that already lists its type (platform.yaml for
 * connections), else in its home department's file; not in a home file that does not parse.
 */
export const uncoveredFieldRule: PolicyRule = ({ files, facts, report }) => {
  const covered = new Set<string>();
  /** Where each type is listed, for "add it under …". */
  const listedIn = new Map<string, { file: string; department: string | null; line: number }[]>();
  return {
    Type({ file, department, type, policyType }) {
      if (!policyType) return;
      listedIn.set(type.name, [...(listedIn.get(type.name) ?? []), { file: file.file, department, line: type.fieldsLine }]);
    },
    CoveredField({ field }) {
      covered.add(field.coordinate);
    },
    leave() {
      for (const field of facts.governedFields()) {
        if (covered.has(field.coordinate)) continue;
        const home = facts.homeOf(field);
        const listing = (listedIn.get(field.typeName) ?? []).find((l) => l.department !== null && placementProblem(field, l.department, facts) === null);
        const homeFile = files.find((f) => f.file === `${home}.yaml`);
        const file = listing?.file ?? `${home}.yaml`;
        if (homeFile && !homeFile.readable && file === homeFile.file) continue;
        report(file, listing?.line ?? homeFile?.typesLine ?? 1, `${field.coordinate} has no rule; add it under types.${field.typeName}.fields`);
      }
    },
  };
};
