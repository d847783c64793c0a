import type { WriteBackEvent } from '../../../schema/contracts/writeBack';
import type { NewDisclosureRow } from '../disclosures/disclosuresTable';

/**
 * The disclosure-log row of an applied write-back: the record written, by whom (the caseworker
 * who completed the application, from the sending department), for which event and case, and
 * the fields written. `subject` is the resident whose record it is, or null.
 */
export function writeBackDisclosure(department: string, event: WriteBackEvent, record: { type: string; key: string }, subject: string | null, at: string): NewDisclosureRow {
  return {
    disclosed_at: at,
    request_id: event.id,
    department,
    record_type: record.type,
    record_key: record.key,
    subject,
    reader_sub: event.actor,
    reader_roles: '[]',
    reader_dept: event.from,
    purpose: event.event,
    case_id: event.applicationId,
    masked: 0,
    fields: JSON.stringify(Object.keys(event.values)),
    action: 'write',
  };
}
