import { GraphQLError } from 'graphql';
import { anonymousReader, clientAddressOf, type CreateContext, type RequestReader } from '../../request';
import { CODES } from '../../../schema/contracts/errorCodes';

/**
 * Stage 2's rate limits, as the request's context is built: after authentication (a staff
 * member counts against their own and their department's budget, an anonymous caller against
 * the client address), before any GraphQL work. A refused token counts against the address as
 * an anonymous request, so that guessing tokens spends a budget too (and its 401 becomes a
 * 429 once the budget is spent).
 */
export function rateLimitedContext(check: (reader: RequestReader, clientAddress: string) => Promise<void>, createContext: CreateContext): CreateContext {
  return async (args) => {
    let context;
    try {
      context = await createContext(args);
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === CODES.UNAUTHENTICATED) {
        await check(anonymousReader(String(args.res.locals.requestId)), clientAddressOf(args.req));
      }
      throw error;
    }
    await check(context.reader, context.clientAddress);
    return context;
  };
}
