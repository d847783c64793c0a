import type { ServicesContext } from './context';
import { submitApplication, type SubmitApplicationInput } from './submitApplication';
import { applyStep, leaveFeedback } from './transitions';

/** The workflow's write side; each mutation is one transaction. */
export const Mutation = {
  submitApplication: (_: unknown, args: { input: SubmitApplicationInput }, ctx: ServicesContext) => submitApplication(ctx, args.input),
  acceptApplication: (_: unknown, args: { id: string }, ctx: ServicesContext) => applyStep(ctx, args.id, 'ACCEPT', null),
  decideApplication: (_: unknown, args: { id: string; approve: boolean; comment?: string | null }, ctx: ServicesContext) =>
    applyStep(ctx, args.id, args.approve ? 'APPROVE' : 'REJECT', args.comment ?? null),
  completeApplication: (_: unknown, args: { id: string }, ctx: ServicesContext) => applyStep(ctx, args.id, 'COMPLETE', null),
  leaveFeedback: (_: unknown, args: { id: string; rating: number; comment?: string | null }, ctx: ServicesContext) =>
    leaveFeedback(ctx, args.id, args.rating, args.comment ?? null),
};
