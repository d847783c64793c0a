import { getOperationAST, GraphQLError, Kind, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { effectiveAccess, formatCacheHint, formatEffectiveAccess, type CacheHint, type EffectiveAccess, type PolicySet, type Reader, type RuleSource } from '../../policies';
import { decideOperation } from '../../gateway/policy/decideOperation';
import { createOperationSelections } from '../../gateway/policy/operationSelections';
import { textTable } from './policyIo';

/** One coordinate the operation selects, as the gateway decides it for the reader. */
export interface ExplainedField {
  coordinate: string;
  access: EffectiveAccess;
  /** The rule that decided (file:line in the policy directory); null for a field no rule covers. */
  rule: RuleSource | null;
  /** The engine's sentence: who, and why. */
  reason: string;
  /** How long the gateway's response cache may keep an answer holding the field; null: not kept. */
  cache: CacheHint | null;
}

export type Explanation =
  | { kind: 'explained'; operation: { type: string; name: string | null }; fields: ExplainedField[] }
  /** The gateway would not get as far as deciding: the document does not parse or validate, or the variables do not coerce. */
  | { kind: 'refused'; errors: string[] }
  /** Which operation to explain is unclear: no such name, or several and none named. */
  | { kind: 'noOperation'; message: string };

export interface ExplainInput {
  /** The API schema of the supergraph (`apiSchemaOf`). */
  schema: GraphQLSchema;
  policies: PolicySet;
  /** The GraphQL document, as a client would send it. */
  source: string;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  reader: Reader;
}

function located(error: GraphQLError): string {
  const at = error.locations?.[0];
  return at ? `${at.line}:${at.column}: ${error.message}` : error.message;
}

function operationNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? '(anonymous)'] : []));
}

/**
 * What the gateway decides for this operation and reader, field by field, with the
 * gateway's own code: the document is validated as Apollo Server validates it, the
 * operation chosen as it chooses it, the selections walked by `createOperationSelections`
 * (@skip/@include with these variables, fragments, every possible type of an abstract
 * field) and decided by `decideOperation`. A field is DENY exactly when the gateway
 * withholds it (null + FORBIDDEN).
 */
export function explainOperation(input: ExplainInput): Explanation {
  const { schema, policies, reader } = input;
  let document: DocumentNode;
  try {
    document = parse(input.source);
  } catch (error) {
    return { kind: 'refused', errors: [located(error as GraphQLError)] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { kind: 'refused', errors: invalid.map(located) };
  const operation = getOperationAST(document, input.operationName ?? undefined);
  if (!operation) {
    const names = operationNames(document);
    return {
      kind: 'noOperation',
      message: input.operationName
        ? `the document has no operation named "${input.operationName}"; it has: ${names.join(', ')}`
        : `the document has ${names.length} operations (${names.join(', ')}): pass --operation NAME`,
    };
  }
  const found = createOperationSelections().selectionsOf(schema, document, operation, input.variables);
  if (found.kind === 'invalidVariables') return { kind: 'refused', errors: found.errors.map(located) };
  const policy = decideOperation(found.selections, policies, reader);
  const fields = policy.decisions.map((decision): ExplainedField => {
    const access = effectiveAccess(decision, policies.isKeyField(decision.coordinate));
    // The gateway withholds exactly what nobody's record lets this reader see.
    if (policy.denied.has(decision.coordinate) !== (access.kind === 'DENY')) {
      throw new Error(`Invariant: the gateway's action on ${decision.coordinate} disagrees with the decision ${formatEffectiveAccess(access)}`);
    }
    return { coordinate: decision.coordinate, access, rule: decision.rule, reason: decision.reason, cache: policies.cacheHint?.(decision.coordinate) ?? null };
  });
  return { kind: 'explained', operation: { type: operation.operation, name: operation.name?.value ?? null }, fields };
}

/** `reviewer of market, clearance 3 · purpose application-review`; `anonymous (no token) · no purpose`. */
export function describeReader(reader: Reader, showSub: boolean): string {
  const { identity, purpose } = reader;
  const who =
    identity === null
      ? 'anonymous (no token)'
      : `${identity.roles.length ? identity.roles.join(', ') : 'no role'}${identity.dept ? ` of ${identity.dept}` : ''}, clearance ${identity.clearance}${showSub ? `, sub ${identity.sub}` : ''}`;
  return `${who} · ${purpose ? `purpose ${purpose}` : 'no purpose'}`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The explanation as officers read it: one line per coordinate (with its cache hint), then what the reader gets back. */
export function formatExplanation(explanation: Extract<Explanation, { kind: 'explained' }>, reader: Reader, showSub: boolean): string[] {
  const { operation, fields } = explanation;
  const rows = fields.map((f) => [f.coordinate, formatEffectiveAccess(f.access), f.rule ? `${f.rule.file}:${f.rule.line}` : '(no rule)', formatCacheHint(f.cache), f.reason]);
  const denied = fields.filter((f) => f.access.kind === 'DENY').map((f) => f.coordinate);
  const ownOnly = fields.filter((f) => f.access.kind === 'OWN_ONLY').map((f) => f.coordinate);
  const bySub = fields.filter((f) => f.access.kind === 'OWN_ONLY' && f.access.bySub).map((f) => f.coordinate);
  const masked = fields.filter((f) => f.access.kind === 'MASK').length;
  const allowed = fields.length - denied.length - ownOnly.length - masked;
  const lines = [
    `reader     ${describeReader(reader, showSub)}`,
    `operation  ${operation.type} ${operation.name ?? '(unnamed)'}`,
    '',
    ...textTable([['COORDINATE', 'DECISION', 'RULE', 'CACHE', 'WHY'], ...rows]),
    '',
    `${count(fields.length, 'field')}: ${allowed} allowed, ${masked} masked, ${ownOnly.length} own record only, ${denied.length} denied.`,
  ];
  if (denied.length)
    lines.push(
      `Denied fields come back null with a FORBIDDEN error where they are reached (not inside another denied field; with GOVGRAPH_DENIED_FIELDS=reject the whole operation is refused): ${denied.join(', ')}.`,
    );
  const byRecord = ownOnly.filter((c) => !bySub.includes(c));
  if (byRecord.length) lines.push(`Own-record fields are shown on the reader's own records only; on anyone else's, null with FORBIDDEN: ${byRecord.join(', ')}.`);
  if (bySub.length) lines.push(`Keys are decided by the gateway value by value, shown only where the value is the reader's sub, else null with FORBIDDEN: ${bySub.join(', ')}.`);
  return lines;
}
