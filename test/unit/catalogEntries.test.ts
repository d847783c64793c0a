import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { loadPolicySet, POLICIES_DIR, readSupergraph, type PolicySet } from '../../policies';
import { buildCatalog, catalogFieldsOf, type CatalogEntry } from '../../schema/catalog/catalogEntries';
import { composeSupergraph, readSubgraphSources, SUPERGRAPH_FILE } from '../../schema/composition/composeSupergraph';
import { readResourceCodes, RESOURCE_CODES_FILE } from '../../schema/catalog/resourceCodes';
import { CatalogView } from '../../subgraphs/catalog/CatalogView';

const SUPERGRAPH = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
const SHIPPED = loadPolicySet({ dir: POLICIES_DIR, supergraphSdl: SUPERGRAPH });

/** A department added later: social insurance adds a field to population's Person. */
const PENSION_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Person @key(fields: "idNumber") {
    idNumber: ID!
    "Months of pension contributions."
    pensionMonths: Int!
  }
`;
const PENSION_POLICY = `
department: socialsecurity
types:
  Person:
    fields:
      pensionMonths:
        sharing: conditional
        sensitivity: 2
        updateCycle: monthly
        read:
          - self: true
          - roles: [officer]
            departments: [socialsecurity]
`;

/** The shipped graph with the social insurance department composed in: composed once for the file (composition takes seconds). */
let pensionSupergraph: string | undefined;
const supergraphWithPension = (): string =>
  (pensionSupergraph ??= composeSupergraph([
    ...readSubgraphSources(),
    { name: 'socialsecurity', url: 'http://127.0.0.1:1/graphql', title: 'pensions', files: ['inline'], sdl: PENSION_SDL },
  ]));

/** The shipped graph and policies with the social insurance department added, as its officers would (no code change). */
function withPensionDepartment(dir: string): { supergraphSdl: string; policies: PolicySet } {
  const supergraphSdl = supergraphWithPension();
  fs.cpSync(POLICIES_DIR, dir, { recursive: true, filter: (src) => !src.endsWith('.md') && !src.endsWith('.ts') });
  fs.appendFileSync(path.join(dir, 'vocabulary.yaml'), '  socialsecurity: Human Resources and Social Security Bureau, pension accounts.\n');
  fs.writeFileSync(path.join(dir, 'socialsecurity.yaml'), PENSION_POLICY);
  return { supergraphSdl, policies: loadPolicySet({ dir, supergraphSdl }) };
}

describe('buildCatalog over the shipped graph and policies', () => {
  let entries: CatalogEntry[];
  const entry = (coordinate: string) => entries.find((e) => e.coordinate === coordinate)!;

  beforeAll(() => {
    entries = buildCatalog({ supergraphSdl: SUPERGRAPH, policies: SHIPPED, codes: readResourceCodes() });
  });

  it('every governed field of the supergraph → one entry, sorted by coordinate', () => {
    const coordinates = catalogFieldsOf(readSupergraph(SUPERGRAPH))
      .map((f) => f.coordinate)
      .sort();
    expect(entries.map((e) => e.coordinate)).toEqual(coordinates);
  });

  it('resource codes → the committed ones', () => {
    const { codes } = readResourceCodes();
    for (const e of entries) expect([e.coordinate, e.resourceCode]).toEqual([e.coordinate, codes[e.coordinate]]);
  });

  it('a conditional field → its policy metadata, type, format and who reads it', () => {
    expect(entry('Person.householdAddress')).toEqual({
      coordinate: 'Person.householdAddress',
      resourceName: 'Person: household address',
      resourceCode: readResourceCodes().codes['Person.householdAddress'],
      department: 'population',
      description: 'Address of household registration (hukou).',
      dataType: 'String',
      format: 'text',
      sharing: 'conditional',
      sensitivity: 3,
      updateCycle: 'on-change',
      openToPublic: false,
      readers:
        'ALLOW: reviewer · clearance 3+ · purpose application-review; officer · dept population. MASK(address): caseworker; analyst · purpose statistics. Own record: a signed-in reader whose record it is.',
    });
  });

  it('a field anonymous readers get → open to public', () => {
    expect(entry('Enterprise.name')).toMatchObject({ openToPublic: true, readers: 'ALLOW: everyone (anonymous included).' });
  });

  it('an enum field → its codes as format', () => {
    expect(entry('Enterprise.status')).toMatchObject({ dataType: 'EnterpriseStatus!', format: 'code: ACTIVE | SUSPENDED | REVOKED | DEREGISTERED' });
  });

  it('a list of records → list of record', () => {
    expect(entry('Person.licenses')).toMatchObject({ department: 'licenses', dataType: '[License!]', format: 'list of record: License' });
  });

  it('an action → named as one', () => {
    expect(entry('Mutation.applyForAccess')).toMatchObject({ resourceName: 'Action: apply for access', department: 'catalog' });
  });
});

describe('buildCatalog when a department adds a field', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-catalog-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('composed and covered → the new field is listed with its provider and a new code; no other code changes', () => {
    const { supergraphSdl, policies } = withPensionDepartment(dir);
    const before = buildCatalog({ supergraphSdl: SUPERGRAPH, policies: SHIPPED, codes: readResourceCodes() });
    const after = buildCatalog({ supergraphSdl, policies, codes: readResourceCodes() });
    expect(after.find((e) => e.coordinate === 'Person.pensionMonths')).toMatchObject({
      department: 'socialsecurity',
      resourceCode: 'SOC-01-001',
      sharing: 'conditional',
      updateCycle: 'monthly',
      dataType: 'Int!',
    });
    const codesAfter = new Map(after.map((e) => [e.coordinate, e.resourceCode]));
    for (const e of before) expect([e.coordinate, codesAfter.get(e.coordinate)]).toEqual([e.coordinate, e.resourceCode]);
  });
});

describe('CatalogView', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'govgraph-catalog-view-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the supergraph is recomposed and the policies reloaded → the next answer lists the new field', async () => {
    const supergraphFile = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(supergraphFile, SUPERGRAPH);
    let policies = SHIPPED;
    const view = new CatalogView({ policies: () => policies, supergraphFile, resourceCodesFile: RESOURCE_CODES_FILE, log: pino({ level: 'silent' }) });
    expect(await view.entry('Person.pensionMonths')).toBeUndefined();
    const added = withPensionDepartment(path.join(dir, 'policies'));
    fs.writeFileSync(supergraphFile, `${added.supergraphSdl}\n`);
    policies = added.policies;
    expect(await view.entry('Person.pensionMonths')).toMatchObject({ department: 'socialsecurity' });
  });
});
