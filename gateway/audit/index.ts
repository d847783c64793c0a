/** Stage 5 of the request path: one hash-chained, signed record per request, stored before the response is sent. */
export { auditedContext } from './auditedContext';
export { auditPlugin } from './auditPlugin';
export { AuditLedger, AuditUnavailable, type AuditLedgerOptions } from './AuditLedger';
export { AuditConflict } from './AuditConflict';
export type { AuditAccess, AuditDecision, AuditEntry, AuditIdentity, AuditOutcome, AuditPolicyChange, AuditRecord, ChainHead, SealedHead } from './AuditRecord';
export { GENESIS_HASH } from './AuditRecord';
export type { AuditSink, RecoveredLedger } from './AuditSink';
export { auditFileOf, defaultAuditDir, listAuditFiles } from './auditFiles';
export { canonicalJson } from './canonicalJson';
export { FileAuditSink } from './FileAuditSink';
export { GatewayAudit, type AuditOptions } from './GatewayAudit';
export { auditKeyFile, loadAuditKey, loadAuditKeyFromFile } from './loadAuditKey';
export { recordKeysOf } from './recordKeysOf';
export { verifyLedger, verifyLedgerLines, type LedgerProblem, type LedgerVerification } from './verifyLedger';
export { formatAuditRecord } from './formatAuditRecord';
export { matchesAuditQuery, queryLedger, type AuditQuery } from './queryLedger';
export { followLedger, lastRecords, type LedgerPosition } from './tailLedger';
