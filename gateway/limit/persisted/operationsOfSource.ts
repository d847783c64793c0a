import { GraphQLError, Kind, parse } from 'graphql';
import { operationText, sha256Hex } from './operationText';
import type { RegisteredOperation } from './RegisteredOperation';

export type OperationToRegister = Omit<RegisteredOperation, 'registeredAt'>;

/** A file that cannot be registered; the message names it (and the line, for a syntax error). */
export class OperationFileError extends Error {}

/**
 * The operations of one `.graphql` file, each with the fragments it uses, stored by the
 * sha256 of its printed text (`operationText`): the text a client sends, and the hash it
 * sends in place of it.
 */
export function operationsOfSource(source: string, file: string): OperationToRegister[] {
  let document;
  try {
    document = parse(source);
  } catch (error) {
    const location = error instanceof GraphQLError ? error.locations?.[0] : undefined;
    throw new OperationFileError(`${file}${location ? `:${location.line}` : ''}: ${(error as Error).message}`);
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) throw new OperationFileError(`${file}: no operation (query, mutation or subscription) to register`);
  if (operations.length > 1 && operations.some((o) => !o.name)) throw new OperationFileError(`${file}: an anonymous operation must be the only one in its document`);
  return operations.map((operation) => {
    const text = operationText(document, operation);
    return { hash: sha256Hex(text), name: operation.name?.value ?? null, text };
  });
}
