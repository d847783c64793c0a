import { byFileAndLine } from './byFileAndLine';
import { VOCABULARY_FILE, type FieldRule, type PolicyFileModel, type Vocabulary } from './model';
import { parsePolicyFile } from './parsePolicyFile';
import { parseVocabulary } from './parseVocabulary';
import type { PolicyFileText } from './readPolicyDir';
import type { SupergraphFacts } from './readSupergraph';
import type { PolicyProblem } from './types';
import { validatePolicies } from './validatePolicies';

export interface CheckedPolicies {
  vocabulary: Vocabulary | null;
  /** The department files as parsed. */
  models: PolicyFileModel[];
  rules: FieldRule[];
  /** Sorted by file, then line. */
  problems: PolicyProblem[];
}

/** Parses the files of a policy directory and checks them with every policy rule: the whole pipeline short of compiling. */
export function checkPolicyFiles(files: PolicyFileText[], misnamed: string[], facts: SupergraphFacts): CheckedPolicies {
  const problems: PolicyProblem[] = [];
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
  const validated = validatePolicies({ files: models, vocabulary, facts, misnamed });
  problems.push(...validated.problems);
  problems.sort(byFileAndLine);
  return { vocabulary, models, rules: validated.fieldRules, problems };
}
