import fs from 'node:fs';
import path from 'node:path';
import { listAuditFiles, type AuditRecord } from '../../gateway/audit';
import type { Identity } from '../../policies';
import { OFFICER, startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

/**
 * The flow the catalog exists for, through the gateway: a market reviewer is denied an
 * applicant's household address; applies; the population officer approves a case-bound
 * grant; the reviewer reads it for the applicant of a case under review that market handles,
 * not for anyone else, not in another department's case, not without naming the case, and
 * not once the case is decided. Expiry and
 * revocation each end access.
 */
const REVIEWER: Identity = { sub: 'staff-market-0007', roles: ['reviewer'], dept: 'market', clearance: 2 };
const POPULATION_OFFICER: Identity = { sub: 'officer-population-0001', roles: ['officer'], dept: 'population', clearance: 4 };
const CASEWORKER: Identity = { sub: 'staff-services-0002', roles: ['caseworker'], dept: 'services', clearance: 2 };
const PURPOSE = 'application-review';

const ADDRESS = 'query ($id: ID!) { person(idNumber: $id) { householdAddress } }';
const APPLY = `mutation ($input: AccessApplicationInput!) { applyForAccess(input: $input) { id status provider } }`;
const DECIDE = 'mutation ($id: ID!, $approve: Boolean!, $reason: String) { decideAccessApplication(id: $id, approve: $approve, reason: $reason) { status grant { id } } }';
const REVOKE = 'mutation ($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { status } }';
const SUBMIT = 'mutation ($input: SubmitApplicationInput!) { submitApplication(input: $input) { id } }';
const ACCEPT = 'mutation ($id: ID!) { acceptApplication(id: $id) { status } }';
const DECIDE_CASE = 'mutation ($id: ID!) { decideApplication(id: $id, approve: true, comment: "in order") { status } }';

let stack: Stack;

function auditRecordOf(requestId: string): AuditRecord {
  const dir = path.join(stack.dataDir, 'audit');
  const records = listAuditFiles(dir)
    .flatMap((file) => fs.readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as AuditRecord);
  const found = records.find((record) => record.requestId === requestId);
  if (!found) throw new Error(`no audit record for request ${requestId}`);
  return found;
}
let people: string[];

beforeAll(async () => {
  stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.1 });
  const { body } = await stack.request('{ people(first: 20) { edges { node { idNumber } } } }', {}, { as: OFFICER });
  expect(body.errors).toBeUndefined();
  people = body.data.people.edges.map((e: { node: { idNumber: string } }) => e.node.idNumber);
});

afterAll(() => stack?.close());

async function ok<T = any>(document: string, variables: Record<string, unknown>, as: Identity, purpose?: string): Promise<T> {
  const { body } = await stack.request(document, variables, { as, purpose });
  expect(body.errors).toBeUndefined();
  return Object.values(body.data)[0] as T;
}

/** A new case of `applicant` for an item `handledBy` handles, submitted and accepted at the counter: under review. */
async function acceptedCase(applicant: string, handledBy: string | null): Promise<string> {
  const items = await ok<{ code: string; handledBy: string | null; requiredDetails: { name: string }[] }[]>(
    '{ serviceItems { code handledBy requiredDetails { name } } }',
    {},
    CASEWORKER,
  );
  const item = items.find((it) => it.handledBy === handledBy);
  if (!item) throw new Error(`the seed has no service item handled by ${handledBy}`);
  // The facts the item's write-backs need (a household move's new address).
  const details = item.requiredDetails.map(({ name }) => ({ name, value: '北京市东城区景山街道人民路18号' }));
  const { id } = await ok<{ id: string }>(SUBMIT, { input: { itemCode: item.code, applicantIdNumber: applicant, details } }, CASEWORKER, 'service-acceptance');
  await ok(ACCEPT, { id }, CASEWORKER, 'service-acceptance');
  return id;
}

/** What the reviewer gets for a person's household address: the value, or the error code. */
async function readAddress(person: string, caseId?: string): Promise<string> {
  const { body } = await stack.request(ADDRESS, { id: person }, { as: REVIEWER, purpose: PURPOSE, caseId });
  if (body.errors?.length) return String(body.errors[0].extensions?.code);
  return body.data.person.householdAddress;
}

/** Applies as the reviewer and has the population officer approve; the grant id. */
async function grantApproved(input: { until: string; caseBound: boolean }): Promise<string> {
  const [application] = await ok<{ id: string; status: string }[]>(
    APPLY,
    { input: { coordinates: ['Person.householdAddress'], purpose: PURPOSE, legalBasis: 'Regulation on business registration, art. 12', ...input } },
    REVIEWER,
  );
  expect(application.status).toBe('PENDING');
  const decided = await ok<{ status: string; grant: { id: string } }>(
    DECIDE,
    { id: application.id, approve: true, reason: 'needed to verify the registered address' },
    POPULATION_OFFICER,
  );
  expect(decided.status).toBe('APPROVED');
  return decided.grant.id;
}

/** Polls until `read` gives `expected` (grants reach every instance within 2 s). */
async function eventually(read: () => Promise<string>, expected: (value: string) => boolean, withinMs = 2000): Promise<string> {
  const deadline = Date.now() + withinMs;
  let value = await read();
  while (!expected(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** The FORBIDDEN message the reviewer gets for a person's household address. */
async function denialOf(person: string, caseId?: string): Promise<string> {
  const { body } = await stack.request(ADDRESS, { id: person }, { as: REVIEWER, purpose: PURPOSE, caseId });
  expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  return body.errors![0].message;
}

const isAddress = (value: string) => value !== 'FORBIDDEN' && value.length > 0 && !value.includes('*');
const isForbidden = (value: string) => value === 'FORBIDDEN';

describe('a case-bound grant', () => {
  let caseId: string;
  let applicant: string;
  let outsider: string;
  /** A case of the same applicant, under review too, that another department handles. */
  let othersCase: string;
  /** One whose agency is not on the platform. */
  let offPlatformCase: string;

  beforeAll(async () => {
    [applicant, outsider] = [people[0], people[1]];
    caseId = await acceptedCase(applicant, 'market');
    othersCase = await acceptedCase(applicant, 'population');
    offPlatformCase = await acceptedCase(applicant, null);
  });

  it('before any grant: the reviewer is denied the applicant’s household address, even naming the case', async () => {
    expect(await readAddress(applicant, caseId)).toBe('FORBIDDEN');
  });

  describe('once approved', () => {
    beforeAll(async () => {
      await grantApproved({ until: new Date(Date.now() + 30 * 86_400_000).toISOString(), caseBound: true });
    });

    it('the applicant of the case under review → the address, within 2 s of approval', async () => {
      const address = await eventually(() => readAddress(applicant, caseId), isAddress);
      const registered = await stack.request(ADDRESS, { id: applicant }, { as: OFFICER });
      expect(address).toBe(registered.body.data.person.householdAddress);
    });

    it('a person outside the case → FORBIDDEN', async () => {
      expect(await readAddress(outsider, caseId)).toBe('FORBIDDEN');
    });

    it('a person outside the case → the error says the record is not a party to the case', async () => {
      expect(await denialOf(outsider, caseId)).toMatch(
        new RegExp(
          `^The policies do not let this reader see Person.householdAddress: grant G-\\d+ reads only the parties of a case under review .*; this record is not a party to case ${caseId}\\.$`,
        ),
      );
    });

    it('the applicant’s case another department handles → FORBIDDEN', async () => {
      await eventually(() => readAddress(applicant, caseId), isAddress);
      expect(await readAddress(applicant, othersCase)).toBe('FORBIDDEN');
    });

    it('the applicant’s case another department handles → the error says market does not handle it', async () => {
      expect(await denialOf(applicant, othersCase)).toContain(`case ${othersCase} is not handled by market`);
    });

    it('the applicant’s case an agency off the platform handles → FORBIDDEN', async () => {
      await eventually(() => readAddress(applicant, caseId), isAddress);
      expect(await readAddress(applicant, offPlatformCase)).toBe('FORBIDDEN');
    });

    it('the case not named → FORBIDDEN', async () => {
      expect(await readAddress(applicant)).toBe('FORBIDDEN');
    });

    it('the case not named → the error asks for X-Case-Id', async () => {
      expect(await denialOf(applicant)).toMatch(/: grant G-\d+ is bound to a service case: name the case in the X-Case-Id header\.$/);
    });

    it('a case that does not exist → the error says it could not be found', async () => {
      expect(await denialOf(applicant, 'APP-2026-999999')).toContain('case APP-2026-999999 could not be found or read');
    });

    it('another purpose declared → FORBIDDEN', async () => {
      const { body } = await stack.request(ADDRESS, { id: applicant }, { as: REVIEWER, purpose: 'statistics', caseId });
      expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('the audit record carries the case id and the grant', async () => {
      const response = await fetch(stack.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.tokenFor(REVIEWER)}`, 'x-purpose': PURPOSE, 'x-case-id': caseId },
        body: JSON.stringify({ query: ADDRESS, variables: { id: applicant } }),
      });
      expect(response.status).toBe(200);
      const record = auditRecordOf(response.headers.get('x-request-id')!);
      expect(record.caseId).toBe(caseId);
      expect(record.decisions.find((d: { coordinate: string }) => d.coordinate === 'Person.householdAddress')).toMatchObject({
        decision: 'DENY',
        caseParty: 'ALLOW',
        grant: expect.stringMatching(/^G-/),
      });
    });

    it('the case decided → FORBIDDEN again, saying the case is not under review', async () => {
      await ok(DECIDE_CASE, { id: caseId }, { ...REVIEWER, roles: ['reviewer'] }, PURPOSE);
      expect(await denialOf(applicant, caseId)).toContain(`case ${caseId} is not under review`);
    });
  });
});

describe('an open grant', () => {
  it('revoked → FORBIDDEN within 2 s', async () => {
    const person = people[2];
    const grant = await grantApproved({ until: new Date(Date.now() + 30 * 86_400_000).toISOString(), caseBound: false });
    expect(isAddress(await eventually(() => readAddress(person), isAddress))).toBe(true);
    await ok(REVOKE, { id: grant, reason: 'the inspection is over' }, POPULATION_OFFICER);
    expect(await eventually(() => readAddress(person), isForbidden)).toBe('FORBIDDEN');
  });

  it('past its until → FORBIDDEN, with nobody acting', async () => {
    const person = people[3];
    await grantApproved({ until: new Date(Date.now() + 3000).toISOString(), caseBound: false });
    expect(isAddress(await eventually(() => readAddress(person), isAddress))).toBe(true);
    expect(await eventually(() => readAddress(person), isForbidden, 6000)).toBe('FORBIDDEN');
  });
});
