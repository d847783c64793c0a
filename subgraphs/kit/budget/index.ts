/** A department's own request budget: turns for concurrent requests, a short queue, statement time. */
export { DEFAULT_REQUEST_BUDGET, requestBudgetOf, type RequestBudget } from './RequestBudget';
export { limitConcurrentRequests, type ConcurrencyLimit } from './limitConcurrentRequests';
