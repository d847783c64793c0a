import type { Selectable } from 'kysely';
import type { HolderKind, LicenseKind, LicenseStatus, LicensesTable } from './database';

/** A license as resolvers see it: the row in GraphQL's camelCase. */
export interface LicenseRecord {
  licenseNo: string;
  kind: LicenseKind;
  holderKind: HolderKind;
  holderId: string;
  issuer: string;
  issuedOn: string;
  validUntil: string | null;
  status: LicenseStatus;
}

export function toLicenseRecord(row: Selectable<LicensesTable>): LicenseRecord {
  return {
    licenseNo: row.license_no,
    kind: row.kind,
    holderKind: row.holder_kind,
    holderId: row.holder_id,
    issuer: row.issuer,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    status: row.status,
  };
}
