import type { Kysely, Transaction } from 'kysely';
import type { Logger } from 'pino';
import { CODES, requestError } from '../kit';
import type { AccessGrant, GrantSnapshot, GrantStore, SigningKey } from '../../policies/grants';
import type { CatalogDatabase } from './database';
import { toGrantRecord, toPublishedGrant } from './records';

type Db = Kysely<CatalogDatabase> | Transaction<CatalogDatabase>;

/** Timers longer than this are re-armed (setTimeout holds at most about 24.8 days). */
const MAX_TIMER_MS = 24 * 3600_000;
const RETRY_MS = 2000;

/**
 * Publishes the grants in force (approved, not revoked, not expired) to the grant store,
 * whole, one publish at a time. A decision that changes them runs `exclusive`ly and
 * publishes from inside its transaction, before it commits: a decision that cannot be
 * published is not made. The set is also published at start, and again when a grant
 * expires (followers already ignore expired grants; this keeps the published set clean).
 * Every snapshot is signed with the catalog's key: followers put in force nothing else.
 */
export class GrantPublisher {
  private queue: Promise<unknown> = Promise.resolve();
  private expiryTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: GrantStore,
    private readonly signingKey: SigningKey,
    private readonly db: Kysely<CatalogDatabase>,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  get description(): string {
    return this.store.description;
  }

  /** Runs `work` when no other publishing work runs, so publishes never overtake each other. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The grants in force as `db` (a transaction: with its own writes) sees them, by id. */
  async inForce(db: Db): Promise<AccessGrant[]> {
    const rows = await db.selectFrom('access_grants').selectAll().where('revoked_at', 'is', null).where('until', '>', new Date(this.now()).toISOString()).orderBy('id').execute();
    return rows.map((row) => toPublishedGrant(toGrantRecord(row)));
  }

  /** Publishes what `db` sees; GRANT_STORE_UNAVAILABLE when the store refuses. Call inside `exclusive`. */
  async publishFrom(db: Db): Promise<GrantSnapshot> {
    const grants = await this.inForce(db);
    let snapshot: GrantSnapshot;
    try {
      snapshot = await this.store.publish(grants, this.signingKey);
    } catch (error) {
      this.log.error({ store: this.store.description, err: { message: (error as Error).message } }, 'cannot publish the grants');
      throw requestError(CODES.GRANT_STORE_UNAVAILABLE, 'The grant store cannot be reached, so the change could not take effect; nothing changed. Try again shortly.');
    }
    this.log.info({ version: snapshot.version, grants: grants.length }, 'grants published');
    this.armExpiry(grants);
    return snapshot;
  }

  /**
   * Runs a decision's transaction with the publish inside it. Should the commit fail after
   * the publish, the committed state is published again, so the store never keeps a change
   * the database does not have.
   */
  decide<T>(work: (trx: Transaction<CatalogDatabase>, publish: () => Promise<GrantSnapshot>) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      let published = false;
      try {
        return await this.db.transaction().execute((trx) =>
          work(trx, async () => {
            const snapshot = await this.publishFrom(trx);
            published = true;
            return snapshot;
          }),
        );
      } catch (error) {
        if (published) await this.publishFrom(this.db).catch(() => this.scheduleRetry());
        throw error;
      }
    });
  }

  /** Publishes the current set (at start, at an expiry); retries every 2 s while the store is unreachable. */
  republish(): Promise<void> {
    return this.exclusive(async () => {
      if (this.closed) return;
      try {
        await this.publishFrom(this.db);
      } catch {
        this.scheduleRetry();
      }
    });
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.republish();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  private armExpiry(grants: AccessGrant[]): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    if (this.closed || grants.length === 0) return;
    const next = Math.min(...grants.map((grant) => Date.parse(grant.until)));
    this.expiryTimer = setTimeout(() => void this.republish(), Math.min(Math.max(next - this.now() + 50, 0), MAX_TIMER_MS));
    this.expiryTimer.unref();
  }

  /** Stops timers and waits for a publish under way. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.queue;
  }
}
