import path from 'node:path';
import type { LedgerProblem } from './verifyLedger';

/**
 * Where the ledger was read, for naming the bad record: day files in `dir` (shown as the caller
 * wants the directory written, or left out), or the Redis stream `stream`.
 */
export type LedgerProblemPlace = { dir?: string; stream?: undefined } | { stream: string };

/**
 * The first problem `audit verify` finds, on one line, as the CLI prints it:
 * `.data/audit/audit-2026-11-27.jsonl:3: edited: record seq 3 (request r-3): its contents do not match its hash`,
 * or for a stream `stream govgraph:audit entry #3 (1764…-0): edited: …` (`key …` for its head).
 */
export function formatLedgerProblem(problem: LedgerProblem, place: LedgerProblemPlace): string {
  const where =
    place.stream === undefined
      ? `${place.dir === undefined ? problem.file : path.join(place.dir, problem.file)}:${problem.line}`
      : problem.file === place.stream
        ? `stream ${place.stream} entry #${problem.line}${problem.entry ? ` (${problem.entry})` : ''}`
        : `key ${problem.file}`;
  const record = problem.seq === undefined ? '' : `record seq ${problem.seq}${problem.requestId ? ` (request ${problem.requestId})` : ''}: `;
  return `${where}: ${problem.kind}: ${record}${problem.message}`;
}
