import { CASEWORKER, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

/** An operation the gateway cannot pick out of the document is the client's mistake: 400, never 500. */
describe('operation resolution', () => {
  let stack: FixtureStack;

  beforeAll(async () => {
    stack = await startFixtureStack();
  });

  afterAll(async () => {
    await stack?.close();
  });

  async function post(body: Record<string, unknown>) {
    const response = await fetch(stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await stack.authorization(CASEWORKER)) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('an operationName the document does not define → 400 OPERATION_RESOLUTION_FAILURE naming it', async () => {
    expect(await post({ query: 'query A { thing(id: "t1") { id } }', operationName: 'Nope' })).toEqual({
      status: 400,
      body: { errors: [{ message: 'The document defines no operation named "Nope".', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] },
    });
  });

  it('two operations and no operationName → 400 OPERATION_RESOLUTION_FAILURE', async () => {
    expect(await post({ query: 'query A { thing(id: "t1") { id } } query B { thing(id: "t1") { id } }' })).toEqual({
      status: 400,
      body: { errors: [expect.objectContaining({ extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })] },
    });
  });

  it('two operations and the operationName of one → that operation runs', async () => {
    expect(await post({ query: 'query A { thing(id: "t1") { id } } query B { thing(id: "t1") { name } }', operationName: 'B' })).toEqual({
      status: 200,
      body: { data: { thing: { name: expect.any(String) } } },
    });
  });
});
