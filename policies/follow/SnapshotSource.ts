/** What a source tells the follower watching it. */
export interface SnapshotSourceEvents {
  /** What the source holds may have changed: a notification, a (re)connection, a file event, a poll. */
  changed(): void;
  /** The source lost its connection or its watch, saying why (safe to log); it keeps trying by itself. */
  failed(why: string): void;
}

/** One follower's watch on a source. */
export interface SourceWatch {
  /** Whether the source can tell of changes now (a Redis one: connected and subscribed; a file: always). */
  connected(): boolean;
  /** Stops watching and closes what the watch opened. */
  stop(): void;
}

/**
 * Where one signed snapshot is published: a Redis key announced on a pub/sub channel
 * (`redisSnapshotSource`) or a file whose directory is watched (`fileSnapshotSource`). A
 * source only reads and watches; parsing and verifying what it holds is the follower's job.
 */
export interface SnapshotSource {
  /** Where, safe to print: no password. */
  readonly description: string;
  /** The snapshot's text as stored; null when nothing was ever published. Rejects when it cannot be read. */
  read(): Promise<string | null>;
  watch(events: SnapshotSourceEvents): SourceWatch;
}
