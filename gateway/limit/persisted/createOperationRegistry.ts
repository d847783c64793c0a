import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { withDeadline } from '../rate';
import type { OperationStore } from './OperationStore';
import { operationText, sha256Hex } from './operationText';
import type { RegisteredOperation } from './RegisteredOperation';

/** The registered operations as a gateway instance sees them: a copy of the store, reloaded when stale. */
export interface OperationRegistry {
  /** The operation registered under `hash` (the sha256 of its text), if any. */
  byHash(hash: string): Promise<RegisteredOperation | undefined>;
  /** Whether the operation whose `operationText` hashes to `hash` is registered. */
  hasOperation(hash: string): Promise<boolean>;
}

export interface OperationRegistryOptions {
  /** How old the copy may grow before it is reloaded (an operation removed from the store stops running after this). */
  refreshMs?: number;
  /** On a miss, reload if the copy is older than this (an operation just registered runs within this), but no oftener. */
  missRefreshMs?: number;
  /** Longest one reload may take. */
  timeoutMs: number;
  log: Logger;
  clock?: () => number;
}

interface Snapshot {
  byHash: Map<string, RegisteredOperation>;
  operations: Set<string>;
}

/**
 * Requests never wait on the store beyond `timeoutMs`, and a store that cannot be read (Redis
 * down) leaves the last copy in force: registered operations keep running, others stay
 * refused. A copy is only replaced by a complete newer one.
 */
export function createOperationRegistry(store: OperationStore, options: OperationRegistryOptions): OperationRegistry {
  const { refreshMs = 10_000, missRefreshMs = 1_000, timeoutMs, log } = options;
  const clock = options.clock ?? Date.now;
  let snapshot: Snapshot = { byHash: new Map(), operations: new Set() };
  let loadedAt = -Infinity;
  let loading: Promise<void> | undefined;
  let failing = false;
  // An operation's text never changes under its hash: its identifying hash is computed once.
  const operationHashes = new Map<string, string | null>();

  const load = async () => {
    try {
      const operations = await withDeadline(store.all(), timeoutMs);
      snapshot = {
        byHash: new Map(operations.map((operation) => [operation.hash, operation])),
        operations: new Set(operations.map(operationHashOf).filter((hash): hash is string => hash !== null)),
      };
      if (failing) log.info({ store: store.description, operations: operations.length }, 'registered operations readable again');
      failing = false;
    } catch (error) {
      if (!failing) log.warn({ store: store.description, err: (error as Error).message }, 'registered operations cannot be read; the last copy stays in force');
      failing = true;
    } finally {
      loadedAt = clock();
      loading = undefined;
    }
  };

  const operationHashOf = ({ hash, text }: RegisteredOperation): string | null => {
    if (!operationHashes.has(hash)) operationHashes.set(hash, identifyingHash(text));
    return operationHashes.get(hash)!;
  };

  const fresh = async (missed: boolean) => {
    const age = clock() - loadedAt;
    if (age > refreshMs || (missed && age > missRefreshMs)) await (loading ??= load());
  };

  const lookup = async <T>(find: (s: Snapshot) => T | undefined): Promise<T | undefined> => {
    await fresh(false);
    const found = find(snapshot);
    if (found !== undefined) return found;
    await fresh(true);
    return find(snapshot);
  };

  return {
    byHash: (hash) => lookup((s) => s.byHash.get(hash)),
    hasOperation: async (hash) => (await lookup((s) => (s.operations.has(hash) ? true : undefined))) ?? false,
  };
}

/** The hash of a registered document's one operation as `operationText` prints it; null for a document that does not parse (never runs). */
function identifyingHash(text: string): string | null {
  try {
    const document = parse(text);
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    return operations.length === 1 ? sha256Hex(operationText(document, operations[0])) : null;
  } catch {
    return null;
  }
}
