import { PLATFORM_DEPARTMENT, type PolicyFileModel, type Vocabulary } from './model';
import type { SupergraphFacts } from './readSupergraph';
import { suggest } from './suggest';

/**
 * Why a file's `department:` cannot be the department it speaks for — it differs from the
 * file's name, is not declared, or serves no subgraph — or null when it can (platform.yaml's
 * always can). Also null when the file writes none: that is reported as the file is parsed.
 */
export function departmentProblem(model: PolicyFileModel, vocabulary: Vocabulary | null, facts: SupergraphFacts): string | null {
  const department = model.department;
  if (department === null) return null;
  const stem = model.file.replace(/\.yaml$/, '');
  if (department !== stem) {
    return `the file says "department: ${department}" but is named ${model.file}: a department's rules live in <department>.yaml, so rename the file to ${department}.yaml or fix the department`;
  }
  if (department === PLATFORM_DEPARTMENT) return null;
  if (vocabulary && !vocabulary.departments.has(department)) {
    return `unknown department "${department}"${suggest(department, vocabulary.departments.keys())}: declare it in vocabulary.yaml under departments`;
  }
  if (!facts.departments.includes(department)) {
    return `${department} serves no subgraph of the supergraph (${facts.departments.join(', ')}), so it has no fields to cover: remove ${model.file}, or compose its subgraph first`;
  }
  return null;
}
