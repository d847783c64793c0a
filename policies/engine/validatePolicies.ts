import { checkGrantNames } from './checkGrantNames';
import { PLATFORM_DEPARTMENT, VOCABULARY_FILE, type FieldRule, type PolicyFileModel, type Vocabulary } from './model';
import { placementProblem } from './placementProblem';
import type { SupergraphFacts } from './readSupergraph';
import { resolveFieldRule } from './resolveFieldRule';
import { suggest } from './suggest';
import type { PolicyProblem } from './types';

/** The department a file speaks for, when its `department:` is usable; reports why not. */
function departmentOf(model: PolicyFileModel, vocabulary: Vocabulary | null, facts: SupergraphFacts, problems: PolicyProblem[]): string | null {
  const stem = model.file.replace(/\.yaml$/, '');
  const report = (message: string) => problems.push({ file: model.file, line: model.departmentLine, message });
  const department = model.department;
  if (department === null) return null;
  if (department !== stem) {
    report(`the file says "department: ${department}" but is named ${model.file}: a department's rules live in <department>.yaml, so rename the file to ${department}.yaml or fix the department`);
    return null;
  }
  if (department === PLATFORM_DEPARTMENT) return department;
  if (vocabulary && !vocabulary.departments.has(department)) {
    report(`unknown department "${department}"${suggest(department, vocabulary.departments.keys())}: declare it in vocabulary.yaml under departments`);
    return null;
  }
  if (!facts.departments.includes(department)) {
    report(`${department} serves no subgraph of the supergraph (${facts.departments.join(', ')}), so it has no fields to cover: remove ${model.file}, or compose its subgraph first`);
    return null;
  }
  return department;
}

/**
 * Checks the policy files against the vocabulary and the supergraph, failing closed:
 * every type and field named exists, each field is covered exactly once and in the file of
 * the department that resolves it, every field of every object type is covered, names are
 * declared, and no grant contradicts its field. Returns the problems and the rules.
 */
export function validatePolicies(files: PolicyFileModel[], vocabulary: Vocabulary | null, facts: SupergraphFacts): { rules: FieldRule[]; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const rules: FieldRule[] = [];
  const covered = new Map<string, { file: string; line: number }>();
  /** Where each type is listed, for "add it under …" suggestions. */
  const listedIn = new Map<string, { file: string; department: string | null; line: number }[]>();

  if (vocabulary) {
    for (const department of facts.departments) {
      if (!vocabulary.departments.has(department)) {
        problems.push({ file: VOCABULARY_FILE, line: 1, message: `department ${department} serves a subgraph but is not declared: add it under departments with a one-line description` });
      }
    }
  }

  for (const model of files) {
    const department = departmentOf(model, vocabulary, facts, problems);
    const report = (line: number, message: string) => problems.push({ file: model.file, line, message });
    for (const type of model.types) {
      const grants = [...(type.defaults.read ?? []), ...type.fields.flatMap((f) => f.settings.read ?? [])];
      if (vocabulary) grants.forEach((grant) => checkGrantNames(grant, vocabulary, problems));

      const supergraphType = facts.types.get(type.name);
      if (!supergraphType || (supergraphType.internal && supergraphType.kind === 'object')) {
        const known = [...facts.types.values()].filter((t) => t.kind === 'object' && !t.internal).map((t) => t.name);
        report(type.line, supergraphType
          ? `${type.name} is a federation internal, not a policy type: remove it`
          : `the graph has no type ${type.name}${suggest(type.name, known)}`);
        continue;
      }
      if (supergraphType.kind !== 'object') {
        const article = /^[aeiou]/.test(supergraphType.kind) ? 'an' : 'a';
        report(type.line, `${type.name} is ${article} ${supergraphType.kind} type, not an object type: only fields of object types carry rules, so remove it`);
        continue;
      }
      listedIn.set(type.name, [...(listedIn.get(type.name) ?? []), { file: model.file, department, line: type.fieldsLine }]);

      for (const entry of type.fields) {
        const field = supergraphType.fields.get(entry.name);
        if (!field || entry.name.startsWith('_')) {
          report(entry.line, field
            ? `${type.name}.${entry.name} is a federation internal, not a policy field: remove it`
            : `${type.name} has no field ${entry.name}${suggest(entry.name, supergraphType.fields.keys())}`);
          continue;
        }
        const first = covered.get(field.coordinate);
        if (first) {
          report(entry.line, `${field.coordinate} is already covered in ${first.file}:${first.line}; each field is covered in one place only, so remove one of them`);
          continue;
        }
        covered.set(field.coordinate, { file: model.file, line: entry.line });
        if (department !== null) {
          const misplaced = placementProblem(field, department, facts);
          if (misplaced) report(entry.line, misplaced);
        }
        const rule = resolveFieldRule(model.file, department ?? model.department ?? '', type, entry, field, supergraphType, problems);
        if (rule) rules.push(rule);
      }
    }
  }

  for (const field of facts.governedFields()) {
    if (covered.has(field.coordinate)) continue;
    const home = facts.homeOf(field);
    // Suggest the file that already lists the type (platform.yaml for connections), else the home department's.
    const listing = (listedIn.get(field.typeName) ?? []).find((l) => l.department !== null && placementProblem(field, l.department, facts) === null);
    const homeFile = files.find((f) => f.file === `${home}.yaml`);
    const file = listing?.file ?? `${home}.yaml`;
    if (homeFile && !homeFile.readable && file === homeFile.file) continue;
    const line = listing?.line ?? homeFile?.typesLine ?? 1;
    problems.push({ file, line, message: `${field.coordinate} has no rule; add it under types.${field.typeName}.fields` });
  }
  return { rules, problems };
}
