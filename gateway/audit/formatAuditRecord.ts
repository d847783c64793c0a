import type { AuditOutcome, AuditRecord } from './AuditRecord';

/**
 * One record on one line for people reading `audit tail` and `audit query`:
 * `#17 2026-11-27T09:14:03.123Z staff-1 (caseworker; alpha) purpose=review case=- query Review ok
 *  subgraphs=alpha,beta fields=2 allowed, 1 masked, 1 denied keys=t1 request=…`
 */
export function formatAuditRecord(record: AuditRecord): string {
  const reader = record.identity ? `${record.identity.sub} (${record.identity.roles.join(',')}; ${record.identity.dept ?? 'no dept'})` : 'anonymous';
  const counts = { ALLOW: 0, MASK: 0, DENY: 0 };
  for (const decision of record.decisions) counts[decision.decision]++;
  const fields = record.decisions.length ? `${counts.ALLOW} allowed, ${counts.MASK} masked, ${counts.DENY} denied` : '-';
  return [
    `#${record.seq}`,
    record.time,
    reader,
    `purpose=${record.purpose ?? '-'}`,
    `case=${record.caseId ?? '-'}`,
    `${record.operation.type ?? 'operation'} ${record.operation.name ?? '(anonymous)'}`,
    outcomeText(record.outcome),
    `subgraphs=${record.subgraphs.join(',') || '-'}`,
    `fields=${fields}`,
    `keys=${record.keys.join(',') || '-'}`,
    `request=${record.requestId}`,
  ].join('  ');
}

function outcomeText(outcome: AuditOutcome): string {
  switch (outcome.kind) {
    case 'ok':
      return 'ok';
    case 'errors':
      return `errors ${outcome.codes.join(',')}`;
    case 'rejected':
      return `rejected ${outcome.status} ${outcome.codes.join(',')}`;
    case 'unauthenticated':
      return `unauthenticated (${outcome.reason})`;
    default:
      return unreachable(outcome);
  }
}

function unreachable(value: never): never {
  throw new Error(`Unexpected outcome ${JSON.stringify(value)}`);
}
