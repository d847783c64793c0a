import type { PolicyHealth } from '../../policies';
import { healthRoute as serviceHealthRoute } from '../../schema/contracts/service';
import { checkSubgraphHealth } from './checkSubgraphHealth';
import type { DepartmentReport } from './departmentsReport';
import type { SubgraphEndpoint } from './subgraphsOfSupergraph';

/** Where `/health` reads what it reports. */
export interface HealthSources {
  /** The subgraphs of the supergraph in force, with their resolved URLs. */
  currentSubgraphs: () => SubgraphEndpoint[];
  healthTimeoutMs?: number;
  /** The hash of the policies in force; null when they are not enforced. */
  policyVersion?: () => string | null;
  /** Why the last policy change was refused; null when none was. */
  policyError?: () => string | null;
  /** The published policy version in force and the policy store's state. */
  policyHealth?: () => PolicyHealth;
  /** How departments' health is asked: the gateway's subgraph fetch (mutual TLS when on). */
  fetchSubgraph?: typeof fetch;
  /** Each department's breaker and supervised process. */
  departments?: () => Record<string, DepartmentReport>;
  /** Where the recording of settled write-backs stands; undefined when it is off, or the graph has no service platform. */
  writeBackAudit?: () => { seq: number | null; lastError: string | null } | undefined;
  /** The `/events` streams open and the head they follow; undefined when the graph has no service platform. */
  eventsHealth?: () => { streams: number; head: number | null; lastError: string | null } | undefined;
}

/**
 * `GET /health`: liveness, always 200 while the process answers; the body reports each
 * department it composes (`up`, `down` or `unknown`: see `SubgraphStatus`) and the graph
 * (`up` unless a department is down, `degraded`: some are, `down`: all are).
 * `policies` names the policy version in force, so officers see what each instance runs;
 * `policyError` says why the last policy change was refused, if it was; `policyVersion` the
 * published version in force (null: the files), `policyStore` whether Redis answers (with a store);
 * `departments` each department's breaker and, under `govgraph start`, its process and restarts;
 * with a service platform in the graph, `writeBackAudit` the last settled write-back recorded
 * (`seq`) and why recording fails, if it does, and `events` the `/events` streams open, the head of
 * the application updates and why it cannot be read, if it cannot.
 */
export function healthRoute({
  currentSubgraphs,
  healthTimeoutMs,
  policyVersion = () => null,
  policyError = () => null,
  policyHealth = () => ({ policyVersion: null }),
  fetchSubgraph,
  departments = () => ({}),
  writeBackAudit = () => undefined,
  eventsHealth = () => undefined,
}: HealthSources) {
  // Liveness: this process answers (200) whatever its departments' state, which the body reports;
  // restarting the gateway would not bring a department back. Whether to send it traffic is `/ready`.
  return serviceHealthRoute(async () => {
    const report = await checkSubgraphHealth(currentSubgraphs(), healthTimeoutMs, fetchSubgraph);
    const error = policyError();
    const writeBacks = writeBackAudit();
    const events = eventsHealth();
    // Which policies this instance enforces (sha256 of the files; null when enforcement is off).
    return {
      ...report,
      departments: departments(),
      policies: policyVersion(),
      ...policyHealth(),
      ...(error && { policyError: error }),
      ...(writeBacks && { writeBackAudit: writeBacks }),
      ...(events && { events }),
    };
  });
}
