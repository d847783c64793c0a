import { CODES, requestError } from '../../kit';
import type { ServicesContext } from '../context';
import { applicationUpdatesPage, type ApplicationUpdatePage } from './applicationUpdatesPage';

interface PageArgs {
  after?: string | null;
  first?: number | null;
}

/** Query.myApplicationUpdates: the signed-in resident's own applications; UNAUTHENTICATED for an anonymous reader. */
export function myApplicationUpdates(_: unknown, args: PageArgs, ctx: ServicesContext): Promise<ApplicationUpdatePage> {
  const sub = ctx.identity?.sub;
  if (!sub) throw requestError(CODES.UNAUTHENTICATED, 'Sign in to follow your applications.', { reason: 'anonymous' });
  return applicationUpdatesPage(ctx.db, { applicant: sub }, args);
}

/**
 * Query.applicationUpdates: the cases the reader's department handles (the item's `handledBy`);
 * services officers every case. FORBIDDEN for a reader of no department.
 */
export function applicationUpdates(_: unknown, args: PageArgs, ctx: ServicesContext): Promise<ApplicationUpdatePage> {
  const identity = ctx.identity;
  if (!identity) throw requestError(CODES.UNAUTHENTICATED, 'Sign in to follow the cases your department handles.', { reason: 'anonymous' });
  if (!identity.dept) throw requestError(CODES.FORBIDDEN, 'Only staff of a department follow the updates of the cases it handles.');
  const everyCase = identity.dept === ctx.department && identity.roles.includes('officer');
  return applicationUpdatesPage(ctx.db, everyCase ? 'all' : { handledBy: identity.dept }, args);
}
