import { effectiveAccess, formatEffectiveAccess, type EffectiveAccess } from './effectiveAccess';
import { PLATFORM_DEPARTMENT } from './model';
import { profileReader, purposesWithNone, typicalProfiles, type ReaderProfile, type VocabularyNames } from './readerClasses';
import type { PolicySet } from './types';

/** What one profile gets for one field: without a purpose, and where a declared purpose changes it. */
export interface MatrixCell {
  /** The access with no purpose declared. A purpose only ever adds grants, so this is the least. */
  base: EffectiveAccess;
  /** Purposes that give something else, grouped by what they give, in vocabulary order. */
  withPurposes: { purposes: string[]; access: EffectiveAccess }[];
}

export interface MatrixRow {
  coordinate: string;
  cells: MatrixCell[];
}

export interface AccessMatrix {
  /** The columns: anonymous, then each role with its typical holder. */
  profiles: ReaderProfile[];
  /** Rows grouped by the department whose file covers them; platform last. */
  groups: { department: string; rows: MatrixRow[] }[];
}

function cellOf(policies: PolicySet, coordinate: string, profile: ReaderProfile, purposes: (string | null)[]): MatrixCell {
  const isKey = policies.isKeyField(coordinate);
  const base = effectiveAccess(policies.decide(coordinate, profileReader(profile, null)), isKey);
  const byAccess = new Map<string, { purposes: string[]; access: EffectiveAccess }>();
  for (const purpose of purposes) {
    if (purpose === null) continue;
    const access = effectiveAccess(policies.decide(coordinate, profileReader(profile, purpose)), isKey);
    const key = formatEffectiveAccess(access);
    if (key === formatEffectiveAccess(base)) continue;
    const group = byAccess.get(key);
    if (group) group.purposes.push(purpose);
    else byAccess.set(key, { purposes: [purpose], access });
  }
  return { base, withPurposes: [...byAccess.values()] };
}

/**
 * The whole access matrix of a policy set: every covered field × each typical reader profile
 * (only the fields of `coordinates` when given: `policy explain COORD`).
 */
export function accessMatrix(policies: PolicySet, names: VocabularyNames, coordinates?: readonly string[]): AccessMatrix {
  const profiles = typicalProfiles(names);
  const purposes = purposesWithNone(names);
  const byDepartment = new Map<string, MatrixRow[]>();
  for (const entry of policies.catalog()) {
    if (coordinates && !coordinates.includes(entry.coordinate)) continue;
    const rows = byDepartment.get(entry.department) ?? [];
    rows.push({ coordinate: entry.coordinate, cells: profiles.map((profile) => cellOf(policies, entry.coordinate, profile, purposes)) });
    byDepartment.set(entry.department, rows);
  }
  // Vocabulary order; a department the vocabulary does not list, then platform, at the end.
  const order = (department: string) => {
    if (department === PLATFORM_DEPARTMENT) return Infinity;
    const index = names.departments.indexOf(department);
    return index < 0 ? names.departments.length : index;
  };
  const departments = [...byDepartment.keys()].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { profiles, groups: departments.map((department) => ({ department, rows: byDepartment.get(department)! })) };
}

/** `ALLOW`; `own only`; `ALLOW with application-review, else DENY`; `ALLOW with audit or statistics; MASK(name) with …; else DENY`. */
export function describeCell(cell: MatrixCell): string {
  const base = formatEffectiveAccess(cell.base, { compact: true });
  if (cell.withPurposes.length === 0) return base;
  const exceptions = cell.withPurposes.map(({ purposes, access }) => `${formatEffectiveAccess(access, { compact: true })} with ${purposes.join(' or ')}`);
  return `${exceptions.join('; ')}${exceptions.length === 1 ? ',' : ';'} else ${base}`;
}
