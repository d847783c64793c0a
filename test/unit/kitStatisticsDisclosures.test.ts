import type { Kysely } from 'kysely';
import { openDatabase, migrateToLatest, statisticsDisclosureRow, type DepartmentDatabase, type NewDisclosureRow } from '../../subgraphs/kit';
import { disclosuresOf } from '../../subgraphs/kit/disclosures/disclosureResolvers';
import { DISCLOSURES_TABLE } from '../../subgraphs/kit/disclosures/disclosuresTable';

/** A department's disclosure log with statistics rows (key and subject `*`): each resident's queries list them as their own. */
const RESIDENT = '110101198001010011';
const ANALYSIS = { sub: 'department:analysis', roles: ['caseworker'], dept: 'analysis', clearance: 2 };

let database: DepartmentDatabase<any>;
let db: Kysely<any>;

const read = (subject: string, requestId: string): NewDisclosureRow => ({
  disclosed_at: '2026-12-01T00:00:00.000Z',
  request_id: requestId,
  department: 'population',
  record_type: 'Person',
  record_key: subject,
  subject,
  reader_sub: 'staff-0001',
  reader_roles: '["caseworker"]',
  reader_dept: 'services',
  purpose: null,
  case_id: null,
  masked: 0,
  fields: '["name"]',
  // Explicit: in a multi-row INSERT Kysely sends NULL for a column one row leaves out.
  action: 'read',
});

beforeAll(async () => {
  database = await openDatabase({ department: 'population', file: ':memory:' });
  db = database.db;
  await migrateToLatest('population', db, {});
  const extract = { department: 'population', requestId: 'req-stat', identity: ANALYSIS, purpose: 'statistics', caseId: null };
  await db
    .insertInto(DISCLOSURES_TABLE)
    .values([
      read(RESIDENT, 'req-own'),
      read('110101198001010020', 'req-other'),
      statisticsDisclosureRow(extract, 'Person', ['division', 'count'], new Date('2026-12-02T00:00:00Z')),
      // A `*` row that is not a statistics row: listed for nobody.
      { ...read('*', 'req-odd'), record_key: '*' },
    ])
    .execute();
});

afterAll(async () => {
  await database?.close();
});

it("a resident's disclosures → their own rows and the statistics row, newest first, the latter under their ID number", async () => {
  const page = await disclosuresOf(db, RESIDENT, { first: 10 });
  expect(page.edges.map((e) => [e.node.request_id, e.node.subject, e.node.record_key, e.node.action])).toEqual([
    ['req-stat', RESIDENT, '*', 'statistics'],
    ['req-own', RESIDENT, RESIDENT, 'read'],
  ]);
  expect(Number(page.totalCount)).toBe(2);
});

it('a statistics row → reader, purpose and fields of the extract', async () => {
  const page = await disclosuresOf(db, RESIDENT, { first: 1 });
  expect(page.edges[0].node).toMatchObject({ reader_sub: ANALYSIS.sub, reader_dept: 'analysis', purpose: 'statistics', fields: '["division","count"]', record_type: 'Person' });
});
