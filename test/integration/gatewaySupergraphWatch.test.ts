import fs from 'node:fs';
import { graphqlRequest } from '../support/graphqlRequest';
import { BETA_SDL, BETA_SDL_WITHOUT_BONUS, composeFixtureSupergraph, startFixtureStack, type FixtureStack } from '../support/fixtureDepartments';

const BONUS_QUERY = '{ things { id bonus } }';

/** Resolves once `check` holds, polling; fails after `timeoutMs`. */
async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The gateway follows its supergraph file: beta serves `bonus` from the start, the graph has it once the file does. */
describe('gateway watching its supergraph file', () => {
  let stack: FixtureStack;
  const bonusIsQueryable = async () => (await graphqlRequest(stack.gateway.url, BONUS_QUERY)).status === 200;

  beforeAll(async () => {
    stack = await startFixtureStack({ betaSdl: BETA_SDL_WITHOUT_BONUS, gateway: { watch: true } });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('refuses a field the loaded supergraph does not have', async () => {
    const { status, body } = await graphqlRequest(stack.gateway.url, BONUS_QUERY);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('serves a field added to the supergraph file, without a restart', async () => {
    fs.writeFileSync(stack.supergraphFile, composeFixtureSupergraph(BETA_SDL));
    await eventually(bonusIsQueryable);
    const { body } = await graphqlRequest(stack.gateway.url, BONUS_QUERY);
    expect(body).toEqual({
      data: {
        things: [
          { id: 't1', bonus: 'bonus for t1' },
          { id: 't2', bonus: 'bonus for t2' },
        ],
      },
    });
  });

  it('keeps the previous supergraph when the file becomes invalid', async () => {
    fs.writeFileSync(stack.supergraphFile, 'schema { query: Query } type Query { broken: ');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await bonusIsQueryable()).toBe(true);
  });

  it('picks up a valid file written after an invalid one', async () => {
    fs.writeFileSync(stack.supergraphFile, composeFixtureSupergraph(BETA_SDL_WITHOUT_BONUS));
    await eventually(async () => !(await bonusIsQueryable()));
  });
});
