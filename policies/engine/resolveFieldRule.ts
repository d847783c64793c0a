import type { FieldRule } from './model';
import type { CoveredFieldNode } from './PolicyRule';

/**
 * The rule a covered field compiles from, or null while its catalog entry or read list is
 * incomplete (`incompleteFieldRule` reports what is missing). Contradictions between the
 * grants and the field are reported by their rules and do not keep the rule out: a set with
 * problems is never enforced.
 */
export function resolveFieldRule({ file, owner, entry, field, settings }: CoveredFieldNode): FieldRule | null {
  const { description, sharing, sensitivity, updateCycle, read, write, cache } = settings;
  if (description === undefined || !sharing || !sensitivity || !updateCycle || !read) return null;
  return {
    coordinate: field.coordinate,
    typeName: field.typeName,
    fieldName: field.fieldName,
    department: owner,
    file: file.file,
    line: entry.line,
    description,
    sharing,
    sensitivity,
    updateCycle,
    read,
    write: write ?? [],
    cache: cache?.kind === 'keep' ? cache : null,
  };
}
