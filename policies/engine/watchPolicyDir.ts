import fs from 'node:fs';
import { loadPolicySet } from './loadPolicySet';
import type { PolicySet } from './types';

export interface WatchPolicyDirOptions {
  dir: string;
  /** The supergraph the policies must cover, read at each reload. */
  supergraphSdl: () => string;
  /** The hash of the set in force: an unchanged set is not reloaded. */
  currentHash: () => string;
  onLoad(policies: PolicySet): void;
  /** The new files do not load; the set in force stays. `message` lists every problem as file:line. */
  onError(message: string): void;
  debounceMs?: number;
}

/**
 * Reloads the policies when a file in their directory changes. A set that does not load
 * never takes effect: the last good one stays in force and the problems are reported.
 * Watching the directory (not each file) also sees editors that save by rename.
 */
export function watchPolicyDir(options: WatchPolicyDirOptions): { close(): void } {
  let timer: NodeJS.Timeout | undefined;
  const reload = (): void => {
    timer = undefined;
    try {
      const policies = loadPolicySet({ dir: options.dir, supergraphSdl: options.supergraphSdl() });
      if (policies.hash !== options.currentHash()) options.onLoad(policies);
    } catch (error) {
      options.onError((error as Error).message);
    }
  };
  const watcher = fs.watch(options.dir, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 100);
  });
  watcher.on('error', (error) => options.onError(`cannot watch ${options.dir}: ${error.message}`));
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
