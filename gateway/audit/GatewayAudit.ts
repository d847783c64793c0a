import { randomUUID } from 'node:crypto';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { Logger } from 'pino';
import type { GatewayMode } from '../config';
import type { AuditEntry, AuditPolicyChange, AuditRecord } from './AuditRecord';
import { defaultAuditDir } from './auditFiles';
import { AuditLedger, AuditUnavailable } from './AuditLedger';
import type { AuditSink } from './AuditSink';
import { FileAuditSink } from './FileAuditSink';
import { FileWriteBackCursor } from './FileWriteBackCursor';
import { DEFAULT_AUDIT_STREAM, RedisAuditSink } from './RedisAuditSink';
import { RedisWriteBackCursor } from './RedisWriteBackCursor';
import type { WriteBackCursor } from './WriteBackCursor';
import { auditKeyFile, loadAuditKey, MIN_AUDIT_KEY_LENGTH } from './loadAuditKey';
import { SubgraphCalls } from './SubgraphCalls';

export interface AuditOptions {
  /** Where the JSON-lines ledger lives; defaults to `GOVGRAPH_AUDIT_DIR`, else `<GOVGRAPH_DATA_DIR or .data>/audit`. */
  dir?: string;
  /**
   * The HMAC key records are signed with (at least 32 bytes); defaults to `GOVGRAPH_AUDIT_KEY`,
   * else the `audit-key` file beside the directory, created on first start (not in production).
   */
  key?: Uint8Array | string;
  /** Another store for the records, in place of the files (a test's failing sink). */
  sink?: AuditSink;
  /**
   * Keep the records in a Redis stream (`stream`, default `govgraph:audit`) instead of the
   * files: every gateway instance given the same stream (and audit key) extends one chain.
   * Off by default; `govgraph start` turns it on when `REDIS_URL` is set.
   */
  redis?: { url: string; stream?: string; commandTimeoutMs?: number };
  /** fdatasync each batch of records before the responses they record are sent; defaults to true. */
  durable?: boolean;
}

/**
 * Stage 5 of the request path as the gateway holds it: the ledger (opened once the gateway
 * can serve), the subgraph calls of each request, and the log for failures. The plugin
 * (`auditPlugin`) and the context wrapper (`auditedContext`) write through it.
 */
export class GatewayAudit {
  readonly log: Logger;
  private readonly subgraphCalls = new SubgraphCalls();
  private ledger: AuditLedger | undefined;

  constructor(
    private readonly options: AuditOptions = {},
    private readonly settings: { mode: GatewayMode; log: Logger },
  ) {
    this.log = settings.log;
  }

  /** Opens the ledger where it was left; a ledger that cannot be opened or continued stops start-up. */
  async open(): Promise<void> {
    const dir = this.options.dir ?? defaultAuditDir({});
    // The key comes from the options (the configuration's GOVGRAPH_AUDIT_KEY) or the file, never from the environment here.
    const key = keyBytes(this.options.key) ?? loadAuditKey({ file: auditKeyFile(dir), create: this.settings.mode !== 'production', env: {} });
    const { redis } = this.options;
    const sink = this.options.sink ?? (redis ? await RedisAuditSink.open(redis) : await FileAuditSink.open(dir, { durable: this.options.durable }));
    try {
      this.ledger = await AuditLedger.open({ sink, key, warn: (message) => this.log.warn({ audit: sink.description }, message) });
    } catch (error) {
      await sink.close();
      throw error;
    }
    this.log.info({ audit: sink.description, seq: this.ledger.last.seq }, 'audit ledger open');
  }

  /** `source`, with the requests it fetches for noted (see `subgraphsCalledBy`). */
  observe<T extends GraphQLDataSource<any>>(name: string, source: T): T {
    return this.subgraphCalls.observe(name, source);
  }

  subgraphsCalledBy(context: object): string[] {
    return this.subgraphCalls.of(context);
  }

  /** Stores the record; rejects with AuditUnavailable when it could not be stored. */
  append(entry: AuditEntry): Promise<AuditRecord> {
    if (!this.ledger) return Promise.reject(new AuditUnavailable(new Error('the audit ledger is not open')));
    return this.ledger.append(entry);
  }

  /**
   * Records a new policy set put in force: who published which version, from which hash to
   * which. The set is already in force (every request record names it in `policyHash`), so a
   * failure to store this record is logged, not thrown; resolves with the record, or undefined then.
   */
  async recordPolicyChange(change: AuditPolicyChange): Promise<AuditRecord | undefined> {
    const entry: AuditEntry = {
      requestId: `policy-change-${randomUUID()}`,
      identity: null,
      purpose: null,
      caseId: null,
      operation: { name: null, type: null, documentHash: null },
      keys: [],
      decisions: [],
      subgraphs: [],
      outcome: { kind: 'ok' },
      policyHash: change.to,
      policyChange: { ...change },
    };
    try {
      return await this.append(entry);
    } catch (error) {
      this.log.error({ policyChange: change, error: (error as Error).message }, 'the policy change could not be recorded in the audit ledger');
      return undefined;
    }
  }

  /**
   * How far the settled write-backs are recorded, kept beside the ledger: a key next to the Redis
   * stream (shared by every instance on it), else a file in the audit directory.
   */
  openWriteBackCursor(): Promise<WriteBackCursor> {
    const { redis } = this.options;
    if (redis && !this.options.sink) return RedisWriteBackCursor.open({ url: redis.url, stream: redis.stream ?? DEFAULT_AUDIT_STREAM });
    return Promise.resolve(new FileWriteBackCursor(this.options.dir ?? defaultAuditDir({})));
  }

  /** Rejects with AuditUnavailable when a record could not be stored now. */
  async check(): Promise<void> {
    if (!this.ledger) throw new AuditUnavailable(new Error('the audit ledger is not open'));
    await this.ledger.check();
  }

  async close(): Promise<void> {
    const ledger = this.ledger;
    this.ledger = undefined;
    await ledger?.close();
  }
}

function keyBytes(key: AuditOptions['key']): Uint8Array | undefined {
  if (key === undefined) return undefined;
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  if (bytes.byteLength < MIN_AUDIT_KEY_LENGTH) throw new Error(`The audit key must be at least ${MIN_AUDIT_KEY_LENGTH} bytes long`);
  return bytes;
}
