/** The tables of the electronic-license library (snake_case columns, as stored). */
export interface LicensesDatabase {
  licenses: LicensesTable;
}

export type LicenseKind = 'BUSINESS_LICENSE' | 'FOOD_OPERATION_PERMIT' | 'DRIVING_LICENSE' | 'MARRIAGE_CERTIFICATE';
export type LicenseStatus = 'VALID' | 'EXPIRED' | 'REVOKED';
/** Which registry the holder key belongs to: a resident ID number or a credit code. */
export type HolderKind = 'PERSON' | 'ENTERPRISE';

export interface LicensesTable {
  license_no: string;
  kind: LicenseKind;
  holder_kind: HolderKind;
  /** Resident ID number (PERSON) or unified social credit code (ENTERPRISE). */
  holder_id: string;
  issuer: string;
  /** YYYY-MM-DD */
  issued_on: string;
  /** YYYY-MM-DD; null when the license does not expire. */
  valid_until: string | null;
  status: LicenseStatus;
}
