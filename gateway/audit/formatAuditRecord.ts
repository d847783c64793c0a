import type { AuditOutcome, AuditPolicyChange, AuditRecord, AuditWriteBack } from './AuditRecord';

/**
 * One record on one line for people reading `audit tail` and `audit query`:
 * `#17 2026-11-27T09:14:03.123Z staff-1 (caseworker; alpha) purpose=review case=- query Review ok
 *  subgraphs=alpha,beta fields=2 allowed, 1 masked, 1 denied keys=t1 request=…`
 */
export function formatAuditRecord(record: AuditRecord): string {
  if (record.policyChange) return formatPolicyChange(record, record.policyChange);
  if (record.writeBack) return formatWriteBack(record, record.writeBack);
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
    record.cachedFrom ? `from cache of request=${record.cachedFrom}` : `subgraphs=${record.subgraphs.join(',') || '-'}`,
    `fields=${fields}`,
    `keys=${record.keys.join(',') || '-'}`,
    `request=${record.requestId}`,
  ].join('  ');
}

/**
 * A policy set put in force: `#18 2026-11-27T09:20:00.000Z  policy change  published version 8 by
 * officer-li  from 3911db96ab12 to d3dae985cd34  signed by key 0dT3u5Xq9yKf  request=policy-change-…` (hashes and key id
 * shortened; `--json` has them whole).
 */
function formatPolicyChange(record: AuditRecord, change: AuditPolicyChange): string {
  const what = change.source === 'redis' ? `published version ${change.version ?? '?'} by ${change.publishedBy ?? 'unknown'}` : 'policy files changed on disk';
  return [
    `#${record.seq}`,
    record.time,
    'policy change',
    what,
    `from ${change.from.slice(0, 12)} to ${change.to.slice(0, 12)}`,
    ...(change.keyId ? [`signed by key ${change.keyId.slice(0, 12)}`] : []),
    `request=${record.requestId}`,
  ].join('  ');
}

/**
 * A settled write-back: `#19 2026-11-27T09:21:00.000Z  write-back household-address-change → population
 *  applied  fields=Person.householdAddress  record=Person 110105********002X~…  by=staff-0001
 *  case=APP-2026-000123  item=household-address-change  keys=…  request=APP-2026-000123/1`; a
 * refused or dead one shows its state and reason in place of `applied`.
 */
function formatWriteBack(record: AuditRecord, writeBack: AuditWriteBack): string {
  const reason = record.outcome.kind === 'errors' && record.outcome.reason ? ` (${record.outcome.reason})` : '';
  return [
    `#${record.seq}`,
    record.time,
    `write-back ${writeBack.event} → ${writeBack.department}`,
    `${writeBack.state}${reason}`,
    `fields=${record.decisions.map((decision) => decision.coordinate).join(',') || '-'}`,
    ...(writeBack.record ? [`record=${writeBack.record}`] : []),
    `by=${record.identity?.sub ?? '-'}`,
    `case=${record.caseId ?? '-'}`,
    `item=${record.operation.name ?? '-'}`,
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
