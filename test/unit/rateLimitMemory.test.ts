import { memoryRateLimitStore } from '../../gateway/limit/rate';
import { describeRateLimitStore } from '../support/rateLimitBehaviour';

const store = memoryRateLimitStore();
describeRateLimitStore(
  'memory',
  async () => ({ store, prefix: 'test:' }),
  () => store.close(),
);
