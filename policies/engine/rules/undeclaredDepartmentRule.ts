import { VOCABULARY_FILE } from '../model';
import type { PolicyRule } from '../PolicyRule';

/** Every department that serves a subgraph is declared in the vocabulary. */
export const undeclaredDepartmentRule: PolicyRule = ({ vocabulary, facts, report }) => ({
  enter() {
    if (!vocabulary) return;
    for (const department of facts.departments) {
      if (vocabulary.departments.has(department)) continue;
      report(VOCABULARY_FILE, 1, `department ${department} serves a subgraph but is not declared: add it under departments with a one-line description`);
    }
  },
});
