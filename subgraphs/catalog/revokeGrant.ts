import { CODES, requestError } from '../kit';
import { appendEvent } from './appendEvent';
import { requireOfficerOf, requireStaff, type CatalogContext } from './context';
import { checkedReason } from './decideAccessApplication';
import { grantStatusOf, toGrantRecord, type AccessGrantRecord } from './records';

/**
 * An officer of the providing department ends a grant before its time, with a reason. The
 * revocation is published before it commits: when it cannot be published nothing changes
 * (GRANT_STORE_UNAVAILABLE), so a grant is never revoked on paper while still in force.
 */
export async function revokeGrant(ctx: CatalogContext, id: string, reasonText: string): Promise<AccessGrantRecord> {
  requireStaff(ctx, 'revoke grants');
  const row = await ctx.db.selectFrom('access_grants').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw requestError(CODES.BAD_USER_INPUT, `There is no grant ${id}.`, { argument: 'id' });
  const officer = requireOfficerOf(ctx, row.provider, 'revoke this grant');
  const reason = checkedReason(reasonText, true, 'reason')!;

  const revoked = await ctx.services.publisher.decide(async (trx, publish) => {
    const now = new Date();
    const at = now.toISOString();
    const updated = await trx
      .updateTable('access_grants')
      .set({ revoked_at: at, revoked_by: officer.sub, revoke_reason: reason })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('until', '>', at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const current = grantStatusOf(toGrantRecord(await trx.selectFrom('access_grants').selectAll().where('id', '=', id).executeTakeFirstOrThrow()), now.getTime());
      throw requestError(CODES.INVALID_TRANSITION, `Grant ${id} is ${current}; only a grant in force can be revoked.`, { currentStatus: current });
    }
    await appendEvent(trx, row.application_id, 'REVOKED', officer, at, reason);
    await publish();
    return toGrantRecord(await trx.selectFrom('access_grants').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  });
  ctx.loaders.grantOfApplication.clear(revoked.applicationId).prime(revoked.applicationId, revoked);
  ctx.loaders.historyOfApplication.clear(revoked.applicationId);
  return revoked;
}
