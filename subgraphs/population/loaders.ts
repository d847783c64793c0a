import type { Kysely } from 'kysely';
import { createEntityLoader } from '../kit';
import type { PersonRow, PopulationDatabase } from './database';

/** Per-request loaders: each batch of keys is one SQL statement. */
export function createLoaders(db: Kysely<PopulationDatabase>) {
  return {
    personById: createEntityLoader<string, PersonRow>(
      (idNumbers) => db.selectFrom('persons').selectAll().where('id_number', 'in', idNumbers).execute(),
      (row) => row.id_number,
    ),
  };
}

export type PopulationLoaders = ReturnType<typeof createLoaders>;
