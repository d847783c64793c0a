import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

/**
 * Which phase of a fault run it is now (`before`, `down`, …): each request is counted in the
 * phase it was sent and answered in, or in `sent→answered` (`before→stopping`) when the phase
 * changed while it was in flight.
 */
export interface PhaseClock {
  current: string;
}

/** What one kind of request met in one phase. */
export interface PhaseFigures {
  requests: number;
  /** How many ended each way, by the word `outcomeOf` gave (`ok`, an error code…), or `no-answer` (a timeout, a dropped connection). */
  outcomes: Record<string, number>;
  /** The slowest answer, from sending the request to its response, in ms. */
  maxLatencyMs: number;
}

export type LoadContext = Record<string, unknown>;

export interface LoadOptions {
  url: string;
  /** Requests in flight at once, one per connection (each waits for its answer before the next). */
  connections: number;
  headers: Record<string, string>;
  /** The JSON body of each request, built afresh for every one (a unique marker goes here); what it puts in `context` reaches `outcomeOf`. */
  bodyOf(context: LoadContext): string;
  /** A word for how the request ended: `ok`, an error code, … */
  outcomeOf(status: number, body: string, context: LoadContext): string;
  phases: PhaseClock;
  /** autocannon gives up on a request after this long (counted as `no-answer`, the connection dropped); defaults to 10 s. */
  timeoutSeconds?: number;
}

export interface Load {
  /** Per phase, as counted so far. */
  figures: Record<string, PhaseFigures>;
  /** Stops sending (requests in flight are abandoned, their connections closed) and returns the figures. */
  stop(): Promise<Record<string, PhaseFigures>>;
}

/** Where each request's send time and phase travel to its response, beside what `bodyOf` puts there. */
const SENT_AT = 'load.sentAt';
const PHASE = 'load.phase';

/**
 * Keeps `connections` requests in flight against `url` (autocannon, on loopback) until
 * stopped, and counts what each phase's requests met. Nothing is ever resent: after a
 * timeout or a dropped connection autocannon builds the next request with `bodyOf`.
 */
export function startLoad(options: LoadOptions): Load {
  const figures: Record<string, PhaseFigures> = {};
  const figuresOf = (phase: string): PhaseFigures => (figures[phase] ??= { requests: 0, outcomes: {}, maxLatencyMs: 0 });
  const count = (phase: string, outcome: string, latencyMs?: number): void => {
    const of = figuresOf(phase);
    of.requests += 1;
    of.outcomes[outcome] = (of.outcomes[outcome] ?? 0) + 1;
    if (latencyMs !== undefined) of.maxLatencyMs = Math.max(of.maxLatencyMs, Math.round(latencyMs));
  };
  let finished: (error?: unknown) => void = () => {};
  const done = new Promise<void>((resolve, reject) => (finished = (error) => (error ? reject(error) : resolve())));
  const instance = autocannon(
    {
      url: options.url,
      method: 'POST',
      connections: options.connections,
      // Stopped by `stop()`, well before this.
      duration: 600,
      timeout: options.timeoutSeconds ?? 10,
      // How often autocannon looks at its stop flag (its default, 1 ms, keeps a core busy).
      sampleInt: 50,
      headers: { 'content-type': 'application/json', ...options.headers },
      requests: [
        {
          setupRequest(request, shared) {
            const context = shared as LoadContext;
            context[SENT_AT] = performance.now();
            context[PHASE] = options.phases.current;
            return { ...request, body: options.bodyOf(context) };
          },
          onResponse(status, body, shared) {
            const context = shared as LoadContext;
            const sentIn = context[PHASE] as string;
            const phase = sentIn === options.phases.current ? sentIn : `${sentIn}→${options.phases.current}`;
            count(phase, options.outcomeOf(status, body, context), performance.now() - (context[SENT_AT] as number));
          },
        },
      ],
    },
    (error) => finished(error),
  );
  // A timeout or a connection error belongs to no response: counted in the phase it happened in.
  instance.on('reqError', () => count(options.phases.current, 'no-answer'));
  return {
    figures,
    async stop() {
      instance.stop();
      await done;
      return figures;
    },
  };
}

/**
 * Prints a fault run's figures, one line per kind of request and phase, when
 * `FAULT_FIGURES=1` is set (they are for reports; `npm test` stays quiet).
 */
export function reportFigures(title: string, figures: Record<string, Record<string, PhaseFigures>>, extra: Record<string, unknown> = {}): void {
  if (!process.env.FAULT_FIGURES) return;
  const lines = Object.entries(figures).flatMap(([kind, phases]) =>
    Object.entries(phases).map(([phase, f]) => {
      const outcomes = Object.entries(f.outcomes).map(([outcome, n]) => `${outcome} ${n}`);
      return `${kind.padEnd(10)} ${phase.padEnd(20)} ${String(f.requests).padStart(5)} requests, max ${String(f.maxLatencyMs).padStart(5)} ms: ${outcomes.join(', ')}`;
    }),
  );
  console.log([`${title} ${JSON.stringify(extra)}`, ...lines].join('\n'));
}
