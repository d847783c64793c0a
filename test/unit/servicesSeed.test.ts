import type { Kysely, Selectable } from 'kysely';
import { migrateToLatest, openDatabase, seedWorld, type DepartmentDatabase, type SeedOptions } from '../../subgraphs/kit';
import { services } from '../../subgraphs/services';
import type { ApplicationEventsTable, ApplicationsTable, FeedbackTable, ServiceItemsTable, ServicesDatabase } from '../../subgraphs/services/database';
import { STAGES_TO_REACH } from '../../subgraphs/services/workflow';

const OPTIONS: SeedOptions = { seed: 7, scale: 0.1 };
const opened: DepartmentDatabase<ServicesDatabase>[] = [];

interface Seeded {
  items: Selectable<ServiceItemsTable>[];
  applications: Selectable<ApplicationsTable>[];
  events: Selectable<ApplicationEventsTable>[];
  feedback: Selectable<FeedbackTable>[];
}

/** A fresh in-memory services database seeded with `options`; every table's rows in key order. */
async function seeded(options: SeedOptions): Promise<Seeded> {
  const database = await openDatabase<ServicesDatabase>({ department: 'services', file: ':memory:' });
  opened.push(database);
  await migrateToLatest('services', database.db as Kysely<any>, services.migrations);
  await services.seed(database.db, options);
  const db = database.db;
  return {
    items: await db.selectFrom('service_items').selectAll().orderBy('code').execute(),
    applications: await db.selectFrom('applications').selectAll().orderBy('id').execute(),
    events: await db.selectFrom('application_events').selectAll().orderBy('application_id').orderBy('seq').execute(),
    feedback: await db.selectFrom('feedback').selectAll().orderBy('application_id').execute(),
  };
}

let data: Seeded;

beforeAll(async () => {
  data = await seeded(OPTIONS);
});

afterAll(async () => {
  await Promise.all(opened.map((database) => database.close()));
});

function eventsOf(id: string) {
  return data.events.filter((e) => e.application_id === id);
}

describe('services seed', () => {
  it('same seed and scale on a fresh database → identical rows', async () => {
    expect(await seeded(OPTIONS)).toEqual(data);
  });

  it('different seed → different applications', async () => {
    const other = await seeded({ ...OPTIONS, seed: 8 });
    expect(other.applications.map((a) => a.applicant_id_number)).not.toEqual(data.applications.map((a) => a.applicant_id_number));
  });

  it('scale up to 1 → the 40 catalog items, coded SI-0001 to SI-0040, with distinct names', () => {
    expect(data.items.map((i) => i.code)).toEqual(Array.from({ length: 40 }, (_, i) => `SI-${String(i + 1).padStart(4, '0')}`));
    expect(new Set(data.items.map((i) => i.name)).size).toBe(40);
  });

  it('service items → department, time limit and a JSON list of license kinds', () => {
    const kinds = ['BUSINESS_LICENSE', 'FOOD_OPERATION_PERMIT', 'DRIVING_LICENSE', 'MARRIAGE_CERTIFICATE'];
    const bad = data.items.filter((i) => !i.department || !(i.time_limit_days > 0) || !(JSON.parse(i.required_licenses) as string[]).every((k) => kinds.includes(k)));
    expect(bad).toEqual([]);
  });

  it('scale 2 → 80 items, the extra ones numbered variants of the catalog', async () => {
    const { items } = await seeded({ seed: 7, scale: 2 });
    expect(items).toHaveLength(80);
    expect(items[40].name).toBe(`${items[0].name}（办理项2）`);
  });

  it('writes as many applications as the seed volumes say, ids APP-2026-000001 on', () => {
    expect(data.applications).toHaveLength(seedWorld(OPTIONS).volumes.applications);
    expect(data.applications[0].id).toBe('APP-2026-000001');
    expect(data.applications.every((a) => /^APP-2026-\d{6}$/.test(a.id))).toBe(true);
  });

  it('every status → present among the applications', () => {
    expect(new Set(data.applications.map((a) => a.status))).toEqual(new Set(['SUBMITTED', 'ACCEPTED', 'APPROVED', 'REJECTED', 'COMPLETED']));
  });

  it('every application → the steps its status implies, then feedback only when given', () => {
    const wrong = data.applications.filter((a) => {
      const stages = eventsOf(a.id).map((e) => e.stage);
      const given = data.feedback.some((f) => f.application_id === a.id);
      return JSON.stringify(stages) !== JSON.stringify([...STAGES_TO_REACH[a.status], ...(given ? ['FEEDBACK'] : [])]);
    });
    expect(wrong).toEqual([]);
  });

  it('event timestamps → in order, the first one the submission time', () => {
    const wrong = data.applications.filter((a) => {
      const times = eventsOf(a.id).map((e) => e.at);
      return times[0] !== a.submitted_at || times.some((t, i) => i > 0 && t < times[i - 1]);
    });
    expect(wrong).toEqual([]);
  });

  it('feedback → only on COMPLETED or REJECTED applications, rated 1 to 5, on some COMPLETED ones', () => {
    const statusOf = new Map(data.applications.map((a) => [a.id, a.status]));
    expect(data.feedback.filter((f) => !['COMPLETED', 'REJECTED'].includes(statusOf.get(f.application_id)!) || f.rating < 1 || f.rating > 5)).toEqual([]);
    expect(data.feedback.some((f) => statusOf.get(f.application_id) === 'COMPLETED')).toBe(true);
  });

  it('applicants → persons of the seed world; enterprises → enterprises of the seed world', () => {
    const world = seedWorld(OPTIONS);
    expect(data.applications.filter((a) => !world.personIds.includes(a.applicant_id_number))).toEqual([]);
    const withEnterprise = data.applications.filter((a) => a.enterprise_credit_code !== null);
    expect(withEnterprise.length).toBeGreaterThan(0);
    expect(withEnterprise.filter((a) => !world.creditCodes.includes(a.enterprise_credit_code!))).toEqual([]);
  });

  it('items that concern an enterprise (e.g. 营业执照变更登记) → applications name one', () => {
    const code = data.items.find((i) => i.name === '营业执照变更登记')!.code;
    const person = data.items.find((i) => i.name === '户口迁移')!.code;
    expect(data.applications.filter((a) => a.item_code === code && a.enterprise_credit_code === null)).toEqual([]);
    expect(data.applications.filter((a) => a.item_code === person && a.enterprise_credit_code !== null)).toEqual([]);
  });
});
