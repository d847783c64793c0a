import fs from 'node:fs';
import path from 'node:path';

/** One file per UTC day: `audit-2026-11-27.jsonl`. */
const AUDIT_FILE = /^audit-(\d{4}-\d{2}-\d{2})\.jsonl$/;

/** The file a record chained at `time` goes to. */
export function auditFileOf(time: Date): string {
  return `audit-${time.toISOString().slice(0, 10)}.jsonl`;
}

/** The day (`YYYY-MM-DD`) of an audit file name; undefined for any other name. */
export function dayOfAuditFile(name: string): string | undefined {
  return AUDIT_FILE.exec(name)?.[1];
}

/** The audit files of `dir` in chain order (the names sort by day); none when the directory does not exist. */
export function listAuditFiles(dir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.filter((name) => AUDIT_FILE.test(name)).sort();
}

/** The default audit directory: `GOVGRAPH_AUDIT_DIR`, else `<GOVGRAPH_DATA_DIR or .data>/audit`. */
export function defaultAuditDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GOVGRAPH_AUDIT_DIR) return path.resolve(env.GOVGRAPH_AUDIT_DIR);
  return path.join(env.GOVGRAPH_DATA_DIR ? path.resolve(env.GOVGRAPH_DATA_DIR) : path.resolve('.data'), 'audit');
}
