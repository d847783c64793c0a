import type { ApolloServerPlugin } from '@apollo/server';
import { parse, type DocumentNode, type GraphQLError } from 'graphql';
import type { LimitsConfig } from '../config';
import type { RequestContext } from '../request';
import { budgetOf } from './budgetOf';
import { documentRefusal } from './documentRefusal';
import { requestRefusal } from './requestRefusal';

/**
 * Stage 2 in Apollo Server's request pipeline: refuses an operation over a limit after it
 * is parsed and BEFORE graphql-js validates it (its overlapping-fields rule compares fields
 * pairwise: 2,000 aliases cost it a hundred milliseconds and more), so before anything is
 * planned.
 *
 * No hook can end a request between parsing and validation: what `parsingDidEnd` or
 * `validationDidStart` throw becomes an HTTP 500, a validation rule cannot stop the rules
 * beside it, and Apollo re-codes parse and validation errors as its own. So
 * `validationDidStart` measures the document (`documentRefusal`) and, over a limit, gives
 * validation a stand-in (`{ __typename }`, nothing to do) in its place; `didResolveOperation`,
 * the first hook whose error is answered as it is (code, `extensions.http` status), refuses
 * it. Apollo caches validated documents by their text: the stand-in is cached in place of the
 * refused document, and since that refusal depends on the text alone, every later request
 * with the same text is refused the same way, without parsing it again.
 *
 * What depends on the request — the cost against this reader's budget, sizes and strings
 * given as variables, identifiers in variables — is checked in `didResolveOperation` on
 * every request (`requestRefusal`), cached document or not, still before planning.
 */
export function limitsPlugin(limits: LimitsConfig): ApolloServerPlugin<RequestContext> {
  const refusals = new WeakMap<DocumentNode, GraphQLError>();
  return {
    async requestDidStart() {
      return {
        async validationDidStart(requestContext) {
          const refusal = documentRefusal(requestContext.schema, requestContext.document, limits);
          if (!refusal) return;
          const standIn = parse('{ __typename }', { noLocation: true });
          refusals.set(standIn, refusal);
          (requestContext as { document: DocumentNode }).document = standIn;
        },
        async didResolveOperation({ schema, document, request, contextValue }) {
          const identity = contextValue.reader.identity;
          const budget = budgetOf(identity ? identity.roles : null, limits.cost.budgets);
          const refusal = refusals.get(document) ?? requestRefusal(schema, document, { variables: request.variables ?? {}, budget }, limits);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
