import fs from 'node:fs';
import type { Logger } from 'pino';
import { loadPolicySet } from './loadPolicySet';
import type { PolicySet } from './types';

export interface WatchPolicyDirOptions {
  dir: string;
  /** The supergraph the policies must cover, read at each reload. */
  supergraphSdl: () => string;
  /** The set in force: an unchanged set is not swapped. */
  current: () => PolicySet;
  /** Puts a new set in force. */
  apply(policies: PolicySet): void;
  log: Logger;
  debounceMs?: number;
}

export interface PolicyWatch {
  /** Why the last change was refused (every problem as file:line); null after a good load. */
  lastError(): string | null;
  close(): void;
}

/**
 * Reloads the policies when a file in their directory changes. A set that does not load
 * never takes effect: the last good one stays in force and the problems are reported.
 * Watching the directory (not each file) also sees editors that save by rename.
 */
export function watchPolicyDir(options: WatchPolicyDirOptions): PolicyWatch {
  const { log } = options;
  let timer: NodeJS.Timeout | undefined;
  let lastError: string | null = null;
  const refuse = (message: string): void => {
    log.error({ policies: options.current().hash, problems: message }, 'policy change refused; the last good policies stay in force');
    lastError = message;
  };
  const reload = (): void => {
    timer = undefined;
    let policies: PolicySet;
    try {
      policies = loadPolicySet({ dir: options.dir, supergraphSdl: options.supergraphSdl() });
    } catch (error) {
      refuse((error as Error).message);
      return;
    }
    lastError = null;
    const from = options.current().hash;
    if (policies.hash === from) return;
    options.apply(policies);
    log.info({ from, to: policies.hash }, 'policies reloaded');
  };
  const watcher = fs.watch(options.dir, () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, options.debounceMs ?? 100);
  });
  watcher.on('error', (error) => refuse(`cannot watch ${options.dir}: ${error.message}`));
  return {
    lastError: () => lastError,
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
