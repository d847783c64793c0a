import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import { checkPolicies, loadPolicySet, POLICIES_DIR, type Access, type Reader } from '../../policies';

// The acceptance matrix: the shipped policy files against the committed supergraph.
const supergraphSdl = fs.readFileSync(path.join(__dirname, '../../schema/composition/supergraph.graphql'), 'utf8');
const policies = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl });

const fieldsOf = (typeName: string): string[] => {
  const type = buildSchema(supergraphSdl).getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  return Object.keys(type.getFields()).map((field) => `${typeName}.${field}`);
};

const staff = (roles: string[], dept: string | null, clearance: number, purpose: string | null = null): Reader => ({
  identity: { sub: roles[0] === 'citizen' ? '11010519491231002X' : `staff-${roles[0]}`, roles, dept, clearance },
  purpose,
});
const readers = {
  anonymous: { identity: null, purpose: null } as Reader,
  citizen: staff(['citizen'], null, 1),
  caseworker: staff(['caseworker'], 'services', 2),
  reviewer: staff(['reviewer'], 'market', 3),
  'reviewer reviewing': staff(['reviewer'], 'market', 3, 'application-review'),
  auditor: staff(['auditor'], 'audit', 3),
  analyst: staff(['analyst'], 'statistics', 2),
  'population officer': staff(['officer'], 'population', 4),
};
type ReaderName = keyof typeof readers;

const ALLOW: Access = { kind: 'ALLOW' };
const DENY: Access = { kind: 'DENY' };
const MASK = (mask: 'idNumber' | 'phone' | 'name' | 'address'): Access => ({ kind: 'MASK', mask });
const show = (access: Access) => (access.kind === 'MASK' ? `MASK(${access.mask})` : access.kind);

/** Person fields other departments keep from population's officers: insurance, fund accounts and marriage records are for their own departments' officers and case staff. */
const KEPT_FROM_POPULATION = ['Person.socialInsurance', 'Person.housingFund', 'Person.maritalStatus', 'Person.marriageRegisteredOn'];

/** [reader, coordinate, what `others` must be] */
const rows = (reader: ReaderName, access: Access, coordinates: string[]) => coordinates.map((c) => [reader, c, access] as [ReaderName, string, Access]);

const matrix: [ReaderName, string, Access][] = [
  ...rows('anonymous', ALLOW, ['Enterprise.name', 'Enterprise.status', 'Enterprise.kind', 'Enterprise.creditCode']),
  ...rows('anonymous', ALLOW, fieldsOf('ServiceItem')),
  ...rows('anonymous', ALLOW, ['Query.serviceItems', 'Query.enterprise', 'Query.enterprises']),
  ...rows('anonymous', ALLOW, [...fieldsOf('EnterpriseConnection'), ...fieldsOf('EnterpriseEdge'), ...fieldsOf('PageInfo')]),
  ...rows('anonymous', DENY, fieldsOf('Person')),

  ...rows('citizen', DENY, fieldsOf('Person')),
  ...rows('citizen', ALLOW, ['Query.person', 'Query.application', 'Query.license', 'Mutation.submitApplication', 'Mutation.leaveFeedback']),

  ...rows('caseworker', ALLOW, ['Person.name']),
  ['caseworker', 'Person.idNumber', MASK('idNumber')],
  ['caseworker', 'Person.phone', MASK('phone')],
  ['caseworker', 'Person.householdAddress', MASK('address')],
  ['caseworker', 'Person.ethnicity', DENY],
  ...rows('caseworker', ALLOW, [...fieldsOf('Application'), ...fieldsOf('ServiceItem'), ...fieldsOf('License')]),
  ...rows('caseworker', ALLOW, ['Mutation.acceptApplication', 'Mutation.completeApplication']),

  ['reviewer reviewing', 'Person.householdAddress', ALLOW],
  ['reviewer', 'Person.householdAddress', DENY],
  ['reviewer', 'Person.idNumber', MASK('idNumber')],
  ['reviewer reviewing', 'Person.idNumber', MASK('idNumber')],
  ['reviewer', 'Person.name', ALLOW],
  ...rows('reviewer', ALLOW, [...fieldsOf('Enterprise'), ...fieldsOf('License'), 'Mutation.decideApplication']),

  ['auditor', 'Person.name', MASK('name')],
  ['auditor', 'Person.idNumber', MASK('idNumber')],
  ['auditor', 'Person.householdAddress', DENY],
  ['auditor', 'Person.phone', DENY],
  ['auditor', 'Application.events', ALLOW],
  ['auditor', 'Application.status', ALLOW],

  ['analyst', 'Person.gender', ALLOW],
  ['analyst', 'Person.birthDate', ALLOW],
  ['analyst', 'Person.name', DENY],
  ['analyst', 'Person.idNumber', DENY],
  ['analyst', 'Query.people', ALLOW],
  ['analyst', 'Application.status', ALLOW],
  ['analyst', 'Enterprise.registeredCapital', ALLOW],

  ...rows(
    'population officer',
    ALLOW,
    fieldsOf('Person').filter((coordinate) => !KEPT_FROM_POPULATION.includes(coordinate)),
  ),
  ...rows('population officer', DENY, KEPT_FROM_POPULATION),
];

describe('shipped policies', () => {
  it('policy files checked against the committed supergraph → no problems', () => {
    expect(checkPolicies({ dir: POLICIES_DIR, supergraphSdl })).toEqual([]);
  });

  it.each(matrix.map(([reader, coordinate, access]) => [reader, coordinate, show(access), access] as const))('%s reads %s → %s', (reader, coordinate, _label, access) => {
    expect(policies.decide(coordinate, readers[reader]).others).toEqual(access);
  });

  it.each(fieldsOf('Person'))('anonymous reader, %s → no own-record access either', (coordinate) => {
    expect(policies.decide(coordinate, readers.anonymous).own).toBeUndefined();
  });

  it.each([...fieldsOf('Person'), ...fieldsOf('Application'), ...fieldsOf('License'), ...fieldsOf('ApplicationEvent'), ...fieldsOf('Feedback')])(
    'citizen, own record, %s → ALLOW',
    (coordinate) => {
      expect(policies.decide(coordinate, readers.citizen).own).toEqual(ALLOW);
    },
  );

  it('citizen reads Person.ethnicity of another resident → DENY, own record → ALLOW', () => {
    expect(policies.decide('Person.ethnicity', readers.citizen)).toMatchObject({ others: DENY, own: ALLOW });
  });

  it.each(['caseworker', 'reviewer reviewing', 'auditor', 'analyst'] as const)('%s reads Person.ethnicity (sharing: none) → DENY', (reader) => {
    expect(policies.decide('Person.ethnicity', readers[reader]).others).toEqual(DENY);
  });

  it('catalog → one entry with a description for every field of every object type', () => {
    const schema = buildSchema(supergraphSdl);
    const governed = Object.values(schema.getTypeMap())
      .flatMap((type) => (isObjectType(type) && !type.name.startsWith('__') ? fieldsOf(type.name) : []))
      .sort();
    const catalog = policies.catalog();
    expect(catalog.map((entry) => entry.coordinate)).toEqual(governed);
    expect(catalog.filter((entry) => entry.description.length < 5)).toEqual([]);
  });

  it('Person.ethnicity → catalogued as sharing none, sensitivity 4, owned by population', () => {
    expect(policies.catalog().find((entry) => entry.coordinate === 'Person.ethnicity')).toMatchObject({ sharing: 'none', sensitivity: 4, department: 'population' });
  });

  it.each(['Person.idNumber', 'Enterprise.creditCode', 'License.licenseNo', 'Application.id', 'ServiceItem.code'])('%s → a key field', (coordinate) => {
    expect(policies.isKeyField(coordinate)).toBe(true);
  });

  it.each(['Person.name', 'Query.person', 'PageInfo.endCursor'])('%s → not a key field', (coordinate) => {
    expect(policies.isKeyField(coordinate)).toBe(false);
  });

  it('purposes → the declared X-Purpose values', () => {
    expect(policies.purposes).toEqual(expect.arrayContaining(['application-review', 'service-acceptance', 'self-service', 'audit', 'statistics', 'license-verification']));
  });

  it('roles → the seven roles', () => {
    expect([...policies.roles].sort()).toEqual(['analyst', 'auditor', 'caseworker', 'citizen', 'manager', 'officer', 'reviewer']);
  });

  it('hash → sha256 over the .yaml file names and contents in name order', () => {
    const hash = createHash('sha256');
    for (const file of fs
      .readdirSync(POLICIES_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      hash
        .update(file)
        .update('\0')
        .update(fs.readFileSync(path.join(POLICIES_DIR, file), 'utf8'))
        .update('\0');
    }
    expect(policies.hash).toBe(hash.digest('hex'));
  });

  it('reviewer with purpose application-review reads Person.householdAddress → reason names the reader, purpose and rule', () => {
    const decision = policies.decide('Person.householdAddress', readers['reviewer reviewing']);
    expect(decision.reason).toMatch(
      new RegExp(`^reviewer of market with purpose application-review: allowed by population\\.yaml:${decision.rule!.line}; own record: allowed by population\\.yaml:\\d+$`),
    );
  });
});
