/** The policy-aware response cache: answers kept per decision fingerprint, in Redis or in memory, served only once each department has logged the read. */
export { answerKeyOf, type AnswerKey, type AnswerKeyInput } from './answerKeyOf';
export type { CachedAnswer, Generations } from './CachedAnswer';
export { createResponseCache, type CacheHit, type ReplayDisclosures, type ResponseCache, type ResponseCacheOptions } from './createResponseCache';
export { memoryResponseCacheStore } from './memoryResponseCacheStore';
export { redisResponseCacheStore, type RedisResponseCacheStoreOptions } from './redisResponseCacheStore';
export type { ResponseCacheStore } from './ResponseCacheStore';
