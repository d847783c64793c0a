import type { Identity } from '../../policies';
import { analysis } from '../../subgraphs/analysis';
import { CODES } from '../../schema/contracts/errorCodes';
import { startStack, type Stack } from '../support/startStack';

/**
 * The analysis center behind the gateway, on the shipped policies, without the departments it
 * draws on: the policies let analysts and managers through and no one else, and a figure whose
 * department does not answer fails naming it.
 */
const ANALYST: Identity = { sub: 'staff-analyst-1', roles: ['analyst'], dept: 'statistics', clearance: 2 };
const CASEWORKER: Identity = { sub: 'staff-0001', roles: ['caseworker'], dept: 'services', clearance: 4 };
const CITIZEN: Identity = { sub: '110101199001011234', roles: ['citizen'], dept: null, clearance: 1 };
const QUERY = '{ populationStatistics(groupBy: [SEX]) { asOf total } }';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ departments: [analysis] });
});
afterAll(() => stack?.close());

describe('analysis through the gateway', () => {
  it.each([
    ['an anonymous reader', null],
    ['a caseworker', CASEWORKER],
    ['a citizen', CITIZEN],
  ])('%s → FORBIDDEN by the policies', async (_, as) => {
    const { body } = await stack.request(QUERY, {}, { as, purpose: 'statistics' });
    expect(body.data?.populationStatistics ?? null).toBeNull();
    expect(body.errors?.[0].extensions?.code).toBe(CODES.FORBIDDEN);
  });

  it('an analyst, population not running → let through, and SERVICE_UNAVAILABLE naming population', async () => {
    const { body } = await stack.request(QUERY, {}, { as: ANALYST, purpose: 'statistics' });
    expect(body.errors?.[0].extensions).toMatchObject({ code: CODES.SERVICE_UNAVAILABLE, department: 'population' });
  });
});
