import fs from 'node:fs';
import path from 'node:path';
import { POLICIES_DIR, type Identity } from '../../policies';
import { catalog } from '../../subgraphs/catalog';
import type { GraphQLResponse } from '../support/graphqlRequest';
import { startStack, type Stack } from '../support/startStack';

/**
 * The officers' tools of the catalog through the gateway: explaining access for a described
 * reader, the access matrix, and reviewing proposed policies — and who may use them.
 */
const OFFICER: Identity = { sub: 'officer-pop-1', roles: ['officer'], dept: 'population', clearance: 4 };
const AUDITOR: Identity = { sub: 'auditor-0001', roles: ['auditor'], dept: 'audit', clearance: 3 };
const CASEWORKER: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'services', clearance: 2 };

const CITIZEN_READER = { roles: ['citizen'], clearance: 1, sub: '110101194001291942' };
const ADDRESS = '{ person(idNumber: "110101194001291942") { householdAddress } }';

const EXPLAIN = `query Explain($query: String!, $reader: ReaderInput!, $purpose: String, $caseId: ID) {
  explainAccess(query: $query, reader: $reader, purpose: $purpose, caseId: $caseId) { valid errors purpose fields { coordinate path access mask ownRecord rule } }
}`;
const MATRIX = `query Matrix($department: String) {
  accessMatrix(department: $department) { policyVersion readers { key label } rows { coordinate department sensitivity sharingType cells { reader access mask ownRecord text } } }
}`;
const REVIEW = `query Review($files: [PolicyFileInput!], $revision: String) {
  policyReview(files: $files, revision: $revision) { base proposal widening changes { coordinate reader kind before after widening } problems { file line message } }
}`;

const POPULATION = fs.readFileSync(path.join(POLICIES_DIR, 'population.yaml'), 'utf8');
const MASKED_FOR_CASEWORKERS = '          - roles: [caseworker]\n            mask: address\n';

/** The one error of a response: its extensions. */
function errorOf(body: GraphQLResponse['body']): Record<string, any> {
  expect(body.errors).toHaveLength(1);
  return body.errors![0].extensions!;
}

describe("the catalog's officer tools through the gateway", () => {
  let stack: Stack;
  const explain = async (variables: Record<string, unknown>, as: Identity = OFFICER) =>
    (await stack.request(EXPLAIN, { query: ADDRESS, reader: CITIZEN_READER, ...variables }, { as })).body;
  const matrix = async (variables: Record<string, unknown>, as: Identity = AUDITOR) => (await stack.request(MATRIX, variables, { as })).body;
  const review = async (variables: Record<string, unknown>, as: Identity = OFFICER) => (await stack.request(REVIEW, variables, { as })).body;

  beforeAll(async () => {
    stack = await startStack({ departments: [catalog], scale: 0.05 });
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('explainAccess', () => {
    it('an officer, a described citizen → their decisions: DENY on others, ALLOW on their own record', async () => {
      const body = await explain({});
      expect(body.errors).toBeUndefined();
      expect(body.data.explainAccess).toEqual({
        valid: true,
        errors: [],
        purpose: null,
        fields: [
          { coordinate: 'Query.person', path: 'person', access: 'ALLOW', mask: null, ownRecord: null, rule: expect.stringMatching(/^population\.yaml:\d+$/) },
          {
            coordinate: 'Person.householdAddress',
            path: 'person.householdAddress',
            access: 'DENY',
            mask: null,
            ownRecord: 'ALLOW',
            rule: expect.stringMatching(/^population\.yaml:\d+$/),
          },
        ],
      });
    });

    it('an auditor, a described reviewer with a purpose → decided for that purpose', async () => {
      const body = await explain({ reader: { roles: ['reviewer'], dept: 'market', clearance: 3 }, purpose: 'application-review' }, AUDITOR);
      expect(body.data.explainAccess.purpose).toBe('application-review');
      expect(body.data.explainAccess.fields[1]).toMatchObject({ coordinate: 'Person.householdAddress', access: 'ALLOW' });
    });

    it('a purpose the vocabulary does not declare → BAD_USER_INPUT, as policy explain --purpose refuses it', async () => {
      expect(errorOf(await explain({ purpose: 'curiosity' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'purpose' });
    });

    it('a role the vocabulary does not declare → BAD_USER_INPUT naming it', async () => {
      const body = await explain({ reader: { roles: ['reviwer'], clearance: 3 } });
      expect(errorOf(body)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'reader.roles' });
      expect(body.errors![0].message).toContain('did you mean "reviewer"?');
    });

    it('a caseworker → FORBIDDEN', async () => {
      expect(errorOf(await explain({}, CASEWORKER))).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Query.explainAccess' });
    });
  });

  describe('accessMatrix', () => {
    it('an auditor → anonymous and each role as its typical holder, each field with its cells as policy matrix writes them', async () => {
      const body = await matrix({});
      expect(body.errors).toBeUndefined();
      const { readers, rows, policyVersion } = body.data.accessMatrix;
      expect(policyVersion).toMatch(/^[0-9a-f]{64}$/);
      expect(readers[0]).toEqual({ key: 'anonymous', label: 'anonymous' });
      expect(readers).toContainEqual({ key: 'role:citizen|dept:none|clearance:1', label: 'citizen (no department, clearance 1)' });
      const address = rows.find((row: any) => row.coordinate === 'Person.householdAddress');
      expect(address).toMatchObject({ department: 'population', sensitivity: 3, sharingType: 'CONDITIONAL' });
      expect(address.cells.find((cell: any) => cell.reader === 'role:citizen|dept:none|clearance:1')).toEqual({
        reader: 'role:citizen|dept:none|clearance:1',
        access: 'DENY',
        mask: null,
        ownRecord: 'ALLOW',
        text: 'own only',
      });
      expect(address.cells.find((cell: any) => cell.reader === 'role:caseworker|dept:services|clearance:2')).toMatchObject({
        access: 'MASK',
        mask: 'address',
        text: 'MASK(address)',
      });
    });

    it("a department → only the rows of that department's file", async () => {
      const body = await matrix({ department: 'licenses' });
      expect(new Set(body.data.accessMatrix.rows.map((row: any) => row.department))).toEqual(new Set(['licenses']));
    });

    it('a caseworker → FORBIDDEN', async () => {
      expect(errorOf(await matrix({}, CASEWORKER))).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Query.accessMatrix' });
    });
  });

  describe('policyReview', () => {
    it('a file that unmasks a field → widening, the change listed for the readers it concerns', async () => {
      const widened = POPULATION.replace(MASKED_FOR_CASEWORKERS, '          - roles: [caseworker]\n');
      expect(widened).not.toBe(POPULATION);
      const body = await review({ files: [{ name: 'population.yaml', content: widened }] });
      expect(body.errors).toBeUndefined();
      const { base, proposal, widening, changes, problems } = body.data.policyReview;
      expect([base, proposal, widening, problems]).toEqual([expect.stringMatching(/^[0-9a-f]{64}$/), 'population.yaml', true, []]);
      expect(changes).toContainEqual({
        coordinate: 'Person.householdAddress',
        reader: expect.stringMatching(/^caseworker\b/),
        kind: 'newly unmasked',
        before: "MASK(address) (others' records)",
        after: "ALLOW (others' records)",
        widening: true,
      });
      expect(changes.every((change: any) => change.coordinate === 'Person.householdAddress')).toBe(true);
    });

    it('a file that does not parse as YAML → its problems with file and line, no change', async () => {
      const body = await review({ files: [{ name: 'population.yaml', content: 'department: population\ntypes: [\n  Person: {\n' }] });
      expect(body.errors).toBeUndefined();
      const { changes, problems, widening } = body.data.policyReview;
      expect([changes, widening]).toEqual([[], false]);
      expect(problems).toContainEqual({ file: 'population.yaml', line: expect.any(Number), message: expect.stringMatching(/does not parse as YAML/) });
    });

    it('a name with a path → BAD_USER_INPUT, nothing read', async () => {
      expect(errorOf(await review({ files: [{ name: '../population.yaml', content: POPULATION }] }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'files' });
    });

    it('files and a revision together → BAD_USER_INPUT', async () => {
      expect(errorOf(await review({ files: [{ name: 'population.yaml', content: POPULATION }], revision: 'HEAD' }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    });

    it('a revision that reads as a git option → BAD_USER_INPUT', async () => {
      expect(errorOf(await review({ revision: '--output=/tmp/x' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'revision' });
    });

    it('a revision of the repository → the policy folder as committed there, compared', async () => {
      const body = await review({ revision: 'HEAD' });
      expect(body.errors).toBeUndefined();
      expect(body.data.policyReview.proposal).toBe('HEAD:policies');
    });

    it('an auditor → FORBIDDEN (reviewing is for officers)', async () => {
      expect(errorOf(await review({ revision: 'HEAD' }, AUDITOR))).toMatchObject({ code: 'FORBIDDEN', coordinate: 'Query.policyReview' });
    });
  });
});
