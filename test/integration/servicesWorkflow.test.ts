import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { creditCodeCheckCharacter, formatResidentIdNumber, seedWorld } from '../../subgraphs/kit';
import { services } from '../../subgraphs/services';
import type { ServicesDatabase } from '../../subgraphs/services/database';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph';
import { startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';

const SEED = { seed: 7, scale: 0.1 };
const world = seedWorld(SEED);
const APPLICANT = world.personIds[0];
const ENTERPRISE = world.creditCodes[0];
/** Well-formed, but in no registry: seeded persons are born from 1940 on. */
const UNREGISTERED_ID = formatResidentIdNumber({ regionCode: '110101', birthDate: '1900-01-01', sequence: 1 });
const UNREGISTERED_CREDIT_CODE = `91110101MA0000000${creditCodeCheckCharacter('91110101MA0000000')}`;

let running: TestSubgraph;
let graph: FakeGraph;
let dataDir: string;
let db: Kysely<ServicesDatabase>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-services-workflow-'));
  graph = await startFakeGraph(world);
  // databaseUrl '' keeps this suite on SQLite even when DATABASE_URL is set.
  running = await startTestSubgraph(services, { port: 0, dataDir, databaseUrl: null, seedIfEmpty: SEED, graphUrl: graph.url });
  db = running.database.db as Kysely<ServicesDatabase>;
});

afterAll(async () => {
  await running?.close();
  await graph?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const APPLICATION = 'id status submittedAt item { code } applicant { idNumber } enterprise { creditCode } events { stage actor at comment } feedback { rating comment at }';
const SUBMIT = `mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { ${APPLICATION} } }`;
const ACCEPT = `mutation ($id: ID!) { acceptApplication(id: $id) { ${APPLICATION} } }`;
const DECIDE = `mutation ($id: ID!, $approve: Boolean!, $comment: String) { decideApplication(id: $id, approve: $approve, comment: $comment) { ${APPLICATION} } }`;
const COMPLETE = `mutation ($id: ID!) { completeApplication(id: $id) { ${APPLICATION} } }`;
const FEEDBACK = `mutation ($id: ID!, $rating: Int!, $comment: String) { leaveFeedback(id: $id, rating: $rating, comment: $comment) { ${APPLICATION} } }`;

/** Runs a mutation that must succeed; its one field's value. */
async function ok(document: string, variables: Record<string, unknown>): Promise<any> {
  const { body } = await running.request(document, variables);
  expect(body.errors).toBeUndefined();
  return Object.values(body.data!)[0];
}

/** Runs a mutation that must be refused; its one error. */
async function refused(document: string, variables: Record<string, unknown>) {
  const { body } = await running.request(document, variables);
  expect(body.data ?? null).toBeNull();
  expect(body.errors).toHaveLength(1);
  return body.errors![0];
}

function submit(input: Record<string, unknown> = {}) {
  return ok(SUBMIT, { input: { itemCode: 'SI-0026', applicantIdNumber: APPLICANT, details: [{ name: 'newAddress', value: '北京市东城区景山街道人民路18号' }], ...input } });
}

/** A new application brought to `status` through the API. */
async function applicationIn(status: 'SUBMITTED' | 'ACCEPTED' | 'APPROVED' | 'REJECTED' | 'COMPLETED' | 'FEEDBACK_GIVEN'): Promise<string> {
  const { id } = await submit();
  if (status === 'SUBMITTED') return id;
  await ok(ACCEPT, { id });
  if (status === 'ACCEPTED') return id;
  if (status === 'REJECTED') return (await ok(DECIDE, { id, approve: false })).id;
  await ok(DECIDE, { id, approve: true });
  if (status === 'APPROVED') return id;
  await ok(COMPLETE, { id });
  if (status === 'FEEDBACK_GIVEN') await ok(FEEDBACK, { id, rating: 4 });
  return id;
}

/** What a refused step must leave untouched, read back from the subgraph. */
async function stateOf(id: string) {
  const { body } = await running.request(`query ($id: ID!) { application(id: $id) { ${APPLICATION} } }`, { id });
  return body.data.application;
}

/** Rows in every table, to prove that a refused submission wrote nothing. */
async function rowCounts() {
  const count = async (table: 'applications' | 'application_events' | 'feedback' | 'application_counters') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { applications: await count('applications'), events: await count('application_events'), feedback: await count('feedback'), counters: await count('application_counters') };
}

describe('the workflow', () => {
  it('submit → accept → approve → complete → feedback: COMPLETED, one event per step in order, the feedback kept', async () => {
    const submitted = await submit({ enterpriseCreditCode: ENTERPRISE, comment: '网上申报' });
    expect(submitted).toMatchObject({ status: 'SUBMITTED', item: { code: 'SI-0026' }, applicant: { idNumber: APPLICANT }, enterprise: { creditCode: ENTERPRISE }, feedback: null });
    await ok(ACCEPT, { id: submitted.id });
    await ok(DECIDE, { id: submitted.id, approve: true, comment: '准予许可' });
    expect((await ok(COMPLETE, { id: submitted.id })).status).toBe('COMPLETED');
    const done = await ok(FEEDBACK, { id: submitted.id, rating: 5, comment: '很满意' });

    expect(done.status).toBe('COMPLETED');
    expect(done.events.map((e: any) => [e.stage, e.comment])).toEqual([
      ['SUBMIT', '网上申报'],
      ['ACCEPT', null],
      ['APPROVE', '准予许可'],
      ['COMPLETE', null],
      ['FEEDBACK', '很满意'],
    ]);
    const times = done.events.map((e: any) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(times[0]).toBe(done.submittedAt);
    expect(done.feedback).toEqual({ rating: 5, comment: '很满意', at: times[4] });
  });

  it('decide with approve false → REJECTED, with the reviewer comment on the REJECT event', async () => {
    const id = await applicationIn('ACCEPTED');
    const rejected = await ok(DECIDE, { id, approve: false, comment: '材料不全' });
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.events.at(-1)).toMatchObject({ stage: 'REJECT', comment: '材料不全' });
  });

  it('feedback on a REJECTED application → accepted', async () => {
    const id = await applicationIn('REJECTED');
    const after = await ok(FEEDBACK, { id, rating: 2 });
    expect(after).toMatchObject({ status: 'REJECTED', feedback: { rating: 2, comment: null } });
  });

  it('submission → a new id APP-<year>-NNNNNN that no seeded application has', async () => {
    const { id } = await submit();
    expect(id).toMatch(/^APP-\d{4}-\d{6}$/);
    expect(Number(id.slice(-6))).toBeGreaterThan(world.volumes.applications);
  });

  it('request without identity → steps recorded with actor anonymous', async () => {
    const id = await applicationIn('ACCEPTED');
    expect((await stateOf(id)).events.map((e: any) => e.actor)).toEqual(['anonymous', 'anonymous']);
  });

  it('two concurrent accepts of one application → exactly one succeeds, one ACCEPT event', async () => {
    const id = await applicationIn('SUBMITTED');
    const results = await Promise.all([running.request(ACCEPT, { id }), running.request(ACCEPT, { id })]);
    expect(results.map((r) => r.body.errors?.[0].extensions?.code ?? 'OK').sort()).toEqual(['INVALID_TRANSITION', 'OK']);
    expect((await stateOf(id)).events.map((e: any) => e.stage)).toEqual(['SUBMIT', 'ACCEPT']);
  });
});

describe('refused steps', () => {
  it.each([
    ['acceptApplication', 'ACCEPTED', ACCEPT, {}],
    ['acceptApplication', 'COMPLETED', ACCEPT, {}],
    ['decideApplication', 'SUBMITTED', DECIDE, { approve: true }],
    ['decideApplication', 'APPROVED', DECIDE, { approve: false }],
    ['completeApplication', 'SUBMITTED', COMPLETE, {}],
    ['completeApplication', 'ACCEPTED', COMPLETE, {}],
    ['completeApplication', 'REJECTED', COMPLETE, {}],
    ['leaveFeedback', 'SUBMITTED', FEEDBACK, { rating: 5 }],
    ['leaveFeedback', 'APPROVED', FEEDBACK, { rating: 5 }],
  ] as const)('%s on %s → INVALID_TRANSITION naming the status, nothing changed', async (_, status, document, extra) => {
    const id = await applicationIn(status);
    const before = await stateOf(id);
    const error = await refused(document, { id, ...extra });
    expect(error.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentStatus: status });
    expect(error.message).toContain(status);
    expect(await stateOf(id)).toEqual(before);
  });

  it('second feedback → INVALID_TRANSITION, the first feedback and the history unchanged', async () => {
    const id = await applicationIn('FEEDBACK_GIVEN');
    const before = await stateOf(id);
    const error = await refused(FEEDBACK, { id, rating: 1 });
    expect(error.extensions).toMatchObject({ code: 'INVALID_TRANSITION', currentStatus: 'COMPLETED' });
    expect(await stateOf(id)).toEqual(before);
    expect(before.events).toHaveLength(5);
  });

  it.each([0, 6])('rating %i → BAD_USER_INPUT, nothing changed', async (rating) => {
    const id = await applicationIn('COMPLETED');
    const before = await stateOf(id);
    const error = await refused(FEEDBACK, { id, rating });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await stateOf(id)).toEqual(before);
  });

  it('step on an unknown application → BAD_USER_INPUT', async () => {
    const error = await refused(ACCEPT, { id: 'APP-1999-000001' });
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('refused submissions', () => {
  async function expectNothingWritten(input: Record<string, unknown>, code: string, argument?: string) {
    const before = await rowCounts();
    const error = await refused(SUBMIT, { input: { itemCode: 'SI-0001', applicantIdNumber: APPLICANT, ...input } });
    expect(error.extensions).toMatchObject(argument ? { code, argument } : { code });
    expect(await rowCounts()).toEqual(before);
    return error;
  }

  it('unknown service item → BAD_USER_INPUT, nothing written', async () => {
    await expectNothingWritten({ itemCode: 'SI-9999' }, 'BAD_USER_INPUT', 'input.itemCode');
  });

  it('malformed applicant ID number → BAD_USER_INPUT without asking the graph, the number not echoed', async () => {
    const asked = graph.requests();
    const error = await expectNothingWritten({ applicantIdNumber: '11010119900101123' }, 'BAD_USER_INPUT', 'input.applicantIdNumber');
    expect(graph.requests()).toBe(asked);
    expect(error.message).not.toContain('11010119900101123');
  });

  it('malformed enterprise credit code → BAD_USER_INPUT, nothing written', async () => {
    await expectNothingWritten({ enterpriseCreditCode: '91110101MA00000000' }, 'BAD_USER_INPUT', 'input.enterpriseCreditCode');
  });

  it('applicant the population registry does not know → BAD_USER_INPUT, nothing written', async () => {
    await expectNothingWritten({ applicantIdNumber: UNREGISTERED_ID }, 'BAD_USER_INPUT', 'input.applicantIdNumber');
  });

  it('enterprise the market registry does not know → BAD_USER_INPUT, nothing written', async () => {
    await expectNothingWritten({ enterpriseCreditCode: UNREGISTERED_CREDIT_CODE }, 'BAD_USER_INPUT', 'input.enterpriseCreditCode');
  });

  it('graph unreachable → SERVICE_UNAVAILABLE, nothing written', async () => {
    graph.setAvailable(false);
    try {
      await expectNothingWritten({}, 'SERVICE_UNAVAILABLE');
    } finally {
      graph.setAvailable(true);
    }
  });
});
