import { formatLedgerProblem } from '../../../gateway/audit';
import type { CatalogContext } from '../context';
import { ledgerKeyOf } from './ledgerKeyOf';
import { requireAuditReader } from './requireAuditReader';
import { withLedgerReader } from './withLedgerReader';

/** `AuditChainStatus` in the catalog's schema. */
export interface AuditChainStatus {
  ok: boolean;
  records: number;
  source: string;
  problem: string | null;
  lastAt: string | null;
  checkedAt: string;
}

/**
 * `audit verify` over the whole ledger the gateway writes, for auditors and officers: whether
 * every record links to the one before and its seal holds under the audit key, and if not the
 * first problem as the CLI prints it. No key or no ledger: AUDIT_UNAVAILABLE, never `ok`.
 */
export async function auditChain(ctx: CatalogContext): Promise<AuditChainStatus> {
  requireAuditReader(ctx, 'check the audit ledger');
  const source = ctx.services.ledger;
  const key = ledgerKeyOf(source);
  return withLedgerReader(source, async (ledger) => {
    const result = await ledger.verify(key);
    const last = await ledger.last();
    const { location } = source;
    return {
      ok: result.ok,
      records: result.count,
      source: source.description,
      // Day files are named relative to the directory `source` gives.
      problem: result.ok ? null : formatLedgerProblem(result.problem, location.kind === 'redis' ? { stream: location.stream } : {}),
      lastAt: last?.time ?? null,
      checkedAt: new Date().toISOString(),
    };
  });
}
