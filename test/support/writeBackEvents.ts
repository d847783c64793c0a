import type { PolicySet, WriteRequest } from '../../policies';
import { WRITE_BACK_EVENT_VERSION, type WriteBackEvent } from '../../schema/contracts/writeBack';
import { fakePolicySet } from './gatewayTokens';

let n = 0;

/** A write-back event as the service platform sends it, each with a fresh id unless `overrides` names one. */
export function writeBackEvent(overrides: Partial<WriteBackEvent> = {}): WriteBackEvent {
  n++;
  const applicationId = `APP-2026-${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(3, '0')}`;
  return {
    version: WRITE_BACK_EVENT_VERSION,
    id: `${applicationId}/1`,
    from: 'services',
    department: 'population',
    event: 'household-address-change',
    action: 'updatePerson',
    target: { type: 'Person', key: '110101199001011234' },
    values: { householdAddress: '北京市东城区景山街道1号' },
    applicationId,
    itemCode: 'household-address-change',
    applicant: '110101199001011234',
    actor: 'caseworker-0001',
    completedAt: '2026-03-15T08:30:00.000Z',
    ...overrides,
  };
}

/**
 * Policies that let every reader read (department suites test data), and let a write through
 * when `allow` says so (by default every write from `services`); a refused one answers `why`.
 */
export function writePolicies(allow: (request: WriteRequest) => boolean = (request) => request.from === 'services'): PolicySet {
  return {
    ...fakePolicySet(),
    decideWrite: (request) =>
      allow(request) ? { allowed: true, rule: 'test.yaml:1' } : { allowed: false, why: `no write rule lets ${request.from} write ${request.coordinate} on ${request.event}` },
  };
}
