import type { Kysely, Transaction } from 'kysely';
import type { PolicySet, PublicSigningKey } from '../../../policies';
import { openWriteBack, type WriteBackEvent, type WriteBackOutcome } from '../../../schema/contracts/writeBack';
import { DISCLOSURES_TABLE } from '../disclosures/disclosuresTable';
import { quotedName, refusalReason } from './refusalReason';
import type { WriteBackAction } from './WriteBackAction';
import { writeBackDisclosure } from './writeBackDisclosure';
import { WRITE_BACKS_TABLE, type WriteBackRow } from './writeBacksTable';

/**
 * What became of something delivered: an outcome to send back (the same one every time the
 * event comes again), or a forgery, for which no outcome is sent: nothing in it is trusted.
 */
export type ReceivedWriteBack = { kind: 'outcome'; outcome: WriteBackOutcome } | { kind: 'forged'; why: string };

export interface WriteBackReceiverOptions<DB> {
  department: string;
  db: Kysely<DB>;
  actions: Record<string, WriteBackAction<DB>>;
  /** The service platform's key: only what it signed is applied. */
  publicKey: PublicSigningKey;
  /** The write policies in force now; null when policies are off (writes are then not checked). */
  policies(): PolicySet | null;
  now?: () => Date;
}

/** Decisions since start, for `/health`. */
export interface WriteBackCounts {
  /** Events applied (each once). */
  applied: number;
  /** Events refused (each once). */
  refused: number;
  /** Deliveries not signed by the service platform (or not for this department). */
  forged: number;
  /** Deliveries of an event already decided, answered from the inbox. */
  repeated: number;
}

export interface WriteBackReceiver {
  /**
   * Opens, checks and applies one delivery, at most once per event id. Throws on a failure
   * that may pass (the database): no outcome is recorded then, and the transport delivers it again.
   */
  receiveWriteBack(sealed: unknown): Promise<ReceivedWriteBack>;
  counts(): WriteBackCounts;
}

/** Thrown inside the transaction to roll back what a refusing action may have written. */
class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

type Decided = Omit<WriteBackRow, 'state' | 'reason' | 'record_type' | 'record_key' | 'decided_at'>;

function undecided(event: WriteBackEvent): Decided {
  return { event_id: event.id, event: event.event, from_department: event.from, action: event.action, application_id: event.applicationId };
}

/**
 * A department's side of the write-back exchange, whatever carried the event (an HTTP delivery,
 * a Redis stream): signature, idempotency (the inbox, `kit_write_backs`), the department's
 * actions, its write policies, then one transaction that records the decision, applies the
 * action and logs the write in the disclosure log.
 */
export function createWriteBackReceiver<DB>(options: WriteBackReceiverOptions<DB>): WriteBackReceiver {
  const { department, publicKey } = options;
  const db = options.db as unknown as Kysely<any>;
  const now = options.now ?? (() => new Date());
  const counts: WriteBackCounts = { applied: 0, refused: 0, forged: 0, repeated: 0 };

  const outcomeOf = (row: WriteBackRow): WriteBackOutcome => ({
    eventId: row.event_id,
    department,
    state: row.state,
    reason: row.state === 'refused' ? row.reason : null,
    record: row.state === 'applied' && row.record_type && row.record_key ? { type: row.record_type, key: row.record_key } : null,
    at: row.decided_at,
  });

  const stored = async (eventId: string): Promise<WriteBackOutcome | null> => {
    const row = (await db.selectFrom(WRITE_BACKS_TABLE).selectAll().where('event_id', '=', eventId).executeTakeFirst()) as WriteBackRow | undefined;
    return row ? outcomeOf(row) : null;
  };

  /** The outcome already stored for an event another delivery decided meanwhile. */
  const storedMeanwhile = async (eventId: string): Promise<ReceivedWriteBack> => {
    const outcome = await stored(eventId);
    if (!outcome) throw new Error(`write-back ${eventId} was decided by another delivery, but its outcome cannot be read`);
    counts.repeated++;
    return { kind: 'outcome', outcome };
  };

  const refuse = async (decided: Decided, reason: string): Promise<ReceivedWriteBack> => {
    const row: WriteBackRow = { ...decided, state: 'refused', reason: refusalReason(reason), record_type: null, record_key: null, decided_at: now().toISOString() };
    const inserted = await db
      .insertInto(WRITE_BACKS_TABLE)
      .values(row)
      .onConflict((conflict) => conflict.column('event_id').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return storedMeanwhile(decided.event_id);
    counts.refused++;
    return { kind: 'outcome', outcome: outcomeOf(row) };
  };

  /** Why the write policies refuse the event, or null when they allow every field it writes (or are off). */
  const policyRefusal = (event: WriteBackEvent): string | null => {
    const policies = options.policies();
    if (!policies) return null;
    if (!policies.decideWrite) return `${department} has no write policies, so it accepts no write-back`;
    for (const field of Object.keys(event.values)) {
      const decision = policies.decideWrite({ coordinate: `${event.target.type}.${field}`, from: event.from, event: event.event });
      if (!decision.allowed) return decision.why;
    }
    return null;
  };

  const apply = async (action: WriteBackAction<DB>, event: WriteBackEvent): Promise<ReceivedWriteBack> => {
    const at = now().toISOString();
    let decided: { row: WriteBackRow } | 'repeated';
    try {
      decided = await db.transaction().execute(async (trx) => {
        // Claims the event id first: a delivery racing this one waits here (PostgreSQL) and then finds it taken.
        const claimed = await trx
          .insertInto(WRITE_BACKS_TABLE)
          .values({ ...undecided(event), state: 'applied', reason: null, record_type: null, record_key: null, decided_at: at })
          .onConflict((conflict) => conflict.column('event_id').doNothing())
          .executeTakeFirst();
        if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) return 'repeated' as const;
        const result = await action.apply(trx as unknown as Transaction<DB>, event);
        if (result.kind === 'refused') throw new Refusal(result.reason);
        const { type, key } = result.record ?? {};
        if (typeof type !== 'string' || !type || typeof key !== 'string' || !key) {
          throw new Error(`${department}: write-back action ${event.action} applied without naming the record it wrote`);
        }
        const row: WriteBackRow = { ...undecided(event), state: 'applied', reason: null, record_type: type, record_key: key, decided_at: at };
        await trx.updateTable(WRITE_BACKS_TABLE).set({ record_type: type, record_key: key }).where('event_id', '=', event.id).execute();
        const subject = result.subject !== undefined ? result.subject : event.target.key === event.applicant ? event.applicant : null;
        await trx
          .insertInto(DISCLOSURES_TABLE)
          .values(writeBackDisclosure(department, event, { type, key }, subject, at))
          .execute();
        return { row };
      });
    } catch (error) {
      if (error instanceof Refusal) return refuse(undecided(event), error.reason);
      throw error;
    }
    if (decided === 'repeated') return storedMeanwhile(event.id);
    counts.applied++;
    return { kind: 'outcome', outcome: outcomeOf(decided.row) };
  };

  return {
    counts: () => ({ ...counts }),
    async receiveWriteBack(sealed) {
      const opened = await openWriteBack(sealed, publicKey, department);
      if (opened.kind === 'forged') {
        counts.forged++;
        return { kind: 'forged', why: refusalReason(opened.why) };
      }
      const eventId = opened.kind === 'event' ? opened.event.id : opened.id;
      const before = await stored(eventId);
      if (before) {
        counts.repeated++;
        return { kind: 'outcome', outcome: before };
      }
      if (opened.kind === 'malformed') {
        return refuse({ event_id: eventId, event: null, from_department: null, action: null, application_id: null }, `the event is malformed: ${opened.why}`);
      }
      const { event } = opened;
      const action = Object.hasOwn(options.actions, event.action) ? options.actions[event.action] : undefined;
      if (!action) return refuse(undecided(event), `${department} has no write-back action ${quotedName(event.action, 'of that name')}`);
      if (Object.keys(event.values).length === 0) return refuse(undecided(event), 'the event writes no field');
      const denied = policyRefusal(event);
      if (denied !== null) return refuse(undecided(event), denied);
      return apply(action, event);
    },
  };
}
