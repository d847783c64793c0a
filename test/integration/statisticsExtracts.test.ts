import type { Kysely } from 'kysely';
import { formatResidentIdNumber, type Identity } from '../../subgraphs/kit';
import { licenses } from '../../subgraphs/licenses';
import { market } from '../../subgraphs/market';
import { population } from '../../subgraphs/population';
import { services } from '../../subgraphs/services';
import { citizen } from '../support/gatewayTokens';
import { startStack, type AsReader, type Stack } from '../support/startStack';

/**
 * The statistical extracts (issue 15): one root field per department that the analysis
 * center's service account reads under purpose statistics, and nobody else; each call logs
 * one STATISTICS row in the department's disclosure log, which every resident's log lists.
 */
const ANALYSIS: Identity = { sub: 'department:analysis', roles: ['caseworker'], dept: 'analysis', clearance: 2 };
const AS_ANALYSIS: AsReader = { as: ANALYSIS, purpose: 'statistics' };
const CASEWORKER: Identity = { sub: 'staff-0003', roles: ['caseworker'], dept: 'services', clearance: 2 };
const ANALYST: Identity = { sub: 'analyst-0001', roles: ['analyst'], dept: 'statistics', clearance: 3 };

const POPULATION = '{ populationStatisticsExtract { division sex birthYear count } }';
const MARKET = '{ enterpriseStatisticsExtract { creditCode kind status division establishedYear } }';
const LICENSES = '{ licenseStatisticsExtract { holderCreditCode kind status validUntil count } }';
const SERVICES = `query ($from: String!, $to: String!) {
  applicationStatisticsExtract(from: $from, to: $to) { item handlingDepartment month status division ageBand workingDays overdue rating count }
}`;
/** Born 1985-03-15: 39 on 2025-03-03, so 30-39. Not a seeded resident (the hand-checked applications are theirs). */
const APPLICANT = formatResidentIdNumber({ regionCode: '110101', birthDate: '1985-03-15', sequence: 901 });
/** The whole seed's year. */
const SEED_YEAR = { from: '2026-01-01', to: '2026-12-31' };

const EXTRACTS: ReadonlyArray<readonly [string, string, Record<string, unknown>]> = [
  ['populationStatisticsExtract', POPULATION, {}],
  ['enterpriseStatisticsExtract', MARKET, {}],
  ['licenseStatisticsExtract', LICENSES, {}],
  ['applicationStatisticsExtract', SERVICES, SEED_YEAR],
];

let stack: Stack;
const dbOf = (department: string) => stack.subgraphs[department].database.db as Kysely<any>;

/** Rows in a stable order, to compare as sets. */
const sorted = <T>(rows: T[]): T[] => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Counts rows by the key `keyOf` gives, as cells `{ ...key, count }`. */
function countBy<R, K extends object>(rows: R[], keyOf: (row: R) => K): (K & { count: number })[] {
  const cells = new Map<string, K & { count: number }>();
  for (const row of rows) {
    const key = keyOf(row);
    const id = JSON.stringify(key);
    const cell = cells.get(id);
    if (cell) cell.count += 1;
    else cells.set(id, { ...key, count: 1 });
  }
  return [...cells.values()];
}

beforeAll(async () => {
  stack = await startStack({ departments: [population, market, licenses, services] });
});

afterAll(async () => {
  await stack?.close();
});

describe('extract cells against the seeded rows', () => {
  it('populationStatisticsExtract → residents counted by ID-number division, registry sex and ID-number birth year', async () => {
    const { body } = await stack.request(POPULATION, {}, AS_ANALYSIS);
    expect(body.errors).toBeUndefined();
    const persons = await dbOf('population').selectFrom('persons').select(['id_number', 'gender']).execute();
    const expected = countBy(persons, (p: { id_number: string; gender: string }) => ({
      division: p.id_number.slice(0, 6),
      sex: p.gender === 'MALE' ? '1' : '2',
      birthYear: Number(p.id_number.slice(6, 10)),
    }));
    expect(sorted(body.data.populationStatisticsExtract)).toEqual(sorted(expected));
  });

  it('populationStatisticsExtract → sex agrees with the ID number’s 17th digit (odd "1", even "2")', async () => {
    const persons = await dbOf('population').selectFrom('persons').select(['id_number', 'gender']).execute();
    expect(persons.every((p: { id_number: string; gender: string }) => (Number(p.id_number[16]) % 2 === 1) === (p.gender === 'MALE'))).toBe(true);
  });

  it('enterpriseStatisticsExtract → one row per enterprise with the credit code’s positions 3–8 as division', async () => {
    const { body } = await stack.request(MARKET, {}, AS_ANALYSIS);
    expect(body.errors).toBeUndefined();
    const rows = await dbOf('market').selectFrom('enterprises').select(['credit_code', 'kind', 'status', 'established_on']).execute();
    const expected = rows.map((r: any) => ({
      creditCode: r.credit_code,
      kind: r.kind,
      status: r.status,
      division: r.credit_code.slice(2, 8),
      establishedYear: Number(r.established_on.slice(0, 4)),
    }));
    expect(sorted(body.data.enterpriseStatisticsExtract)).toEqual(sorted(expected));
    expect(expected.length).toBeGreaterThan(0);
  });

  it('licenseStatisticsExtract → enterprises’ licences one by one, persons’ licences counted by kind and status', async () => {
    const { body } = await stack.request(LICENSES, {}, AS_ANALYSIS);
    expect(body.errors).toBeUndefined();
    const rows = await dbOf('licenses').selectFrom('licenses').select(['holder_kind', 'holder_id', 'kind', 'status', 'valid_until']).execute();
    const ofEnterprises = rows
      .filter((r: any) => r.holder_kind === 'ENTERPRISE')
      .map((r: any) => ({ holderCreditCode: r.holder_id, kind: r.kind, status: r.status, validUntil: r.valid_until, count: 1 }));
    const ofPersons = countBy(
      rows.filter((r: any) => r.holder_kind === 'PERSON'),
      (r: any) => ({ holderCreditCode: null, kind: r.kind, status: r.status, validUntil: null }),
    );
    expect(ofPersons.length).toBeGreaterThan(0);
    expect(sorted(body.data.licenseStatisticsExtract)).toEqual(sorted([...ofEnterprises, ...ofPersons]));
  });

  it('applicationStatisticsExtract over the seed year → every application counted once, by item, department, month, status, division and rating', async () => {
    const { body } = await stack.request(SERVICES, SEED_YEAR, AS_ANALYSIS);
    expect(body.errors).toBeUndefined();
    const db = dbOf('services');
    const apps = await db
      .selectFrom('applications as a')
      .innerJoin('service_items as i', 'i.code', 'a.item_code')
      .leftJoin('feedback as f', 'f.application_id', 'a.id')
      .select(['a.item_code', 'i.handled_by', 'a.submitted_at', 'a.status', 'a.applicant_id_number', 'f.rating'])
      // 2026 in Beijing time: from 2025-12-31 16:00 UTC.
      .where('a.submitted_at', '>=', '2025-12-31T16:00:00.000Z')
      .where('a.submitted_at', '<', '2026-12-31T16:00:00.000Z')
      .execute();
    // Beijing month: eight hours ahead of UTC.
    const expected = countBy(apps, (a: any) => ({
      item: a.item_code,
      handlingDepartment: a.handled_by,
      month: new Date(Date.parse(a.submitted_at) + 8 * 3_600_000).toISOString().slice(0, 7),
      status: a.status,
      division: a.applicant_id_number.slice(0, 6),
      rating: a.rating === null ? null : Number(a.rating),
    }));
    const cells: any[] = body.data.applicationStatisticsExtract;
    const regrouped = countBy(
      cells.flatMap((c) => Array.from({ length: c.count }, () => c)),
      (c: any) => ({ item: c.item, handlingDepartment: c.handlingDepartment, month: c.month, status: c.status, division: c.division, rating: c.rating }),
    );
    expect(sorted(regrouped)).toEqual(sorted(expected));
    expect(cells.filter((c) => c.status !== 'COMPLETED').every((c) => c.workingDays === null)).toBe(true);
    expect(cells.filter((c) => c.status === 'COMPLETED').every((c) => Number.isInteger(c.workingDays))).toBe(true);
  });
});

describe('applicationStatisticsExtract on hand-checked applications', () => {
  /** An item with a time limit of its own, and a month no seeded application is in. */
  let item: { code: string; handled_by: string | null; time_limit_days: number };
  const RANGE = { from: '2025-03-01', to: '2025-03-31' };

  beforeAll(async () => {
    const db = dbOf('services');
    item = await db.selectFrom('service_items').select(['code', 'handled_by', 'time_limit_days']).orderBy('code').executeTakeFirstOrThrow();
    item.time_limit_days = Number(item.time_limit_days);
    const limit = item.time_limit_days;
    // Submitted Monday 2025-03-03 10:00 Beijing. In time: completed after `limit` working days; late: one working day more.
    const submitted = '2025-03-03T02:00:00.000Z';
    const afterWorkingDays = (n: number) => {
      let day = Date.parse(submitted);
      for (let counted = 0; counted < n;) {
        day += 86_400_000;
        const weekday = new Date(day + 8 * 3_600_000).getUTCDay();
        if (weekday !== 0 && weekday !== 6) counted += 1;
      }
      return new Date(day).toISOString();
    };
    const apps = [
      { id: 'APP-2025-900001', status: 'COMPLETED', completed: afterWorkingDays(limit) },
      { id: 'APP-2025-900002', status: 'COMPLETED', completed: afterWorkingDays(limit + 1) },
      // Still accepted, long past the limit at any extract time after 2025.
      { id: 'APP-2025-900003', status: 'ACCEPTED', completed: null },
      // Rejected: not completed, never overdue.
      { id: 'APP-2025-900004', status: 'REJECTED', completed: null },
    ];
    await db
      .insertInto('applications')
      .values(
        apps.map((a) => ({
          id: a.id,
          item_code: item.code,
          applicant_id_number: APPLICANT,
          enterprise_credit_code: null,
          status: a.status,
          submitted_at: submitted,
          updated_at: a.completed ?? submitted,
        })),
      )
      .execute();
    await db
      .insertInto('application_events')
      .values(apps.filter((a) => a.completed).map((a) => ({ application_id: a.id, seq: 4, stage: 'COMPLETE', actor: 'staff-0001', at: a.completed, comment: null })))
      .execute();
    await db.insertInto('feedback').values({ application_id: 'APP-2025-900001', rating: 5, comment: null, at: apps[0].completed }).execute();
  });

  it('completed within, completed one day over, open past the limit, rejected → their working days and overdue', async () => {
    const { body } = await stack.request(SERVICES, RANGE, AS_ANALYSIS);
    expect(body.errors).toBeUndefined();
    const common = { item: item.code, handlingDepartment: item.handled_by, month: '2025-03', division: '110101', ageBand: '30-39', count: 1 };
    expect(sorted(body.data.applicationStatisticsExtract)).toEqual(
      sorted([
        { ...common, status: 'COMPLETED', workingDays: item.time_limit_days, overdue: false, rating: 5 },
        { ...common, status: 'COMPLETED', workingDays: item.time_limit_days + 1, overdue: true, rating: null },
        { ...common, status: 'ACCEPTED', workingDays: null, overdue: true, rating: null },
        { ...common, status: 'REJECTED', workingDays: null, overdue: false, rating: null },
      ]),
    );
  });

  it('`to` before `from` → BAD_USER_INPUT', async () => {
    const { body } = await stack.request(SERVICES, { from: '2025-03-31', to: '2025-03-01' }, AS_ANALYSIS);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('a date that does not exist → BAD_USER_INPUT', async () => {
    const { body } = await stack.request(SERVICES, { from: '2025-02-30', to: '2025-03-01' }, AS_ANALYSIS);
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('who may read the extracts', () => {
  const codesOf = (body: { errors?: { extensions?: { code?: string } }[] }) => (body.errors ?? []).map((e) => e.extensions?.code);

  it.each(EXTRACTS)('%s as a caseworker of another department, purpose statistics → FORBIDDEN', async (field, query, variables) => {
    const { body } = await stack.request(query, variables, { as: CASEWORKER, purpose: 'statistics' });
    expect(body.data?.[field] ?? null).toBeNull();
    expect(codesOf(body)).toContain('FORBIDDEN');
  });

  it.each(EXTRACTS)('%s as an analyst, purpose statistics → FORBIDDEN', async (field, query, variables) => {
    const { body } = await stack.request(query, variables, { as: ANALYST, purpose: 'statistics' });
    expect(body.data?.[field] ?? null).toBeNull();
    expect(codesOf(body)).toContain('FORBIDDEN');
  });

  it.each(EXTRACTS)('%s as the analysis center without purpose statistics → FORBIDDEN', async (field, query, variables) => {
    const { body } = await stack.request(query, variables, { as: ANALYSIS });
    expect(body.data?.[field] ?? null).toBeNull();
    expect(codesOf(body)).toContain('FORBIDDEN');
  });

  it.each(EXTRACTS)('%s as the analysis center with purpose statistics → a list', async (field, query, variables) => {
    const { body } = await stack.request(query, variables, AS_ANALYSIS);
    expect(body.errors).toBeUndefined();
    expect(Array.isArray(body.data[field])).toBe(true);
  });
});

describe('the disclosure log', () => {
  const statisticsRows = (department: string) =>
    dbOf(department).selectFrom('kit_disclosures').selectAll().where('action', '=', 'statistics').orderBy('id').execute() as Promise<any[]>;

  it.each([
    ['population', 'Person', POPULATION, {}],
    ['market', 'Enterprise', MARKET, {}],
    ['licenses', 'License', LICENSES, {}],
    ['services', 'Application', SERVICES, SEED_YEAR],
  ] as const)('an extract of %s → exactly one STATISTICS row, key and subject *, reader the analysis center', async (department, recordType, query, variables) => {
    const before = (await statisticsRows(department)).length;
    const { body } = await stack.request(query, variables, AS_ANALYSIS);
    expect(body.errors).toBeUndefined();
    const rows = await statisticsRows(department);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      department,
      record_type: recordType,
      record_key: '*',
      subject: '*',
      reader_sub: ANALYSIS.sub,
      reader_dept: 'analysis',
      purpose: 'statistics',
    });
  });

  it("a population extract → a resident's myDisclosures lists it as STATISTICS, key *, under their own ID number", async () => {
    const { requestId } = await requestWithId(POPULATION, {}, AS_ANALYSIS);
    const id = (await dbOf('population').selectFrom('persons').select('id_number').orderBy('id_number').executeTakeFirstOrThrow()).id_number as string;
    const { body } = await stack.request(
      '{ myDisclosures(first: 50) { edges { node { requestId action recordType recordKey subject reader { sub dept } purpose fields } } } }',
      {},
      { as: citizen(id) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.myDisclosures.edges.map((e: any) => e.node)).toContainEqual({
      requestId,
      action: 'STATISTICS',
      recordType: 'Person',
      recordKey: '*',
      subject: id,
      reader: { sub: ANALYSIS.sub, dept: 'analysis' },
      purpose: 'statistics',
      fields: ['division', 'sex', 'birthYear', 'count'],
    });
  });

  it("a services extract → a resident's servicesDisclosures lists it too", async () => {
    const { requestId } = await requestWithId(SERVICES, SEED_YEAR, AS_ANALYSIS);
    const { body } = await stack.request('{ servicesDisclosures(first: 50) { edges { node { requestId action recordKey } } } }', {}, { as: citizen(APPLICANT) });
    expect(body.errors).toBeUndefined();
    expect(body.data.servicesDisclosures.edges.map((e: any) => e.node)).toContainEqual({ requestId, action: 'STATISTICS', recordKey: '*' });
  });
});

/** A request through the gateway, with the request id it was given (the disclosure rows carry it). */
async function requestWithId(query: string, variables: Record<string, unknown>, reader: AsReader) {
  const response = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.tokenFor(reader.as!)}`, ...(reader.purpose && { 'x-purpose': reader.purpose }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return { requestId: response.headers.get('x-request-id') };
}
