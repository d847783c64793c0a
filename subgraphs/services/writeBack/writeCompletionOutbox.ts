import type { Insertable, Transaction } from 'kysely';
import type { SigningKey } from '../../../policies';
import { sealWriteBack, WRITE_BACK_EVENT_VERSION, type WriteBackEvent, type WriteBackValue } from '../../../schema/contracts/writeBack';
import type { ServicesDatabase, WriteBacksTable } from '../database';
import type { ApplicationRecord } from '../records';
import { appendApplicationUpdates, type CaseOwners, type NewApplicationUpdate } from '../updates/appendApplicationUpdates';
import { coordinatesOf, type DeclaredValue, type DeclaredWrite, type WriteBackDeclarations } from './writeBackDeclarations';

const BEIJING_OFFSET_MS = 8 * 3600_000;

export interface Completion {
  application: ApplicationRecord;
  owners: CaseOwners;
  /** Who completed it (a token's `sub`). */
  actor: string;
  /** When, ISO 8601. */
  at: string;
  declarations: WriteBackDeclarations;
  signingKey: SigningKey;
}

/** The date `years` after `at`, as the calendar in Beijing reads it: YYYY-MM-DD. */
export function yearsAfter(at: string, years: number): string {
  const local = new Date(Date.parse(at) + BEIJING_OFFSET_MS);
  local.setUTCFullYear(local.getUTCFullYear() + years);
  return local.toISOString().slice(0, 10);
}

/** The values of one write for this application, or why they cannot be had (nothing personal in it). */
function resolveValues(write: DeclaredWrite, details: ReadonlyMap<string, string>, at: string): { values: Record<string, WriteBackValue> } | { missing: string } {
  const values: Record<string, WriteBackValue> = {};
  for (const [field, declared] of Object.entries(write.values) as [string, DeclaredValue][]) {
    if (declared.kind === 'literal') values[field] = declared.value;
    else if (declared.kind === 'yearsAfterCompletion') values[field] = yearsAfter(at, declared.years);
    else {
      const value = details.get(declared.name);
      if (value === undefined) return { missing: `the application carries no ${declared.name}, which ${write.type}.${field} is written from` };
      values[field] = value;
    }
  }
  return { values };
}

/**
 * The completion's side of the transactional outbox, inside the completion's own transaction:
 * one `write_backs` row per write its item declares (`<applicationId>/<n>`, sealed with the
 * service platform's key, pending), then the application's updates: its COMPLETED status and
 * each write-back as it starts. A write that cannot be built (a detail the application lacks,
 * no enterprise for an enterprise's record) is recorded refused with the reason, never dropped.
 * Returns how many are pending, for the relay.
 */
export async function writeCompletionOutbox(trx: Transaction<ServicesDatabase>, completion: Completion, statusUpdate: NewApplicationUpdate): Promise<number> {
  const { application, owners, actor, at } = completion;
  const item = completion.declarations.items.get(application.itemCode);
  if (!item || item.writes.length === 0) {
    await appendApplicationUpdates(trx, [statusUpdate]);
    return 0;
  }
  const detailRows = await trx.selectFrom('application_details').select(['name', 'value']).where('application_id', '=', application.id).execute();
  const details = new Map(detailRows.map((row) => [row.name, row.value]));
  const rows: Insertable<WriteBacksTable>[] = [];
  for (const [index, write] of item.writes.entries()) {
    const id = `${application.id}/${index + 1}`;
    const key = write.key === 'applicant' ? application.applicantIdNumber : application.enterpriseCreditCode;
    const resolved = resolveValues(write, details, at);
    const missing = key === null ? `the application names no enterprise, whose ${write.type} this writes` : 'missing' in resolved ? resolved.missing : null;
    const event: WriteBackEvent = {
      version: WRITE_BACK_EVENT_VERSION,
      id,
      from: 'services',
      department: write.department,
      event: item.event,
      action: write.action,
      target: { type: write.type, key: key ?? '' },
      values: 'values' in resolved ? resolved.values : {},
      applicationId: application.id,
      itemCode: application.itemCode,
      applicant: application.applicantIdNumber,
      actor,
      completedAt: at,
    };
    const sealed = await sealWriteBack(event, completion.signingKey);
    rows.push({
      id,
      application_id: application.id,
      n: index + 1,
      item_code: application.itemCode,
      department: write.department,
      event: item.event,
      fields: JSON.stringify(coordinatesOf(write)),
      sealed: JSON.stringify(sealed),
      applicant: application.applicantIdNumber,
      actor,
      state: missing ? 'refused' : 'pending',
      attempts: 0,
      next_attempt_at: at,
      published_at: null,
      last_error: null,
      reason: missing,
      record: null,
      created_at: at,
      state_at: at,
      decided_seq: null,
    });
  }
  await trx.insertInto('write_backs').values(rows).execute();
  const updates: NewApplicationUpdate[] = [
    statusUpdate,
    ...rows.map((row) => ({
      application_id: application.id,
      applicant: owners.applicant,
      handled_by: owners.handledBy,
      kind: 'WRITE_BACK' as const,
      status: null,
      write_back_id: row.id,
      state: row.state,
      attempts: 0,
      reason: row.reason ?? null,
      record: null,
      at,
    })),
  ];
  const seqs = await appendApplicationUpdates(trx, updates);
  // A write refused here is settled at once: its number in the feed of settled write-backs is its update's.
  for (const [i, row] of rows.entries()) {
    if (row.state === 'refused')
      await trx
        .updateTable('write_backs')
        .set({ decided_seq: seqs[i + 1] })
        .where('id', '=', row.id)
        .execute();
  }
  return rows.filter((row) => row.state === 'pending').length;
}
