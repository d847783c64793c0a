import type { GraphQLError } from 'graphql';
import { CODES, requestError } from '../../kit';
import type { LedgerSource } from './ledgerSourceOf';

/** What could not be read: the audit key, or the ledger itself (files, Redis stream). */
export type LedgerTrouble = 'key' | 'ledger';

/**
 * AUDIT_UNAVAILABLE, never an answer that looks sound: the ledger or its key could not be read.
 * The cause goes to the catalog's log (which masks personal data), the caller gets `message`.
 */
export function ledgerUnavailable(source: LedgerSource, reason: LedgerTrouble, message: string, cause?: unknown): GraphQLError {
  source.log.warn({ audit: source.description, reason, ...(cause instanceof Error && { err: { message: cause.message } }) }, message);
  return requestError(CODES.AUDIT_UNAVAILABLE, message, { reason });
}
