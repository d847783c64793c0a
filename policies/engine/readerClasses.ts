import type { Vocabulary } from './model';
import type { Reader } from './types';

/**
 * The kinds of reader the officers' tools compare and tabulate: `policy diff` evaluates
 * every reader class, `policy matrix` one typical profile per role. Defined once here so
 * that the two never disagree about who "a reviewer" is.
 */

/** The names of `vocabulary.yaml`, in file order. */
export interface VocabularyNames {
  roles: readonly string[];
  departments: readonly string[];
  purposes: readonly string[];
}

export function vocabularyNames(vocabulary: Vocabulary): VocabularyNames {
  return { roles: [...vocabulary.roles.keys()], departments: [...vocabulary.departments.keys()], purposes: [...vocabulary.purposes.keys()] };
}

/** Every name of either vocabulary, the first one's order first: a diff evaluates readers of both. */
export function unionOfNames(a: VocabularyNames, b: VocabularyNames): VocabularyNames {
  const union = (x: readonly string[], y: readonly string[]) => [...new Set([...x, ...y])];
  return { roles: union(a.roles, b.roles), departments: union(a.departments, b.departments), purposes: union(a.purposes, b.purposes) };
}

/** One kind of reader: anonymous, or a single role with a department (null: none, as citizens), a clearance and a declared purpose (null: none). */
export type ReaderClass = { kind: 'anonymous'; purpose: string | null } | { kind: 'signedIn'; role: string; dept: string | null; clearance: number; purpose: string | null };

export const CLEARANCES: readonly number[] = [1, 2, 3, 4];

/** Reader classes stand for every token with these claims; their `sub` matches no one's record. */
const CLASS_SUB = 'reader-class';

export function readerOf(readerClass: ReaderClass): Reader {
  if (readerClass.kind === 'anonymous') return { identity: null, purpose: readerClass.purpose };
  const { role, dept, clearance, purpose } = readerClass;
  return { identity: { sub: CLASS_SUB, roles: [role], dept, clearance }, purpose };
}

/** Declared purposes plus none (null): a request need not declare one. */
export function purposesWithNone(names: VocabularyNames): (string | null)[] {
  return [null, ...names.purposes];
}

/** Vocabulary departments plus none (null): citizens belong to no department. */
export function departmentsWithNone(names: VocabularyNames): (string | null)[] {
  return [null, ...names.departments];
}

/**
 * Every reader class: anonymous × each purpose, and each role × each department (or none) ×
 * each clearance × each purpose (or none). Readers holding several roles are not listed:
 * a grant matches any of a reader's roles, so what they see is, but for reveal lists, the
 * best of what each role sees.
 */
export function allReaderClasses(names: VocabularyNames): ReaderClass[] {
  const classes: ReaderClass[] = purposesWithNone(names).map((purpose) => ({ kind: 'anonymous', purpose }));
  for (const role of names.roles) {
    for (const dept of departmentsWithNone(names)) {
      for (const clearance of CLEARANCES) {
        for (const purpose of purposesWithNone(names)) classes.push({ kind: 'signedIn', role, dept, clearance, purpose });
      }
    }
  }
  return classes;
}

/** A matrix column: a role as it is usually held (department and clearance), or anonymous. */
export type ReaderProfile = { kind: 'anonymous' } | { kind: 'signedIn'; role: string; dept: string | null; clearance: number; typical: boolean };

/**
 * Who usually holds each role of the shipped vocabulary (docs/frontends.md, "Getting a token"). A
 * role added to the vocabulary later gets no department and clearance 1 until it is
 * listed here (the matrix says so: `typical: false`).
 */
export const TYPICAL_HOLDERS: Readonly<Record<string, { dept: string | null; clearance: number }>> = Object.freeze({
  citizen: { dept: null, clearance: 1 },
  caseworker: { dept: 'services', clearance: 2 },
  reviewer: { dept: 'market', clearance: 3 },
  officer: { dept: 'population', clearance: 4 },
  auditor: { dept: 'audit', clearance: 3 },
  analyst: { dept: 'statistics', clearance: 2 },
  manager: { dept: 'services', clearance: 2 },
});

/** The matrix columns: anonymous, then each role of the vocabulary with its typical holder. */
export function typicalProfiles(names: VocabularyNames): ReaderProfile[] {
  return [
    { kind: 'anonymous' },
    ...names.roles.map((role): ReaderProfile => {
      const holder = TYPICAL_HOLDERS[role];
      const dept = holder?.dept && names.departments.includes(holder.dept) ? holder.dept : null;
      return { kind: 'signedIn', role, dept, clearance: holder?.clearance ?? 1, typical: holder !== undefined };
    }),
  ];
}

export function profileReader(profile: ReaderProfile, purpose: string | null): Reader {
  return readerOf(profile.kind === 'anonymous' ? { kind: 'anonymous', purpose } : { ...profile, purpose });
}

/** `anonymous`, `caseworker (services, clearance 2)`, `citizen (no department, clearance 1)`. */
export function describeProfile(profile: ReaderProfile): string {
  if (profile.kind === 'anonymous') return 'anonymous';
  const note = profile.typical ? '' : ', no typical holder listed';
  return `${profile.role} (${profile.dept ?? 'no department'}, clearance ${profile.clearance}${note})`;
}
