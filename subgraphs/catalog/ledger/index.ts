/**
 * The gateway's audit ledger, read by the catalog for auditors and officers as the CLI's
 * `audit verify` and `audit query` read it (`Query.auditChain`, `Query.auditRecords`).
 */
export { auditChain, type AuditChainStatus } from './auditChain';
export { auditRecords } from './auditRecords';
export type { AuditDecisionView, AuditRecordView } from './auditRecordView';
export { DEFAULT_AUDIT_RECORDS, MAX_AUDIT_RECORDS, type AuditRecordFilterInput } from './parseAuditRecordFilter';
export { ledgerSourceOf, type LedgerSource } from './ledgerSourceOf';
