/** Persisted and safelisted operations (stage 2): APQ in a shared store, and the registry `govgraph operations` writes. */
export { createOperationRegistry, type OperationRegistry } from './createOperationRegistry';
export { fileOperationStore } from './fileOperationStore';
export type { OperationStore } from './OperationStore';
export { OperationFileError, operationsOfSource, type OperationToRegister } from './operationsOfSource';
export { operationText, sha256Hex } from './operationText';
export { redisKeyValueCache } from './redisKeyValueCache';
export { redisOperationStore } from './redisOperationStore';
export type { RegisteredOperation } from './RegisteredOperation';
export { safelistCache } from './safelistCache';
export { safelistPlugin } from './safelistPlugin';
export { usePersistedOperations, type PersistedOperations, type PersistedOperationsOptions } from './usePersistedOperations';
