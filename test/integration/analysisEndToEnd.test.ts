import type { Identity } from '../../policies';
import { analysis } from '../../subgraphs/analysis';
import { KIT_DEPARTMENTS, OFFICER, startStack, type Stack } from '../support/startStack';

/**
 * The analysis center over the real departments' statistical extracts: its figures equal what
 * the departments' own records give, and every department it drew on logs one statistics read
 * that a resident sees as their record counted, not as a person reading it.
 */
const ANALYST: Identity = { sub: 'staff-analyst-1', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const MARKET_OFFICER: Identity = { sub: 'officer-market', roles: ['officer', 'caseworker'], dept: 'market', clearance: 4 };

let stack: Stack;
let residents: { idNumber: string; gender: string | null }[];

beforeAll(async () => {
  stack = await startStack({ departments: [...KIT_DEPARTMENTS, analysis], scale: 0.05 });
  const { body } = await stack.request('{ people(first: 100) { totalCount edges { node { idNumber gender } } } }', {}, { as: OFFICER });
  expect(body.data.people.edges).toHaveLength(body.data.people.totalCount);
  residents = body.data.people.edges.map((edge: any) => edge.node);
}, 60_000);
afterAll(() => stack?.close());

const analyst = async (query: string) => {
  const { body } = await stack.request(query, {}, { as: ANALYST, purpose: 'statistics' });
  expect(body.errors).toBeUndefined();
  return body.data;
};

it('population by sex → the registry’s own count of each sex, groups of at least ten published', async () => {
  const { populationStatistics } = await analyst('{ populationStatistics(groupBy: [SEX]) { total groups { key { value } count suppressed } } }');
  const counted = (code: string) => residents.filter((person) => (code === '1' ? person.gender === 'MALE' : person.gender === 'FEMALE')).length;
  expect(populationStatistics.total).toBe(residents.length);
  for (const group of populationStatistics.groups) {
    expect({ sex: group.key[0].value, count: group.count, suppressed: group.suppressed }).toEqual({
      sex: group.key[0].value,
      count: counted(group.key[0].value),
      suppressed: false,
    });
  }
});

it('enterprises holding a valid food permit (market × licenses) → the share the two registries give together', async () => {
  const { body } = await stack.request('{ enterprises(first: 100) { totalCount edges { node { creditCode licenses { kind status validUntil } } } } }', {}, { as: MARKET_OFFICER });
  expect(body.errors).toBeUndefined();
  const today = new Date().toISOString().slice(0, 10);
  const enterprises = body.data.enterprises.edges.map((edge: any) => edge.node);
  const licensed = enterprises.filter((e: any) =>
    (e.licenses ?? []).some((l: any) => l.kind === 'FOOD_OPERATION_PERMIT' && l.status === 'VALID' && (l.validUntil === null || l.validUntil >= today)),
  ).length;
  const { licensedEnterpriseShare } = await analyst('{ licensedEnterpriseShare(kind: "FOOD_OPERATION_PERMIT", divisionLevel: PROVINCE) { total { enterprises licensed } } }');
  expect(licensedEnterpriseShare.total).toEqual({ enterprises: body.data.enterprises.totalCount, licensed });
});

it('after a figure is computed → a resident’s disclosure log shows one STATISTICS row of the population registry', async () => {
  await analyst('{ populationStatistics(groupBy: [AGE_BAND]) { total } }');
  const resident = residents[0].idNumber;
  const { body } = await stack.request(
    '{ myDisclosures(first: 50) { edges { node { action recordKey purpose reader { dept } } } } }',
    {},
    {
      as: { sub: resident, roles: ['citizen'], dept: null, clearance: 1 },
    },
  );
  expect(body.errors).toBeUndefined();
  const statistical = body.data.myDisclosures.edges.map((edge: any) => edge.node).filter((row: any) => row.action === 'STATISTICS');
  expect(statistical.length).toBeGreaterThan(0);
  expect(statistical[0]).toEqual({ action: 'STATISTICS', recordKey: '*', purpose: 'statistics', reader: { dept: 'analysis' } });
});

it('service performance over every month → as many applications as the service platform holds', async () => {
  const { serviceStatistics } = await analyst(
    '{ serviceStatistics(from: "2000-01", to: "2099-12", groupBy: [STATUS]) { total { applications completed rejected } groups { key { value } applications suppressed } } }',
  );
  const { body } = await stack.request('{ people(first: 100) { edges { node { applications { id status } } } } }', {}, { as: OFFICER });
  expect(body.errors).toBeUndefined();
  const held = body.data.people.edges.flatMap((edge: any) => edge.node.applications ?? []);
  const published = serviceStatistics.groups.filter((group: any) => !group.suppressed);
  for (const group of published) expect(group.applications).toBe(held.filter((a: any) => a.status === group.key[0].value).length);
  expect(serviceStatistics.total.applications).toBeGreaterThanOrEqual(held.length);
});
