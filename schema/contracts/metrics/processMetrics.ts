import { collectDefaultMetrics, Registry } from 'prom-client';

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (prom-client's defaults: CPU, memory, heap, handles, event-loop
 * lag, GC), collected once per process however many servers it runs (tests run several
 * gateways and departments in one): each server's `/metrics` shows them after its own.
 */
export function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What `/metrics` shows: a server's own registry, then the process's metrics. */
export async function metricsText(registry: Registry): Promise<string> {
  return `${await registry.metrics()}\n${await processMetrics().metrics()}`;
}
