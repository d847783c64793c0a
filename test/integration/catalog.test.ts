import fs from 'node:fs';
import { readSupergraph, type Identity } from '../../policies';
import { catalogFieldsOf } from '../../schema/catalog/catalogEntries';
import { SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { readResourceCodes } from '../../schema/catalog/resourceCodes';
import type { GraphQLResponse } from '../support/graphqlRequest';
import { startStack, type Stack } from '../support/startStack';

/** The data catalog through the gateway: every field listed with its code, filters and pages, and what a reader may read. */
const REVIEWER: Identity = { sub: 'staff-0002', roles: ['reviewer'], dept: 'market', clearance: 3 };
const CITIZEN: Identity = { sub: '110101194001291942', roles: ['citizen'], dept: null, clearance: 1 };

/** The one error of a response: its extensions. */
function errorOf(body: GraphQLResponse['body']): Record<string, any> {
  expect(body.errors).toHaveLength(1);
  return body.errors![0].extensions!;
}

const ENTRY = 'coordinate resourceName resourceCode department description dataType sharingType sensitivity updateCycle format openToPublic readers';
const PAGE = `query Catalog($department: String, $sharingType: SharingType, $search: String, $first: Int, $after: String) {
  catalog(department: $department, sharingType: $sharingType, search: $search, first: $first, after: $after) {
    totalCount edges { cursor node { ${ENTRY} } } pageInfo { hasNextPage endCursor }
  }
}`;
const MY_ACCESS = '{ myAccess { coordinate department sharingType access mask ownRecord caseParties applicable grants { id } } }';

describe('the catalog through the gateway', () => {
  let stack: Stack;
  const catalog = async (variables: Record<string, unknown>, as: Identity | null = REVIEWER) => stack.request(PAGE, variables, { as });
  /** Every entry, a page of 100 at a time. */
  async function allEntries(variables: Record<string, unknown> = {}): Promise<any[]> {
    const nodes: any[] = [];
    let after: string | null = null;
    for (;;) {
      const { body } = await catalog({ ...variables, first: 100, after });
      expect(body.errors).toBeUndefined();
      nodes.push(...body.data.catalog.edges.map((edge: any) => edge.node));
      if (!body.data.catalog.pageInfo.hasNextPage) return nodes;
      after = body.data.catalog.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    stack = await startStack({ scale: 0.05 });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('paged through → every field of the supergraph, once, in coordinate order', async () => {
    const expected = catalogFieldsOf(readSupergraph(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')))
      .map((f) => f.coordinate)
      .sort();
    expect((await allEntries()).map((entry) => entry.coordinate)).toEqual(expected);
  });

  it('resource codes → the committed ones, which compose gives each field once', async () => {
    const { codes } = readResourceCodes();
    const entries = await allEntries();
    expect(Object.fromEntries(entries.map((entry) => [entry.coordinate, entry.resourceCode]))).toEqual(
      Object.fromEntries(entries.map((entry) => [entry.coordinate, codes[entry.coordinate]])),
    );
  });

  it('an entry → provider, description, type, sharing type, sensitivity, cycle, format, public flag and readers', async () => {
    const { body } = await catalog({ search: 'Person.householdAddress' });
    expect(body.data.catalog.edges.map((edge: any) => edge.node)).toContainEqual({
      coordinate: 'Person.householdAddress',
      resourceName: 'Person: household address',
      resourceCode: readResourceCodes().codes['Person.householdAddress'],
      department: 'population',
      description: 'Address of household registration (hukou).',
      dataType: 'String',
      sharingType: 'CONDITIONAL',
      sensitivity: 3,
      updateCycle: 'on-change',
      format: 'text',
      openToPublic: false,
      readers: expect.stringMatching(/^ALLOW: reviewer · clearance 3\+ · purpose application-review; officer · dept population\. MASK\(address\): caseworker/),
    });
  });

  it("department filter → only that provider's fields, and all of them", async () => {
    const entries = await allEntries({ department: 'market' });
    expect(new Set(entries.map((entry) => entry.department))).toEqual(new Set(['market']));
    expect(entries.map((entry) => entry.coordinate)).toEqual(
      expect.arrayContaining(['Enterprise.name', 'Enterprise.registeredCapital', 'Person.enterprises', 'Query.enterprises']),
    );
  });

  it('sharing type NONE → only fields not shared, ethnicity among them', async () => {
    const entries = await allEntries({ sharingType: 'NONE' });
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((entry) => entry.sharingType))).toEqual(new Set(['NONE']));
    expect(entries.map((entry) => entry.coordinate)).toContain('Person.ethnicity');
  });

  it('search → every word must appear (case-insensitive) in coordinate, name, code or description', async () => {
    const entries = await allEntries({ search: 'HOUSEHOLD registration' });
    expect(entries.map((entry) => entry.coordinate)).toEqual(['Person.householdAddress']);
  });

  it('filters together → the intersection, counted in totalCount', async () => {
    const { body } = await catalog({ department: 'population', sharingType: 'CONDITIONAL', first: 2 });
    const conditionalPopulation = (await allEntries()).filter((entry) => entry.department === 'population' && entry.sharingType === 'CONDITIONAL');
    expect(body.data.catalog.totalCount).toBe(conditionalPopulation.length);
    expect(body.data.catalog.edges.map((edge: any) => edge.node.coordinate)).toEqual(conditionalPopulation.slice(0, 2).map((entry) => entry.coordinate));
    expect(body.data.catalog.pageInfo.hasNextPage).toBe(true);
  });

  it('the next page after endCursor → the entries that follow, none repeated', async () => {
    const first = (await catalog({ first: 5 })).body.data.catalog;
    const second = (await catalog({ first: 5, after: first.pageInfo.endCursor })).body.data.catalog;
    const all = await allEntries();
    expect([...first.edges, ...second.edges].map((edge: any) => edge.node.coordinate)).toEqual(all.slice(0, 10).map((entry) => entry.coordinate));
  });

  it('a cursor the API did not give → BAD_USER_INPUT', async () => {
    const { body } = await catalog({ after: 'bm90IGEgY3Vyc29y' });
    expect(errorOf(body).code).toBe('BAD_USER_INPUT');
  });

  it('anonymous → FORBIDDEN (the catalog is for signed-in readers)', async () => {
    const { body } = await catalog({ first: 1 }, null);
    expect(errorOf(body)).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Query.catalog' });
  });
});

describe('myAccess through the gateway', () => {
  let stack: Stack;
  const accessOf = (list: any[], coordinate: string) => list.find((entry) => entry.coordinate === coordinate);

  beforeAll(async () => {
    stack = await startStack({ scale: 0.05 });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('a market reviewer without a purpose → household address DENY, and an application is possible', async () => {
    const { body } = await stack.request(MY_ACCESS, {}, { as: REVIEWER });
    expect(body.errors).toBeUndefined();
    expect(accessOf(body.data.myAccess, 'Person.householdAddress')).toEqual({
      coordinate: 'Person.householdAddress',
      department: 'population',
      sharingType: 'CONDITIONAL',
      access: 'DENY',
      mask: null,
      ownRecord: 'ALLOW',
      caseParties: null,
      applicable: true,
      grants: [],
    });
  });

  it('the same reviewer declaring application-review → ALLOW, nothing to apply for', async () => {
    const { body } = await stack.request(MY_ACCESS, {}, { as: REVIEWER, purpose: 'application-review' });
    expect(accessOf(body.data.myAccess, 'Person.householdAddress')).toMatchObject({ access: 'ALLOW', applicable: false });
  });

  it('a masked field → MASK with the mask named', async () => {
    const { body } = await stack.request(MY_ACCESS, {}, { as: REVIEWER });
    expect(accessOf(body.data.myAccess, 'Person.idNumber')).toMatchObject({ access: 'MASK', mask: 'idNumber', applicable: false });
  });

  it('a field not shared → DENY, no application possible', async () => {
    const { body } = await stack.request(MY_ACCESS, {}, { as: REVIEWER });
    expect(accessOf(body.data.myAccess, 'Person.ethnicity')).toMatchObject({ sharingType: 'NONE', access: 'DENY', applicable: false });
  });

  it('every field of the catalog → one answer each', async () => {
    const { body } = await stack.request(MY_ACCESS, {}, { as: REVIEWER });
    const expected = catalogFieldsOf(readSupergraph(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')))
      .map((f) => f.coordinate)
      .sort();
    expect(body.data.myAccess.map((entry: any) => entry.coordinate)).toEqual(expected);
  });

  it('a citizen → never applicable (only staff of a department apply)', async () => {
    const { body } = await stack.request(MY_ACCESS, {}, { as: CITIZEN });
    expect(body.data.myAccess.filter((entry: any) => entry.applicable)).toEqual([]);
  });

  it("department argument → only that provider's fields", async () => {
    const { body } = await stack.request('{ myAccess(department: "licenses") { department } }', {}, { as: REVIEWER });
    expect(new Set(body.data.myAccess.map((entry: any) => entry.department))).toEqual(new Set(['licenses']));
  });
});
