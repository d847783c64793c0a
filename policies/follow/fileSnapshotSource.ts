import fs from 'node:fs';
import path from 'node:path';
import type { SnapshotSource, SnapshotSourceEvents, SourceWatch } from './SnapshotSource';

export interface FileSnapshotSourceOptions {
  /**
   * How often a watch also tells `changed`, in case the file system drops a change
   * notification (network file systems do); fs.watch is what makes changes arrive at once.
   * Default 5000 ms.
   */
  pollMs?: number;
}

/**
 * A snapshot kept in one file, replaced whole by its publisher (written beside it, then renamed
 * over it). A watch watches the file's directory, not the file, since a rename replaces the file
 * a watch on it would lose; it creates the directory when absent, and tells `changed` at once.
 */
export function fileSnapshotSource(file: string, options: FileSnapshotSourceOptions = {}): SnapshotSource {
  const dir = path.dirname(file);
  const name = path.basename(file);
  return {
    description: file,
    async read() {
      try {
        return await fs.promises.readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    watch(events: SnapshotSourceEvents): SourceWatch {
      fs.mkdirSync(dir, { recursive: true });
      const watcher = fs.watch(dir, (_event, changed) => {
        if (changed === null || changed === name) events.changed();
      });
      watcher.on('error', (error) => events.failed(`${dir}: cannot watch for changes (${error.message})`));
      const poll = setInterval(events.changed, options.pollMs ?? 5000);
      poll.unref();
      events.changed();
      return {
        connected: () => true,
        stop() {
          clearInterval(poll);
          watcher.close();
        },
      };
    },
  };
}
