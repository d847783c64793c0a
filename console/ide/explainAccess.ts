import { sessionHeaders, type Session } from './session';

/** What the catalog's Query.explainMyAccess answers for one field. */
export interface FieldDecision {
  coordinate: string;
  path: string;
  department: string;
  access: AccessKind;
  mask: string | null;
  ownRecord: AccessKind | null;
  caseParties: AccessKind | null;
  grant: string | null;
  rule: string;
}

export type AccessKind = 'ALLOW' | 'MASK' | 'DENY';

export interface AccessExplanation {
  valid: boolean;
  errors: string[];
  purpose: string | null;
  fields: FieldDecision[];
}

/** The operation is sent as a variable: never spliced into the explaining query's text. */
export const EXPLAIN_QUERY = `query GovgraphExplain($q: String!) {
  explainMyAccess(query: $q) { valid errors purpose fields { coordinate path department access mask ownRecord caseParties grant rule } }
}`;

/** Why the decisions could not be had: refused (anonymous, expired token) or failed (network, server). */
export class ExplainError extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    /** The HTTP status of the answer (0: none came). */
    readonly status: number,
  ) {
    super(message);
  }
}

/** Asks this origin's /graphql, as the session's reader, what each field of `query` would give. */
export async function explainAccess(query: string, session: Session, signal: AbortSignal): Promise<AccessExplanation> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...sessionHeaders(session) },
    body: JSON.stringify({ query: EXPLAIN_QUERY, variables: { q: query }, operationName: 'GovgraphExplain' }),
    credentials: 'same-origin',
    signal,
  });
  let body: { data?: { explainMyAccess?: AccessExplanation | null } | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = await response.json();
  } catch {
    throw new ExplainError(`HTTP ${response.status} ${response.statusText}`.trim(), null, response.status);
  }
  const explanation = body.data?.explainMyAccess;
  if (explanation) return explanation;
  const error = body.errors?.[0];
  if (error) throw new ExplainError(error.message, error.extensions?.code ?? null, response.status);
  throw new ExplainError(`HTTP ${response.status}: no explanation in the answer`, null, response.status);
}

/** How a field's decision reads: the kind it falls in, for the summary and the flag. */
export type Verdict = 'allow' | 'mask' | 'deny' | 'ownRecord' | 'caseParties';

export function verdictOf(field: FieldDecision): Verdict {
  if (field.access === 'ALLOW') return 'allow';
  if (field.access === 'MASK') return 'mask';
  if (field.ownRecord && field.ownRecord !== 'DENY') return 'ownRecord';
  if (field.caseParties && field.caseParties !== 'DENY') return 'caseParties';
  return 'deny';
}
