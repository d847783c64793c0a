import { departmentProblem } from './departmentProblem';
import { mergeFieldSettings } from './mergeFieldSettings';
import type { FieldRule, PolicyFileModel, Vocabulary } from './model';
import type { CoveredFieldNode, PolicyRule, PolicyRuleContext, PolicyVisitor } from './PolicyRule';
import type { SupergraphFacts } from './readSupergraph';
import { resolveFieldRule } from './resolveFieldRule';
import { policyRules } from './rules';
import type { PolicyProblem, RuleSource } from './types';

export interface PolicyFilesInput {
  /** The department files as parsed, in file-name order. */
  files: PolicyFileModel[];
  vocabulary: Vocabulary | null;
  facts: SupergraphFacts;
  /** `.yml` files, which are not read. */
  misnamed: readonly string[];
}

/** The context rules are given, reporting into `problems`. */
export function policyRuleContext({ files, vocabulary, facts, misnamed }: PolicyFilesInput, problems: PolicyProblem[]): PolicyRuleContext {
  return { files, vocabulary, facts, misnamed, report: (file, line, message) => problems.push({ file, line, message }) };
}

/**
 * Checks the parsed policy files against the vocabulary and the supergraph with every rule of
 * `rules` (fail closed: a problem keeps the set from loading), and resolves each covered
 * field's rule. Walks files → types → fields → grants in file order; at each node every rule's
 * hook runs in list order. Problems come out in report order (the caller sorts them).
 */
export function validatePolicies(input: PolicyFilesInput, rules: readonly PolicyRule[] = policyRules): { fieldRules: FieldRule[]; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const context = policyRuleContext(input, problems);
  const visitors = rules.map((rule) => rule(context));
  const visit = (hook: (visitor: PolicyVisitor) => void) => visitors.forEach(hook);
  const { files, vocabulary, facts } = input;
  const fieldRules: FieldRule[] = [];
  const covered = new Map<string, RuleSource>();

  visit((v) => v.enter?.());
  for (const file of files) {
    const department = file.department !== null && departmentProblem(file, vocabulary, facts) === null ? file.department : null;
    const fileNode = { file, department };
    visit((v) => v.PolicyFile?.(fileNode));
    for (const type of file.types) {
      const supergraphType = facts.types.get(type.name);
      const policyType = supergraphType && supergraphType.kind === 'object' && !supergraphType.internal ? supergraphType : null;
      const typeNode = { file, department, type, policyType };
      visit((v) => v.Type?.(typeNode));
      if (!policyType) continue;
      for (const entry of type.fields) {
        const named = policyType.fields.get(entry.name);
        const field = named && !entry.name.startsWith('_') ? named : null;
        const coveredAt = field ? (covered.get(field.coordinate) ?? null) : null;
        const fieldNode = { file, department, type, policyType, entry, field, coveredAt };
        visit((v) => v.Field?.(fieldNode));
        if (!field || coveredAt) continue;
        covered.set(field.coordinate, { file: file.file, line: entry.line });

        const settings = mergeFieldSettings(type, entry, field);
        const node: CoveredFieldNode = { file, department, type, policyType, entry, field, coveredAt, settings, owner: department ?? file.department ?? '' };
        visit((v) => v.CoveredField?.(node));
        for (const grant of settings.read ?? []) {
          const line = settings.readFromDefaults ? entry.line : grant.line;
          const which = settings.readFromDefaults ? `the default grant at line ${grant.line}` : 'this grant';
          const grantNode = { ...node, grant, line, which };
          visit((v) => v.Grant?.(grantNode));
        }
        const rule = resolveFieldRule(node);
        if (rule) fieldRules.push(rule);
      }
    }
  }
  visit((v) => v.leave?.());
  return { fieldRules, problems };
}
