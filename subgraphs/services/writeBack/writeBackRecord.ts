import type { Selectable } from 'kysely';
import type { WriteBackRowState, WriteBacksTable } from '../database';

export type WriteBackStateName = 'PENDING' | 'APPLIED' | 'REFUSED' | 'DEAD';

/** A write-back as `Application.writeBacks` and `ApplicationUpdate.writeBack` show it. */
export interface WriteBackRecord {
  id: string;
  applicationId: string;
  department: string;
  event: string;
  /** The coordinates written. */
  fields: string[];
  state: WriteBackStateName;
  attempts: number;
  /** When it last changed state. */
  at: string;
  reason: string | null;
  record: string | null;
}

export function stateName(state: WriteBackRowState): WriteBackStateName {
  return state.toUpperCase() as WriteBackStateName;
}

export function toWriteBackRecord(row: Selectable<WriteBacksTable>): WriteBackRecord {
  return {
    id: row.id,
    applicationId: row.application_id,
    department: row.department,
    event: row.event,
    fields: JSON.parse(row.fields) as string[],
    state: stateName(row.state),
    attempts: Number(row.attempts),
    at: row.state_at,
    // A dead one was refused by no one: why it could not be delivered.
    reason: row.state === 'dead' ? row.last_error : row.reason,
    record: row.record,
  };
}
