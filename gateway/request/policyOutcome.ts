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
  /** The response cache was asked (the operation was one it may keep): found the answer, or not. */
  readonly cache?: 'hit' | 'miss';
  /** Served from the response cache: the request id of the request that fetched the answer. */
  readonly cachedFrom?: string;
}

/** Written once by the policy stage when it decides an operation; absent when the request never got that far. */
export const POLICY_OUTCOME = createRequestSlot<PolicyOutcome>('policy outcome');
