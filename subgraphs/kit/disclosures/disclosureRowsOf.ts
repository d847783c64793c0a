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

/** The columns that say who read, why and under which request: the same on every row of a request, a copied one's too. */
export type ReaderColumns = Pick<NewDisclosureRow, 'request_id' | 'reader_sub' | 'reader_roles' | 'reader_dept' | 'purpose' | 'case_id'>;

export function readerColumnsOf(request: Omit<DisclosureRequest, 'department'>): ReaderColumns {
  return {
    request_id: request.requestId,
    reader_sub: request.identity?.sub ?? null,
    reader_roles: JSON.stringify(request.identity?.roles ?? []),
    reader_dept: request.identity?.dept ?? null,
    purpose: request.purpose,
    case_id: request.caseId,
  };
}

/** The table rows for one request's disclosures, all stamped with the same time. */
export function disclosureRowsOf(pending: readonly PendingDisclosure[], request: DisclosureRequest, at: Date): NewDisclosureRow[] {
  const disclosedAt = at.toISOString();
  const reader = readerColumnsOf(request);
  return pending.map((record) => ({
    disclosed_at: disclosedAt,
    department: request.department,
    record_type: record.recordType,
    record_key: record.recordKey,
    subject: record.subject,
    ...reader,
    masked: record.masked ? 1 : 0,
    fields: JSON.stringify([...record.fields]),
  }));
}
