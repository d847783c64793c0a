import type { Request, RequestHandler, Response } from 'express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { APPLICATION_UPDATES_HEAD_PATH, WRITE_BACK_OUTCOMES_PATH, type DecidedWriteBack } from '../../../schema/contracts/writeBack';
import type { ServicesDatabase } from '../database';

export const MAX_OUTCOMES_PAGE = 500;
const DEFAULT_OUTCOMES_PAGE = 100;

/** The newest number of the updates sequence: application updates and settled write-backs share it. */
export async function updatesHead(db: Kysely<ServicesDatabase>): Promise<number> {
  const row = await db.selectFrom('services_sequences').select('last').where('name', '=', 'updates').executeTakeFirst();
  return Number(row?.last ?? 0);
}

/** Settled write-backs after `after`, in the order they settled. */
export async function decidedWriteBacks(db: Kysely<ServicesDatabase>, after: number, limit: number): Promise<DecidedWriteBack[]> {
  const rows = await db
    .selectFrom('write_backs')
    .selectAll()
    .where('decided_seq', '>', after)
    .where('state', 'in', ['applied', 'refused', 'dead'])
    .orderBy('decided_seq')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    seq: Number(row.decided_seq),
    eventId: row.id,
    applicationId: row.application_id,
    itemCode: row.item_code,
    event: row.event,
    department: row.department,
    state: row.state as DecidedWriteBack['state'],
    reason: row.state === 'dead' ? row.last_error : row.reason,
    record: row.record,
    coordinates: JSON.parse(row.fields) as string[],
    actor: row.actor,
    applicant: row.applicant,
    at: row.state_at,
  }));
}

/** A whole number from the query string, or the fallback when absent; null when malformed or out of range. */
function wholeNumber(value: unknown, fallback: number, min: number, max: number): number | null {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/**
 * The routes the gateway follows (the kit serves them only to the gateway's token):
 * `APPLICATION_UPDATES_HEAD_PATH` → `{ seq }`, so the `/events` stream queries only when
 * something moved; `WRITE_BACK_OUTCOMES_PATH?after=SEQ&limit=N` → `{ outcomes }` in `seq`
 * order, for the audit ledger.
 */
export function writeBackGatewayRoutes(db: Kysely<ServicesDatabase>, log: Logger): Record<string, RequestHandler> {
  const failed = (res: Response, error: unknown): void => {
    log.warn({ err: (error as Error).message }, 'a write-back feed could not be read');
    res.status(503).json({ error: 'the service platform cannot read its database now' });
  };
  return {
    [APPLICATION_UPDATES_HEAD_PATH]: async (_req: Request, res: Response) => {
      try {
        res.json({ seq: await updatesHead(db) });
      } catch (error) {
        failed(res, error);
      }
    },
    [WRITE_BACK_OUTCOMES_PATH]: async (req: Request, res: Response) => {
      const after = wholeNumber(req.query.after, 0, 0, Number.MAX_SAFE_INTEGER);
      const limit = wholeNumber(req.query.limit, DEFAULT_OUTCOMES_PAGE, 1, MAX_OUTCOMES_PAGE);
      if (after === null) {
        res.status(400).json({ error: 'after must be a whole number (the seq of the last outcome read, 0 for the first)' });
        return;
      }
      if (limit === null) {
        res.status(400).json({ error: `limit must be a whole number from 1 to ${MAX_OUTCOMES_PAGE}` });
        return;
      }
      try {
        res.json({ outcomes: await decidedWriteBacks(db, after, limit) });
      } catch (error) {
        failed(res, error);
      }
    },
  };
}
