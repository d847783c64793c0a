import { VOCABULARY_FILE } from '../model';
import type { PolicyRule } from '../PolicyRule';

/** The directory has a vocabulary.yaml: without it no role, purpose or department can be named. */
export const missingVocabularyRule: PolicyRule = (context) => ({
  enter() {
    if (context.vocabulary) return;
    context.report(VOCABULARY_FILE, 1, 'vocabulary.yaml is missing: it declares the roles, purposes and departments the policies may name');
  },
});
