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
  { kind: 'ok' } | { kind: 'errors'; codes: string[] } | { kind: 'rejected'; status: number; codes: string[] } | { kind: 'unauthenticated'; reason: string };

/** What the gateway knows about one request when it has been answered: the record before it is chained and signed. */
export interface AuditEntry {
  requestId: string;
  /** null: anonymous, or a token that was refused. */
  identity: AuditIdentity | null;
  purpose: string | null;
  caseId: string | null;
  operation: {
    name: string | null;
    type: 'query' | 'mutation' | 'subscription' | null;
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
