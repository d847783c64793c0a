import type { Selectable } from 'kysely';
import type { AccessGrant } from '../../policies/grants';
import type { AccessApplicationsTable, AccessApplicationStatus, AccessEventKind, AccessEventsTable, AccessGrantsTable } from './database';

/** What resolvers see: rows in GraphQL's camelCase, JSON columns parsed. */
export interface AccessApplicationRecord {
  id: string;
  applicant: string;
  applicantDepartment: string;
  provider: string;
  coordinates: string[];
  purpose: string;
  legalBasis: string;
  until: string;
  caseBound: boolean;
  status: AccessApplicationStatus;
  appliedAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export interface AccessGrantRecord extends AccessGrant {
  revokedAt: string | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface AccessEventRecord {
  applicationId: string;
  kind: AccessEventKind;
  actor: string;
  department: string;
  at: string;
  reason: string | null;
}

export function toApplicationRecord(row: Selectable<AccessApplicationsTable>): AccessApplicationRecord {
  return {
    id: row.id,
    applicant: row.applicant,
    applicantDepartment: row.applicant_department,
    provider: row.provider,
    coordinates: JSON.parse(row.coordinates) as string[],
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    until: row.until,
    caseBound: Number(row.case_bound) === 1,
    status: row.status,
    appliedAt: row.applied_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    reason: row.reason,
  };
}

export function toGrantRecord(row: Selectable<AccessGrantsTable>): AccessGrantRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    grantee: row.grantee,
    provider: row.provider,
    coordinates: JSON.parse(row.coordinates) as string[],
    purpose: row.purpose,
    until: row.until,
    caseBound: Number(row.case_bound) === 1,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    revokeReason: row.revoke_reason,
  };
}

export function toEventRecord(row: Selectable<AccessEventsTable>): AccessEventRecord {
  return { applicationId: row.application_id, kind: row.kind, actor: row.actor, department: row.actor_department, at: row.at, reason: row.reason };
}

/** The grant as published to the grant store: exactly the shared `AccessGrant` fields. */
export function toPublishedGrant(grant: AccessGrantRecord): AccessGrant {
  return {
    id: grant.id,
    applicationId: grant.applicationId,
    grantee: grant.grantee,
    provider: grant.provider,
    coordinates: grant.coordinates,
    purpose: grant.purpose,
    until: grant.until,
    caseBound: grant.caseBound,
    approvedBy: grant.approvedBy,
    approvedAt: grant.approvedAt,
  };
}

/** IN_FORCE, EXPIRED (past `until`) or REVOKED. */
export function grantStatusOf(grant: AccessGrantRecord, now: number): 'IN_FORCE' | 'EXPIRED' | 'REVOKED' {
  if (grant.revokedAt) return 'REVOKED';
  return Date.parse(grant.until) <= now ? 'EXPIRED' : 'IN_FORCE';
}
