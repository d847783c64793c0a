import { accessMatrix, describeCell, describeProfile, type Access, type AccessMatrix, type MatrixCell, type PolicySet } from '../../../policies';
import type { CatalogContext } from '../context';
import type { SharingTypeEnum } from '../listCatalog';
import { EXPLAINERS } from './explainAccess';
import { requireRoles } from './requireRoles';

type Profile = AccessMatrix['profiles'][number];

export interface MatrixCellRecord {
  reader: string;
  access: Access['kind'];
  mask: string | null;
  ownRecord: Access['kind'] | null;
  text: string;
}

export interface AccessMatrixRecord {
  readers: { key: string; label: string }[];
  rows: { coordinate: string; department: string; sensitivity: number; sharingType: SharingTypeEnum; cells: MatrixCellRecord[] }[];
  policyVersion: string;
}

/** `anonymous`; `role:caseworker|dept:services|clearance:2` (`dept:none` for citizens). */
function keyOf(profile: Profile): string {
  return profile.kind === 'anonymous' ? 'anonymous' : `role:${profile.role}|dept:${profile.dept ?? 'none'}|clearance:${profile.clearance}`;
}

/** A cell by what the reader class gets without a purpose: own-record-only access is DENY on others' records, with `ownRecord`. */
function cellOf(reader: string, cell: MatrixCell): MatrixCellRecord {
  const { base } = cell;
  const text = describeCell(cell);
  switch (base.kind) {
    case 'ALLOW':
    case 'DENY':
      return { reader, access: base.kind, mask: null, ownRecord: null, text };
    case 'MASK':
      return { reader, access: 'MASK', mask: base.mask, ownRecord: null, text };
    case 'OWN_ONLY':
      return { reader, access: 'DENY', mask: null, ownRecord: base.own.kind, text };
  }
}

/** The whole matrix of a policy set, built once per set (sets are immutable; a reload makes a new one). */
const built = new WeakMap<PolicySet, AccessMatrixRecord>();

function matrixOf(policies: PolicySet): AccessMatrixRecord {
  const known = built.get(policies);
  if (known) return known;
  const matrix = accessMatrix(policies, { roles: policies.roles, departments: policies.departments ?? [], purposes: policies.purposes });
  const entries = new Map(policies.catalog().map((entry) => [entry.coordinate, entry]));
  const keys = matrix.profiles.map(keyOf);
  const record: AccessMatrixRecord = {
    readers: matrix.profiles.map((profile, i) => ({ key: keys[i], label: describeProfile(profile) })),
    rows: matrix.groups.flatMap((group) =>
      group.rows.map((row) => {
        const entry = entries.get(row.coordinate)!;
        return {
          coordinate: row.coordinate,
          department: group.department,
          sensitivity: entry.sensitivity,
          sharingType: entry.sharing.toUpperCase() as SharingTypeEnum,
          cells: row.cells.map((cell, i) => cellOf(keys[i], cell)),
        };
      }),
    ),
    policyVersion: policies.hash,
  };
  built.set(policies, record);
  return record;
}

/**
 * `Query.accessMatrix`: every field × each reader class (anonymous, then each role as its
 * typical holder), as `policy matrix` gives it for the policies in force (access grants are
 * not in it: they are per department and purpose, and listed by `grants`); the rows of one
 * department when asked. Officers and auditors.
 */
export function accessMatrixView(ctx: CatalogContext, department: string | null | undefined): AccessMatrixRecord {
  requireRoles(ctx, EXPLAINERS, 'see the access matrix');
  const matrix = matrixOf(ctx.services.catalog.policies());
  return department ? { ...matrix, rows: matrix.rows.filter((row) => row.department === department) } : matrix;
}
