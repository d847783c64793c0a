import type { Kysely } from 'kysely';
import { createEntityLoader, createGroupLoader } from '../kit';
import type { ServicesDatabase } from './database';
import { toApplicationEventRecord, toApplicationRecord, toFeedbackRecord, toServiceItemRecord } from './records';
import { toWriteBackRecord } from './writeBack/writeBackRecord';

export type ServicesLoaders = ReturnType<typeof createLoaders>;

/** Per-request loaders: each batch of keys costs one SQL statement. */
export function createLoaders(db: Kysely<ServicesDatabase>) {
  return {
    serviceItem: createEntityLoader(
      async (codes: readonly string[]) => (await db.selectFrom('service_items').selectAll().where('code', 'in', codes).execute()).map(toServiceItemRecord),
      (item) => item.code,
    ),
    application: createEntityLoader(
      async (ids: readonly string[]) => (await db.selectFrom('applications').selectAll().where('id', 'in', ids).execute()).map(toApplicationRecord),
      (application) => application.id,
    ),
    applicationsOfApplicant: createGroupLoader(
      async (idNumbers: readonly string[]) =>
        (await db.selectFrom('applications').selectAll().where('applicant_id_number', 'in', idNumbers).orderBy('submitted_at').orderBy('id').execute()).map(toApplicationRecord),
      (application) => application.applicantIdNumber,
    ),
    eventsOfApplication: createGroupLoader(
      async (ids: readonly string[]) =>
        (await db.selectFrom('application_events').selectAll().where('application_id', 'in', ids).orderBy('application_id').orderBy('seq').execute()).map(toApplicationEventRecord),
      (event) => event.applicationId,
    ),
    feedback: createEntityLoader(
      async (ids: readonly string[]) => (await db.selectFrom('feedback').selectAll().where('application_id', 'in', ids).execute()).map(toFeedbackRecord),
      (feedback) => feedback.applicationId,
    ),
    detailsOfApplication: createGroupLoader(
      async (ids: readonly string[]) =>
        (await db.selectFrom('application_details').selectAll().where('application_id', 'in', ids).orderBy('application_id').orderBy('name').execute()).map((row) => ({
          applicationId: row.application_id,
          name: row.name,
          value: row.value,
        })),
      (detail) => detail.applicationId,
    ),
    writeBacksOfApplication: createGroupLoader(
      async (ids: readonly string[]) =>
        (await db.selectFrom('write_backs').selectAll().where('application_id', 'in', ids).orderBy('application_id').orderBy('n').execute()).map(toWriteBackRecord),
      (writeBack) => writeBack.applicationId,
    ),
  };
}
