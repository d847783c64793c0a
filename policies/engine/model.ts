import type { MaskName } from '../masks';
import type { SharingType } from './types';

/**
 * What the policy files say, as parsed: shapes and values checked, names not yet checked
 * against the vocabulary nor coordinates against the supergraph (that is the rules of `rules/`).
 * Every piece keeps its line so a problem can point at it.
 */

/** A name written in a file (a role, a department, a purpose), with its line. */
export interface Named {
  name: string;
  line: number;
}

/** Who a grant (or a reveal entry) is for. null = the condition is not used. */
export interface ConditionModel {
  file: string;
  line: number;
  roles: Named[] | null;
  departments: Named[] | null;
  clearance: number | null;
  purposes: Named[] | null;
}

export interface GrantModel extends ConditionModel {
  self: boolean;
  public: boolean;
  mask: MaskName | null;
  /** Readers who see the value unmasked. */
  reveal: ConditionModel[];
}

/**
 * One rule of a `write:` list: the departments that may write the field, on which write-back
 * events (a completed application's). Both lists are required and non-empty; nothing else
 * (roles, purposes, self, masks) applies to a write, which comes from a department, not a reader.
 */
export interface WriteRuleModel {
  file: string;
  line: number;
  departments: Named[];
  events: Named[];
}

/**
 * A `cache` setting: how long the gateway's response cache may keep an answer holding the
 * field, and whether it keeps it per reader; `none` keeps nothing (as when it is absent).
 * `line` is where it is written (a type's `defaults` or the field).
 */
export type CacheSetting = { kind: 'none'; line: number } | { kind: 'keep'; maxAgeSeconds: number; perReader: boolean; line: number };

/** What a field entry (or a type's `defaults`) sets; absent = not set here. */
export interface FieldSettings {
  description?: string;
  sharing?: SharingType;
  sensitivity?: number;
  updateCycle?: string;
  read?: GrantModel[];
  /** Who may write the field: `write: []` (or none) is no one. */
  write?: WriteRuleModel[];
  cache?: CacheSetting;
  /** Settings that were written but refused (a bad value or a misspelt name), already reported. */
  refused?: string[];
}

export interface FieldEntry {
  name: string;
  line: number;
  settings: FieldSettings;
}

export interface TypeEntry {
  name: string;
  line: number;
  /** Line of `fields:` (where a missing field should be added); the type's line when absent. */
  fieldsLine: number;
  defaults: FieldSettings;
  fields: FieldEntry[];
}

/**
 * A department's `statistics:` section: how aggregate figures drawing on its data are published.
 * `noise` and `budget` go together (noise spends a budget; a budget without noise spends nothing).
 */
export interface StatisticsModel {
  line: number;
  /** null when not written (the platform's default applies). */
  minGroupSize: number | null;
  noise: { mechanism: 'geometric'; epsilon: number; line: number } | null;
  budget: { epsilonPerDay: number; line: number } | null;
}

/** The mechanisms a `statistics.noise` may name. */
export const NOISE_MECHANISMS = ['geometric'] as const;

/** The smallest group a figure publishes when no policy says (`statistics.minGroupSize`). */
export const DEFAULT_MIN_GROUP_SIZE = 10;

export interface PolicyFileModel {
  /** File name relative to the policy directory, e.g. `population.yaml`. */
  file: string;
  /** The `department:` value; null when missing or not a name. */
  department: string | null;
  departmentLine: number;
  typesLine: number;
  types: TypeEntry[];
  /** Its `statistics:` section; null when it has none. */
  statistics: StatisticsModel | null;
  /** False when the file does not parse: its fields are not reported as uncovered on top of that. */
  readable: boolean;
}

/** `vocabulary.yaml`: the names policies may use, each with its one-line description. */
export interface Vocabulary {
  file: string;
  roles: Map<string, string>;
  purposes: Map<string, string>;
  departments: Map<string, string>;
}

/** One field's rule once a type's defaults are applied: what compile and catalog use. */
export interface FieldRule {
  coordinate: string;
  typeName: string;
  fieldName: string;
  /** The department of the file that covers it (`platform` for platform.yaml). */
  department: string;
  file: string;
  line: number;
  description: string;
  sharing: SharingType;
  sensitivity: number;
  updateCycle: string;
  read: GrantModel[];
  /** Who may write it (its own list, else its type's default one; never on a key): [] when no one. */
  write: WriteRuleModel[];
  /** null when the field sets no `cache` (or `cache: none`): an answer holding it is not kept. */
  cache: Extract<CacheSetting, { kind: 'keep' }> | null;
}

/** The update cycles a field can declare (built in, like the masks). */
export const UPDATE_CYCLES = ['real-time', 'hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'on-change', 'static'] as const;

/**
 * The longest a `cache` setting may keep an answer (1h). Nothing tells the cache of a change
 * made at the source outside the graph (a license revoked in the licenses office's own
 * system), so what was kept must expire soon enough not to outlive what the policies intend.
 */
export const MAX_CACHE_SECONDS = 3600;

/**
 * The names of write-back events: lower-case words joined by hyphens (`household-address-change`),
 * as the service items declare them.
 */
export const EVENT_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Root types whose answers are never kept: a mutation writes, a subscription streams. */
export const UNCACHED_ROOT_TYPES: readonly string[] = ['Mutation', 'Subscription'];

export const SHARING_TYPES: readonly SharingType[] = ['unconditional', 'conditional', 'none'];

/** The file that holds the vocabulary, and the pseudo-department of shared structural types. */
export const VOCABULARY_FILE = 'vocabulary.yaml';
export const PLATFORM_DEPARTMENT = 'platform';
