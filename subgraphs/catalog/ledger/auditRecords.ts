import { auditPseudonym, isResidentIdNumber, onceEachWriteBack, signatureOf } from '../../../gateway/audit';
import type { CatalogContext } from '../context';
import { auditRecordView, type AuditRecordView } from './auditRecordView';
import { ledgerKeyOf } from './ledgerKeyOf';
import type { LedgerSource } from './ledgerSourceOf';
import { ledgerUnavailable } from './ledgerUnavailable';
import { parseAuditRecordFilter, type AuditRecordFilterInput } from './parseAuditRecordFilter';
import { requireAuditReader } from './requireAuditReader';
import { withLedgerReader, type LedgerReader } from './withLedgerReader';

/**
 * `audit query` for auditors and officers: the records matching the filter, newest first, at
 * most `first` (capped), reading the ledger from its end and stopping once they are found. A
 * subject or reader given as a resident ID number is matched by its pseudonym under the audit key,
 * as the ledger stores it; the number itself is never logged nor returned.
 */
export async function auditRecords(ctx: CatalogContext, input: AuditRecordFilterInput, first?: number | null): Promise<AuditRecordView[]> {
  requireAuditReader(ctx, 'read the audit ledger');
  const filter = parseAuditRecordFilter(input, first);
  const source = ctx.services.ledger;
  return withLedgerReader(source, async (ledger) => {
    let key: Promise<Uint8Array> | undefined;
    const keyOf = () => (key ??= signingKeyOf(source, ledger));
    const subjects = filter.subject === undefined ? undefined : await matchingValues(filter.subject, keyOf);
    const readers = filter.reader === undefined ? undefined : await matchingValues(filter.reader, keyOf);
    const views: AuditRecordView[] = [];
    if (filter.first === 0) return views;
    let unreadable = 0;
    let firstUnreadable: string | undefined;
    const records = ledger.newestFirst({ ...filter.query, subjects }, (where) => {
      unreadable++;
      firstUnreadable ??= where;
    });
    for await (const record of onceEachWriteBack(records)) {
      if (readers && !(record.identity && readers.includes(record.identity.sub))) continue;
      if (filter.decision && !record.decisions.some((decision) => decision.decision === filter.decision)) continue;
      views.push(auditRecordView(record));
      if (views.length >= filter.first) break;
    }
    if (unreadable)
      source.log.warn({ audit: source.description, unreadable, first: firstUnreadable }, 'lines that are not audit records were skipped; run `govgraph audit verify`');
    return views;
  });
}

/** What a value matches in the ledger: itself, and for a resident ID number its pseudonym (records older than pseudonyms hold the number). */
async function matchingValues(value: string, keyOf: () => Promise<Uint8Array>): Promise<string[]> {
  return isResidentIdNumber(value) ? [value, auditPseudonym(await keyOf(), value)] : [value];
}

/**
 * The audit key, checked against the newest record: another key gives other pseudonyms, and
 * so no match at all, which must not pass for "no records" (as `audit query --subject` refuses it).
 */
async function signingKeyOf(source: LedgerSource, ledger: LedgerReader): Promise<Uint8Array> {
  const key = ledgerKeyOf(source);
  const last = await ledger.last();
  if (last && signatureOf(key, last.hash) !== last.sig) {
    throw ledgerUnavailable(
      source,
      'key',
      `The catalog's audit key did not sign the ledger's records (last seq ${last.seq}), so a resident ID number cannot be matched by its pseudonym: give the catalog the gateway's key.`,
    );
  }
  return key;
}
