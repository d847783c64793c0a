import fs from 'node:fs';
import { GraphQLError } from 'graphql';
import type Redis from 'ioredis';
import {
  auditStreamKeys,
  connectAuditRedis,
  lastRecords,
  lastStreamRecords,
  verifyLedger,
  verifyStream,
  type AuditQuery,
  type AuditRecord,
  type LedgerVerification,
} from '../../../gateway/audit';
import type { LedgerSource } from './ledgerSourceOf';
import { ledgerUnavailable } from './ledgerUnavailable';
import { newestFileRecords } from './newestFileRecords';
import { newestStreamRecords } from './newestStreamRecords';

/** The ledger opened for reading, wherever it is. */
export interface LedgerReader {
  /** `audit verify`: every record's hash and signature, the chain, the stored head. */
  verify(key: Uint8Array): Promise<LedgerVerification>;
  /** The newest record, if there is one. */
  last(): Promise<AuditRecord | undefined>;
  /** `audit query`, newest first. */
  newestFirst(query: AuditQuery, onUnreadable: (where: string) => void): AsyncIterable<AuditRecord>;
}

/**
 * Runs `use` over the ledger `source` names. A ledger that is not there (no directory, no
 * stream) or cannot be read (Redis unreachable, a file that cannot be opened) is AUDIT_UNAVAILABLE
 * (reason `ledger`): the caller is never told an unread ledger is sound or empty.
 */
export async function withLedgerReader<T>(source: LedgerSource, use: (reader: LedgerReader) => Promise<T>): Promise<T> {
  const { location } = source;
  const absent = () => ledgerUnavailable(source, 'ledger', `There is no audit ledger at ${source.description}: the catalog must be given the gateway's audit settings.`);
  let redis: Redis | undefined;
  try {
    if (location.kind === 'files') {
      if (!fs.existsSync(location.dir)) throw absent();
      return await use(fileLedger(location.dir));
    }
    redis = await connectAuditRedis(location.url, { commandTimeoutMs: 5000, connectTimeoutMs: 2000 });
    const { stream, head } = auditStreamKeys(location.stream);
    if (!(await redis.exists(stream, head))) throw absent();
    return await use(streamLedger(redis, stream));
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    throw ledgerUnavailable(source, 'ledger', `The audit ledger at ${source.description} could not be read; the catalog's log says why.`, error);
  } finally {
    redis?.disconnect();
  }
}

function fileLedger(dir: string): LedgerReader {
  return {
    verify: (key) => verifyLedger(dir, key),
    last: async () => (await lastRecords(dir, 1)).records.at(-1),
    newestFirst: (query, onUnreadable) => newestFileRecords(dir, query, onUnreadable),
  };
}

function streamLedger(redis: Redis, stream: string): LedgerReader {
  return {
    verify: (key) => verifyStream(redis, stream, key),
    last: async () => (await lastStreamRecords(redis, stream, 1)).records.at(-1),
    newestFirst: (query, onUnreadable) => newestStreamRecords(redis, stream, query, onUnreadable),
  };
}
