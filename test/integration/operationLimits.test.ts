import { startStack, type Stack, KIT_DEPARTMENTS } from '../support/startStack';

const CASEWORKER = { sub: 'caseworker-0001', roles: ['caseworker'], dept: 'services', clearance: 2 };
/** The caseworker's query from issue 9: `applications { applicant { … } }` twelve times under `people(first: 100)`. */
const DEEP = `{ people(first: 100) { edges { node { ${'applications { applicant { '.repeat(12)}name${' } }'.repeat(12)} } } } }`;
/** The anonymous alias flood from issue 9. */
const ALIASES = `{ ${Array.from({ length: 2000 }, (_, i) => `a${i}: serviceItems { code }`).join(' ')} }`;
const VALID = '{ serviceItems { code name } }';
/** 2 + 100 × (node 1 + name 1 + licenses (1 + 20 × kind 1)) = 2,302. */
const PAGE_WITH_LISTS = '{ enterprises(first: 100) { edges { node { name licenses { kind } } } } }';

/**
 * The request's wall-clock time, and the CPU time this process (gateway and departments, all in
 * it) spent meanwhile. A refusal is quick when either is under the bound: on a machine whose cores
 * the other suites share, the wall clock also counts the wait for a core, the CPU time does not.
 */
async function timed<T>(request: () => Promise<T>): Promise<{ quick: boolean; response: T }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const response = await request();
  const { user, system } = process.cpuUsage(cpu);
  return { quick: performance.now() - started < 100 || (user + system) / 1000 < 100, response };
}

describe('operation limits through the gateway', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ departments: KIT_DEPARTMENTS, scale: 0.05 });
    // Warms the gateway up, so that what is timed is the refusal.
    expect((await stack.request(VALID)).status).toBe(200);
  });

  afterAll(() => stack?.close());

  it("the caseworker's twelve-fold nesting under people(first: 100) → 400 MAX_DEPTH_EXCEEDED in under 100 ms", async () => {
    const { quick, response } = await timed(() => stack.request(DEEP, {}, { as: CASEWORKER, purpose: 'service-acceptance' }));
    expect([response.status, response.body.errors?.[0].extensions, quick]).toEqual([400, { code: 'MAX_DEPTH_EXCEEDED', limit: 10, measured: 28 }, true]);
  });

  it('2,000 aliases of serviceItems, anonymous → 400 before parsing (MAX_TOKENS_EXCEEDED) in under 100 ms', async () => {
    const { quick, response } = await timed(() => stack.request(ALIASES));
    expect([response.status, response.body.errors?.[0].extensions, quick]).toEqual([400, { code: 'MAX_TOKENS_EXCEEDED', limit: 5000, measured: 5001 }, true]);
  });

  it('a page of 100 enterprises with their licenses, anonymous → 400 COST_LIMIT_EXCEEDED on the anonymous budget', async () => {
    const { status, body } = await stack.request(PAGE_WITH_LISTS);
    expect([status, body.errors?.[0].extensions]).toEqual([400, { code: 'COST_LIMIT_EXCEEDED', limit: 1000, measured: 2302 }]);
  });

  it('the same page for a caseworker → within the staff budget, served', async () => {
    const { status, body } = await stack.request(PAGE_WITH_LISTS, {}, { as: CASEWORKER, purpose: 'service-acceptance' });
    expect([status, body.data?.enterprises.edges.length > 0]).toEqual([200, true]);
  });

  it('after the refusals, the next valid request → served', async () => {
    await stack.request(DEEP, {}, { as: CASEWORKER, purpose: 'service-acceptance' });
    await stack.request(ALIASES);
    const { status, body } = await stack.request(VALID);
    expect([status, body.errors, body.data.serviceItems.length > 0]).toEqual([200, undefined, true]);
  });

  it('an ID number with a wrong check character → 400 BAD_USER_INPUT, and the population department is not asked', async () => {
    const before = stack.statementCounts().population;
    const { status, body } = await stack.request('{ person(idNumber: "110105194912310021") { name } }', {}, { as: CASEWORKER, purpose: 'service-acceptance' });
    expect([status, body.errors?.[0].extensions, stack.statementCounts().population - before]).toEqual([400, { code: 'BAD_USER_INPUT', argument: 'idNumber' }, 0]);
  });

  it('a body over 256 KB → 413 REQUEST_TOO_LARGE', async () => {
    const { status, body } = await stack.request(VALID, { pad: 'x'.repeat(256 * 1024) });
    expect([status, body.errors?.[0].extensions?.code]).toEqual([413, 'REQUEST_TOO_LARGE']);
  });

  it('a GET without a preflight header → 400 (CSRF prevention)', async () => {
    const response = await fetch(`${stack.gateway.url}?query=${encodeURIComponent(VALID)}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(400);
  });
});
