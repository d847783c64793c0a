import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../gateway/audit';

/** The record of one plain request (a caseworker reading a name), with a fresh request id. */
export function sampleAuditEntry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    requestId: randomUUID(),
    identity: { sub: 'staff-1', roles: ['caseworker'], dept: 'alpha', clearance: 2 },
    purpose: 'review',
    caseId: null,
    operation: { name: 'Things', type: 'query', documentHash: 'a'.repeat(64) },
    keys: ['t1'],
    decisions: [{ coordinate: 'Thing.name', decision: 'ALLOW' }],
    subgraphs: ['alpha'],
    outcome: { kind: 'ok' },
    policyHash: 'policy-1',
    ...overrides,
  };
}
