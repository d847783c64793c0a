/**
 * Completion writes back, end to end through the gateway, in the embedded default (the outbox
 * polled, delivered over HTTP): a caseworker completes an application; the owning department
 * applies the write-back once under its write policy; the applicant sees it on the application
 * and in their update feed, and reads in the department's disclosure log which case changed
 * their record. Refusals (the write policy, an unknown person, a malformed event) are shown on
 * the application and write nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { licenses } from '../../subgraphs/licenses';
import { market } from '../../subgraphs/market';
import { population } from '../../subgraphs/population';
import { services } from '../../subgraphs/services';
import { POLICIES_DIR } from '../../policies';
import { seedWorld, type Identity } from '../../subgraphs/kit';
import { sealWriteBack } from '../../schema/contracts/writeBack';
import { listAuditFiles, type AuditRecord } from '../../gateway/audit';
import { eventually } from '../support/fakeWriteBackDepartment';
import { openSse, updateOf, type SseFrame } from '../support/sseClient';
import { writeBackEvent } from '../support/writeBackEvents';
import { startStack, type Stack } from '../support/startStack';

const SEED = { seed: 7, scale: 0.1 };
const world = seedWorld(SEED);
const COUNTER: Identity = { sub: 'staff-0101', roles: ['caseworker'], dept: 'services', clearance: 2 };
const REVIEWER: Identity = { sub: 'staff-0102', roles: ['reviewer'], dept: 'services', clearance: 3 };
const SERVICES_OFFICER: Identity = { sub: 'staff-0103', roles: ['officer'], dept: 'services', clearance: 4 };
const POPULATION_OFFICER: Identity = { sub: 'staff-0104', roles: ['officer'], dept: 'population', clearance: 4 };
const citizen = (idNumber: string): Identity => ({ sub: idNumber, roles: ['citizen'], dept: null, clearance: 1 });
const [MOVER, NEWLYWED, REFUSED_MOVER, GONE, MALFORMED] = world.personIds.slice(10, 15);
const NEW_ADDRESS = '上海市浦东新区花木街道锦绣路100号';

let stack: Stack;
let policiesDir: string;

beforeAll(async () => {
  // A copy of the policies the stack watches, so one test can take a write rule away.
  policiesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-policies-'));
  for (const file of fs.readdirSync(POLICIES_DIR).filter((name) => name.endsWith('.yaml'))) fs.copyFileSync(path.join(POLICIES_DIR, file), path.join(policiesDir, file));
  stack = await startStack({
    departments: [population, market, licenses, services],
    seed: SEED.seed,
    scale: SEED.scale,
    policiesDir,
    departmentEnv: { GOVGRAPH_WRITE_BACK_POLL_MS: '10', GOVGRAPH_WRITE_BACK_IDLE_POLL_MS: '100', GOVGRAPH_WRITE_BACK_RETRY_MS: '50' },
  });
});

afterAll(async () => {
  await stack?.close();
  fs.rmSync(policiesDir, { recursive: true, force: true });
});

async function ok(identity: Identity, document: string, variables: Record<string, unknown> = {}): Promise<any> {
  const { body } = await stack.request(document, variables, { as: identity });
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors ?? body));
  return body.data;
}

/** An application of `itemCode` taken to APPROVED through the graph, then completed. */
async function complete(itemCode: string, applicant: string, details: { name: string; value: string }[] = []): Promise<string> {
  const { submitApplication } = await ok(COUNTER, 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
    input: { itemCode, applicantIdNumber: applicant, details },
  });
  const id: string = submitApplication.id;
  await ok(COUNTER, 'mutation ($id: ID!) { acceptApplication(id: $id) { id } }', { id });
  await ok(REVIEWER, 'mutation ($id: ID!) { decideApplication(id: $id, approve: true) { id } }', { id });
  await ok(COUNTER, 'mutation ($id: ID!) { completeApplication(id: $id) { id status } }', { id });
  return id;
}

const WRITE_BACKS = 'query ($id: ID!) { application(id: $id) { writeBacks { id department event fields state reason record } } }';

/** The application's write-backs once none is pending. */
async function settled(id: string): Promise<any[]> {
  const data = await eventually(
    () => ok(SERVICES_OFFICER, WRITE_BACKS, { id }),
    (d) => d.application.writeBacks.length > 0 && d.application.writeBacks.every((w: { state: string }) => w.state !== 'PENDING'),
    10_000,
  );
  return data.application.writeBacks;
}

async function householdAddress(idNumber: string): Promise<string> {
  const data = await ok(POPULATION_OFFICER, 'query ($id: ID!) { person(idNumber: $id) { householdAddress } }', { id: idNumber });
  return data.person.householdAddress;
}

/** The hash of the policy files a department enforces now, from its /health. */
async function policiesInForce(department: string): Promise<string> {
  const health = (await (await fetch(stack.subgraphs[department].url.replace(/\/graphql$/, '/health'))).json()) as { policies: string };
  return health.policies;
}

describe('a household move completed in the graph', () => {
  let id: string;
  let before: string;

  beforeAll(async () => {
    before = await householdAddress(MOVER);
    id = await complete('SI-0026', MOVER, [{ name: 'newAddress', value: NEW_ADDRESS }]);
  });

  it('→ the population registry holds the new address within a second', async () => {
    const address = await eventually(
      () => householdAddress(MOVER),
      (value) => value === NEW_ADDRESS,
      1000,
    );
    expect({ before, after: address }).toEqual({ before: expect.not.stringMatching(NEW_ADDRESS), after: NEW_ADDRESS });
  });

  it('→ Application.writeBacks: APPLIED by population, the field written, the record', async () => {
    expect(await settled(id)).toEqual([
      {
        id: `${id}/1`,
        department: 'population',
        event: 'household-address-change',
        fields: ['Person.householdAddress'],
        state: 'APPLIED',
        reason: null,
        record: expect.stringMatching(/^Person /),
      },
    ]);
  });

  it('→ the applicant follows it: every status, then the write-back applied, in order', async () => {
    await settled(id);
    const data = await ok(citizen(MOVER), '{ myApplicationUpdates(first: 50) { updates { kind status application { id } writeBack { state department } } } }');
    const mine = data.myApplicationUpdates.updates.filter((u: any) => u.application.id === id);
    expect(mine.map((u: any) => (u.kind === 'STATUS' ? u.status : `${u.writeBack.department} ${u.writeBack.state}`))).toEqual([
      'SUBMITTED',
      'ACCEPTED',
      'APPROVED',
      'COMPLETED',
      'population PENDING',
      'population APPLIED',
    ]);
  });

  it('→ the applicant reads in the registry’s disclosure log that the case changed their address', async () => {
    await settled(id);
    const data = await ok(citizen(MOVER), '{ myDisclosures(first: 50) { edges { node { action caseId purpose fields requestId reader { dept } } } } }');
    const writes = data.myDisclosures.edges.map((e: any) => e.node).filter((n: any) => n.action === 'WRITE');
    expect(writes).toEqual([
      { action: 'WRITE', caseId: id, purpose: 'household-address-change', fields: ['householdAddress'], requestId: `${id}/1`, reader: { dept: 'services' } },
    ]);
  });
});

describe('a marriage registration completed in the graph', () => {
  it('→ licenses issues the marriage certificate to the applicant, once', async () => {
    const id = await complete('SI-0030', NEWLYWED);
    const [writeBack] = await settled(id);
    const data = await ok(citizen(NEWLYWED), '{ person(idNumber: "' + NEWLYWED + '") { licenses { licenseNo kind status } } }');
    const issued = data.person.licenses.filter((l: any) => `License ${l.licenseNo}` === writeBack.record);
    expect({ state: writeBack.state, issued }).toEqual({ state: 'APPLIED', issued: [{ licenseNo: expect.any(String), kind: 'MARRIAGE_CERTIFICATE', status: 'VALID' }] });
  });
});

describe('refusals', () => {
  it('population’s write policy no longer allows the address → REFUSED with the policy’s reason, the address unchanged', async () => {
    const file = path.join(policiesDir, 'population.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const before = await householdAddress(REFUSED_MOVER);
    const inForce = await policiesInForce('population');
    try {
      fs.writeFileSync(file, original.replace('events: [household-address-change]', 'events: [marriage-registration]'));
      // population decides on its write rules: wait until it enforces the changed file.
      await eventually(
        () => policiesInForce('population'),
        (hash) => hash !== inForce,
        10_000,
      );
      const id = await complete('SI-0026', REFUSED_MOVER, [{ name: 'newAddress', value: NEW_ADDRESS }]);
      const [writeBack] = await settled(id);
      expect({ state: writeBack.state, reason: writeBack.reason, address: await householdAddress(REFUSED_MOVER) }).toEqual({
        state: 'REFUSED',
        reason: expect.stringContaining('only on marriage-registration, not household-address-change'),
        address: before,
      });
    } finally {
      fs.writeFileSync(file, original);
      await eventually(
        () => policiesInForce('population'),
        (hash) => hash === inForce,
        10_000,
      );
    }
  });

  it('a person the registry no longer has → REFUSED: no resident with this ID number, nothing written', async () => {
    const populationDb = stack.subgraphs.population.database.db as Kysely<any>;
    const { submitApplication } = await ok(COUNTER, 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }', {
      input: { itemCode: 'SI-0026', applicantIdNumber: GONE, details: [{ name: 'newAddress', value: NEW_ADDRESS }] },
    });
    const id: string = submitApplication.id;
    await ok(COUNTER, 'mutation ($id: ID!) { acceptApplication(id: $id) { id } }', { id });
    await ok(REVIEWER, 'mutation ($id: ID!) { decideApplication(id: $id, approve: true) { id } }', { id });
    // Deregistered while the case was open.
    await populationDb.deleteFrom('persons').where('id_number', '=', GONE).execute();
    await ok(COUNTER, 'mutation ($id: ID!) { completeApplication(id: $id) { id } }', { id });
    const [writeBack] = await settled(id);
    const inbox = await populationDb.selectFrom('kit_write_backs').select(['state']).where('event_id', '=', `${id}/1`).execute();
    expect({
      state: writeBack.state,
      reason: writeBack.reason,
      inbox,
      remaining: (await populationDb.selectFrom('persons').select('id_number').where('id_number', '=', GONE).execute()).length,
    }).toEqual({
      state: 'REFUSED',
      reason: expect.stringContaining('no resident with this ID number'),
      inbox: [{ state: 'refused' }],
      remaining: 0,
    });
  });

  it('a malformed event in the outbox → REFUSED with what is wrong, nothing written', async () => {
    const id = await complete('SI-0030', MALFORMED);
    await settled(id);
    const licensesDb = stack.subgraphs.licenses.database.db as Kysely<any>;
    const certificates = () => licensesDb.selectFrom('licenses').select('license_no').where('holder_id', '=', MALFORMED).execute();
    const before = await certificates();
    // A second write-back for the same case, well signed but whose value is not a scalar.
    const servicesDb = stack.subgraphs.services.database.db as Kysely<any>;
    const event = writeBackEvent({
      id: `${id}/9`,
      department: 'licenses',
      applicationId: id,
      applicant: MALFORMED,
      action: 'issueLicense',
      target: { type: 'License', key: MALFORMED },
      values: { kind: { nested: true } as never },
    });
    const sealed = await sealWriteBack(event, stack.writeBackSigningKey);
    const [row] = await servicesDb.selectFrom('write_backs').selectAll().where('id', '=', `${id}/1`).execute();
    await servicesDb
      .insertInto('write_backs')
      .values({
        ...row,
        id: `${id}/9`,
        n: 9,
        sealed: JSON.stringify(sealed),
        state: 'pending',
        attempts: 0,
        reason: null,
        record: null,
        decided_seq: null,
        next_attempt_at: new Date(0).toISOString(),
        published_at: null,
        last_error: null,
      })
      .execute();
    const writeBacks = await eventually(
      () => ok(SERVICES_OFFICER, WRITE_BACKS, { id }).then((d) => d.application.writeBacks),
      (list: any[]) => list.find((w) => w.id === `${id}/9`)?.state === 'REFUSED',
      10_000,
    );
    expect({ reason: writeBacks.find((w: any) => w.id === `${id}/9`).reason, certificates: await certificates() }).toEqual({
      reason: expect.stringContaining('kind'),
      certificates: before,
    });
  });
});

describe('the applicant following /events, and the audit ledger', () => {
  const FOLLOWER = world.personIds[16];

  it('a completion → pushed to the applicant’s stream: COMPLETED, then the write-back APPLIED', async () => {
    const stream = await openSse(stack.gateway.url.replace(/\/graphql$/, '/events'), { authorization: `Bearer ${await stack.tokenFor(citizen(FOLLOWER))}` });
    try {
      const id = await complete('SI-0026', FOLLOWER, [{ name: 'newAddress', value: NEW_ADDRESS }]);
      const ofThis = (frame: SseFrame) => frame.event === 'application-update' && updateOf(frame).application.id === id;
      await stream.next((frame) => ofThis(frame) && updateOf(frame).status === 'COMPLETED', 5000);
      const applied = await stream.next((frame) => ofThis(frame) && updateOf(frame).writeBack?.state === 'APPLIED', 5000);
      expect(updateOf(applied)).toMatchObject({ kind: 'WRITE_BACK', writeBack: { department: 'population', fields: ['Person.householdAddress'], state: 'APPLIED' } });
    } finally {
      stream.close();
    }
  });

  it('an applied write-back → one audit record: the case, who completed it, the field written, ALLOW', async () => {
    const id = await complete('SI-0026', world.personIds[17], [{ name: 'newAddress', value: NEW_ADDRESS }]);
    await settled(id);
    const auditDir = path.join(stack.dataDir, 'audit');
    const records = await eventually(
      async () =>
        listAuditFiles(auditDir)
          .flatMap((file) => fs.readFileSync(path.join(auditDir, file), 'utf8').split('\n').filter(Boolean))
          .map((line) => JSON.parse(line) as AuditRecord)
          .filter((record) => record.requestId === `${id}/1`),
      (found) => found.length > 0,
      10_000,
    );
    expect(records).toEqual([
      expect.objectContaining({
        identity: expect.objectContaining({ sub: COUNTER.sub, dept: 'services' }),
        caseId: id,
        decisions: [{ coordinate: 'Person.householdAddress', decision: 'ALLOW' }],
        subgraphs: ['population'],
        outcome: { kind: 'ok' },
      }),
    ]);
  });
});
