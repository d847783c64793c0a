import type { Insertable, Kysely } from 'kysely';
import { createRandom, insertInChunks, seedWorld, type Random, type SeedOptions } from '../kit';
import type { ApplicationEventsTable, ApplicationsTable, ApplicationStage, ApplicationStatus, FeedbackTable, ServicesDatabase } from './database';
import { formatApplicationId } from './nextApplicationId';
import { catalogItem, serviceItemCode, type CatalogItem } from './serviceCatalog';
import { APPLICATION_STATUSES, STAGES_TO_REACH } from './workflow';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Seeds describe 2026 as of this instant rather than the clock, so the same options give the same rows. */
const AS_OF = Date.UTC(2026, 10, 1);
const YEAR_START = Date.UTC(2026, 0, 1);

const COMMENTS: Record<ApplicationStage, readonly (string | null)[]> = {
  SUBMIT: [null, '网上申报', '窗口申报', '自助终端申报'],
  ACCEPT: ['材料齐全，予以受理', '符合受理条件', null],
  APPROVE: ['符合法定条件，准予许可', '审核通过', null],
  REJECT: ['申请材料不符合法定形式', '不符合法定条件', '所需证照已过有效期', '申请事项不属于本机关职权范围'],
  COMPLETE: ['电子证照已发放', '证件已邮寄送达', '已窗口领取'],
  FEEDBACK: [null, '办事效率高', '工作人员态度很好', '等待时间较长', '希望简化材料'],
};

/**
 * Writes the service catalog and `volumes.applications` applications by persons of the
 * seed world, in every status, each with the history its status implies (timestamps in
 * order, none after AS_OF) and feedback on some closed cases.
 */
export async function seed(db: Kysely<ServicesDatabase>, options: SeedOptions): Promise<void> {
  const world = seedWorld(options);
  const items = Array.from({ length: world.volumes.serviceItems }, (_, i) => ({ code: serviceItemCode(i), ...catalogItem(i) }));
  const random = createRandom(options.seed, 'services.applications');

  const drafts = Array.from({ length: world.volumes.applications }, (_, i) => {
    // The first five take each status in turn, so that every status is present.
    const status = i < APPLICATION_STATUSES.length ? APPLICATION_STATUSES[i] : random.weighted({ SUBMITTED: 8, ACCEPTED: 8, APPROVED: 8, REJECTED: 8, COMPLETED: 68 });
    return { status, submittedAt: submittedAt(random, status), item: random.pick(items), order: i };
  });
  // Numbers follow submission time, as they would have been given out.
  drafts.sort((a, b) => a.submittedAt - b.submittedAt || a.order - b.order);

  const applications: Insertable<ApplicationsTable>[] = [];
  const events: Insertable<ApplicationEventsTable>[] = [];
  const feedback: Insertable<FeedbackTable>[] = [];
  drafts.forEach((draft, i) => {
    const id = formatApplicationId('2026', i + 1);
    const applicant = random.pick(world.personIds);
    const history = historyOf(random, draft.item, draft.status, draft.submittedAt, applicant);
    const given = giveFeedback(random, draft.status, history[history.length - 1].at, applicant);
    applications.push({
      id,
      item_code: draft.item.code,
      applicant_id_number: applicant,
      enterprise_credit_code: draft.item.concerns === 'ENTERPRISE' ? random.pick(world.creditCodes) : null,
      status: draft.status,
      submitted_at: iso(draft.submittedAt),
      updated_at: iso((given ?? history[history.length - 1]).at),
    });
    if (given) {
      history.push(given);
      feedback.push({ application_id: id, rating: given.rating, comment: given.comment, at: iso(given.at) });
    }
    history.forEach((event, seq) => events.push({ application_id: id, seq: seq + 1, stage: event.stage, actor: event.actor, at: iso(event.at), comment: event.comment }));
  });

  await db.transaction().execute(async (trx) => {
    const rows = items.map((it) => ({
      code: it.code,
      name: it.name,
      department: it.department,
      handled_by: it.handledBy,
      required_licenses: JSON.stringify(it.requiredLicenses),
      time_limit_days: it.timeLimitDays,
    }));
    await insertInChunks(rows, (chunk) => trx.insertInto('service_items').values(chunk).execute());
    await insertInChunks(applications, (chunk) => trx.insertInto('applications').values(chunk).execute());
    await insertInChunks(events, (chunk) => trx.insertInto('application_events').values(chunk).execute());
    await insertInChunks(feedback, (chunk) => trx.insertInto('feedback').values(chunk).execute());
    await trx.insertInto('application_counters').values({ year: '2026', last: applications.length }).execute();
  });
}

function iso(time: number): string {
  return new Date(time).toISOString();
}

function between(random: Random, from: number, to: number): number {
  return from + Math.floor(random.next() * (to - from));
}

/** Open cases are recent; closed ones leave room for every later step before AS_OF. */
function submittedAt(random: Random, status: ApplicationStatus): number {
  switch (status) {
    case 'SUBMITTED':
      return between(random, AS_OF - 10 * DAY, AS_OF - HOUR);
    case 'ACCEPTED':
      return between(random, AS_OF - 30 * DAY, AS_OF - 3 * DAY);
    case 'APPROVED':
    case 'REJECTED':
    case 'COMPLETED':
      return between(random, YEAR_START, AS_OF - 40 * DAY);
  }
}

interface SeedEvent {
  stage: ApplicationStage;
  actor: string;
  at: number;
  comment: string | null;
}

/** Steps of a case, each after the one before: acceptance within two days, decision within the time limit. */
function historyOf(random: Random, item: CatalogItem, status: ApplicationStatus, submitted: number, applicant: string): SeedEvent[] {
  const caseworker = `staff-${String(random.int(1, 60)).padStart(4, '0')}`;
  const reviewer = `staff-${String(random.int(61, 90)).padStart(4, '0')}`;
  let at = submitted;
  return STAGES_TO_REACH[status].map((stage) => {
    if (stage === 'ACCEPT') at += between(random, 10 * 60_000, 2 * DAY);
    if (stage === 'APPROVE' || stage === 'REJECT') at += between(random, HOUR, Math.min(item.timeLimitDays, 20) * DAY);
    if (stage === 'COMPLETE') at += between(random, HOUR, 3 * DAY);
    const actor = stage === 'SUBMIT' ? applicant : stage === 'APPROVE' || stage === 'REJECT' ? reviewer : caseworker;
    return { stage, actor, at, comment: random.pick(COMMENTS[stage]) };
  });
}

function giveFeedback(random: Random, status: ApplicationStatus, closedAt: number, applicant: string): (SeedEvent & { rating: number }) | null {
  if (status === 'COMPLETED' ? !random.chance(0.6) : status === 'REJECTED' ? !random.chance(0.25) : true) return null;
  const rating = Number(status === 'COMPLETED' ? random.weighted({ 5: 60, 4: 25, 3: 10, 2: 3, 1: 2 }) : random.weighted({ 5: 10, 4: 20, 3: 35, 2: 20, 1: 15 }));
  return { stage: 'FEEDBACK', actor: applicant, at: closedAt + between(random, HOUR, 7 * DAY), comment: random.pick(COMMENTS.FEEDBACK), rating };
}
