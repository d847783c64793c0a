import type { RegisteredOperation } from './RegisteredOperation';
import type { OperationToRegister } from './operationsOfSource';

/** Where registered operations are kept: Redis (every gateway instance reads them) or a file under the data directory. */
export interface OperationStore {
  /** Where, for messages (a Redis URL without its password, or a file path). */
  readonly description: string;
  all(): Promise<RegisteredOperation[]>;
  /** Adds the operations not registered yet; one already there keeps its first registration. Returns each as stored, and whether it was added. */
  register(operations: readonly OperationToRegister[], at: Date): Promise<{ operation: RegisteredOperation; added: boolean }[]>;
}
