/** Stage 3 of the request path: field-level policies, decided and enforced before planning. */
export type { ApplyMask } from './applyMask';
export { collectFieldSelections, type FieldSelection } from './collectFieldSelections';
export { createEnforcingExecutor, type DeniedFields, type EnforcementOptions } from './createEnforcingExecutor';
export { decideOperation, type KeyAccess, type OperationPolicy, type Removal } from './decideOperation';
export { filterDocument, type FilteredOperation } from './filterDocument';
export { forbidden, operationForbidden } from './forbidden';
export { isPolicySet, loadPolicies, type PoliciesOption } from './loadPolicies';
export { PolicyEnforcingGateway } from './PolicyEnforcingGateway';
export { unenforcedPurposes } from './unenforcedPurposes';
export { introspectionPlugin, selectsIntrospection } from './introspectionPlugin';
