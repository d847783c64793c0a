import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DisclosureWriter } from '../disclosures/DisclosureWriter';
import { metricsRoute } from '../../../schema/contracts/metrics/metricsRoute';
import { operationLabel, UNRESOLVED_OPERATION } from '../../../schema/contracts/metrics/operationLabel';
import { responseOutcomeOf } from '../../../schema/contracts/metrics/responseOutcomeOf';
import { LATENCY_BUCKETS } from '../../../schema/contracts/metrics/latencyBuckets';

export interface DepartmentMetricsOptions {
  department: string;
  /** SQL statements the department has run (`DepartmentDatabase.statementCount`), read at each scrape. */
  statementCount: () => number;
  /** The bearer token `/metrics` asks for; none: open to whoever reaches the port. */
  token?: string;
  /** Distinct operation names kept as labels (the rest count as `(other)`); defaults to 100. */
  maxOperationNames?: number;
}

/** A department's metrics: an Apollo Server plugin, plus what its HTTP server and disclosure log need. */
export interface DepartmentMetrics extends ApolloServerPlugin<BaseContext> {
  readonly registry: Registry;
  /** `GET /metrics`: the registry, then the process's metrics. */
  readonly route: RequestHandler;
  /** Mounted before `/graphql`'s handlers: counts the requests in flight there. */
  readonly inFlight: RequestHandler;
  /** `guard`, with each request it answers itself (a refused gateway token) counted as rejected. */
  countRefusals(guard: RequestHandler): RequestHandler;
  /** `writer`, with each disclosure-log write counted as `ok` or `failed`. */
  countWrites(writer: DisclosureWriter): DisclosureWriter;
}

/**
 * Prometheus metrics of one department (every series labelled with its name): requests by
 * operation and outcome, their latency, requests in flight, SQL statements, disclosure-log
 * writes. Its `/metrics` shows the process's own after them (CPU, memory, event-loop lag).
 */
export function useDepartmentMetrics({ department, statementCount, token, maxOperationNames = 100 }: DepartmentMetricsOptions): DepartmentMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ department });
  const registers = [registry];
  const requests = new Counter({
    name: 'govgraph_department_requests_total',
    help: 'GraphQL requests, by operation and outcome (ok, errors, rejected).',
    labelNames: ['operation', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: 'govgraph_department_request_duration_seconds',
    help: 'Time from a GraphQL request reaching the pipeline to its response, by operation.',
    labelNames: ['operation'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const serving = new Gauge({ name: 'govgraph_department_requests_in_flight', help: 'Requests to /graphql being served now.', registers });
  const writes = new Counter({
    name: 'govgraph_department_disclosure_writes_total',
    help: 'Disclosure-log writes (one per request that returned records), by result (ok, failed).',
    labelNames: ['result'],
    registers,
  });
  new Counter({
    name: 'govgraph_department_sql_statements_total',
    help: "SQL statements run for the department's data (the disclosure log's writes apart).",
    registers,
    collect() {
      this.reset();
      this.inc(statementCount());
    },
  });
  for (const result of ['ok', 'failed']) writes.inc({ result }, 0);
  const labelOf = operationLabel(maxOperationNames);

  return {
    registry,
    route: metricsRoute(registry, token),
    inFlight(_req, res, next) {
      serving.inc();
      res.once('close', () => serving.dec());
      next();
    },
    countRefusals(guard) {
      return (req, res, next) => {
        let passed = false;
        res.once('finish', () => {
          if (!passed) requests.inc({ operation: UNRESOLVED_OPERATION, outcome: 'rejected' });
        });
        guard(req, res, (error?: unknown) => {
          passed = true;
          next(error);
        });
      };
    },
    countWrites(writer) {
      return {
        async write(rows) {
          try {
            await writer.write(rows);
          } catch (error) {
            writes.inc({ result: 'failed' });
            throw error;
          }
          if (rows.length) writes.inc({ result: 'ok' });
        },
      };
    },
    async requestDidStart() {
      const end = duration.startTimer();
      return {
        async willSendResponse({ operation, response }) {
          const label = operation ? labelOf(operation.name?.value) : UNRESOLVED_OPERATION;
          requests.inc({ operation: label, outcome: responseOutcomeOf(response) });
          end({ operation: label });
        },
      };
    },
  };
}
