import { ApolloServer } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import { gatewayConfigOf, readGatewayConfig, type GatewayConfigInput } from '../../gateway/config';
import { useOperationLimits } from '../../gateway/limit';
import { documentRefusal } from '../../gateway/limit/documentRefusal';
import { longTextVariables } from '../../gateway/limit/longTextVariables';
import { requestRefusal } from '../../gateway/limit/requestRefusal';
import { anonymousReader, type RequestContext } from '../../gateway/request';

/** The catalog's fields that take long text, beside ordinary string arguments. */
const LONG_TEXT_SDL = /* GraphQL */ `
  type Query {
    explainMyAccess(query: String!): String
    explainAccess(query: String!, reader: ReaderInput!, purpose: String): String
    policyReview(files: [PolicyFileInput!], revision: String): String
    search(text: String): String
  }
  input ReaderInput {
    roles: [String!]
  }
  input PolicyFileInput {
    name: String!
    content: String!
  }
`;

const schema = buildSchema(LONG_TEXT_SDL);
const TEXT_50_KB = 'x'.repeat(50 * 1024);
const EXPLAIN = 'query ($q: String!) { explainMyAccess(query: $q) }';
const REVIEW = 'query ($files: [PolicyFileInput!]) { policyReview(files: $files) }';

/** What the limit stage answers for this operation, as its plugin asks: the document first, then the request; null when served. */
function refusalOf(query: string, variables: Record<string, unknown> = {}, limits: GatewayConfigInput['limits'] = {}) {
  const config = gatewayConfigOf({ limits }).limits;
  const document = parse(query);
  const refusal = documentRefusal(schema, document, config) ?? requestRefusal(schema, document, { variables, budget: 10_000 }, config);
  return refusal && { message: refusal.message, extensions: refusal.extensions };
}

describe('long text at the positions declared for it', () => {
  it('a 50 KB literal at Query.explainMyAccess.query → accepted', () => {
    expect(refusalOf(`{ explainMyAccess(query: ${JSON.stringify(TEXT_50_KB)}) }`)).toBeNull();
  });

  it('a 50 KB variable at Query.explainMyAccess.query → accepted', () => {
    expect(refusalOf(EXPLAIN, { q: TEXT_50_KB })).toBeNull();
  });

  it('a 50 KB variable used through a fragment at Query.explainAccess.query → accepted', () => {
    const query = 'query ($q: String!) { ...E } fragment E on Query { explainAccess(query: $q, reader: { roles: ["officer"] }) }';
    expect(refusalOf(query, { q: TEXT_50_KB })).toBeNull();
  });

  it('50 KB policy files (PolicyFileInput.content) in a list of input objects in a variable → accepted', () => {
    const files = [
      { name: 'population.yaml', content: TEXT_50_KB },
      { name: 'market.yaml', content: TEXT_50_KB },
    ];
    expect(refusalOf(REVIEW, { files })).toBeNull();
  });

  it('a 50 KB policy file written as a literal input object → accepted', () => {
    expect(refusalOf(`{ policyReview(files: [{ name: "a.yaml", content: ${JSON.stringify(TEXT_50_KB)} }]) }`)).toBeNull();
  });

  it('a long default of a variable used at Query.explainMyAccess.query → accepted', () => {
    expect(refusalOf(`query ($q: String! = ${JSON.stringify(TEXT_50_KB)}) { explainMyAccess(query: $q) }`)).toBeNull();
  });
});

describe('long text anywhere else', () => {
  it('a 50 KB literal at another argument → BAD_USER_INPUT naming it, with the normal limit', () => {
    expect(refusalOf(`{ search(text: ${JSON.stringify(TEXT_50_KB)}) }`)?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'text',
      limit: 1000,
      measured: 51200,
      http: { status: 400 },
    });
  });

  it('a 50 KB variable used only at another argument → BAD_USER_INPUT naming the variable', () => {
    expect(refusalOf('query ($t: String) { search(text: $t) }', { t: TEXT_50_KB })?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 't', limit: 1000 });
  });

  it('a 50 KB variable used at a long-text position and at another argument → BAD_USER_INPUT naming the other argument', () => {
    const query = 'query ($q: String!) { explainMyAccess(query: $q) search(text: $q) }';
    expect(refusalOf(query, { q: TEXT_50_KB })?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'text', limit: 1000, measured: 51200 });
  });

  it("a long-text field's sibling argument (Query.explainAccess.purpose) at 50 KB → BAD_USER_INPUT naming it", () => {
    const query = `{ explainAccess(query: "{ items { code } }", reader: {}, purpose: ${JSON.stringify(TEXT_50_KB)}) }`;
    expect(refusalOf(query)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'purpose', limit: 1000 });
  });

  it('a 50 KB PolicyFileInput.name beside the content, in a variable → BAD_USER_INPUT naming `name`', () => {
    expect(refusalOf(REVIEW, { files: [{ name: TEXT_50_KB, content: 'ok' }] })?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'name', limit: 1000 });
  });

  it('a declared variable used nowhere, holding 50 KB → BAD_USER_INPUT naming it, with the normal limit', () => {
    const query = 'query ($q: String!, $unused: String) { explainMyAccess(query: $q) }';
    expect(refusalOf(query, { q: 'short', unused: TEXT_50_KB })?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'unused', limit: 1000 });
  });

  it("an unused variable's 50 KB default → BAD_USER_INPUT with the normal limit", () => {
    const query = `query ($unused: String = ${JSON.stringify(TEXT_50_KB)}) { explainMyAccess(query: "{ items { code } }") }`;
    expect(refusalOf(query)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: '$unused', limit: 1000 });
  });

  it('the refusal names the argument, never the value', () => {
    const secret = `11010519491231002X${'x'.repeat(2000)}`;
    expect(JSON.stringify(refusalOf(`{ search(text: "${secret}") }`))).not.toContain('11010519491231002X');
  });

  it('no long-text positions configured → the normal limit at Query.explainMyAccess.query too', () => {
    expect(refusalOf(EXPLAIN, { q: TEXT_50_KB }, { longTextArguments: [] })?.extensions).toMatchObject({ variable: 'q', limit: 1000 });
  });
});

describe('longTextVariables', () => {
  it('input types referring to one another, the long-text field one step away → the variable of the outer type feeds it', () => {
    const cyclic = buildSchema('type Query { submit(draft: Draft): String } input Draft { section: Section } input Section { draft: Draft, body: String }');
    const document = parse('query ($d: Draft, $other: String) { submit(draft: $d) }');
    expect([...longTextVariables(cyclic, document, new Set(['Section.body']))]).toEqual(['d']);
  });
});

describe('the long-text limit', () => {
  const overLimit = 'x'.repeat(200_001);

  it('a literal over maxLongTextLength at a long-text position → BAD_USER_INPUT with the long limit', () => {
    expect(refusalOf(`{ explainMyAccess(query: "${overLimit}") }`)?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'query', limit: 200_000, measured: 200_001 });
  });

  it('a variable over maxLongTextLength at a long-text position → BAD_USER_INPUT with the long limit', () => {
    expect(refusalOf(EXPLAIN, { q: overLimit })?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'q', limit: 200_000, measured: 200_001 });
  });

  it('a policy file over a lowered maxLongTextLength → BAD_USER_INPUT naming `content`', () => {
    const refusal = refusalOf(`{ policyReview(files: [{ name: "a.yaml", content: ${JSON.stringify(TEXT_50_KB)} }]) }`, {}, { maxLongTextLength: 10_000 });
    expect(refusal?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'content', limit: 10_000 });
  });

  it('maxLongTextLength below maxStringLength → the normal limit holds at long-text positions', () => {
    expect(refusalOf(EXPLAIN, { q: 'x'.repeat(1500) }, { maxStringLength: 2000, maxLongTextLength: 1000 })).toBeNull();
  });
});

describe('long-text settings', () => {
  it('nothing set → the catalog positions, up to 200,000 characters', () => {
    const { limits } = readGatewayConfig({});
    expect([limits.longTextArguments, limits.maxLongTextLength]).toEqual([['Query.explainMyAccess.query', 'Query.explainAccess.query', 'PolicyFileInput.content'], 200_000]);
  });

  it('GOVGRAPH_LONG_TEXT_ARGUMENTS and GOVGRAPH_MAX_LONG_TEXT_LENGTH → read as a list and a number', () => {
    const { limits } = readGatewayConfig({ GOVGRAPH_LONG_TEXT_ARGUMENTS: ' Query.note.text ,NoteInput.body,', GOVGRAPH_MAX_LONG_TEXT_LENGTH: '50000' });
    expect([limits.longTextArguments, limits.maxLongTextLength]).toEqual([['Query.note.text', 'NoteInput.body'], 50_000]);
  });

  it('GOVGRAPH_LONG_TEXT_ARGUMENTS=none → no long-text positions', () => {
    expect(readGatewayConfig({ GOVGRAPH_LONG_TEXT_ARGUMENTS: 'none' }).limits.longTextArguments).toEqual([]);
  });

  it('an entry that is not a coordinate → refused at start-up, naming the variable', () => {
    expect(() => readGatewayConfig({ GOVGRAPH_LONG_TEXT_ARGUMENTS: 'explainMyAccess' })).toThrow(/GOVGRAPH_LONG_TEXT_ARGUMENTS='explainMyAccess': each entry is/);
  });
});

describe('long text through the limit stage', () => {
  let server: ApolloServer<RequestContext>;
  beforeAll(async () => {
    const { plugin, serverOptions } = useOperationLimits(gatewayConfigOf().limits, { mode: 'production' });
    server = new ApolloServer<RequestContext>({ typeDefs: LONG_TEXT_SDL, resolvers: { Query: { explainMyAccess: () => 'explained' } }, plugins: [plugin], ...serverOptions });
    await server.start();
  });
  afterAll(() => server.stop());

  const run = async (query: string, variables: Record<string, unknown>) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: { reader: anonymousReader('test'), clientAddress: '127.0.0.1' } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status ?? 200, data: response.body.singleResult.data, code: response.body.singleResult.errors?.[0].extensions?.code };
  };

  it('a 50 KB variable at Query.explainMyAccess.query → served', async () => {
    expect(await run(EXPLAIN, { q: TEXT_50_KB })).toEqual({ status: 200, data: { explainMyAccess: 'explained' }, code: undefined });
  });

  it('a 50 KB variable at another argument → 400 BAD_USER_INPUT', async () => {
    expect(await run('query ($t: String) { search(text: $t) }', { t: TEXT_50_KB })).toMatchObject({ status: 400, code: 'BAD_USER_INPUT' });
  });
});
