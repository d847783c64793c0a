import { performance } from 'node:perf_hooks';
import { circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, isBrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import type { Logger } from 'pino';
import { isOutage, type BreakerState, type FetchListener, type FetchOutcome } from './FetchOutcome';
import { subgraphUnavailable, unavailableReasonOf } from './subgraphUnavailable';

export interface BreakerSettings {
  /** Outages in a row (timeouts, no answer, busy) that open a department's breaker. */
  failureThreshold: number;
  /** How long an open breaker skips the department before one request probes it again. */
  cooldownMs: number;
}

const STATES: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'open',
};

/**
 * One circuit breaker per department (cockatiel), kept for the gateway's life so that a
 * supergraph reload, which rebuilds the data sources, does not forget a failing department.
 *
 * Closed: fetches go through; `failureThreshold` outages in a row open it. Open: the
 * department is not called; its fields are null with SUBGRAPH_UNAVAILABLE, reason
 * `circuit-open`. After `cooldownMs` the next fetch is the probe (half-open): it alone goes
 * through, every other fetch is still skipped rather than made to wait for it; the probe's
 * success closes the breaker, its failure opens it for another cool-down.
 *
 * Nothing is retried here or below (Node's fetch sends a POST once): a mutation is never sent twice.
 */
export class DepartmentBreakers {
  private readonly breakers = new Map<string, CircuitBreakerPolicy>();
  private readonly listeners = new Set<FetchListener>();

  constructor(
    private readonly settings: BreakerSettings,
    private readonly log?: Logger,
  ) {}

  /** Each known department's breaker: for `/health`, `/ready` and the metrics. */
  breakerStates(): Record<string, BreakerState> {
    return Object.fromEntries([...this.breakers].map(([department, breaker]) => [department, STATES[breaker.state]]));
  }

  /** Calls `listener` after every fetch to a department (metrics); returns how to stop. */
  onFetch(listener: FetchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes the department known (its breaker closed) before its first fetch. */
  register(department: string): void {
    this.breakerOf(department);
  }

  /**
   * Runs one fetch to `department` through its breaker. `fetch` fails with
   * SUBGRAPH_UNAVAILABLE and a reason (`SubgraphDataSource`); an open breaker fails at once.
   */
  async run<T>(department: string, fetch: () => Promise<T>): Promise<T> {
    const breaker = this.breakerOf(department);
    const started = performance.now();
    // cockatiel lets the others wait for the probe's verdict; skipping them keeps every request within its timeout.
    if (breaker.state === CircuitState.HalfOpen) return this.skip(department, started);
    try {
      const result = await breaker.execute(fetch);
      this.emit(department, started, 'ok');
      return result;
    } catch (error) {
      if (isBrokenCircuitError(error)) return this.skip(department, started);
      this.emit(department, started, unavailableReasonOf(error) ?? 'unavailable');
      throw error;
    }
  }

  private skip(department: string, started: number): never {
    this.emit(department, started, 'circuit-open');
    throw subgraphUnavailable(department, 'circuit-open');
  }

  private emit(department: string, started: number, outcome: FetchOutcome): void {
    const ms = performance.now() - started;
    for (const listener of this.listeners) {
      try {
        listener(department, ms, outcome);
      } catch (error) {
        // A failing observer must not fail the request it observes.
        this.log?.error({ department, err: (error as Error).message }, 'fetch listener failed');
      }
    }
  }

  private breakerOf(department: string): CircuitBreakerPolicy {
    let breaker = this.breakers.get(department);
    if (breaker) return breaker;
    const counts = handleWhen((error) => {
      const reason = unavailableReasonOf(error);
      return reason !== undefined && isOutage(reason);
    });
    breaker = circuitBreaker(counts, { breaker: new ConsecutiveBreaker(this.settings.failureThreshold), halfOpenAfter: this.settings.cooldownMs });
    const { cooldownMs } = this.settings;
    breaker.onBreak(() => this.log?.warn({ department, cooldownMs }, 'department failing: breaker open, skipped until the cool-down ends'));
    breaker.onHalfOpen(() => this.log?.info({ department }, 'breaker half-open: probing the department'));
    breaker.onReset(() => this.log?.info({ department }, 'breaker closed: the department answers again'));
    this.breakers.set(department, breaker);
    return breaker;
  }
}
