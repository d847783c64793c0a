import { budgetOf } from '../../gateway/limit';
import { limitsTestKit, type LimitsKit } from '../support/limitsTestKit';

const BUDGETS = { anonymous: 100, default: 1000, analyst: 5000 };
/** 1 (people) + 1 (edges) + 50 × (node 1 + name 1) = 102. */
const PAGE_OF_50 = '{ people(first: 50) { edges { node { name } } } }';
/** 2 + 100 × (node 1 + name 1 + friends (1 + 20 × name 1)) = 2,302. */
const PAGE_WITH_LISTS = '{ people(first: 100) { edges { node { name friends { name } } } } }';

describe('cost limit per role', () => {
  let kit: LimitsKit;
  beforeAll(async () => (kit = await limitsTestKit({ cost: { budgets: BUDGETS } })));
  afterAll(() => kit.stop());

  it('anonymous reader over their budget → 400 COST_LIMIT_EXCEEDED with their budget and the cost', async () => {
    const { status, errors } = await kit.run(PAGE_OF_50);
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'COST_LIMIT_EXCEEDED', limit: 100, measured: 102 }]);
  });

  it('the same document for a staff role without a budget of its own → served on the default budget', async () => {
    expect((await kit.run(PAGE_OF_50, { roles: ['caseworker'] })).status).toBe(200);
  });

  it('default budget exceeded → refused for a role without a budget of its own', async () => {
    expect((await kit.run(PAGE_WITH_LISTS, { roles: ['caseworker'] })).errors?.[0].extensions).toEqual({ code: 'COST_LIMIT_EXCEEDED', limit: 1000, measured: 2302 });
  });

  it('a reader with several roles → the largest budget of their roles applies', async () => {
    expect((await kit.run(PAGE_WITH_LISTS, { roles: ['caseworker', 'analyst'] })).status).toBe(200);
  });

  it('size given as a variable → its value is what costs', async () => {
    const query = 'query ($n: Int) { people(first: $n) { edges { node { name } } } }';
    expect((await kit.run(query, { variables: { n: 5 } })).status).toBe(200);
    expect((await kit.run(query, { variables: { n: 50 } })).errors?.[0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', measured: 102 });
  });

  it("no size given → the argument's default in the schema (first: Int = 20): 2 + 20 × 2 = 42", async () => {
    expect((await kit.run('{ people { edges { node { name } } } }')).status).toBe(200);
  });

  it('a list nothing sizes → defaultListSize (20): person 1 + friends (1 + 20 × (friends 1 + 20 × name 1)) = 422', async () => {
    const query = '{ person(idNumber: "11010519491231002X") { friends { friends { name } } } }';
    expect((await kit.run(query)).errors?.[0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', measured: 422 });
  });

  it('introspection costs 1 whatever it selects', async () => {
    const query = '{ __schema { types { name fields { name args { name type { name ofType { name } } } } } } }';
    expect((await kit.run(query)).errors).toBeUndefined();
  });

  it("anonymous refused, then a staff reader with the same text → served (the refusal is the reader's, not the document's)", async () => {
    const query = '{ people(first: 60) { edges { node { name } } } }';
    expect((await kit.run(query)).status).toBe(400);
    expect((await kit.run(query, { roles: ['caseworker'] })).status).toBe(200);
  });

  it('over the largest budget of any role → refused before validation, stating that budget', async () => {
    const query = '{ people(first: 100) { edges { node { friends { friends { nope } } } } } }';
    expect((await kit.run(query, { roles: ['analyst'] })).errors?.[0].extensions).toEqual({
      code: 'COST_LIMIT_EXCEEDED',
      limit: 5000,
      measured: 2 + 100 * (1 + 1 + 20 * (1 + 20)),
    });
  });
});

describe('budgetOf', () => {
  it('no token → the anonymous budget', () => {
    expect(budgetOf(null, BUDGETS)).toBe(100);
  });

  it('a token without roles → the default budget', () => {
    expect(budgetOf([], BUDGETS)).toBe(1000);
  });

  it('roles not named → the default budget', () => {
    expect(budgetOf(['citizen'], BUDGETS)).toBe(1000);
  });

  it("a named role → its budget, when larger than the others'", () => {
    expect(budgetOf(['citizen', 'analyst'], BUDGETS)).toBe(5000);
  });

  it('a named role with a budget below the default, with an unnamed one → the default (the largest)', () => {
    expect(budgetOf(['citizen', 'caseworker'], { ...BUDGETS, citizen: 300 })).toBe(1000);
  });
});
