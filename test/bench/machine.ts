import os from 'node:os';

/** The machine a figure was measured on: cores, CPU model, memory and Node's version. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} cores × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}
