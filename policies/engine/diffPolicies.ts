import { collapseReaderClasses, type ReaderGroup } from './collapseReaderClasses';
import { allReaderClasses, readerOf, type ReaderClass, type VocabularyNames } from './readerClasses';
import type { Decider } from './createDecider';
import type { Access, FieldDecision } from './types';

/** How one reader's access to one field changed. */
export type ChangeKind = 'gained' | 'lost' | 'masked' | 'unmasked' | 'remasked';

/** In the order the tools list them. */
export const CHANGE_KINDS: readonly ChangeKind[] = ['gained', 'lost', 'masked', 'unmasked', 'remasked'];

/** Changes that let some reader see more: a field gained, a mask lifted, or a mask swapped for another (which may show other parts). */
export const WIDENING: ReadonlySet<ChangeKind> = new Set(['gained', 'unmasked', 'remasked']);

/**
 * Whose records the change is about: `all` records, only `others`' (the reader's own keep
 * what they had), or only the reader's `own` (a `self` grant changed).
 */
export type ChangeScope = 'all' | 'others' | 'own';

export interface AccessChange {
  kind: ChangeKind;
  coordinate: string;
  scope: ChangeScope;
  from: Access;
  to: Access;
}

export interface DiffRow {
  readers: ReaderGroup;
  /** Sorted by kind, then coordinate, then scope. */
  changes: AccessChange[];
}

export interface PolicyDiff {
  /** Reader groups with the same changes, in vocabulary order (anonymous first). */
  rows: DiffRow[];
  /** True when any change is in WIDENING. */
  widens: boolean;
  /** How many reader classes were compared. */
  classes: number;
}

const sameAccess = (a: Access, b: Access): boolean => a.kind === b.kind && (a.kind !== 'MASK' || (b.kind === 'MASK' && a.mask === b.mask));

function classify(from: Access, to: Access): ChangeKind | null {
  if (sameAccess(from, to)) return null;
  if (from.kind === 'DENY') return 'gained';
  if (to.kind === 'DENY') return 'lost';
  if (from.kind === 'ALLOW') return 'masked';
  return to.kind === 'ALLOW' ? 'unmasked' : 'remasked';
}

/** Others' records are decided by `others`; the reader's own by `own` when a self grant matched, else the same. */
const ownOf = (decision: FieldDecision): Access => decision.own ?? decision.others;

function changesOf(coordinate: string, before: FieldDecision, after: FieldDecision): AccessChange[] {
  const others = classify(before.others, after.others);
  const own = classify(ownOf(before), ownOf(after));
  if (others && own && others === own && sameAccess(before.others, ownOf(before)) && sameAccess(after.others, ownOf(after))) {
    return [{ kind: others, coordinate, scope: 'all', from: before.others, to: after.others }];
  }
  const changes: AccessChange[] = [];
  if (others) changes.push({ kind: others, coordinate, scope: 'others', from: before.others, to: after.others });
  if (own) changes.push({ kind: own, coordinate, scope: 'own', from: ownOf(before), to: ownOf(after) });
  return changes;
}

const SCOPES: readonly ChangeScope[] = ['all', 'others', 'own'];

function compareChanges(a: AccessChange, b: AccessChange): number {
  return (
    CHANGE_KINDS.indexOf(a.kind) - CHANGE_KINDS.indexOf(b.kind) ||
    (a.coordinate < b.coordinate ? -1 : a.coordinate > b.coordinate ? 1 : 0) ||
    SCOPES.indexOf(a.scope) - SCOPES.indexOf(b.scope)
  );
}

/**
 * The change in access from one policy set to another, for every reader class over the
 * given field coordinates (those of one supergraph, so that both sets are asked the same
 * questions). Reader classes with the same changes are grouped and the groups factored
 * into rows (`reviewer · purpose application-review · clearance 3+`). A `PolicySet`
 * is a Decider; `loadPolicyFiles` gives one without the memo, faster for this, and with
 * access keys, so that only the fields whose rules decide differently are asked about (an
 * edit changes a few of some two hundred).
 */
export function diffPolicies(before: Decider, after: Decider, coordinates: readonly string[], names: VocabularyNames): PolicyDiff {
  const classes = allReaderClasses(names);
  // A field whose rule decides the same in both sets changes for no reader: only the others are asked about.
  const asked = coordinates.filter((coordinate) => {
    const key = before.accessKey?.(coordinate);
    return key === undefined || key !== after.accessKey?.(coordinate);
  });
  const bySignature = new Map<string, { classes: ReaderClass[]; changes: AccessChange[] }>();
  for (const readerClass of classes) {
    const reader = readerOf(readerClass);
    const changes = asked.flatMap((coordinate) => changesOf(coordinate, before.decide(coordinate, reader), after.decide(coordinate, reader))).sort(compareChanges);
    if (changes.length === 0) continue;
    const signature = JSON.stringify(changes);
    const group = bySignature.get(signature);
    if (group) group.classes.push(readerClass);
    else bySignature.set(signature, { classes: [readerClass], changes });
  }
  const rows: { readers: ReaderGroup; changes: AccessChange[]; order: number[] }[] = [];
  for (const group of bySignature.values()) {
    for (const readers of collapseReaderClasses(group.classes, names)) rows.push({ readers, changes: group.changes, order: orderOf(readers, names) });
  }
  rows.sort((a, b) => compareOrder(a.order, b.order));
  return {
    rows: rows.map(({ readers, changes }) => ({ readers, changes })),
    widens: rows.some((row) => row.changes.some((change) => WIDENING.has(change.kind))),
    classes: classes.length,
  };
}

/** Where a group starts in `allReaderClasses` order (anonymous, then role, department, clearance, purpose): rows follow the vocabulary. */
function orderOf(group: ReaderGroup, names: VocabularyNames): number[] {
  const first = <T>(values: readonly T[], domain: readonly T[]) => Math.min(...values.map((value) => domain.indexOf(value)));
  if (group.kind === 'everyone') return [-1];
  const purpose = first(group.purposes, [null, ...names.purposes]);
  if (group.kind === 'anonymous') return [0, purpose];
  return [1, first(group.roles, names.roles), first(group.departments, [null, ...names.departments]), Math.min(...group.clearances), purpose];
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
