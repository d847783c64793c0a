import fsp from 'node:fs/promises';
import path from 'node:path';
import { GENESIS_HASH, type AuditRecord, type ChainHead, type SealedHead } from './AuditRecord';
import { listAuditFiles } from './auditFiles';
import { checkSeal, type SealCheck } from './checkSeal';
import { HEAD_FILE, parseHead } from './FileAuditSink';
import { parseRecordLine } from './parseRecordLine';
import { filesFrom, readLedgerLines, type LedgerLine } from './readLedgerLines';
import { headSignatureMatches } from './sealRecord';

/**
 * What is wrong with a ledger, at the first record where it shows:
 * - `edited`: the record's contents or signature do not match (changed, or forged without the key);
 * - `inserted`: the line does not belong (the chain runs on past it), or repeats a record;
 * - `deleted`: records are missing before this one;
 * - `reordered`: the record that should come here comes later;
 * - `unlinked`: the record does not link to the one before (chains spliced, or two writers);
 * - `truncated`: the last line is incomplete, or records were removed from the end (per head.json);
 * - `head`: head.json is missing, not a head, or not signed with the key.
 */
export type LedgerProblemKind = 'edited' | 'inserted' | 'deleted' | 'reordered' | 'unlinked' | 'truncated' | 'head';

export interface LedgerProblem {
  kind: LedgerProblemKind;
  /** The audit file's name (or head.json) and the 1-based line of the first bad record; for a Redis stream, its key and the entry's position. */
  file: string;
  line: number;
  /** The stream entry's id, when the ledger is a Redis stream. */
  entry?: string;
  /** The bad record's seq and request id, when it has them (a removed record has only its seq). */
  seq?: number;
  requestId?: string;
  message: string;
}

export type LedgerVerification = { ok: true; count: number; files: string[]; last: ChainHead | null } | { ok: false; count: number; files: string[]; problem: LedgerProblem };

export interface VerifyLedgerOptions {
  /** Start at this day or file: its first record is taken as given (its link to earlier files is not checked). */
  from?: string;
}

/**
 * Checks every record's hash and signature and the chain across the day files, and the
 * stored head (so that records removed from the end show); names the first bad record.
 */
export async function verifyLedger(dir: string, key: Uint8Array, options: VerifyLedgerOptions = {}): Promise<LedgerVerification> {
  const files = filesFrom(listAuditFiles(dir), options.from);
  const stored = await readHead(dir);
  return verifyLedgerLines(readLedgerLines(dir, files), stored, key, { fromStart: options.from === undefined, files, headName: HEAD_FILE });
}

export interface VerifyLinesOptions {
  /** The lines start at the first record (seq 1, linked to the genesis hash); false when reading from a later point, whose first record is taken as given. */
  fromStart: boolean;
  /** What the lines were read from (day files, a stream key), for the result. */
  files: string[];
  /** What the stored head is called in problems (`head.json`, a Redis key). */
  headName: string;
}

/**
 * The chain check over any sequence of ledger lines (the day files, the entries of a Redis
 * stream) and the head stored with them, read before the lines.
 */
export async function verifyLedgerLines(
  source: AsyncIterable<LedgerLine>,
  stored: SealedHead | 'unreadable' | null,
  key: Uint8Array,
  { fromStart, files, headName }: VerifyLinesOptions,
): Promise<LedgerVerification> {
  const lines = source[Symbol.asyncIterator]();
  const next = async (): Promise<LedgerLine | undefined> => (await lines.next()).value ?? undefined;
  // A head that is not sound is reported after the records: a wrong key shows first on a record.
  const head = stored !== 'unreadable' && stored && headSignatureMatches(stored, key) ? stored : null;
  let expected: ChainHead | undefined = fromStart ? { seq: 0, hash: GENESIS_HASH } : undefined;
  let lastLine: LedgerLine | undefined;
  let count = 0;
  const fail = (problem: LedgerProblem): LedgerVerification => ({ ok: false, count, files, problem });

  for (let item = await next(); item; item = await next()) {
    const record = parseRecordLine(item.text);
    const at = { file: item.file, line: item.line, ...(item.id && { entry: item.id }), ...(record && { seq: record.seq, requestId: record.requestId }) };
    if (!item.terminated) return fail({ ...at, kind: 'truncated', message: 'the last line is incomplete (a write cut short, or the file was cut)' });
    const seal: SealCheck | 'unreadable' = record ? checkSeal(record, key) : 'unreadable';
    if (!record || seal !== 'ok') {
      const following = await next();
      const followingRecord = following?.terminated ? parseRecordLine(following.text) : undefined;
      const skipsIt = expected && followingRecord && checkSeal(followingRecord, key) === 'ok' && links(followingRecord, expected);
      const what =
        seal === 'hash'
          ? 'its contents do not match its hash'
          : seal === 'signature'
            ? 'its signature does not match (forged, or signed with another key)'
            : 'it is not an audit record';
      return skipsIt
        ? fail({ ...at, kind: 'inserted', message: `the line does not belong: ${what}, and the record after it links to the one before it` })
        : fail({ ...at, kind: 'edited', message: what });
    }
    if (expected && !links(record, expected)) return fail({ ...at, ...(await misplaced(record, expected, next)) });
    if (head && record.seq === head.seq && record.hash !== head.hash) return fail({ ...at, kind: 'unlinked', message: `${headName} names another record as seq ${head.seq}` });
    expected = { seq: record.seq, hash: record.hash };
    lastLine = item;
    count++;
  }

  if (stored === 'unreadable') return fail({ kind: 'head', file: headName, line: 1, message: `${headName} is not a ledger head` });
  if (stored && !head) return fail({ kind: 'head', file: headName, line: 1, message: `${headName} is not signed with this audit key (edited, or another key)` });
  if (count > 0 && head === null) return fail({ kind: 'head', file: headName, line: 1, message: `${headName} is missing: records removed from the end would not show` });
  if (head && head.seq > (expected?.seq ?? 0)) {
    const missing = head.seq - (expected?.seq ?? 0);
    return fail({
      kind: 'truncated',
      file: lastLine?.file ?? files.at(-1) ?? headName,
      line: (lastLine?.line ?? 0) + 1,
      seq: (expected?.seq ?? 0) + 1,
      message: `${missing} record(s) removed from the end: ${headName} records seq ${head.seq}, the ledger ends at seq ${expected?.seq ?? 0}`,
    });
  }
  return { ok: true, count, files, last: expected && count > 0 ? expected : null };
}

function links(record: AuditRecord, expected: ChainHead): boolean {
  return record.seq === expected.seq + 1 && record.prev === expected.hash;
}

/** Why a sound record is in the wrong place; reads the rest of the ledger to tell a move from a removal. */
async function misplaced(record: AuditRecord, expected: ChainHead, next: () => Promise<LedgerLine | undefined>): Promise<Pick<LedgerProblem, 'kind' | 'message'>> {
  const wanted = expected.seq + 1;
  if (record.seq === wanted) return { kind: 'unlinked', message: `it does not link to seq ${expected.seq} before it (chains spliced, or two gateways wrote to this ledger)` };
  if (record.seq < wanted) return { kind: 'inserted', message: `seq ${record.seq} came before: a copy of an earlier record` };
  let duplicate: LedgerLine | undefined;
  let found: LedgerLine | undefined;
  for (let item = await next(); item && !duplicate; item = await next()) {
    const seq = parseRecordLine(item.text)?.seq;
    if (seq === record.seq) duplicate = item;
    if (seq === wanted) found ??= item;
  }
  if (duplicate) return { kind: 'inserted', message: `a copy of seq ${record.seq}, which is at ${placeOf(duplicate)}` };
  if (found) return { kind: 'reordered', message: `seq ${wanted} should come here; it comes later, at ${placeOf(found)}` };
  const missing = record.seq - wanted;
  return {
    kind: 'deleted',
    message: `${missing} record(s) before it removed (seq ${missing === 1 ? wanted : `${wanted}–${record.seq - 1}`})${expected.seq === 0 ? ', at the start of the ledger' : ''}`,
  };
}

/** `file:line`, or for a stream entry its position and id. */
function placeOf(item: LedgerLine): string {
  return item.id ? `entry #${item.line} (${item.id})` : `${item.file}:${item.line}`;
}

async function readHead(dir: string): Promise<SealedHead | 'unreadable' | null> {
  try {
    return parseHead(await fsp.readFile(path.join(dir, HEAD_FILE), 'utf8')) ?? 'unreadable';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
