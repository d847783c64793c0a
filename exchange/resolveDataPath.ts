import path from 'node:path';

/**
 * Where a path written in a declaration is. An absolute path is itself; a relative one is in the
 * department's data directory, with the leading `.data/` (that directory's default name) dropped,
 * so `.data/exchange/hrss/legacy.sqlite` follows `GOVGRAPH_DATA_DIR` like every department's files.
 */
export function resolveDataPath(dataDir: string, written: string): string {
  if (path.isAbsolute(written)) return written;
  const inside = written.replace(/^(?:\.\/)?\.data(?:\/|$)/, '');
  return path.resolve(dataDir, inside);
}
