import { byFileAndLine } from './byFileAndLine';
import { checkPolicyFiles } from './checkPolicyFiles';
import { policyFilesOf, type PolicyFilesSource, type PolicySource } from './checkPolicies';
import { compileWriteRules } from './compileWriteRules';
import { decideWrite, policyOf } from './decideWrite';
import type { WriteRuleModel } from './model';
import { parseWriteBackDeclarations } from './parseWriteBackDeclarations';
import { readSupergraph } from './readSupergraph';
import { suggest } from './suggest';
import type { PolicyProblem } from './types';

export type WriteBackSource = (PolicySource | PolicyFilesSource) & {
  /** The service items' write-back declarations: `file` as problems should name it (a path), and its text. */
  declarations: { file: string; text: string };
  /** The department that sends the write-backs: `services`. */
  from?: string;
};

/**
 * The write rules against the write-backs the service items declare: every declared write
 * (`<type>.<each values key>`, from `services` on the item's event) names a field of the graph,
 * goes to the department whose policy covers that field, and is allowed by one of its write
 * rules (else it would always be refused); every event a write rule names is declared by some
 * item (else the rule never matches: a typo). Problems in the declarations name their file;
 * those of the policy files their file name in the directory. [] while the policy files have
 * problems of their own (`checkPolicies` reports those). Sorted by file and line.
 */
export function checkWriteBacks(policySource: WriteBackSource): PolicyProblem[] {
  const { declarations: source, from = 'services' } = policySource;
  const { files, misnamed } = policyFilesOf(policySource);
  const facts = readSupergraph(policySource.supergraphSdl);
  const { vocabulary, models, rules, problems: fileProblems } = checkPolicyFiles(files, misnamed, facts);
  if (fileProblems.length > 0 || !vocabulary) return [];
  const { declarations, problems } = parseWriteBackDeclarations(source.file, source.text);
  const report = (file: string, line: number, message: string) => problems.push({ file, line, message });
  const writes = compileWriteRules(rules, facts);
  const objectTypes = [...facts.types.values()].filter((t) => t.kind === 'object' && !t.internal && !t.isRoot).map((t) => t.name);

  for (const write of declarations.writes) {
    if (!write.type) continue;
    const type = facts.types.get(write.type.name);
    if (!type || type.kind !== 'object' || type.internal || type.isRoot) {
      report(
        declarations.file,
        write.type.line,
        `${write.item} writes to type ${write.type.name}, which is not a type of record in the graph${suggest(write.type.name, objectTypes)}`,
      );
      continue;
    }
    for (const field of write.fields) {
      const coordinate = `${type.name}.${field.name}`;
      const compiled = writes.get(coordinate);
      if (!type.fields.has(field.name) || !compiled) {
        report(declarations.file, field.line, `${write.item} writes ${coordinate}, which the graph does not have${suggest(field.name, type.fields.keys())}`);
        continue;
      }
      if (write.department && write.department.name !== compiled.department) {
        report(
          declarations.file,
          write.department.line,
          `${write.item} sends ${coordinate} to ${write.department.name}, but ${policyOf(compiled.department)} covers it (${compiled.department}.yaml): send it to ${compiled.department}`,
        );
      }
      if (!write.event) continue;
      const decision = decideWrite(compiled, { coordinate, from, event: write.event.name });
      if (decision.allowed) continue;
      report(
        declarations.file,
        field.line,
        `${write.item} writes ${coordinate} on ${write.event.name}, which would always be refused: ${decision.why}. Add a write rule for ${from} on ${write.event.name} to ${coordinate} in ${compiled.department}.yaml, or remove the write`,
      );
    }
  }

  const seen = new Set<WriteRuleModel>();
  for (const type of models.flatMap((model) => model.types)) {
    for (const rule of [...(type.defaults.write ?? []), ...type.fields.flatMap((entry) => entry.settings.write ?? [])]) {
      if (seen.has(rule)) continue;
      seen.add(rule);
      for (const event of rule.events) {
        if (declarations.events.has(event.name)) continue;
        report(
          rule.file,
          event.line,
          `no service item declares the event "${event.name}"${suggest(event.name, declarations.events)}, so this write rule never matches it: the events are those the items of ${declarations.file} declare`,
        );
      }
    }
  }
  return problems.sort(byFileAndLine);
}
