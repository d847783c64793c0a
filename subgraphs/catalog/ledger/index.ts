import { CODES, requestError } from '../../kit';
import type { CatalogContext } from '../context';

/**
 * Placeholder until the audit ledger's reader lands here (another change replaces this file):
 * both answer SERVICE_UNAVAILABLE, so the fields exist, their rules apply, and nothing is read.
 */
const unavailable = () => requestError(CODES.SERVICE_UNAVAILABLE, 'The catalog does not read the audit ledger yet; use `npx govgraph audit verify` and `audit query`.');

export async function auditChain(_ctx: CatalogContext): Promise<never> {
  throw unavailable();
}

export async function auditRecords(_ctx: CatalogContext, _filter: Record<string, unknown>, _first: number | null | undefined): Promise<never> {
  throw unavailable();
}
