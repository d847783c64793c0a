import fs from 'node:fs';
import path from 'node:path';

export interface LedgerLine {
  /** The file's name in the audit directory; for a Redis stream, its key. */
  file: string;
  /** 1-based; for a stream, the entry's position among those read. */
  line: number;
  /** The stream entry's id, for a Redis stream. */
  id?: string;
  text: string;
  /** False for a last line without its newline: a write cut short, or a file cut. */
  terminated: boolean;
}

/** The lines of the given audit files, in order, streamed (a day of records can be large). */
export async function* readLedgerLines(dir: string, files: readonly string[]): AsyncGenerator<LedgerLine> {
  for (const file of files) {
    let line = 0;
    let rest: Buffer = Buffer.alloc(0);
    for await (const chunk of fs.createReadStream(path.join(dir, file))) {
      const buffer: Buffer = rest.length ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      let start = 0;
      for (let newline = buffer.indexOf(0x0a, start); newline >= 0; newline = buffer.indexOf(0x0a, start)) {
        yield { file, line: ++line, text: buffer.toString('utf8', start, newline), terminated: true };
        start = newline + 1;
      }
      rest = buffer.subarray(start);
    }
    if (rest.length) yield { file, line: ++line, text: rest.toString('utf8'), terminated: false };
  }
}

/**
 * The files to read from `--from`: a day (`2026-11-27`: that day's file and later ones) or
 * a file name (or path) in the directory (that file and later ones).
 */
export function filesFrom(files: readonly string[], from: string | undefined): string[] {
  if (from === undefined) return [...files];
  if (/^\d{4}-\d{2}-\d{2}$/.test(from)) return files.filter((file) => file.slice('audit-'.length, 'audit-'.length + 10) >= from);
  const index = files.indexOf(path.basename(from));
  if (index < 0) throw new Error(`--from ${from}: no such audit file (expected a day like 2026-11-27 or a file like audit-2026-11-27.jsonl)`);
  return files.slice(index);
}
