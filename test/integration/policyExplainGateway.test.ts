import fs from 'node:fs';
import { buildASTSchema, execute, parse, printSchema, type GraphQLFieldResolver } from 'graphql';
import { apiSchemaOf, applyMask, loadPolicySet, POLICIES_DIR, type EffectiveAccess, type Identity, type PolicySet } from '../../policies';
import { explainOperation } from '../../cli/policy/policyExplain';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { startStack, type AsReader, type Stack } from '../support/startStack';

/**
 * `policy explain` and the LIVE gateway agree: for several identities and representative
 * queries, what explain decides per coordinate is what the gateway returns — a FORBIDDEN
 * error naming the coordinate ⇔ DENY, a masked value ⇔ MASK, the value ⇔ ALLOW, and an
 * own-record-only field gives the value on the reader's own records and FORBIDDEN on others'.
 * Each person field is read under its own alias, so that denying one non-null field
 * (which nulls its parent) hides no other field from the comparison.
 */
const supergraphSdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
const schema = apiSchemaOf(supergraphSdl);
const plainSchema = buildASTSchema(parse(printSchema(schema)), { assumeValidSDL: true });
const policies: PolicySet = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl });

const CASEWORKER: Identity = { sub: 'staff-cw-01', roles: ['caseworker'], dept: 'services', clearance: 2 };
const REVIEWER: Identity = { sub: 'staff-rv-01', roles: ['reviewer'], dept: 'market', clearance: 3 };
const AUDITOR: Identity = { sub: 'staff-au-01', roles: ['auditor'], dept: 'audit', clearance: 3 };
const ANALYST: Identity = { sub: 'staff-an-01', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const citizen = (idNumber: string): Identity => ({ sub: idNumber, roles: ['citizen'], dept: null, clearance: 1 });

interface Subject {
  idNumber: string;
  other: string;
  creditCode: string;
  licenseNo: string;
  applicationId: string;
}

interface Who {
  name: string;
  reader: (s: Subject) => AsReader;
  /** The queries read this reader's own records (a citizen reading themself). */
  ownRecords: boolean;
}

const WHO: Who[] = [
  { name: 'anonymous', reader: () => ({}), ownRecords: false },
  { name: 'citizen reading self', reader: (s) => ({ as: citizen(s.idNumber), purpose: 'self-service' }), ownRecords: true },
  { name: 'citizen reading another', reader: (s) => ({ as: citizen(s.other) }), ownRecords: false },
  { name: 'caseworker', reader: () => ({ as: CASEWORKER, purpose: 'service-acceptance' }), ownRecords: false },
  { name: 'reviewer with application-review', reader: () => ({ as: REVIEWER, purpose: 'application-review' }), ownRecords: false },
  { name: 'reviewer without a purpose', reader: () => ({ as: REVIEWER }), ownRecords: false },
  { name: 'auditor', reader: () => ({ as: AUDITOR, purpose: 'audit' }), ownRecords: false },
  { name: 'analyst', reader: () => ({ as: ANALYST, purpose: 'statistics' }), ownRecords: false },
];

const PERSON_FIELDS = ['idNumber', 'name', 'gender', 'birthDate', 'ethnicity', 'householdAddress', 'phone', 'enterprises { creditCode name }'];

/** `f0: root { selection } f1: root { … }`: one alias per selection. */
const aliased = (root: string, selections: string[], prefix = 'f') => selections.map((selection, i) => `${prefix}${i}: ${root} { ${selection} }`).join('\n  ');

interface Probe {
  name: string;
  query: string;
  variables: (s: Subject) => Record<string, unknown>;
}

const PROBES: Probe[] = [
  {
    name: 'person fields',
    query: `query Person($id: ID!) {\n  ${aliased('person(idNumber: $id)', PERSON_FIELDS)}\n}`,
    variables: (s) => ({ id: s.idNumber }),
  },
  {
    name: 'licenses and their holders (union, fragments)',
    query: `query Licenses($id: ID!, $n: ID!) {
  ${aliased('person(idNumber: $id)', ['licenses { licenseNo kind issuer }', 'licenses { status validUntil }', 'licenses { holder { __typename ...Holder } }'])}
  ${aliased('license(licenseNo: $n)', ['issuedOn'], 'g')}
}
fragment Holder on LicenseHolder { ... on Person { gender } ... on Enterprise { name } }`,
    variables: (s) => ({ id: s.idNumber, n: s.licenseNo }),
  },
  {
    name: 'an application and its history',
    query: `query Application($a: ID!) {\n  ${aliased('application(id: $a)', ['id status submittedAt', 'item { code name }', 'applicant { idNumber }', 'events { stage at }', 'events { actor }', 'feedback { rating }'])}\n}`,
    variables: (s) => ({ a: s.applicationId }),
  },
  {
    name: 'an enterprise',
    query: `query Enterprise($c: ID!) {\n  ${aliased('enterprise(creditCode: $c)', ['creditCode name status', 'registeredCapital', 'address', 'legalRepresentative { name }', 'licenses { licenseNo }'])}\n}`,
    variables: (s) => ({ c: s.creditCode }),
  },
  {
    name: 'lists with @skip and @include',
    query: `query Lists($yes: Boolean!) {
  serviceItems { code name timeLimitDays }
  enterprises(first: 2) { totalCount edges { node { name registeredCapital @skip(if: $yes) } } }
  people(first: 2) @include(if: $yes) { totalCount }
}`,
    variables: () => ({ yes: true }),
  },
];

let stack: Stack;
let subject: Subject;

beforeAll(async () => {
  stack = await startStack({ scale: 0.1 });
  const population = stack.subgraphs.population.database.db;
  const licenses = stack.subgraphs.licenses.database.db;
  const services = stack.subgraphs.services.database.db;
  const market = stack.subgraphs.market.database.db;
  // A resident with a phone, a license and an application: every department holds something of theirs.
  const applications = await services.selectFrom('applications').select(['id', 'applicant_id_number']).orderBy('id').execute();
  for (const application of applications) {
    const person = await population
      .selectFrom('persons')
      .select('id_number')
      .where('id_number', '=', application.applicant_id_number)
      .where('phone', 'is not', null)
      .executeTakeFirst();
    const license = await licenses.selectFrom('licenses').select('license_no').where('holder_id', '=', application.applicant_id_number).executeTakeFirst();
    if (!person || !license) continue;
    const other = await population.selectFrom('persons').select('id_number').where('id_number', '!=', person.id_number).executeTakeFirstOrThrow();
    const enterprise = await market.selectFrom('enterprises').select('credit_code').orderBy('credit_code').executeTakeFirstOrThrow();
    subject = { idNumber: person.id_number, other: other.id_number, creditCode: enterprise.credit_code, licenseNo: license.license_no, applicationId: application.id };
    return;
  }
  throw new Error('the seed has no resident with a phone, a license and an application');
});

afterAll(() => stack?.close());

/** What the gateway returned for one coordinate: values where it was reached, and whether it was FORBIDDEN. */
interface Observed {
  values: unknown[];
  forbidden: boolean;
}

/** Walks the client's own operation over the gateway's answer, collecting every value by coordinate. */
async function observe(
  query: string,
  variables: Record<string, unknown>,
  data: Record<string, unknown> | null,
  errors: { extensions?: Record<string, unknown> }[] | undefined,
): Promise<Map<string, Observed>> {
  const observed = new Map<string, Observed>();
  const at = (coordinate: string) => observed.get(coordinate) ?? observed.set(coordinate, { values: [], forbidden: false }).get(coordinate)!;
  for (const error of errors ?? []) {
    if (error.extensions?.code === 'FORBIDDEN') at(String(error.extensions.coordinate)).forbidden = true;
  }
  const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _context, info) => {
    const value = (source as Record<string, unknown>)[info.path.key as string];
    if (value !== null && value !== undefined) at(`${info.parentType.name}.${info.fieldName}`).values.push(value);
    return value;
  };
  const walked = await execute({
    schema: plainSchema,
    document: parse(query),
    variableValues: variables,
    rootValue: data ?? {},
    fieldResolver,
    typeResolver: (value) => (value as { __typename?: string }).__typename,
  });
  // Null where the gateway answered null is expected; any other error means the walk saw nothing.
  const broken = walked.errors?.filter((error) => !/Cannot return null for non-nullable field/.test(error.message));
  if (broken?.length) throw broken[0];
  return observed;
}

/** Why the gateway's answer for one coordinate contradicts explain's decision; null when it agrees. */
function disagreement(access: EffectiveAccess, seen: Observed | undefined, ownRecords: boolean, sub: string | null): string | null {
  const { values = [], forbidden = false } = seen ?? {};
  const strings = values.filter((v): v is string => typeof v === 'string');
  if (access.kind === 'OWN_ONLY' && access.bySub) {
    // A key: the reader's own access where the value is their sub, nothing anywhere else.
    const others = values.filter((v) => v !== sub);
    return others.length > 0 ? `values other than the reader's sub: ${JSON.stringify(others)}` : null;
  }
  const expected = access.kind === 'OWN_ONLY' ? (ownRecords ? access.own : { kind: 'DENY' as const }) : access;
  switch (expected.kind) {
    case 'DENY':
      return values.length > 0 ? `values returned: ${JSON.stringify(values)}` : null;
    case 'ALLOW':
      if (forbidden) return 'FORBIDDEN';
      return strings.some((s) => s.includes('*')) ? `masked values: ${JSON.stringify(strings)}` : null;
    case 'MASK':
      if (forbidden) return 'FORBIDDEN';
      return strings.every((s) => s.includes('*') && applyMask(expected.mask, s) === s) ? null : `not masked with ${expected.mask}: ${JSON.stringify(strings)}`;
  }
}

/** What a comparison showed, to check that the cases cover every kind of decision. */
function comparedKinds(access: EffectiveAccess, seen: Observed, sub: string | null): string[] {
  const kinds: string[] = [];
  if (access.kind !== 'OWN_ONLY') {
    if (seen.values.length > 0 || seen.forbidden) kinds.push(access.kind);
  } else if (access.bySub) {
    if (seen.values.includes(sub)) kinds.push('key = sub: value');
    if (seen.forbidden) kinds.push('key ≠ sub: FORBIDDEN');
  } else {
    if (seen.values.length > 0) kinds.push('own record: value');
    if (seen.forbidden) kinds.push("another's record: FORBIDDEN");
  }
  return kinds;
}

const CASES = WHO.flatMap((who) => PROBES.map((probe) => [who.name, probe.name, who, probe] as const));
/** Every kind of decision some case compared against a returned value or error. */
const compared = new Set<string>();

describe('policy explain ⇔ the live gateway', () => {
  it.each(CASES)('%s × %s → same decision for every coordinate', async (_who, _probe, who, probe) => {
    const reader = who.reader(subject);
    const variables = probe.variables(subject);
    const explanation = explainOperation({ schema, policies, source: probe.query, variables, reader: { identity: reader.as ?? null, purpose: reader.purpose ?? null } });
    if (explanation.kind !== 'explained') throw new Error(`not explained: ${JSON.stringify(explanation)}`);
    const { body } = await stack.request(probe.query, variables, reader);
    const observed = await observe(probe.query, variables, body.data, body.errors);

    const problems: string[] = [];
    for (const field of explanation.fields) {
      const seen = observed.get(field.coordinate);
      const problem = disagreement(field.access, seen, who.ownRecords, reader.as?.sub ?? null);
      if (problem) problems.push(`${field.coordinate}: explain says ${JSON.stringify(field.access)}, gateway: ${problem}`);
      if (seen) for (const what of comparedKinds(field.access, seen, reader.as?.sub ?? null)) compared.add(what);
    }
    // Every coordinate the gateway withheld is one explain denies (or grants on own records only).
    const explained = new Map(explanation.fields.map((f) => [f.coordinate, f.access.kind]));
    for (const [coordinate, seen] of observed) {
      if (seen.forbidden && explained.get(coordinate) !== 'DENY' && explained.get(coordinate) !== 'OWN_ONLY')
        problems.push(`${coordinate}: FORBIDDEN from the gateway, explain says ${explained.get(coordinate) ?? 'nothing'}`);
    }
    expect(problems).toEqual([]);
  });

  it('the cases compare every kind of decision with a returned value or error', () => {
    expect([...compared].sort()).toEqual(['ALLOW', 'MASK', 'DENY', 'own record: value', "another's record: FORBIDDEN", 'key = sub: value', 'key ≠ sub: FORBIDDEN'].sort());
  });
});
