import path from 'node:path';
import type { Identity } from '../../policies';
import { FileGrantStore } from '../../policies/grants';
import type { GraphQLResponse } from '../support/graphqlRequest';
import { startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

/**
 * Access applications and grants through the gateway: who may apply for what, who decides,
 * what approval publishes to the grant store, and revocation.
 */
const REVIEWER: Identity = { sub: 'staff-0002', roles: ['reviewer'], dept: 'market', clearance: 3 };
const ANALYST: Identity = { sub: 'staff-0047', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const POPULATION_OFFICER: Identity = { sub: 'officer-pop-1', roles: ['officer'], dept: 'population', clearance: 4 };
const MARKET_OFFICER: Identity = { sub: 'officer-mkt-1', roles: ['officer'], dept: 'market', clearance: 4 };
const POPULATION_CASEWORKER: Identity = { sub: 'staff-0100', roles: ['caseworker'], dept: 'population', clearance: 2 };
const CITIZEN: Identity = { sub: '110101194001291942', roles: ['citizen'], dept: null, clearance: 1 };

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const APPLICATION =
  'id applicant applicantDepartment provider coordinates purpose legalBasis until caseBound status appliedAt decidedAt decidedBy reason history { kind actor department at reason }';
const GRANT = 'id applicationId grantee provider coordinates purpose until caseBound approvedBy approvedAt status revokedAt revokedBy revokeReason';
const APPLY = `mutation Apply($input: AccessApplicationInput!) { applyForAccess(input: $input) { ${APPLICATION} } }`;
const DECIDE = `mutation Decide($id: ID!, $approve: Boolean!, $reason: String) { decideAccessApplication(id: $id, approve: $approve, reason: $reason) { ${APPLICATION} grant { ${GRANT} } } }`;
const REVOKE = `mutation Revoke($id: ID!, $reason: String!) { revokeGrant(id: $id, reason: $reason) { ${GRANT} } }`;
const APPLICATIONS = `query Applications($status: AccessApplicationStatus, $department: String) { accessApplications(status: $status, department: $department) { ${APPLICATION} } }`;
const GRANTS = `query Grants($department: String) { grants(department: $department) { ${GRANT} } }`;

/** The one error of a response: its extensions. */
function errorOf(body: GraphQLResponse['body']): Record<string, any> {
  expect(body.errors).toHaveLength(1);
  return body.errors![0].extensions!;
}

const HOUSEHOLD = { coordinates: ['Person.householdAddress'], purpose: 'application-review', legalBasis: '《行政许可法》第三十四条', until: inDays(30), caseBound: true };

describe('access applications and grants', () => {
  let stack: Stack;
  let store: FileGrantStore;
  const apply = (input: Record<string, unknown>, as: Identity | null = REVIEWER) => stack.request(APPLY, { input }, { as });
  const decide = (id: string, approve: boolean, reason: string | null, as: Identity = POPULATION_OFFICER) => stack.request(DECIDE, { id, approve, reason }, { as });
  const revoke = (id: string, reason: string, as: Identity = POPULATION_OFFICER) => stack.request(REVOKE, { id, reason }, { as });
  const applications = async (as: Identity, variables: Record<string, unknown> = {}) =>
    (await stack.request(APPLICATIONS, variables, { as })).body.data.accessApplications as any[];
  /** A fresh PENDING application by the reviewer for the household address. */
  const pending = async () => (await apply(HOUSEHOLD)).body.data.applyForAccess[0];
  /** A fresh application, approved by the population officer, and its grant. */
  const approved = async () => (await decide((await pending()).id, true, null)).body.data.decideAccessApplication;

  beforeAll(async () => {
    stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.05 });
    store = new FileGrantStore(path.join(stack.dataDir, 'grants.json'));
  });

  afterAll(async () => {
    await store?.close();
    await stack?.close();
  });

  describe('applying', () => {
    it('a staff member, conditional fields of one provider → one PENDING application with its APPLIED step', async () => {
      const { body } = await apply(HOUSEHOLD);
      expect(body.errors).toBeUndefined();
      expect(body.data.applyForAccess).toEqual([
        {
          id: expect.stringMatching(/^AA-\d{6}$/),
          applicant: 'staff-0002',
          applicantDepartment: 'market',
          provider: 'population',
          coordinates: ['Person.householdAddress'],
          purpose: 'application-review',
          legalBasis: '《行政许可法》第三十四条',
          until: HOUSEHOLD.until,
          caseBound: true,
          status: 'PENDING',
          appliedAt: expect.any(String),
          decidedAt: null,
          decidedBy: null,
          reason: null,
          history: [{ kind: 'APPLIED', actor: 'staff-0002', department: 'market', at: expect.any(String), reason: null }],
        },
      ]);
    });

    it('fields of two providers → one application per provider', async () => {
      const { body } = await apply({ ...HOUSEHOLD, coordinates: ['License.holder', 'Person.householdAddress', 'Person.phone'], purpose: 'statistics', caseBound: false }, ANALYST);
      expect(body.data.applyForAccess.map((a: any) => [a.provider, a.coordinates, a.applicantDepartment, a.caseBound])).toEqual([
        ['licenses', ['License.holder'], 'statistics', false],
        ['population', ['Person.householdAddress', 'Person.phone'], 'statistics', false],
      ]);
    });

    it('a field that is not shared → NOT_SHAREABLE naming it, and nothing written', async () => {
      const before = (await applications(REVIEWER)).length;
      const { body } = await apply({ ...HOUSEHOLD, coordinates: ['Person.householdAddress', 'Person.ethnicity'] });
      expect(errorOf(body)).toMatchObject({ code: 'NOT_SHAREABLE', coordinates: ['Person.ethnicity'] });
      expect(await applications(REVIEWER)).toHaveLength(before);
    });

    it('a field shared unconditionally → NO_APPLICATION_NEEDED naming it', async () => {
      const { body } = await apply({ ...HOUSEHOLD, coordinates: ['Person.householdAddress', 'Enterprise.name'] });
      expect(errorOf(body)).toMatchObject({ code: 'NO_APPLICATION_NEEDED', coordinates: ['Enterprise.name'] });
    });

    it('a coordinate the graph does not have → BAD_USER_INPUT naming it', async () => {
      const { body } = await apply({ ...HOUSEHOLD, coordinates: ['Person.shoeSize'] });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', coordinates: ['Person.shoeSize'] });
    });

    it('no coordinate → BAD_USER_INPUT', async () => {
      const { body } = await apply({ ...HOUSEHOLD, coordinates: [] });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.coordinates' });
    });

    it('a purpose the policies do not declare → BAD_USER_INPUT', async () => {
      const { body } = await apply({ ...HOUSEHOLD, purpose: 'curiosity' });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.purpose' });
    });

    it('until in the past → BAD_USER_INPUT', async () => {
      const { body } = await apply({ ...HOUSEHOLD, until: inDays(-1) });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.until' });
    });

    it('until beyond one year → BAD_USER_INPUT', async () => {
      const { body } = await apply({ ...HOUSEHOLD, until: inDays(367) });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.until' });
    });

    it('an empty legal basis → BAD_USER_INPUT', async () => {
      const { body } = await apply({ ...HOUSEHOLD, legalBasis: '  ' });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.legalBasis' });
    });

    it('a citizen → FORBIDDEN', async () => {
      const { body } = await apply(HOUSEHOLD, CITIZEN);
      expect(errorOf(body).code).toBe('FORBIDDEN');
    });

    it('anonymous → FORBIDDEN', async () => {
      // A small selection: the full one costs more than an anonymous caller's budget (COST_LIMIT_EXCEEDED, before the policy decides).
      const { body } = await stack.request('mutation Apply($input: AccessApplicationInput!) { applyForAccess(input: $input) { id } }', { input: HOUSEHOLD }, { as: null });
      expect(errorOf(body).code).toBe('FORBIDDEN');
    });
  });

  describe('deciding', () => {
    it("approval by an officer of the provider → APPROVED, with a grant carrying the application's terms", async () => {
      const application = await pending();
      const { body } = await decide(application.id, true, 'Needed to review licence applications.');
      expect(body.errors).toBeUndefined();
      const decided = body.data.decideAccessApplication;
      expect(decided).toMatchObject({ status: 'APPROVED', decidedBy: 'officer-pop-1', reason: 'Needed to review licence applications.' });
      expect(decided.history.map((step: any) => [step.kind, step.actor, step.department])).toEqual([
        ['APPLIED', 'staff-0002', 'market'],
        ['APPROVED', 'officer-pop-1', 'population'],
      ]);
      expect(decided.grant).toEqual({
        id: expect.stringMatching(/^G-\d{6}$/),
        applicationId: application.id,
        grantee: 'market',
        provider: 'population',
        coordinates: ['Person.householdAddress'],
        purpose: 'application-review',
        until: HOUSEHOLD.until,
        caseBound: true,
        approvedBy: 'officer-pop-1',
        approvedAt: decided.decidedAt,
        status: 'IN_FORCE',
        revokedAt: null,
        revokedBy: null,
        revokeReason: null,
      });
    });

    it('approval → the grant is in the grant store, exactly as the shared AccessGrant', async () => {
      const { grant } = await approved();
      const snapshot = await store.read();
      expect(snapshot.grants).toContainEqual({
        id: grant.id,
        applicationId: grant.applicationId,
        grantee: 'market',
        provider: 'population',
        coordinates: ['Person.householdAddress'],
        purpose: 'application-review',
        until: HOUSEHOLD.until,
        caseBound: true,
        approvedBy: 'officer-pop-1',
        approvedAt: grant.approvedAt,
      });
    });

    it("approval → the store's version grows", async () => {
      const before = (await store.read()).version;
      await approved();
      expect((await store.read()).version).toBeGreaterThan(before);
    });

    it('approval → myAccess of the grantee department shows the grant on the field', async () => {
      const { grant } = await approved();
      const { body } = await stack.request('{ myAccess(department: "population") { coordinate grants { id caseBound } } }', {}, { as: REVIEWER });
      const household = body.data.myAccess.find((entry: any) => entry.coordinate === 'Person.householdAddress');
      expect(household.grants).toContainEqual({ id: grant.id, caseBound: true });
    });

    it('refusal with a reason → REFUSED, the reason kept, no grant, nothing published', async () => {
      const application = await pending();
      const before = await store.read();
      const { body } = await decide(application.id, false, 'No legal basis for bulk access.');
      expect(body.data.decideAccessApplication).toMatchObject({ status: 'REFUSED', reason: 'No legal basis for bulk access.', grant: null });
      expect(body.data.decideAccessApplication.history.at(-1)).toMatchObject({ kind: 'REFUSED', actor: 'officer-pop-1', reason: 'No legal basis for bulk access.' });
      expect((await store.read()).version).toBe(before.version);
    });

    it('refusal without a reason → BAD_USER_INPUT, still PENDING', async () => {
      const application = await pending();
      const { body } = await decide(application.id, false, '  ');
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
      expect((await applications(REVIEWER)).find((a) => a.id === application.id).status).toBe('PENDING');
    });

    it('deciding twice → INVALID_TRANSITION with the current status', async () => {
      const application = await pending();
      await decide(application.id, false, 'Not now.');
      const { body } = await decide(application.id, true, null);
      expect(errorOf(body)).toMatchObject({ code: 'INVALID_TRANSITION', currentStatus: 'REFUSED' });
    });

    it('an officer of another department → FORBIDDEN, still PENDING', async () => {
      const application = await pending();
      const { body } = await decide(application.id, true, null, MARKET_OFFICER);
      expect(errorOf(body)).toMatchObject({ code: 'FORBIDDEN', department: 'population' });
      expect((await applications(REVIEWER)).find((a) => a.id === application.id).status).toBe('PENDING');
    });

    it('staff of the provider who are not officers → FORBIDDEN', async () => {
      const application = await pending();
      const { body } = await decide(application.id, true, null, POPULATION_CASEWORKER);
      expect(errorOf(body).code).toBe('FORBIDDEN');
    });

    it('an application that does not exist → BAD_USER_INPUT', async () => {
      const { body } = await decide('AA-999999', true, null);
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    });
  });

  describe('revoking', () => {
    it('revocation by an officer of the provider → REVOKED, with who, when and why', async () => {
      const { grant } = await approved();
      const { body } = await revoke(grant.id, 'The review programme ended.');
      expect(body.errors).toBeUndefined();
      expect(body.data.revokeGrant).toMatchObject({
        id: grant.id,
        status: 'REVOKED',
        revokedBy: 'officer-pop-1',
        revokeReason: 'The review programme ended.',
        revokedAt: expect.any(String),
      });
    });

    it('revocation → the grant is no longer in the grant store', async () => {
      const { grant } = await approved();
      expect((await store.read()).grants.map((g) => g.id)).toContain(grant.id);
      await revoke(grant.id, 'Misused.');
      expect((await store.read()).grants.map((g) => g.id)).not.toContain(grant.id);
    });

    it("revocation → a REVOKED step in the application's history", async () => {
      const { id, grant } = await approved();
      await revoke(grant.id, 'Misused.');
      const history = (await applications(POPULATION_OFFICER)).find((a) => a.id === id).history;
      expect(history.map((step: any) => [step.kind, step.actor, step.reason])).toEqual([
        ['APPLIED', 'staff-0002', null],
        ['APPROVED', 'officer-pop-1', null],
        ['REVOKED', 'officer-pop-1', 'Misused.'],
      ]);
    });

    it('revoking twice → INVALID_TRANSITION', async () => {
      const { grant } = await approved();
      await revoke(grant.id, 'Misused.');
      const { body } = await revoke(grant.id, 'Again.');
      expect(errorOf(body)).toMatchObject({ code: 'INVALID_TRANSITION', currentStatus: 'REVOKED' });
    });

    it('without a reason → BAD_USER_INPUT, still in force', async () => {
      const { grant } = await approved();
      const { body } = await revoke(grant.id, ' ');
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reason' });
      expect((await store.read()).grants.map((g) => g.id)).toContain(grant.id);
    });

    it('an officer of the grantee department → FORBIDDEN', async () => {
      const { grant } = await approved();
      const { body } = await revoke(grant.id, 'Not ours to keep.', MARKET_OFFICER);
      expect(errorOf(body).code).toBe('FORBIDDEN');
    });
  });

  describe('who sees which applications and grants', () => {
    it("the seed → a market reviewer's application for the household address waits for population", async () => {
      const waiting = await applications(POPULATION_OFFICER, { status: 'PENDING' });
      expect(waiting).toContainEqual(
        expect.objectContaining({
          id: 'AA-000001',
          applicant: 'staff-0002',
          applicantDepartment: 'market',
          provider: 'population',
          coordinates: ['Person.householdAddress'],
          status: 'PENDING',
        }),
      );
    });

    it("an officer → their department's, as provider and as applicant department, and no others", async () => {
      const mine = await applications(MARKET_OFFICER);
      expect(mine.length).toBeGreaterThan(0);
      for (const application of mine) expect([application.provider, application.applicantDepartment]).toContain('market');
    });

    it('other staff → only the applications they filed', async () => {
      await apply({ ...HOUSEHOLD, purpose: 'statistics' }, ANALYST);
      const own = await applications(ANALYST);
      expect(own.length).toBeGreaterThan(0);
      expect(new Set(own.map((application) => application.applicant))).toEqual(new Set(['staff-0047']));
    });

    it('status and department filters → only matching applications', async () => {
      const refused = await applications(POPULATION_OFFICER, { status: 'REFUSED', department: 'market' });
      expect(refused.length).toBeGreaterThan(0);
      for (const application of refused) expect(application).toMatchObject({ status: 'REFUSED', applicantDepartment: 'market' });
    });

    it("grants → the provider's officer and the applicant see the grant; another department's staff do not", async () => {
      const { grant } = await approved();
      const ids = async (as: Identity) => ((await stack.request(GRANTS, {}, { as })).body.data.grants as any[]).map((g) => g.id);
      expect(await ids(POPULATION_OFFICER)).toContain(grant.id);
      expect(await ids(MARKET_OFFICER)).toContain(grant.id);
      expect(await ids(REVIEWER)).toContain(grant.id);
      expect(await ids(ANALYST)).not.toContain(grant.id);
    });

    it('one application by id → null for someone who may not see it', async () => {
      const application = await pending();
      const { body } = await stack.request('query($id: ID!) { accessApplication(id: $id) { id } }', { id: application.id }, { as: ANALYST });
      expect(body.data.accessApplication).toBeNull();
    });
  });
});
