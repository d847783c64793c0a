import { AUDIT_RECORD_VERSION, type AuditRecord } from './AuditRecord';

const HEX64 = /^[0-9a-f]{64}$/;

/** A ledger line as a record, or undefined when it is not one (not JSON, a field missing or of the wrong kind). */
export function parseRecordLine(text: string): AuditRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record = value as Partial<AuditRecord>;
  const wellFormed =
    record.v === AUDIT_RECORD_VERSION &&
    Number.isSafeInteger(record.seq) &&
    typeof record.time === 'string' &&
    typeof record.requestId === 'string' &&
    typeof record.prev === 'string' &&
    HEX64.test(record.prev) &&
    typeof record.hash === 'string' &&
    HEX64.test(record.hash) &&
    typeof record.sig === 'string' &&
    Array.isArray(record.keys) &&
    Array.isArray(record.decisions) &&
    Array.isArray(record.subgraphs) &&
    typeof record.outcome === 'object' &&
    record.outcome !== null &&
    typeof record.operation === 'object' &&
    record.operation !== null;
  return wellFormed ? (record as AuditRecord) : undefined;
}
