import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { seedWorld } from '../../subgraphs/kit';
import { licenses } from '../../subgraphs/licenses';
import type { LicensesDatabase } from '../../subgraphs/licenses/database';
import { sealWriteBack, type WriteBackEvent } from '../../schema/contracts/writeBack';
import type { WriteRequest } from '../../policies';
import { citizen, startTestSubgraph, type TestSubgraph } from '../support/gatewayTokens';
import { deliverWriteBack } from '../support/deliverWriteBack';
import { newSigningKey } from '../support/newSigningKey';
import { writeBackEvent, writePolicies } from '../support/writeBackEvents';

/**
 * The license library applies `issueLicense` write-backs sent to `POST /write-backs`: a license
 * to an enterprise (credit code) or a person (ID number), once per event, under its write policies.
 */
const KEY = newSigningKey().key;
const SEED = { seed: 7, scale: 0.05 };
const world = seedWorld(SEED);
const ENTERPRISE = world.creditCodes[0];
const PERSON = world.personIds[0];

let running: TestSubgraph;
let dataDir: string;
let db: Kysely<LicensesDatabase>;
let allow: (request: WriteRequest) => boolean;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-write-back-licenses-'));
  running = await startTestSubgraph(licenses, {
    port: 0,
    dataDir,
    databaseUrl: null,
    seedIfEmpty: SEED,
    policies: writePolicies((request) => allow(request)),
    writeBacks: { publicKey: KEY },
  });
  db = running.database.db as Kysely<LicensesDatabase>;
});

beforeEach(() => {
  allow = (request) => request.from === 'services' && ['License.kind', 'License.validUntil'].includes(request.coordinate);
});

afterAll(async () => {
  await running?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function issue(holder: string, values: WriteBackEvent['values'], overrides: Partial<WriteBackEvent> = {}): WriteBackEvent {
  return writeBackEvent({
    department: 'licenses',
    event: 'business-license-registration',
    action: 'issueLicense',
    target: { type: 'License', key: holder },
    values,
    applicant: PERSON,
    ...overrides,
  });
}

const deliver = async (event: WriteBackEvent) => deliverWriteBack(running.url, await sealWriteBack(event, KEY));
const licensesOf = (holder: string) => db.selectFrom('licenses').selectAll().where('holder_id', '=', holder).orderBy('license_no').execute();

describe('issueLicense over POST /write-backs', () => {
  it('a business license for an enterprise → 200 applied with the new number, the license valid from the day of completion', async () => {
    const event = issue(ENTERPRISE, { kind: 'BUSINESS_LICENSE' });
    const { status, body } = await deliver(event);
    expect([status, body.state, body.record]).toEqual([200, 'applied', { type: 'License', key: expect.stringMatching(/^EBL-2026-[0-9A-Z]{10}$/) }]);
    const row = await db.selectFrom('licenses').selectAll().where('license_no', '=', body.record.key).executeTakeFirstOrThrow();
    expect(row).toEqual({
      license_no: body.record.key,
      kind: 'BUSINESS_LICENSE',
      holder_kind: 'ENTERPRISE',
      holder_id: ENTERPRISE,
      issuer: expect.stringMatching(/市场监督管理局$/),
      issued_on: '2026-03-15',
      valid_until: null,
      status: 'VALID',
    });
  });

  it('the new license → served by Query.license', async () => {
    const { body: outcome } = await deliver(issue(ENTERPRISE, { kind: 'FOOD_OPERATION_PERMIT', validUntil: '2031-03-14' }));
    const { body } = await running.request('query ($no: ID!) { license(licenseNo: $no) { kind validUntil status holder { ... on Enterprise { creditCode } } } }', {
      no: outcome.record.key,
    });
    expect(body.data.license).toEqual({ kind: 'FOOD_OPERATION_PERMIT', validUntil: '2031-03-14', status: 'VALID', holder: { creditCode: ENTERPRISE } });
  });

  it('the same event delivered twice → the same outcome, one license', async () => {
    const event = issue(PERSON, { kind: 'DRIVING_LICENSE' }, { event: 'driving-license-issue' });
    const before = (await licensesOf(PERSON)).length;
    const first = await deliver(event);
    const again = await deliver(event);
    expect(again.body).toEqual(first.body);
    expect((await licensesOf(PERSON)).length).toBe(before + 1);
  });

  it('an invalid license kind → refused, nothing written', async () => {
    const before = await licensesOf(ENTERPRISE);
    const { body } = await deliver(issue(ENTERPRISE, { kind: 'FISHING_PERMIT' }));
    expect([body.state, body.reason]).toEqual(['refused', expect.stringMatching(/^invalid license kind/)]);
    expect(await licensesOf(ENTERPRISE)).toEqual(before);
  });

  it('a holder that is neither a credit code nor an ID number → refused', async () => {
    const { body } = await deliver(issue('ACME-0001', { kind: 'BUSINESS_LICENSE' }));
    expect([body.state, body.reason]).toEqual(['refused', 'holder is not a valid unified social credit code or resident ID number']);
  });

  it('a driving license for an enterprise → refused', async () => {
    const { body } = await deliver(issue(ENTERPRISE, { kind: 'DRIVING_LICENSE' }));
    expect([body.state, body.reason]).toEqual(['refused', 'a DRIVING_LICENSE is issued to a person, not to an enterprise']);
  });

  it('validUntil that is not a date → refused', async () => {
    const { body } = await deliver(issue(ENTERPRISE, { kind: 'FOOD_OPERATION_PERMIT', validUntil: '2031-02-30' }));
    expect([body.state, body.reason]).toEqual(['refused', 'validUntil is not a date (YYYY-MM-DD) on or after the day of issue']);
  });

  it('a field licenses does not write → refused naming it', async () => {
    allow = () => true;
    const { body } = await deliver(issue(ENTERPRISE, { kind: 'BUSINESS_LICENSE', status: 'REVOKED' }));
    expect([body.state, body.reason]).toEqual(['refused', 'licenses does not write License.status']);
  });

  it("the write policy does not allow validUntil → refused with the policy's why, nothing written", async () => {
    allow = (request) => request.coordinate === 'License.kind';
    const before = await licensesOf(ENTERPRISE);
    const { body } = await deliver(issue(ENTERPRISE, { kind: 'FOOD_OPERATION_PERMIT', validUntil: '2031-03-14' }));
    expect([body.state, body.reason]).toEqual(['refused', 'no write rule lets services write License.validUntil on business-license-registration']);
    expect(await licensesOf(ENTERPRISE)).toEqual(before);
  });

  it('a license issued to the applicant → their licensesDisclosures shows the write with the case', async () => {
    const event = issue(PERSON, { kind: 'MARRIAGE_CERTIFICATE' }, { event: 'marriage-registration' });
    const { body: outcome } = await deliver(event);
    const { body } = await running.request(
      '{ licensesDisclosures(first: 5) { edges { node { action recordType recordKey subject caseId purpose fields } } } }',
      {},
      citizen(PERSON),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.licensesDisclosures.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      action: 'WRITE',
      recordType: 'License',
      recordKey: outcome.record.key,
      subject: PERSON,
      caseId: event.applicationId,
      purpose: 'marriage-registration',
      fields: ['kind'],
    });
  });

  it('a license issued to an enterprise → the disclosure row has no subject', async () => {
    const event = issue(ENTERPRISE, { kind: 'BUSINESS_LICENSE' });
    await deliver(event);
    const rows = await (db as Kysely<any>).selectFrom('kit_disclosures').select(['subject', 'action']).where('request_id', '=', event.id).execute();
    expect(rows).toEqual([{ subject: null, action: 'write' }]);
  });
});
