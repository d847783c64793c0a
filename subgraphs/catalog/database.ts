/** The catalog center's own tables (snake_case columns, as stored). */
export interface CatalogDatabase {
  access_applications: AccessApplicationsTable;
  access_grants: AccessGrantsTable;
  access_events: AccessEventsTable;
  catalog_counters: CatalogCountersTable;
}

export type AccessApplicationStatus = 'PENDING' | 'APPROVED' | 'REFUSED';
export type AccessEventKind = 'APPLIED' | 'APPROVED' | 'REFUSED' | 'REVOKED';

export interface AccessApplicationsTable {
  /** AA-000001 */
  id: string;
  /** `sub` of the staff member who applied. */
  applicant: string;
  applicant_department: string;
  provider: string;
  /** JSON array of field coordinates, sorted. */
  coordinates: string;
  purpose: string;
  legal_basis: string;
  /** ISO 8601 (UTC) end of the access asked for. */
  until: string;
  /** 1 = bound to a service case under review. */
  case_bound: number;
  status: AccessApplicationStatus;
  applied_at: string;
  decided_at: string | null;
  decided_by: string | null;
  reason: string | null;
}

export interface AccessGrantsTable {
  /** G-000001 */
  id: string;
  application_id: string;
  grantee: string;
  provider: string;
  /** JSON array of field coordinates, sorted. */
  coordinates: string;
  purpose: string;
  until: string;
  case_bound: number;
  approved_by: string;
  approved_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

/** The history of an application and of its grant, in the order things happened. */
export interface AccessEventsTable {
  application_id: string;
  /** 1, 2, 3 … per application. */
  seq: number;
  kind: AccessEventKind;
  actor: string;
  actor_department: string;
  at: string;
  reason: string | null;
}

/** The last number given out per kind of id (`application`, `grant`), so ids never repeat. */
export interface CatalogCountersTable {
  name: string;
  last: number;
}
