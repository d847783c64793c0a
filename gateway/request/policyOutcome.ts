import type { FieldDecision } from '../../policies';
import { createRequestSlot } from './requestSlot';

/** What stage 3 decided for the executed operation, handed to the audit stage and the metrics. */
export interface PolicyOutcome {
  /** One decision per field coordinate the operation selects. */
  readonly decisions: readonly FieldDecision[];
  /** The coordinates withheld from this reader (DENY without a `self` grant), sorted. */
  readonly denied: readonly string[];
  /** `PolicySet.hash` of the policies that decided. */
  readonly policyHash: string;
}

/** Written once by the policy stage when it decides an operation; absent when the request never got that far. */
export const POLICY_OUTCOME = createRequestSlot<PolicyOutcome>('policy outcome');
