/** What tells a service's process to stop: a signal, or (a child of `govgraph start`) its parent gone. */
export type TerminationEvent = 'SIGINT' | 'SIGTERM' | 'disconnect';

/**
 * Resolves on the first of `events`, once: the process owner then closes its service
 * (`RunningService.close`) and exits. A different event arriving while it closes is ignored
 * rather than starting a second close (Ctrl-C reaches every process of the group, and
 * `govgraph start` then sends each department SIGTERM); the same signal twice has Node's
 * default effect, ending the process at once.
 */
export function terminationSignal(events: TerminationEvent[] = ['SIGINT', 'SIGTERM']): Promise<TerminationEvent> {
  return new Promise((resolve) => {
    for (const event of events) process.once(event, () => resolve(event));
  });
}
