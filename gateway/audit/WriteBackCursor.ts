/**
 * How far the settled write-backs are recorded in the ledger: the service platform's `seq` of
 * the last one stored, kept beside the ledger so that it survives a restart (a file next to the
 * day files; a key next to the Redis stream). It moves only forward, and only after the records
 * up to it are stored: a gateway that stops in between records those write-backs again (the same
 * event id), never skips one.
 */
export interface WriteBackCursor {
  /** Where it is kept, for messages; never a secret. */
  readonly description: string;
  /** The seq of the last write-back recorded; 0 when none is. Rejects when the stored value is not a seq. */
  read(): Promise<number>;
  /** Notes that every write-back up to `seq` is recorded; a smaller value than the stored one changes nothing. */
  advance(seq: number): Promise<void>;
  /**
   * Takes the turn to record the next batch, for a short while: false when another gateway
   * instance holds it (then this one waits for its next round). Always true for the files (one gateway per directory).
   */
  acquire(): Promise<boolean>;
  /** Gives the turn back (only if still held). */
  release(): Promise<void>;
  close(): Promise<void>;
}
