import fsp from 'node:fs/promises';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The non-empty lines of a file, last first, read backwards a chunk at a time: a day of
 * records can be large, and a query for the newest few needs only its end. A last line without
 * its newline (a write cut short) comes first, as it is. Stopping early closes the file.
 */
export async function* readLinesBackwards(file: string, chunkSize = CHUNK): AsyncGenerator<string> {
  const handle = await fsp.open(file, 'r');
  try {
    let position = (await handle.stat()).size;
    // The start of a line whose beginning lies further back.
    let rest = Buffer.alloc(0);
    while (position > 0) {
      const length = Math.min(chunkSize, position);
      position -= length;
      const chunk = Buffer.alloc(length);
      await handle.read(chunk, 0, length, position);
      const buffer = rest.length ? Buffer.concat([chunk, rest]) : chunk;
      // A newline splits UTF-8 safely: 0x0a is never part of a multi-byte character.
      let end = buffer.length;
      // (lastIndexOf from -1 would search from the end again: stop at the buffer's start.)
      while (end > 0) {
        const newline = buffer.lastIndexOf(NEWLINE, end - 1);
        if (newline < 0) break;
        if (end > newline + 1) yield buffer.toString('utf8', newline + 1, end);
        end = newline;
      }
      rest = buffer.subarray(0, end);
    }
    if (rest.length) yield rest.toString('utf8');
  } finally {
    await handle.close();
  }
}
