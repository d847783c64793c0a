import fsp from 'node:fs/promises';
import path from 'node:path';
import type { AuditRecord } from './AuditRecord';
import { listAuditFiles } from './auditFiles';
import { parseRecordLine } from './parseRecordLine';
import { readFileTail } from './readFileTail';

/** Where a reader of the ledger has got to: the newest file and the byte after its last complete line. */
export interface LedgerPosition {
  file: string | undefined;
  offset: number;
}

/** The last `count` records (oldest first) and the position after them; lines that are not records are skipped. */
export async function lastRecords(dir: string, count: number): Promise<{ records: AuditRecord[]; position: LedgerPosition }> {
  const files = listAuditFiles(dir);
  const newest = files.at(-1);
  const position: LedgerPosition = { file: newest, offset: newest ? (await readFileTail(path.join(dir, newest), 0)).tornOffset : 0 };
  const records: AuditRecord[] = [];
  for (let i = files.length - 1; i >= 0 && records.length < count; i--) {
    const { lines } = await readFileTail(path.join(dir, files[i]), count - records.length);
    records.unshift(...lines.map(parseRecordLine).filter((record): record is AuditRecord => record !== undefined));
  }
  return { records, position };
}

/**
 * Calls `onRecord` for each record added after `position`, following the ledger into the
 * next day's file, until `signal` aborts. Polls: file-change events are not reliable on
 * every file system the ledger may sit on.
 */
export async function followLedger(dir: string, position: LedgerPosition, onRecord: (record: AuditRecord) => void, signal: AbortSignal, intervalMs = 200): Promise<void> {
  let { file, offset } = position;
  while (!signal.aborted) {
    const files = listAuditFiles(dir);
    file ??= files[0];
    if (file) {
      const text = await readFrom(path.join(dir, file), offset);
      const end = text.lastIndexOf('\n');
      if (end >= 0) {
        for (const line of text.subarray(0, end).toString('utf8').split('\n')) {
          const record = parseRecordLine(line);
          if (record) onRecord(record);
        }
        offset += end + 1;
      }
      // A newer day's file: the current one is complete.
      const newer = files.find((name) => name > file!);
      if (end < 0 && newer) {
        file = newer;
        offset = 0;
        continue;
      }
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, intervalMs);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
    });
  }
}

async function readFrom(file: string, offset: number): Promise<Buffer> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(Math.max(size - offset, 0));
    if (buffer.length) await handle.read(buffer, 0, buffer.length, offset);
    return buffer;
  } finally {
    await handle.close();
  }
}
