import type { GraphQLFormattedError } from 'graphql';

/** Each department's write generation: it moves on with every write that reaches the department through the graph. */
export type Generations = Readonly<Record<string, number>>;

/**
 * An answer kept for readers whose policy decisions are the same: what the client was sent
 * (data and the withheld fields' FORBIDDEN errors; an answer with any other error is never
 * kept), the departments that served it, and the request that fetched it, whose disclosure-log
 * rows each department copies for every later reader it is served to.
 */
export interface CachedAnswer {
  data: Record<string, unknown>;
  errors?: GraphQLFormattedError[];
  departments: string[];
  requestId: string;
}
