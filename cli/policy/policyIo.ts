/** Where a `policy` subcommand reads paths from and writes to: the process, or a test's buffers. */
export interface PolicyIo {
  /** Relative paths (--dir, --query, diff sides) are resolved from here; git runs here. */
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export function processIo(): PolicyIo {
  return {
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
}

/** A fixed-width table: columns as wide as their widest cell, two spaces apart, no trailing spaces. */
export function textTable(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/** An io that keeps what is written, for callers that want the text (tests, other tools). */
export function bufferedIo(cwd: string): PolicyIo & { stdout(): string; stderr(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
  };
}
