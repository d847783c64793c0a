import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, visit, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { httpRequestError, type RequestContext } from '../request';
import { CODES } from '../../schema/contracts/errorCodes';

/** Whether the executed operation asks for the schema (`__schema`, `__type`), through fragments too. `__typename` is not introspection. */
export function selectsIntrospection(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  let found = false;
  const check = (node: DocumentNode['definitions'][number]) =>
    visit(node, {
      Field(field) {
        if (field.name.value === '__schema' || field.name.value === '__type') found = true;
      },
    });
  check(operation);
  // Fragments are checked whether used or not: a document that carries introspection is refused.
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) check(definition);
  return found;
}

/**
 * In production, the schema is shown only to authenticated callers: an anonymous operation
 * that introspects is refused with FORBIDDEN (HTTP 403). (Apollo's own `introspection` flag is on, so
 * that authenticated callers and the development IDE get the schema.)
 */
export function introspectionPlugin({ production }: { production: boolean }): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      if (!production) return;
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (contextValue.reader.identity || !operation || !selectsIntrospection(document, operation)) return;
          // The whole operation is refused, not a field withheld: 403, not the registry's 200 for a field.
          throw httpRequestError(CODES.FORBIDDEN, 'Introspection is available to authenticated callers only; send a bearer token.', { reason: 'introspection' }, { status: 403 });
        },
      };
    },
  };
}
