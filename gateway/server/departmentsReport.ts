import type { BreakerState } from '../execute';

/** How `govgraph start` keeps one department's process running (`superviseDepartment`). */
export interface DepartmentSupervision {
  /** `starting` before its first answer, `running`, `restarting` (waiting out the backoff or starting again), `stopped` (shutting down). */
  state: 'starting' | 'running' | 'restarting' | 'stopped';
  /** Times it was started again after exiting. */
  restarts: number;
  /** Its last exit: code or signal, and when (ISO 8601); null when it never exited. */
  lastExit: { code: number | null; signal: string | null; at: string } | null;
}

export interface DepartmentReport {
  /** The gateway's breaker for it (stage 4). */
  breaker?: BreakerState;
  /** Its process, when this gateway's `govgraph start` supervises it. */
  process?: DepartmentSupervision;
}

/** `departments` in `/health`: per department, its breaker and, under `govgraph start`, its process. */
export function departmentsReport(breakers: Record<string, BreakerState>, supervision: Record<string, DepartmentSupervision> = {}): Record<string, DepartmentReport> {
  const names = [...new Set([...Object.keys(breakers), ...Object.keys(supervision)])].sort();
  return Object.fromEntries(names.map((name) => [name, { ...(breakers[name] && { breaker: breakers[name] }), ...(supervision[name] && { process: supervision[name] }) }]));
}
