/** Where an `exchange` subcommand reads its environment and writes: the process, or a test's buffers. */
export interface ExchangeIo {
  env: Readonly<Record<string, string | undefined>>;
  out(text: string): void;
  err(text: string): void;
}

export function processExchangeIo(): ExchangeIo {
  return { env: process.env, out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) };
}
