/** Stage 2 of the request path: the operation limits, refused before validation and planning. */
export { useOperationLimits, type LimitServerOptions, type OperationLimits, type OperationLimitsOptions } from './useOperationLimits';
export { budgetOf } from './budgetOf';
