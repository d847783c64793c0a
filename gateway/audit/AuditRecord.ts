import type { MaskName, PolicyChange } from '../../policies';

/** The record format's version, the first field of every record. */
export const AUDIT_RECORD_VERSION = 1;

/** What the first record's `prev` holds: there is no record before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who read, as the verified token said; never the token itself. */
export interface AuditIdentity {
  sub: string;
  roles: string[];
  dept: string | null;
  clearance: number;
}

export type AuditAccess = 'ALLOW' | 'MASK' | 'DENY';

/** One field coordinate the operation selected and what the policies decided for it. */
export interface AuditDecision {
  coordinate: string;
  /** For every record (`others` in the policy engine). */
  decision: AuditAccess;
  /** The mask applied when `decision` is MASK. */
  mask?: MaskName;
  /** For the reader's own records, when a `self` rule matched (decided record by record in the department). */
  own?: AuditAccess;
  /** For the records of the parties to the case the request named, when a case-bound grant matched (decided in the department). */
  caseParty?: AuditAccess;
  /** The access grant (approved application) that widened the decision. */
  grant?: string;
  /** `file:line` of the rule that decided; absent when no rule covers the field. */
  rule?: string;
}

/**
 * How the request ended:
 * - `ok`: executed, no errors;
 * - `errors`: executed, with errors (their codes, e.g. FORBIDDEN for a withheld field);
 * - `rejected`: refused before execution (HTTP status ≥ 400, or no `data`: parse or
 *   validation failure, undeclared purpose, an operation refused as a whole);
 * - `unauthenticated`: the bearer token was refused (HTTP 401), with the reason.
 */
export type AuditOutcome =
  | { kind: 'ok' }
  /** `reason`: why a write-back was refused or given up (`AuditWriteBack`); absent on a request's record. */
  | { kind: 'errors'; codes: string[]; reason?: string }
  | { kind: 'rejected'; status: number; codes: string[] }
  | { kind: 'unauthenticated'; reason: string };

/** What the gateway knows about one request when it has been answered: the record before it is chained and signed. */
export interface AuditEntry {
  requestId: string;
  /** null: anonymous, or a token that was refused. */
  identity: AuditIdentity | null;
  purpose: string | null;
  caseId: string | null;
  operation: {
    name: string | null;
    /** `write-back`: not a request but a write-back the service platform reports settled (see `AuditWriteBack`). */
    type: 'query' | 'mutation' | 'subscription' | 'write-back' | null;
    /** sha256 (hex) of the document text as the client sent it; null when there was none. */
    documentHash: string | null;
  };
  /**
   * The record keys the request named: values of `ID` arguments, literal or from the
   * variables (input-object fields of type ID included), sorted. What `audit query --subject` matches.
   */
  keys: string[];
  /** Sorted by coordinate; empty when the request was refused before the policies decided. */
  decisions: AuditDecision[];
  /** The departments the gateway sent a fetch to, sorted (none for an answer served from the cache). */
  subgraphs: string[];
  /**
   * Served from the response cache: the request id of the request that fetched the answer (its
   * record names the departments, and each of them logged this read too). Absent otherwise.
   */
  cachedFrom?: string;
  outcome: AuditOutcome;
  /** `PolicySet.hash` of the policies that decided; null when none did. */
  policyHash: string | null;
  /** Only on the record of a new policy set put in force (no request): see `AuditPolicyChange`. */
  policyChange?: AuditPolicyChange;
  /** Only on the record of a settled write-back (no request): see `AuditWriteBack`. */
  writeBack?: AuditWriteBack;
}

/**
 * A completed application's write-back into the department that owns the record, once that
 * department decided it (or it was given up), as the service platform reports it. Its record
 * reads like a request's: `requestId` the event id, `identity` who completed the application
 * (`dept: services`), `purpose` the event, `caseId` the application, `operation` the service
 * item with type `write-back`, `keys` the applicant, the application and the record written,
 * `decisions` each field written (ALLOW when applied, DENY when refused or dead), `subgraphs`
 * the owning department, `outcome` ok, or errors with the reason. A gateway that stopped between
 * storing a record and noting it may record the same write-back again (the same `requestId`).
 */
export interface AuditWriteBack {
  /** The service platform's number of this settlement (increasing): where the gateway follows from. */
  seq: number;
  department: string;
  event: string;
  state: 'applied' | 'refused' | 'dead';
  /** The record written, `Type key`, when applied (an ID number in it is pseudonymised like `keys`). */
  record: string | null;
  /** When the department decided (or the write-back was given up), ISO 8601. */
  at: string;
}

/**
 * A new policy set put in force on this gateway: from the watched files (`version` and
 * `publishedBy` null) or published through Redis (`govgraph policy publish`), from which
 * policy hash to which. Its record has no identity, decisions or subgraphs.
 */
export type AuditPolicyChange = PolicyChange;

/**
 * One line of the ledger. `hash` is the sha256 of the canonical JSON of every other field
 * but `sig`; `sig` is the HMAC-SHA256 of `hash` under the audit key; `prev` is the previous
 * record's `hash` (GENESIS_HASH for the first), so that no record can be edited, removed,
 * added or moved without breaking the chain, and none forged without the key.
 */
export interface AuditRecord extends AuditEntry {
  v: typeof AUDIT_RECORD_VERSION;
  /** 1 for the first record, then +1 per record. */
  seq: number;
  /** When the record was chained (ISO 8601, UTC). */
  time: string;
  prev: string;
  hash: string;
  sig: string;
}

/** The last record written, which the next one links to. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** The head as stored beside the records, signed, so that removing records from the end shows. */
export interface SealedHead extends ChainHead {
  time: string;
  sig: string;
}
