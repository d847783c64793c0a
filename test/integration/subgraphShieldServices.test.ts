import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Kysely, Selectable } from 'kysely';
import type { Reader } from '../../policies';
import { seedWorld } from '../../subgraphs/kit';
import { services } from '../../subgraphs/services';
import type { ApplicationsTable, ServicesDatabase } from '../../subgraphs/services/database';
import { ALLOW, DENY, citizen, fakePolicySet, startTestSubgraph, STAFF, type FakeRule, type TestSubgraph } from '../support/gatewayTokens';

const SEED = { seed: 7, scale: 0.1 };
const GRAPH_TOKEN = 'service-token-for-tests';
/** What SI-0026 (a household move) requires an application to carry. */
const NEW_ADDRESS = [{ name: 'newAddress', value: '北京市东城区景山街道人民路18号' }];

/**
 * Citizens may follow any application's id, events and feedback links, but see its status
 * and the events' and feedback's contents only when the application is theirs (events and
 * feedback inherit its owner); they may not accept applications. Staff see and do everything.
 */
function servicesRule(coordinate: string, { identity }: Reader): FakeRule | undefined {
  if (!identity?.roles.includes('citizen')) return undefined;
  if (coordinate === 'Mutation.acceptApplication') return { others: DENY };
  if (coordinate === 'Application.status' || /^(ApplicationEvent|Feedback)\./.test(coordinate)) return { others: DENY, own: ALLOW };
  return undefined;
}

/** A stand-in gateway that says every person exists and remembers each Authorization header. */
function startRecordingGraph(): Promise<{ url: string; authorizations: (string | undefined)[]; close(): Promise<void> }> {
  const authorizations: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    req.resume().on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { person: { idNumber: 'x' } } }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
        authorizations,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ),
  );
}

let running: TestSubgraph;
let graph: Awaited<ReturnType<typeof startRecordingGraph>>;
let dataDir: string;
let db: Kysely<ServicesDatabase>;
/** A seeded application that has feedback, and its applicant. */
let application: Selectable<ApplicationsTable>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-shield-services-'));
  graph = await startRecordingGraph();
  running = await startTestSubgraph(services, {
    port: 0,
    dataDir,
    databaseUrl: null,
    seedIfEmpty: SEED,
    graphUrl: graph.url,
    graphToken: GRAPH_TOKEN,
    policies: fakePolicySet(servicesRule, ['Application.id', 'Person.idNumber']),
  });
  db = running.database.db as Kysely<ServicesDatabase>;
  const { application_id } = await db.selectFrom('feedback').select('application_id').orderBy('application_id').executeTakeFirstOrThrow();
  application = await db.selectFrom('applications').selectAll().where('id', '=', application_id).executeTakeFirstOrThrow();
});

afterAll(async () => {
  await running?.close();
  await graph?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const HISTORY = 'query ($id: ID!) { application(id: $id) { status events { stage comment } feedback { rating } } }';
const SUBMIT = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id events { actor } } }';

describe('the gateway token in the context', () => {
  it("a staff token → the identity's sub recorded as the step's actor", async () => {
    const { body } = await running.request(SUBMIT, { input: { itemCode: 'SI-0026', applicantIdNumber: seedWorld(SEED).personIds[0], details: NEW_ADDRESS } }, STAFF);
    expect(body.errors).toBeUndefined();
    expect(body.data.submitApplication.events).toEqual([{ actor: STAFF.sub }]);
  });

  it('a check through the graph → sent with Authorization: Bearer <graphToken>', async () => {
    const before = graph.authorizations.length;
    await running.request(SUBMIT, { input: { itemCode: 'SI-0026', applicantIdNumber: seedWorld(SEED).personIds[1], details: NEW_ADDRESS } }, STAFF);
    expect(graph.authorizations.slice(before)).toEqual([`Bearer ${GRAPH_TOKEN}`]);
  });
});

describe('row-level self on services records', () => {
  it("the applicant → their application's status, events and feedback", async () => {
    const { body } = await running.request(HISTORY, { id: application.id }, citizen(application.applicant_id_number));
    expect(body.errors).toBeUndefined();
    expect(body.data.application).toMatchObject({ status: application.status, feedback: { rating: expect.any(Number) } });
    expect(body.data.application.events.length).toBeGreaterThan(0);
  });

  it("another citizen → FORBIDDEN on the application's fields", async () => {
    const { body } = await running.request(
      'query ($id: ID!) { application(id: $id) { status } }',
      { id: application.id },
      citizen(seedWorld(SEED).personIds.find((id) => id !== application.applicant_id_number)!),
    );
    expect(body.data.application).toBeNull();
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', coordinate: 'Application.status' }]);
  });

  it("another citizen → the application's events and feedback (inheriting its owner) FORBIDDEN", async () => {
    const { body } = await running.request(
      'query ($id: ID!) { application(id: $id) { id events { comment } feedback { comment } } }',
      { id: application.id },
      citizen(seedWorld(SEED).personIds.find((id) => id !== application.applicant_id_number)!),
    );
    expect(body.data.application.events.every((event: unknown) => event !== null)).toBe(true);
    expect(body.data.application.events.map((event: any) => event.comment)).toEqual(body.data.application.events.map(() => null));
    expect(body.data.application.feedback).toEqual({ comment: null });
    expect(new Set(body.errors?.map((e) => e.extensions?.coordinate))).toEqual(new Set(['ApplicationEvent.comment', 'Feedback.comment']));
  });

  it('a mutation the policy denies → FORBIDDEN, nothing written', async () => {
    const { id } = await db.selectFrom('applications').select('id').where('status', '=', 'SUBMITTED').orderBy('id').executeTakeFirstOrThrow();
    const { body } = await running.request('mutation ($id: ID!) { acceptApplication(id: $id) { id } }', { id }, citizen(application.applicant_id_number));
    expect(body.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', coordinate: 'Mutation.acceptApplication' }]);
    expect((await db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('SUBMITTED');
  });
});
