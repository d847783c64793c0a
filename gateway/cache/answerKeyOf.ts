import { createHash } from 'node:crypto';
import type { FieldDecision, PolicySet, RequestReader } from '../../policies';

/** Where an answer is kept, and for how long. */
export interface AnswerKey {
  key: string;
  ttlSeconds: number;
}

export interface AnswerKeyInput {
  /** Every coordinate the operation selects, decided for this reader (the policy stage's decisions). */
  decisions: readonly FieldDecision[];
  policies: PolicySet;
  reader: RequestReader;
  /** sha256 of the client's document text, as Apollo computed it. */
  queryHash: string;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
  /** The gateway's own settings that change answers (denied fields as null or refused, who masks). */
  settings: string;
}

/**
 * The key an answer is kept under, or null when it may not be kept: the operation selects a
 * field whose department set no `cache:` for it (the shortest hint of all decides how long).
 *
 * The key is a hash of what decides the answer, and of nothing that identifies the reader
 * unless the answer depends on who they are: the policies in force, the document and its
 * variables, the purpose, and the decisions themselves (access, mask, grant, rule and reason
 * for every field), so readers share an entry only when every field is decided the same way
 * for them. The reader's `sub` joins the key when a `self` rule matched them (their own records
 * read differently) or a department keeps the field per reader (`scope: reader`). Never the
 * token itself. An operation a case-bound grant opened a field of is never kept: whether a
 * record is a party to a case still under review is the department's answer at the time.
 */
export function answerKeyOf({ decisions, policies, reader, queryHash, operationName, variables, settings }: AnswerKeyInput): AnswerKey | null {
  if (decisions.length === 0 || !policies.cacheHint) return null;
  let ttlSeconds = Infinity;
  let perReader = false;
  for (const decision of decisions) {
    // Whether a record is a party to a case under review is the department's live answer: never kept.
    if (decision.caseParty !== undefined) return null;
    const hint = policies.cacheHint(decision.coordinate);
    if (!hint) return null;
    ttlSeconds = Math.min(ttlSeconds, hint.maxAgeSeconds);
    perReader ||= hint.perReader || decision.own !== undefined;
  }
  const parts = [
    'answer/1',
    settings,
    policies.hash,
    queryHash,
    operationName ?? '',
    JSON.stringify(variables ?? {}),
    reader.purpose ?? '',
    perReader ? `sub:${reader.identity?.sub ?? ''}` : '',
    JSON.stringify(decisions),
  ];
  return { key: createHash('sha256').update(parts.join('\u0000')).digest('hex'), ttlSeconds };
}
