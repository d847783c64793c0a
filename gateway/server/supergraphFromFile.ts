import fs from 'node:fs';
import path from 'node:path';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from 'pino';

export interface SupergraphFromFileOptions {
  /** Reload the file when it changes. */
  watch: boolean;
  log: Logger;
  /** Writers rewrite a file in several steps; wait this long after the last event before reading. */
  settleMs?: number;
}

/**
 * The gateway's supergraph, read from a file. With `watch`, a change to the file replaces
 * the supergraph without a restart; a file that cannot be read or is not a valid
 * supergraph is refused, logged, and the previous supergraph stays in force.
 */
export function supergraphFromFile(file: string, { watch, log, settleMs = 50 }: SupergraphFromFileOptions): SupergraphSdlHook {
  return async ({ update }) => {
    const supergraphSdl = readSupergraphFile(file);
    if (!watch) return { supergraphSdl };

    let current = supergraphSdl;
    let timer: NodeJS.Timeout | undefined;
    const reload = (): void => {
      let next: string;
      try {
        next = fs.readFileSync(file, 'utf8');
      } catch (error) {
        log.error({ file, err: (error as Error).message }, 'supergraph file unreadable; the previous supergraph stays in force');
        return;
      }
      if (next === current) return;
      try {
        update(next);
        current = next;
        log.info({ file }, 'supergraph reloaded');
      } catch (error) {
        log.error({ file, err: (error as Error).message }, 'supergraph change refused; the previous supergraph stays in force');
      }
    };
    // Watch the directory, not the file: editors and `govgraph compose` may replace the
    // file by renaming a new one over it, which ends a watch on the old file.
    const watcher = fs.watch(path.dirname(file), (_event, changed) => {
      if (changed && changed !== path.basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(reload, settleMs);
    });
    watcher.on('error', (error) => log.error({ file, err: error.message }, 'cannot watch the supergraph file any more'));
    return {
      supergraphSdl,
      async cleanup() {
        clearTimeout(timer);
        watcher.close();
      },
    };
  };
}

function readSupergraphFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the supergraph file ${file} (${(error as Error).message}); run \`npx govgraph compose\` to write it`);
  }
}
