/** Rate limits (stage 2): per identity, per department, per anonymous client address; Redis or memory. */
export { createRateLimiter, type RateLimiter, type RateLimiterHealth, type RateLimiterOptions } from './createRateLimiter';
export { rateLimitedContext } from './rateLimitedContext';
export { memoryRateLimitStore } from './memoryRateLimitStore';
export { redisRateLimitStore } from './redisRateLimitStore';
export type { RateLimitKind } from './rateCountersOf';
export type { HitOutcome, RateCounter, RateLimitStore } from './RateLimitStore';
export { sharedRedis, type SharedRedis } from './sharedRedis';
export { withDeadline } from './withDeadline';
export { redisAttempts, type RedisAttempt } from './redisAttempts';
