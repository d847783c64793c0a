import type { DecidedWriteBack } from '../../schema/contracts/writeBack';
import { SERVICE_PLATFORM } from '../execute/departmentGet';
import type { AuditEntry } from './AuditRecord';

/** The outcome codes of a write-back that was not applied (audit records only; no response carries them). */
export const WRITE_BACK_AUDIT_CODES = { refused: 'WRITE_BACK_REFUSED', dead: 'WRITE_BACK_DEAD' } as const;

/**
 * The audit record of one settled write-back (see `AuditWriteBack` for how its fields read).
 * Resident ID numbers (the applicant, a record's key) are pseudonymised by the ledger as it stores it.
 */
export function writeBackAuditEntry(decided: DecidedWriteBack): AuditEntry {
  const applied = decided.state === 'applied';
  const keys = [decided.applicant, decided.applicationId, ...(decided.record ? [keyOfRecord(decided.record)] : [])];
  return {
    requestId: decided.eventId,
    identity: { sub: decided.actor, roles: [], dept: SERVICE_PLATFORM, clearance: 0 },
    purpose: decided.event,
    caseId: decided.applicationId,
    operation: { name: decided.itemCode, type: 'write-back', documentHash: null },
    keys: [...new Set(keys)].sort(),
    decisions: [...new Set(decided.coordinates)].sort().map((coordinate) => ({ coordinate, decision: applied ? 'ALLOW' : 'DENY' })),
    subgraphs: [decided.department],
    outcome:
      decided.state === 'applied'
        ? { kind: 'ok' }
        : { kind: 'errors', codes: [WRITE_BACK_AUDIT_CODES[decided.state]], reason: decided.reason ?? (decided.state === 'dead' ? 'given up' : 'refused') },
    policyHash: null,
    writeBack: { seq: decided.seq, department: decided.department, event: decided.event, state: decided.state, record: decided.record, at: decided.at },
  };
}

/** `License LIC-2026-000123` → `LIC-2026-000123`: the key a record is found by. */
function keyOfRecord(record: string): string {
  const space = record.indexOf(' ');
  return space < 0 ? record : record.slice(space + 1);
}

const STATES = new Set(['applied', 'refused', 'dead']);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/**
 * A settled write-back as the service platform sent it, checked field by field; undefined when
 * any field is missing or of the wrong kind (the follower then stops there rather than record
 * something it cannot vouch for).
 */
export function decidedWriteBackOf(value: unknown): DecidedWriteBack | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<keyof DecidedWriteBack, unknown>;
  const wellFormed =
    Number.isSafeInteger(v.seq) &&
    (v.seq as number) > 0 &&
    isText(v.eventId) &&
    isText(v.applicationId) &&
    isText(v.itemCode) &&
    isText(v.event) &&
    isText(v.department) &&
    typeof v.state === 'string' &&
    STATES.has(v.state) &&
    isTextOrNull(v.reason) &&
    isTextOrNull(v.record) &&
    Array.isArray(v.coordinates) &&
    v.coordinates.every(isText) &&
    isText(v.actor) &&
    isText(v.applicant) &&
    isText(v.at);
  if (!wellFormed) return undefined;
  return {
    seq: v.seq as number,
    eventId: v.eventId as string,
    applicationId: v.applicationId as string,
    itemCode: v.itemCode as string,
    event: v.event as string,
    department: v.department as string,
    state: v.state as DecidedWriteBack['state'],
    reason: v.reason as string | null,
    record: v.record as string | null,
    coordinates: [...(v.coordinates as string[])],
    actor: v.actor as string,
    applicant: v.applicant as string,
    at: v.at as string,
  };
}
