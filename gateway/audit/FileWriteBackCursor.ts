import fsp from 'node:fs/promises';
import path from 'node:path';
import type { WriteBackCursor } from './WriteBackCursor';

/** The cursor's file in the audit directory (the day files are `audit-*.jsonl`; `audit verify` reads only those). */
export const WRITE_BACK_CURSOR_FILE = 'write-back-cursor.json';

/**
 * The cursor as a small JSON file beside the day files, `{ "seq": 42 }`, replaced whole on each
 * advance (written aside, then renamed). One gateway writes a directory (its lock file says so),
 * so the turn is always this instance's.
 */
export class FileWriteBackCursor implements WriteBackCursor {
  readonly description: string;
  private readonly file: string;

  constructor(dir: string) {
    this.file = path.join(path.resolve(dir), WRITE_BACK_CURSOR_FILE);
    this.description = this.file;
  }

  async read(): Promise<number> {
    let text: string;
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    return seqOf(text, this.file);
  }

  async advance(seq: number): Promise<void> {
    if (seq <= (await this.read())) return;
    await fsp.writeFile(`${this.file}.tmp`, `${JSON.stringify({ seq })}\n`, { mode: 0o600 });
    await fsp.rename(`${this.file}.tmp`, this.file);
  }

  async acquire(): Promise<boolean> {
    return true;
  }

  async release(): Promise<void> {}

  async close(): Promise<void> {}
}

/** The seq a stored cursor holds; throws, naming where, when it holds anything else (fail closed: recording from 0 again would not be noticed). */
export function seqOf(text: string, where: string): number {
  let seq: unknown;
  try {
    seq = (JSON.parse(text) as { seq?: unknown } | null)?.seq;
  } catch {
    seq = undefined;
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) throw new Error(`${where} does not hold a write-back cursor ({ "seq": N })`);
  return seq;
}
