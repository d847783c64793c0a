import { REVIEW_QUERY } from '../bench/benchQueries';
import { OFFICER, startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

/** The review of an application reads four departments in one query. */
describe('review query through the gateway', () => {
  let stack: Stack;
  let applicationId: string;

  beforeAll(async () => {
    stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.1 });
    const { body } = await stack.request('{ people(first: 100) { edges { node { applications { id enterprise { creditCode } } } } } }', {}, { as: OFFICER });
    expect(body.errors).toBeUndefined();
    const applications = body.data.people.edges.flatMap((e: any) => e.node.applications);
    applicationId = applications.find((a: any) => a.enterprise).id;
  });

  afterAll(() => stack?.close());

  it('returns the applicant, their licenses and the enterprise, each as its own department has it', async () => {
    const { status, body } = await stack.request(REVIEW_QUERY, { id: applicationId }, { as: OFFICER, purpose: 'application-review' });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const app = body.data.application;
    expect(app.id).toBe(applicationId);

    const person = await stack.subgraphRequest('population', 'query($id: ID!) { person(idNumber: $id) { name householdAddress } }', { id: app.applicant.idNumber });
    expect(app.applicant.name).toBe(person.body.data.person.name);
    expect(app.applicant.householdAddress).toBe(person.body.data.person.householdAddress);

    const held = await stack.subgraphRequest(
      'licenses',
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { licenses { licenseNo } } ... on Enterprise { licenses { licenseNo } } } }',
      {
        reps: [
          { __typename: 'Person', idNumber: app.applicant.idNumber },
          { __typename: 'Enterprise', creditCode: app.enterprise.creditCode },
        ],
      },
    );
    expect(app.applicant.licenses.map((l: any) => l.licenseNo)).toEqual(held.body.data._entities[0].licenses.map((l: any) => l.licenseNo));
    expect(app.enterprise.licenses.map((l: any) => l.licenseNo)).toEqual(held.body.data._entities[1].licenses.map((l: any) => l.licenseNo));

    const enterprise = await stack.subgraphRequest('market', 'query($c: ID!) { enterprise(creditCode: $c) { name status } }', { c: app.enterprise.creditCode });
    expect(app.enterprise.status).toBe(enterprise.body.data.enterprise.status);
    expect(app.enterprise.name).toBe(enterprise.body.data.enterprise.name);
  });

  it('listing 100 licenses with holders costs the same SQL statements per department as listing 10', async () => {
    const query = `query($n: Int) { licenses(first: $n) { edges { node { licenseNo holder { ... on Person { name householdAddress enterprises { name } } ... on Enterprise { name status } } } } } }`;
    const cost = async (n: number): Promise<Record<string, number>> => {
      const before = stack.statementCounts();
      const { body } = await stack.request(query, { n }, { as: OFFICER });
      expect(body.errors).toBeUndefined();
      expect(body.data.licenses.edges).toHaveLength(n);
      const after = stack.statementCounts();
      // Only the departments the query reads: services' write-back relay polls its outbox on its own clock.
      return Object.fromEntries(['licenses', 'population', 'market'].map((k) => [k, after[k] - before[k]]));
    };
    const ten = await cost(10);
    const hundred = await cost(100);
    expect(hundred).toEqual(ten);
    expect(Math.max(...Object.values(hundred))).toBeLessThanOrEqual(3);
  });
});
