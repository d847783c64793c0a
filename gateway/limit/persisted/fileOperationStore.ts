import fs from 'node:fs';
import path from 'node:path';
import type { OperationStore } from './OperationStore';
import type { RegisteredOperation } from './RegisteredOperation';

/** The registered operations in `<dataDir>/operations.json`, for a gateway without Redis. */
export function fileOperationStore(dataDir: string): OperationStore {
  const file = path.join(dataDir, 'operations.json');
  const read = (): RegisteredOperation[] => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const parsed = JSON.parse(text) as { operations?: RegisteredOperation[] };
    if (!Array.isArray(parsed.operations)) throw new Error(`${file} is not a registry of operations (no "operations" list)`);
    return parsed.operations;
  };
  return {
    description: file,
    all: async () => read(),
    async register(operations, at) {
      const stored = new Map(read().map((operation) => [operation.hash, operation]));
      const results = operations.map((operation) => {
        const known = stored.get(operation.hash);
        if (known) return { operation: known, added: false };
        const added = { ...operation, registeredAt: at.toISOString() };
        stored.set(added.hash, added);
        return { operation: added, added: true };
      });
      // Written aside and renamed: a gateway reading meanwhile sees the old file or the new one, never half of one.
      fs.mkdirSync(dataDir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, `${JSON.stringify({ operations: [...stored.values()] }, null, 2)}\n`);
      fs.renameSync(temporary, file);
      return results;
    },
  };
}
