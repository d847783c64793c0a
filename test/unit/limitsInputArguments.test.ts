import { buildSchema, GraphQLID, GraphQLString } from 'graphql';
import { identifierChecksOf } from '../../gateway/limit/identifierChecksOf';
import { limitsTestKit, VALID_CREDIT_CODE, VALID_ID_NUMBER, type LimitsKit } from '../support/limitsTestKit';

/** A check character off by one: the format is right, the number is not. */
const BAD_ID_NUMBER = '110105194912310021';
const BAD_CREDIT_CODE = '91350100M000100Y44';
const SUBMIT = 'mutation ($input: SubmitInput!) { submit(input: $input) }';

describe('identifier arguments', () => {
  let kit: LimitsKit;
  beforeAll(async () => (kit = await limitsTestKit()));
  afterAll(() => kit.stop());

  it('ID number literal with a wrong check character → 400 BAD_USER_INPUT naming the argument', async () => {
    const { status, errors } = await kit.run(`{ person(idNumber: "${BAD_ID_NUMBER}") { name } }`);
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', argument: 'idNumber' }]);
  });

  it('the refusal never repeats the identifier it refused', async () => {
    const { errors } = await kit.run(`{ person(idNumber: "${BAD_ID_NUMBER}") { name } }`);
    expect(JSON.stringify(errors)).not.toContain(BAD_ID_NUMBER);
  });

  it('well-formed ID number → served', async () => {
    expect(await kit.run(`{ person(idNumber: "${VALID_ID_NUMBER}") { name } }`)).toEqual({ status: 200, data: { person: null } });
  });

  it('ID number in a variable with a wrong check character → BAD_USER_INPUT', async () => {
    const { status, errors } = await kit.run('query ($id: ID!) { person(idNumber: $id) { name } }', { variables: { id: BAD_ID_NUMBER } });
    expect([status, errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
  });

  it("ID number as a variable's default, the variable not given → BAD_USER_INPUT", async () => {
    const { errors } = await kit.run(`query ($id: ID! = "${BAD_ID_NUMBER}") { person(idNumber: $id) { name } }`);
    expect(errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'idNumber' });
  });

  it('ID number in a fragment → BAD_USER_INPUT', async () => {
    const { errors } = await kit.run(`{ ...P } fragment P on Query { person(idNumber: "${BAD_ID_NUMBER}") { name } }`);
    expect(errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'idNumber' });
  });

  it('credit code with a wrong check character → BAD_USER_INPUT', async () => {
    expect((await kit.run(`{ enterprise(creditCode: "${BAD_CREDIT_CODE}") { name } }`)).errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'creditCode' });
  });

  it('identifier inside an input object literal (applicantIdNumber) → BAD_USER_INPUT', async () => {
    const { errors } = await kit.run(`mutation { submit(input: { applicantIdNumber: "${BAD_ID_NUMBER}" }) }`);
    expect(errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'applicantIdNumber' });
  });

  it('identifier inside an input object variable (enterpriseCreditCode) → BAD_USER_INPUT', async () => {
    const { errors } = await kit.run(SUBMIT, { variables: { input: { applicantIdNumber: VALID_ID_NUMBER, enterpriseCreditCode: BAD_CREDIT_CODE } } });
    expect(errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'enterpriseCreditCode' });
  });

  it('well-formed identifiers in an input object → served', async () => {
    expect(await kit.run(SUBMIT, { variables: { input: { applicantIdNumber: VALID_ID_NUMBER, enterpriseCreditCode: VALID_CREDIT_CODE } } })).toEqual({
      status: 200,
      data: { submit: true },
    });
  });

  it('a string argument that names no identifier is not checked as one', async () => {
    expect((await kit.run(`{ search(text: "${BAD_ID_NUMBER}") { code } }`)).status).toBe(200);
  });
});

describe('string arguments', () => {
  let kit: LimitsKit;
  beforeAll(async () => (kit = await limitsTestKit()));
  afterAll(() => kit.stop());

  it('literal string over the length limit → 400 BAD_USER_INPUT with the limit and its length', async () => {
    const { status, errors } = await kit.run(`{ search(text: "${'x'.repeat(1001)}") { code } }`);
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', argument: 'text', limit: 1000, measured: 1001 }]);
  });

  it('literal string at the length limit → served', async () => {
    expect((await kit.run(`{ search(text: "${'x'.repeat(1000)}") { code } }`)).status).toBe(200);
  });

  it('a 900 KB string in a variable → BAD_USER_INPUT naming the variable', async () => {
    const { status, errors } = await kit.run('query ($t: String) { search(text: $t) { code } }', { variables: { t: 'x'.repeat(900 * 1024) } });
    expect([status, errors?.[0].extensions]).toEqual([400, { code: 'BAD_USER_INPUT', variable: 't', limit: 1000, measured: 921600 }]);
  });

  it('a long string inside a list variable → BAD_USER_INPUT', async () => {
    const { errors } = await kit.run('query ($tags: [String!]) { search(tags: $tags) { code } }', { variables: { tags: ['a', 'y'.repeat(1001)] } });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'tags', measured: 1001 });
  });

  it('a 900 KB identifier in a variable → refused for its length, not run through the check', async () => {
    const { errors } = await kit.run('query ($id: ID!) { person(idNumber: $id) { name } }', { variables: { id: '1'.repeat(900 * 1024) } });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', variable: 'id', measured: 921600 });
  });
});

describe('identifierChecksOf', () => {
  it('a graph where no type holds `idNumber` as an ID → an `idNumber` argument is not an identifier there', () => {
    const schema = buildSchema('type Query { person(idNumber: ID!): Person } type Person { idNumber: String }');
    expect(identifierChecksOf(schema)('idNumber', GraphQLID)).toBeUndefined();
  });

  it('a graph whose entity holds `creditCode: ID!` → `holderCreditCode: String` is checked as a credit code', () => {
    const schema = buildSchema('type Query { license(holderCreditCode: String): Enterprise } type Enterprise { creditCode: ID! }');
    expect(identifierChecksOf(schema)('holderCreditCode', GraphQLString)?.kind).toBe('unified social credit code (GB 32100)');
  });
});
