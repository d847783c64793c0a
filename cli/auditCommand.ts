import fs from 'node:fs';
import path from 'node:path';
import type Redis from 'ioredis';
import {
  auditKeyFile,
  auditPseudonym,
  auditStreamKeys,
  connectAuditRedis,
  DEFAULT_AUDIT_STREAM,
  defaultAuditDir,
  followLedger,
  followStream,
  formatAuditRecord,
  formatLedgerProblem,
  isResidentIdNumber,
  lastRecords,
  lastStreamRecords,
  loadAuditKey,
  loadAuditKeyFromFile,
  onceEachWriteBack,
  queryLedger,
  queryStream,
  redactRedisUrl,
  signatureOf,
  verifyLedger,
  verifyStream,
  type AuditRecord,
  type LedgerVerification,
} from '../gateway/audit';
import { numberOption, parseOptions, UsageError } from './parseOptions';

const USAGE = [
  'usage: govgraph audit verify [--dir D | --redis URL [--stream KEY]] [--from FILE|DATE|ENTRY] [--key-file F]',
  '       govgraph audit tail [--dir D | --redis URL [--stream KEY]] [-n N] [--follow] [--json]',
  '       govgraph audit query [--dir D | --redis URL [--stream KEY]] --since ISO [--until ISO] [--subject ID] [--purpose P] [--coordinate Type.field] [--department D] [--json] [--key-file F]',
].join('\n');

/** Where the ledger is read from: day files in a directory, or a Redis stream. */
type LedgerSource = { kind: 'files'; dir: string } | { kind: 'redis'; url: string; stream: string };

const SOURCE_OPTIONS = { dir: { type: 'string' }, redis: { type: 'string' }, stream: { type: 'string' } } as const;

/**
 * `govgraph audit verify | tail | query`: reads the gateway's audit ledger. Which one:
 * `--dir D` (day files) wins; else `--redis URL`, else `REDIS_URL`, selects the Redis
 * stream (`--stream`, else `GOVGRAPH_AUDIT_STREAM`, else `govgraph:audit`), as `govgraph
 * start` writes it when REDIS_URL is set; else the files in `GOVGRAPH_AUDIT_DIR`, else
 * `<GOVGRAPH_DATA_DIR or .data>/audit`. `verify` needs the key the records were signed
 * with: `--key-file`, else `GOVGRAPH_AUDIT_KEY`, else the `audit-key` file beside the
 * directory (for a stream, beside the default directory: `.data/audit-key`).
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
  const { values } = parseOptions(args, { ...SOURCE_OPTIONS, from: { type: 'string' }, 'key-file': { type: 'string' } });
  const source = sourceOf(values);
  const keyFile = values['key-file'];
  const keyBeside = source.kind === 'files' ? source.dir : defaultAuditDir();
  const key = () => (keyFile ? loadAuditKeyFromFile(path.resolve(keyFile)) : loadAuditKey({ file: auditKeyFile(keyBeside), create: false, env: process.env }));
  if (source.kind === 'redis') {
    const verified = await withRedis(source.url, async (redis) => {
      const { stream, head } = auditStreamKeys(source.stream);
      if (!(await redis.exists(stream, head))) throw new Error(`No audit stream ${stream} at ${redactRedisUrl(source.url)} (name it with --stream, or read files with --dir)`);
      return verifyStream(redis, stream, key(), { from: values.from });
    });
    return reportStream(source, verified, values.from);
  }
  const { dir } = source;
  if (!fs.existsSync(dir)) throw new Error(`No audit log at ${dir} (give its directory with --dir)`);
  const result = await verifyLedger(dir, key(), { from: values.from });
  const shown = path.relative(process.cwd(), dir) || '.';
  if (!result.ok) {
    console.log(formatLedgerProblem(result.problem, { dir: shown }));
    console.error(`audit verify: the ledger in ${shown} does not verify; ${result.count} record(s) before this one are sound.`);
    return 1;
  }
  const range = result.files.length > 1 ? ` (${result.files[0]} … ${result.files.at(-1)})` : result.files.length ? ` (${result.files[0]})` : '';
  const from = values.from ? `, from ${result.files[0] ?? values.from} (its link to earlier files not checked)` : '';
  console.log(
    `${shown}: ${result.count} record(s) in ${result.files.length} file(s)${range}: chain and signatures valid${from}${result.last ? `; last seq ${result.last.seq}` : ''}.`,
  );
  return 0;
}

/** `verify`'s report for a stream: the first bad entry by position and id (`stream govgraph:audit entry #3 (1764…-0): edited: …`). */
function reportStream(source: LedgerSource & { kind: 'redis' }, result: LedgerVerification, from: string | undefined): number {
  const shown = `${redactRedisUrl(source.url)} stream ${source.stream}`;
  if (!result.ok) {
    console.log(formatLedgerProblem(result.problem, { stream: source.stream }));
    console.error(`audit verify: the ledger in ${shown} does not verify; ${result.count} record(s) before this one are sound.`);
    return 1;
  }
  const start = from ? `, from entry ${from} (its link to earlier entries not checked)` : '';
  console.log(`${shown}: ${result.count} record(s): chain and signatures valid${start}${result.last ? `; last seq ${result.last.seq}` : ''}.`);
  return 0;
}

/** The last N records (10 by default); `--follow` prints records as they are added until interrupted. */
async function tail(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { ...SOURCE_OPTIONS, n: { type: 'string', short: 'n' }, follow: { type: 'boolean' }, json: { type: 'boolean' } });
  const count = numberOption(values.n, 'n', 10);
  if (!Number.isInteger(count) || count < 0) throw new UsageError(`-n must be a whole number, got '${values.n}'`);
  const source = sourceOf(values);
  const print = printerOf(values.json);
  if (source.kind === 'redis') {
    return withRedis(source.url, async (redis) => {
      const { records, lastId } = await lastStreamRecords(redis, source.stream, count);
      records.forEach(print);
      if (values.follow) await untilInterrupted((signal) => followStream(redis, source.stream, lastId, print, signal));
      return 0;
    });
  }
  const { records, position } = await lastRecords(source.dir, count);
  records.forEach(print);
  if (values.follow) await untilInterrupted((signal) => followLedger(source.dir, position, print, signal));
  return 0;
}

/** Runs `follow` until Ctrl-C or SIGTERM. */
async function untilInterrupted(follow: (signal: AbortSignal) => Promise<void>): Promise<void> {
  const stop = new AbortController();
  const abort = (): void => stop.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  try {
    await follow(stop.signal);
  } finally {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
  }
}

/**
 * Records by subject (the reader's sub, or an ID the request named), time, purpose, field
 * coordinate and department; the count goes to stderr. A write-back recorded twice (a gateway
 * stopped between storing its record and noting it) is shown once.
 */
async function query(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    ...SOURCE_OPTIONS,
    subject: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    purpose: { type: 'string' },
    coordinate: { type: 'string' },
    department: { type: 'string' },
    json: { type: 'boolean' },
    'key-file': { type: 'string' },
  });
  if (!values.since) throw new UsageError('audit query: --since is required (an ISO time, e.g. 2026-11-27 or 2026-11-27T08:00:00Z)');
  const since = timeOption(values.since, 'since');
  const until = values.until === undefined ? undefined : timeOption(values.until, 'until');
  const print = printerOf(values.json);
  const unreadable: string[] = [];
  let count = 0;
  const source = sourceOf(values);
  const subjects = await subjectsOf(values.subject, source, values['key-file']);
  const filter = { subjects, since, until, purpose: values.purpose, coordinate: values.coordinate, department: values.department };
  const onUnreadable = (where: string) => void unreadable.push(where);
  let repeated = 0;
  const printAll = async (records: AsyncIterable<AuditRecord>) => {
    for await (const record of onceEachWriteBack(records, () => repeated++)) {
      print(record);
      count++;
    }
  };
  if (source.kind === 'redis') await withRedis(source.url, (redis) => printAll(queryStream(redis, source.stream, filter, onUnreadable)));
  else await printAll(queryLedger(source.dir, filter, onUnreadable));
  if (unreadable.length) console.error(`${unreadable.length} line(s) are not audit records (first: ${unreadable[0]}); run \`govgraph audit verify\`.`);
  console.error(`${count} record(s) match.${repeated ? ` ${repeated} repeated record(s) of a write-back already shown left out.` : ''}`);
  return 0;
}

/**
 * What `--subject` matches: the value itself, and for a resident ID number its pseudonym,
 * which is how the ledger stores one (`auditPseudonym`); that needs the audit key, found as
 * for `verify`. Records written before pseudonyms still match by the number itself.
 */
async function subjectsOf(subject: string | undefined, source: LedgerSource, keyFile: string | undefined): Promise<string[] | undefined> {
  if (subject === undefined) return undefined;
  if (!isResidentIdNumber(subject)) return [subject];
  const key = keyFile
    ? loadAuditKeyFromFile(path.resolve(keyFile))
    : loadAuditKey({ file: auditKeyFile(source.kind === 'files' ? source.dir : defaultAuditDir()), create: false, env: process.env });
  // Another key gives other pseudonyms, and so no match at all: refuse it rather than answer "none".
  const { records } = source.kind === 'redis' ? await withRedis(source.url, (redis) => lastStreamRecords(redis, source.stream, 1)) : await lastRecords(source.dir, 1);
  const last = records.at(-1);
  if (last && signatureOf(key, last.hash) !== last.sig) {
    throw new UsageError(
      `The audit key found did not sign these records (last seq ${last.seq}): --subject with an ID number needs the key the gateway used (--key-file, GOVGRAPH_AUDIT_KEY or the audit-key file beside the directory)`,
    );
  }
  return [subject, auditPseudonym(key, subject)];
}

/** `--dir` wins; then `--redis`, then REDIS_URL; else the default directory. `--dir` with `--redis` is refused as ambiguous. */
function sourceOf(values: { dir?: string; redis?: string; stream?: string }, env: NodeJS.ProcessEnv = process.env): LedgerSource {
  if (values.dir !== undefined && values.redis !== undefined) throw new UsageError('give --dir (audit files) or --redis (an audit stream), not both');
  const url = values.dir === undefined ? values.redis || env.REDIS_URL : undefined;
  if (!url) {
    if (values.stream !== undefined) throw new UsageError('--stream names a Redis stream: give --redis URL (or set REDIS_URL) with it, not --dir');
    return { kind: 'files', dir: values.dir ? path.resolve(values.dir) : defaultAuditDir() };
  }
  return { kind: 'redis', url, stream: values.stream || env.GOVGRAPH_AUDIT_STREAM || DEFAULT_AUDIT_STREAM };
}

/** Runs `use` with a connection to the audit stream's Redis, closed afterwards. */
async function withRedis<T>(url: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = await connectAuditRedis(url, { commandTimeoutMs: 10_000, connectTimeoutMs: 5_000 });
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

function printerOf(json: boolean | undefined): (record: AuditRecord) => void {
  return json ? (record) => console.log(JSON.stringify(record)) : (record) => console.log(formatAuditRecord(record));
}

function timeOption(value: string, name: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new UsageError(`--${name} must be an ISO time (2026-11-27 or 2026-11-27T08:00:00Z), got '${value}'`);
  return time;
}
