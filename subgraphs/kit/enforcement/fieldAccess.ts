import type { Access, FieldDecision, PolicySet, Reader } from '../../../policies';
import { caseRequiredHint } from '../../../policies/grants';
import type { Identity, OwnerOf } from '../defineDepartment';
import type { CaseParties } from './caseParties';
import { inheritOwner } from './inheritOwner';

/** What a resolver's context carries that the policies look at. */
export interface ReaderContext {
  identity: Identity | null;
  purpose: string | null;
  /** The service case the request names (`X-Case-Id`). */
  caseId?: string | null;
  /** That case, looked up when a case-bound grant could apply to this reader; null when it could not be read. */
  caseParties?: CaseParties | null;
}

interface RequestState {
  policies: PolicySet;
  reader: Reader;
  caseParties: CaseParties | null;
  decisions: Map<string, FieldDecision>;
  /** Owners of records of `inheritOwner` types, recorded as they are resolved. */
  inherited: WeakMap<object, string | null>;
}

/**
 * Decides, per request, what the reader gets for one field of one record. Decisions are
 * taken once per coordinate and request (the policy set is fixed for the whole request,
 * even across a reload); only the owner check runs per record.
 */
export interface FieldAccess {
  /** The Access for `coordinate` on the record `parent` of type `typeName`. */
  of(context: ReaderContext, typeName: string, coordinate: string, parent: unknown): Access;
  /** Records that `child` (a record of an `inheritOwner` type) belongs to the owner of `parent`. */
  inherit(context: ReaderContext, parentType: string, parent: unknown, child: unknown): void;
  /**
   * For a field `of` denies: why a case-bound grant of the reader's department did not open it
   * (no case named, the case unreadable, not under review, handled by another department, or
   * the record not a party to it); undefined when no such grant is in play.
   */
  whyNotGranted(context: ReaderContext, typeName: string, coordinate: string, parent: unknown): string | undefined;
  /** True when records of `typeName` take their owner from the record they were reached from. */
  inherits(typeName: string): boolean;
  /**
   * True when `of` would return ALLOW for this record whoever owns it (ALLOW for others,
   * and ALLOW or no `self` rule for the reader's own): the shield would let the field
   * resolve and the mask would leave its value alone. False when the answer depends on the
   * owner, and when looking the owner up fails (as `of` would, so the shield denies).
   */
  allowsWhoeverOwns(context: ReaderContext, typeName: string, coordinate: string, parent: unknown): boolean;
}

export function createFieldAccess(currentPolicies: () => PolicySet, owners: Record<string, OwnerOf>): FieldAccess {
  // Keyed by the request's context object: per-request state never outlives the request.
  const states = new WeakMap<object, RequestState>();

  function stateOf(context: ReaderContext): RequestState {
    let state = states.get(context);
    if (!state) {
      state = {
        policies: currentPolicies(),
        reader: { identity: context.identity, purpose: context.purpose, caseId: context.caseId ?? null },
        caseParties: context.caseParties ?? null,
        decisions: new Map(),
        inherited: new WeakMap(),
      };
      states.set(context, state);
    }
    return state;
  }

  function decision(state: RequestState, coordinate: string): FieldDecision {
    let found = state.decisions.get(coordinate);
    if (!found) {
      found = state.policies.decide(coordinate, state.reader);
      state.decisions.set(coordinate, found);
    }
    return found;
  }

  function ownerOf(state: RequestState, typeName: string, record: unknown): string | null {
    const owner = owners[typeName];
    if (!owner || record === null || typeof record !== 'object') return null;
    if (owner === inheritOwner) return state.inherited.get(record) ?? null;
    return owner(record) ?? null;
  }

  /**
   * True when the record belongs to a party of the case the request names, that case is
   * under review and the reader's department handles it: a case-bound grant reads nothing else.
   */
  function isCaseParty(state: RequestState, typeName: string, record: unknown): boolean {
    const found = state.caseParties;
    if (!found || !found.underReview || found.caseId !== state.reader.caseId) return false;
    if (found.handledBy === null || found.handledBy !== state.reader.identity?.dept) return false;
    const owner = ownerOf(state, typeName, record);
    return owner !== null && found.parties.has(owner);
  }

  return {
    of(context, typeName, coordinate, parent) {
      const state = stateOf(context);
      const { others, own, caseParty } = decision(state, coordinate);
      const sub = state.reader.identity?.sub;
      // The owner is only looked up when a `self` rule or a case-bound grant could apply.
      if (own && sub && ownerOf(state, typeName, parent) === sub) return own;
      if (caseParty && isCaseParty(state, typeName, parent)) return caseParty;
      return others;
    },
    whyNotGranted(context, typeName, coordinate, parent) {
      const state = stateOf(context);
      const { caseParty, caseRequiredBy, grant } = decision(state, coordinate);
      if (caseRequiredBy) return caseRequiredHint(caseRequiredBy);
      if (!caseParty) return undefined;
      const caseId = state.reader.caseId;
      const bound = `grant ${grant} reads only the parties of a case under review that the reader's department handles`;
      const found = state.caseParties;
      if (!found || found.caseId !== caseId) return `${bound}; case ${caseId} could not be found or read`;
      if (!found.underReview) return `${bound}; case ${caseId} is not under review`;
      if (found.handledBy !== state.reader.identity?.dept) return `${bound}; case ${caseId} is not handled by ${state.reader.identity?.dept}`;
      return isCaseParty(state, typeName, parent) ? undefined : `${bound}; this record is not a party to case ${caseId}`;
    },
    inherit(context, parentType, parent, child) {
      if (child === null || typeof child !== 'object') return;
      const state = stateOf(context);
      const owner = ownerOf(state, parentType, parent);
      // One record reached from records of two owners belongs to neither.
      state.inherited.set(child, state.inherited.has(child) && state.inherited.get(child) !== owner ? null : owner);
    },
    inherits: (typeName) => owners[typeName] === inheritOwner,
    allowsWhoeverOwns(context, typeName, coordinate, parent) {
      const state = stateOf(context);
      const { others, own } = decision(state, coordinate);
      if (others.kind !== 'ALLOW' || (own !== undefined && own.kind !== 'ALLOW')) return false;
      if (own && state.reader.identity?.sub) {
        try {
          ownerOf(state, typeName, parent);
        } catch {
          return false;
        }
      }
      return true;
    },
  };
}
