import fs from 'node:fs';
import { applyMask, loadPolicySet, POLICIES_DIR, type MaskName } from '../../policies';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import type { Identity } from '../../subgraphs/kit';
import { startStack, type AsReader, type Stack } from '../support/startStack';

/**
 * The access matrix through the real HTTP gateway and the four real departments with the
 * shipped policies: identities × representative fields of every department → ALLOW, MASK
 * or DENY. Expected values come from what the platform promises (docs/officers.md, "Who sees
 * what", and policies/README.md, "What each role sees"), not from the engine; true values come
 * from each department's own database.
 */
type Expected = 'ALLOW' | 'DENY' | { mask: MaskName };

const CASEWORKER: Identity = { sub: 'staff-cw-01', roles: ['caseworker'], dept: 'services', clearance: 2 };
const REVIEWER: Identity = { sub: 'staff-rv-01', roles: ['reviewer'], dept: 'market', clearance: 3 };
const AUDITOR: Identity = { sub: 'staff-au-01', roles: ['auditor'], dept: 'audit', clearance: 3 };
const ANALYST: Identity = { sub: 'staff-an-01', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const citizen = (idNumber: string): Identity => ({ sub: idNumber, roles: ['citizen'], dept: null, clearance: 1 });

interface Subject {
  person: { idNumber: string; name: string; householdAddress: string; phone: string; ethnicity: string; gender: string };
  other: string;
  enterprise: { creditCode: string; name: string; registeredCapital: number };
  license: { licenseNo: string; status: string };
  application: { id: string; status: string };
}

let stack: Stack;
let subject: Subject;

beforeAll(async () => {
  stack = await startStack({ scale: 0.1 });
  const population = stack.subgraphs.population.database.db;
  const licenses = stack.subgraphs.licenses.database.db;
  const services = stack.subgraphs.services.database.db;
  const market = stack.subgraphs.market.database.db;
  // A resident with a phone, a license and an application: every department holds something of theirs.
  const applicants = await services.selectFrom('applications').select(['id', 'applicant_id_number', 'status']).orderBy('id').execute();
  for (const app of applicants) {
    const person = await population.selectFrom('persons').selectAll().where('id_number', '=', app.applicant_id_number).where('phone', 'is not', null).executeTakeFirst();
    const license = await licenses.selectFrom('licenses').selectAll().where('holder_id', '=', app.applicant_id_number).executeTakeFirst();
    if (!person || !license) continue;
    const other = await population.selectFrom('persons').select('id_number').where('id_number', '!=', person.id_number).executeTakeFirstOrThrow();
    const enterprise = await market.selectFrom('enterprises').selectAll().orderBy('credit_code').executeTakeFirstOrThrow();
    subject = {
      person: {
        idNumber: person.id_number,
        name: person.name,
        householdAddress: person.household_address,
        phone: person.phone!,
        ethnicity: person.ethnicity,
        gender: person.gender,
      },
      other: other.id_number,
      enterprise: { creditCode: enterprise.credit_code, name: enterprise.name, registeredCapital: enterprise.registered_capital },
      license: { licenseNo: license.license_no, status: license.status },
      application: { id: app.id, status: app.status },
    };
    return;
  }
  throw new Error('the seed has no resident with a phone, a license and an application');
});

afterAll(() => stack?.close());

interface Probe {
  coordinate: string;
  /** The query, reading the field at `path` (response keys). */
  query: string;
  variables: (s: Subject) => Record<string, unknown>;
  path: string[];
  truth: (s: Subject) => unknown;
}

const personField = (field: keyof Subject['person']): Probe => ({
  coordinate: `Person.${field}`,
  query: `query($id: ID!) { person(idNumber: $id) { ${field} } }`,
  variables: (s) => ({ id: s.person.idNumber }),
  path: ['person', field],
  truth: (s) => s.person[field],
});

const PROBES: Record<string, Probe> = {
  'Person.name': personField('name'),
  'Person.idNumber': personField('idNumber'),
  'Person.householdAddress': personField('householdAddress'),
  'Person.phone': personField('phone'),
  'Person.ethnicity': personField('ethnicity'),
  'Person.gender': personField('gender'),
  'Enterprise.name': {
    coordinate: 'Enterprise.name',
    query: 'query($c: ID!) { enterprise(creditCode: $c) { name } }',
    variables: (s) => ({ c: s.enterprise.creditCode }),
    path: ['enterprise', 'name'],
    truth: (s) => s.enterprise.name,
  },
  'Enterprise.registeredCapital': {
    coordinate: 'Enterprise.registeredCapital',
    query: 'query($c: ID!) { enterprise(creditCode: $c) { registeredCapital } }',
    variables: (s) => ({ c: s.enterprise.creditCode }),
    path: ['enterprise', 'registeredCapital'],
    truth: (s) => s.enterprise.registeredCapital,
  },
  'License.status': {
    coordinate: 'License.status',
    query: 'query($n: ID!) { license(licenseNo: $n) { status } }',
    variables: (s) => ({ n: s.license.licenseNo }),
    path: ['license', 'status'],
    truth: (s) => s.license.status,
  },
  'Application.status': {
    coordinate: 'Application.status',
    query: 'query($id: ID!) { application(id: $id) { status } }',
    variables: (s) => ({ id: s.application.id }),
    path: ['application', 'status'],
    truth: (s) => s.application.status,
  },
  'ServiceItem.name': {
    coordinate: 'ServiceItem.name',
    query: '{ serviceItems { name } }',
    variables: () => ({}),
    path: ['serviceItems', '0', 'name'],
    truth: () => undefined,
  },
};

interface Row {
  who: string;
  reader: (s: Subject) => AsReader;
  expect: Partial<Record<keyof typeof PROBES, Expected>>;
}

const MATRIX: Row[] = [
  {
    who: 'anonymous',
    reader: () => ({}),
    expect: {
      'Person.name': 'DENY',
      'Person.idNumber': 'DENY',
      'Person.phone': 'DENY',
      'Enterprise.name': 'ALLOW',
      'License.status': 'DENY',
      'Application.status': 'DENY',
      'ServiceItem.name': 'ALLOW',
    },
  },
  {
    who: 'citizen reading self',
    reader: (s) => ({ as: citizen(s.person.idNumber), purpose: 'self-service' }),
    expect: {
      'Person.name': 'ALLOW',
      'Person.idNumber': 'ALLOW',
      'Person.householdAddress': 'ALLOW',
      'Person.phone': 'ALLOW',
      'Person.ethnicity': 'ALLOW',
      'License.status': 'ALLOW',
      'Application.status': 'ALLOW',
      'ServiceItem.name': 'ALLOW',
    },
  },
  {
    who: 'citizen reading another person',
    reader: (s) => ({ as: citizen(s.other), purpose: 'self-service' }),
    expect: {
      'Person.name': 'DENY',
      'Person.idNumber': 'DENY',
      'Person.householdAddress': 'DENY',
      'Person.phone': 'DENY',
      'Person.ethnicity': 'DENY',
      'License.status': 'DENY',
      'Application.status': 'DENY',
    },
  },
  {
    who: 'caseworker',
    reader: () => ({ as: CASEWORKER, purpose: 'service-acceptance' }),
    expect: {
      'Person.name': 'ALLOW',
      'Person.idNumber': { mask: 'idNumber' },
      'Person.phone': { mask: 'phone' },
      'Person.householdAddress': { mask: 'address' },
      'Person.ethnicity': 'DENY',
      'License.status': 'ALLOW',
      'Application.status': 'ALLOW',
      'Enterprise.name': 'ALLOW',
    },
  },
  {
    who: 'reviewer with purpose application-review',
    reader: () => ({ as: REVIEWER, purpose: 'application-review' }),
    expect: {
      'Person.householdAddress': 'ALLOW',
      'Person.idNumber': { mask: 'idNumber' },
      'Person.name': 'ALLOW',
      'Person.ethnicity': 'DENY',
      'Enterprise.registeredCapital': 'ALLOW',
      'License.status': 'ALLOW',
    },
  },
  {
    who: 'reviewer without a purpose',
    reader: () => ({ as: REVIEWER }),
    expect: { 'Person.householdAddress': 'DENY', 'Person.idNumber': { mask: 'idNumber' }, 'Person.name': 'ALLOW' },
  },
  {
    who: 'auditor',
    reader: () => ({ as: AUDITOR, purpose: 'audit' }),
    expect: { 'Person.name': { mask: 'name' }, 'Person.idNumber': { mask: 'idNumber' }, 'Person.householdAddress': 'DENY', 'Person.phone': 'DENY', 'Application.status': 'ALLOW' },
  },
  {
    who: 'analyst',
    reader: () => ({ as: ANALYST }),
    expect: {
      'Person.gender': 'ALLOW',
      'Person.name': 'DENY',
      'Person.idNumber': 'DENY',
      'Person.ethnicity': 'DENY',
      'Application.status': 'ALLOW',
      'Enterprise.registeredCapital': 'ALLOW',
    },
  },
];

const CASES = MATRIX.flatMap((row) => Object.entries(row.expect).map(([probe, expected]) => [row.who, probe, expected, row] as const));

function valueAt(data: unknown, path: string[]): unknown {
  let value: any = data;
  for (const key of path) value = value?.[key];
  return value;
}

describe('policy matrix through the gateway', () => {
  it.each(CASES)('%s × %s → %j', async (_who, probeName, expected, row) => {
    if (expected === undefined) throw new Error(`no expectation for ${probeName}`);
    const probe = PROBES[probeName];
    const { body } = await stack.request(probe.query, probe.variables(subject), row.reader(subject));
    const value = valueAt(body.data, probe.path);
    const forbidden = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.extensions?.coordinate);
    if (expected === 'DENY') {
      expect(value ?? null).toBeNull();
      // Denied either as this field or as the entry point leading to it.
      const root = `${probe.query.includes('mutation') ? 'Mutation' : 'Query'}.${probe.path[0]}`;
      expect(forbidden.some((c) => c === probe.coordinate || c === root)).toBe(true);
      return;
    }
    expect(body.errors).toBeUndefined();
    const truth = probe.truth(subject);
    if (expected === 'ALLOW') {
      if (truth === undefined) expect(value).toEqual(expect.any(String));
      else expect(value).toEqual(truth);
    } else {
      expect(value).toBe(applyMask(expected.mask, truth as string));
      expect(value).not.toBe(truth);
    }
  });
});

describe('bypass attempts on the real graph', () => {
  const other = (): AsReader => ({ as: citizen(subject.other), purpose: 'self-service' });

  it('alias on a denied field → still denied', async () => {
    const { body } = await stack.request('query($id: ID!) { person(idNumber: $id) { n: name } }', { id: subject.person.idNumber }, other());
    expect(body.data.person?.n ?? null).toBeNull();
    expect(body.errors?.[0].extensions?.coordinate).toBe('Person.name');
  });

  it('named fragment on a masked field → still masked', async () => {
    const { body } = await stack.request(
      'query($id: ID!) { person(idNumber: $id) { ...P } } fragment P on Person { phone }',
      { id: subject.person.idNumber },
      { as: CASEWORKER, purpose: 'service-acceptance' },
    );
    expect(body.data.person.phone).toBe(applyMask('phone', subject.person.phone));
  });

  it('inline fragment on the LicenseHolder union → Person field decided as Person: null there, the license still answers', async () => {
    const { body } = await stack.request(
      'query($n: ID!) { license(licenseNo: $n) { status holder { ... on Person { ethnicity } ... on Enterprise { name } } } }',
      { n: subject.license.licenseNo },
      { as: CASEWORKER, purpose: 'service-acceptance' },
    );
    // Person.ethnicity is nullable (policy check requires it of a field some readers are denied).
    expect(body.data.license).toEqual({ status: expect.any(String), holder: { ethnicity: null } });
    const error = body.errors?.find((e) => e.extensions?.coordinate === 'Person.ethnicity');
    expect(error?.path).toEqual(['license', 'holder', 'ethnicity']);
  });

  it('@skip(if: true) on a denied field → no error, allowed siblings returned', async () => {
    const { body } = await stack.request(
      'query($id: ID!, $s: Boolean!) { person(idNumber: $id) { name ethnicity @skip(if: $s) } }',
      { id: subject.person.idNumber, s: true },
      { as: CASEWORKER },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.person).toEqual({ name: subject.person.name });
  });

  it('@include(if: $v) with v true on a denied field → denied', async () => {
    const { body } = await stack.request(
      'query($id: ID!, $v: Boolean!) { person(idNumber: $id) { gender ethnicity @include(if: $v) } }',
      { id: subject.person.idNumber, v: true },
      { as: CASEWORKER },
    );
    expect(body.errors?.map((e) => e.extensions?.coordinate)).toContain('Person.ethnicity');
  });

  it('two identities alternating the same query text → each gets their own answer', async () => {
    const query = 'query($id: ID!) { person(idNumber: $id) { gender householdAddress } }';
    for (let i = 0; i < 3; i++) {
      const self = await stack.request(query, { id: subject.person.idNumber }, { as: citizen(subject.person.idNumber) });
      expect(self.body.data.person.householdAddress).toBe(subject.person.householdAddress);
      const caseworker = await stack.request(query, { id: subject.person.idNumber }, { as: CASEWORKER });
      expect(caseworker.body.data.person.householdAddress).toBe(applyMask('address', subject.person.householdAddress));
    }
  });
});

describe('direct access to a department', () => {
  it('no token → 401 UNAUTHENTICATED', async () => {
    const response = await fetch(stack.subgraphs.population.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ people(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it("a user's token that the gateway accepts → 401 at the department", async () => {
    const token = await stack.tokenFor({ sub: 'officer-x', roles: ['officer'], dept: 'population', clearance: 4 });
    const response = await fetch(stack.subgraphs.population.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ people(first: 1) { totalCount } }' }),
    });
    expect(response.status).toBe(401);
  });

  it('an expired gateway token → 401', async () => {
    const { status, body } = await stack.subgraphRequest('population', '{ people(first: 1) { totalCount } }', {}, undefined, -30);
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.reason).toBe('expired');
  });

  it('/health stays open', async () => {
    const response = await fetch(stack.subgraphs.population.url.replace('/graphql', '/health'));
    expect(response.status).toBe(200);
  });
});

describe('policy version on /health', () => {
  it('gateway and every department report the hash of the policy files they enforce', async () => {
    const expected = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: fs.readFileSync(SUPERGRAPH_FILE, 'utf8') }).hash;
    const gateway = (await (await fetch(stack.gateway.url.replace('/graphql', '/health'))).json()) as { policies: string };
    expect(gateway.policies).toBe(expected);
    for (const subgraph of Object.values(stack.subgraphs)) {
      const health = (await (await fetch(subgraph.url.replace('/graphql', '/health'))).json()) as { policies: string };
      expect([subgraph.name, health.policies]).toEqual([subgraph.name, expected]);
    }
  });
});
