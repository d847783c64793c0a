import type { Identity } from '../defineDepartment';
import type { PendingDisclosure } from './DisclosureCollector';
import type { NewDisclosureRow } from './disclosuresTable';

/** What a request's context says about who read, why and under which request id. */
export interface DisclosureRequest {
  department: string;
  requestId: string;
  identity: Identity | null;
  purpose: string | null;
  caseId: string | null;
}

/** The table rows for one request's disclosures, all stamped with the same time. */
export function disclosureRowsOf(pending: readonly PendingDisclosure[], request: DisclosureRequest, at: Date): NewDisclosureRow[] {
  const disclosedAt = at.toISOString();
  const readerRoles = JSON.stringify(request.identity?.roles ?? []);
  return pending.map((record) => ({
    disclosed_at: disclosedAt,
    request_id: request.requestId,
    department: request.department,
    record_type: record.recordType,
    record_key: record.recordKey,
    subject: record.subject,
    reader_sub: request.identity?.sub ?? null,
    reader_roles: readerRoles,
    reader_dept: request.identity?.dept ?? null,
    purpose: request.purpose,
    case_id: request.caseId,
    masked: record.masked ? 1 : 0,
    fields: JSON.stringify([...record.fields]),
  }));
}
