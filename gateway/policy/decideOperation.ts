import type { FieldNode } from 'graphql';
import type { Access, FieldDecision, PolicySet, Reader } from '../../policies';
import type { FieldSelection } from './collectFieldSelections';

/** What happens to one field node of the document before planning. */
export type Removal =
  /** No concrete type it may be read on is readable: the field goes. */
  | { kind: 'remove' }
  /** Selected on an interface whose possible types differ: it stays only in inline fragments on the readable ones. */
  | { kind: 'narrow'; types: readonly string[] };

/**
 * What the gateway gives for a key field (and, when the subgraphs do not enforce the policies,
 * for any masked field), value by value: `own` on the reader's own record, else `others`.
 */
export interface KeyAccess {
  others: Access;
  own?: Access;
}

/** The policies' answer for one operation and one reader. */
export interface OperationPolicy {
  /** One decision per coordinate the operation selects, in selection order (for the audit record). */
  decisions: FieldDecision[];
  /** Coordinates the gateway withholds: the field resolves to null + FORBIDDEN wherever it is selected. */
  denied: ReadonlySet<string>;
  /**
   * Key fields the gateway masks or withholds value by value (subgraphs exchange keys in
   * the clear to join records, so only the gateway can hide them from the client).
   */
  keyAccess: ReadonlyMap<string, KeyAccess>;
  /** Field nodes to remove or narrow in the document sent to planning. */
  removals: ReadonlyMap<FieldNode, Removal>;
}

type GatewayAction = { kind: 'pass' } | { kind: 'withhold' } | { kind: 'perValue'; access: KeyAccess };

const grants = (access: Access | undefined): access is Access => access !== undefined && access.kind !== 'DENY';

/**
 * What the gateway itself does with a field, given the decision.
 *
 * A field the reader may not read on others' records is withheld unless a `self` rule
 * grants it on their own: then it is planned, and the owning subgraph, which knows whose
 * record it is, decides per record. Masking is the subgraphs' job, except for entity
 * keys: departments exchange keys to join records, so subgraphs never mask or deny them,
 * and the gateway does, value by value. The gateway knows a record is the reader's own
 * only when the key is the reader's `sub` (a citizen's own Person.idNumber); any other
 * key gets `others` (closed: a citizen may not see the number of their own application
 * unless the policies give it to `others`).
 *
 * Subgraphs that do not enforce the policies (`subgraphsEnforce` false: not built on
 * govgraph's kit) would return in the clear what they were asked for: the gateway then masks
 * every masked field itself, value by value, and withholds what only a subgraph could grant.
 */
function gatewayAction(decision: FieldDecision, isKey: boolean, subgraphsEnforce: boolean): GatewayAction {
  const { others, own } = decision;
  if (!isKey) {
    switch (others.kind) {
      case 'ALLOW':
        return { kind: 'pass' };
      case 'MASK':
        return subgraphsEnforce ? { kind: 'pass' } : { kind: 'perValue', access: { others } };
      case 'DENY':
        // Own records (`self`) and the records of a case's parties (a case-bound grant) are
        // known only to the owning subgraph, which decides record by record.
        return subgraphsEnforce && (grants(own) || grants(decision.caseParty)) ? { kind: 'pass' } : { kind: 'withhold' };
    }
  }
  // A key stays closed to a case-bound grant: the gateway cannot tell a party's key from another's.
  switch (others.kind) {
    case 'ALLOW':
      return own === undefined || own.kind === 'ALLOW' ? { kind: 'pass' } : { kind: 'perValue', access: { others, own } };
    case 'MASK':
      return { kind: 'perValue', access: { others, own } };
    case 'DENY':
      return grants(own) ? { kind: 'perValue', access: { others, own } } : { kind: 'withhold' };
  }
}

const typeOf = (coordinate: string): string => coordinate.slice(0, coordinate.indexOf('.'));

/**
 * Asks the policies about every selected coordinate, once each, and derives what the gateway
 * must change. `subgraphsEnforce` (default true): the subgraphs enforce the policies again
 * (govgraph's departments); false: the gateway is the only one that does.
 */
export function decideOperation(
  selections: readonly FieldSelection[],
  policies: PolicySet,
  reader: Reader,
  { subgraphsEnforce = true }: { subgraphsEnforce?: boolean } = {},
): OperationPolicy {
  const decided = new Map<string, FieldDecision>();
  const denied = new Set<string>();
  const keyAccess = new Map<string, KeyAccess>();
  for (const { coordinates } of selections) {
    for (const coordinate of coordinates) {
      if (decided.has(coordinate)) continue;
      const decision = policies.decide(coordinate, reader);
      decided.set(coordinate, decision);
      const action = gatewayAction(decision, policies.isKeyField(coordinate), subgraphsEnforce);
      switch (action.kind) {
        case 'pass':
          break;
        case 'withhold':
          denied.add(coordinate);
          break;
        case 'perValue':
          keyAccess.set(coordinate, action.access);
          break;
      }
    }
  }

  const removals = new Map<FieldNode, Removal>();
  if (denied.size > 0) {
    for (const { node, coordinates, onAbstractType } of selections) {
      const readable = coordinates.filter((coordinate) => !denied.has(coordinate));
      if (readable.length === coordinates.length) continue;
      // On an interface, deny-if-any would hide the types the reader may read, and
      // allow-if-any would fetch values of the types they may not: narrowing is exact.
      removals.set(node, readable.length > 0 && onAbstractType ? { kind: 'narrow', types: readable.map(typeOf) } : { kind: 'remove' });
    }
  }
  return { decisions: [...decided.values()], denied, keyAccess, removals };
}
