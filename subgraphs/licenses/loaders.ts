import type { Kysely } from 'kysely';
import { createEntityLoader, createGroupLoader } from '../kit';
import type { HolderKind, LicensesDatabase } from './database';
import { toLicenseRecord } from './records';

export type LicensesLoaders = ReturnType<typeof createLoaders>;

/** Per-request loaders: each batch of keys costs one SQL statement. */
export function createLoaders(db: Kysely<LicensesDatabase>) {
  const byHolder = (holderKind: HolderKind) =>
    createGroupLoader(
      async (holderIds: readonly string[]) => {
        const rows = await db
          .selectFrom('licenses')
          .selectAll()
          .where('holder_kind', '=', holderKind)
          .where('holder_id', 'in', holderIds)
          .orderBy('issued_on')
          .orderBy('license_no')
          .execute();
        return rows.map(toLicenseRecord);
      },
      (license) => license.holderId,
    );

  return {
    license: createEntityLoader(
      async (licenseNos: readonly string[]) => {
        const rows = await db.selectFrom('licenses').selectAll().where('license_no', 'in', licenseNos).execute();
        return rows.map(toLicenseRecord);
      },
      (license) => license.licenseNo,
    ),
    licensesOfPerson: byHolder('PERSON'),
    licensesOfEnterprise: byHolder('ENTERPRISE'),
  };
}
