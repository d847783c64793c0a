import type { Kysely } from 'kysely';
import { createEntityLoader, createGroupLoader } from '../kit';
import type { EnterpriseRow, MarketDatabase } from './database';

/** Per-request loaders: each batch of keys is one SQL statement. */
export function createLoaders(db: Kysely<MarketDatabase>) {
  return {
    enterpriseByCode: createEntityLoader<string, EnterpriseRow>(
      (creditCodes) => db.selectFrom('enterprises').selectAll().where('credit_code', 'in', creditCodes).execute(),
      (row) => row.credit_code,
    ),
    /** Enterprises by legal representative's ID number, each list in credit-code order. */
    enterprisesByRepresentative: createGroupLoader<string, EnterpriseRow>(
      (idNumbers) => db.selectFrom('enterprises').selectAll().where('legal_representative_id', 'in', idNumbers).orderBy('credit_code').execute(),
      (row) => row.legal_representative_id,
    ),
  };
}

export type MarketLoaders = ReturnType<typeof createLoaders>;
