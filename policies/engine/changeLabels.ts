import type { ChangeKind } from './diffPolicies';
import type { WriteChange } from './diffWrites';

/** How `policy diff` (and the catalog's policy review) names each kind of change in access. */
export const CHANGE_LABELS: Readonly<Record<ChangeKind, string>> = {
  gained: 'gained',
  lost: 'lost',
  masked: 'newly masked',
  unmasked: 'newly unmasked',
  remasked: 'mask changed',
};

/** `may now write` (a writer new to the field), `on more events`, `may no longer write`, `on fewer events`. */
export function describeWriteChange(change: WriteChange): string {
  if (change.kind === 'widens') return change.whole ? 'may now write' : 'on more events';
  return change.whole ? 'may no longer write' : 'on fewer events';
}
