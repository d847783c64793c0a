import type { ApolloServerPlugin } from '@apollo/server';
import { defaultFieldResolver, getNullableType, isListType, isObjectType, isNonNullType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { CODES, requestError } from '../../../schema/contracts/errorCodes';
import { isFlatExtract } from './flatExtracts';

export interface ResultSizeLimit {
  /** Counts the items every list field of `schema` resolves (its resolvers are wrapped in place). */
  apply(schema: GraphQLSchema): GraphQLSchema;
  /** Answers a request that went over the limit with one RESULT_TOO_LARGE error and no data. */
  plugin: ApolloServerPlugin<object>;
}

export interface ResultSizeLimitOptions {
  department: string;
  maxItems: number;
  log: Logger;
  /** Forgets what the request would have disclosed: it returns nothing. */
  discard(context: object): void;
}

/**
 * Bounds the answer one request can make a department build. A document of nested lists
 * grows as (items per list)^depth: `applications { applicant { applications … } }` twelve
 * deep over 100 people is millions of objects, built in memory before anything is sent,
 * until the process runs out of heap and dies (that is how one query stopped the services
 * department). Here every list field adds its items to the request's count; past
 * `maxItems` no list field resolves any more (null, or empty where null is not allowed, so
 * nothing deeper runs and no error piles up per field), and the answer is replaced by one
 * error.
 */
export function limitResultSize({ department, maxItems, log, discard }: ResultSizeLimitOptions): ResultSizeLimit {
  const counts = new WeakMap<object, number>();
  const over = new WeakSet<object>();

  const counted = (context: object, value: unknown): unknown => {
    if (!Array.isArray(value)) return value;
    // A statistical extract's flat list of leaf cells counts as one item (flatExtracts.ts).
    const count = (counts.get(context) ?? 0) + (isFlatExtract(value) ? 1 : value.length);
    counts.set(context, count);
    if (count > maxItems) over.add(context);
    return value;
  };

  return {
    apply(schema) {
      for (const type of Object.values(schema.getTypeMap())) {
        if (!isObjectType(type) || type.name.startsWith('__')) continue;
        for (const field of Object.values(type.getFields())) {
          if (!isListType(getNullableType(field.type))) continue;
          const resolve: GraphQLFieldResolver<unknown, object> = field.resolve ?? defaultFieldResolver;
          const stopped = isNonNullType(field.type) ? [] : null;
          field.resolve = (parent, args, context: object, info) => {
            if (over.has(context)) return stopped;
            const value = resolve(parent, args, context, info);
            return value instanceof Promise ? value.then((resolved) => counted(context, resolved)) : counted(context, value);
          };
        }
      }
      return schema;
    },
    plugin: {
      async requestDidStart() {
        return {
          async willSendResponse({ contextValue, response }) {
            if (!over.has(contextValue)) return;
            discard(contextValue);
            log.warn({ department, maxItems, requestId: (contextValue as { requestId?: string }).requestId }, 'answer too large: refused');
            const error = requestError(
              CODES.RESULT_TOO_LARGE,
              `The answer from department ${department} would hold more than ${maxItems} list items; ask for fewer or less deeply nested records.`,
              { department, limit: maxItems },
            );
            response.body = { kind: 'single', singleResult: { errors: [error.toJSON()] } };
          },
        };
      },
    },
  };
}
