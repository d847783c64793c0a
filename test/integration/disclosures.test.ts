import { sql } from 'kysely';
import type { Identity } from '../../subgraphs/kit';
import { citizen } from '../support/gatewayTokens';
import { OFFICER, startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

/**
 * The disclosure log, through the gateway: each department records at source which of its
 * records a request was given; the population registry answers `myDisclosures` (a
 * resident's own) and `disclosures(subject)` (population officers), every other department
 * `<department>Disclosures(subject)` (a resident's own, or any resident's for its officers).
 */
const REVIEWER: Identity = { sub: 'staff-0002', roles: ['reviewer'], dept: 'market', clearance: 3 };
const CASEWORKER: Identity = { sub: 'staff-0003', roles: ['caseworker'], dept: 'services', clearance: 2 };
const MARKET_OFFICER: Identity = { sub: 'officer-0009', roles: ['officer'], dept: 'market', clearance: 4 };
const LICENSES_OFFICER: Identity = { sub: 'officer-0010', roles: ['officer'], dept: 'licenses', clearance: 4 };

const PERSON = 'query Person($id: ID!) { person(idNumber: $id) { name gender } }';
const MY_DISCLOSURES = `query Mine($first: Int, $after: String) {
  myDisclosures(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { disclosedAt requestId department recordType recordKey subject reader { sub roles dept } purpose caseId masked fields } }
  }
}`;
const DISCLOSURES = `query Of($subject: ID!) {
  disclosures(subject: $subject) { totalCount edges { node { requestId recordKey subject reader { sub dept } purpose } } }
}`;

describe('disclosure log', () => {
  let stack: Stack;
  let ids: string[];

  /** A read through the gateway; returns the body and the request id the gateway gave it. */
  async function read(query: string, variables: Record<string, unknown>, as: Identity, headers: Record<string, string> = {}) {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await stack.tokenFor(as)}`, ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as { data?: any; errors?: any[] } };
  }

  const nodesOf = (body: { data?: any }, field = 'myDisclosures') => body.data[field].edges.map((e: { node: any }) => e.node);

  beforeAll(async () => {
    stack = await startStack({ departments: KIT_DEPARTMENTS });
    const people = await stack.request('{ people(first: 6) { edges { node { idNumber } } } }', {}, { as: OFFICER });
    ids = people.body.data.people.edges.map((e: { node: { idNumber: string } }) => e.node.idNumber);
  });

  afterAll(async () => {
    await stack?.close();
  });

  it("a reviewer reads a person → the citizen's myDisclosures lists the read with reader, purpose, case and request id", async () => {
    const reviewed = await read(PERSON, { id: ids[0] }, REVIEWER, { 'x-purpose': 'application-review', 'x-case-id': 'APP-2026-000001' });
    expect(reviewed.body.errors).toBeUndefined();
    const mine = await read(MY_DISCLOSURES, {}, citizen(ids[0]));
    expect(mine.body.errors).toBeUndefined();
    expect(nodesOf(mine.body)).toContainEqual({
      disclosedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      requestId: reviewed.requestId,
      department: 'population',
      recordType: 'Person',
      recordKey: ids[0],
      subject: ids[0],
      reader: { sub: REVIEWER.sub, roles: ['reviewer'], dept: 'market' },
      purpose: 'application-review',
      caseId: 'APP-2026-000001',
      masked: false,
      fields: ['name', 'gender'],
    });
  });

  it('a caseworker reads a masked phone → the disclosure is flagged masked', async () => {
    const seen = await read('query P($id: ID!) { person(idNumber: $id) { phone householdAddress } }', { id: ids[1] }, CASEWORKER);
    expect(seen.body.errors).toBeUndefined();
    const mine = await read(MY_DISCLOSURES, {}, citizen(ids[1]));
    expect(nodesOf(mine.body).find((n: { requestId: string }) => n.requestId === seen.requestId)).toMatchObject({ masked: true, fields: ['phone', 'householdAddress'] });
  });

  it('a denied read (null + FORBIDDEN) → no disclosure', async () => {
    const denied = await read('query P($id: ID!) { person(idNumber: $id) { phone } }', { id: ids[2] }, citizen(ids[3]));
    expect(denied.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const theirs = await read(DISCLOSURES, { subject: ids[2] }, OFFICER);
    expect(theirs.body.data.disclosures.edges.map((e: { node: { requestId: string } }) => e.node.requestId)).not.toContain(denied.requestId);
  });

  it("a citizen's myDisclosures → only disclosures of their own records", async () => {
    await read(PERSON, { id: ids[0] }, REVIEWER, { 'x-purpose': 'application-review' });
    const mine = await read(MY_DISCLOSURES, { first: 100 }, citizen(ids[1]));
    const subjects = new Set(nodesOf(mine.body).map((n: { subject: string }) => n.subject));
    expect([...subjects]).toEqual([ids[1]]);
  });

  it("a citizen asking for another citizen's disclosures → FORBIDDEN, no data", async () => {
    const asked = await read(DISCLOSURES, { subject: ids[0] }, citizen(ids[1]));
    expect(asked.body.data).toEqual({ disclosures: null });
    expect(asked.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });

  it('an officer of another department asking for disclosures → FORBIDDEN', async () => {
    const asked = await read(DISCLOSURES, { subject: ids[0] }, MARKET_OFFICER);
    expect(asked.body.data).toEqual({ disclosures: null });
    expect(asked.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it("a population officer asks for any subject's disclosures → every read of that resident's record", async () => {
    const reviewed = await read(PERSON, { id: ids[4] }, REVIEWER, { 'x-purpose': 'application-review' });
    const asked = await read(DISCLOSURES, { subject: ids[4] }, OFFICER);
    expect(asked.body.errors).toBeUndefined();
    expect(asked.body.data.disclosures.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      requestId: reviewed.requestId,
      recordKey: ids[4],
      subject: ids[4],
      reader: { sub: REVIEWER.sub, dept: 'market' },
      purpose: 'application-review',
    });
  });

  it('myDisclosures pages newest first with cursors, without gaps or repeats', async () => {
    const requestIds: string[] = [];
    for (let i = 0; i < 5; i++) requestIds.push((await read(PERSON, { id: ids[5] }, REVIEWER, { 'x-purpose': 'application-review' })).requestId!);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const mine = await read(MY_DISCLOSURES, { first: 2, after }, citizen(ids[5]));
      const connection = mine.body.data.myDisclosures;
      expect(connection.totalCount).toBe(5);
      seen.push(...connection.edges.map((e: { node: { requestId: string } }) => e.node.requestId));
      expect(connection.pageInfo.hasNextPage).toBe(page < 2);
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual([...requestIds].reverse());
  });

  it('a page of 50 residents → 50 disclosures written in one INSERT', async () => {
    const population = stack.subgraphs.population.database;
    const writesBefore = population.disclosureWriteCount();
    const page = await read('{ people(first: 50) { edges { node { name } } } }', {}, CASEWORKER);
    expect(page.body.data.people.edges).toHaveLength(50);
    expect(population.disclosureWriteCount() - writesBefore).toBe(1);
    const rows = await population.db
      .selectFrom('kit_disclosures' as never)
      .selectAll()
      .where('request_id' as never, '=', page.requestId as never)
      .execute();
    expect(rows).toHaveLength(50);
  });

  it('a read of a license → a row in the licenses database, at source', async () => {
    const license = await stack.subgraphs.licenses.database.db
      .selectFrom('licenses' as never)
      .select(['license_no', 'holder_id'] as never[])
      .where('holder_kind' as never, '=', 'PERSON' as never)
      .limit(1)
      .executeTakeFirstOrThrow();
    const { license_no: licenseNo, holder_id: holderId } = license as { license_no: string; holder_id: string };
    const seen = await read('query L($no: ID!) { license(licenseNo: $no) { kind status } }', { no: licenseNo }, REVIEWER, { 'x-purpose': 'license-verification' });
    expect(seen.body.errors).toBeUndefined();
    const rows = await stack.subgraphs.licenses.database.db
      .selectFrom('kit_disclosures' as never)
      .selectAll()
      .where('request_id' as never, '=', seen.requestId as never)
      .execute();
    expect(rows).toEqual([
      expect.objectContaining({
        department: 'licenses',
        record_type: 'License',
        record_key: licenseNo,
        subject: holderId,
        reader_sub: REVIEWER.sub,
        reader_dept: 'market',
        purpose: 'license-verification',
        fields: JSON.stringify(['kind', 'status']),
      }),
    ]);
  });

  describe('licensesDisclosures', () => {
    const LICENSES_DISCLOSURES = `query Licenses($subject: ID) {
      licensesDisclosures(subject: $subject) { totalCount edges { node { requestId department recordType recordKey subject reader { sub dept } } } }
    }`;
    let licenseNo: string;
    let holderId: string;
    let caseworkerRead: string;

    const requestIdsOf = (body: { data?: any }) => body.data.licensesDisclosures.edges.map((e: { node: { requestId: string } }) => e.node.requestId);

    beforeAll(async () => {
      const license = await stack.subgraphs.licenses.database.db
        .selectFrom('licenses' as never)
        .select(['license_no', 'holder_id'] as never[])
        .where('holder_kind' as never, '=', 'PERSON' as never)
        .orderBy('license_no' as never, 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      ({ license_no: licenseNo, holder_id: holderId } = license as { license_no: string; holder_id: string });
      const seen = await read('query L($no: ID!) { license(licenseNo: $no) { kind status holder { __typename } } }', { no: licenseNo }, CASEWORKER);
      expect(seen.body.errors).toBeUndefined();
      caseworkerRead = seen.requestId!;
    });

    it("a caseworker read a resident's license → the resident's licensesDisclosures (no subject) lists it", async () => {
      const mine = await read(LICENSES_DISCLOSURES, {}, citizen(holderId));
      expect(mine.body.errors).toBeUndefined();
      expect(nodesOf(mine.body, 'licensesDisclosures')).toContainEqual({
        requestId: caseworkerRead,
        department: 'licenses',
        recordType: 'License',
        recordKey: licenseNo,
        subject: holderId,
        reader: { sub: CASEWORKER.sub, dept: 'services' },
      });
    });

    it('a citizen asks the registry and licenses in one request → each answers from its own log', async () => {
      const both = await read('{ myDisclosures { edges { node { department } } } licensesDisclosures { edges { node { department requestId } } } }', {}, citizen(holderId));
      expect(both.body.errors).toBeUndefined();
      expect(new Set(nodesOf(both.body).map((n: { department: string }) => n.department))).not.toContain('licenses');
      expect(nodesOf(both.body, 'licensesDisclosures')).toContainEqual({ department: 'licenses', requestId: caseworkerRead });
    });

    it('a citizen naming their own ID as subject → their own rows', async () => {
      const mine = await read(LICENSES_DISCLOSURES, { subject: holderId }, citizen(holderId));
      expect(mine.body.errors).toBeUndefined();
      expect(requestIdsOf(mine.body)).toContain(caseworkerRead);
    });

    it("a citizen asking for another resident's licensesDisclosures → FORBIDDEN, no data", async () => {
      const other = ids.find((id) => id !== holderId)!;
      const asked = await read(LICENSES_DISCLOSURES, { subject: holderId }, citizen(other));
      expect(asked.body.data).toEqual({ licensesDisclosures: null });
      expect(asked.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
    });

    it("a licenses officer asks for any resident's licensesDisclosures → that resident's rows", async () => {
      const asked = await read(LICENSES_DISCLOSURES, { subject: holderId }, LICENSES_OFFICER);
      expect(asked.body.errors).toBeUndefined();
      expect(requestIdsOf(asked.body)).toContain(caseworkerRead);
      expect(new Set(nodesOf(asked.body, 'licensesDisclosures').map((n: { subject: string }) => n.subject))).toEqual(new Set([holderId]));
    });

    it('a market officer asks for licensesDisclosures(subject) → FORBIDDEN, no data', async () => {
      const asked = await read(LICENSES_DISCLOSURES, { subject: holderId }, MARKET_OFFICER);
      expect(asked.body.data).toEqual({ licensesDisclosures: null });
      expect(asked.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });

    it('a population officer asks for licensesDisclosures(subject) → FORBIDDEN, no data', async () => {
      const asked = await read(LICENSES_DISCLOSURES, { subject: holderId }, OFFICER);
      expect(asked.body.data).toEqual({ licensesDisclosures: null });
      expect(asked.body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    });
  });

  it('the population database refuses writes → AUDIT_UNAVAILABLE and no data', async () => {
    const db = stack.subgraphs.population.database.db;
    await sql`pragma query_only = 1`.execute(db);
    try {
      const refused = await read(PERSON, { id: ids[0] }, REVIEWER, { 'x-purpose': 'application-review' });
      expect(refused.body.data?.person ?? null).toBeNull();
      expect(JSON.stringify(refused.body)).not.toContain('"name"');
      expect(refused.body.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'AUDIT_UNAVAILABLE', department: 'population' }) })]);
    } finally {
      await sql`pragma query_only = 0`.execute(db);
    }
  });
});
