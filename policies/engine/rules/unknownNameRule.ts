import type { ConditionModel, Named, Vocabulary } from '../model';
import type { PolicyRule, PolicyRuleContext } from '../PolicyRule';
import { suggest } from '../suggest';

const KINDS = [
  { key: 'roles', kind: 'role' },
  { key: 'departments', kind: 'department' },
  { key: 'purposes', kind: 'purpose' },
] as const;

function checkNames(names: Named[] | null, declared: Map<string, string>, kind: string, section: string, file: string, report: PolicyRuleContext['report']): void {
  for (const { name, line } of names ?? []) {
    if (declared.has(name)) continue;
    report(file, line, `unknown ${kind} "${name}"${suggest(name, declared.keys())}: ${kind}s are declared in vocabulary.yaml under ${section}`);
  }
}

function checkCondition(condition: ConditionModel, vocabulary: Vocabulary, report: PolicyRuleContext['report']): void {
  for (const { key, kind } of KINDS) checkNames(condition[key], vocabulary[key], kind, key, condition.file, report);
}

/**
 * Every role, department and purpose a grant (or its reveal list) names, and every department
 * a write rule names, is declared in the vocabulary. Checked on every listed type, known to the
 * graph or not.
 */
export const unknownNameRule: PolicyRule = ({ vocabulary, report }) => ({
  Type({ type }) {
    if (!vocabulary) return;
    for (const grant of [...(type.defaults.read ?? []), ...type.fields.flatMap((f) => f.settings.read ?? [])]) {
      checkCondition(grant, vocabulary, report);
      grant.reveal.forEach((entry) => checkCondition(entry, vocabulary, report));
    }
    for (const rule of [...(type.defaults.write ?? []), ...type.fields.flatMap((f) => f.settings.write ?? [])]) {
      checkNames(rule.departments, vocabulary.departments, 'department', 'departments', rule.file, report);
    }
  },
});
