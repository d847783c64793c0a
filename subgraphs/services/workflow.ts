import type { ApplicationStage, ApplicationStatus } from './database';

/**
 * The application lifecycle: submit → accept → approve or reject → complete, then one
 * feedback once the case is closed. Each step moves from exactly one status to another.
 */
export type Step = 'ACCEPT' | 'APPROVE' | 'REJECT' | 'COMPLETE';

export const TRANSITIONS: Readonly<Record<Step, { from: ApplicationStatus; to: ApplicationStatus }>> = {
  ACCEPT: { from: 'SUBMITTED', to: 'ACCEPTED' },
  APPROVE: { from: 'ACCEPTED', to: 'APPROVED' },
  REJECT: { from: 'ACCEPTED', to: 'REJECTED' },
  COMPLETE: { from: 'APPROVED', to: 'COMPLETED' },
};

/** Feedback is left once, on a closed case. */
export const FEEDBACK_STATUSES: readonly ApplicationStatus[] = ['COMPLETED', 'REJECTED'];

/** The steps, in order, that bring a new application to each status. */
export const STAGES_TO_REACH: Readonly<Record<ApplicationStatus, readonly ApplicationStage[]>> = {
  SUBMITTED: ['SUBMIT'],
  ACCEPTED: ['SUBMIT', 'ACCEPT'],
  APPROVED: ['SUBMIT', 'ACCEPT', 'APPROVE'],
  REJECTED: ['SUBMIT', 'ACCEPT', 'REJECT'],
  COMPLETED: ['SUBMIT', 'ACCEPT', 'APPROVE', 'COMPLETE'],
};

export const APPLICATION_STATUSES: readonly ApplicationStatus[] = ['SUBMITTED', 'ACCEPTED', 'APPROVED', 'REJECTED', 'COMPLETED'];
