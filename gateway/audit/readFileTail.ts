import fsp from 'node:fs/promises';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

export interface FileTail {
  /** The last complete (newline-terminated) lines, at most the number asked for, oldest first, without their newlines. */
  lines: string[];
  /** What follows the last newline: empty unless a write was cut short (or the file was cut). */
  torn: string;
  /** The byte offset where `torn` starts, i.e. the size of the file without it. */
  tornOffset: number;
}

/** The end of a file, read backwards in chunks: a day of records can be large, and only its end is needed. */
export async function readFileTail(file: string, count: number): Promise<FileTail> {
  const handle = await fsp.open(file, 'r');
  try {
    const { size } = await handle.stat();
    let position = size;
    let tail = Buffer.alloc(0);
    let newlines = 0;
    // count lines need count + 1 newlines (the one before the first), unless the file starts there.
    while (position > 0 && newlines <= count) {
      const length = Math.min(CHUNK, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      for (const byte of chunk) if (byte === NEWLINE) newlines++;
      tail = Buffer.concat([chunk, tail]);
    }
    const lastNewline = tail.lastIndexOf(NEWLINE);
    const torn = tail.subarray(lastNewline + 1).toString('utf8');
    // A newline splits UTF-8 safely: 0x0a is never part of a multi-byte character.
    const complete = lastNewline < 0 ? [] : tail.subarray(0, lastNewline).toString('utf8').split('\n');
    if (position > 0) complete.shift();
    return { lines: count > 0 ? complete.slice(-count) : [], torn, tornOffset: size - Buffer.byteLength(torn) };
  } finally {
    await handle.close();
  }
}
