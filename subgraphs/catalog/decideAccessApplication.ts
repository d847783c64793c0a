import { CODES, requestError } from '../kit';
import { parseAccessUntil } from './accessUntil';
import { appendEvent } from './appendEvent';
import { requireOfficerOf, requireStaff, type CatalogContext } from './context';
import { nextId } from './nextId';
import { toApplicationRecord, type AccessApplicationRecord } from './records';

/** Longest reason kept. */
const MAX_REASON = 1000;

export function checkedReason(reason: string | null | undefined, required: boolean, argument: string): string | null {
  const text = reason?.trim() ?? '';
  if (required && text.length === 0) throw requestError(CODES.BAD_USER_INPUT, 'Give the reason: the applicant and the audit need it.', { argument });
  if (text.length > MAX_REASON) throw requestError(CODES.BAD_USER_INPUT, `A reason has at most ${MAX_REASON} characters.`, { argument });
  return text.length > 0 ? text : null;
}

/** What an approving officer may change of what was applied for: only ever narrower. */
export interface ApprovalTerms {
  /** An earlier end (ISO 8601, or a date: the end of that day, Beijing time). */
  until?: string | null;
  /** True binds the grant to service cases under review; false or absent keeps what was applied for (never unbinds). */
  caseBound?: boolean | null;
}

/** The grant's terms: the application's, narrowed by the officer's. BAD_USER_INPUT for terms that would widen it or that lie in the past. */
function grantTerms(application: AccessApplicationRecord, terms: ApprovalTerms, now: Date): { until: string; caseBound: boolean; changed: string | null } {
  let until = application.until;
  if (terms.until != null) {
    until = parseAccessUntil(terms.until, now, 'until');
    if (Date.parse(until) > Date.parse(application.until)) {
      throw requestError(CODES.BAD_USER_INPUT, `\`until\` may only shorten the access: ${application.id} applied for access until ${application.until}.`, { argument: 'until' });
    }
  }
  const caseBound = application.caseBound || terms.caseBound === true;
  const changes = [
    ...(until !== application.until ? [`until ${until} (applied for ${application.until})`] : []),
    ...(caseBound && !application.caseBound ? ['bound to service cases under review (applied for without)'] : []),
  ];
  return { until, caseBound, changed: changes.length > 0 ? `Approved ${changes.join(', ')}.` : null };
}

/** The APPROVED step's text: the terms the officer changed, then their remark. */
function approvalReason(changed: string | null, remark: string | null): string | null {
  return [changed, remark].filter(Boolean).join(' ') || null;
}

/**
 * An officer of the providing department approves an application (creating its grant,
 * published before the decision commits) or refuses it with a reason. Approving, the officer
 * may narrow the terms (`ApprovalTerms`): the grant and the APPROVED step record them (the
 * application keeps what was asked for). Refusing, terms are refused (BAD_USER_INPUT): there
 * is no grant for them to shape. Only a PENDING application can be decided, once
 * (INVALID_TRANSITION otherwise).
 */
export async function decideAccessApplication(
  ctx: CatalogContext,
  id: string,
  approve: boolean,
  reasonText: string | null | undefined,
  terms: ApprovalTerms = {},
): Promise<AccessApplicationRecord> {
  requireStaff(ctx, 'decide access applications');
  const found = await ctx.loaders.application.load(id);
  if (!found) throw requestError(CODES.BAD_USER_INPUT, `There is no access application ${id}.`, { argument: 'id' });
  const officer = requireOfficerOf(ctx, found.provider, 'decide this application');
  const reason = checkedReason(reasonText, !approve, 'reason');
  if (!approve && (terms.until != null || terms.caseBound === true)) {
    throw requestError(CODES.BAD_USER_INPUT, '`until` and `caseBound` are terms of an approval: leave them out when refusing.', {
      argument: terms.until != null ? 'until' : 'caseBound',
    });
  }
  if (approve) await checkStillGrantable(ctx, found);
  const granted = approve ? grantTerms(found, terms, new Date()) : null;

  const decided = await ctx.services.publisher.decide(async (trx, publish) => {
    const now = new Date();
    const at = now.toISOString();
    const updated = await trx
      .updateTable('access_applications')
      .set({ status: approve ? 'APPROVED' : 'REFUSED', decided_at: at, decided_by: officer.sub, reason })
      .where('id', '=', id)
      .where('status', '=', 'PENDING')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const current = await trx.selectFrom('access_applications').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      throw requestError(CODES.INVALID_TRANSITION, `Access application ${id} is ${current.status}; it can be decided only while PENDING.`, { currentStatus: current.status });
    }
    await appendEvent(trx, id, approve ? 'APPROVED' : 'REFUSED', officer, at, granted ? approvalReason(granted.changed, reason) : reason);
    if (granted) {
      await trx
        .insertInto('access_grants')
        .values({
          id: await nextId(trx, 'grant'),
          application_id: id,
          grantee: found.applicantDepartment,
          provider: found.provider,
          coordinates: JSON.stringify(found.coordinates),
          purpose: found.purpose,
          until: granted.until,
          case_bound: granted.caseBound ? 1 : 0,
          approved_by: officer.sub,
          approved_at: at,
          revoked_at: null,
          revoked_by: null,
          revoke_reason: null,
        })
        .execute();
      await publish();
    }
    return toApplicationRecord(await trx.selectFrom('access_applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
  ctx.loaders.application.clear(id).prime(id, decided);
  ctx.loaders.grantOfApplication.clear(id);
  ctx.loaders.historyOfApplication.clear(id);
  return decided;
}

/**
 * What was asked for must still be grantable when approved: unexpired, and each field still
 * in the catalog and still conditional (policies may have changed since it was filed).
 */
async function checkStillGrantable(ctx: CatalogContext, application: AccessApplicationRecord): Promise<void> {
  if (Date.parse(application.until) <= Date.now()) {
    throw requestError(
      CODES.BAD_USER_INPUT,
      `Access application ${application.id} asked for access until ${application.until}, which has passed: refuse it, and the applicant may apply again.`,
      { argument: 'id' },
    );
  }
  const entries = await Promise.all(application.coordinates.map((coordinate) => ctx.services.catalog.entry(coordinate)));
  const gone = application.coordinates.filter((_, i) => !entries[i]);
  if (gone.length > 0) throw requestError(CODES.BAD_USER_INPUT, `The graph no longer has ${gone.join(', ')}: refuse the application.`, { argument: 'id', coordinates: gone });
  const notConditional = entries.filter((entry) => entry!.sharing !== 'conditional').map((entry) => entry!.coordinate);
  if (notConditional.length > 0) {
    throw requestError(
      CODES.NOT_SHAREABLE,
      `${notConditional.join(', ')} ${notConditional.length === 1 ? 'is' : 'are'} no longer shared on conditions under the policies in force: refuse the application.`,
      {
        coordinates: notConditional,
      },
    );
  }
}
