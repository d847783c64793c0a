import { jsonNestingDepth } from '../../gateway/limit/jsonNestingDepth';
import { limitsTestKit, VALID_ID_NUMBER, type LimitsKit } from '../support/limitsTestKit';

/** `{ person { ... on Person { … name } } }`: `count` inline fragments nested in one another. */
const nestedInline = (count: number) => `{ person(idNumber: "${VALID_ID_NUMBER}") { ${'... on Person { '.repeat(count)}name${' }'.repeat(count)} } }`;
/** `count` fragments, each spread once side by side: 2 × `count` fragments written. */
const spreadSideBySide = (count: number) =>
  `{ person(idNumber: "${VALID_ID_NUMBER}") { ${Array.from({ length: count }, (_, i) => `...F${i}`).join(' ')} } } ${Array.from({ length: count }, (_, i) => `fragment F${i} on Person { name }`).join(' ')}`;

describe('limits on the shapes hostile documents take', () => {
  let kit: LimitsKit;
  beforeAll(async () => (kit = await limitsTestKit({ maxFragments: 10 })));
  afterAll(() => kit.stop());

  it('more inline fragments nested than the fragment limit → 400 MAX_FRAGMENTS_EXCEEDED with the count', async () => {
    const { status, errors } = await kit.run(nestedInline(11));
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'MAX_FRAGMENTS_EXCEEDED', limit: 10, measured: 11 }]);
  });

  it('fragment definitions and their spreads over the fragment limit → 400 MAX_FRAGMENTS_EXCEEDED, each counted where written', async () => {
    const { status, errors } = await kit.run(spreadSideBySide(6));
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'MAX_FRAGMENTS_EXCEEDED', limit: 10, measured: 12 }]);
  });

  it('fragments at the limit → served', async () => {
    expect(await kit.run(spreadSideBySide(5))).toEqual({ status: 200, data: { person: null } });
  });

  it('a subscription, which the graph does not serve → 400 GRAPHQL_VALIDATION_FAILED, not an internal error', async () => {
    const { status, errors } = await kit.run('subscription { items { code } }');
    expect([status, errors?.[0].extensions?.code, errors?.[0].message]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED', 'The graph serves no subscription operations.']);
  });
});

describe('JSON nesting depth', () => {
  const depthOf = (text: string, max = 64) => jsonNestingDepth(Buffer.from(text), max);

  it('arrays and objects nested in one another → their depth', () => {
    expect(depthOf('{"a":[{"b":[1]}],"c":{}}')).toBe(4);
  });

  it('brackets inside strings, escaped quotes included → not counted', () => {
    expect(depthOf('{"a":"[[{\\"[[","b":"\\\\","c":[1]}')).toBe(2);
  });

  it('deeper than the maximum → counted up to one past it, where the scan stops', () => {
    expect(depthOf('['.repeat(100_000), 64)).toBe(65);
  });
});
