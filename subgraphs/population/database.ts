/** The population registry's own tables, as Kysely sees them. */
export interface PersonsTable {
  /** 18-character resident ID number; the primary key. */
  id_number: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  /** YYYY-MM-DD, always the date encoded in id_number. */
  birth_date: string;
  ethnicity: string;
  household_address: string;
  phone: string | null;
}

export interface PopulationDatabase {
  persons: PersonsTable;
}

export type PersonRow = PersonsTable;
