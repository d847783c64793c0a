import { createHmac } from 'node:crypto';
import { maskIdNumber, RESIDENT_ID_NUMBER_PATTERN } from '../../policies/masks';
import type { AuditEntry } from './AuditRecord';

const WHOLE_ID_NUMBER = new RegExp(`^${RESIDENT_ID_NUMBER_PATTERN}$`);
/** An ID number inside a text, not part of a longer run of digits. */
const ID_NUMBER_IN_TEXT = new RegExp(`(?<![0-9A-Za-z])${RESIDENT_ID_NUMBER_PATTERN}(?![0-9A-Za-z])`, 'g');

/** True for a value that is a resident ID number, which the ledger never stores in the clear. */
export function isResidentIdNumber(value: string): boolean {
  return WHOLE_ID_NUMBER.test(value);
}

/**
 * How the ledger writes a resident ID number: masked as the policies mask it, with a tag
 * keyed by the audit key (`110105********002X~3f9c0a7d1b2e4c65`). The masked part tells a
 * reader whose kind of number it is; the tag lets `audit query --subject` find every record of
 * one person without the number being stored, and cannot be recomputed without the key (the
 * domain prefix keeps it apart from the records' and heads' signatures). Any other value
 * (staff ids, application numbers, credit codes) is returned as it is.
 */
export function auditPseudonym(key: Uint8Array, value: string): string {
  if (!isResidentIdNumber(value)) return value;
  const tag = createHmac('sha256', key).update(`subject:${value.toUpperCase()}`).digest('hex').slice(0, 16);
  return `${maskIdNumber(value)}~${tag}`;
}

/** A text with every resident ID number in it replaced by its pseudonym (`Person 110105…002X` → `Person 110105********002X~…`). */
export function pseudonymizeText(key: Uint8Array, text: string): string {
  return text.replace(ID_NUMBER_IN_TEXT, (value) => auditPseudonym(key, value));
}

/**
 * The entry as the ledger stores it: resident ID numbers among the keys and as the reader's
 * `sub` replaced by their pseudonyms; on a write-back's record, also in the record written and
 * in the reason it was refused.
 */
export function pseudonymizeEntry(entry: AuditEntry, key: Uint8Array): AuditEntry {
  const keys = [...new Set(entry.keys.map((value) => auditPseudonym(key, value)))].sort();
  const identity = entry.identity && { ...entry.identity, sub: auditPseudonym(key, entry.identity.sub) };
  const stored = { ...entry, keys, identity };
  if (!entry.writeBack) return stored;
  const { outcome, writeBack } = entry;
  return {
    ...stored,
    outcome: outcome.kind === 'errors' && outcome.reason !== undefined ? { ...outcome, reason: pseudonymizeText(key, outcome.reason) } : outcome,
    writeBack: { ...writeBack, record: writeBack.record === null ? null : pseudonymizeText(key, writeBack.record) },
  };
}
