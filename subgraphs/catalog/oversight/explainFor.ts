import { parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { PLATFORM_DEPARTMENT, type FieldDecision, type Reader } from '../../../policies';
import { withGrants } from '../../../policies/grants';
import { SUPERGRAPH_FILE } from '../../../schema/composition/composeSupergraph';
import { CODES, requestError } from '../../kit';
import type { CatalogContext } from '../context';
import { fieldDecisionOf, type DecisionView } from './fieldDecisionOf';
import { graphApiSchema } from './graphApiSchema';
import { MAX_SELECTED_FIELDS, selectedFields } from './selectedFields';

/** The longest operation explained, in bytes of UTF-8 (the gateway's body limit is 256 KB). */
export const MAX_QUERY_BYTES = 100 * 1024;
/** Tokens parsed before giving up (the gateway parses 5,000 in a request; this is for documents being written). */
const MAX_TOKENS = 50_000;

export interface FieldDecisionRecord extends DecisionView {
  coordinate: string;
  path: string;
  department: string;
}

/** `Query.explainMyAccess` and `Query.explainAccess` as resolvers return them. */
export interface AccessExplanationRecord {
  valid: boolean;
  errors: string[];
  purpose: string | null;
  fields: FieldDecisionRecord[];
}

/** `3:5: Cannot query field "shoeSize" on type "Person".`, as `policy explain` writes it. */
function located(error: GraphQLError): string {
  const at = error.locations?.[0];
  return at ? `${at.line}:${at.column}: ${error.message}` : error.message;
}

/**
 * For one operation and one reader: the document parsed and validated against the graph's
 * API schema (what the gateway does before deciding; an operation that does not pass is
 * `valid: false` with why, and no field), then each field it selects (`selectedFields`)
 * decided by the policies in force with the access grants in force laid over them, as
 * `myAccess` decides it. Nothing is read or executed.
 */
export async function explainFor(ctx: CatalogContext, source: string, reader: Reader): Promise<AccessExplanationRecord> {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_QUERY_BYTES) {
    throw requestError(CODES.BAD_USER_INPUT, `The operation is ${bytes} bytes; explain one of at most ${MAX_QUERY_BYTES} bytes.`, {
      argument: 'query',
      limit: MAX_QUERY_BYTES,
      measured: bytes,
    });
  }
  const invalid = (errors: string[]): AccessExplanationRecord => ({ valid: false, errors, purpose: reader.purpose, fields: [] });
  const schema = graphApiSchema(SUPERGRAPH_FILE);
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: MAX_TOKENS });
  } catch (error) {
    return invalid([located(error as GraphQLError)]);
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return invalid(errors.map(located));
  const selected = selectedFields(schema, document);
  if (!selected) {
    throw requestError(CODES.BAD_USER_INPUT, `The operation selects more than ${MAX_SELECTED_FIELDS} fields, counting each fragment where it is spread; explain a smaller one.`, {
      argument: 'query',
      limit: MAX_SELECTED_FIELDS,
    });
  }

  const { catalog, grants } = ctx.services;
  const policies = withGrants(catalog.policies(), grants.index());
  const departments = new Map((await catalog.entries()).map((entry) => [entry.coordinate, entry.department]));
  const decided = new Map<string, FieldDecision>();
  const fields = selected.map(({ coordinate, path }): FieldDecisionRecord => {
    let decision = decided.get(coordinate);
    if (!decision) decided.set(coordinate, (decision = policies.decide(coordinate, reader)));
    return { coordinate, path, department: departments.get(coordinate) ?? PLATFORM_DEPARTMENT, ...fieldDecisionOf(decision) };
  });
  return { valid: true, errors: [], purpose: reader.purpose, fields };
}
