import type { MaskName } from '../masks';

/**
 * The shapes the policy engine works with. The engine is shared by the gateway (decides
 * per field before planning), every subgraph (graphql-shield rules, row-level `self`,
 * masking) and the officers' CLI (check, explain, diff, matrix): one engine, one answer.
 */

/** Who is reading, as established from a verified token. Anonymous readers have none. */
export interface Identity {
  sub: string;
  roles: string[];
  /** The reader's department, e.g. `population`; null for citizens. */
  dept: string | null;
  /** 1 (public) … 4 (restricted). */
  clearance: number;
}

/**
 * Who reads, for what, in which case, in which request: the one shape the gateway builds from
 * the HTTP request, decides on, carries to each department in its token and records. The
 * engine looks at identity, purpose and case; `requestId` is absent only where there is no
 * request (the officers' CLI, reader classes).
 */
export interface Reader {
  /** null = anonymous (no token): sees only fields marked public. */
  identity: Identity | null;
  /** The declared purpose of use (`X-Purpose`), already checked against the declared list; null when none was given. */
  purpose: string | null;
  /** The service case the request names (`X-Case-Id`); only case-bound grants look at it. */
  caseId?: string | null;
  /** Generated per request by the gateway, returned as `x-request-id`, held by the audit ledger and the disclosure logs. */
  requestId?: string;
}

/** The reader of a served request, every part established (null where absent). */
export type RequestReader = Readonly<Required<Reader>>;

/** Where a rule sits, for messages and for `policy explain`. */
export interface RuleSource {
  file: string;
  line: number;
}

/** What a reader gets for one value. */
export type Access = { kind: 'ALLOW' } | { kind: 'MASK'; mask: MaskName } | { kind: 'DENY' };

/**
 * The decision for one field coordinate and one reader.
 *
 * `others` applies to every record, except that when a `self` rule matches the reader,
 * `own` applies to the reader's own records (decided in the owning subgraph, where the
 * record is known: a citizen reading their own Person).
 */
export interface FieldDecision {
  /** `Type.field`, e.g. `Person.phone`. */
  coordinate: string;
  others: Access;
  own?: Access;
  /**
   * From a case-bound access grant: what the reader gets on the records of the parties to
   * the case the request names, while that case is under review (decided in the owning
   * subgraph, which knows whose record it is).
   */
  caseParty?: Access;
  /** The access grant (an approved application) that widened this decision, when one did. */
  grant?: string;
  /** A case-bound grant that would apply had the request named a service case (`X-Case-Id`). */
  caseRequiredBy?: string;
  /** The rule that decided `others` (or `own` when `others` is DENY); null when no rule covers the field. */
  rule: RuleSource | null;
  /** One plain-language sentence: why. */
  reason: string;
}

/** Catalog metadata that sits beside each field's rule. */
export type SharingType = 'unconditional' | 'conditional' | 'none';

export interface FieldCatalogEntry {
  coordinate: string;
  department: string;
  description: string;
  sharing: SharingType;
  /** 1 (public) … 4 (restricted). */
  sensitivity: number;
  updateCycle: string;
}

export interface PolicyProblem {
  file: string;
  line: number;
  message: string;
}

/**
 * How long the gateway's response cache may keep an answer holding a field, from the
 * field's `cache` setting. The answer to an operation may be kept only when every field it
 * selects has a hint: for the shortest `maxAgeSeconds`, and per reader when any hint says so.
 *
 * Shared (`perReader` false) means shared by readers whose decisions are the same, and only
 * while the decisions do not depend on whose record it is: a decision whose `own` or
 * `caseParty` differs from `others` is applied record by record (a reader's own record, a
 * case's parties), so an answer holding such a field is the reader's alone.
 */
export interface CacheHint {
  /** From 1 to 3600. */
  maxAgeSeconds: number;
  /** True for `scope: reader`: the answer depends on who asks (`Query.myAccess`), so it is kept for each reader apart. */
  perReader: boolean;
  /** Where the `cache` setting is written (the field's entry, or its type's `defaults`). */
  rule: RuleSource;
}

/**
 * How aggregate figures drawing on a department's data are published (its policy file's
 * `statistics:` section, else platform.yaml's, else the built-in default).
 */
export interface StatisticsSettings {
  /** A group counting fewer is suppressed; a filter leaving fewer is refused (default 10). */
  minGroupSize: number;
  /** Calibrated noise on each count; null: counts are exact. */
  noise: { mechanism: 'geometric'; epsilon: number } | null;
  /** With noise: the epsilon one reader (token `sub`) may spend per day (Beijing time). */
  epsilonPerDay: number | null;
}

/** A loaded, validated set of policies. Immutable: a reload builds a new one. */
export interface PolicySet {
  /** sha256 of the policy files' contents, in file-name order. */
  hash: string;
  /** Purposes of use the policies declare (valid `X-Purpose` values). */
  purposes: readonly string[];
  roles: readonly string[];
  /** Departments the vocabulary declares, in file order (absent on hand-made sets). */
  departments?: readonly string[];
  decide(coordinate: string, reader: Reader): FieldDecision;
  /**
   * What decides the field for every reader (`accessKeyOf` its rule): two fields, or one field in
   * two policy sets, with the same key give every reader the same access (`others` and `own`), so
   * a tool that walks every reader class (`policy diff`, the catalog) asks about one of them only.
   * undefined for a coordinate no rule covers; absent on hand-made sets and on sets with access
   * grants laid over them.
   */
  accessKey?(coordinate: string): string | undefined;
  /**
   * True for entity key fields (`Person.idNumber`, `Enterprise.creditCode`, …). Departments
   * exchange keys to join records, so subgraphs never mask or deny them: the gateway
   * removes a denied key from the client's selection and masks a masked key in the response.
   */
  isKeyField(coordinate: string): boolean;
  catalog(): FieldCatalogEntry[];
  /**
   * The field's cache hint; null when its policy sets none (or `cache: none`), for a
   * coordinate no rule covers, and always for Mutation and Subscription fields. Absent on
   * hand-made sets: nothing is cacheable.
   */
  cacheHint?(coordinate: string): CacheHint | null;
  /**
   * Whether department `from` may write the field `coordinate` of this department's records
   * when event `event` asks (a completed application's write-back): the field's `write` rules,
   * deny by default. Absent on hand-made sets: every write is refused.
   */
  decideWrite?(request: WriteRequest): WriteDecision;
  /** How figures drawing on `department`'s data are published. Absent on hand-made sets: the built-in default (groups of 10, exact). */
  statistics?(department: string): StatisticsSettings;
}

/** A write another department asks for: `Person.householdAddress` from `services` on `household-address-change`. */
export interface WriteRequest {
  coordinate: string;
  from: string;
  event: string;
}

/** `rule`: `file:line` of the write rule that allowed it; `why`: one sentence, for the refusal sent back. */
export type WriteDecision = { allowed: true; rule: string } | { allowed: false; why: string };
