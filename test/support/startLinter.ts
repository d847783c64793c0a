import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
}

export interface Linter {
  /** The messages the project's ESLint config gives `source` as if it were the file at `file` (relative to the project root). */
  lint(file: string, source: string): Promise<LintMessage[]>;
  close(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/** ESLint with the project's config, limited to `ruleIds` (a rule, or every rule of a plugin by its prefix), in a worker thread. */
export function startLinter(ruleIds: string[]): Linter {
  const worker = new Worker(path.join(__dirname, 'lintWorker.js'), { workerData: { root: ROOT, ruleIds } });
  const pending = new Map<number, { resolve: (messages: LintMessage[]) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  worker.on('message', ({ id, messages, error }: { id: number; messages?: LintMessage[]; error?: string }) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (error !== undefined) waiting?.reject(new Error(error));
    else waiting?.resolve(messages ?? []);
  });
  worker.on('error', (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  });
  return {
    lint(file, source) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, file, source });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
