import type { ConditionModel, GrantModel, Named, Vocabulary } from './model';
import { suggest } from './suggest';
import type { PolicyProblem } from './types';

function checkNames(names: Named[] | null, declared: Map<string, string>, kind: string, section: string, file: string, problems: PolicyProblem[]): void {
  for (const { name, line } of names ?? []) {
    if (declared.has(name)) continue;
    problems.push({ file, line, message: `unknown ${kind} "${name}"${suggest(name, declared.keys())}: ${kind}s are declared in vocabulary.yaml under ${section}` });
  }
}

function checkCondition(condition: ConditionModel, vocabulary: Vocabulary, problems: PolicyProblem[]): void {
  checkNames(condition.roles, vocabulary.roles, 'role', 'roles', condition.file, problems);
  checkNames(condition.departments, vocabulary.departments, 'department', 'departments', condition.file, problems);
  checkNames(condition.purposes, vocabulary.purposes, 'purpose', 'purposes', condition.file, problems);
}

/** Every role, department and purpose a grant (or its reveal list) names is declared in the vocabulary. */
export function checkGrantNames(grant: GrantModel, vocabulary: Vocabulary, problems: PolicyProblem[]): void {
  checkCondition(grant, vocabulary, problems);
  grant.reveal.forEach((entry) => checkCondition(entry, vocabulary, problems));
}
