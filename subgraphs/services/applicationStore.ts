import type { Kysely, Transaction } from 'kysely';
import { CODES, requestError } from '../kit';
import type { ApplicationStage, ServicesDatabase } from './database';
import type { ServicesLoaders } from './loaders';
import { toApplicationRecord, type ApplicationRecord } from './records';

type Db = Kysely<ServicesDatabase> | Transaction<ServicesDatabase>;

/** Appends the next step to an application's history; call inside the step's transaction. */
export async function appendEvent(
  trx: Transaction<ServicesDatabase>,
  applicationId: string,
  stage: ApplicationStage,
  actor: string,
  at: string,
  comment: string | null,
): Promise<void> {
  const last = await trx
    .selectFrom('application_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  await trx
    .insertInto('application_events')
    .values({ application_id: applicationId, seq: Number(last?.seq ?? 0) + 1, stage, actor, at, comment })
    .execute();
}

/** The application as stored now; BAD_USER_INPUT when there is none. */
export async function readApplication(db: Db, id: string): Promise<ApplicationRecord> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw requestError(CODES.BAD_USER_INPUT, `There is no application ${id}.`, { argument: 'id' });
  return toApplicationRecord(row);
}

/**
 * After a write, this request's loaders must not serve what they cached before it (a
 * document may run several mutations on the same application).
 */
export function refreshLoaders(loaders: ServicesLoaders, application: ApplicationRecord): ApplicationRecord {
  loaders.application.clear(application.id).prime(application.id, application);
  loaders.eventsOfApplication.clear(application.id);
  loaders.feedback.clear(application.id);
  loaders.detailsOfApplication.clear(application.id);
  loaders.writeBacksOfApplication.clear(application.id);
  loaders.applicationsOfApplicant.clear(application.applicantIdNumber);
  return application;
}
