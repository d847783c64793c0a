import fs from 'node:fs';
import path from 'node:path';
import {
  auditKeyFile,
  defaultAuditDir,
  followLedger,
  formatAuditRecord,
  lastRecords,
  loadAuditKey,
  loadAuditKeyFromFile,
  queryLedger,
  verifyLedger,
  type AuditRecord,
} from '../audit';
import { numberOption, parseOptions, UsageError } from './parseOptions';

const USAGE = [
  'usage: govgraph audit verify [--dir D] [--from FILE|DATE] [--key-file F]',
  '       govgraph audit tail [--dir D] [-n N] [--follow] [--json]',
  '       govgraph audit query [--dir D] --since ISO [--until ISO] [--subject ID] [--purpose P] [--coordinate Type.field] [--json]',
].join('\n');

/**
 * `govgraph audit verify | tail | query`: reads the gateway's audit ledger (`--dir`, default
 * `GOVGRAPH_AUDIT_DIR`, else `<GOVGRAPH_DATA_DIR or .data>/audit`). `verify` needs the key
 * the records were signed with: `--key-file`, else `GOVGRAPH_AUDIT_KEY`, else the
 * `audit-key` file beside the directory.
 */
export async function auditCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'verify':
      return verify(rest);
    case 'tail':
      return tail(rest);
    case 'query':
      return query(rest);
    default:
      throw new UsageError(`${USAGE}${sub ? `\n(unknown subcommand '${sub}')` : ''}`);
  }
}

/** Checks hashes, signatures and the chain; prints the first bad record as `file:line: kind: …`, exit 1; else the count, exit 0. */
async function verify(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { dir: { type: 'string' }, from: { type: 'string' }, 'key-file': { type: 'string' } });
  const dir = auditDirOf(values.dir);
  if (!fs.existsSync(dir)) throw new Error(`No audit log at ${dir} (give its directory with --dir)`);
  const keyFile = values['key-file'];
  const key = keyFile ? loadAuditKeyFromFile(path.resolve(keyFile)) : loadAuditKey({ file: auditKeyFile(dir), create: false });
  const result = await verifyLedger(dir, key, { from: values.from });
  const shown = path.relative(process.cwd(), dir) || '.';
  if (!result.ok) {
    const { problem } = result;
    const record = problem.seq === undefined ? '' : `record seq ${problem.seq}${problem.requestId ? ` (request ${problem.requestId})` : ''}: `;
    console.log(`${path.join(shown, problem.file)}:${problem.line}: ${problem.kind}: ${record}${problem.message}`);
    console.error(`audit verify: the ledger in ${shown} does not verify; ${result.count} record(s) before this one are sound.`);
    return 1;
  }
  const range = result.files.length > 1 ? ` (${result.files[0]} … ${result.files.at(-1)})` : result.files.length ? ` (${result.files[0]})` : '';
  const from = values.from ? `, from ${result.files[0] ?? values.from} (its link to earlier files not checked)` : '';
  console.log(`${shown}: ${result.count} record(s) in ${result.files.length} file(s)${range}: chain and signatures valid${from}${result.last ? `; last seq ${result.last.seq}` : ''}.`);
  return 0;
}

/** The last N records (10 by default); `--follow` prints records as they are added until interrupted. */
async function tail(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { dir: { type: 'string' }, n: { type: 'string', short: 'n' }, follow: { type: 'boolean' }, json: { type: 'boolean' } });
  const count = numberOption(values.n, 'n', 10);
  if (!Number.isInteger(count) || count < 0) throw new UsageError(`-n must be a whole number, got '${values.n}'`);
  const dir = auditDirOf(values.dir);
  const print = printerOf(values.json);
  const { records, position } = await lastRecords(dir, count);
  records.forEach(print);
  if (!values.follow) return 0;
  const stop = new AbortController();
  const abort = (): void => stop.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    await followLedger(dir, position, print, stop.signal);
  } finally {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  }
  return 0;
}

/** Records by subject (the reader's sub, or an ID the request named), time, purpose and field coordinate; the count goes to stderr. */
async function query(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    dir: { type: 'string' },
    subject: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    purpose: { type: 'string' },
    coordinate: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.since) throw new UsageError('audit query: --since is required (an ISO time, e.g. 2026-11-27 or 2026-11-27T08:00:00Z)');
  const since = timeOption(values.since, 'since');
  const until = values.until === undefined ? undefined : timeOption(values.until, 'until');
  const print = printerOf(values.json);
  const unreadable: string[] = [];
  let count = 0;
  const filter = { subject: values.subject, since, until, purpose: values.purpose, coordinate: values.coordinate };
  for await (const record of queryLedger(auditDirOf(values.dir), filter, (where) => unreadable.push(where))) {
    print(record);
    count++;
  }
  if (unreadable.length) console.error(`${unreadable.length} line(s) are not audit records (first: ${unreadable[0]}); run \`govgraph audit verify\`.`);
  console.error(`${count} record(s) match.`);
  return 0;
}

function auditDirOf(dir: string | undefined): string {
  return dir ? path.resolve(dir) : defaultAuditDir();
}

function printerOf(json: boolean | undefined): (record: AuditRecord) => void {
  return json ? (record) => console.log(JSON.stringify(record)) : (record) => console.log(formatAuditRecord(record));
}

function timeOption(value: string, name: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UsageError(`--${name} must be an ISO time (2026-11-27 or 2026-11-27T08:00:00Z), got '${value}'`);
  return time;
}
