import type { SnapshotSource, SourceWatch } from './SnapshotSource';

/** What a follower may do with what its source holds. */
export type SnapshotVerdict<T> =
  /** Signed by the publisher and not older than the version in force: `snapshot` may take effect. */
  | { kind: 'accepted'; snapshot: T; version: number }
  /** Never to take effect, saying why; `version` is the one it claims, when it could be read. */
  | { kind: 'refused'; problem: string; version?: number }
  /** Nothing published: nothing to put in force, nothing to refuse. */
  | { kind: 'empty' };

export interface FollowSignedSnapshotsOptions<T> {
  source: SnapshotSource;
  /**
   * Parses and verifies what the source holds (null: nothing published). It must refuse
   * whatever the publisher's key did not sign, and a version older than `inForce` (a replay);
   * the follower also refuses the latter should a check accept it. A check that throws refuses.
   */
  check(text: string | null, inForce: number | null): Promise<SnapshotVerdict<T>>;
  /** Puts an accepted snapshot in force: the first, then each with a newer version. */
  accept(snapshot: T, version: number): void;
  /** What the source holds was refused; told once for each stored text. The snapshot in force stays. */
  refused?(problem: string, version: number | undefined): void;
  /** The source cannot be read, or lost its connection: told once an outage. The snapshot in force stays. */
  unreachable?(why: string): void;
  /** The source answers again after an outage. */
  reachable?(): void;
  /** While the source cannot be read, or holds a refused snapshot, it is read again this often (ms); default 2000. */
  retryMs?: number;
}

export interface SnapshotFollow {
  /** The version in force; null until a snapshot was accepted. */
  version(): number | null;
  /** Whether the source can be read and tells of changes now. */
  connected(): boolean;
  /** Why the source cannot be read or watched now; null when it can. */
  problem(): string | null;
  /** Why what the source holds now was refused; null when it was not. */
  refusal(): string | null;
  /** Settles once a read was made while connected, or the source proved unreachable: what start-up waits for. */
  readonly firstRead: Promise<void>;
  /** Reads the source now (what a notification does); resolves once that read, and any asked for meanwhile, is done. */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows one signed snapshot published in a source, for any kind of snapshot (policy bundles,
 * grant snapshots): reads are made one at a time, in order (a change seen during a read makes
 * exactly one more); each stored text is checked once; an accepted snapshot newer than the one
 * in force is put in force; a refused one, or a source that cannot be read, leaves the last good
 * snapshot in force and is reported, once, and in `refusal()` / `problem()` until it clears.
 * Nothing ever falls back to something more open: before the first accepted snapshot there is
 * none in force.
 */
export function followSignedSnapshots<T>(options: FollowSignedSnapshotsOptions<T>): SnapshotFollow {
  const { source, check } = options;
  const retryMs = options.retryMs ?? 2000;
  let version: number | null = null;
  /** The text checked last; undefined before the first. */
  let checked: string | null | undefined;
  let refusal: string | null = null;
  let problem: string | null = null;
  let down = false;
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let retry: NodeJS.Timeout | undefined;
  // Set once the source is watched, below; a change reported while it starts finds it still unset.
  let watch: SourceWatch | undefined = undefined;
  let settleFirstRead: () => void = () => {};
  const firstRead = new Promise<void>((resolve) => (settleFirstRead = resolve));

  const retryLater = (): void => {
    if (retry || stopped) return;
    retry = setTimeout(() => {
      retry = undefined;
      void sync();
    }, retryMs);
    retry.unref();
  };
  const unreachable = (why: string): void => {
    if (stopped) return;
    problem = why;
    if (!down) {
      down = true;
      options.unreachable?.(why);
    }
    settleFirstRead();
    retryLater();
  };
  const refuse = (problemText: string, refusedVersion: number | undefined): void => {
    refusal = problemText;
    options.refused?.(problemText, refusedVersion);
  };

  const readOnce = async (): Promise<void> => {
    let text: string | null;
    try {
      text = await source.read();
    } catch (error) {
      // A connection lost says why itself; a read failing because of it does not say it better.
      return unreachable(problem ?? (error as Error).message);
    }
    if (stopped) return;
    const connected = watch?.connected() ?? false;
    if (text !== checked) {
      checked = text;
      let verdict: SnapshotVerdict<T>;
      try {
        verdict = await check(text, version);
      } catch (error) {
        verdict = { kind: 'refused', problem: (error as Error).message };
      }
      if (stopped) return;
      switch (verdict.kind) {
        case 'empty':
          refusal = null;
          break;
        case 'refused':
          refuse(verdict.problem, verdict.version);
          break;
        case 'accepted':
          if (version !== null && verdict.version < version) {
            refuse(`Version ${verdict.version} was not put in force: version ${version} is in force and an older version is never put back (a replay)`, verdict.version);
            break;
          }
          refusal = null;
          if (version === null || verdict.version > version) {
            version = verdict.version;
            options.accept(verdict.snapshot, verdict.version);
          }
          break;
        default:
          verdict satisfies never;
      }
    }
    // Reachable again only once what was read is in force (or refused): /health never shows the
    // error gone while the version it read is still being checked.
    if (connected) {
      problem = null;
      if (down) {
        down = false;
        options.reachable?.();
      }
      settleFirstRead();
    }
    if (problem !== null || refusal !== null) retryLater();
  };

  const sync = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await readOnce();
      } while (again && !stopped);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  watch = source.watch({ changed: () => void sync(), failed: unreachable });

  return {
    version: () => version,
    connected: () => !stopped && problem === null && (watch?.connected() ?? false),
    problem: () => problem,
    refusal: () => refusal,
    firstRead,
    sync,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      watch?.stop();
      settleFirstRead();
      await running?.catch(() => undefined);
    },
  };
}
