import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import { services } from '../../subgraphs/services';
import type { ApplicationsTable, FeedbackTable, ServicesDatabase } from '../../subgraphs/services/database';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';

let running: TestSubgraph;
let dataDir: string;
let db: Kysely<ServicesDatabase>;
/** Every seeded application, in id order. */
let applications: Selectable<ApplicationsTable>[];
let feedback: Selectable<FeedbackTable>[];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-services-'));
  // databaseUrl '' keeps this suite on SQLite even when DATABASE_URL is set. Reads never
  // ask the graph, so it points nowhere.
  running = await startTestSubgraph(services, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: { seed: 7, scale: 0.1 }, graphUrl: 'http://127.0.0.1:9/graphql' });
  db = running.database.db as Kysely<ServicesDatabase>;
  applications = await db.selectFrom('applications').selectAll().orderBy('id').execute();
  feedback = await db.selectFrom('feedback').selectAll().execute();
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function query<T = any>(document: string, variables?: Record<string, unknown>) {
  return running.request<T>(document, variables);
}

/** SQL statements the subgraph runs to answer one request that must succeed. */
async function statementsFor(document: string, variables?: Record<string, unknown>): Promise<number> {
  const before = running.database.statementCount();
  const { body } = await query(document, variables);
  expect(body.errors).toBeUndefined();
  return running.database.statementCount() - before;
}

const APPLICATION = 'id status submittedAt item { code name } applicant { idNumber } enterprise { creditCode } events { stage actor at comment } feedback { rating comment at }';
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Application { ${APPLICATION} } ... on Person { idNumber applications { id status events { stage } feedback { rating } } } ... on ServiceItem { code name department requiredLicenses timeLimitDays } } }`;

describe('Query.serviceItems', () => {
  it('seeded catalog → 40 items in code order with their required licenses', async () => {
    const { body } = await query('{ serviceItems { code name department requiredLicenses timeLimitDays } }');
    expect(body.data.serviceItems).toHaveLength(40);
    expect(body.data.serviceItems[0]).toEqual({
      code: 'SI-0001',
      name: '食品经营许可证核发',
      department: '市场监督管理局',
      requiredLicenses: ['BUSINESS_LICENSE'],
      timeLimitDays: 20,
    });
  });
});

describe('Query.application', () => {
  it('completed application with feedback → its item, parties, history and feedback as stored', async () => {
    const given = feedback.find((f) => applications.find((a) => a.id === f.application_id)!.status === 'COMPLETED')!;
    const row = applications.find((a) => a.id === given.application_id)!;
    const events = await db.selectFrom('application_events').selectAll().where('application_id', '=', row.id).orderBy('seq').execute();
    const { body } = await query(`query ($id: ID!) { application(id: $id) { ${APPLICATION} } }`, { id: row.id });
    expect(body.data.application).toMatchObject({
      id: row.id,
      status: 'COMPLETED',
      submittedAt: row.submitted_at,
      item: { code: row.item_code },
      applicant: { idNumber: row.applicant_id_number },
      enterprise: row.enterprise_credit_code === null ? null : { creditCode: row.enterprise_credit_code },
      events: events.map((e) => ({ stage: e.stage, actor: e.actor, at: e.at, comment: e.comment })),
      feedback: { rating: given.rating, comment: given.comment, at: given.at },
    });
  });

  it('unknown id → null, no error', async () => {
    const { body } = await query('{ application(id: "APP-1999-000001") { id } }');
    expect(body).toEqual({ data: { application: null } });
  });
});

describe('entities', () => {
  it('Application and ServiceItem references → resolved', async () => {
    const { body } = await query(ENTITIES, {
      r: [
        { __typename: 'Application', id: applications[0].id },
        { __typename: 'ServiceItem', code: 'SI-0022' },
      ],
    });
    expect(body.data._entities[0].id).toBe(applications[0].id);
    expect(body.data._entities[1]).toEqual({ code: 'SI-0022', name: '机动车驾驶证换证', department: '公安局交通管理局', requiredLicenses: ['DRIVING_LICENSE'], timeLimitDays: 1 });
  });

  it('Person.applications → that person’s applications, oldest first', async () => {
    const applicant = applications[0].applicant_id_number;
    const own = applications.filter((a) => a.applicant_id_number === applicant).sort((a, b) => a.submitted_at.localeCompare(b.submitted_at));
    const { body } = await query(ENTITIES, { r: [{ __typename: 'Person', idNumber: applicant }] });
    expect(body.data._entities[0].applications.map((a: any) => a.id)).toEqual(own.map((a) => a.id));
  });

  it('100 Application references with item, events and feedback → as many SQL statements as 10, at most one per loader', async () => {
    const representations = (n: number) => ({ r: applications.slice(0, n).map((a) => ({ __typename: 'Application', id: a.id })) });
    const ten = await statementsFor(ENTITIES, representations(10));
    const hundred = await statementsFor(ENTITIES, representations(100));
    expect(hundred).toBe(ten);
    expect(hundred).toBeLessThanOrEqual(4);
  });

  it('Person.applications with events for every applicant → as many SQL statements as for 5 applicants', async () => {
    const applicants = [...new Set(applications.map((a) => a.applicant_id_number))];
    expect(applicants.length).toBeGreaterThan(50);
    const representations = (list: string[]) => ({ r: list.map((idNumber) => ({ __typename: 'Person', idNumber })) });
    const five = await statementsFor(ENTITIES, representations(applicants.slice(0, 5)));
    expect(await statementsFor(ENTITIES, representations(applicants))).toBe(five);
  });
});
