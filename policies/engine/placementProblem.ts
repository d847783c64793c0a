import { PLATFORM_DEPARTMENT } from './model';
import type { SupergraphFacts, SupergraphField } from './readSupergraph';

function list(names: string[]): string {
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * A field is covered by the department that resolves it; a key field shared by several
 * departments by the entity's owner; a field of a shared structural type (PageInfo,
 * connections, edges) may be covered by platform.yaml. Returns why `department` may not
 * cover `field`, or null when it may.
 */
export function placementProblem(field: SupergraphField, department: string, facts: SupergraphFacts): string | null {
  const home = facts.homeOf(field);
  if (department === home) return null;
  const type = facts.types.get(field.typeName)!;
  if (department === PLATFORM_DEPARTMENT) {
    if (facts.isStructural(type)) return null;
    return `platform.yaml covers only shared structural types (PageInfo, connections, edges), and ${field.typeName} is not one: cover ${field.coordinate} in ${home}.yaml`;
  }
  if (!field.departments.includes(department)) {
    return `${field.coordinate} is resolved by ${list(field.departments)}, not by ${department}: cover it in ${home}.yaml`;
  }
  if (field.isKey) {
    return `${field.coordinate} is the key of ${field.typeName}, shared by ${list(field.departments)}; the owner of ${field.typeName}, ${home}, covers it: move it to ${home}.yaml`;
  }
  return `${field.coordinate} is shared by ${list(field.departments)}; shared fields are covered in ${home}.yaml`;
}
