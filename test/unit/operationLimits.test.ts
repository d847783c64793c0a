import { limitsTestKit, VALID_ID_NUMBER, type LimitsKit } from '../support/limitsTestKit';

const person = (selection: string) => `{ person(idNumber: "${VALID_ID_NUMBER}") { ${selection} } }`;
/** `person { mentor { … { name } } }`: `depth` levels of fields. */
const nested = (depth: number) => person(`${'mentor { '.repeat(depth - 2)}name${' }'.repeat(depth - 2)}`);
const aliased = (count: number) => person(Array.from({ length: count }, (_, i) => `a${i}: name`).join(' '));
const rootFields = (count: number) => `{ ${'items { code } '.repeat(count)}}`;
const directed = (count: number) => person('name @include(if: true) '.repeat(count));

describe('operation limits', () => {
  let kit: LimitsKit;
  beforeAll(async () => (kit = await limitsTestKit()));
  afterAll(() => kit.stop());

  it('depth over the limit → 400 MAX_DEPTH_EXCEEDED with the limit and the depth found', async () => {
    const { status, errors } = await kit.run(nested(11));
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'MAX_DEPTH_EXCEEDED', limit: 10, measured: 11 }]);
  });

  it('depth at the limit → served', async () => {
    expect(await kit.run(nested(10))).toEqual({ status: 200, data: { person: null } });
  });

  it('fragments add no depth of their own', async () => {
    const query = `${person('...M')} fragment M on Person { mentor { ... on Person { ${'mentor { '.repeat(6)}name${' }'.repeat(6)} } } }`;
    expect(await kit.run(query)).toEqual({ status: 200, data: { person: null } });
  });

  it('depth through a fragment spread over the limit → MAX_DEPTH_EXCEEDED', async () => {
    const query = `${person('mentor { ...M }')} fragment M on Person { ${'mentor { '.repeat(8)}name${' }'.repeat(8)} }`;
    expect((await kit.run(query)).errors?.[0].extensions).toEqual({ code: 'MAX_DEPTH_EXCEEDED', limit: 10, measured: 11 });
  });

  it('aliases over the limit → 400 MAX_ALIASES_EXCEEDED', async () => {
    const { status, errors } = await kit.run(aliased(31));
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'MAX_ALIASES_EXCEEDED', limit: 30, measured: 31 }]);
  });

  it('aliases at the limit → served', async () => {
    expect((await kit.run(aliased(30))).status).toBe(200);
  });

  it('aliases of __typename count like any other', async () => {
    const query = `{ ${Array.from({ length: 31 }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect((await kit.run(query)).errors?.[0].extensions).toMatchObject({ code: 'MAX_ALIASES_EXCEEDED', measured: 31 });
  });

  it('a fragment with aliases counts each time it is spread', async () => {
    const query = `${person('...A ...A')} fragment A on Person { ${Array.from({ length: 16 }, (_, i) => `a${i}: name`).join(' ')} }`;
    expect((await kit.run(query)).errors?.[0].extensions).toMatchObject({ code: 'MAX_ALIASES_EXCEEDED', measured: 32 });
  });

  it('root fields over the limit → 400 MAX_ROOT_FIELDS_EXCEEDED', async () => {
    const { status, errors } = await kit.run(rootFields(21));
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'MAX_ROOT_FIELDS_EXCEEDED', limit: 20, measured: 21 }]);
  });

  it('root fields at the limit → served', async () => {
    expect((await kit.run(rootFields(20))).status).toBe(200);
  });

  it('root fields through fragments count', async () => {
    const query = `{ ...R ...R ... on Query { items { code } } } fragment R on Query { ${'items { code } '.repeat(10)}}`;
    expect((await kit.run(query)).errors?.[0].extensions).toMatchObject({ code: 'MAX_ROOT_FIELDS_EXCEEDED', measured: 21 });
  });

  it('directives over the limit → 400 MAX_DIRECTIVES_EXCEEDED', async () => {
    const { status, errors } = await kit.run(directed(51));
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'MAX_DIRECTIVES_EXCEEDED', limit: 50, measured: 51 }]);
  });

  it('directives at the limit → served', async () => {
    expect((await kit.run(directed(50))).status).toBe(200);
  });

  it('a document over a limit is refused before validation: its unknown fields are not what is reported', async () => {
    const query = person(`${'nope { '.repeat(12)}name${' }'.repeat(12)}`);
    expect((await kit.run(query)).errors?.map((e) => e.extensions?.code)).toEqual(['MAX_DEPTH_EXCEEDED']);
  });

  it("a refused document sent again (from Apollo Server's document cache) → refused again the same way", async () => {
    await kit.run(aliased(31));
    const again = await kit.run(aliased(31));
    expect([again.status, again.errors?.[0].extensions]).toEqual([400, { code: 'MAX_ALIASES_EXCEEDED', limit: 30, measured: 31 }]);
  });

  it('a document within the limits is validated as usual → GRAPHQL_VALIDATION_FAILED', async () => {
    const { status, errors } = await kit.run(person('nope'));
    expect([status, errors?.[0].extensions?.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
  });

  it('a document over the token limit that reaches the parser → parsing stops (GRAPHQL_PARSE_FAILED)', async () => {
    const { status, errors } = await kit.run(`{ items { ${'code '.repeat(5000)}} }`);
    expect([status, errors?.[0].extensions?.code, errors?.[0].message]).toEqual([400, 'GRAPHQL_PARSE_FAILED', expect.stringContaining('5000 tokens')]);
  });
});

describe('operation limits, configured', () => {
  let kit: LimitsKit;
  beforeAll(async () => (kit = await limitsTestKit({ maxDepth: 3, maxAliases: 1, maxRootFields: 2, maxDirectives: 1 })));
  afterAll(() => kit.stop());

  it('limits come from the configuration → refused at the configured depth', async () => {
    expect((await kit.run(nested(4))).errors?.[0].extensions).toEqual({ code: 'MAX_DEPTH_EXCEEDED', limit: 3, measured: 4 });
  });

  it('several limits exceeded → the first in order (depth, aliases, root fields, directives, cost) is reported', async () => {
    const query = `{ a: items { code } b: items { code } c: items { code @skip(if: false) @skip(if: false) } }`;
    expect((await kit.run(query)).errors?.map((e) => e.extensions?.code)).toEqual(['MAX_ALIASES_EXCEEDED']);
  });
});
