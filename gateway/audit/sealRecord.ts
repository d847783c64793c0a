import { createHash, createHmac } from 'node:crypto';
import { AUDIT_RECORD_VERSION, type AuditEntry, type AuditRecord, type ChainHead, type SealedHead } from './AuditRecord';
import { canonicalJson } from './canonicalJson';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const hmac = (key: Uint8Array, text: string): string => createHmac('sha256', key).update(text).digest('hex');

/** The hash a record must carry: of everything in it but `hash` and `sig`. */
export function hashOfRecord(record: Omit<AuditRecord, 'hash' | 'sig'> & Partial<Pick<AuditRecord, 'hash' | 'sig'>>): string {
  const { hash: _hash, sig: _sig, ...body } = record;
  return sha256(canonicalJson(body));
}

export function signatureOf(key: Uint8Array, hash: string): string {
  return hmac(key, `record:${hash}`);
}

/** Chains `entry` after `head` and signs it. */
export function sealRecord(entry: AuditEntry, head: ChainHead, time: Date, key: Uint8Array): AuditRecord {
  const body = { v: AUDIT_RECORD_VERSION, seq: head.seq + 1, time: time.toISOString(), ...entry, prev: head.hash } as const;
  const hash = hashOfRecord(body);
  return { ...body, hash, sig: signatureOf(key, hash) };
}

/** The head to store after `head` was written. The domain prefix keeps a record's signature from passing for a head's. */
export function sealHead(head: ChainHead, time: Date, key: Uint8Array): SealedHead {
  const body = { seq: head.seq, hash: head.hash, time: time.toISOString() };
  return { ...body, sig: hmac(key, `head:${canonicalJson(body)}`) };
}

export function headSignatureMatches(head: SealedHead, key: Uint8Array): boolean {
  const { sig, ...body } = head;
  return sig === hmac(key, `head:${canonicalJson({ seq: body.seq, hash: body.hash, time: body.time })}`);
}

export function sha256Hex(text: string): string {
  return sha256(text);
}
