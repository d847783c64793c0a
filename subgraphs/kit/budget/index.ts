/** A department's own request budget: turns for concurrent requests, a short queue, statement time, answer size. */
export { DEFAULT_REQUEST_BUDGET, requestBudgetOf, type RequestBudget } from './RequestBudget';
export { limitConcurrentRequests, type ConcurrencyLimit } from './limitConcurrentRequests';
export { limitResultSize, type ResultSizeLimit } from './limitResultSize';
