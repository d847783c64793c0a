import { allReaderClasses, CLEARANCES, departmentsWithNone, purposesWithNone, type ReaderClass, type VocabularyNames } from './readerClasses';

/** A set of reader classes written as a product: every combination of the values listed. */
export type ReaderGroup =
  | { kind: 'everyone' }
  | { kind: 'anonymous'; purposes: (string | null)[] }
  | { kind: 'signedIn'; roles: string[]; departments: (string | null)[]; clearances: number[]; purposes: (string | null)[] };

type Value = string | number | null;

/**
 * Factors a set of value tuples into a few products, dimension by dimension: values of the
 * first dimension whose remaining sets are identical are listed together. The tuples come
 * in vocabulary order, and so do the values of each product.
 */
function factor(tuples: Value[][], depth: number, dimensions: number): Value[][][] {
  if (depth === dimensions) return [[]];
  const byValue = new Map<Value, Value[][]>();
  for (const tuple of tuples) {
    const rest = byValue.get(tuple[depth]);
    if (rest) rest.push(tuple);
    else byValue.set(tuple[depth], [tuple]);
  }
  const groups = new Map<string, { values: Value[]; rows: Value[][][] }>();
  for (const [value, rest] of byValue) {
    const rows = factor(rest, depth + 1, dimensions);
    const key = JSON.stringify(rows);
    const group = groups.get(key);
    if (group) group.values.push(value);
    else groups.set(key, { values: [value], rows });
  }
  return [...groups.values()].flatMap(({ values, rows }) => rows.map((row) => [values, ...row]));
}

/** Distinct reader classes, in `allReaderClasses(names)` order, as few reader groups as factoring finds. */
export function collapseReaderClasses(classes: readonly ReaderClass[], names: VocabularyNames): ReaderGroup[] {
  if (classes.length === allReaderClasses(names).length) return [{ kind: 'everyone' }];
  const groups: ReaderGroup[] = [];
  const anonymous = classes.filter((c) => c.kind === 'anonymous');
  if (anonymous.length > 0) groups.push({ kind: 'anonymous', purposes: anonymous.map((c) => c.purpose) });
  const tuples = classes.flatMap((c) => (c.kind === 'signedIn' ? [[c.role, c.dept, c.clearance, c.purpose]] : []));
  for (const [roles, departments, clearances, purposes] of factor(tuples, 0, 4)) {
    groups.push({
      kind: 'signedIn',
      roles: roles as string[],
      departments: departments as (string | null)[],
      clearances: clearances as number[],
      purposes: purposes as (string | null)[],
    });
  }
  return groups;
}

const same = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((value) => b.includes(value));

function describePurposes(purposes: (string | null)[], names: VocabularyNames): string | null {
  if (same(purposes, purposesWithNone(names))) return null;
  if (same(purposes, names.purposes)) return 'any declared purpose';
  if (same(purposes, [null])) return 'no purpose';
  return `purpose ${purposes.map((p) => p ?? 'none').join(' or ')}`;
}

function describeDepartments(departments: (string | null)[], names: VocabularyNames): string | null {
  if (same(departments, departmentsWithNone(names))) return null;
  if (same(departments, names.departments)) return 'any department';
  if (same(departments, [null])) return 'no department';
  return `dept ${departments.map((d) => d ?? 'none').join(' or ')}`;
}

function describeClearances(clearances: number[]): string | null {
  if (same(clearances, CLEARANCES)) return null;
  const sorted = [...clearances].sort((a, b) => a - b);
  const contiguous = sorted.every((c, i) => i === 0 || c === sorted[i - 1] + 1);
  if (sorted.length === 1) return `clearance ${sorted[0]}`;
  if (contiguous && sorted[sorted.length - 1] === CLEARANCES[CLEARANCES.length - 1]) return `clearance ${sorted[0]}+`;
  if (contiguous) return `clearance ${sorted[0]}–${sorted[sorted.length - 1]}`;
  return `clearance ${sorted.join(' or ')}`;
}

/**
 * `reviewer · purpose application-review · clearance 3+`: the roles, then only the
 * conditions that narrow the group (a group of every department, clearance and purpose is
 * just its roles).
 */
export function describeReaderGroup(group: ReaderGroup, names: VocabularyNames): string {
  if (group.kind === 'everyone') return 'everyone (anonymous included)';
  if (group.kind === 'anonymous') return ['anonymous', describePurposes(group.purposes, names)].filter(Boolean).join(' · ');
  return [group.roles.join(', '), describeDepartments(group.departments, names), describeClearances(group.clearances), describePurposes(group.purposes, names)]
    .filter(Boolean)
    .join(' · ');
}
