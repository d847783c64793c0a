import { execute, type DocumentNode, type ExecutionResult, type GraphQLFieldResolver, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import type { Access, MaskName } from '../../policies';
import type { ApplyMask } from './applyMask';
import type { KeyAccess } from './decideOperation';
import { forbidden } from './forbidden';

export interface ReexecuteOptions {
  schema: GraphQLSchema;
  /** The client's document and operation, as sent. */
  document: DocumentNode;
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
  /** What the gateway returned for the filtered document. */
  data: Record<string, unknown>;
  denied: ReadonlySet<string>;
  /** For some denied coordinates: why a grant of the reader's department does not open them here. */
  whyDenied?: ReadonlyMap<string, string>;
  keyAccess: ReadonlyMap<string, KeyAccess>;
  /** The reader's `sub`: a key equal to it is on the reader's own record. */
  readerSub: string | null;
  applyMask: ApplyMask;
}

function masked(applyMask: ApplyMask, mask: MaskName, value: unknown, coordinate: string): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return applyMask(mask, value);
  if (Array.isArray(value)) return value.map((item) => masked(applyMask, mask, item, coordinate));
  // A value no mask can hide is withheld rather than sent in the clear.
  throw forbidden(coordinate);
}

function keyValue(applyMask: ApplyMask, access: Access, value: unknown, coordinate: string): unknown {
  switch (access.kind) {
    case 'ALLOW':
      return value;
    case 'MASK':
      return masked(applyMask, access.mask, value, coordinate);
    case 'DENY':
      throw forbidden(coordinate);
  }
}

const typeFromTypename: GraphQLTypeResolver<unknown, unknown> = (value) => (value as { __typename?: string }).__typename;

/**
 * Runs the client's own operation over the data the gateway fetched for the filtered one.
 * Fields read their value by response key; a withheld coordinate throws FORBIDDEN; a key
 * is masked or withheld as `keyAccess` says for its value. graphql-js
 * then does the rest as the spec says: null and one error with its path per occurrence,
 * null propagation for non-null fields, aliases, fragments and @skip/@include as written.
 */
export async function reexecute(options: ReexecuteOptions): Promise<ExecutionResult> {
  const { denied, whyDenied, keyAccess, readerSub, applyMask } = options;
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
    const coordinate = `${info.parentType.name}.${info.fieldName}`;
    if (denied.has(coordinate)) throw forbidden(coordinate, whyDenied?.get(coordinate));
    const value = (source as Record<string, unknown>)[info.path.key as string];
    const access = keyAccess.get(coordinate);
    if (!access) return value;
    return keyValue(applyMask, access.own && readerSub !== null && value === readerSub ? access.own : access.others, value, coordinate);
  };
  return execute({
    schema: options.schema,
    document: options.document,
    operationName: options.operationName,
    variableValues: options.variables,
    rootValue: options.data,
    fieldResolver,
    typeResolver: typeFromTypename,
  });
}
