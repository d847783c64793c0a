import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { AuditRecord, SealedHead } from './AuditRecord';
import { auditFileOf, listAuditFiles } from './auditFiles';
import type { AuditSink, RecoveredLedger } from './AuditSink';
import { parseRecordLine } from './parseRecordLine';
import { readFileTail } from './readFileTail';

export const HEAD_FILE = 'head.json';
const LOCK_FILE = '.lock';

/**
 * The audit directories this process holds the lock of: a lock file naming this process's
 * pid is stale unless listed here (a container restarted with the same pid).
 */
const heldLocks = new Set<string>();

export interface FileAuditSinkOptions {
  /** fdatasync each batch before it is acknowledged; defaults to true. */
  durable?: boolean;
}

/**
 * The ledger as JSON lines, one file per UTC day (`audit-2026-11-27.jsonl`), the chain
 * running on from one file into the next, with `head.json` (the last record's seq and
 * hash, signed) rewritten after each batch so that records cut from the end show.
 *
 * One writer per directory: a lock file holds the writer's pid, and a second gateway on
 * the same directory is refused at start (two writers would fork the chain).
 */
export class FileAuditSink implements AuditSink {
  readonly description: string;
  /** The newest file written to: records never go back to an earlier day's file, even if the clock does. */
  private current: string | undefined;
  /** Bytes of a failed batch that could not be removed yet; removed before anything else is written. */
  private unfinished: { file: string; size: number }[] = [];
  private torn: { file: string; offset: number } | undefined;
  private locked = false;

  private constructor(
    readonly dir: string,
    private readonly durable: boolean,
  ) {
    this.description = dir;
  }

  static async open(dir: string, options: FileAuditSinkOptions = {}): Promise<FileAuditSink> {
    const sink = new FileAuditSink(path.resolve(dir), options.durable ?? true);
    await fsp.mkdir(sink.dir, { recursive: true, mode: 0o700 });
    sink.lock();
    return sink;
  }

  async recover(): Promise<RecoveredLedger> {
    const files = listAuditFiles(this.dir);
    this.current = files.at(-1);
    let torn: RecoveredLedger['torn'] = null;
    let last: RecoveredLedger['last'] = null;
    for (let i = files.length - 1; i >= 0 && !last; i--) {
      const file = path.join(this.dir, files[i]);
      const tail = await readFileTail(file, 1);
      if (i === files.length - 1 && tail.torn) {
        this.torn = { file, offset: tail.tornOffset };
        torn = { where: `${files[i]} (an incomplete last line at byte ${tail.tornOffset})` };
      }
      const text = tail.lines.at(-1);
      if (text !== undefined) last = { record: parseRecordLine(text), where: `the last line of ${files[i]}` };
    }
    return { last, head: await this.readHead(), torn };
  }

  async dropTorn(): Promise<void> {
    if (!this.torn) return;
    const { file, offset } = this.torn;
    const fragment = (await fsp.readFile(file)).subarray(offset);
    // Kept beside the ledger for inspection; verification reads only audit-*.jsonl.
    await fsp.appendFile(`${file}.torn`, Buffer.concat([fragment, Buffer.from('\n')]), { mode: 0o600 });
    await fsp.truncate(file, offset);
    this.torn = undefined;
  }

  async append(records: readonly AuditRecord[], head: SealedHead): Promise<void> {
    await this.finishFailedBatch();
    const batches = new Map<string, string[]>();
    let current = this.current;
    for (const record of records) {
      const own = auditFileOf(new Date(record.time));
      if (!current || own > current) current = own;
      const lines = batches.get(current) ?? [];
      lines.push(`${JSON.stringify(record)}\n`);
      batches.set(current, lines);
    }
    const written: { file: string; size: number }[] = [];
    try {
      for (const [name, lines] of batches) {
        const file = path.join(this.dir, name);
        const handle = await fsp.open(file, 'a', 0o600);
        try {
          written.push({ file, size: (await handle.stat()).size });
          await handle.writeFile(lines.join(''));
          if (this.durable) await handle.datasync();
        } finally {
          await handle.close();
        }
      }
      await this.writeHead(head);
    } catch (error) {
      this.unfinished = written;
      await this.finishFailedBatch().catch(() => undefined);
      throw error;
    }
    this.current = current;
  }

  async check(): Promise<void> {
    await this.finishFailedBatch();
    await fsp.access(this.dir, fs.constants.W_OK);
  }

  async close(): Promise<void> {
    if (!this.locked) return;
    this.locked = false;
    heldLocks.delete(this.dir);
    const lock = path.join(this.dir, LOCK_FILE);
    if (fs.existsSync(lock) && fs.readFileSync(lock, 'utf8').trim() === String(process.pid)) fs.rmSync(lock, { force: true });
  }

  /** Cuts what a failed batch left behind, so that the next record follows the last acknowledged one. */
  private async finishFailedBatch(): Promise<void> {
    while (this.unfinished.length) {
      const { file, size } = this.unfinished[0];
      let stat: fs.Stats | undefined;
      try {
        stat = await fsp.stat(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      // Gone, or not a regular file (the bytes went nowhere): nothing to cut.
      if (stat?.isFile() && stat.size > size) await fsp.truncate(file, size);
      this.unfinished.shift();
    }
  }

  private async readHead(): Promise<SealedHead | 'unreadable' | null> {
    let text: string;
    try {
      text = await fsp.readFile(path.join(this.dir, HEAD_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return parseHead(text) ?? 'unreadable';
  }

  private async writeHead(head: SealedHead): Promise<void> {
    const file = path.join(this.dir, HEAD_FILE);
    await fsp.writeFile(`${file}.tmp`, `${JSON.stringify(head)}\n`, { mode: 0o600 });
    await fsp.rename(`${file}.tmp`, file);
  }

  private lock(): void {
    const lock = path.join(this.dir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
        this.locked = true;
        heldLocks.add(this.dir);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number(fs.readFileSync(lock, 'utf8').trim());
      const held = holder === process.pid ? heldLocks.has(this.dir) : isAlive(holder);
      if (held) {
        throw new Error(
          `The audit ledger ${this.dir} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ''}; ` +
            `each gateway needs an audit directory of its own (GOVGRAPH_AUDIT_DIR or GOVGRAPH_DATA_DIR). If no gateway uses it, delete ${lock}.`,
        );
      }
      // Left behind by a process that is gone.
      fs.rmSync(lock, { force: true });
    }
    throw new Error(`Could not lock the audit ledger ${this.dir}`);
  }
}

/** A stored head, or undefined when the text is not one. */
export function parseHead(text: string): SealedHead | undefined {
  try {
    const head = JSON.parse(text) as Partial<SealedHead>;
    const wellFormed = Number.isSafeInteger(head.seq) && typeof head.hash === 'string' && typeof head.time === 'string' && typeof head.sig === 'string';
    return wellFormed ? (head as SealedHead) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
