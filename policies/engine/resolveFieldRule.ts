import { PLATFORM_DEPARTMENT, type FieldEntry, type FieldRule, type GrantModel, type TypeEntry } from './model';
import type { SupergraphField, SupergraphType } from './readSupergraph';
import type { PolicyProblem } from './types';

const TEXT_TYPES = new Set(['String', 'ID']);

/**
 * Applies a type's defaults to one field (a field's own setting replaces the default;
 * `read` is replaced as a whole, never merged), checks that the catalog entry is complete
 * and that the grants do not contradict the field: masks on text only, nothing public
 * above sensitivity 2, nothing beyond the department when sharing is `none`, no `self` on
 * a root field. Returns the rule, or null when something required is missing.
 */
export function resolveFieldRule(
  file: string,
  department: string,
  type: TypeEntry,
  entry: FieldEntry,
  field: SupergraphField,
  supergraphType: SupergraphType,
  problems: PolicyProblem[],
): FieldRule | null {
  const settings = { ...type.defaults, ...entry.settings };
  const refused = new Set([...(type.defaults.refused ?? []), ...(entry.settings.refused ?? [])]);
  const report = (line: number, message: string) => problems.push({ file, line, message });
  const where = `add it to the field or to ${type.name}'s defaults`;
  const description = settings.description ?? field.description ?? undefined;

  const missing: string[] = [];
  if (description === undefined && !refused.has('description')) missing.push(`a description (add "description:"; the SDL has none)`);
  if (settings.sharing === undefined && !refused.has('sharing')) missing.push(`a sharing type (add "sharing:" unconditional, conditional or none; ${where})`);
  if (settings.sensitivity === undefined && !refused.has('sensitivity')) missing.push(`a sensitivity (add "sensitivity:" 1 to 4; ${where})`);
  if (settings.updateCycle === undefined && !refused.has('updateCycle')) missing.push(`an update cycle (add "updateCycle:"; ${where})`);
  if (settings.read === undefined && !refused.has('read')) missing.push(`read grants (add "read:"; write "read: []" if no one may read it; ${where})`);
  for (const what of missing) report(entry.line, `${field.coordinate} lacks ${what}`);

  // A department's "none" keeps data inside it; platform.yaml's, inside the departments serving the field.
  const inside = department === PLATFORM_DEPARTMENT ? field.departments : [department];
  const fromDefaults = entry.settings.read === undefined;
  // A default grant is reported at the field it contradicts; a field's own grant at its line.
  const at = (grant: GrantModel) => (fromDefaults ? entry.line : grant.line);
  const which = (grant: GrantModel) => (fromDefaults ? `the default grant at line ${grant.line}` : 'this grant');
  for (const grant of settings.read ?? []) {
    if (grant.mask && !TEXT_TYPES.has(field.returns)) {
      report(at(grant), `${field.coordinate} is a ${field.returns}, not text, but ${which(grant)} masks it with "${grant.mask}": masks apply to String and ID fields only; remove the mask (or give ${field.fieldName} its own read list)`);
    }
    if (grant.public && settings.sensitivity !== undefined && settings.sensitivity >= 3) {
      report(at(grant), `${field.coordinate} has sensitivity ${settings.sensitivity}, but ${which(grant)} is public: only sensitivity 1 or 2 may be public; remove "public: true" or lower the sensitivity`);
    }
    if (settings.sharing === 'none' && !grant.self && reachesBeyond(grant, inside)) {
      report(at(grant), `${field.coordinate} has "sharing: none" (not shared outside ${inside.join(', ')}), but ${which(grant)} reaches readers outside ${inside.join(', ')}: add "departments: [${inside.join(', ')}]" to it, or change sharing`);
    }
    if (grant.self && supergraphType.isRoot) {
      report(at(grant), `${field.coordinate} is a root field, not a record, so "self: true" never matches it: grant citizens with "roles: [citizen]" instead`);
    }
  }

  if (missing.length > 0 || description === undefined || !settings.sharing || !settings.sensitivity || !settings.updateCycle || !settings.read) return null;
  return {
    coordinate: field.coordinate,
    typeName: field.typeName,
    fieldName: field.fieldName,
    department,
    file,
    line: entry.line,
    description,
    sharing: settings.sharing,
    sensitivity: settings.sensitivity,
    updateCycle: settings.updateCycle,
    read: settings.read,
  };
}

function reachesBeyond(grant: GrantModel, departments: readonly string[]): boolean {
  return grant.public || grant.departments === null || grant.departments.some((d) => !departments.includes(d.name));
}
