import { paginateByKey, type Connection, type DepartmentContext } from '../kit';
import type { LicenseKind, LicenseStatus, LicensesDatabase } from './database';
import type { LicensesLoaders } from './loaders';
import { toLicenseRecord, type LicenseRecord } from './records';

export interface ListLicensesArgs {
  first?: number | null;
  after?: string | null;
  kind?: LicenseKind | null;
  status?: LicenseStatus | null;
}

/** Query.licenses: a page in license-number order, optionally of one kind and status. */
export async function listLicenses(args: ListLicensesArgs, { db, loaders }: DepartmentContext<LicensesDatabase, LicensesLoaders>): Promise<Connection<LicenseRecord>> {
  let matching = db.selectFrom('licenses');
  if (args.kind) matching = matching.where('kind', '=', args.kind);
  if (args.status) matching = matching.where('status', '=', args.status);
  return paginateByKey(args, {
    async fetchPage(afterKey, limit) {
      const page = matching.selectAll().orderBy('license_no').limit(limit);
      const licenses = (await (afterKey === null ? page : page.where('license_no', '>', afterKey)).execute()).map(toLicenseRecord);
      // The page's licenses are now known: later lookups in this request need not ask again.
      for (const license of licenses) loaders.license.prime(license.licenseNo, license);
      return licenses;
    },
    count: async () => (await matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
    keyOf: (license) => license.licenseNo,
  });
}
