import type { AuditRecord } from './AuditRecord';
import { hashOfRecord, signatureOf } from './sealRecord';

/** What is wrong with a record on its own, before its place in the chain: nothing, its contents (hash) or its signature. */
export type SealCheck = 'ok' | 'hash' | 'signature';

export function checkSeal(record: AuditRecord, key: Uint8Array): SealCheck {
  if (hashOfRecord(record) !== record.hash) return 'hash';
  return signatureOf(key, record.hash) === record.sig ? 'ok' : 'signature';
}
