import { loadAuditKey } from '../../../gateway/audit';
import type { LedgerSource } from './ledgerSourceOf';
import { ledgerUnavailable } from './ledgerUnavailable';

/** The key the gateway signs the records with; AUDIT_UNAVAILABLE (reason `key`) when it is not there or not a key. */
export function ledgerKeyOf(source: LedgerSource): Uint8Array {
  try {
    return loadAuditKey({ file: source.key.file, create: false, env: source.key.env });
  } catch (error) {
    throw ledgerUnavailable(
      source,
      'key',
      "The audit ledger cannot be read: the catalog has no usable audit key (GOVGRAPH_AUDIT_KEY, or the gateway's audit-key file beside the audit directory); the catalog's log says why.",
      error,
    );
  }
}
