import type { MergedSettings } from './mergeFieldSettings';
import type { FieldEntry, FieldRule, GrantModel, PolicyFileModel, TypeEntry, Vocabulary } from './model';
import type { SupergraphFacts, SupergraphField, SupergraphType } from './readSupergraph';
import type { PolicySet, RuleSource } from './types';

/**
 * The policy checks are written as graphql-js writes its validation rules: each is a function
 * of the context returning a visitor, and the checker walks the files once, calling at every
 * node the hook of each rule in `policyRules` order (so problems on one line come out in a
 * stable order). A rule keeps what it needs between nodes in its own closure.
 */
export type PolicyRule = (context: PolicyRuleContext) => PolicyVisitor;

/** What every rule may look at, and where it reports. */
export interface PolicyRuleContext {
  /** The department files as parsed (every `.yaml` but vocabulary.yaml), in file-name order. */
  readonly files: readonly PolicyFileModel[];
  /** null when vocabulary.yaml is missing. */
  readonly vocabulary: Vocabulary | null;
  readonly facts: SupergraphFacts;
  /** `.yml` files of the directory, which are not read. */
  readonly misnamed: readonly string[];
  report(file: string, line: number, message: string): void;
}

/** A department's file, with the department it speaks for: null when its `department:` is missing or unusable. */
export interface PolicyFileNode {
  file: PolicyFileModel;
  department: string | null;
}

/** A type a file lists; `policyType` is the object type of the graph it names, null when it names none (its fields are not visited). */
export interface TypeNode extends PolicyFileNode {
  type: TypeEntry;
  policyType: SupergraphType | null;
}

/**
 * A field entry of a listed object type. `field` is the governed field it names (null for a
 * name the type lacks, or a federation internal); `coveredAt` is the entry that covered that
 * field before this one, if any. Only a field's first entry goes on to `CoveredField`.
 */
export interface FieldNode extends TypeNode {
  policyType: SupergraphType;
  entry: FieldEntry;
  field: SupergraphField | null;
  coveredAt: RuleSource | null;
}

/** The entry that covers a field: its settings once the type's defaults are applied. */
export interface CoveredFieldNode extends FieldNode {
  field: SupergraphField;
  coveredAt: null;
  settings: MergedSettings;
  /** The department its rule is recorded under: the file's, as written when unusable. */
  owner: string;
}

/** One grant of a covered field's `read` list, its own or its type's default. */
export interface GrantNode extends CoveredFieldNode {
  grant: GrantModel;
  /** Where a problem with it is reported: its own line, or the field's for a default grant. */
  line: number;
  /** How a message names it: "this grant", or "the default grant at line N". */
  which: string;
}

/** The policy set that files without problems compile to. */
export interface LoadedPoliciesNode {
  policies: PolicySet;
  rules: readonly FieldRule[];
  vocabulary: Vocabulary;
}

/** The hooks a rule may have; each is called once per node of its kind, in walk order. */
export interface PolicyVisitor {
  /** Once, before the files. */
  enter?(): void;
  PolicyFile?(node: PolicyFileNode): void;
  Type?(node: TypeNode): void;
  Field?(node: FieldNode): void;
  CoveredField?(node: CoveredFieldNode): void;
  Grant?(node: GrantNode): void;
  /** Once, after the files. */
  leave?(): void;
  /**
   * Once, and only when the files have no problems, over the policy set they load as
   * (`nonNullDenials`, which `policy check` runs after the files' own check). What a rule
   * reports here does not stop the set loading.
   */
  LoadedPolicies?(node: LoadedPoliciesNode): void;
}
