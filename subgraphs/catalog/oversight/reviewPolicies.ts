import {
  CHANGE_LABELS,
  checkWriteBacks,
  describeReaderGroup,
  describeWriteChange,
  diffPolicies,
  diffWrites,
  formatAccess,
  loadPolicyFiles,
  nonNullDenials,
  readSupergraph,
  unionOfNames,
  vocabularyNames,
  WIDENING,
  type Access,
  type AccessChange,
  type PolicyFiles,
  type WriteChange,
} from '../../../policies';

export interface PolicyChangeRecord {
  coordinate: string;
  reader: string;
  kind: string;
  before: string;
  after: string;
  widening: boolean;
}

export interface PolicyProblemRecord {
  file: string | null;
  line: number | null;
  message: string;
}

export interface PolicyComparison {
  /** The hash of the base files; null when they do not load (then nothing is compared). */
  baseHash: string | null;
  widening: boolean;
  changes: PolicyChangeRecord[];
  problems: PolicyProblemRecord[];
}

export interface ReviewInput {
  /** The policies in force, as files. */
  base: PolicyFiles;
  proposal: PolicyFiles;
  supergraphSdl: string;
  /** The service items' write-back declarations, which `policy check` holds the write rules against; null when absent. */
  declarations: { file: string; text: string } | null;
}

/** `DENY`, `MASK(phone)`; `ALLOW (own record)` when the change is about the reader's own records only. */
function accessText(access: Access, scope: AccessChange['scope']): string {
  const text = formatAccess(access);
  return scope === 'own' ? `${text} (own record)` : scope === 'others' ? `${text} (others' records)` : text;
}

function writeChangeOf(change: WriteChange): PolicyChangeRecord {
  const events = change.events.join(', ');
  const none = change.whole ? 'no write' : `not on ${events}`;
  return {
    coordinate: change.coordinate,
    reader: `${change.writer} (write-backs)`,
    kind: describeWriteChange(change),
    before: change.kind === 'widens' ? none : `on ${events}`,
    after: change.kind === 'widens' ? `on ${events}` : none,
    widening: change.kind === 'widens',
  };
}

/**
 * What `policy check` and `policy diff` say of a proposal against the policies in force: the
 * proposal's problems (those that stop it loading; once it loads, non-null fields it denies
 * and write rules that do not fit the declared write-backs), and, when it loads, how access
 * changes for every reader class and who may write what, widening changes marked as
 * `policy diff` marks them (exit 3). Both sides are evaluated against the same supergraph.
 */
export function reviewPolicies({ base, proposal, supergraphSdl, declarations }: ReviewInput): PolicyComparison {
  const before = loadPolicyFiles(base, supergraphSdl);
  const baseHash = before.policies?.hash ?? null;
  const after = loadPolicyFiles(proposal, supergraphSdl);
  if (after.problems.length > 0 || !after.policies) return { baseHash, widening: false, changes: [], problems: after.problems };
  const problems: PolicyProblemRecord[] = [...nonNullDenials({ files: proposal, supergraphSdl })];
  if (declarations) problems.push(...checkWriteBacks({ files: proposal, supergraphSdl, declarations }));
  if (!before.policies) {
    return {
      baseHash,
      widening: false,
      changes: [],
      problems: [...problems, { file: null, line: null, message: 'The policies in force have no usable vocabulary: nothing to compare.' }],
    };
  }
  const names = unionOfNames(vocabularyNames(after.vocabulary), vocabularyNames(before.vocabulary));
  const coordinates = readSupergraph(supergraphSdl)
    .governedFields()
    .map((field) => field.coordinate)
    .sort();
  const diff = diffPolicies(before.decider, after.decider, coordinates, names);
  const writes = diffWrites(before.writes, after.writes, coordinates);
  const changes = diff.rows.flatMap((row) => {
    const reader = describeReaderGroup(row.readers, names);
    return row.changes.map((change): PolicyChangeRecord => ({
      coordinate: change.coordinate,
      reader,
      kind: CHANGE_LABELS[change.kind],
      before: accessText(change.from, change.scope),
      after: accessText(change.to, change.scope),
      widening: WIDENING.has(change.kind),
    }));
  });
  changes.push(...writes.map(writeChangeOf));
  return { baseHash, widening: changes.some((change) => change.widening), changes, problems };
}
