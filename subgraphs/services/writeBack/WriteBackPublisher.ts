import type { SealedWriteBack, WriteBackOutcome } from '../../../schema/contracts/writeBack';

/**
 * What a delivery came to:
 * - `answered`: the owning department decided at once (the embedded default's direct delivery);
 * - `published`: the event is on the department's stream; its outcome comes later, on the
 *   outcomes stream, to the `onOutcome` the publisher was made with (Redis).
 * A delivery that failed throws: the relay counts a failed attempt and tries again later.
 */
export type WriteBackDelivery = { kind: 'answered'; outcome: WriteBackOutcome } | { kind: 'published' };

/** How the relay carries sealed events to the departments that own the records. */
export interface WriteBackPublisher {
  /** `http` (the embedded default: a POST to each department) or `redis` (streams with consumer groups). */
  readonly transport: 'http' | 'redis';
  deliver(sealed: SealedWriteBack): Promise<WriteBackDelivery>;
  /** The transport's own last problem (Redis unreachable), null when it works; for health. */
  lastError(): string | null;
  /** Stops delivering and following; deliveries under way are abandoned (they are retried: the departments apply an id once). */
  close(): Promise<void>;
}

/** Called with each outcome a publisher receives apart from a delivery; a throw leaves it to be received again. */
export type OutcomeHandler = (outcome: unknown) => Promise<void>;
