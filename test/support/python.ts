import { spawnSync } from 'node:child_process';

/** Why the Python examples cannot run here (no python3, or no `cryptography` package), or null when they can. */
function pythonMissing(): string | null {
  const probe = spawnSync('python3', ['-c', 'import cryptography'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error) return 'python3 is not installed';
  if (probe.status !== 0) return "python3 has no 'cryptography' package (pip install cryptography)";
  return null;
}

const MISSING = pythonMissing();

/**
 * Suites that run a Python example (a department in another language) run where python3 and
 * `cryptography` are installed, and are reported as skipped, saying why, where they are not.
 */
export const describeWithPython: jest.Describe = MISSING
  ? (((name: string, fn: () => void) => {
      console.log(`${name}: skipped, ${MISSING}`);
      describe.skip(`${name} [skipped: ${MISSING}]`, fn);
    }) as unknown as jest.Describe)
  : describe;
