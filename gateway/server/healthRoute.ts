import type { Request, Response } from 'express';
import type { PolicyHealth } from '../../policies';
import { checkSubgraphHealth } from './checkSubgraphHealth';
import type { DepartmentReport } from './departmentsReport';
import type { SubgraphEndpoint } from './subgraphsOfSupergraph';

/**
 * `GET /health`: liveness, always 200 while the process answers; the body reports each
 * department it composes (`up`, `degraded`: some do not answer, `down`: none does).
 * `policies` names the policy version in force, so officers see what each instance runs;
 * `policyError` says why the last policy change was refused, if it was; `policyVersion` the
 * published version in force (null: the files), `policyStore` whether Redis answers (with a store);
 * `departments` each department's breaker and, under `govgraph start`, its process and restarts.
 */
export function healthRoute(
  currentSubgraphs: () => SubgraphEndpoint[],
  timeoutMs?: number,
  policyVersion: () => string | null = () => null,
  policyError: () => string | null = () => null,
  policyHealth: () => PolicyHealth = () => ({ policyVersion: null }),
  fetchSubgraph?: typeof fetch,
  departments: () => Record<string, DepartmentReport> = () => ({}),
) {
  return async (_req: Request, res: Response): Promise<void> => {
    const report = await checkSubgraphHealth(currentSubgraphs(), timeoutMs, fetchSubgraph);
    // Which policies this instance enforces (sha256 of the files; null when enforcement is off).
    const error = policyError();
    // Liveness: this process answers (200) whatever its departments' state, which the body reports;
    // restarting the gateway would not bring a department back. Whether to send it traffic is `/ready`.
    res.status(200).json({ ...report, departments: departments(), policies: policyVersion(), ...policyHealth(), ...(error && { policyError: error }) });
  };
}
