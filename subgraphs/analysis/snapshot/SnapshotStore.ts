import type { GraphClient } from '../../kit';
import { CODES, requestError } from '../../kit';
import { EXTRACT_QUERIES, takeSnapshot, type ExtractDepartment, type Snapshot } from './takeSnapshot';

/** `GOVGRAPH_ANALYSIS_REFRESH_SECONDS`, default 300: how old a snapshot may be before a query takes a new one. */
export const DEFAULT_REFRESH_SECONDS = 300;

/**
 * The snapshot figures are computed from, kept in memory: taken on the first query (which waits
 * for it), then again once it is `refreshSeconds` old — in the background, the queries meanwhile
 * answering from the one in hand (its `asOf` says how old). A snapshot that lacks a department's
 * extract is taken again by the next query, which waits for it. Queries never start a second
 * pull while one runs.
 */
export class SnapshotStore {
  private snapshot: Snapshot | null = null;
  private pulling: Promise<Snapshot> | null = null;

  constructor(
    private readonly refreshSeconds: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async current(graph: GraphClient): Promise<Snapshot> {
    const snapshot = this.snapshot;
    const whole = snapshot !== null && isWhole(snapshot);
    if (snapshot && whole && this.now().getTime() - Date.parse(snapshot.asOf) < this.refreshSeconds * 1000) return snapshot;
    this.pulling ??= takeSnapshot(graph, this.now())
      .then((taken) => (this.snapshot = taken))
      .finally(() => (this.pulling = null));
    if (snapshot && whole) {
      // A refresh that fails keeps the snapshot in hand; the next query after it tries again.
      this.pulling.catch(() => undefined);
      return snapshot;
    }
    return this.pulling;
  }
}

/** Every department's extract is in it. */
function isWhole(snapshot: Snapshot): boolean {
  return (Object.keys(EXTRACT_QUERIES) as ExtractDepartment[]).every((department) => snapshot[department].rows !== null);
}

/** A department's rows in the snapshot; SERVICE_UNAVAILABLE naming it when it could not give them. */
export function extractOf<D extends ExtractDepartment>(snapshot: Snapshot, department: D): NonNullable<Snapshot[D]['rows']> {
  const part = snapshot[department];
  if (part.rows === null) {
    throw requestError(
      CODES.SERVICE_UNAVAILABLE,
      `This figure needs ${department}'s statistical extract, which the last snapshot (${snapshot.asOf}) could not get: ${part.problem}.`,
      {
        department,
      },
    );
  }
  return part.rows as NonNullable<Snapshot[D]['rows']>;
}

/** Seconds from `GOVGRAPH_ANALYSIS_REFRESH_SECONDS` (a whole number ≥ 1), else the default; a wrong value stops start-up. */
export function refreshSecondsFrom(env: Record<string, string | undefined>): number {
  const raw = env.GOVGRAPH_ANALYSIS_REFRESH_SECONDS?.trim();
  if (!raw) return DEFAULT_REFRESH_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`GOVGRAPH_ANALYSIS_REFRESH_SECONDS must be a whole number of seconds (at least 1), not "${raw}"`);
  return seconds;
}
