import {
  allReaderClasses,
  collapseReaderClasses,
  describeReaderGroup,
  formatAccess,
  readerOf,
  type Access,
  type PolicySet,
  type ReaderClass,
  type VocabularyNames,
} from '../../policies';

/** What one field gives the readers of every kind, before any access grant. */
export interface ReaderSummary {
  /** `ALLOW: officer · dept population; reviewer · clearance 3+ · purpose application-review. MASK(address): caseworker. Own record: any signed-in reader.` */
  text: string;
  /** An anonymous reader gets the value (in the clear or masked). */
  openToPublic: boolean;
}

/**
 * Who may read a field, in the words of `policy diff`: the reader classes (role ×
 * department × clearance × purpose, and anonymous) grouped by what they get for other
 * people's records and factored into a few groups, then whether a `self` grant gives
 * signed-in readers their own record. Fields whose decisions are the same for every class
 * share one summary through `memo` (most fields of a type follow its defaults); a field whose
 * access key (`PolicySet.accessKey`) an earlier one had is not asked about at all.
 */
export function describeReaders(
  policies: Pick<PolicySet, 'decide' | 'accessKey'>,
  coordinate: string,
  names: VocabularyNames,
  classes: readonly ReaderClass[] = allReaderClasses(names),
  memo: Map<string, ReaderSummary> = new Map(),
): ReaderSummary {
  const accessKey = policies.accessKey?.(coordinate);
  const sameRule = accessKey === undefined ? undefined : memo.get(`access ${accessKey}`);
  if (sameRule) return sameRule;
  const remember = (summary: ReaderSummary): ReaderSummary => {
    if (accessKey !== undefined) memo.set(`access ${accessKey}`, summary);
    return summary;
  };
  const accesses: string[] = [];
  let ownRecord = false;
  for (const readerClass of classes) {
    const decision = policies.decide(coordinate, readerOf(readerClass));
    if (decision.own && decision.own.kind !== 'DENY' && decision.others.kind === 'DENY') ownRecord = true;
    accesses.push(decision.others.kind === 'DENY' ? '' : formatAccess(decision.others as Access));
  }
  const signature = `${ownRecord ? 1 : 0}|${accesses.join(',')}`;
  const known = memo.get(signature);
  if (known) return remember(known);
  const byAccess = new Map<string, ReaderClass[]>();
  let openToPublic = false;
  classes.forEach((readerClass, i) => {
    const access = accesses[i];
    if (access === '') return;
    if (readerClass.kind === 'anonymous') openToPublic = true;
    const group = byAccess.get(access);
    if (group) group.push(readerClass);
    else byAccess.set(access, [readerClass]);
  });
  const parts = [...byAccess.entries()]
    .sort(([a], [b]) => (a === 'ALLOW' ? -1 : b === 'ALLOW' ? 1 : a < b ? -1 : 1))
    .map(
      ([access, group]) =>
        `${access}: ${collapseReaderClasses(group, names)
          .map((g) => describeReaderGroup(g, names))
          .join('; ')}.`,
    );
  if (ownRecord) parts.push('Own record: a signed-in reader whose record it is.');
  const summary = { text: parts.length > 0 ? parts.join(' ') : 'No one.', openToPublic };
  memo.set(signature, summary);
  return remember(summary);
}
