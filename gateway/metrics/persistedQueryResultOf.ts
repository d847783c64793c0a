import type { GraphQLRequestMetrics } from '@apollo/server';
import { CODES } from '../../schema/contracts/errorCodes';

/** `hit`: the hash alone was sent and known; `miss`: sent alone and not known; `register`: the hash came with its query, now stored. */
export type PersistedQueryResult = 'hit' | 'miss' | 'register';

/** What an automatic persisted query did in this request, as Apollo Server notes it; null for a request that sent its query text only. */
export function persistedQueryResultOf(metrics: GraphQLRequestMetrics, codes: readonly string[]): PersistedQueryResult | null {
  if (metrics.persistedQueryHit) return 'hit';
  if (metrics.persistedQueryRegister) return 'register';
  return codes.includes(CODES.PERSISTED_QUERY_NOT_FOUND) ? 'miss' : null;
}
