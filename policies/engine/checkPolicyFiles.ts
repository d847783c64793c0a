import { VOCABULARY_FILE, type FieldRule, type PolicyFileModel, type Vocabulary } from './model';
import { parsePolicyFile } from './parsePolicyFile';
import { parseVocabulary } from './parseVocabulary';
import type { PolicyFileText } from './readPolicyDir';
import type { SupergraphFacts } from './readSupergraph';
import type { PolicyProblem } from './types';
import { validatePolicies } from './validatePolicies';

export interface CheckedPolicies {
  vocabulary: Vocabulary | null;
  rules: FieldRule[];
  /** Sorted by file, then line. */
  problems: PolicyProblem[];
}

/** Parses and validates the files of a policy directory: the whole pipeline short of compiling. */
export function checkPolicyFiles(files: PolicyFileText[], misnamed: string[], facts: SupergraphFacts): CheckedPolicies {
  const problems: PolicyProblem[] = [];
  for (const file of misnamed) {
    problems.push({ file, line: 1, message: `policy files end in .yaml, so this file is not read: rename it to ${file.replace(/\.yml$/, '.yaml')}` });
  }
  let vocabulary: Vocabulary | null = null;
  const models: PolicyFileModel[] = [];
  for (const { file, text } of files) {
    if (file === VOCABULARY_FILE) {
      const parsed = parseVocabulary(file, text);
      vocabulary = parsed.vocabulary;
      problems.push(...parsed.problems);
    } else {
      const parsed = parsePolicyFile(file, text);
      models.push(parsed.model);
      problems.push(...parsed.problems);
    }
  }
  if (!vocabulary) {
    problems.push({ file: VOCABULARY_FILE, line: 1, message: 'vocabulary.yaml is missing: it declares the roles, purposes and departments the policies may name' });
  }
  const validated = validatePolicies(models, vocabulary, facts);
  problems.push(...validated.problems);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return { vocabulary, rules: validated.rules, problems };
}
