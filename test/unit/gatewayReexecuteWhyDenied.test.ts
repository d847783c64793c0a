import { buildSchema, parse } from 'graphql';
import { reexecute } from '../../gateway/policy/reexecute';
import { whyDeniedOf } from '../../gateway/policy/whyDeniedOf';

const schema = buildSchema('type Query { enterprise: Enterprise } type Enterprise { name: String address: String }');

async function errorOf(whyDenied?: ReadonlyMap<string, string>): Promise<string | undefined> {
  const result = await reexecute({
    schema,
    document: parse('{ enterprise { name address } }'),
    operationName: null,
    variables: undefined,
    data: { enterprise: { name: 'A Co.' } },
    denied: new Set(['Enterprise.address']),
    whyDenied,
    keyAccess: new Map(),
    readerSub: null,
    applyMask: (_mask, value) => value,
  });
  return result.errors?.[0]?.message;
}

describe('a field the gateway withholds', () => {
  it('no reason given → the plain FORBIDDEN message', async () => {
    expect(await errorOf()).toBe('The policies do not let this reader see Enterprise.address.');
  });

  it('a reason given for its coordinate → the message ends with it', async () => {
    const why = new Map([['Enterprise.address', 'grant G-7 is bound to a service case: name the case in the X-Case-Id header']]);
    expect(await errorOf(why)).toBe('The policies do not let this reader see Enterprise.address: grant G-7 is bound to a service case: name the case in the X-Case-Id header.');
  });
});

describe('the reasons the gateway gives for withheld fields', () => {
  it('a decision a case-bound grant would open with a case named → the sentence naming the grant and X-Case-Id', () => {
    const decision = { coordinate: 'Enterprise.address', others: { kind: 'DENY' as const }, caseRequiredBy: 'G-7', rule: null, reason: 'r' };
    expect(whyDeniedOf([decision]).get('Enterprise.address')).toBe('grant G-7 is bound to a service case: name the case in the X-Case-Id header');
  });

  it('a decision no grant touches → no sentence', () => {
    expect(whyDeniedOf([{ coordinate: 'Enterprise.address', others: { kind: 'DENY' }, rule: null, reason: 'r' }]).size).toBe(0);
  });
});
